"""The app's clock: stored moments are UTC, the calendar date is the room's."""
import time
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from app import clock


@pytest.fixture
def in_bali(monkeypatch):
    """The laptop's clock set to WITA (UTC+8), as in a room in Denpasar."""
    monkeypatch.setenv("TZ", "WITA-8")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_now_is_an_aware_utc_moment():
    assert clock.now().utcoffset().total_seconds() == 0


@pytest.mark.parametrize("utc, local_day", [
    (datetime(2026, 11, 21, 15, 59, tzinfo=UTC), date(2026, 11, 21)),  # 23:59 in Denpasar
    (datetime(2026, 11, 21, 16, 0, tzinfo=UTC), date(2026, 11, 22)),   # midnight: a new day there
    (datetime(2026, 11, 21, 23, 30, tzinfo=UTC), date(2026, 11, 22)),  # 07:30, UTC still says the 21st
])
def test_today_is_the_rooms_date_not_the_utc_one(in_bali, monkeypatch, utc, local_day):
    monkeypatch.setattr(clock, "now", lambda: utc)
    assert clock.today() == local_day


def test_naive_times_from_sqlite_are_read_as_utc():
    naive = datetime(2026, 11, 22, 9, 0)
    assert clock.as_utc(naive) == datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    aware = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert clock.as_utc(aware) is aware


def test_a_stored_moment_is_written_as_utc_text_whatever_its_zone():
    naive = datetime(2026, 11, 22, 9, 0)  # as SQLite hands it back: stored as UTC
    assert clock.utc_text(naive) == "2026-11-22T09:00:00+00:00"
    in_bali = datetime(2026, 11, 22, 17, 0, tzinfo=timezone(timedelta(hours=8)))
    assert clock.utc_text(in_bali) == "2026-11-22T09:00:00+00:00"
