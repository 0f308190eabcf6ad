from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.booking import (ALWAYS_FULL_DAYS, application_fees, billing_expired,
                                can_reschedule, day_has_room, fee, first_day_with_room, has_room, month_weeks, new_billing_code, practice_places,
                                seconds_to_pay, service_days, validity_allowed)


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


def test_the_nearest_days_are_full_and_later_days_mostly_free_the_same_everywhere():
    days = service_days(date(2027, 3, 1), 20)
    places = [practice_places("denpasar", day, rank, 10) for rank, day in enumerate(days)]
    assert places[:ALWAYS_FULL_DAYS] == [0] * ALWAYS_FULL_DAYS  # a red day to move on from, always
    assert set(places) == {0, 10} and places.count(10) >= 8       # and green days to find
    assert places == [practice_places("denpasar", day, rank, 10) for rank, day in enumerate(days)]
    other = [practice_places("bandung", day, rank, 10) for rank, day in enumerate(days)]
    assert other != places  # each office has its own busy days


def test_the_month_calendar_starts_on_monday_and_spans_the_months_of_the_window():
    months = month_weeks(date(2027, 3, 29), date(2027, 4, 23))
    assert [month for month, _ in months] == [date(2027, 3, 1), date(2027, 4, 1)]
    march = months[0][1]
    assert march[0][:1] == [date(2027, 3, 1)] and march[0][0].weekday() == 0  # 1 March 2027 is a Monday
    assert march[-1][-1] is None and all(len(week) == 7 for week in march)
    april = months[1][1]
    assert april[0][:3] == [None, None, None] and april[0][3] == date(2027, 4, 1)  # a Thursday


def test_each_applicant_pays_their_own_fee_and_percepatan_adds_to_each():
    answers = {"_keluarga": {"count": 2}, "jenis-paspor": {"paspor": "elektronik-10"},
               "jenis-paspor.2": {"paspor": "biasa-5"}}
    assert application_fees(answers) == [(1, "elektronik", 10, 950_000), (2, "biasa", 5, 350_000)]
    fast = dict(answers, layanan={"layanan": "percepatan"})
    assert [row[3] for row in application_fees(fast)] == [1_950_000, 1_350_000]


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


@pytest.mark.parametrize("booked, quota, places, room", [
    (0, 5, 1, True), (4, 5, 1, True), (5, 5, 1, False), (3, 5, 2, True), (4, 5, 2, False), (0, 0, 1, False)])
def test_a_slot_has_room_for_every_applicant_or_none(booked, quota, places, room):
    assert has_room(booked, quota, places) is room


@pytest.mark.parametrize("slots, closed, places, green", [
    ([(5, 5), (4, 5)], False, 1, True), ([(5, 5), (4, 5)], False, 2, False),
    ([(0, 5)], True, 1, False), ([], False, 1, False)])
def test_a_day_is_green_when_one_slot_has_room_and_the_run_sees_it_open(slots, closed, places, green):
    assert day_has_room(slots, closed, places) is green


def test_the_first_day_with_room_is_the_nearest_green_one():
    assert first_day_with_room({date(2025, 3, 12), date(2025, 3, 10)}) == date(2025, 3, 10)
    assert first_day_with_room(set()) is None
