"""The results review of chosen sessions, its printable report and its CSV exports."""
import csv
import io

from flask import Response, abort, render_template, request
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
        practice=results.practice(rows), run_summary=results.run_summary,
        lines_data=plots.paired_lines(pairs, maximum),
        gains_data=plots.gain_histogram([post - pre for pre, post in pairs]),
        query=request.query_string.decode())


class SafeWriter:
    """csv.writer whose text cells are safe to open in a spreadsheet."""

    def __init__(self, buffer):
        self.writer = csv.writer(buffer)

    def writerow(self, row):
        self.writer.writerow([safe_cell(value) for value in row])


@bp.get("/hasil.csv")
@facilitator_required
def export():
    cohorts = chosen_cohorts()
    rows = results.rows_for(cohorts)
    buffer = io.StringIO()
    writer = SafeWriter(buffer)
    if request.args.get("per") == "jawaban":
        writer.writerow(["session", "participant", "code", "test", "mode", "item", "module",
                         "answer", "correct", "content_version"])
        for row in rows:
            for attempt in (row.pre, row.post):
                if attempt is None:
                    continue
                items = version_items(attempt.content_hash)
                for answer in attempt.answers:
                    writer.writerow([row.participant.cohort.name, row.participant.display_name,
                                     row.participant.personal_code, attempt.kind, attempt.mode,
                                     answer.item_id, items[answer.item_id].module, answer.option,
                                     int(bool(answer.is_correct)), attempt.content_hash[:12]])
        name = "jawaban"
    else:
        writer.writerow(["session", "participant", "code", "helper", "pretest", "posttest",
                         "max_score", "gain", "pre_mode", "post_mode", "confidence_pre",
                         "confidence_post", "practice_completed", "practice_minutes",
                         "practice_errors"])
        for row in rows:
            summary = results.run_summary(row.practice) or ("", "", "")
            writer.writerow([
                row.participant.cohort.name, row.participant.display_name,
                row.participant.personal_code, row.participant.helper_name or "",
                row.pre.score if row.pre else "", row.post.score if row.post else "",
                (row.post or row.pre).max_score if (row.post or row.pre) else "",
                row.gain if row.paired else "", row.pre.mode if row.pre else "",
                row.post.mode if row.post else "", row.pre.confidence if row.pre else "",
                row.post.confidence if row.post else "",
                "" if summary[0] == "" else int(summary[0]), summary[1], summary[2]])
        name = "peserta"
    return Response(buffer.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f"attachment; filename=hasil-{name}.csv"})
