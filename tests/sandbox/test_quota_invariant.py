"""A slot's `booked` always equals its active bookings' places: every release is conditional on this
request being the one that cancels or moves the booking (two tabs, double taps)."""
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import Booking, BookingSlot, SandboxRun, User
from app.sandbox import booking as bookings
from app.sandbox.services import reserve_slot
from tests.races import race
from tests.test_quota import make_slot


def invariant_holds(app):
    """Every slot's count is its bookings' places (one per applicant)."""
    with app.app_context():
        counted = dict(db.session.execute(select(Booking.slot_id, func.sum(Booking.places))
                                          .group_by(Booking.slot_id)).all())
        return all(slot.booked == counted.get(slot.id, 0) for slot in db.session.scalars(select(BookingSlot)))


def booked_run(app, slot_id, status="unpaid", issued=None, username="siti"):
    """A learner whose run holds a booking in the slot (its place taken as submit takes it)."""
    with app.app_context():
        user = User(username=username, display_name=username)
        db.session.add(user)
        db.session.flush()
        run = SandboxRun(user_id=user.id, step="periksa", answers={"tanggal": {}, "jam": {}},
                         step_log={}, field_errors={})
        db.session.add(run)
        db.session.flush()
        assert reserve_slot(slot_id)
        db.session.add(Booking(run_id=run.id, slot_id=slot_id, booking_code=f"MP-{username.upper()}",
                               billing_code=str(10**14 + run.id), status=status,
                               billing_issued_at=issued or datetime.now(UTC)))
        db.session.commit()
        return run.id


def test_an_expiring_code_seen_in_several_tabs_gives_its_place_back_once(app):
    slot_id = make_slot(app, 10)
    for name in ("ani", "budi"):
        booked_run(app, slot_id, username=name)  # two others hold places in the same slot
    run_id = booked_run(app, slot_id, issued=datetime.now(UTC) - timedelta(hours=3))

    def reload_tab():
        run = db.session.get(SandboxRun, run_id)
        record = bookings.booking_of(run)
        outcome = bookings.refresh(record, run, datetime.now(UTC)) if record else "gone"
        db.session.commit()
        return outcome

    assert set(race(app, [reload_tab] * 6)) <= {"expired", "gone"}
    assert invariant_holds(app)
    with app.app_context():
        assert db.session.get(BookingSlot, slot_id).booked == 2


def test_a_reschedule_sent_twice_moves_and_frees_once(app):
    old_slot = make_slot(app, 10)
    with app.app_context():
        new = BookingSlot(office_id=db.session.get(BookingSlot, old_slot).office_id,
                          day=date(2027, 3, 11), time="09:00", quota=10)
        db.session.add(new)
        db.session.commit()
        new_slot = new.id
    booked_run(app, old_slot, username="ani")
    run_id = booked_run(app, old_slot, status="paid")

    def move():  # as the view: the service moves, the request commits
        record = bookings.booking_of(db.session.get(SandboxRun, run_id))
        moved = bookings.reschedule(record, db.session.get(BookingSlot, new_slot))
        db.session.commit()
        return moved

    assert True in race(app, [move] * 6)
    assert invariant_holds(app)
    with app.app_context():
        assert db.session.get(BookingSlot, old_slot).booked == 1
        assert db.session.get(BookingSlot, new_slot).booked == 1
        assert bookings.booking_of(db.session.get(SandboxRun, run_id)).rescheduled == 1


def test_a_submit_tapped_six_times_books_one_place(app):
    slot_id = make_slot(app, 10)
    with app.app_context():
        user = User(username="siti", display_name="Siti")
        db.session.add(user)
        db.session.flush()
        run = SandboxRun(user_id=user.id, step="periksa", step_log={}, field_errors={}, answers={
            "lokasi": {"kantor": "uji"}, "tanggal": {"tanggal": "2027-03-10"}, "jam": {"jam": "08:00"}})
        db.session.add(run)
        db.session.commit()
        run_id = run.id

    def tap():  # as the view: the service books, the request commits
        code = bookings.submit(db.session.get(SandboxRun, run_id)).booking_code
        db.session.commit()
        return code

    codes = race(app, [tap] * 6)
    assert len(set(codes)) == 1  # every tap is told the same booking
    assert invariant_holds(app)
    with app.app_context():
        assert db.session.get(BookingSlot, slot_id).booked == 1
