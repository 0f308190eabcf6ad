"""The programme's figures, computed by the database: sums per session, score rows per person.

No query here loads answers into Python; the pooled analysis reads one (pre, post, max) row
per pair, which is what the statistics need.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Float, and_, case, cast, func, literal, select
from sqlalchemy.orm import aliased

from app.domain import programme
from app.domain.statistics import NGAIN_HIGH, NGAIN_LOW
from app.extensions import db
from app.models import Answer, Attempt, Cohort, ContentVersion, Participant, SandboxRun, User

PRE, POST = aliased(Attempt, name="pre"), aliased(Attempt, name="post")
PAIRED = and_(PRE.score.is_not(None), POST.score.is_not(None))
DIFF = POST.score - PRE.score
NGAIN = case((and_(PAIRED, PRE.score < POST.max_score),
              cast(POST.score - PRE.score, Float) / (POST.max_score - PRE.score)))


@dataclass(frozen=True)
class Filters:
    place: str | None = None
    facilitator: str | None = None
    start: date | None = None
    end: date | None = None
    form: str | None = None  # the pretest's form, a or b
    version: str | None = None  # a content hash


def _people(query, filters):
    """Participants joined to their session, submitted pre- and posttest, and the filters."""
    query = (query.join(Participant, Participant.cohort_id == Cohort.id, isouter=True)
             .join(PRE, and_(PRE.user_id == Participant.user_id, PRE.kind == "pre",
                             PRE.status == "submitted"), isouter=True)
             .join(POST, and_(POST.user_id == Participant.user_id, POST.kind == "post",
                              POST.status == "submitted"), isouter=True))
    query = _sessions_where(query, filters)
    if filters.form:
        query = query.where(PRE.form == filters.form)
    if filters.version:
        query = query.where(func.coalesce(PRE.content_hash, POST.content_hash) == filters.version)
    return query


def _sessions_where(query, filters):
    """The filters that choose sessions: place, facilitator, dates."""
    if filters.place:
        query = query.where(Cohort.place == filters.place)
    if filters.facilitator:
        query = query.where(Cohort.facilitator_id.in_(
            select(User.id).where(User.display_name == filters.facilitator)))
    if filters.start:
        query = query.where(Cohort.held_on >= filters.start)
    if filters.end:
        query = query.where(Cohort.held_on <= filters.end)
    return query


def _count(condition):
    return func.sum(case((condition, 1), else_=0))


def sessions(filters):
    """One row of sums per session that has someone matching the filters, newest first."""
    done = (select(SandboxRun.user_id, func.max(case((SandboxRun.completed_at.is_not(None), 1), else_=0)).label("done"))
            .group_by(SandboxRun.user_id).subquery())
    version = func.coalesce(PRE.content_hash, POST.content_hash)
    query = _people(select(
        Cohort.id, Cohort.name, Cohort.place, Cohort.held_on, Cohort.course_id, Cohort.laptop_id,
        User.display_name.label("facilitator"),
        func.count(Participant.id).label("people"), _count(PAIRED).label("pairs"),
        func.sum(case((PAIRED, DIFF))).label("sum_d"), func.sum(case((PAIRED, DIFF * DIFF))).label("sum_d2"),
        func.sum(NGAIN).label("sum_g"), func.count(NGAIN).label("n_g"),
        _count(NGAIN < NGAIN_LOW).label("low"), _count(and_(NGAIN >= NGAIN_LOW, NGAIN <= NGAIN_HIGH)).label("medium"),
        _count(NGAIN > NGAIN_HIGH).label("high"),
        func.count(PRE.confidence).label("conf_pre_n"), _count(PRE.confidence >= 4).label("conf_pre"),
        func.count(POST.confidence).label("conf_post_n"), _count(POST.confidence >= 4).label("conf_post"),
        func.count(done.c.user_id).label("practised"), func.coalesce(func.sum(done.c.done), 0).label("completed"),
        func.min(version).label("version"), func.max(version).label("version_max"),
    ).select_from(Cohort).join(User, User.id == Cohort.facilitator_id), filters)
    query = (query.join(done, done.c.user_id == Participant.user_id, isouter=True)
             .group_by(Cohort.id, Cohort.name, Cohort.place, Cohort.held_on, Cohort.course_id, Cohort.laptop_id,
                       User.display_name)
             .order_by(Cohort.held_on.desc(), Cohort.id.desc()))
    if any(vars(filters).values()):  # a filtered view lists only sessions with someone matching
        query = query.having(func.count(Participant.id) > 0)
    return [summarise(row._asdict()) for row in db.session.execute(query)]


def summarise(row):
    """A session's (or a group's) sums as the figures the table shows."""
    n = row["pairs"] or 0
    row["gain"] = programme.gain_summary(n, float(row["sum_d"] or 0), float(row["sum_d2"] or 0))
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
            group[name] += row[name] or 0
    return [summarise({"key": name, **sums}) for name, sums in sorted(groups.items())]


def pairs(filters):
    """(pre, post, max score) of every pair matching the filters: what the pooled test needs."""
    query = _people(select(PRE.score, POST.score, POST.max_score).select_from(Cohort), filters).where(PAIRED)
    return db.session.execute(query).all()


def choices():
    """Places, facilitators and course versions to filter by."""
    places = list(db.session.scalars(select(Cohort.place).distinct().order_by(Cohort.place)))
    people = list(db.session.scalars(select(User.display_name).distinct()
                                     .join(Cohort, Cohort.facilitator_id == User.id).order_by(User.display_name)))
    versions = db.session.execute(select(ContentVersion.content_hash, ContentVersion.course_id, ContentVersion.created_at)
                                  .order_by(ContentVersion.created_at)).all()
    return places, people, versions


def item_sums(filters):
    """(item id, kind, answered, right) over every answer matching the filters, summed by the database."""
    query = select(Answer.item_id, Attempt.kind, func.count(), _count(Answer.is_correct == literal(True)))
    query = (query.select_from(Cohort).join(Participant, Participant.cohort_id == Cohort.id)
             .join(Attempt, and_(Attempt.user_id == Participant.user_id, Attempt.status == "submitted"))
             .join(Answer, Answer.attempt_id == Attempt.id))
    query = _sessions_where(query, filters)
    if filters.form:  # here the form of each sitting, pre or post
        query = query.where(Attempt.form == filters.form)
    if filters.version:
        query = query.where(Attempt.content_hash == filters.version)
    return db.session.execute(query.group_by(Answer.item_id, Attempt.kind)).all()


def modules_of(hashes=None):
    """item id → module, from the stored content versions (newest version's wins)."""
    query = select(ContentVersion.items).order_by(ContentVersion.created_at)
    if hashes:
        query = query.where(ContentVersion.content_hash.in_(hashes))
    return {item_id: item.get("module") for items in db.session.scalars(query) for item_id, item in items.items()}
