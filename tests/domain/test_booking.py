from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.booking import (as_utc, billing_expired, can_reschedule, fee, new_billing_code,
                                next_day_with_room, seconds_to_pay, service_days, slot_status,
                                validity_allowed)


@pytest.mark.parametrize("kind, years, accelerated, rupiah", [
    ("biasa", 5, False, 350_000), ("biasa", 10, False, 650_000),
    ("elektronik", 5, False, 650_000), ("elektronik", 10, False, 950_000),
    ("biasa", 5, True, 1_350_000), ("elektronik", 10, True, 1_950_000),
])
def test_fees_follow_pp_45_2024(kind, years, accelerated, rupiah):
    assert fee(kind, years, accelerated) == rupiah


@pytest.mark.parametrize("years, age, married, allowed", [
    (5, 10, False, True), (10, 16, False, False), (10, 16, True, True),
    (10, 17, False, True), (10, 60, False, True),
])
def test_ten_years_validity_only_from_17_or_married(years, age, married, allowed):
    assert validity_allowed(years, age, married) is allowed


def test_billing_codes_have_15_digits_and_no_leading_zero():
    codes = {new_billing_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(c) == 15 and c.isdigit() and c[0] != "0" for c in codes)
    assert new_billing_code(lambda n: 0) == "100000000000000"


def test_the_billing_code_must_be_paid_within_two_hours():
    issued = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert seconds_to_pay(issued, issued) == 7200
    assert seconds_to_pay(issued, issued + timedelta(minutes=119, seconds=30)) == 30
    assert not billing_expired(issued, issued + timedelta(minutes=119, seconds=59))
    assert billing_expired(issued, issued + timedelta(hours=2))
    assert seconds_to_pay(issued, issued + timedelta(hours=3)) == 0


def test_full_slots_and_the_next_day_with_room():
    assert slot_status(10, 10) == "full" and slot_status(9, 10) == "free"
    days = [(date(2027, 3, 8), [(10, 10), (5, 5)]), (date(2027, 3, 9), [(10, 10), (4, 5)]),
            (date(2027, 3, 10), [(0, 10)])]
    assert next_day_with_room(days) == date(2027, 3, 9)
    assert next_day_with_room(days[:1]) is None


def test_offices_serve_on_weekdays():
    days = service_days(date(2027, 3, 5), 3)  # a Friday
    assert days == [date(2027, 3, 5), date(2027, 3, 8), date(2027, 3, 9)]


@pytest.mark.parametrize("today, times, allowed", [
    (date(2027, 3, 9), 0, True),    # the day before (H-1)
    (date(2027, 3, 10), 0, False),  # on the day itself
    (date(2027, 3, 1), 1, False),   # already moved once
])
def test_a_booking_moves_once_up_to_the_day_before(today, times, allowed):
    assert can_reschedule(date(2027, 3, 10), today, times) is allowed


def test_naive_times_from_sqlite_are_read_as_utc():
    naive = datetime(2026, 11, 22, 9, 0)
    assert as_utc(naive) == datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    aware = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
    assert as_utc(aware) is aware
