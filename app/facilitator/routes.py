from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app import clock
from app.auth.decorators import facilitator_required
from app.content import get_course
from app.domain.board import counts
from app.domain.journey import EVERYONE, FINISHED
from app.extensions import db
from app.facilitator import services
from app.facilitator.forms import SessionForm
from app.i18n import current_language
from app.qr import qr_svg
from app.rooms.links import phone_address
from app.rooms.services import MergeConflict
from app.rooms.services import merge as merge_participants

bp = Blueprint("facilitator", __name__, url_prefix="/fasilitator")

SWITCHES = {  # the room's pacing: (field, value); closing a test and the posttest's audience below
    "open-pretest": ("pretest", "open"),
    "problems-on": ("problems_mode", True), "problems-off": ("problems_mode", False),
    "follow-on": ("follow_presenter", True), "follow-off": ("follow_presenter", False),
}
CLOSING = {"close-pretest": "pre", "close-posttest": "post"}


def course_choices():
    """(course, title) of every course on this server, titled in the reader's language."""
    from app.domain.content import discover
    from app.i18n import pick
    courses = [get_course(course_id) for course_id in discover(current_app.config["CONTENT_ROOT"])]
    return [(course, pick(course.title)) for course in courses]


@bp.get("/")
@facilitator_required
def index():
    return render_template("facilitator/index.html", sessions=services.sessions_for(current_user),
                           imports=services.imports_for(current_user))


@bp.route("/sesi/baru", methods=["GET", "POST"])
@facilitator_required
def new():
    form = SessionForm(course_choices())
    if form.validate_on_submit():
        training_session = services.create_session(current_user, form, form.course_id.data)
        db.session.commit()
        flash(_("Sesi dibuat. Tunjukkan kode atau QR ini kepada peserta."))
        return redirect(url_for("facilitator.show", session_id=training_session.id))
    return render_template("facilitator/form.html", form=form, training_session=None)


@bp.route("/sesi/<int:session_id>/ubah", methods=["GET", "POST"])
@facilitator_required
def edit(session_id):
    training_session = services.session_for(current_user, session_id)
    form = SessionForm(course_choices(), obj=training_session)
    if form.validate_on_submit():
        form.populate_obj(training_session)
        db.session.commit()
        flash(_("Sesi disimpan."))
        return redirect(url_for("facilitator.show", session_id=training_session.id))
    return render_template("facilitator/form.html", form=form, training_session=training_session)


@bp.get("/sesi/<int:session_id>", defaults={"projected": False})
@bp.get("/sesi/<int:session_id>/layar", defaults={"projected": True}, endpoint="screen")
@facilitator_required
def show(session_id, projected):
    """The session page, or its join code, QR and address large for the projector."""
    training_session = services.session_for(current_user, session_id)
    address = phone_address()
    join_url = address.base + url_for("rooms.join", code=training_session.join_code) if address.base else None
    return render_template("facilitator/screen.html" if projected else "facilitator/show.html",
                           training_session=training_session, join_url=join_url, address=address,
                           qr=qr_svg(join_url, scale=12 if projected else 6) if join_url else None,
                           count=len(services.participants_of(training_session)))


@bp.post("/sesi/<int:session_id>/atur")
@facilitator_required
def pace(session_id):
    training_session = services.session_for(current_user, session_id)
    action = request.form.get("action")
    back = request.form.get("back") if request.form.get("back") in ("board", "present") else ""
    if action in CLOSING:
        kind = CLOSING[action]
        people = services.unsubmitted(training_session, kind)
        if people and request.form.get("collect") != "yes":  # say who is still answering first
            return render_template("facilitator/close_test.html", training_session=training_session, kind=kind,
                                   action=action, people=people, back=back)
        collected = services.close_test(training_session, kind, collect=True)
        if collected:
            flash(ngettext("Jawaban %(num)s peserta dikumpulkan dan dinilai.",
                           "Jawaban %(num)s peserta dikumpulkan dan dinilai.", collected))
    elif action == "open-posttest" and request.form.get("for") in (EVERYONE, FINISHED):
        training_session.posttest, training_session.posttest_for = "open", request.form["for"]
    elif action == "close-session":
        training_session.closed_at = training_session.closed_at or clock.now()
    elif action in SWITCHES:
        setattr(training_session, *SWITCHES[action])
    else:
        abort(400)
    db.session.commit()
    target = {"board": "facilitator.board", "present": "facilitator.present"}.get(back, "facilitator.show")
    return redirect(url_for(target, session_id=training_session.id))


