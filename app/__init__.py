"""Paspor Pintar: the application factory."""
import hashlib
import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask, abort, request
from sqlalchemy import event
from sqlalchemy.engine import Engine
from werkzeug.routing import IntegerConverter

from app.extensions import MAX_ID, babel, compress, csrf, db, limiter, login_manager, migrate

ROOT = Path(__file__).resolve().parent.parent


class PasporPintar(Flask):
    def get_send_file_max_age(self, filename):
        """Fingerprinted static URLs (?v=…) change with the file: a phone keeps them a year."""
        if request.args.get("v"):
            return 365 * 24 * 3600
        return super().get_send_file_max_age(filename)

    def warm(self):
        """What a server process does before its first request (gunicorn.conf.py)."""
        from app.setup import warm

        warm(self)


def create_app(test_config=None):
    app = PasporPintar(__name__, instance_relative_config=True, static_folder="../static")
    configure(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_cli(app)
    register_security_headers(app)
    register_static_fingerprints(app)
    return app


def configure(app, test_config):
    app.config.from_mapping(
        SQLALCHEMY_DATABASE_URI="sqlite:///" + os.path.join(app.instance_path, "paspor.sqlite"),
        CONTENT_ROOT=str(ROOT),
        LANGUAGES=["id", "en"],
        BABEL_DEFAULT_LOCALE="id",
        BABEL_TRANSLATION_DIRECTORIES=str(ROOT / "app" / "translations"),
        WTF_CSRF_TIME_LIMIT=None,  # a slow learner's form must not expire mid-session
        PERMANENT_SESSION_LIFETIME=timedelta(days=365),
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=False,  # the room runs on plain HTTP; set True online
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=12 * 1024 * 1024,  # a few phone photos; bigger requests get a 413
        PUBLIC_URL=None,  # e.g. http://192.168.137.1:5000 — the base of every link for phones
        ROOM_POLL_SECONDS=3,
        RATELIMIT_ENABLED=True,  # (set on every app: Flask-Limiter keeps one switch per process)
        RATELIMIT_STORAGE_URI="memory://",  # per gunicorn worker; online: redis://host:6379
        RATELIMIT_HEADERS_ENABLED=True,  # how often a phone asks whether the room moved on (+ up to 1 s)
        PASSWORD_HASH_METHOD="scrypt",  # accounts' passwords (the tests use a fast one)
        # gzip only: every phone has it and it is the cheapest on the room's CPU; tiny answers
        # (room state polls, autosaves) are sent as they are
        COMPRESS_ALGORITHM="gzip",
        COMPRESS_LEVEL=5,
        COMPRESS_MIN_SIZE=1000,
        # not the static files: Flask-Compress 1.25 leaves a streamed file open (a leak in a room
        # of phones); they are small, and cached a year by each phone
        COMPRESS_STREAMS=False,
    )
    app.config.from_pyfile("config.py", silent=True)
    if os.environ.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    if os.environ.get("DATABASE_URL"):
        app.config["SQLALCHEMY_DATABASE_URI"] = normalise_db_url(os.environ["DATABASE_URL"])
    if os.environ.get("PUBLIC_URL"):  # the address phones use; `make lan` finds the hotspot's
        app.config["PUBLIC_URL"] = os.environ["PUBLIC_URL"]
    if os.environ.get("TRUSTED_HOSTS"):
        app.config["TRUSTED_HOSTS"] = os.environ["TRUSTED_HOSTS"].split(",")
    for name in ("RATELIMIT_STORAGE_URI",):
        if os.environ.get(name):
            app.config[name] = os.environ[name]
    if os.environ.get("RATELIMIT_ENABLED") == "0":  # benchmarks play many phones from one address
        app.config["RATELIMIT_ENABLED"] = False
    if os.environ.get("SESSION_COOKIE_SECURE") == "1":
        app.config.update(SESSION_COOKIE_SECURE=True, REMEMBER_COOKIE_SECURE=True)
    if test_config:
        app.config.from_mapping(test_config)
    if app.config.get("PUBLIC_URL") and not app.config.get("TRUSTED_HOSTS"):
        # Links are built on PUBLIC_URL; other Host headers (but the laptop's own) are refused.
        app.config["TRUSTED_HOSTS"] = [urlsplit(app.config["PUBLIC_URL"]).hostname,
                                       "127.0.0.1", "localhost", "::1"]
    if not app.config.get("SECRET_KEY"):
        if "gunicorn" in sys.modules and not app.testing:  # each worker would draw its own key
            raise RuntimeError("SECRET_KEY is not set: run `make lan` (it writes instance/config.py) "
                               "or set the SECRET_KEY environment variable")
        # `make run` writes instance/config.py with a key; this fallback only serves ad-hoc runs.
        app.logger.info("No SECRET_KEY configured: sessions will not survive a restart.")
        app.config["SECRET_KEY"] = secrets.token_hex(32)


def normalise_db_url(url):
    """Heroku-style postgres:// URLs name a dialect SQLAlchemy 2 no longer accepts."""
    if url.startswith("postgres://"):
        return "postgresql://" + url[len("postgres://"):]
    return url


def register_extensions(app):
    from app.i18n import install_template_gettext, select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    csrf.init_app(app)
    limiter.init_app(app)
    compress.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record):
    """WAL lets readers and one writer work at once; a busy timeout makes writers wait, not fail."""
    if type(dbapi_connection).__module__.startswith("sqlite3"):
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL skips an fsync per commit: a committed answer survives a crash or a
        # kill -9 of the server; only a power cut or an OS crash can lose the last commits (a
        # laptop on battery rarely has one). FULL made every autosave wait for the disk.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()


