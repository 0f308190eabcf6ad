"""The programme lead's pages (/program/…): every session side by side, pooled, and uploads."""
from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from app.auth.decorators import programme_required
from app.domain.bundle import BundleError, unpack
from app.extensions import db
from app.programme import bundles, report
from app.programme.forms import LARGEST_BUNDLE, UploadForm
from app.results.reading import format_p

bp = Blueprint("programme", __name__, url_prefix="/program")


@bp.get("/")
@programme_required
def index():
    form = report.filter_form()
    view = report.programme_view(form, page=request.args.get("halaman", 1, type=int))
    return render_template("programme/index.html", form=form, printable=False, format_p=format_p, **view)


@bp.get("/laporan")
@programme_required
def printable():
    form = report.filter_form()
    view = report.programme_view(form, page=None)
    return render_template("programme/index.html", form=form, printable=True, format_p=format_p, **view)


@bp.get("/hasil.csv")
@programme_required
def export():
    form = report.filter_form()
    return Response(report.sessions_csv(form), mimetype="text/csv",
                    headers={"Content-Disposition": "attachment; filename=program-sesi.csv"})


@bp.get("/soal")
@programme_required
def items():
    form = report.filter_form()
    return render_template("programme/items.html", form=form, **report.items_view(form))


@bp.route("/unggah", methods=["GET", "POST"])
@programme_required
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        data = form.bundles.data.read(LARGEST_BUNDLE + 1)
        try:
            if len(data) > LARGEST_BUNDLE:
                raise BundleError("larger than 5 MB", "damaged")
            outcomes = bundles.merge(unpack(data))
        except BundleError as exc:
            db.session.rollback()  # all or nothing: no half-merged bundle
            form.bundles.errors.append(report.refusal(exc))
        else:
            db.session.commit()
            for name, outcome in outcomes:
                flash(report.outcome_text(name, outcome))
            return redirect(url_for("programme.index"))
    return render_template("programme/upload.html", form=form)

