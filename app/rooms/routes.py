"""Joining a session with a code or QR and a display name; continuing on another device."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required, login_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wtforms import StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.domain.codes import distinct_name, new_code, normalise_code
from app.extensions import db
from app.models import Cohort, Participant, User, utcnow

bp = Blueprint("join", __name__)


class JoinForm(FlaskForm):
    code = StringField(_l("Kode sesi"), description=_l("6 huruf dan angka dari fasilitator."),
                       validators=[DataRequired(_l("Tulis kode sesi."))])
    name = StringField(_l("Nama Anda"), description=_l("Nama panggilan saja. Tidak perlu e-mail atau kata sandi."),
                       validators=[DataRequired(_l("Tulis nama Anda.")),
                                   Length(max=60, message=_l("Nama paling banyak 60 huruf."))])

    def validate_code(self, field):
        self.cohort = open_cohort(field.data)
        if self.cohort is None:
            raise ValidationError(_l("Kode ini tidak ditemukan. Periksa lagi kode di layar fasilitator."))


class ContinueForm(FlaskForm):
    code = StringField(_l("Kode pribadi"), description=_l("Kode yang tampil di layar ponsel Anda sebelumnya, atau di kartu peserta."),
                       validators=[DataRequired(_l("Tulis kode pribadi Anda."))])

    def validate_code(self, field):
        self.participant = db.session.scalar(select(Participant).where(
            Participant.personal_code == normalise_code(field.data)))
        if self.participant is None:
            raise ValidationError(_l("Kode pribadi ini tidak ditemukan. Periksa lagi, atau tanya fasilitator."))


def open_cohort(code):
    return db.session.scalar(select(Cohort).where(Cohort.join_code == normalise_code(code),
                                                  Cohort.closed_at.is_(None)))


def add_participant(cohort, name):
    """A new person in the room, with a user of their own and a personal code."""
    taken = set(db.session.scalars(select(Participant.display_name)
                                   .where(Participant.cohort_id == cohort.id)))
    for _attempt in range(10):
        code = new_code(6)
        try:
            with db.session.begin_nested():
                user = User(username=f"p-{code.lower()}", display_name=distinct_name(name, taken),
                            role="participant")
                db.session.add(user)
                db.session.flush()
                participant = Participant(cohort_id=cohort.id, user_id=user.id,
                                          display_name=user.display_name, personal_code=code)
                db.session.add(participant)
            return participant
        except IntegrityError:
            continue
    raise RuntimeError("no free personal code")


@bp.route("/j/<code>", methods=["GET", "POST"])
@bp.route("/gabung", methods=["GET", "POST"], defaults={"code": ""})
def by_link(code):
    form = JoinForm(data={"code": code} if code else None)
    if form.validate_on_submit():
        participant = add_participant(form.cohort, form.name.data)
        db.session.commit()
        login_user(participant.user, remember=True)  # the phone is remembered
        flash(_("Selamat datang, %(name)s! Kode pribadi Anda: %(code)s. Catat kode ini untuk lanjut di ponsel lain.",
                name=participant.display_name, code=participant.personal_code))
        return redirect(url_for("learn.home"))
    return render_template("auth/join.html", form=form, cohort=open_cohort(code) if code else None)


@bp.route("/lanjut", methods=["GET", "POST"])
def resume():
    form = ContinueForm(data={"code": request.args.get("kode", "")} if request.method == "GET" else None)
    if form.validate_on_submit():
        login_user(form.participant.user, remember=True)
        flash(_("Selamat datang kembali, %(name)s.", name=form.participant.display_name))
        return redirect(url_for("learn.home"))
    return render_template("auth/continue.html", form=form)


def participation(user):
    """The user's place in a session still running, if any."""
    if not user.is_authenticated:
        return None
    return db.session.scalar(select(Participant).join(Cohort).where(
        Participant.user_id == user.id, Cohort.closed_at.is_(None)).order_by(Participant.id.desc()))


class HelperForm(FlaskForm):
    helper_name = StringField(_l("Nama orang yang membantu Anda"),
                              description=_l("Keluarga atau relawan. Anda tetap mengetik jawaban sendiri."),
                              validators=[DataRequired(_l("Tulis nama orang yang membantu.")),
                                          Length(max=80, message=_l("Nama paling banyak 80 huruf."))])


@bp.route("/dibantu", methods=["GET", "POST"])
@login_required
def helper():
    """Helper mode: record who sits beside the learner; the learner still types."""
    participant = participation(current_user) or abort(404)
    form = HelperForm(obj=participant)
    if form.validate_on_submit():
        participant.helper_name = form.helper_name.data.strip()
        db.session.commit()
        flash(_("Tercatat: Anda dibantu %(name)s. Ketik jawaban sendiri; pembantu hanya menjelaskan.",
                name=participant.helper_name))
        return redirect(url_for("learn.home"))
    return render_template("auth/helper.html", form=form)


@bp.post("/bantuan")
@login_required
def raise_hand():
    participant = participation(current_user) or abort(404)
    participant.hand_raised_at = participant.hand_raised_at or utcnow()
    db.session.commit()
    flash(_("Fasilitator sudah diberi tahu. Tunggu sebentar, bantuan akan datang."))
    return redirect(url_for("learn.home"))
