"""Laptops and a programme server as separate apps, each with its own database."""
import os
from datetime import date

import pytest
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.models import TrainingSession
from app.rooms.services import add_participant
from app.setup import create_user
from tests.conftest import FIXTURES, empty_postgresql, postgresql_url
from tests.results.test_results import sit_test


def make_app(url):
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
                       "CONTENT_ROOT": str(FIXTURES / "good"), "DEFAULT_COURSE": "demo",
                       "RATELIMIT_ENABLED": False})


@pytest.fixture
def laptop(tmp_path, migrated_sqlite):
    """make(name) → a laptop app on its own SQLite file."""
    apps = []

    def make(name):
        app = make_app(migrated_sqlite(tmp_path / (name + ".sqlite")))
        apps.append(app)
        return app
    yield make
    for app in apps:
        with app.app_context():
            db.engine.dispose()


def run_session(app, facilitator, place, held_on, scores, helped=()):
    """A session on this laptop where each (pre, post) of `scores` is one person's tests."""
    with app.app_context():
        user = create_user(facilitator.lower().replace(" ", "."), "kopi-tubruk-9", "facilitator", facilitator)
        training_session = TrainingSession(facilitator_id=user.id, name=f"Sosialisasi {place}", place=place,
                                           held_on=held_on, course_id="demo", join_code=place[:4].upper() + "22")
        db.session.add(training_session)
        db.session.commit()
        for number, (pre, post) in enumerate(scores):
            person = add_participant(training_session, f"Warga {place} {number}")
            person.helper_name = "Pak RT" if number in helped else None
            db.session.commit()
            if pre is not None:
                sit_test(person.user, "pre", pre, confidence=2)
            if post is not None:
                sit_test(person.user, "post", post, confidence=4)
        return training_session.id


@pytest.fixture
def server_url(tmp_path):
    """The programme's database: PostgreSQL when TEST_DATABASE_URL names one (always in CI)."""
    url = postgresql_url()
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TEST_DATABASE_URL is not set: CI must run the programme tests on PostgreSQL")
        pytest.skip("the programme server test needs PostgreSQL (export TEST_DATABASE_URL=$(tests/pg.sh start))")
    empty_postgresql(url)
    return url


@pytest.fixture
def server(server_url):
    app = make_app(server_url)
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


HELD_ON = (date(2026, 11, 23), date(2026, 12, 1))
