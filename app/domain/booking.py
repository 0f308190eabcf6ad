"""Booking rules of the M-Paspor sandbox: fees, validity, billing codes, payment window,
slot status, the next day with room and rescheduling. Facts: shared/facts/mpaspor.md §1.9–§2.
"""
import secrets
from datetime import UTC, timedelta

from app.domain.identity import ADULT_AGE

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


def slot_status(booked, quota):
    return "full" if booked >= quota else "free"


def next_day_with_room(days):
    """The first date that still has a free slot. days: [(date, [(booked, quota), ...])] in order."""
    for day, slots in days:
        if any(booked < quota for booked, quota in slots):
            return day
    return None


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


def as_utc(moment):
    """SQLite hands back naive datetimes for zone-aware columns; they were stored as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

