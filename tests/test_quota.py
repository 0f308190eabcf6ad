"""Quotas are real constraints: concurrent reservations never pass a slot's quota."""
from datetime import date
from pathlib import Path

from sqlalchemy import select

from app.domain.offices import load_offices
from app.extensions import db
from app.models import BookingSlot, Office
from app.sandbox.services import ensure_slots, release_slot, reserve_slot, sync_offices
from tests.races import race

ROOT = Path(__file__).parent.parent


def make_slot(app, quota):
    with app.app_context():
        office = Office(code="uji", name="Kantor Uji", kind="Kanim", city="Denpasar",
                        province="Bali", slot_quota=quota)
        db.session.add(office)
        db.session.flush()
        slot = BookingSlot(office_id=office.id, day=date(2027, 3, 10), time="08:00", quota=quota)
        db.session.add(slot)
        db.session.commit()
        return slot.id


def test_the_shipped_offices_load_and_sync_once(app):
    offices, problems = load_offices(ROOT)
    assert problems == [] and len(offices) >= 20
    with app.app_context():
        assert sync_offices(offices) == len(offices)
        db.session.commit()
        assert sync_offices(offices) == 0
        bali = db.session.scalars(select(Office.code).where(Office.province == "Bali")).all()
        assert "denpasar" in bali


def test_slots_are_made_once_for_service_days(app):
    with app.app_context():
        office = Office(code="uji", name="Kantor Uji", kind="Kanim", city="X", province="Bali",
                        slot_quota=4)
        db.session.add(office)
        db.session.flush()
        days = ensure_slots(office, date(2027, 3, 5), 3)  # Friday, Monday, Tuesday
        ensure_slots(office, date(2027, 3, 5), 3)
        db.session.commit()
        slots = db.session.scalars(select(BookingSlot)).all()
        assert len(slots) == 3 * 6 and {s.day for s in slots} == set(days)
        assert date(2027, 3, 6) not in days and all(s.quota == 4 for s in slots)


def test_a_full_slot_refuses_and_a_released_place_can_be_taken_again(app):
    slot_id = make_slot(app, 2)
    with app.app_context():
        assert [reserve_slot(slot_id) for _ in range(3)] == [True, True, False]
        release_slot(slot_id)
        assert reserve_slot(slot_id) is True
        db.session.commit()
        assert db.session.get(BookingSlot, slot_id).booked == 2


def reserve_and_commit(slot_id, places=1):
    taken = reserve_slot(slot_id, places)
    db.session.commit()
    return taken


def test_forty_concurrent_reservations_for_a_quota_of_ten_book_exactly_ten(app):
    slot_id = make_slot(app, 10)
    results = race(app, [lambda: reserve_and_commit(slot_id)] * 40)
    assert results.count(True) == 10 and results.count(False) == 30
    with app.app_context():
        assert db.session.get(BookingSlot, slot_id).booked == 10


def test_a_family_takes_all_its_places_or_none(app):
    """A booking with Tambah Pemohon takes one place per applicant, in one conditional UPDATE."""
    slot_id = make_slot(app, 5)
    results = race(app, [lambda: reserve_and_commit(slot_id, places=2)] * 6)
    assert results.count(True) == 2  # 2 + 2 places; a third family of two does not fit in the last one
    with app.app_context():
        assert db.session.get(BookingSlot, slot_id).booked == 4
        assert reserve_slot(slot_id, places=1) is True and reserve_slot(slot_id, places=1) is False


def test_the_shipped_offices_include_service_units_with_their_place(app):
    offices, _ = load_offices(ROOT)
    kinds = {office.kind for office in offices}
    assert {"Kanim", "ULP", "UKK", "MPP"} <= kinds
    assert all(-11 <= office.lat <= 6 and 94 <= office.lon <= 142 for office in offices)
