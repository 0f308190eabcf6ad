"""A learner's sandbox run: entries kept per page, time per page, errors per field."""
import secrets
from datetime import UTC, date, datetime

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.domain.booking import as_utc
from app.extensions import db
from app.models import SandboxRun, utcnow

# The practice account's password is hashed (people reuse real ones), but more cheaply than a
# real account's scrypt: a room of 200 phones signs up at once on a 2-core laptop, and the
# practice account guards nothing. PBKDF2-SHA256 with 50,000 rounds takes a few ms.
PRACTICE_HASH = "pbkdf2:sha256:50000"
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


def latest_run(user):
    """The learner's newest run, finished or not (a paid booking stays visible)."""
    return db.session.scalar(select(SandboxRun).where(SandboxRun.user_id == user.id)
                             .order_by(SandboxRun.id.desc()))


def _changed(run, name, value):
    setattr(run, name, value)  # a new dict, so SQLAlchemy sees the JSON column change


# A changed answer makes these later ones meaningless (another office has other dates).
DEPENDENT = {"provinsi": ("kantor", "tanggal", "jam"), "kantor": ("tanggal", "jam"),
             "tanggal": ("jam",)}


def save_answers(run, step, answers, password=None):
    data = dict(run.answers)
    if step in data and data[step] != answers:
        for later in DEPENDENT.get(step, ()):
            data.pop(later, None)
    data[step] = answers
    if password:
        data["_account"] = {"password_hash": generate_password_hash(password, PRACTICE_HASH)}
    _changed(run, "answers", data)


def log_visit(run, step, now=None):
    """Count the seconds a learner spends on each page (from first view to leaving it)."""
    now = now or datetime.now(UTC)
    log = dict(run.step_log)
    entry = dict(log.get(step) or {"first": now.isoformat(), "seconds": 0})
    last = log.get("_last")
    if last and last.get("step") == step:
        entry["seconds"] += max(0, int((now - datetime.fromisoformat(last["at"])).total_seconds()))
    log[step] = entry
    log["_last"] = {"step": step, "at": now.isoformat()}
    _changed(run, "step_log", log)
    run.step = step


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
    now = now or utcnow()
    data = dict(run.answers)
    inbox = dict(data.get("_inbox") or {"messages": []})
    code = f"{secrets.randbelow(10**6):06d}"
    delay = LATE_EMAIL_SECONDS if run.problems_mode and not inbox["messages"] else 0
    inbox["messages"] = inbox["messages"] + [{"code": code, "sent_at": now.isoformat(),
                                              "delay": delay}]
    data["_inbox"] = inbox
    _changed(run, "answers", data)
    return code


def delivered(run, now=None):
    """The inbox as the learner sees it now: a late e-mail shows only after its delay."""
    now = now or utcnow()
    messages = (run.answers.get("_inbox") or {}).get("messages", [])
    return [m for m in messages
            if (now - as_utc(datetime.fromisoformat(m["sent_at"]))).total_seconds() >= m["delay"]]


def person_defaults(people, code, step):
    """What a chosen practice person fills in on a page (the learner still checks and sends it)."""
    person = people.get(code)
    if person is None:
        return {}
    if step == "akun":
        return {"nama_lengkap": person.name, "tanggal_lahir": person.birth_date.isoformat(),
                "jenis_kelamin": "P" if person.female else "L", "email": person.email,
                "nomor_ponsel": person.phone}
    if step == "masuk":
        return {"email": person.email}
    if step == "data-diri":
        return {"nik": person.nik, "nomor_kk": person.kk, "nama_lengkap": person.name,
                "tempat_lahir": person.birth_place, "tanggal_lahir": person.birth_date.isoformat(),
                "jenis_kelamin": "P" if person.female else "L"}
    parent = people.get(person.parent)
    if step == "orang-tua" and parent:
        return {"nama_orang_tua": parent.name, "nik_orang_tua": parent.nik}
    return {}


def closed_day(run):
    """In problems mode, the day that filled up under this learner's fingers."""
    day = (run.answers.get("_problems") or {}).get("closed_day")
    return date.fromisoformat(day) if day else None


def day_fills_up(run, day):
    """Problems mode: the first day a learner picks turns out full; they must choose again."""
    if not run.problems_mode or closed_day(run):
        return False
    data = dict(run.answers)
    data["_problems"] = dict(data.get("_problems") or {}, closed_day=day)
    _changed(run, "answers", data)
    return True


def keep_uploads(run, uploads, done):
    """Descriptions of the uploads so far; the page counts as done once all are in."""
    data = dict(run.answers)
    data["_uploads"] = uploads
    if done:
        data["dokumen"] = uploads
    else:
        data.pop("dokumen", None)
    _changed(run, "answers", data)


def connection_drops(run):
    """Problems mode: the first submit of the application is lost to a dropped signal."""
    problems = (run.answers.get("_problems") or {})
    if not run.problems_mode or problems.get("dropped"):
        return False
    data = dict(run.answers)
    data["_problems"] = dict(problems, dropped=True)
    _changed(run, "answers", data)
    return True


def forget_slot(run):
    """The chosen time filled up: ask for the date and time again, keep everything else."""
    data = dict(run.answers)
    data.pop("tanggal", None)
    data.pop("jam", None)
    _changed(run, "answers", data)