class IdConverter(IntegerConverter):
    """<int:…> in our URLs is a database id: one past the column's range is a 404, not a 500."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def register_blueprints(app):
    from app import auth, errors, facilitator, learn, programme, quizzes, results, rooms, sandbox

    app.url_map.converters["int"] = IdConverter

    app.register_blueprint(auth.bp)
    app.register_blueprint(rooms.bp)
    app.register_blueprint(facilitator.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(sandbox.bp)
    app.register_blueprint(learn.bp)
    app.register_blueprint(quizzes.bp)
    app.register_blueprint(programme.bp)
    errors.register(app)

    from app.display import inject_display
    from app.i18n import inject_i18n, rupiah, to_date
    app.context_processor(inject_i18n)
    app.context_processor(inject_display)
    app.add_template_filter(to_date, "todate")
    app.add_template_filter(rupiah, "rupiah")


# Every asset comes from this server: the policy also keeps a stray external link from loading.
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; "
                           "script-src 'self'; connect-src 'self'; form-action 'self'; "
                           "frame-ancestors 'none'; base-uri 'self'")


LONGEST_URL, LONGEST_HEADER = 4096, 8000  # below gunicorn's own limits (gunicorn.conf.py)


def register_security_headers(app):
    @app.before_request
    def refuse_oversized_requests():
        """Over-long addresses and headers get our own translated page, not gunicorn's."""
        if len(request.environ.get("RAW_URI") or request.full_path) > LONGEST_URL:
            abort(414)
        if any(len(value) > LONGEST_HEADER for value in request.headers.values()):
            abort(431)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def register_static_fingerprints(app):
    """Every url_for('static', …) carries a hash of the file, so phones fetch each asset once.
    The file is looked at again at most every CONTENT_RECHECK_SECONDS (app.content.cached), not
    on every URL: a stat per URL, ten on a test page, hands the GIL over each time under load."""
    from app.content import cached

    @app.url_defaults
    def fingerprint(endpoint, values):
        if endpoint != "static" or "v" in values or "filename" not in values:
            return
        filename = values["filename"]
        try:
            values["v"] = cached(("static", filename), lambda: Path(app.static_folder, filename).stat().st_mtime_ns,
                                 lambda: hashlib.sha256(Path(app.static_folder, filename).read_bytes()).hexdigest()[:10])
        except OSError:
            return


def register_cli(app):
    from app.cli import register

    register(app)
