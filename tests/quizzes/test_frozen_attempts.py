"""A submitted test is frozen: its stored answers always re-score to its stored score, however
submits and autosaves race (double taps, a slow autosave arriving with the submit)."""
import random

from sqlalchemy import select

from app.content import get_course, version_items
from app.domain.scoring import score
from app.extensions import db
from app.models import Attempt, User
from app.quizzes.services import close_and_score, record_answers, start_attempt
from tests.races import race


def new_attempt(app, name):
    with app.app_context():
        user = User(username=name, display_name=name)
        db.session.add(user)
        db.session.flush()
        attempt = start_attempt(user, get_course(), "pre", 3)
        db.session.commit()
        return attempt.id, {item: sorted(keys) for item, keys in attempt.option_orders.items()}


def tap_submit(attempt_id, options, seed):
    def work():
        pick = random.Random(seed)
        attempt = db.session.get(Attempt, attempt_id)
        if record_answers(attempt, {item: pick.choice(keys) for item, keys in options.items()}):
            db.session.commit()
            close_and_score(attempt)
            db.session.commit()
    return work


def autosave(attempt_id, options, seed):
    def work():
        pick = random.Random(seed)
        item = pick.choice(sorted(options))
        if record_answers(db.session.get(Attempt, attempt_id), {item: pick.choice(options[item])}):
            db.session.commit()
    return work


def test_racing_submits_and_autosaves_never_leave_answers_that_disagree_with_the_score(app):
    attempts = []
    for round_ in range(8):
        attempt_id, options = new_attempt(app, f"learner{round_}")
        race(app, [tap_submit(attempt_id, options, round_ * 10 + n) for n in range(3)]
             + [autosave(attempt_id, options, round_ * 10 + n) for n in range(3, 6)])
        attempts.append(attempt_id)
    with app.app_context():
        for attempt in db.session.scalars(select(Attempt).where(Attempt.id.in_(attempts))):
            assert attempt.submitted
            items = version_items(attempt.content_hash)
            stored = {answer.item_id: answer.option for answer in attempt.answers}
            again = score([items[i] for i in attempt.item_ids], stored)
            assert (again.points, again.maximum) == (attempt.score, attempt.max_score)
            assert all(answer.is_correct == again.correct[answer.item_id] for answer in attempt.answers)


def test_an_answer_after_the_submit_is_refused_and_changes_nothing(app):
    attempt_id, options = new_attempt(app, "siti")
    with app.app_context():
        attempt = db.session.get(Attempt, attempt_id)
        first = sorted(options)[0]
        assert record_answers(attempt, {first: options[first][0]})
        db.session.commit()
        assert close_and_score(attempt)
        db.session.commit()
        assert not record_answers(attempt, {first: options[first][1]})
        assert not close_and_score(attempt)
        assert [(a.item_id, a.option) for a in db.session.get(Attempt, attempt_id).answers] == [
            (first, options[first][0])]
