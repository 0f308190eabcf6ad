"""Views from "check your answers" to the printed proof."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user, login_required

from app import clock
from app.domain.booking import FEES, accelerated, application_fees, as_utc, can_reschedule, payment_deadline, seconds_to_pay
from app.domain.sandbox_flow import first_unanswered, reviewed, split
from app.extensions import db
from app.forms import Form
from app.sandbox import booking as bookings
from app.sandbox import booking_forms, runs, services
from app.sandbox.routes import bp, step_url


def review_rows(run):
    """(applicant, base step, page key, answers) for every page the learner can change from
    "check your answers"."""
    return [(applicant, split(step)[0], step, run.answers.get(step) or {})
            for applicant, step in reviewed(run.answers)]


@bp.route("/periksa", methods=["GET", "POST"])
@login_required
def check():
    run = runs.current_run(current_user)
    resume = first_unanswered(run.answers)
    if resume != "periksa":
        return redirect(step_url(resume))
    form = Form()
    if form.validate_on_submit():
        runs.time_on_page(run, "periksa")
        if runs.connection_drops(run):  # problems mode: the signal drops on the first submit
            runs.start_over(run)
            db.session.commit()
            return render_template("sandbox/dropped.html"), 503
        booking = bookings.submit(run)
        if booking is None:
            runs.forget_slot(run)
        db.session.commit()
        if booking is None:
            flash(_("Maaf, jam yang Anda pilih baru saja penuh. Pilih tanggal dan jam lagi. "
                    "Di aplikasi asli Anda mungkin harus mengisi dari awal; di latihan ini isian lain disimpan."))
            return redirect(step_url("tanggal"))
        return redirect(url_for("sandbox.booking"))
    runs.page_shown("periksa")
    db.session.commit()
    office = services.chosen_office(run)
    return render_template("sandbox/check.html", form=form, rows=review_rows(run), office=office,
                           fees=FEES, back=step_url("jam"), run=run, step="periksa",
                           total=bookings.fee_of(run), accelerated=accelerated(run.answers))


def _current_booking():
    """(run, booking) of the learner, with the booking's status brought up to date."""
    run = runs.latest_run(current_user)
    record = bookings.booking_of(run) if run else None
    if record is not None and bookings.refresh(record, run, clock.now()) == "expired":
        db.session.commit()
        flash(_("Kode billing sudah kedaluwarsa karena lewat 2 jam. Permohonan batal, dan tempat Anda "
                "diberikan ke orang lain. Seperti di aplikasi M-Paspor asli, isi permohonan dari awal lagi."))
        return run, None
    db.session.commit()
    return run, record


@bp.post("/coba-lagi")
@login_required
def try_again():
    """Practice only: the application as it was before the app made the learner start over."""
    run = runs.current_run(current_user)
    if Form().validate_on_submit() and runs.try_again(run):
        db.session.commit()
    return redirect(step_url(first_unanswered(run.answers)))


@bp.get("/pemesanan")
@login_required
def booking():
    run, record = _current_booking()
    if record is None:
        return redirect(step_url(first_unanswered(run.answers)) if run else url_for("sandbox.start"))
    now = clock.now()
    return render_template("sandbox/booking.html", booking=record, office=bookings.office_of(record),
                           qr=bookings.qr_of(record), run=run, fee=bookings.fee_of(run),
                           fees=application_fees(run.answers),
                           can_move=may_move(record),
                           deadline=payment_deadline(as_utc(record.billing_issued_at)),
                           seconds_left=seconds_to_pay(as_utc(record.billing_issued_at), now))


@bp.route("/bayar", methods=["GET", "POST"])
@login_required
def pay():
    run, record = _current_booking()
    if record is None or record.status != "unpaid":
        return redirect(url_for("sandbox.booking"))
    form = booking_forms.PaymentForm(record.billing_code)
    if request.method == "POST":
        runs.time_on_page(run, "bayar")
    if form.validate_on_submit():
        bookings.pay(record, run, form.kanal.data, clock.now())
        db.session.commit()
        return redirect(url_for("sandbox.booking"))
    if form.errors:
        runs.count_errors(run, "bayar", form.errors)
    runs.page_shown("bayar")
    db.session.commit()
    return render_template("sandbox/pay.html", form=form, booking=record, fee=bookings.fee_of(run))


@bp.get("/bukti")
@login_required
def proof():
    run, record = _current_booking()
    if record is None or record.status != "paid":
        return redirect(url_for("sandbox.booking"))
    return render_template("sandbox/proof.html", booking=record, office=bookings.office_of(record),
                           qr=bookings.qr_of(record), run=run, names=bookings.applicant_names(run))


def may_move(record):
    """A paid booking may move once, up to the day before its date."""
    return record.status == "paid" and can_reschedule(record.slot.day, clock.today(), record.rescheduled)


def _reschedulable():
    run, record = _current_booking()
    return run, record, record is not None and may_move(record)


@bp.route("/ganti-jadwal", methods=["GET", "POST"])
@login_required
def reschedule_date():
    run, record, allowed = _reschedulable()
    if not allowed:
        flash(_("Jadwal hanya bisa diganti sekali, paling lambat satu hari sebelum tanggal kedatangan."))
        return redirect(url_for("sandbox.booking"))
    office = bookings.office_of(record)
    form = booking_forms.DateForm(run, services.calendar(office), record.places)
    if form.validate_on_submit():
        return redirect(url_for("sandbox.reschedule_time", day=form.tanggal.data))
    return render_template("sandbox/date.html", form=form, title=_("Ganti jadwal: tanggal baru"),
                           submit=pgettext("m-paspor", "Lanjutkan"), back=url_for("sandbox.booking"))


@bp.route("/ganti-jadwal/<day>", methods=["GET", "POST"])
@login_required
def reschedule_time(day):
    run, record, allowed = _reschedulable()
    if not allowed:
        return redirect(url_for("sandbox.booking"))
    office = bookings.office_of(record)
    slots = next((slots for d, slots, _closed in services.calendar(office) if d.isoformat() == day), None)
    if slots is None:
        return redirect(url_for("sandbox.reschedule_date"))
    form = booking_forms.TimeForm(run, slots, record.places)
    if form.validate_on_submit():
        new_slot = next(slot for slot in slots if slot.time == form.jam.data)
        moved = bookings.reschedule(record, new_slot)
        db.session.commit()
        if moved:
            flash(_("Jadwal sudah diganti. Jadwal hanya bisa diganti satu kali."))
            return redirect(url_for("sandbox.booking"))
        flash(_("Maaf, jam itu baru saja penuh. Pilih jam lain."))
        return redirect(url_for("sandbox.reschedule_time", day=day))
    return render_template("sandbox/time.html", form=form, title=_("Ganti jadwal: jam baru"),
                           submit=_("Simpan jadwal baru"),
                           back=url_for("sandbox.reschedule_date"))
