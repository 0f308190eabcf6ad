from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.content import get_course, version_items
from app.domain import journey
from app.domain.scoring import Gain
from app.extensions import db
from app.progress import attempts_of, journey_state
from app.quizzes import services
from app.quizzes.forms import ConfidenceForm, StartForm, answers_form
from app.rooms.services import participation

bp = Blueprint("quizzes", __name__, url_prefix="/test")
KINDS = ("pre", "post")


REFUSALS = {  # why a test is not open to this person now (the journey's room rule decides)
    journey.WAIT: _l("Tunggu sebentar: fasilitator belum membuka tes ini untuk ruangan."),
    journey.MISSED: _l("Tes ini sudah ditutup oleh fasilitator."),
    journey.LOCKED: _l("Tes akhir terbuka setelah semua modul dan latihan M-Paspor selesai."),
}


def _guard(kind):
    """The course, the learner's attempts, and a redirect if this test is not open to them."""
    if kind not in KINDS:
        abort(404)
    course = get_course()
    attempts = attempts_of(current_user, course)
    access = journey_state(current_user, course).test_access(kind)
    if access in REFUSALS:
        flash(str(REFUSALS[access]))
        return course, attempts, redirect(url_for("learn.home"))
    return course, attempts, None


def start_page(kind, form, course):
    """The page before a test: how many questions (its form's), and whether they are the pretest's."""
    test_form = services.form_of(current_user, course, kind)
    return render_template("quizzes/start.html", kind=kind, form=form, course=course,
                           questions=len(course.form_items(test_form)),
                           same_questions=test_form == services.form_of(current_user, course, "pre"))


@bp.route("/<kind>", methods=["GET"])
@login_required
def take(kind):
    course, attempts, blocked = _guard(kind)
    if blocked:
        return blocked
    attempt = attempts.get(kind)
    if attempt is None:
        form = ConfidenceForm() if kind == "pre" else StartForm()
        return start_page(kind, form, course)
    if attempt.submitted:
        return redirect(url_for("quizzes.done", kind=kind))
    form = answers_form(attempt, formdata=None)
    saved = services.saved_positions(attempt)
    for item_id, position in saved.items():
        form[f"q-{item_id}"].data = position
    return render_template("quizzes/test.html", kind=kind, form=form, attempt=attempt,
                           answered=len(saved), participant=participation(current_user),
                           items=version_items(attempt.content_hash))


@bp.post("/<kind>/start")
@login_required
def start(kind):
    course, attempts, blocked = _guard(kind)
    if blocked:
        return blocked
    form = ConfidenceForm() if kind == "pre" else StartForm()
    if kind not in attempts and not form.validate_on_submit():
        return start_page(kind, form, course), 400
    confidence = int(form.confidence.data) if kind == "pre" and kind not in attempts else None
    services.start_attempt(current_user, course, kind, confidence)
    db.session.commit()
    return redirect(url_for("quizzes.take", kind=kind))


@bp.post("/<kind>/answer")
@login_required
def answer(kind):
    """Autosave of one answer (from the page's small script); the full form still submits all."""
    if kind not in KINDS:
        abort(404)
    attempt = services.attempt_of(current_user, get_course(), kind)
    participant = participation(current_user)
    if attempt is None or attempt.submitted or not journey.attempt_open(
            participant.session.room if participant else None, kind):
        return {"saved": False}, 409  # the room closed the test, or it was sent
    item_id = request.form.get("item", "")
    key = services.option_key(attempt, item_id, request.form.get("choice"))
    if item_id not in attempt.item_ids or key is None:
        return {"saved": False}, 400
    if not services.record_answers(attempt, {item_id: key}):  # submitted meanwhile
        return {"saved": False}, 409
    db.session.commit()
    return {"saved": True}


@bp.post("/<kind>/submit")
@login_required
def submit(kind):
    course, attempts, blocked = _guard(kind)
    if blocked:
        return blocked
    attempt = attempts.get(kind) or abort(404)
    if attempt.submitted:  # a double-tapped submit: the first one already counted
        return redirect(url_for("quizzes.done", kind=kind))
    form = answers_form(attempt, formdata=request.form)
    chosen = {item_id: services.option_key(attempt, item_id, form[f"q-{item_id}"].data)
              for item_id in attempt.item_ids}
    if not services.record_answers(attempt, {item: key for item, key in chosen.items() if key}):
        return redirect(url_for("quizzes.done", kind=kind))  # the other tap submitted it
    if not form.validate():  # what was chosen is kept; the page asks for the rest
        db.session.commit()
        return render_template("quizzes/test.html", kind=kind, form=form, attempt=attempt,
                               answered=len(services.saved_positions(attempt)),
                               participant=participation(current_user),
                               items=version_items(attempt.content_hash)), 400
    services.close_and_score(attempt)  # in the same transaction: one commit when the whole room submits
    db.session.commit()
    return redirect(url_for("quizzes.done", kind=kind))


@bp.route("/<kind>/done", methods=["GET", "POST"])
@login_required
def done(kind):
    course, attempts, blocked = _guard(kind)
    attempt = attempts.get(kind)
    if blocked or attempt is None or not attempt.submitted:
        return blocked or redirect(url_for("quizzes.take", kind=kind))
    if kind == "pre":
        return render_template("quizzes/pre_done.html", course=course)
    if attempt.confidence:
        return redirect(url_for("quizzes.results"))
    form = ConfidenceForm()
    if form.validate_on_submit():
        attempt.confidence = int(form.confidence.data)
        db.session.commit()
        return redirect(url_for("quizzes.results"))
    return render_template("quizzes/post_confidence.html", form=form)


@bp.get("/results")
@login_required
def results():
    course = get_course()
    attempts = attempts_of(current_user, course)
    pre, post = attempts.get("pre"), attempts.get("post")
    state = journey_state(current_user, course)
    if not state.results_visible:  # in a room: not before the posttest closes, so answers don't travel
        flash(_("Hasil Anda muncul setelah tes akhir selesai.") if not state.posttest_done else
              _("Hasil muncul setelah fasilitator menutup tes akhir untuk semua peserta."))
        return redirect(url_for("learn.home"))
    items = version_items(post.content_hash)
    if not (pre and pre.submitted):  # joined after the pretest closed: a score, but no gain
        pre = None
    pre_answers = {a.item_id: a for a in pre.answers} if pre else {}
    post_answers = {a.item_id: a for a in post.answers}
    review = [(items[item_id], post_answers.get(item_id), pre_answers.get(item_id))
              for item_id in post.item_ids]
    gain = Gain(pre=pre.score, post=post.score, maximum=post.max_score) if pre else None
    return render_template("quizzes/results.html", pre=pre, post=post, review=review,
                           gain=gain, course=course)