@bp.get("/sesi/<int:session_id>/papan", defaults={"rows_only": False})
@bp.get("/sesi/<int:session_id>/papan/baris", defaults={"rows_only": True}, endpoint="board_rows")
@facilitator_required
def board(session_id, rows_only):
    """The live board; its rows alone for the board's small refresh script."""
    training_session = services.session_for(current_user, session_id)
    template = "facilitator/_board_rows.html" if rows_only else "facilitator/board.html"
    course = get_course(training_session.course_id)
    rows = services.board_rows(training_session, course)
    return render_template(template, training_session=training_session, rows=rows, counts=counts(rows), course=course)


@bp.post("/sesi/<int:session_id>/peserta/<int:participant_id>/tangan")
@facilitator_required
def lower_hand(session_id, participant_id):
    training_session = services.session_for(current_user, session_id)
    participant = services.participant_in(training_session, participant_id)
    participant.hand_raised_at = None
    db.session.commit()
    return redirect(url_for("facilitator.board", session_id=training_session.id))


@bp.get("/sesi/<int:session_id>/presentasi")
@facilitator_required
def present(session_id):
    """The presenter view starts where the room was last shown, else at the first step."""
    training_session = services.session_for(current_user, session_id)
    course = get_course(training_session.course_id)
    module = course.module(training_session.presenting_module or "") or course.modules[0]
    number = training_session.presenting_step if module.id == training_session.presenting_module else 1
    return redirect(url_for("facilitator.present_step", session_id=training_session.id, module_id=module.id,
                            number=number or 1))


@bp.get("/sesi/<int:session_id>/presentasi/<module_id>/<int:number>")
@facilitator_required
def present_step(session_id, module_id, number):
    """One module step on the projector; phones that follow the presenter go to the same step."""
    training_session = services.session_for(current_user, session_id)
    course = get_course(training_session.course_id)
    module = course.module(module_id) or abort(404)
    text = module.text(current_language())
    if not 1 <= number <= len(text.steps):
        abort(404)
    if (training_session.presenting_module, training_session.presenting_step) != (module.id, number):
        training_session.presenting_module, training_session.presenting_step = module.id, number
        db.session.commit()
    return render_template("facilitator/present.html", training_session=training_session, course=course, module=module,
                           text=text, step=text.steps[number - 1], number=number,
                           previous=services.neighbour_step(course, module, number, -1),
                           following=services.neighbour_step(course, module, number, +1))


@bp.post("/sesi/<int:session_id>/peserta/<int:participant_id>/gabung")
@facilitator_required
def merge(session_id, participant_id):
    """Two records of one person (joined twice): the other one's work moves to this one."""
    training_session = services.session_for(current_user, session_id)
    keep = services.participant_in(training_session, participant_id)
    other = services.participant_in(training_session, request.form.get("other", type=int))
    if other.id == keep.id:
        abort(400)
    try:
        merge_participants(keep, other)
    except MergeConflict as conflict:
        db.session.rollback()
        flash(_("Tidak digabung: keduanya sudah mengirim %(test)s. Periksa dulu mana yang benar.",
                test=_("tes awal") if conflict.kind == "pre" else _("tes akhir")))
    else:
        name = other.display_name
        db.session.commit()
        flash(_("%(other)s digabungkan ke %(name)s.", other=name, name=keep.display_name))
    return redirect(url_for("facilitator.participant", session_id=training_session.id, participant_id=keep.id))
