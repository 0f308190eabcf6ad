from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth.decorators import facilitator_required
from app.content import get_course
from app.extensions import db
from app.facilitator import services
from app.facilitator.forms import CohortForm
from app.models import Participant, utcnow

bp = Blueprint("facilitator", __name__, url_prefix="/fasilitator")

ACTIONS = {  # the room's pacing: (field, value)
    "open-pretest": ("pretest", "open"), "close-pretest": ("pretest", "closed"),
    "open-posttest": ("posttest", "open"), "close-posttest": ("posttest", "closed"),
    "problems-on": ("problems_mode", True), "problems-off": ("problems_mode", False),
}


def course_choices():
    """(course, title) of every course on this server, titled in the reader's language."""
    from app.domain.content import discover
    from app.i18n import pick
    courses = [get_course(course_id) for course_id in discover(current_app.config["CONTENT_ROOT"])]
    return [(course, pick(course.title)) for course in courses]


@bp.get("/")
@facilitator_required
def index():
    return render_template("facilitator/index.html", cohorts=services.cohorts_for(current_user))


@bp.route("/sesi/baru", methods=["GET", "POST"])
@facilitator_required
def new():
    form = CohortForm(course_choices())
    if form.validate_on_submit():
        cohort = services.create_cohort(current_user, form, form.course_id.data)
        db.session.commit()
        flash(_("Sesi dibuat. Tunjukkan kode atau QR ini kepada peserta."))
        return redirect(url_for("facilitator.show", cohort_id=cohort.id))
    return render_template("facilitator/form.html", form=form, cohort=None)


@bp.route("/sesi/<int:cohort_id>/ubah", methods=["GET", "POST"])
@facilitator_required
def edit(cohort_id):
    cohort = services.cohort_for(current_user, cohort_id)
    form = CohortForm(course_choices(), obj=cohort)
    if form.validate_on_submit():
        form.populate_obj(cohort)
        db.session.commit()
        flash(_("Sesi disimpan."))
        return redirect(url_for("facilitator.show", cohort_id=cohort.id))
    return render_template("facilitator/form.html", form=form, cohort=cohort)


@bp.get("/sesi/<int:cohort_id>")
@facilitator_required
def show(cohort_id):
    cohort = services.cohort_for(current_user, cohort_id)
    join_url = url_for("join.by_link", code=cohort.join_code, _external=True)
    return render_template("facilitator/show.html", cohort=cohort, join_url=join_url,
                           qr=services.qr_svg(join_url), count=len(services.participants_of(cohort)))


@bp.post("/sesi/<int:cohort_id>/atur")
@facilitator_required
def pace(cohort_id):
    cohort = services.cohort_for(current_user, cohort_id)
    action = request.form.get("action")
    if action == "close-session":
        cohort.closed_at = cohort.closed_at or utcnow()
    elif action in ACTIONS:
        setattr(cohort, *ACTIONS[action])
    else:
        abort(400)
    db.session.commit()
    target = "facilitator.board" if request.form.get("back") == "board" else "facilitator.show"
    return redirect(url_for(target, cohort_id=cohort.id))


@bp.get("/sesi/<int:cohort_id>/papan", defaults={"rows_only": False})
@bp.get("/sesi/<int:cohort_id>/papan/baris", defaults={"rows_only": True}, endpoint="board_rows")
@facilitator_required
def board(cohort_id, rows_only):
    """The live board; its rows alone for the board's small refresh script."""
    cohort = services.cohort_for(current_user, cohort_id)
    template = "facilitator/_board_rows.html" if rows_only else "facilitator/board.html"
    return render_template(template, cohort=cohort,
                           rows=services.board_rows(cohort, get_course(cohort.course_id)))


@bp.post("/sesi/<int:cohort_id>/peserta/<int:participant_id>/tangan")
@facilitator_required
def lower_hand(cohort_id, participant_id):
    cohort = services.cohort_for(current_user, cohort_id)
    participant = db.session.get(Participant, participant_id)
    if participant is None or participant.cohort_id != cohort.id:
        abort(404)
    participant.hand_raised_at = None
    db.session.commit()
    return redirect(url_for("facilitator.board", cohort_id=cohort.id))
