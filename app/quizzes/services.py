"""Taking the course test: start an attempt, save answers as they come, submit once, score."""
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app import clock
from app.content import record_version, version_items
from app.domain import design
from app.domain.scoring import layout, score
from app.extensions import db, dialect_insert
from app.models import Answer, Attempt
from app.rooms.services import participation


def form_of(user, course, kind):
    """The form this person takes for the pre- or posttest: their session's design and the
    first form they were given on joining; a self-paced learner is counterbalanced by id."""
    participant = participation(user)
    if participant is not None:
        design_, first = participant.session.test_design, participant.first_form
    else:
        design_, first = design.PARALLEL, design.first_form(user.id)
    return design.form_for(kind, design_, first, course.forms)


# Built once: every autosave reads the attempt, and building the statement cost as much as running it.
_ATTEMPT = select(Attempt).where(Attempt.user_id == bindparam("user_id"),
                                 Attempt.course_id == bindparam("course_id"), Attempt.kind == bindparam("kind"))


def attempt_of(user, course, kind):
    return db.session.scalar(_ATTEMPT, {"user_id": user.id, "course_id": course.id, "kind": kind})


def start_attempt(user, course, kind, confidence=None):
    """Create the learner's one attempt of this kind, or return the one they have."""
    existing = attempt_of(user, course, kind)
    if existing:
        return existing
    record_version(course)
    form = form_of(user, course, kind)
    item_ids, option_orders = layout(f"{user.id}:{course.id}:{kind}", course.form_items(form))
    attempt = Attempt(user_id=user.id, course_id=course.id, kind=kind, form=form,
                      content_hash=course.content_hash, item_ids=item_ids,
                      option_orders=option_orders, confidence=confidence)
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
    except IntegrityError:  # a double-tapped start: the first one won
        return attempt_of(user, course, kind)
    return attempt


def option_key(attempt, item_id, position):
    """Pages show options by position only; the server maps a position back to its key."""
    keys = attempt.option_orders.get(item_id) or []
    try:
        index = int(position)
    except (TypeError, ValueError):
        return None
    return keys[index] if 0 <= index < len(keys) else None


def save_answer(attempt, item_id, key):
    """Insert or change one answer in one statement (two saves at once still make one row)."""
    save_answers(attempt, {item_id: key})


_UPSERTS = {}


def _answer_upsert():
    """INSERT … ON CONFLICT DO UPDATE of an answer, built once per database engine. Built for
    each save with its values inside, it had no cache key: SQLAlchemy compiled it again on every
    autosave, a third of an autosave's CPU when a whole room answers at once."""
    dialect = db.engine.dialect.name
    if dialect not in _UPSERTS:
        insert = dialect_insert(Answer)
        _UPSERTS[dialect] = insert.on_conflict_do_update(
            index_elements=["attempt_id", "item_id"],
            set_={"option": insert.excluded.option, "answered_at": insert.excluded.answered_at})
    return _UPSERTS[dialect]


def save_answers(attempt, choices):
    """Insert or change {item id: option key}: one statement, run for each answer (executemany).
    A Core statement on the session's connection: the answers are rows, not objects to track."""
    if not choices:
        return
    now = clock.now()
    db.session.connection().execute(_answer_upsert(), [
        {"attempt_id": attempt.id, "item_id": item_id, "option": key, "answered_at": now}
        for item_id, key in choices.items()])


def saved_positions(attempt):
    """{item id: position shown} for the answers saved so far."""
    positions = {}
    for answer in attempt.answers:
        keys = attempt.option_orders.get(answer.item_id) or []
        if answer.option in keys:
            positions[answer.item_id] = str(keys.index(answer.option))
    return positions


def record_answers(attempt, choices):
    """Save {item id: option key} if the attempt is still open; False once it was submitted.

    The no-op UPDATE holds the attempt for this transaction (a row lock on PostgreSQL, the
    writer's lock on SQLite), so an answer can never slip in beside or after a submit."""
    held = db.session.execute(update(Attempt).where(Attempt.id == attempt.id, Attempt.status == "open")
                              .values(status="open").execution_options(synchronize_session=False))
    if held.rowcount != 1:
        return False  # nothing changed; the caller leaves the transaction uncommitted
    save_answers(attempt, choices)
    return True


_CHOSEN = select(Answer.item_id, Answer.option).where(Answer.attempt_id == bindparam("attempt_id"))


def close_and_score(attempt):
    """Close the attempt, then score exactly the answers it holds, in the caller's transaction.
    False when it was already submitted (a double tap): nothing changed then. Claiming first
    means the answers read are the final ones."""
    now = clock.now()
    claimed = db.session.execute(
        update(Attempt).where(Attempt.id == attempt.id, Attempt.status == "open")
        .values(status="submitted", submitted_at=now).execution_options(synchronize_session=False))
    if claimed.rowcount != 1:
        return False
    # Plain rows and set-based updates: when a whole room submits at once, each submit's ORM
    # objects (an Answer per item, a refresh of the attempt) were a third of its CPU.
    chosen = dict(db.session.execute(_CHOSEN, {"attempt_id": attempt.id}).all())
    items = version_items(attempt.content_hash)
    result = score([items[item_id] for item_id in attempt.item_ids], chosen)
    right = [item_id for item_id, correct in result.correct.items() if correct]
    db.session.execute(update(Answer).where(Answer.attempt_id == attempt.id)
                       .values(is_correct=Answer.item_id.in_(right))
                       .execution_options(synchronize_session=False))
    db.session.execute(update(Attempt).where(Attempt.id == attempt.id)
                       .values(score=result.points, max_score=result.maximum)
                       .execution_options(synchronize_session=False))
    for name, value in (("status", "submitted"), ("submitted_at", now),
                        ("score", result.points), ("max_score", result.maximum)):
        set_committed_value(attempt, name, value)  # what the database now holds, without reading it back
    return True
