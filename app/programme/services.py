"""The programme's figures, computed by the database: sums per session over one narrow row per
person, and the pooled pairs as counts of (pre, post) — no answer or attempt crosses into Python.
"""
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Float, Integer, and_, case, cast, delete, func, insert, literal, select, union_all
from sqlalchemy.orm import aliased

from app.domain import programme
from app.domain.statistics import NGAIN_HIGH, NGAIN_LOW
from app.extensions import db
from app.models import (Answer, Attempt, ContentVersion, ItemTally, Participant, SandboxRun, ScoreRow, SessionSum,
                        TrainingSession, User)

PRE, POST = aliased(Attempt, name="pre"), aliased(Attempt, name="post")


@dataclass(frozen=True)
class Filters:
    place: str | None = None
    facilitator: str | None = None
    start: date | None = None
    end: date | None = None
    form: str | None = None  # the pretest's form, a or b
    version: str | None = None  # a content hash


def people():
    """One row per participant: merged sessions' stored score rows, and this server's own
    sessions computed from their attempts (few, so the join is cheap). `diff` (post − pre) and
    `ngain` are NULL where undefined; merged rows store them, so the sums compute nothing per row."""
    return union_all(_stored_people(), _live_people()).subquery("person")


def _stored_people():
    return select(ScoreRow.session_id, ScoreRow.pre, ScoreRow.post, ScoreRow.max_score, ScoreRow.pre_form,
                  ScoreRow.content_version_id.label("version_id"), ScoreRow.confidence_pre, ScoreRow.confidence_post,
                  cast(ScoreRow.practice_done, Integer).label("practice"), ScoreRow.gain.label("diff"), ScoreRow.ngain)


def _live_people():
    practice = (select(func.max(case((SandboxRun.completed_at.is_not(None), 1), else_=0)))
                .where(SandboxRun.user_id == Participant.user_id).scalar_subquery())
    version = (select(ContentVersion.id).where(ContentVersion.content_hash == func.coalesce(PRE.content_hash,
                                                                                            POST.content_hash))
               .scalar_subquery())
    diff = POST.score - PRE.score
    return (select(Participant.session_id, PRE.score.label("pre"), POST.score.label("post"),
                   func.coalesce(POST.max_score, PRE.max_score).label("max_score"), PRE.form.label("pre_form"),
                   version.label("version_id"), PRE.confidence.label("confidence_pre"),
                   POST.confidence.label("confidence_post"), practice.label("practice"), diff.label("diff"),
                   case((PRE.score < POST.max_score, cast(diff, Float) / (POST.max_score - PRE.score))).label("ngain"))
            .select_from(Participant).join(TrainingSession, and_(TrainingSession.id == Participant.session_id,
                                                                 TrainingSession.laptop_id.is_(None)))
            .join(PRE, and_(PRE.user_id == Participant.user_id, PRE.kind == "pre", PRE.submitted),
                  isouter=True)
            .join(POST, and_(POST.user_id == Participant.user_id, POST.kind == "post", POST.submitted),
                  isouter=True))


def _sums(p):
    """Per session: the sums of its people (`p`, a subquery of people()'s columns), named as SUMS."""
    return select(
        p.c.session_id, func.count().label("people"), func.count(p.c.diff).label("pairs"),
        func.sum(p.c.diff).label("sum_d"), func.sum(p.c.diff * p.c.diff).label("sum_d2"),
        func.sum(p.c.ngain).label("sum_g"), func.count(p.c.ngain).label("n_g"),
        func.count().filter(p.c.ngain < NGAIN_LOW).label("low"),
        func.count().filter(p.c.ngain.between(NGAIN_LOW, NGAIN_HIGH)).label("medium"),
        func.count().filter(p.c.ngain > NGAIN_HIGH).label("high"),
        func.count(p.c.confidence_pre).label("conf_pre_n"), func.count().filter(p.c.confidence_pre >= 4).label("conf_pre"),
        func.count(p.c.confidence_post).label("conf_post_n"),
        func.count().filter(p.c.confidence_post >= 4).label("conf_post"),
        func.count(p.c.practice).label("practised"), func.sum(p.c.practice).label("completed"),
        func.min(p.c.version_id).label("version"), func.max(p.c.version_id).label("version_max"),
    ).select_from(p).group_by(p.c.session_id)


