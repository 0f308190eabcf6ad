from functools import cache

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from app.auth.forms import LoginForm, SignupForm
from app.extensions import db, limiter
from app.forms import safe_next
from app.models import User, password_method

bp = Blueprint("auth", __name__, url_prefix="/auth")


@cache
def decoy_hash():
    return generate_password_hash("no user has this password", password_method())


@bp.route("/signup", methods=["GET", "POST"])
@limiter.limit("5 per minute", methods=["POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("learn.home"))
    form = SignupForm()
    if form.validate_on_submit():
        user = User(display_name=form.display_name.data.strip(), username=form.username.data,
                    email=(form.email.data or None), locale=session.get("lang"),
                    large_text=bool(session.get("large_text")))
        user.set_password(form.password.data)
        db.session.add(user)
        try:
            db.session.commit()
        except IntegrityError:  # the same name taken a moment ago (e.g. a double tap)
            db.session.rollback()
            form.username.errors.append(_("Nama pengguna ini sudah dipakai. Coba nama lain, "
                                          "misalnya dengan angka di belakangnya."))
            return render_template("auth/signup.html", form=form)
        login_user(user, remember=True)
        flash(_("Akun Anda sudah dibuat. Selamat datang, %(name)s!", name=user.display_name))
        return redirect(url_for("learn.home"))
    return render_template("auth/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("learn.home"))
    form = LoginForm()
    if form.validate_on_submit():
        username = form.username.data.strip().lower()
        user = db.session.scalar(select(User).where(func.lower(User.username) == username))
        if user is None:  # as slow as a wrong password, so the time tells nobody who exists
            check_password_hash(decoy_hash(), form.password.data)
        if user is None or not user.check_password(form.password.data):
            form.password.errors.append(
                _("Nama pengguna atau kata sandi salah. Periksa lagi, lalu coba sekali lagi."))
        else:
            login_user(user, remember=True)
            if user.locale and "lang" not in session:
                session["lang"] = user.locale
            home = (url_for("facilitator.index") if user.is_facilitator
                    else url_for("programme.index") if user.role == "programme" else None)
            return redirect(safe_next(request.args.get("next"), home))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    current_user.end_logins()  # this cookie, and any copy of it, no longer signs anyone in
    db.session.commit()
    logout_user()
    flash(_("Anda sudah keluar. Sampai jumpa!"))
    return redirect(url_for("learn.home"))
