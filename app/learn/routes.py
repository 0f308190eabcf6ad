from flask import Blueprint, abort, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import display
from app.content import get_course
from app.extensions import db, render_then_commit
from app.forms import safe_next
from app.i18n import current_language
from app.learn import services
from app.learn.forms import LanguageForm, TextSizeForm, check_form
from app.progress import attempts_of, journey_state, progress_of
from app.rooms.services import participation

bp = Blueprint("learn", __name__)


@bp.route("/")
def home():
    if not current_user.is_authenticated:
        return render_template("learn/welcome.html")
    course = get_course()
    attempts = attempts_of(current_user, course)
    progress = progress_of(current_user, course)
    participant = participation(current_user)
    state = journey_state(current_user, course, progress, participant=participant)
    return render_template("learn/dashboard.html", course=course, state=state,
                           attempts=attempts, progress=progress, next_action=state.next_action(),
                           participant=participant)


@bp.post("/language")
def language():
    form = LanguageForm()
    if form.validate_on_submit():
        session["lang"] = form.lang.data
        session.permanent = True
        if current_user.is_authenticated:
            current_user.locale = form.lang.data
            db.session.commit()
    return redirect(safe_next(form.next.data))


@bp.post("/text-size")
def text_size():
    form = TextSizeForm()
    if form.validate_on_submit():
        display.remember_large_text(form.large.data == "1")
        db.session.commit()
    return redirect(safe_next(form.next.data))


def _open_module(module_id):
    """The module, the journey, the learner's row for the module, and a redirect when it is not
    open yet: the journey and the module's row come from one read of the learner's progress."""
    course = get_course()
    module = course.module(module_id) or abort(404)
    progress = progress_of(current_user, course)
    state = journey_state(current_user, course, progress=progress,
                          participant=participation(current_user))
    if not state.module_unlocked(module_id):
        if not state.learning_open:
            flash(_("Kerjakan tes awal dulu. Setelah itu modul akan terbuka."))
        else:
            flash(_("Selesaikan modul sebelumnya dulu."))
        return course, module, state, None, redirect(url_for("learn.home"))
    return course, module, state, services.module_progress(current_user, course, module_id, progress), None


@bp.get("/modules/<module_id>")
@login_required
def module_start(module_id):
    course, module, state, row, locked = _open_module(module_id)
    if locked:
        return locked
    return redirect(url_for("learn.step", module_id=module_id, number=(row.current_step or 0) + 1))


@bp.get("/modules/<module_id>/step/<int:number>")
@login_required
def step(module_id, number):
    """A step is saved as read when it is shown, so "Lanjut" is a plain link to the next step (or
    the check): one request per step on a slow hotspot, not a POST and its redirect, and the
    next step opens because this one was seen. Reading a step again writes nothing."""
    course, module, state, row, locked = _open_module(module_id)
    if locked:
        return locked
    steps = module.text(current_language()).steps
    if not 1 <= number <= len(steps):
        abort(404)
    if not state.step_reachable(module_id, number, row.steps_seen or 0):  # no skipping ahead
        return redirect(url_for("learn.step", module_id=module_id, number=(row.steps_seen or 0) + 1))
    services.record_step(row, number - 1)
    return render_then_commit("learn/step.html", course=course, module=module,
                              text=module.text(current_language()), step=steps[number - 1],
                              number=number, total=len(steps), participant=participation(current_user))


@bp.route("/modules/<module_id>/check", methods=["GET", "POST"])
@login_required
def check(module_id):
    course, module, state, row, locked = _open_module(module_id)
    if locked:
        return locked
    steps = module.text(current_language()).steps
    if (row.steps_seen or 0) < len(steps):
        return redirect(url_for("learn.step", module_id=module_id, number=(row.steps_seen or 0) + 1))
    items = course.checks_for(module_id)
    form = check_form(items, current_language())
    results = None
    if form.validate_on_submit():
        results = services.answer_checks(current_user, course, row,
                                         [(item, form[f"item_{item.id}"].data) for item in items])
        state.modules_done.add(module_id)  # answering the checks completes the module
    return render_then_commit("learn/check.html", course=course, module=module, items=items,
                              form=form, results=results, next_action=state.next_action(),
                              text=module.text(current_language()))
