"""Sessions a facilitator runs: scoped to their owner, with the room's progress."""
from collections import defaultdict

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.domain.board import BoardRow, ordered
from app.domain.codes import new_code
from app.domain.journey import JourneyState
from app.extensions import MAX_ID, db
from app.models import Answer, Attempt, ModuleProgress, Participant, SandboxRun, ScoreImport, TrainingSession
from app.quizzes.services import close_and_score


def owned(query, model, user):
    """Only the rows this user made (model.facilitator_id); an admin sees every facilitator's."""
    return query if user.role == "admin" else query.where(model.facilitator_id == user.id)


def _one_owned(model, record_id, user):
    """The record if this user may see it, else 404 (the same answer as for a missing one)."""
    record = db.session.scalar(owned(select(model).where(model.id == record_id), model, user)) \
        if 0 < record_id <= MAX_ID else None
    return record if record is not None else abort(404)


def sessions_for(user):
    return list(db.session.scalars(owned(select(TrainingSession), TrainingSession, user)
                                   .order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc())))


def imports_for(user):
    """Score imports of earlier paper-only sessions this user made (an admin sees all)."""
    return list(db.session.scalars(owned(select(ScoreImport), ScoreImport, user).order_by(ScoreImport.id.desc())))


def session_for(user, session_id):
    return _one_owned(TrainingSession, session_id, user)


def import_for(user, import_id):
    return _one_owned(ScoreImport, import_id, user)


def create_session(user, form, course_id):
    for _ in range(10):
        try:
            with db.session.begin_nested():
                training_session = TrainingSession(facilitator_id=user.id, name=form.name.data.strip(),
                                                   place=form.place.data.strip(), held_on=form.held_on.data,
                                                   course_id=course_id, join_code=new_code(6),
                                                   test_design=form.test_design.data)
                db.session.add(training_session)
            return training_session
        except IntegrityError:  # the join code was taken: draw another
            continue
    raise RuntimeError("no free join code")


def participant_in(training_session, participant_id):
    """A person of this session, else 404 (ids of other rooms are not ours to see)."""
    participant = db.session.get(Participant, participant_id) if 0 < (participant_id or 0) <= MAX_ID else None
    if participant is None or participant.session_id != training_session.id:
        abort(404)
    return participant


def participants_of(training_session):
    return list(db.session.scalars(select(Participant).where(Participant.session_id == training_session.id)
                                   .order_by(Participant.display_name)))


def board_rows(training_session, course):
    """A BoardRow per person in the room, in board order, from four queries whatever its size.

    The tests are read as columns (not Attempt objects with their JSON), and answers are counted
    only for tests still open: the board of 200 is redrawn every 5 s while the room works."""
    people = participants_of(training_session)
    in_session = select(Participant.user_id).where(Participant.session_id == training_session.id)
    answered = (select(Answer.attempt_id, func.count().label("n"))
                .join(Attempt, Attempt.id == Answer.attempt_id)
                .where(Attempt.user_id.in_(in_session), Attempt.course_id == course.id, ~Attempt.submitted)
                .group_by(Answer.attempt_id).subquery())
    tests = defaultdict(dict)
    for test in db.session.execute(
            select(Attempt.user_id, Attempt.kind, Attempt.submitted.label("submitted"), Attempt.confidence, Attempt.mode,
                   func.json_array_length(Attempt.item_ids).label("items"), answered.c.n)
            .outerjoin(answered, answered.c.attempt_id == Attempt.id)
            .where(Attempt.user_id.in_(in_session), Attempt.course_id == course.id)):
        tests[test.user_id][test.kind] = test
    modules_done = defaultdict(set)
    for user_id, module_id in db.session.execute(
            select(ModuleProgress.user_id, ModuleProgress.module_id).where(
                ModuleProgress.user_id.in_(in_session), ModuleProgress.course_id == course.id,
                ModuleProgress.completed_at.is_not(None))):
        modules_done[user_id].add(module_id)
    practised = set(db.session.scalars(select(SandboxRun.user_id).where(
        SandboxRun.user_id.in_(in_session), SandboxRun.completed_at.is_not(None))))
    room, module_ids = training_session.room, [m.id for m in course.modules]
    rows = []
    for person in people:
        mine = tests[person.user_id]
        pre, post = mine.get("pre"), mine.get("post")
        state = JourneyState(
            module_ids=module_ids, pretest_done=bool(pre and pre.submitted),
            modules_done=modules_done[person.user_id], practice_done=person.user_id in practised,
            posttest_done=bool(post and post.submitted),
            posttest_confidence_given=bool(post and post.confidence), room=room,
            pretest_started=pre is not None, posttest_started=post is not None)
        rows.append(BoardRow(
            participant_id=person.id, name=person.display_name, state=state,
            answered={kind: (t.n or 0, t.items) for kind, t in mine.items() if not t.submitted},
            paper={kind for kind, t in mine.items() if t.mode == "paper"},
            hand_raised_at=person.hand_raised_at, helper_name=person.helper_name))
    return ordered(rows)


def unsubmitted(training_session, kind):
    """(participant, attempt) of everyone in the room with this test started and not sent."""
    return list(db.session.execute(
        select(Participant, Attempt).join(Attempt, Attempt.user_id == Participant.user_id)
        .where(Participant.session_id == training_session.id, Attempt.course_id == training_session.course_id,
               Attempt.kind == kind, Attempt.status == "open")
        .order_by(Participant.display_name)))


def close_test(training_session, kind, collect):
    """Close the room's pre- or posttest; collect: submit what the unfinished have saved.

    Returns how many unsubmitted attempts were collected."""
    collected = 0
    if collect:
        for _person, attempt in unsubmitted(training_session, kind):
            collected += close_and_score(attempt)
    setattr(training_session, f"{kind}test", "closed")
    return collected



def neighbour_step(course, module, number, direction):
    """(module id, step number) before (-1) or after (+1) this step across the course, or None."""
    modules = course.modules
    index = modules.index(module)
    count = len(module.text("id").steps)  # both languages have the same steps (content check)
    if 1 <= number + direction <= count:
        return (module.id, number + direction)
    if 0 <= index + direction < len(modules):
        other = modules[index + direction]
        return (other.id, 1 if direction > 0 else len(other.text("id").steps))
    return None
