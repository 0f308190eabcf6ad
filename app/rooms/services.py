"""People in a session's room: who they are, joining, merging two records of one person."""
from flask import g
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.domain import design
from app.domain.codes import distinct_name, name_key, new_code, normalise_code
from app.extensions import db
from app.models import (
    Attempt,
    CheckAnswer,
    ModuleProgress,
    Participant,
    SandboxRun,
    TrainingSession,
    User,
)


def session_by_code(code):
    code = normalise_code(code)
    return db.session.scalar(select(TrainingSession).where(TrainingSession.join_code == code)) if code else None


def participation(user):
    """The user's place in their newest session (ended ones too: their results live there).

    Read once per request and user: the guards, the journey, the sandbox and the page all ask.
    The signed-in user brings it along (models.load_user reads it with the user)."""
    if not user.is_authenticated or user.role != "participant":
        return None
    known = g.setdefault("participations", {})
    if user.id not in known:
        known[user.id] = (user.newest_participant if "newest_participant" in vars(user) else db.session.scalar(
            select(Participant).where(Participant.user_id == user.id)
            .options(joinedload(Participant.session))  # the room comes along
            .order_by(Participant.id.desc()).limit(1)))
    return known[user.id]


def participant_named(training_session, name):
    """Someone in the room already known by this name (case and spaces aside), or None."""
    key = name_key(name)
    people = db.session.scalars(select(Participant).where(Participant.session_id == training_session.id))
    return next((person for person in people if name_key(person.display_name) == key), None)


def add_participant(training_session, name):
    """A new person in the room, with a user of their own and a personal code."""
    taken = set(db.session.scalars(select(Participant.display_name)
                                   .where(Participant.session_id == training_session.id)))
    first = design.first_form(len(taken))  # counterbalanced by arrival: a, b, a, b, …
    for _attempt in range(10):
        code = new_code(6)
        try:
            with db.session.begin_nested():
                user = User(username=f"p-{code.lower()}", display_name=distinct_name(name, taken),
                            role="participant")
                db.session.add(user)
                db.session.flush()
                participant = Participant(session_id=training_session.id, user_id=user.id, first_form=first,
                                          display_name=user.display_name, personal_code=code)
                db.session.add(participant)
            return participant
        except IntegrityError:
            continue
    raise RuntimeError("no free personal code")


class MergeConflict(Exception):
    """Both records hold a submitted test of the same kind: which one counts is not ours to guess."""

    def __init__(self, kind):
        super().__init__(kind)
        self.kind = kind


def merge(keep, other):
    """Make `other` part of `keep`: its tests, progress and practice move over, and its phone
    goes on as `keep` (User.merged_into_id). Raises MergeConflict, changing nothing."""
    mine = {a.kind: a for a in db.session.scalars(select(Attempt).where(Attempt.user_id == keep.user_id))}
    theirs = list(db.session.scalars(select(Attempt).where(Attempt.user_id == other.user_id)))
    for attempt in theirs:
        kept = mine.get(attempt.kind)
        if kept is not None and kept.submitted and attempt.submitted:
            raise MergeConflict(attempt.kind)
    for attempt in theirs:
        kept = mine.get(attempt.kind)
        if kept is not None and (kept.submitted or not attempt.submitted):
            db.session.delete(attempt)  # an unfinished sitting beside a finished or equal one
            continue
        if kept is not None:
            db.session.delete(kept)
            db.session.flush()
        attempt.user_id = keep.user_id
    _merge_progress(keep.user_id, other.user_id)
    for model in (CheckAnswer, SandboxRun):
        db.session.execute(update(model).where(model.user_id == other.user_id)
                           .values(user_id=keep.user_id))
    keep.helper_name = keep.helper_name or other.helper_name
    keep.hand_raised_at = keep.hand_raised_at or other.hand_raised_at
    other.user.merged_into_id = keep.user_id
    db.session.delete(other)
    db.session.flush()


def _merge_progress(keep_id, other_id):
    rows = {row.module_id: row for row in db.session.scalars(
        select(ModuleProgress).where(ModuleProgress.user_id == keep_id))}
    for row in db.session.scalars(select(ModuleProgress).where(ModuleProgress.user_id == other_id)):
        kept = rows.get(row.module_id)
        if kept is None:
            row.user_id = keep_id
            continue
        kept.steps_seen = max(kept.steps_seen or 0, row.steps_seen or 0)
        kept.current_step = max(kept.current_step or 0, row.current_step or 0)
        kept.completed_at = kept.completed_at or row.completed_at
    db.session.flush()
    db.session.execute(delete(ModuleProgress).where(ModuleProgress.user_id == other_id))
