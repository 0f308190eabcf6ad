"""Session bundles in and out of the database: "Kirim hasil" on a laptop, the merge on the server."""
import secrets
from collections import defaultdict
from datetime import UTC, date, datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from app import clock
from app.domain import bundle
from app.domain.codes import new_code
from app.extensions import db, dialect_insert
from app.programme.services import store_session_sums
from app.models import (Answer, Attempt, ContentVersion, Installation, ItemTally, Participant, SandboxRun,
                        ScoreRow, TrainingSession, User)

HELPED = "ya"  # a bundle says only that someone helped, never who


def laptop_id():
    """This installation's stable random id, made on first use (safe when two workers race)."""
    db.session.execute(dialect_insert(Installation).values(id=1, laptop_id=secrets.token_hex(8))
                       .on_conflict_do_nothing())
    return db.session.scalar(select(Installation.laptop_id).where(Installation.id == 1))


def _time(value):
    if value is None:
        return None
    return clock.utc_text(value)


def build(sessions, pseudonymise=False, now=None):
    """The bundle document of these sessions: people, submitted tests, practice counts, item banks."""
    people = list(db.session.scalars(select(Participant).where(Participant.session_id.in_([c.id for c in sessions]))
                                     .order_by(Participant.id)))
    user_ids = [p.user_id for p in people]
    attempts = defaultdict(list)
    for attempt in db.session.scalars(select(Attempt).where(Attempt.user_id.in_(user_ids), Attempt.submitted,
                                                            Attempt.score.is_not(None))  # scored, not mid-submit
                                      .options(selectinload(Attempt.answers)).order_by(Attempt.id)):
        attempts[attempt.user_id].append(attempt)
    runs = {}
    for run in db.session.scalars(select(SandboxRun).where(SandboxRun.user_id.in_(user_ids)).order_by(SandboxRun.id)):
        if runs.get(run.user_id) is None or run.completed_at:  # a finished run counts over a later try
            runs[run.user_id] = run
    hashes = {a.content_hash for mine in attempts.values() for a in mine}
    contents = {row.content_hash: {"course_id": row.course_id, "items": row.items}
                for row in db.session.scalars(select(ContentVersion).where(ContentVersion.content_hash.in_(hashes)))}
    by_session = defaultdict(list)
    for person in people:
        by_session[person.session_id].append({
            "id": person.id, "name": person.personal_code if pseudonymise else person.display_name,
            "code": person.personal_code, "helper": bool(person.helper_name), "first_form": person.first_form,
            "attempts": [_attempt(a) for a in attempts[person.user_id]], "practice": _practice(runs.get(person.user_id))})
    entries = [{"id": c.id, "name": c.name, "place": c.place, "held_on": c.held_on.isoformat(),
                "course_id": c.course_id, "test_design": c.test_design, "closed_at": _time(c.closed_at),
                "facilitator": {"id": c.facilitator_id, "name": c.facilitator.display_name},
                "participants": by_session[c.id]} for c in sessions]
    return bundle.document(laptop_id(), now or clock.now(), entries, contents, pseudonymise)


def _attempt(attempt):
    return {"kind": attempt.kind, "form": attempt.form, "mode": attempt.mode, "content_hash": attempt.content_hash,
            "item_ids": attempt.item_ids, "score": attempt.score, "max_score": attempt.max_score,
            "confidence": attempt.confidence, "submitted_at": _time(attempt.submitted_at),
            "answers": {a.item_id: [a.option, bool(a.is_correct)] for a in attempt.answers}}


def _practice(run):
    """Counts and seconds only: what a person typed in the practice never leaves the laptop."""
    if run is None:
        return None
    seconds = {step: int(entry.get("seconds", 0)) for step, entry in (run.step_log or {}).items()
               if not step.startswith("_") and isinstance(entry, dict)}
    return {"started_at": _time(run.started_at), "completed_at": _time(run.completed_at),
            "problems_mode": bool(run.problems_mode), "seconds": seconds,
            "errors": {key: int(count) for key, count in (run.field_errors or {}).items()}}


