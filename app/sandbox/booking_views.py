"""Views from "check your answers" to the printed proof."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app.domain.booking import FEES
from app.domain.sandbox_flow import REVIEWED, first_unanswered, steps_for
from app.extensions import db
from app.sandbox import booking as bookings
from app.sandbox import runs, services
from app.sandbox.routes import bp, step_url


def review_rows(run):
    """(step, answers) for every page the learner can change from "check your answers"."""
    return [(step, run.answers.get(step) or {}) for step in REVIEWED if step in steps_for(run.answers)]


@bp.route("/periksa", methods=["GET", "POST"])
@login_required
def check():
    run = runs.current_run(current_user)
    resume = first_unanswered(run.answers)
    if resume != "periksa":
        return redirect(step_url(resume))
    form = FlaskForm()
    if form.validate_on_submit():
        if runs.connection_drops(run):  # problems mode: the signal drops on the first submit
            db.session.commit()
            return render_template("sandbox/dropped.html"), 503
        booking = bookings.submit(run)
        if booking is None:
            runs.forget_slot(run)
            db.session.commit()
            flash(_("Maaf, jam yang Anda pilih baru saja penuh. Pilih tanggal dan jam lagi. "
                    "Data Anda yang lain tetap tersimpan."))
            return redirect(step_url("tanggal"))
        return redirect(url_for("sandbox.booking"))
    runs.log_visit(run, "periksa")
    db.session.commit()
    office = services.office_by_code(run.answers.get("kantor", {}).get("kantor"))
    return render_template("sandbox/check.html", form=form, rows=review_rows(run), office=office,
                           fees=FEES, back=step_url("dokumen"), run=run)


@bp.get("/pemesanan")
@login_required
def booking():
    run = runs.current_run(current_user)
    record = bookings.booking_of(run)
    if record is None:
        return redirect(step_url(first_unanswered(run.answers)))
    return render_template("sandbox/booking.html", booking=record, office=bookings.office_of(record),
                           qr=bookings.qr_svg(record), run=run)