def store_session_sums(session_ids=None):
    """Write merged sessions' sums from their score rows (these sessions, or all): the merge calls it."""
    rows, stale = _stored_people(), delete(SessionSum)
    if session_ids is not None:
        rows = rows.where(ScoreRow.session_id.in_(session_ids))
        stale = stale.where(SessionSum.session_id.in_(session_ids))
    sums = _sums(rows.subquery("person"))
    db.session.execute(stale)
    db.session.execute(insert(SessionSum).from_select([c.name for c in sums.selected_columns], sums))


def _where(query, filters, person):
    """The filters: sessions by place, facilitator and dates; people by pretest form and version."""
    if filters.place:
        query = query.where(TrainingSession.place == filters.place)
    if filters.facilitator:
        query = query.where(TrainingSession.facilitator_id.in_(
            select(User.id).where(User.display_name == filters.facilitator)))
    if filters.start:
        query = query.where(TrainingSession.held_on >= filters.start)
    if filters.end:
        query = query.where(TrainingSession.held_on <= filters.end)
    if filters.form:
        query = query.where(person.c.pre_form == filters.form)
    if filters.version:
        query = query.where(person.c.version_id == select(ContentVersion.id)
                            .where(ContentVersion.content_hash == filters.version).scalar_subquery())
    return query


def sessions(filters):
    """One row of raw sums per session that has someone matching the filters, newest first.
    Merged sessions' sums are stored; a filter on people (form, version) sums their score rows."""
    of_sessions = replace(filters, form=None, version=None)
    if filters.form or filters.version:
        p = people()
        sums = (_sums(p).join(TrainingSession, TrainingSession.id == p.c.session_id) if any(vars(of_sessions).values())
                else _sums(p))
        sums = _where(sums, filters, p).subquery("sums")
    else:
        live = _sums(_live_people().subquery("person"))
        stored = select(*[SessionSum.__table__.c[column.name] for column in live.selected_columns])
        sums = union_all(stored, live).subquery("sums")
    filtered = any(vars(filters).values())  # a filtered view lists only sessions with someone matching
    query = (select(TrainingSession.id, TrainingSession.name, TrainingSession.place, TrainingSession.held_on,
                    TrainingSession.course_id, TrainingSession.laptop_id,
                    User.display_name.label("facilitator"), *[c for c in sums.c if c.name != "session_id"])
             .join(User, User.id == TrainingSession.facilitator_id)
             .join(sums, sums.c.session_id == TrainingSession.id, isouter=not filtered)
             .order_by(TrainingSession.held_on.desc(), TrainingSession.id.desc()))
    return [row._asdict() for row in db.session.execute(_where(query, of_sessions, None))]


def summarise(row):
    """A session's (or a group's) sums as the figures the table shows (only for the rows shown)."""
    n = int(row["pairs"] or 0)
    for name in SUMS:  # an empty session has no sums; PostgreSQL sums integers as numeric
        row[name] = int(row[name] or 0) if name != "sum_g" else float(row[name] or 0)
    row["gain"] = programme.gain_summary(n, float(row["sum_d"]), float(row["sum_d2"]))
    row["ngain"] = (row["sum_g"] / row["n_g"]) if row["n_g"] else None
    row["confidence"] = (programme.share(row["conf_pre"], row["conf_pre_n"]),
                         programme.share(row["conf_post"], row["conf_post_n"]))
    row["practice"] = programme.share(row["completed"], row["people"])
    return row


SUMS = ("people", "pairs", "sum_d", "sum_d2", "sum_g", "n_g", "low", "medium", "high", "conf_pre_n",
        "conf_pre", "conf_post_n", "conf_post", "practised", "completed")


