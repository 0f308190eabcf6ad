"""Check your answers, submit, and the booking: codes, QR, billing, payment, proof."""
import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.domain.booking import new_billing_code
from app.extensions import db
from app.models import Booking, BookingSlot, Office
from app.sandbox import services

BOOKING_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: easy to read aloud


def new_booking_code():
    return "MP-" + "".join(secrets.choice(BOOKING_ALPHABET) for _ in range(8))


def chosen_slot(run):
    office = services.office_by_code(run.answers.get("kantor", {}).get("kantor"))
    if office is None:
        return None
    return db.session.scalar(select(BookingSlot).where(
        BookingSlot.office_id == office.id,
        BookingSlot.day == _day(run.answers.get("tanggal", {}).get("tanggal")),
        BookingSlot.time == run.answers.get("jam", {}).get("jam")))


def _day(text):
    from datetime import date
    return date.fromisoformat(text) if text else None


def booking_of(run):
    return db.session.scalar(select(Booking).where(Booking.run_id == run.id))


def submit(run):
    """Reserve the slot and create the booking in one transaction.

    Returns the booking, or None when the slot filled up meanwhile (nothing is kept then).
    A second submit of the same run returns the first booking.
    """
    existing = booking_of(run)
    if existing:
        return existing
    slot = chosen_slot(run)
    if slot is None or not services.reserve_slot(slot.id):
        db.session.rollback()
        return None
    for _ in range(5):  # a code clash is rare; try again with new codes
        try:
            with db.session.begin_nested():
                booking = Booking(run_id=run.id, slot_id=slot.id, booking_code=new_booking_code(),
                                  billing_code=new_billing_code(), status="unpaid")
                db.session.add(booking)
            db.session.commit()
            return booking
        except IntegrityError:
            if booking_of(run):  # the same run submitted twice at once
                db.session.rollback()
                return booking_of(run)
    raise RuntimeError("could not make a unique booking code")


def office_of(booking):
    return db.session.get(Office, booking.slot.office_id)


def qr_svg(booking):
    """The booking's QR code as inline SVG, made on this server (no outside service)."""
    import segno

    return segno.make(booking.booking_code, error="m").svg_inline(scale=5, dark="#1b1b1b")
