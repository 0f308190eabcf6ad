"""The learner's standing: their tests, their modules and where the journey lets them go next.

Read by every area that shows or guards a step of the journey (the home page and lessons, the
tests), so it lives beside the areas rather than inside one of them."""
from sqlalchemy import bindparam, exists, select

from app.domain.journey import JourneyState
from app.extensions import db
from app.models import Attempt, ModuleProgress, SandboxRun
from app.rooms.services import participation


# Built once: on a phone's hot pages, building a statement cost as much as running it.
_ATTEMPTS = select(Attempt).where(Attempt.user_id == bindparam("user_id"),
                                  Attempt.course_id == bindparam("course_id"))
_PROGRESS = select(ModuleProgress).where(ModuleProgress.user_id == bindparam("user_id"),
                                         ModuleProgress.course_id == bindparam("course_id"))


def attempts_of(user, course):
    rows = db.session.scalars(_ATTEMPTS, {"user_id": user.id, "course_id": course.id})
    return {attempt.kind: attempt for attempt in rows}


def progress_of(user, course):
    rows = db.session.scalars(_PROGRESS, {"user_id": user.id, "course_id": course.id})
    return {row.module_id: row for row in rows}


def _attempt_column(column, kind):
    return (select(column).where(Attempt.user_id == bindparam("user_id"),
                                 Attempt.course_id == bindparam("course_id"), Attempt.kind == kind)
            .limit(1).scalar_subquery())


# What the journey needs of a learner's tests and practice, in one statement built once.
_STANDING = select(
    _attempt_column(Attempt.status, "pre").label("pre"),
    _attempt_column(Attempt.status, "post").label("post"),
    _attempt_column(Attempt.confidence, "post").label("post_confidence"),
    exists().where(SandboxRun.user_id == bindparam("user_id"), SandboxRun.completed_at.is_not(None))
    .label("practised"))


def journey_state(user, course, progress=None, participant=False):
    """The learner's standing, with their session's pacing when they are in one.

    progress: their module rows when the caller has them (progress_of);
    participant: their Participant row when the caller has it (None: not in a session).
    """
    progress = progress_of(user, course) if progress is None else progress
    participant = participation(user) if participant is False else participant
    facts = db.session.execute(_STANDING, {"user_id": user.id, "course_id": course.id}).one()
    return JourneyState(
        module_ids=[m.id for m in course.modules],
        pretest_done=facts.pre == "submitted",
        modules_done={mid for mid, row in progress.items() if row.completed_at},
        practice_done=bool(facts.practised),
        posttest_done=facts.post == "submitted",
        posttest_confidence_given=bool(facts.post_confidence),
        room=participant.session.room if participant else None,
        pretest_started=facts.pre is not None,
        posttest_started=facts.post is not None,
    )