def merge(*docs):
    """Merge checked bundles: new sessions added, newer ones replace, the same or older ones
    change nothing. All or nothing: the caller commits, or rolls back on BundleError.
    Returns [(session name, "added"|"updated"|"unchanged")]."""
    docs = [bundle.read(doc) for doc in docs]
    outcomes = []
    own = laptop_id()
    for doc in docs:
        if doc["laptop_id"] == own:
            raise bundle.BundleError("this bundle was made on this installation: merge it on the programme's server",
                                     "own")
        _add_contents(doc["contents"])
        made = datetime.fromisoformat(doc["created_at"]).astimezone(UTC)
        outcomes += [(s["name"], _merge_session(doc, s, made)) for s in doc["sessions"]]
    return outcomes


def _add_contents(contents):
    """Content versions by hash: a hash the server knows must mean the very same items."""
    known = dict(db.session.execute(select(ContentVersion.content_hash, ContentVersion.items)
                                    .where(ContentVersion.content_hash.in_(contents))).all())
    for content_hash, content in contents.items():
        if content_hash in known and known[content_hash] != content["items"]:
            raise bundle.BundleError(f"content version {content_hash[:12]} holds other items on this server")
    for content_hash, content in contents.items():
        if content_hash not in known:
            db.session.add(ContentVersion(course_id=content["course_id"], content_hash=content_hash,
                                          items=content["items"]))


def _merge_session(doc, entry, made):
    laptop = doc["laptop_id"]
    training_session = db.session.scalar(select(TrainingSession).where(TrainingSession.laptop_id == laptop,
                                                                       TrainingSession.origin_id == entry["id"]))
    if training_session is not None:
        if clock.as_utc(training_session.bundled_at) >= made:
            return "unchanged"
        _clear(training_session)
    facilitator = _facilitator(laptop, entry["facilitator"])
    if training_session is None:
        training_session = TrainingSession(laptop_id=laptop, origin_id=entry["id"], join_code=_free_join_code())
        db.session.add(training_session)
        outcome = "added"
    else:
        outcome = "updated"
    closed = entry["closed_at"]
    training_session.facilitator_id = facilitator.id
    training_session.name, training_session.place = entry["name"], entry["place"]
    training_session.held_on, training_session.course_id = date.fromisoformat(entry["held_on"]), entry["course_id"]
    training_session.test_design = entry.get("test_design") or "parallel"
    training_session.pretest = training_session.posttest = "closed"
    training_session.closed_at = datetime.fromisoformat(closed) if closed else made  # nobody joins a merged session
    training_session.bundled_at, training_session.bundle_checksum = made, doc["checksum"]
    db.session.flush()
    _add_people(training_session, laptop, entry["participants"])
    store_session_sums([training_session.id])
    return outcome


def _clear(training_session):
    """Everything a newer bundle of this session replaces."""
    user_ids = select(Participant.user_id).where(Participant.session_id == training_session.id).scalar_subquery()
    attempt_ids = select(Attempt.id).where(Attempt.user_id.in_(user_ids)).scalar_subquery()
    db.session.execute(delete(Answer).where(Answer.attempt_id.in_(attempt_ids)))
    db.session.execute(delete(Attempt).where(Attempt.user_id.in_(user_ids)))
    db.session.execute(delete(SandboxRun).where(SandboxRun.user_id.in_(user_ids)))
    users = list(db.session.scalars(select(Participant.user_id).where(Participant.session_id == training_session.id)))
    db.session.execute(delete(ScoreRow).where(ScoreRow.session_id == training_session.id))
    db.session.execute(delete(ItemTally).where(ItemTally.session_id == training_session.id))
    db.session.execute(delete(Participant).where(Participant.session_id == training_session.id))
    db.session.execute(delete(User).where(User.id.in_(users)))
    db.session.flush()


def _facilitator(laptop, facilitator):
    """The laptop's facilitator as a sign-in-less account on the server, named as on the laptop."""
    username = f"f-{laptop[:16]}-{facilitator['id']}"
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None:
        user = User(username=username, role="imported", display_name=facilitator["name"])
        db.session.add(user)
    user.display_name = facilitator["name"]
    db.session.flush()
    return user


