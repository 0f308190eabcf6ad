"""Offices, slots and quotas of the sandbox, kept in the database.

A slot is reserved with one conditional UPDATE inside the booking's transaction, which
behaves the same on SQLite and PostgreSQL: however many requests race for the last place,
the database lets exactly one of them take it.
"""
from datetime import timedelta

from sqlalchemy import select, update

from app import clock
from app.domain.booking import has_room, practice_places, service_days
from app.domain.offices import search
from app.domain.practice import NO_PERSON_PLACE
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
        office.lat, office.lon = data.lat, data.lon
    return added


def ensure_slots(office, first_day, count, pressure=False):
    """Make sure the office has its slots for the next `count` service days from first_day
    (with pressure, the nearest days come already full: a slot's quota is the places left to
    learners). Returns the days."""
    days = service_days(first_day, count)
    _add_missing(office, days, _slot_rows(office, days), pressure)
    return days


def _slot_rows(office, days):
    """The office's slots on these days, in order, as plain rows (id, day, time, booked, quota):
    a calendar is 120 of them on every date and time page, too many to build ORM objects for."""
    return db.session.execute(
        select(BookingSlot.id, BookingSlot.day, BookingSlot.time, BookingSlot.booked, BookingSlot.quota)
        .where(BookingSlot.office_id == office.id, BookingSlot.day.in_(days))
        .order_by(BookingSlot.day, BookingSlot.time)).all()


def _add_missing(office, days, rows, pressure):
    """One INSERT … ON CONFLICT DO NOTHING for the slots of these days not among rows (another
    request may be making the same ones at the same moment). True when some were missing."""
    if len(rows) == len(days) * len(SLOT_TIMES):
        return False
    have = {(row.day, row.time) for row in rows}
    missing = [{"office_id": office.id, "day": day, "time": time, "booked": 0,
                "quota": practice_places(office.code, day, rank, office.slot_quota) if pressure
                else office.slot_quota}
               for rank, day in enumerate(days) for time in SLOT_TIMES if (day, time) not in have]
    db.session.execute(dialect_insert(BookingSlot).values(missing).on_conflict_do_nothing())
    return True


def reserve_slot(slot_id, places=1):
    """Take `places` places in the slot (one per applicant) if that many are left. True when
    taken, False when they are not all free."""
    taken = db.session.execute(
        update(BookingSlot).where(BookingSlot.id == slot_id,
                                  has_room(BookingSlot.booked, BookingSlot.quota, places))
        .values(booked=BookingSlot.booked + places).execution_options(synchronize_session=False))
    return taken.rowcount == 1


def release_slot(slot_id, places=1):
    """Give places back (a moved or expired booking)."""
    db.session.execute(
        update(BookingSlot).where(BookingSlot.id == slot_id, BookingSlot.booked >= places)
        .values(booked=BookingSlot.booked - places).execution_options(synchronize_session=False))


CALENDAR_DAYS = 20  # service days open for booking: four weeks, on a month calendar


def all_offices():
    return list(db.session.scalars(select(Office).order_by(Office.name)))


def chosen_office_code(run):
    return (run.answers.get("lokasi") or {}).get("kantor")


def chosen_office(run):
    """The office this run picked on the location page, or None before it picks one."""
    return office_by_code(chosen_office_code(run))


def office_by_code(code):
    return db.session.scalar(select(Office).where(Office.code == code))


def office_search(run, people, query, near_me):
    """The offices the location page lists: typed place words, or nearest to where the practice
    person is ("Pakai Lokasi Saya Saat Ini"); none until the learner asks."""
    query = query[:60]
    chosen = chosen_office_code(run)
    if not query and not near_me and not chosen:
        return {"query": "", "near_me": False, "found": []}
    person = people.get(run.person_code)
    here = (person.lat, person.lon) if person else NO_PERSON_PLACE
    found = search(all_offices(), here, query, limit=8)
    if chosen and chosen not in {office.code for office, _ in found}:
        office = office_by_code(chosen)
        found = ([(office, None)] if office else []) + found
    return {"query": query, "near_me": near_me or not query, "found": found}


def calendar(office, closed_day=None):
    """[(day, [slots], closed)] for the service days from tomorrow on (booking today is closed);
    closed_day is a day this run sees as full."""
    days = service_days(clock.today() + timedelta(days=1), CALENDAR_DAYS)
    slots = _slot_rows(office, days)  # one read once the office's calendar exists
    if _add_missing(office, days, slots, pressure=True):
        slots = _slot_rows(office, days)
    by_day = {day: [] for day in days}
    for slot in slots:
        by_day[slot.day].append(slot)
    return [(day, by_day[day], day == closed_day) for day in days]


def slots_on(days, day):
    """The slots of a calendar's day (its ISO text, as the date page sends it); None when the
    calendar has no such day."""
    return next((slots for d, slots, _closed in days if d.isoformat() == day), None)
