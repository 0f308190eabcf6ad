"""What the learn area writes for one learner: a module's row, the step reached, the checks answered."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.content import record_version
from app.domain.scoring import GRADERS
from app.extensions import db
from app.models import CheckAnswer, ModuleProgress


def module_progress(user, course, module_id, known=None):
    """The learner's row for this module, made on first visit (once, however many tabs open it).
    known: all their rows, already read this request (progress_of): a module missing from them
    has no row yet, so it is made without asking again."""
    if known is not None and module_id in known:
        return known[module_id]  # every step page: no statement is even built
    query = select(ModuleProgress).where(ModuleProgress.user_id == user.id,
                                         ModuleProgress.course_id == course.id,
                                         ModuleProgress.module_id == module_id)
    row = None if known is not None else db.session.scalar(query)
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
        row.completed_at = clock.now()


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
