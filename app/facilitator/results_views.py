"""The results review of chosen sessions, its printable report and its CSV exports."""
import csv
import io

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.auth.decorators import facilitator_required
from app.content import get_course
from app.domain.scores_csv import safe_cell
from app.domain.statistics import ALTERNATIVES
from app.facilitator import plots, results, services
from app.facilitator.reading import cautions, format_p, reading
from app.facilitator.routes import bp
from app.i18n import current_language
from app.quizzes.services import version_items


def chosen_cohorts():
    """The sessions named in ?sesi=…, each checked against what this user may see."""
    ids = request.args.getlist("sesi", type=int)
    if not ids:
        abort(404)
    return [services.cohort_for(current_user, cohort_id) for cohort_id in dict.fromkeys(ids)]


def practice_titles():
    """The sandbox's pages by their titles in the reader's language (not their URL slugs)."""
    from app.sandbox.routes import PAGES  # the sandbox names its own pages
    return {step: str(title) for step, (_form, title, _submit) in PAGES.items()} | {
        "ktp": _("Foto e-KTP"), "dokumen": _("Unggah dokumen"), "data-pemohon": pgettext("m-paspor", "Data Pemohon"),
        "periksa": _("Periksa jawaban"), "bayar": _("Bayar")}


@bp.get("/hasil")
@facilitator_required
def review():
    cohorts = chosen_cohorts()
    alternative = request.args.get("uji", "two-sided")
    if alternative not in ALTERNATIVES:
        alternative = "two-sided"
    rows = results.rows_for(cohorts)
    analysis = results.analyse(rows, alternative)
    pairs = [(row.pre.score, row.post.score) for row in rows if row.paired]
    items, modules, reliability = results.item_analysis(rows)
    maximum = max((row.post.max_score for row in rows if row.paired), default=None)
    orders = results.orders(rows)
    course = get_course(cohorts[0].course_id)
    titles = {m.id: f"{m.order}. {m.text(current_language()).title}" for m in course.modules}
    return render_template(
        "facilitator/results.html", cohorts=cohorts, rows=rows, analysis=analysis,
        alternative=alternative, reading=reading(analysis), format_p=format_p,
        warnings=cautions(analysis, maximum, orders), orders=orders, ngain=results.ngain(rows),
        reliability=reliability,
        items=items, modules=modules, titles=titles, confidence=results.confidence(rows),
        practice=results.practice(rows), run_summary=results.run_summary, page_titles=practice_titles(),
        lines_data=plots.paired_lines(pairs, maximum),
        gains_data=plots.gain_histogram([post - pre for pre, post in pairs]),
        query=request.query_string.decode())


class SafeWriter:
    """csv.writer whose text cells are safe to open in a spreadsheet."""

    def __init__(self, buffer, delimiter=","):
        self.writer = csv.writer(buffer, delimiter=delimiter)
        self.decimal_comma = delimiter == ";"

    def writerow(self, row):
        self.writer.writerow([self._cell(value) for value in row])

    def _cell(self, value):
        if isinstance(value, float) and self.decimal_comma:
            return f"{value:g}".replace(".", ",")
        return safe_cell(value)


ANSWER_COLUMNS = (_l("sesi"), _l("peserta"), _l("kode"), _l("tes"), _l("cara"), _l("bentuk"), _l("soal"),
                  _l("modul"), _l("jawaban"), _l("benar"), _l("versi_konten"))
PERSON_COLUMNS = (_l("sesi"), _l("peserta"), _l("kode"), _l("pendamping"), _l("tes_awal"), _l("tes_akhir"),
                  _l("nilai_maksimum"), _l("kenaikan"), _l("bentuk_awal"), _l("bentuk_akhir"),
                  _l("cara_awal"), _l("cara_akhir"), _l("keyakinan_awal"), _l("keyakinan_akhir"),
                  _l("latihan_selesai"), _l("latihan_menit"), _l("latihan_salah"))


@bp.get("/hasil.csv")
@facilitator_required
def export():
    """Per participant or per answer; opens right in Excel set to Indonesian (a BOM, and with
    ?pemisah=titik-koma semicolons and decimal commas), headers in the reader's language."""
    cohorts = chosen_cohorts()
    rows = results.rows_for(cohorts)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = SafeWriter(buffer, ";" if request.args.get("pemisah") == "titik-koma" else ",")
    if request.args.get("per") == "jawaban":
        writer.writerow([str(column) for column in ANSWER_COLUMNS])
        for row in rows:
            for attempt in (row.pre, row.post):
                if attempt is None:
                    continue
                items = version_items(attempt.content_hash)
                for item_id, option, correct in row.chosen[attempt.kind]:
                    writer.writerow([row.participant.cohort.name, row.participant.display_name,
                                     row.participant.personal_code, attempt.kind, attempt.mode,
                                     (attempt.form or "").upper(), item_id, items[item_id].module,
                                     option, int(correct), attempt.content_hash[:12]])
        name = "jawaban"
    else:
        writer.writerow([str(column) for column in PERSON_COLUMNS])
        for row in rows:
            summary = results.run_summary(row.practice) or ("", "", "")
            writer.writerow([
                row.participant.cohort.name, row.participant.display_name,
                row.participant.personal_code, row.participant.helper_name or "",
                row.pre.score if row.pre else "", row.post.score if row.post else "",
                (row.post or row.pre).max_score if (row.post or row.pre) else "",
                row.gain if row.paired else "",
                (row.pre.form or "").upper() if row.pre else "", (row.post.form or "").upper() if row.post else "",
                row.pre.mode if row.pre else "",
                row.post.mode if row.post else "", row.pre.confidence if row.pre else "",
                row.post.confidence if row.post else "",
                "" if summary[0] == "" else int(summary[0]), summary[1], summary[2]])
        name = "peserta"
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=hasil-{name}.csv"})


@bp.get("/analisis-soal")
@facilitator_required
def item_review():
    """For authors: every item across all the sessions this user may see (an admin: all)."""
    cohorts = services.cohorts_for(current_user)
    rows = results.rows_for(cohorts) if cohorts else []
    items, modules, reliability = results.item_analysis(rows)
    course = get_course()
    titles = {m.id: f"{m.order}. {m.text(current_language()).title}" for m in course.modules}
    return render_template("facilitator/item_review.html", items=items, modules=modules,
                           reliability=reliability, titles=titles, format_p=format_p,
                           sessions=len(cohorts), people=len(rows))
