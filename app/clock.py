"""The app's one clock: views and services read the time here and pass it into the domain.

`now()` is a moment, aware and in UTC: what the database stores and what deadlines (a billing
code's two hours, a late e-mail) are counted from. `today()` is a calendar date, and it is the
local date of the machine the app runs on, not the UTC one: the laptop sits in the room in
Indonesia (UTC+7 to +9), where from midnight to 07:00–09:00 the UTC date is still yesterday —
a booking calendar that opens "from tomorrow" would then offer today, and a child born today
would not yet be born. A server elsewhere sets TZ (e.g. TZ=Asia/Makassar) to the room's zone.

Call these as `clock.now()` / `clock.today()` (not `from app.clock import now`), so a test
that sets `app.clock.now` moves every reading of the time, `today()` included.
"""
from datetime import UTC, datetime


def now():
    return datetime.now(UTC)


def today():
    return now().astimezone().date()


def as_utc(moment):
    """A moment read back from the database, aware and in UTC: SQLite hands back naive datetimes
    for zone-aware columns, and they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def utc_text(moment):
    """A stored moment as ISO text in UTC, as backups and programme bundles write it: the same
    instant reads the same on every laptop, whatever its zone."""
    return as_utc(moment).astimezone(UTC).isoformat()
