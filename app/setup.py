"""Setting up a server: the database migrated, content and offices loaded, accounts made.

Plain functions the CLI, the tests and the benchmarks call; each commits its own work.
`say` is where a line of progress goes (print unless told)."""
import secrets
from pathlib import Path

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import User

FIRST_FACILITATOR = "fasilitator"


def upgrade_database():
    """Make the instance folder and bring the database to the newest migration."""
    from flask_migrate import upgrade

    Path(current_app.instance_path).mkdir(parents=True, exist_ok=True)
    upgrade(directory=current_app.extensions["migrate"].directory)


def load_content(say=print):
    """Check every course and record its current version. Returns the problems found."""
    from app.content import record_version
    from app.domain.content_check import check_all

    courses, problems = check_all(current_app.config["CONTENT_ROOT"])
    if not problems:
        for course in courses:
            if record_version(course):
                say(f"content: recorded {course.id} version {course.content_hash[:12]}")
        db.session.commit()
    return problems


def load_offices(say=print):
    """Bring the sandbox's offices in line with sandbox/offices.yaml. Returns the problems."""
    from app.domain.offices import load_offices as read_offices
    from app.sandbox.services import sync_offices

    offices, problems = read_offices(current_app.config["CONTENT_ROOT"])
    if not problems:
        added = sync_offices(offices)
        db.session.commit()
        if added:
            say(f"sandbox: {added} offices added")
    return problems


def create_user(username, password, role="learner", display_name=None):
    username = username.strip().lower()
    if db.session.scalar(select(User.id).where(User.username == username)):
        raise ValueError(f"user '{username}' already exists")
    user = User(username=username, display_name=display_name or username, role=role)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def reset_password(username, password=None):
    """Give an account a new password (a random one unless given) and end all its logins."""
    user = db.session.scalar(select(User).where(User.username == username.strip().lower()))
    if user is None or user.password_hash is None:
        raise ValueError(f"no account '{username.strip().lower()}' with a password")
    password = password or secrets.token_urlsafe(9)
    user.set_password(password)
    db.session.commit()
    return password


def ensure_first_facilitator():
    """On a new database, make one facilitator account and return its password (else None)."""
    exists = db.session.scalar(select(User.id).where(User.role.in_(("facilitator", "admin"))))
    if exists:
        return None
    password = secrets.token_urlsafe(9)
    create_user(FIRST_FACILITATOR, password, "facilitator", "Fasilitator")
    return password


def warm(app):
    """Read the course and compile every page template in a new server process before its first
    request: on a cold gunicorn worker the first page took 0.75 s (docs/benchmarks.md, seventh
    round), and the first phones to join a room were the ones who waited."""
    from app.content import ContentError, get_course, get_practice_people

    with app.test_request_context("/"):
        try:
            get_course()
            get_practice_people()
        except (ContentError, OSError) as problem:  # edited wrong while serving: the pages say so,
            app.logger.warning("course not read ahead: %s", problem)  # the worker still starts
        for name in app.jinja_env.list_templates(extensions=("html",)):
            app.jinja_env.get_template(name)
