"""The application factory's settings, and the error pages as a reader of either language sees them."""
from pathlib import Path

import pytest

from app import PasporPintar, create_app
from tests.conftest import Browser

ENVIRONMENT = ("SECRET_KEY", "DATABASE_URL", "PUBLIC_URL", "TRUSTED_HOSTS", "RATELIMIT_STORAGE_URI",
               "RATELIMIT_ENABLED", "SESSION_COOKIE_SECURE")
ROOT = Path(__file__).resolve().parent.parent
QUIET = {"RATELIMIT_ENABLED": False}  # Flask-Limiter's switch is per process: leave it off for the next test


@pytest.fixture
def new_laptop(tmp_path, monkeypatch):
    """An empty instance folder and none of the app's environment variables set."""
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(PasporPintar, "auto_find_instance_path", lambda self: str(tmp_path))
    return tmp_path


def test_a_new_laptop_keeps_its_data_in_the_instance_folder_and_hashes_passwords_with_scrypt(new_laptop):
    first, second = create_app(QUIET), create_app(QUIET)
    assert first.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{new_laptop / 'paspor.sqlite'}"
    assert first.config["PASSWORD_HASH_METHOD"] == "scrypt"
    # without a configured key each start draws its own (`make run` writes one to instance/config.py)
    assert len(first.config["SECRET_KEY"]) == 64 and first.config["SECRET_KEY"] != second.config["SECRET_KEY"]


def test_settings_come_from_the_instance_file_then_the_environment_then_the_test(new_laptop, monkeypatch):
    (new_laptop / "config.py").write_text("SECRET_KEY = 'from-the-file'\nROOM_POLL_SECONDS = 5\n"
                                          "PUBLIC_URL = 'http://10.0.0.1:5000'\n")
    assert create_app(QUIET).config["SECRET_KEY"] == "from-the-file"
    monkeypatch.setenv("SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DATABASE_URL", "postgres://paspor:rahasia@db.example/paspor")  # Heroku's spelling
    app = create_app({**QUIET, "PUBLIC_URL": "http://192.168.137.1:5000"})
    assert app.config["SECRET_KEY"] == "from-the-environment" and app.config["ROOM_POLL_SECONDS"] == 5
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql://paspor:rahasia@db.example/paspor"
    # links are built on the public address, so only it and the laptop's own names are served
    assert app.config["TRUSTED_HOSTS"] == ["192.168.137.1", "127.0.0.1", "localhost", "::1"]


def test_online_cookies_are_secure_and_browsers_are_told_to_keep_to_https(new_laptop, monkeypatch):
    monkeypatch.setenv("SESSION_COOKIE_SECURE", "1")
    app = create_app({**QUIET, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    response = app.test_client().get("/tidak-ada")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


PAGES = {  # the heading of each error page, as each language says it
    "id": {404: "Halaman tidak ditemukan", 405: "Permintaan tidak bisa diproses",
           413: "Kiriman terlalu besar", "csrf": "Halaman ini perlu dimuat ulang",
           500: "Maaf, ada gangguan di server"},
    "en": {404: "Page not found", 405: "The request could not be processed",
           413: "Too large to send", "csrf": "This page needs to be reloaded",
           500: "Sorry, the server has a problem"},
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_error_pages_speak_the_readers_language_and_show_no_traceback(app, lang):
    @app.get("/rusak")
    def broken():  # a bug in a view
        raise RuntimeError("rahasia-internal")
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the handler answers, not the test
    browser = Browser(app.test_client())
    browser.post("/language", {"lang": lang}, page="/")
    # (one plain body past the limit: the test client spools a big multipart body to a file it never closes)
    too_big = b"foto=" + b"0" * app.config["MAX_CONTENT_LENGTH"]
    answers = {
        404: browser.get("/tidak-ada"),
        405: browser.get("/language"),  # a form's address typed into the address bar
        413: browser.client.post("/auth/login", data=too_big, content_type="application/x-www-form-urlencoded"),
        "csrf": browser.client.post("/auth/login", data={"username": "siti", "password": "x"}),
        500: browser.get("/rusak"),
    }
    for error, response in answers.items():
        html = response.get_data(as_text=True)
        assert response.status_code == (400 if error == "csrf" else error), error
        assert PAGES[lang][error] in html and f'<html lang="{lang}"' in html, error
        assert "Traceback" not in html and "rahasia-internal" not in html


def start_worker(wsgi):
    """What gunicorn (gunicorn.conf.py, `make lan`) does in a new worker before its first request."""
    import runpy
    from types import SimpleNamespace

    runpy.run_path(str(ROOT / "gunicorn.conf.py"))["post_worker_init"](SimpleNamespace(wsgi=wsgi))


def test_a_server_worker_reads_the_course_and_compiles_the_pages_before_its_first_request(app, login, monkeypatch):
    from app import content

    start_worker(app)
    compiled = {name for _, name in app.jinja_env.cache.keys()}
    assert {"base.html", "learn/dashboard.html", "learn/step.html", "quizzes/test.html"} <= compiled
    monkeypatch.setattr(content, "load_course", lambda *args, **kwargs: pytest.fail("read again"))
    home = login().get("/")  # the learner's first page: the course was read ahead
    assert home.status_code == 200 and "Tes awal" in home.get_data(as_text=True)


def test_a_worker_starts_even_if_the_course_on_disk_is_broken_and_leaves_other_apps_alone(app, tmp_path):
    from flask import Flask

    app.config["CONTENT_ROOT"] = str(tmp_path)  # no course here: the pages will say so, as before
    start_worker(app)  # does not raise: the worker starts
    assert "learn/step.html" in {name for _, name in app.jinja_env.cache.keys()}  # and the pages are ready
    start_worker(Flask("hello"))  # the benchmarks' bare app