def _free_join_code():
    while True:
        code = new_code(8)
        if not db.session.scalar(select(TrainingSession.id).where(TrainingSession.join_code == code)):
            return code


def _add_people(training_session, laptop, people):
    """Participants keep their personal code unless another session here already has it."""
    taken = set(db.session.scalars(select(Participant.personal_code)
                                   .where(Participant.personal_code.in_([p["code"] for p in people]))))
    versions = dict(db.session.execute(select(ContentVersion.content_hash, ContentVersion.id)).all())
    tallies = defaultdict(lambda: [0, 0])  # (version, item, kind) -> [answered, right]
    for person in people:
        code = person["code"]
        while code in taken:
            code = new_code(6)
            if db.session.scalar(select(Participant.id).where(Participant.personal_code == code)):
                taken.add(code)
        taken.add(code)
        user = User(username=f"m-{laptop[:16]}-{person['id']}", display_name=person["name"], role="participant")
        db.session.add(user)
        db.session.flush()
        participant = Participant(session_id=training_session.id, user_id=user.id, display_name=person["name"],
                                  personal_code=code, helper_name=HELPED if person["helper"] else None,
                                  first_form=person["first_form"])
        db.session.add(participant)
        db.session.flush()
        db.session.add(score_row(training_session.id, participant.id, person, versions))
        for attempt in person["attempts"]:
            for item_id, (_option, right) in attempt["answers"].items():
                tally = tallies[(versions[attempt["content_hash"]], item_id, attempt["kind"])]
                tally[0] += 1
                tally[1] += right
        for data in person["attempts"]:
            submitted = datetime.fromisoformat(data["submitted_at"])
            db.session.add(Attempt(
                user_id=user.id, course_id=training_session.course_id, kind=data["kind"], status="submitted",
                content_hash=data["content_hash"], item_ids=data["item_ids"], option_orders={},
                score=data["score"], max_score=data["max_score"], confidence=data["confidence"],
                mode=data["mode"], form=data["form"], started_at=submitted, submitted_at=submitted,
                answers=[Answer(item_id=item_id, option=option, is_correct=right, answered_at=submitted)
                         for item_id, (option, right) in data["answers"].items()]))
        practice = person["practice"]
        if practice:
            completed = practice["completed_at"]
            db.session.add(SandboxRun(
                user_id=user.id, step="selesai" if completed else "?", problems_mode=practice["problems_mode"],
                answers={}, field_errors=practice["errors"],
                step_log={step: {"seconds": seconds} for step, seconds in practice["seconds"].items()},
                started_at=datetime.fromisoformat(practice["started_at"]),
                completed_at=datetime.fromisoformat(completed) if completed else None))
    db.session.add_all(ItemTally(session_id=training_session.id, content_version_id=version, item_id=item_id, kind=kind,
                                 answered=answered, right=right)
                       for (version, item_id, kind), (answered, right) in tallies.items())
    db.session.flush()


def score_row(session_id, participant_id, person, versions):
    """The person's narrow row for the programme view, from their bundle entry."""
    tests = {attempt["kind"]: attempt for attempt in person["attempts"]}
    pre, post = tests.get("pre") or {}, tests.get("post") or {}
    sitting = post or pre
    practice = person["practice"]
    gain = post["score"] - pre["score"] if pre and post else None
    room = post["max_score"] - pre["score"] if pre and post else 0
    return ScoreRow(session_id=session_id, participant_id=participant_id, pre=pre.get("score"), post=post.get("score"),
                    max_score=sitting.get("max_score"), gain=gain, ngain=gain / room if room > 0 else None,
                    pre_form=pre.get("form"),
                    content_version_id=versions.get((pre or post).get("content_hash")),
                    confidence_pre=pre.get("confidence"), confidence_post=post.get("confidence"),
                    practice_done=None if practice is None else practice["completed_at"] is not None)
