"""The course as the app serves it: loaded from files, cached per version, recorded in the DB."""
import os
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.domain.content import load_course
from app.domain.content_check import check_course
from app.extensions import db
from app.models import ContentVersion

_cache = {}  # (root, course id) -> (fingerprint, course): immutable content, safe to share


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


def get_course(course_id=None):
    """The current, valid version of a course; files edited on disk are picked up."""
    root = current_app.config["CONTENT_ROOT"]
    course_id = course_id or current_app.config.get("DEFAULT_COURSE", "mpaspor")
    fingerprint = _fingerprint(root, course_id)
    cached = _cache.get((root, course_id))
    if cached and cached[0] == fingerprint:
        return cached[1]
    course = load_course(root, course_id, static_url=current_app.static_url_path)
    problems = check_course(course)
    if problems:
        raise ContentError(f"course '{course_id}' has {len(problems)} problems; "
                           f"run 'flask content check'. First: {problems[0]}")
    _cache[(root, course_id)] = (fingerprint, course)
    return course


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
