import functools
import os
import re
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from app.setup import create_user as make_user

FIXTURES = Path(__file__).parent / "fixtures"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


# Every test that uses the app runs on SQLite, and on PostgreSQL too when TEST_DATABASE_URL
# names one (CI starts one with tests/pg.sh).
DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


@functools.cache
def postgresql_url():
    """TEST_DATABASE_URL, or None. `make test` runs the tests in parallel processes (pytest-xdist),
    and each empties its database before a test: each process gets a database of its own on the
    same server, made on first use (paspor_test_gw0, paspor_test_gw1, …)."""
    url, worker = os.environ.get("TEST_DATABASE_URL"), os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    server = sa.make_url(url)
    own = server.set(database=f"{server.database}_{worker}")
    engine = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        if not connection.scalar(sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                 {"name": own.database}):
            connection.execute(sa.text(f'CREATE DATABASE "{own.database}"'))
    engine.dispose()
    return own.render_as_string(hide_password=False)


def empty_postgresql(url):
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """copy_to(path) → the URL of a new SQLite file at path, at the newest migration.

    The migrations run once a session, into a first file, and every test's database starts as a
    copy of it: running them for each test cost a quarter of a second a test."""
    migrated = tmp_path_factory.mktemp("migrated") / "migrated.sqlite"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{migrated}"})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        db.engine.dispose()  # folds the write-ahead log into the file before it is copied

    def copy_to(path):
        shutil.copyfile(migrated, path)
        return f"sqlite:///{path}"
    return copy_to


@pytest.fixture(params=DATABASES)
def app(request, tmp_path, migrated_sqlite):
    if request.param == "postgresql":
        url = postgresql_url()
        empty_postgresql(url)
    else:
        url = migrated_sqlite(tmp_path / "test.sqlite")
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": url,
        "CONTENT_ROOT": str(FIXTURES / "good"),
        "DEFAULT_COURSE": "demo",
        "RATELIMIT_ENABLED": False,  # the tests post from one address; tests/test_throttling.py turns it on
        "CONTENT_RECHECK_SECONDS": 0,  # tests edit content files and expect the change at once
        # scrypt's 100-odd ms per hash is the point in production and dead time in a test that signs
        # people up; TEST_PASSWORD_HASH=scrypt runs the suite with the real one
        "PASSWORD_HASH_METHOD": os.environ.get("TEST_PASSWORD_HASH", "pbkdf2:sha256:1000"),
    })
    if request.param == "postgresql":
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def csrf_from(html):
    match = CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1) or match.group(2)


class Browser:
    """The test client, sending the CSRF token a browser would find in the page's form.

    The token belongs to the browser's session and never expires (WTF_CSRF_TIME_LIMIT=None), so
    it is read once, from the first page posted from (`page`, else the form's own URL), and sent
    with every later form; a test that needs a page shown before sending it gets it itself."""

    def __init__(self, client):
        self.client = client
        self.token = None

    def get(self, url, **kwargs):
        return self.client.get(url, **kwargs)

    def post(self, url, data=None, page=None, **kwargs):
        if self.token is None:
            self.token = csrf_from(self.client.get(page or url).get_data(as_text=True))
        return self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)


@pytest.fixture
def browser(client):
    return Browser(client)


@pytest.fixture
def create_user(app):
    def make(username="siti", password="rahasia-siti-1", role="learner", display_name="Siti"):
        with app.app_context():
            return make_user(username, password, role, display_name).id
    return make


@pytest.fixture
def login(browser, create_user):
    """Sign a new learner in and return the browser."""
    def sign_in(username="siti", password="rahasia-siti-1"):
        create_user(username, password)
        response = browser.post("/auth/login", {"username": username, "password": password})
        assert response.status_code == 302
        return browser
    return sign_in


@pytest.fixture
def complete_practice(app):
    """Record a finished sandbox booking for a user (the sandbox itself is tested in tests/sandbox)."""
    def finish(username="siti"):
        from datetime import UTC, datetime

        from sqlalchemy import select

        from app.models import SandboxRun, User
        with app.app_context():
            user = db.session.scalar(select(User).where(User.username == username))
            db.session.add(SandboxRun(user_id=user.id, step="periksa", answers={}, step_log={},
                                      field_errors={}, completed_at=datetime.now(UTC)))
            db.session.commit()
    return finish