def grouped(rows, key):
    """Sessions' sums added up per place (or any key), as summarised rows."""
    groups = defaultdict(lambda: {name: 0 for name in SUMS} | {"sessions": 0})
    for row in rows:
        group = groups[key(row)]
        group["sessions"] += 1
        for name in SUMS:
            group[name] += float(row[name] or 0) if name == "sum_g" else int(row[name] or 0)
    return [summarise({"key": name, **sums}) for name, sums in sorted(groups.items())]


def pair_counts(filters):
    """(pre, post, max score, how many) of the pairs matching the filters: scores are small
    integers, so a few hundred groups carry every pair the pooled test needs."""
    p = people()
    query = select(p.c.pre, p.c.post, p.c.max_score, func.count()).select_from(p).where(p.c.diff.is_not(None))
    if any(vars(replace(filters, form=None, version=None)).values()):
        query = query.join(TrainingSession, TrainingSession.id == p.c.session_id)
    return db.session.execute(_where(query, filters, p).group_by(p.c.pre, p.c.post, p.c.max_score)).all()


def choices():
    """Places, facilitators and course versions to filter by."""
    places = list(db.session.scalars(select(TrainingSession.place).distinct().order_by(TrainingSession.place)))
    people = list(db.session.scalars(select(User.display_name).distinct()
                                     .join(TrainingSession, TrainingSession.facilitator_id == User.id)
                                     .order_by(User.display_name)))
    versions = db.session.execute(select(ContentVersion.content_hash, ContentVersion.course_id, ContentVersion.created_at)
                                  .order_by(ContentVersion.created_at)).all()
    return places, people, versions


def version_hashes():
    """content version id → its hash, to name a session's course version."""
    return dict(db.session.execute(select(ContentVersion.id, ContentVersion.content_hash)).all())


def item_sums(filters):
    """(item id, kind, answered, right) over the matching sessions: merged sessions' stored tallies,
    and this server's own sessions counted from their answers."""
    stored = select(ItemTally.session_id, ItemTally.content_version_id.label("version_id"), ItemTally.item_id,
                    ItemTally.kind, ItemTally.answered, ItemTally.right)
    version = select(ContentVersion.id).where(ContentVersion.content_hash == Attempt.content_hash).scalar_subquery()
    live = (select(Participant.session_id, version, Answer.item_id, Attempt.kind, func.count(),
                   func.count().filter(Answer.is_correct == literal(True)))
            .select_from(Participant).join(TrainingSession, and_(TrainingSession.id == Participant.session_id,
                                                                 TrainingSession.laptop_id.is_(None)))
            .join(Attempt, and_(Attempt.user_id == Participant.user_id, Attempt.submitted))
            .join(Answer, Answer.attempt_id == Attempt.id)
            .group_by(Participant.session_id, Attempt.content_hash, Answer.item_id, Attempt.kind))
    t = union_all(stored, live).subquery("tally")
    query = (select(t.c.item_id, t.c.kind, func.sum(t.c.answered), func.sum(t.c.right))
             .select_from(t).join(TrainingSession, TrainingSession.id == t.c.session_id))
    query = _where(query, replace(filters, form=None, version=None), None)
    if filters.version:
        query = query.where(t.c.version_id == select(ContentVersion.id)
                            .where(ContentVersion.content_hash == filters.version).scalar_subquery())
    return [(item, kind, int(answered), int(right))
            for item, kind, answered, right in db.session.execute(query.group_by(t.c.item_id, t.c.kind))]


def modules_of(hashes=None):
    """item id → module, from the stored content versions (newest version's wins)."""
    query = select(ContentVersion.items).order_by(ContentVersion.created_at)
    if hashes:
        query = query.where(ContentVersion.content_hash.in_(hashes))
    return {item_id: item.get("module") for items in db.session.scalars(query) for item_id, item in items.items()}
