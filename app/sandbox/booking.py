"""Check your answers, submit, and the booking: codes, QR, billing, payment, proof."""
from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from app.clock import as_utc
from app.domain.booking import application_fees, billing_expired, can_reschedule, new_billing_code
from app.domain.codes import new_code
from app.domain.sandbox_flow import applicants, personal_data, reviewed, split
from app.extensions import db
from app.i18n import to_date
from app.models import Booking, BookingSlot, Office
from app.qr import qr_svg
from app.sandbox import machinery, runs, services

def new_booking_code():
    return "MP-" + new_code(8)


def chosen_slot(run):
    office = services.chosen_office(run)
    if office is None:
        return None
    return db.session.scalar(select(BookingSlot).where(
        BookingSlot.office_id == office.id,
        BookingSlot.day == to_date(run.answers.get("tanggal", {}).get("tanggal")),
        BookingSlot.time == run.answers.get("jam", {}).get("jam")))


def review_rows(run):
    """(applicant, base step, page key, answers) for every page the learner can change from
    "check your answers"."""
    return [(applicant, split(step)[0], step, run.answers.get(step) or {})
            for applicant, step in reviewed(run.answers)]


def booking_of(run):
    return db.session.scalar(select(Booking).where(Booking.run_id == run.id))


def submit(run):
    """Reserve the slot and create the booking together, for the caller to commit.

    Returns the booking, or None when the slot filled up meanwhile (nothing is kept then).
    A second submit of the same run returns the first booking. Each try is a savepoint, so a
    clash of codes, or the same run submitted twice at once, gives its place back.
    """
    existing = booking_of(run)
    if existing:
        return existing
    slot, places = chosen_slot(run), applicants(run.answers)
    if slot is None:
        return None
    for _ in range(5):  # a code clash is rare; try again with new codes
        try:
            with db.session.begin_nested():
                if not services.reserve_slot(slot.id, places):
                    return None
                booking = Booking(run_id=run.id, slot_id=slot.id, booking_code=new_booking_code(),
                                  billing_code=new_billing_code(), status="unpaid", places=places)
                db.session.add(booking)
            return booking
        except IntegrityError:
            if booking_of(run):  # the same run submitted twice at once
                return booking_of(run)
    raise RuntimeError("could not make a unique booking code")


def office_of(booking):
    return db.session.get(Office, booking.slot.office_id)


def qr_of(booking):
    """The booking's QR code, shown and printed as the proof."""
    return qr_svg(booking.booking_code, scale=5)


PENDING_SECONDS = 90  # problems mode: how long a payment stays "pending"
CHANNELS = ("mobile-banking", "atm", "indomaret", "kantor-pos", "marketplace")


def refresh(booking, run, now):
    """Bring a booking's status up to date: an unpaid code expires, a pending payment lands.

    Returns "expired" when the billing code ran out (the booking is then gone, its place given
    back, and the run asks for a date and time again), else the status.
    """
    if booking.status == "unpaid" and billing_expired(as_utc(booking.billing_issued_at), now):
        # Only the request that deletes the booking gives its place back: two tabs reloading at
        # the moment the code expires must not free the place twice.
        cancelled = db.session.execute(delete(Booking).where(Booking.id == booking.id,
                                                             Booking.status == "unpaid"))
        if cancelled.rowcount == 1:
            services.release_slot(booking.slot_id, booking.places)
            machinery.add_expired_booking(run, booking.booking_code, now)
            runs.start_over(run, keep_slot=False)  # as the app: the application is gone
        db.session.expunge(booking)
        return "expired"
    if booking.status == "pending" and now >= as_utc(booking.pending_until):
        mark_paid(booking, run, now)
    return booking.status


def pay(booking, run, channel, now):
    booking.payment_channel = channel
    if run.problems_mode and not booking.pending_until:
        booking.status = "pending"
        booking.pending_until = now + timedelta(seconds=PENDING_SECONDS)
    else:
        mark_paid(booking, run, now)


def mark_paid(booking, run, now):
    booking.status, booking.paid_at = "paid", now
    run.completed_at = run.completed_at or now  # a paid booking completes the practice


def applicant_names(run):
    return [data.get("nama_lengkap", "") for _n, data in personal_data(run.answers)]


def fee_of(run):
    """What the whole application pays: every applicant's fee."""
    return sum(row[3] for row in application_fees(run.answers))


def may_move(booking, today):
    """A paid booking may move once, up to the day before its date."""
    return booking.status == "paid" and can_reschedule(booking.slot.day, today, booking.rescheduled)


def reschedule(booking, new_slot):
    """Move a paid booking to another slot once: take the new place first, then free the old.

    The move is a conditional UPDATE, so a reschedule sent twice moves (and frees) once; a
    savepoint gives the new place back when it does not move. The caller commits."""
    old_slot_id, done = booking.slot_id, booking.rescheduled
    if new_slot.id == old_slot_id:
        return False
    move = db.session.begin_nested()
    if not services.reserve_slot(new_slot.id, booking.places):
        move.rollback()
        return False
    moved = db.session.execute(
        update(Booking).where(Booking.id == booking.id, Booking.slot_id == old_slot_id,
                              Booking.rescheduled == done, Booking.status == "paid")
        .values(slot_id=new_slot.id, rescheduled=done + 1).execution_options(synchronize_session=False))
    if moved.rowcount != 1:  # another request (a double tap) moved it first
        move.rollback()
        db.session.refresh(booking)
        return booking.slot_id == new_slot.id
    services.release_slot(old_slot_id, booking.places)
    move.commit()
    db.session.refresh(booking)
    return True
