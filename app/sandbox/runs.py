"""A learner's sandbox run: entries kept per page, time per page, errors per field."""
import secrets
from datetime import datetime

from flask import session

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app import clock
from app.domain.practice import family_of
from app.domain import sandbox_flow
from app.domain.sandbox_flow import split
from app.extensions import db
from app.models import SandboxRun
from app.rooms.services import participation
from app.sandbox import machinery

# The practice account's password is hashed, salted (people reuse real ones), but more cheaply
# than a real account's scrypt: a room of 200 phones signs up within a minute on a 2-core laptop,
# and the practice account guards nothing. PBKDF2-SHA256 with 10,000 rounds costs 4 ms of CPU on
# such a laptop, 50,000 cost 20 ms (40–50 ms in a busy room), once to sign up and once to sign in.
# Hashes made with more rounds still check: the rounds are written in the hash.
PRACTICE_HASH = "pbkdf2:sha256:10000"
LATE_EMAIL_SECONDS = 60  # "practice with problems": the verification e-mail arrives late


def current_run(user):
    """The learner's unfinished run, or a new one."""
    run = db.session.scalar(select(SandboxRun).where(SandboxRun.user_id == user.id,
                                                     SandboxRun.completed_at.is_(None))
                            .order_by(SandboxRun.id.desc()))
    if run is None:
        run = SandboxRun(user_id=user.id, step="akun", answers={}, step_log={}, field_errors={})
        db.session.add(run)
        db.session.flush()
    return run


def room_run(user):
    """The learner's run; a session's "practice with problems" switch applies to it."""
    run = current_run(user)
    participant = participation(user)
    if participant and participant.session.problems_mode:
        run.problems_mode = True
    return run


def latest_run(user):
    """The learner's newest run, finished or not (a paid booking stays visible)."""
    return db.session.scalar(select(SandboxRun).where(SandboxRun.user_id == user.id)
                             .order_by(SandboxRun.id.desc()))


def _changed(run, name, value):
    setattr(run, name, value)  # a new dict, so SQLAlchemy sees the JSON column change


# A changed answer makes these later ones meaningless (another office has other dates).
DEPENDENT = {"lokasi": ("tanggal", "jam"), "tanggal": ("jam",)}


def save_answers(run, step, answers, password=None):
    data = dict(run.answers)
    if step in data and data[step] != answers:
        for later in DEPENDENT.get(step, ()):
            data.pop(later, None)
    data[step] = answers
    _changed(run, "answers", data)
    if password:
        machinery.keep_password_hash(run, generate_password_hash(password, PRACTICE_HASH))


MAX_SECONDS_ON_A_PAGE = 30 * 60  # a phone left open on a page is not someone reading it
SHOWN = "_sandbox_page"  # in the browser's session: the practice page on screen, and since when


def page_shown(step, now=None):
    """Remember which page the learner is looking at, and since when, in their session: showing a
    page writes nothing to the database (a room's 200 phones would queue for SQLite's writer)."""
    session[SHOWN] = [split(step)[0], (now or clock.now()).isoformat()]


def time_on_page(run, step, now=None):
    """Add the seconds since the page was shown to its total, when the learner sends it; the
    pages of every applicant count together ('data-diri.2' is 'data-diri')."""
    step, now = split(step)[0], now or clock.now()
    shown = session.get(SHOWN)
    run.step = step
    if not shown or shown[0] != step:
        return
    try:
        seconds = (now - datetime.fromisoformat(shown[1])).total_seconds()
    except (TypeError, ValueError):
        return
    log = dict(run.step_log)
    entry = dict(log.get(step) or {"seconds": 0})
    entry["seconds"] += int(min(MAX_SECONDS_ON_A_PAGE, max(0, seconds)))
    log[step] = entry
    _changed(run, "step_log", log)


def count_errors(run, step, errors):
    """Keep how often each field was wrong, never what was typed."""
    counts = dict(run.field_errors)
    for field in errors:
        if field != "csrf_token":
            key = f"{step}.{field}"
            counts[key] = counts.get(key, 0) + 1
    _changed(run, "field_errors", counts)


