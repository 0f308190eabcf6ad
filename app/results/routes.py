"""The results review of chosen sessions, the item analysis, CSV exports and score imports.

Its pages sit beside the facilitator's sessions, under /fasilitator."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user

from app.auth.decorators import facilitator_required
from app.content import get_course
from app.domain.scores_csv import highest_score
from app.domain.statistics import ALTERNATIVES, paired
from app.extensions import db, limiter
from app.facilitator.services import import_for, imports_for, session_for, sessions_for
from app.i18n import current_language
from app.models import ScoreImport
from app.results import plots, services
from app.results.exports import results_csv
from app.results.forms import ImportForm
from app.results.reading import cautions, format_p, reading

bp = Blueprint("results", __name__, url_prefix="/fasilitator")


def chosen_sessions():
    """The sessions named in ?sesi=…, each checked against what this user may see."""
    ids = request.args.getlist("sesi", type=int)
    if not ids:
        abort(404)
    return [session_for(current_user, session_id) for session_id in dict.fromkeys(ids)]


def chosen_alternative():
    """The t-test's alternative from ?uji=…, two-sided unless one we know is named."""
    alternative = request.args.get("uji", "two-sided")
    return alternative if alternative in ALTERNATIVES else "two-sided"


def practice_titles():
    """The sandbox's pages by their titles in the reader's language (not their URL slugs)."""
    from app.sandbox.routes import PAGES  # the sandbox names its own pages
    return {step: str(title) for step, (_form, title, _submit) in PAGES.items()} | {
        "ktp": _("Foto e-KTP"), "dokumen": _("Unggah dokumen"), "data-pemohon": pgettext("m-paspor", "Data Pemohon"),
        "periksa": _("Periksa jawaban"), "bayar": _("Bayar")}


def module_titles(course):
    """{module id: "3. Its title"} in the reader's language, for the module and item tables."""
    return {m.id: f"{m.order}. {m.text(current_language()).title}" for m in course.modules}


@bp.get("/hasil")
@facilitator_required
def review():
    sessions = chosen_sessions()
    alternative = chosen_alternative()
    rows = services.rows_for(sessions)
    analysis = services.analyse(rows, alternative)
    pairs = [(row.pre.score, row.post.score) for row in rows if row.paired]
    items, modules, reliability = services.item_analysis(rows)
    maximum = services.maximum_of(rows)
    orders = services.orders(rows)
    return render_template(
        "results/results.html", sessions=sessions, rows=rows, analysis=analysis,
        alternative=alternative, reading=reading(analysis), format_p=format_p,
        warnings=cautions(analysis, maximum, orders), orders=orders, ngain=services.ngain(rows),
        reliability=reliability,
        items=items, modules=modules, titles=module_titles(get_course(sessions[0].course_id)),
        confidence=services.confidence(rows),
        practice=services.practice(rows), run_summary=services.run_summary, page_titles=practice_titles(),
        lines_data=plots.paired_lines(pairs, maximum),
        gains_data=plots.gain_histogram([post - pre for pre, post in pairs]),
        query=request.query_string.decode())


@bp.get("/hasil.csv")
@facilitator_required
def export():
    """Per participant or per answer; opens right in Excel set to Indonesian (a BOM, and with
    ?pemisah=titik-koma semicolons and decimal commas), headers in the reader's language."""
    per_answer = request.args.get("per") == "jawaban"
    text = results_csv(services.rows_for(chosen_sessions()), per_answer,
                       ";" if request.args.get("pemisah") == "titik-koma" else ",")
    name = "jawaban" if per_answer else "peserta"
    return Response(text, mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=hasil-{name}.csv"})


@bp.get("/analisis-soal")
@facilitator_required
def item_review():
    """For authors: every item across all the sessions this user may see (an admin: all)."""
    sessions = sessions_for(current_user)
    rows = services.rows_for(sessions) if sessions else []
    items, modules, reliability = services.item_analysis(rows)
    return render_template("results/item_review.html", items=items, modules=modules,
                           reliability=reliability, titles=module_titles(get_course()), format_p=format_p,
                           sessions=len(sessions), people=len(rows))


@bp.route("/impor", methods=["GET", "POST"])
@facilitator_required
@limiter.limit("10 per minute", methods=["POST"])
def import_scores():
    """Pre/post scores of an earlier paper-only session, from CSV."""
    form = ImportForm()
    if form.validate_on_submit():
        scores = form.scores
        record = ScoreImport(facilitator_id=current_user.id, name=form.name.data.strip(),
                             filename=form.file.data.filename[-200:],
                             max_score=float(form.max_score.data) if form.max_score.data else None,
                             pairs=[[i, a, b] for i, a, b in zip(scores.ids, scores.pre, scores.post)],
                             excluded=scores.excluded_ids)
        db.session.add(record)
        db.session.commit()
        flash(_("%(n)s pasangan nilai diimpor.", n=len(record.pairs)))
        return redirect(url_for("results.imported", import_id=record.id))
    return render_template("results/import.html", form=form, imports=imports_for(current_user))


@bp.get("/impor/<int:import_id>")
@facilitator_required
def imported(import_id):
    record = import_for(current_user, import_id)
    alternative = chosen_alternative()
    pre = [p[1] for p in record.pairs]
    post = [p[2] for p in record.pairs]
    analysis = paired(pre, post, alternative, record.max_score, len(record.excluded))
    gains = [round(b - a) for a, b in zip(pre, post)]
    maximum = record.max_score or highest_score(pre, post)
    return render_template("results/imported.html", record=record, analysis=analysis,
                           reading=reading(analysis), format_p=format_p, alternative=alternative,
                           lines_data=plots.paired_lines(list(zip(pre, post)), maximum),
                           gains_data=plots.gain_histogram(gains))
