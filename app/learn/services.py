"""Progress through the course for one learner: what is done, what is open, where to go next."""
from sqlalchemy import bindparam, exists, select
from sqlalchemy.exc import IntegrityError

from app.content import record_version
from app.domain.journey import JourneyState
from app.domain.scoring import GRADERS
from app.extensions import db
from app.models import Attempt, CheckAnswer, ModuleProgress, SandboxRun, utcnow
from app.rooms.services import participation


def attempts_of(user, course):
    rows = db.session.scalars(select(Attempt).where(Attempt.user_id == user.id,
                                                    Attempt.course_id == course.id))
    return {attempt.kind: attempt for attempt in rows}


def progress_of(user, course):
    rows = db.session.scalars(select(ModuleProgress).where(ModuleProgress.user_id == user.id,
                                                           ModuleProgress.course_id == course.id))
    return {row.module_id: row for row in rows}


def _attempt_column(column, kind):
    return (select(column).where(Attempt.user_id == bindparam("user_id"),
                                 Attempt.course_id == bindparam("course_id"), Attempt.kind == kind)
            .limit(1).scalar_subquery())


# What the journey needs of a learner's tests and practice, in one statement built once (built per
# request, the statement's construction cost as much as running it).
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
        room=participant.cohort.room if participant else None,
        pretest_started=facts.pre is not None,
        posttest_started=facts.post is not None,
    )


def module_progress(user, course, module_id, known=None):
    """The learner's row for this module, made on first visit (once, however many tabs open it).
    known: the rows already read this request (progress_of), to save a query."""
    if known and module_id in known:
        return known[module_id]
    query = select(ModuleProgress).where(ModuleProgress.user_id == user.id,
                                         ModuleProgress.course_id == course.id,
                                         ModuleProgress.module_id == module_id)
    row = db.session.scalar(query)
    if row is None:
        try:
            with db.session.begin_nested():
                row = ModuleProgress(user_id=user.id, course_id=course.id, module_id=module_id,
                                     current_step=0, steps_seen=0)
                db.session.add(row)
        except IntegrityError:  # another tab made it a moment ago
            row = db.session.scalar(query)
    return row


def record_step(row, step_index):
    """Remember the step being read, so the learner continues here next time. True when that
    changed something to save (reading a step again changes nothing: no write)."""
    seen = max(row.steps_seen or 0, step_index + 1)
    if row.current_step == step_index and row.steps_seen == seen:
        return False
    row.current_step, row.steps_seen = step_index, seen
    return True


def complete_module(row):
    if row.completed_at is None:
        row.completed_at = utcnow()


def answer_checks(user, course, row, choices):
    """Grade a module's "check yourself" answers, keep them, and mark the module done.

    choices: [(item, chosen option key)]. Returns [(item, choice, correct)] for the feedback.
    """
    record_version(course)
    results = []
    for item, choice in choices:
        correct = GRADERS[item.kind](item.answer, choice)
        db.session.add(CheckAnswer(user_id=user.id, course_id=course.id, item_id=item.id,
                                   option=choice, is_correct=correct,
                                   content_hash=course.content_hash))
        results.append((item, choice, correct))
    complete_module(row)
    return results
