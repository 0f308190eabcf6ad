"""Offices, slots and quotas of the sandbox, kept in the database.

A slot is reserved with one conditional UPDATE inside the booking's transaction, which
behaves the same on SQLite and PostgreSQL: however many requests race for the last place,
the database lets exactly one of them take it.
"""
from datetime import date, timedelta

from sqlalchemy import select, update

from app.domain.booking import service_days
from app.extensions import db, dialect_insert
from app.models import BookingSlot, Office

SLOT_TIMES = ("08:00", "09:00", "10:00", "11:00", "13:00", "14:00")


def sync_offices(offices):
    """Insert or update the offices from sandbox/offices.yaml; returns how many are new."""
    existing = {office.code: office for office in db.session.scalars(select(Office))}
    added = 0
    for data in offices:
        office = existing.get(data.code)
        if office is None:
            office = Office(code=data.code)
            db.session.add(office)
            added += 1
        office.name, office.kind, office.city = data.name, data.kind, data.city
        office.province, office.slot_quota = data.province, data.slot_quota
    return added


def ensure_slots(office, first_day, count):
    """Make sure the office has its slots for the next `count` service days from first_day:
    one INSERT … ON CONFLICT DO NOTHING for all that are missing (another request may be
    making the same ones at the same moment)."""
    days = service_days(first_day, count)
    have = set(db.session.execute(
        select(BookingSlot.day, BookingSlot.time).where(BookingSlot.office_id == office.id,
                                                        BookingSlot.day.in_(days))).all())
    missing = [{"office_id": office.id, "day": day, "time": time, "quota": office.slot_quota, "booked": 0}
               for day in days for time in SLOT_TIMES if (day, time) not in have]
    if missing:
        db.session.execute(dialect_insert(BookingSlot).values(missing).on_conflict_do_nothing())
    return days


def reserve_slot(slot_id):
    """Take one place in the slot if one is left. True when taken, False when full."""
    taken = db.session.execute(
        update(BookingSlot).where(BookingSlot.id == slot_id, BookingSlot.booked < BookingSlot.quota)
        .values(booked=BookingSlot.booked + 1).execution_options(synchronize_session=False))
    return taken.rowcount == 1


def release_slot(slot_id):
    """Give a place back (a moved or expired booking)."""
    db.session.execute(
        update(BookingSlot).where(BookingSlot.id == slot_id, BookingSlot.booked > 0)
        .values(booked=BookingSlot.booked - 1).execution_options(synchronize_session=False))


CALENDAR_DAYS = 15  # service days shown in the date picker


def provinces():
    return list(db.session.scalars(select(Office.province).distinct().order_by(Office.province)))


def offices_in(province):
    return list(db.session.scalars(select(Office).where(Office.province == province)
                                   .order_by(Office.city, Office.name)))


def office_by_code(code):
    return db.session.scalar(select(Office).where(Office.code == code))


def calendar(office, closed_day=None):
    """[(day, [slots], closed)] for the service days from tomorrow on (booking today is closed);
    closed_day is a day this run sees as full."""
    days = ensure_slots(office, date.today() + timedelta(days=1), CALENDAR_DAYS)
    slots = db.session.scalars(select(BookingSlot).where(BookingSlot.office_id == office.id,
                                                         BookingSlot.day.in_(days))
                               .order_by(BookingSlot.day, BookingSlot.time)).all()
    by_day = {day: [] for day in days}
    for slot in slots:
        by_day[slot.day].append(slot)
    return [(day, by_day[day], day == closed_day) for day in days]


def day_is_free(slots, closed):
    return not closed and any(slot.booked < slot.quota for slot in slots)
