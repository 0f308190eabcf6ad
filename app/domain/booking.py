"""Booking rules of the M-Paspor sandbox: fees, validity, billing codes, payment window,
a slot's room, the first day with room and rescheduling. Facts: shared/facts/mpaspor.md §1.9–§2.
"""
import calendar
import hashlib
import secrets
from datetime import timedelta

from app.domain.identity import ADULT_AGE
from app.domain.sandbox_flow import applicants, key

# PNBP per application under PP 45/2024: (passport kind, years of validity) -> rupiah.
FEES = {("biasa", 5): 350_000, ("biasa", 10): 650_000,
        ("elektronik", 5): 650_000, ("elektronik", 10): 950_000}
ACCELERATED_FEE = 1_000_000  # same-day service, on top of the passport fee
PAYMENT_WINDOW = timedelta(hours=2)
BILLING_DIGITS = 15


def fee(kind, years, accelerated=False):
    return FEES[(kind, years)] + (ACCELERATED_FEE if accelerated else 0)


def validity_allowed(years, age, married=False):
    """Ten years only for citizens aged 17 or over, or married; everyone else gets five."""
    return years == 5 or (years == 10 and (age >= ADULT_AGE or married))


def new_billing_code(randbelow=secrets.randbelow):
    """A 15-digit billing code (kode billing) that never starts with 0."""
    first = 1 + randbelow(9)
    rest = "".join(str(randbelow(10)) for _ in range(BILLING_DIGITS - 1))
    return f"{first}{rest}"


def payment_deadline(issued_at):
    return issued_at + PAYMENT_WINDOW


def seconds_to_pay(issued_at, now):
    """Seconds left before the billing code expires (0 once it has)."""
    return max(0, int((payment_deadline(issued_at) - now).total_seconds()))


def billing_expired(issued_at, now):
    return now >= payment_deadline(issued_at)


# Quota pressure: in the app the nearest dates are usually red (other citizens booked them when
# the office opened its quota, facts §1.9), so finding a green day is practised every time.
ALWAYS_FULL_DAYS = 3                # the first service days are always full
FULL_CHANCE = ((8, 0.6), (None, 0.2))  # then: before service day 8 often full, later sometimes


def practice_places(office_code, day, rank, slot_quota):
    """Places of a slot left to the learners: 0 when other (imagined) citizens took them all.

    rank: the day's place among the office's bookable service days (0 = the first).
    The same office and day always give the same answer, on every laptop and in every process."""
    if rank < ALWAYS_FULL_DAYS:
        return 0
    chance = next(p for until, p in FULL_CHANCE if until is None or rank < until)
    digest = hashlib.sha256(f"{office_code}:{day.isoformat()}".encode()).digest()
    return 0 if digest[0] / 256 < chance else slot_quota


def has_room(booked, quota, places=1):
    """A slot can take `places` more applicants (one place each). Also given the slot's columns,
    which makes it the SQL condition of the race-safe reservation (sandbox.services.reserve_slot)."""
    return booked + places <= quota


def day_has_room(slots, closed=False, places=1):
    """A day of the calendar is green: open to this run and one of its slots [(booked, quota)]
    has room for every applicant."""
    return not closed and any(has_room(booked, quota, places) for booked, quota in slots)


def first_day_with_room(days):
    """The nearest day among the green ones, or None: the calendar names it above the month."""
    return min(days, default=None)


def month_weeks(first, last):
    """[(first day of month, weeks)] for every month from first to last; a week is seven dates
    Monday first, None outside the month: the app's month calendar."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        months.append((weeks[0][6].replace(day=1),
                       [[d if d.month == month else None for d in week] for week in weeks]))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def service_days(start, count, closed_weekdays=(5, 6)):
    """The next `count` days from start on which an office serves (Saturday and Sunday closed)."""
    days, day = [], start
    while len(days) < count:
        if day.weekday() not in closed_weekdays:
            days.append(day)
        day += timedelta(days=1)
    return days


def can_reschedule(appointment_day, today, times_rescheduled, limit=1):
    """A paid booking may move once, up to the day before (H-1) its date."""
    return times_rescheduled < limit and today < appointment_day


def application_fees(answers):
    """[(applicant, kind, years, fee)] of every applicant with a passport type chosen: each pays
    their own PNBP, plus the percepatan fee when that service was chosen (facts §1.14, §2)."""
    fast = accelerated(answers)
    rows = []
    for applicant in range(1, applicants(answers) + 1):
        chosen = (answers.get(key("jenis-paspor", applicant)) or {}).get("paspor")
        if chosen:
            kind, years = chosen.rsplit("-", 1)
            rows.append((applicant, kind, int(years), fee(kind, int(years), fast)))
    return rows


def accelerated(answers):
    """Whether the application asked for the same-day service (Permohonan Paspor Percepatan)."""
    return (answers.get("layanan") or {}).get("layanan") == "percepatan"
