"""Joining a session with a code or QR and a display name; continuing on another device;
the room's state that waiting phones poll."""
from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from sqlalchemy.exc import IntegrityError

from app import clock
from app.extensions import db, limiter
from app.models import TrainingSession
from app.rooms import services
from app.rooms.forms import ContinueForm, HelperForm, JoinForm

bp = Blueprint("rooms", __name__)


@bp.route("/j/<code>", methods=["GET", "POST"])
@bp.route("/gabung", methods=["GET", "POST"], defaults={"code": ""})
@limiter.limit("20 per minute", methods=["POST"])  # join codes are not to be guessed
def join(code):
    form = JoinForm(data={"code": code} if code else None)
    here = services.participation(current_user)
    if form.validate_on_submit():
        if here and here.session_id == form.training_session.id:  # this phone is already in the room
            flash(_("Anda sudah bergabung di sesi ini sebagai %(name)s.", name=here.display_name))
            return redirect(url_for("learn.home"))
        participant = None
        if services.participant_named(form.training_session, form.name.data) is None:
            participant = services.add_participant(form.training_session, form.name.data)
            participant.user.large_text = bool(session.get("large_text"))  # "Teks besar" chosen before joining
            try:
                db.session.commit()
            except IntegrityError:  # the same name joined a moment ago (a double tap)
                db.session.rollback()
                participant = None
        if participant is None:
            form.name.errors.append(_(
                "Nama ini sudah ada di sesi ini. Kalau itu Anda, lanjutkan dengan kode pribadi Anda. "
                "Kalau bukan, tambahkan sesuatu pada nama Anda, misalnya nama desa."))
            return render_template("rooms/join.html", form=form, training_session=form.training_session, same_name=True)
        login_user(participant.user, remember=True)  # the phone is remembered
        flash(_("Selamat datang, %(name)s! Kode pribadi Anda: %(code)s. Catat kode ini untuk lanjut di ponsel lain.",
                name=participant.display_name, code=participant.personal_code))
        return redirect(url_for("learn.home"))
    return render_template("rooms/join.html", form=form, here=here,
                           training_session=services.session_by_code(code) if code else None)


@bp.route("/lanjut", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])  # nor personal codes
def resume():
    form = ContinueForm(data={"code": request.args.get("kode", "")} if request.method == "GET" else None)
    if form.validate_on_submit():
        login_user(form.participant.user, remember=True)
        flash(_("Selamat datang kembali, %(name)s.", name=form.participant.display_name))
        return redirect(url_for("learn.home"))
    return render_template("rooms/continue.html", form=form)


@bp.get("/keluar")
@login_required
def leave():
    """Before a participant signs out: their personal code, the only way back in."""
    return render_template("rooms/leave.html", participant=services.participation(current_user))


@bp.get("/ruang/<int:session_id>/keadaan")
def state(session_id):
    """What phones poll: which tests the room has open, in a few bytes, 304 when unchanged."""
    training_session = db.session.get(TrainingSession, session_id) or abort(404)
    response = jsonify(training_session.room.signals())
    response.cache_control.no_cache = True
    response.add_etag()
    return response.make_conditional(request)


@bp.route("/dibantu", methods=["GET", "POST"])
@login_required
def helper():
    """Helper mode: record who sits beside the learner; the learner still types."""
    participant = services.participation(current_user) or abort(404)
    form = HelperForm(obj=participant)
    if form.validate_on_submit():
        participant.helper_name = form.helper_name.data.strip()
        db.session.commit()
        flash(_("Tercatat: Anda dibantu %(name)s. Ketik jawaban sendiri; pembantu hanya menjelaskan.",
                name=participant.helper_name))
        return redirect(url_for("learn.home"))
    return render_template("rooms/helper.html", form=form)


@bp.post("/bantuan")
@login_required
def raise_hand():
    participant = services.participation(current_user) or abort(404)
    participant.hand_raised_at = participant.hand_raised_at or clock.now()
    db.session.commit()
    flash(_("Fasilitator sudah diberi tahu. Tunggu sebentar, bantuan akan datang."))
    return redirect(url_for("learn.home"))
