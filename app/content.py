"""The course as the app serves it: loaded from files, cached per version, recorded in the DB
and read back by version (an attempt keeps the items it was started on)."""
import os
import time
from pathlib import Path
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import clock
from app.domain.content import load_course
from app.domain.practice import FILE as PEOPLE_FILE
from app.domain.practice import load_people
from app.domain.content_check import check_course
from app.extensions import db
from app.models import ContentVersion

_cache = {}  # key -> (fingerprint, content, checked at): immutable content, safe to share
RECHECK_SECONDS = 2.0  # how often the files are looked at again (a room's pages must not stat them)


class ContentError(RuntimeError):
    pass


def _fingerprint(root, course_id):
    paths = [Path(root, folder, course_id) for folder in ("courses", "quizzes")]
    stats = []
    for folder in paths:
        for entry in sorted(os.scandir(folder), key=lambda e: e.name) if folder.is_dir() else ():
            stat = entry.stat()
            stats.append((entry.name, stat.st_mtime_ns, stat.st_size))
    return tuple(stats)


def cached(key, fingerprint, load):
    """load() once per fingerprint(); the fingerprint (file stats) is taken again at most every
    CONTENT_RECHECK_SECONDS, so files edited on disk are picked up within seconds."""
    entry, now = _cache.get(key), time.monotonic()
    if entry and now - entry[2] < current_app.config.get("CONTENT_RECHECK_SECONDS", RECHECK_SECONDS):
        return entry[1]
    stamp = fingerprint()
    if entry and entry[0] == stamp:
        _cache[key] = (stamp, entry[1], now)
        return entry[1]
    content = load()
    _cache[key] = (stamp, content, now)
    return content


def get_course(course_id=None):
    """The current, valid version of a course; files edited on disk are picked up."""
    root = current_app.config["CONTENT_ROOT"]
    course_id = course_id or current_app.config.get("DEFAULT_COURSE", "mpaspor")

    def load():
        course = load_course(root, course_id, static_url=current_app.static_url_path)
        problems = check_course(course)
        if problems:
            raise ContentError(f"course '{course_id}' has {len(problems)} problems; "
                               f"run 'flask content check'. First: {problems[0]}")
        return course
    return cached(("course", root, course_id), lambda: _fingerprint(root, course_id), load)


def get_practice_people():
    """The sandbox's practice people by code, read once per version of their file."""
    root = current_app.config["CONTENT_ROOT"]
    path = Path(root, PEOPLE_FILE)

    def stamp():
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size
    return cached(("people", root), stamp,
                  lambda: {person.code: person for person in load_people(root, clock.today())[0]})


def record_version(course):
    """Store the course's item banks under its hash once, so results keep their meaning."""
    exists = db.session.scalar(select(ContentVersion.id)
                               .where(ContentVersion.content_hash == course.content_hash))
    if exists:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(ContentVersion(course_id=course.id, content_hash=course.content_hash,
                                          items=course.item_snapshot()))
    except IntegrityError:  # another worker recorded the same version first
        return False
    return True


_version_cache = {}  # content hash -> items; a version never changes once recorded


def version_items(content_hash):
    """The items of the content version an attempt was started on, as attribute objects."""
    if content_hash not in _version_cache:
        items = db.session.scalar(select(ContentVersion.items)
                                  .where(ContentVersion.content_hash == content_hash))
        _version_cache[content_hash] = {key: SimpleNamespace(**value) for key, value in items.items()}
    return _version_cache[content_hash]
