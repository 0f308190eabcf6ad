"""What the practice keeps about a run for itself, apart from what the learner typed.

`SandboxRun.machinery` is read and written here only: the simulated inbox, the practice
account's password hash, the problems "practice with problems" already staged, the uploads of a
page not yet complete, the bookings whose billing code expired, and the application set aside
when the app made the learner start over. `SandboxRun.answers` keeps the learner's entries.

Every change assigns a new dict, so SQLAlchemy sees the JSON column change.
"""
from datetime import date


def _read(run, name, default=None):
    return (run.machinery or {}).get(name, default)


def _write(run, **changes):
    run.machinery = dict(run.machinery or {}, **changes)


def _drop(run, name):
    run.machinery = {k: v for k, v in (run.machinery or {}).items() if k != name}


def inbox(run):
    """The verification e-mails sent so far, oldest first: {code, sent_at, delay}."""
    return list(_read(run, "inbox", []))


def add_mail(run, mail):
    _write(run, inbox=inbox(run) + [mail])


def password_hash(run):
    """The hash of the practice account's password (never sent to the browser nor exported)."""
    return _read(run, "password_hash")


def keep_password_hash(run, secret):
    _write(run, password_hash=secret)


def closed_day(run):
    """Problems mode: the day that filled up under the learner's fingers, once it has."""
    day = _read(run, "closed_day")
    return date.fromisoformat(day) if day else None


def close_day(run, day):
    """day: its ISO text, as the date page sends it."""
    _write(run, closed_day=day)


def connection_dropped(run):
    """Problems mode: whether the application's first submit was already lost."""
    return bool(_read(run, "connection_dropped"))


def drop_connection(run):
    _write(run, connection_dropped=True)


def uploads(run, step):
    """{document: description} uploaded on a page so far, complete or not."""
    return dict((_read(run, "uploads") or {}).get(step) or {})


def keep_uploads(run, step, described):
    _write(run, uploads=dict(_read(run, "uploads") or {}, **{step: described}))


def expired_bookings(run):
    """[{booking_code, expired_at}] of the bookings whose billing code ran out."""
    return list(_read(run, "expired_bookings", []))


def add_expired_booking(run, booking_code, expired_at):
    _write(run, expired_bookings=expired_bookings(run) + [
        {"booking_code": booking_code, "expired_at": expired_at.isoformat()}])


def set_aside(run, application):
    """Keep the application (its answers and its uploads) the app made the learner leave."""
    kept = {"answers": application}
    if "uploads" in (run.machinery or {}):
        kept["uploads"] = _read(run, "uploads")
        _drop(run, "uploads")
    _write(run, set_aside=kept)


def has_set_aside(run):
    return bool((_read(run, "set_aside") or {}).get("answers"))


def take_back(run):
    """The set-aside application's answers, its uploads restored; {} when there is none."""
    kept = _read(run, "set_aside") or {}
    if not kept.get("answers"):
        return {}
    _drop(run, "set_aside")
    if "uploads" in kept:
        _write(run, uploads=kept["uploads"])
    return kept["answers"]