def send_code(run, now=None):
    """Put a new verification e-mail in the simulated inbox; an older code stops working."""
    now = now or clock.now()
    code = f"{secrets.randbelow(10**6):06d}"
    delay = LATE_EMAIL_SECONDS if run.problems_mode and not machinery.inbox(run) else 0
    machinery.add_mail(run, {"code": code, "sent_at": now.isoformat(), "delay": delay})
    return code


def delivered(run, now=None):
    """The inbox as the learner sees it now: a late e-mail shows only after its delay."""
    now = now or clock.now()
    return [m for m in machinery.inbox(run)
            if (now - clock.as_utc(datetime.fromisoformat(m["sent_at"]))).total_seconds() >= m["delay"]]


def person_for(people, run, step):
    """The practice person a page is about: the chosen person for the first applicant, a family
    member (same KK) for one added with Tambah Pemohon, a child's parent on the parent's page."""
    base, applicant = split(step)
    person = people.get(run.person_code)
    if applicant > 1:
        family = family_of(list(people.values()), person)
        person = family[applicant - 2] if applicant - 2 < len(family) else None
    if person is not None and base == "orang-tua":
        person = people.get(person.parent)
    return person


def person_defaults(people, run, step):
    """What the practice person fills in on a page (the learner still checks and sends it).
    Typing from the card, only what no card shows (e-mail and phone) is filled in."""
    base = split(step)[0]
    person = person_for(people, run, step)
    if person is None:
        return {}
    if base == "akun":
        contact = {"email": person.email, "nomor_ponsel": person.phone}
        if run.type_from_card:
            return contact
        return contact | {"nama_lengkap": person.name, "tanggal_lahir": person.birth_date.isoformat(),
                          "jenis_kelamin": "P" if person.female else "L"}
    if base == "masuk":
        return {"email": person.email}
    if run.type_from_card:
        return {}
    if base == "data-diri":
        return {"nik": person.nik, "nomor_kk": person.kk, "nama_lengkap": person.name,
                "tempat_lahir": person.birth_place, "tanggal_lahir": person.birth_date.isoformat(),
                "jenis_kelamin": "P" if person.female else "L",
                "status_kawin": "kawin" if person.married else "belum"}
    if base == "orang-tua":
        return {"nama_orang_tua": person.name, "nik_orang_tua": person.nik}
    return {}


def day_fills_up(run, day):
    """Problems mode: the first day a learner picks turns out full; they must choose again."""
    if not run.problems_mode or machinery.closed_day(run):
        return False
    machinery.close_day(run, day)
    return True


def keep_uploads(run, step, uploads, done):
    """Descriptions of a page's uploads so far; the page counts as done once all are in."""
    machinery.keep_uploads(run, step, uploads)
    data = dict(run.answers)
    if done:
        data[step] = uploads
    else:
        data.pop(step, None)
    _changed(run, "answers", data)


def uploads_so_far(run, step):
    return dict(run.answers.get(step) or machinery.uploads(run, step))


def connection_drops(run):
    """Problems mode: the first submit of the application is lost to a dropped signal."""
    if not run.problems_mode or machinery.connection_dropped(run):
        return False
    machinery.drop_connection(run)
    return True


def change_family(run, answers):
    """Tambah Pemohon or taking the last added applicant out: the new answers, when allowed."""
    if answers is not None:
        _changed(run, "answers", answers)
    return answers is not None


def start_over(run, keep_slot=True):
    """What the real app does after an expired billing code or a dropped signal: the account
    stays, the application must be filled in again. The practice keeps a copy, so the learner
    may choose to try again with it (and is told the real app would not)."""
    kept = sandbox_flow.ACCOUNT[:3]
    application = {k: v for k, v in run.answers.items() if k not in kept}
    if not keep_slot:
        application = {k: v for k, v in application.items() if k not in ("tanggal", "jam")}
    machinery.set_aside(run, application)
    _changed(run, "answers", {k: v for k, v in run.answers.items() if k in kept})


def try_again(run):
    """Practice only: bring back the application as it was before starting over."""
    earlier = machinery.take_back(run)
    if earlier:
        _changed(run, "answers", {**run.answers, **earlier})
    return bool(earlier)


def forget_slot(run):
    """The chosen time filled up: ask for the date and time again, keep everything else."""
    data = dict(run.answers)
    data.pop("tanggal", None)
    data.pop("jam", None)
    _changed(run, "answers", data)
