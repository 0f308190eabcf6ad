"""Paper tests for participants without a phone, entered by the facilitator, and printables."""
from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.auth.decorators import facilitator_required
from app.content import get_course, record_version
from app.domain import design
from app.extensions import db
from app.facilitator import services
from app.facilitator.forms import NO_ANSWER, AddPersonForm, ParticipantHelperForm, paper_form
from app.facilitator.routes import bp
from app.models import Attempt
from app.quizzes.services import close_and_score, form_of, save_answer
from app.qr import qr_svg
from app.rooms.links import phone_address
from app.rooms.services import add_participant

KINDS = {"pre": _l("Tes awal"), "post": _l("Tes akhir")}


@bp.route("/sesi/<int:session_id>/peserta/<int:participant_id>", methods=["GET", "POST"])
@facilitator_required
def participant(session_id, participant_id):
    training_session = services.session_for(current_user, session_id)
    person = services.participant_in(training_session, participant_id)
    form = ParticipantHelperForm(obj=person)
    if form.validate_on_submit():
        person.helper_name = (form.helper_name.data or "").strip() or None
        db.session.commit()
        flash(_("Disimpan."))
        return redirect(url_for("facilitator.participant", session_id=training_session.id, participant_id=person.id))
    attempts = {a.kind: a for a in db.session.scalars(select(Attempt).where(Attempt.user_id == person.user_id))}
    others = [p for p in services.participants_of(training_session) if p.id != person.id]
    return render_template("facilitator/participant.html", training_session=training_session, person=person, form=form,
                           attempts=attempts, kinds=KINDS, others=others)


@bp.route("/sesi/<int:session_id>/peserta/<int:participant_id>/kertas/<kind>", methods=["GET", "POST"])
@facilitator_required
def paper_entry(session_id, participant_id, kind):
    training_session = services.session_for(current_user, session_id)
    person = services.participant_in(training_session, participant_id)
    if kind not in KINDS:
        abort(404)
    existing = db.session.scalar(select(Attempt).where(Attempt.user_id == person.user_id,
                                                       Attempt.course_id == training_session.course_id,
                                                       Attempt.kind == kind))
    if existing is not None:
        flash(_("%(name)s sudah punya %(test)s. Jawaban tidak dimasukkan dua kali.",
                name=person.display_name, test=KINDS[kind]))
        return redirect(url_for("facilitator.participant", session_id=training_session.id, participant_id=person.id))
    course = get_course(training_session.course_id)
    test_form = form_of(person.user, course, kind)
    items = course.form_items(test_form)
    form = paper_form(items)
    if form.validate_on_submit():
        record_paper_attempt(person, course, kind, test_form, form)
        db.session.commit()
        flash(_("Tes kertas %(name)s tersimpan dan dinilai.", name=person.display_name))
        return redirect(url_for("facilitator.participant", session_id=training_session.id, participant_id=person.id))
    return render_template("facilitator/paper_entry.html", training_session=training_session, person=person, form=form,
                           kind=kind, kinds=KINDS, items=items, test_form=test_form)


def record_paper_attempt(person, course, kind, test_form, form):
    """A paper test counts exactly like an online one: same items, server scoring, marked paper;
    entered and scored in one transaction, which the view commits."""
    record_version(course)
    attempt = Attempt(user_id=person.user_id, course_id=course.id, kind=kind, mode="paper",
                      form=test_form, content_hash=course.content_hash,
                      item_ids=[i.id for i in course.form_items(test_form)],
                      option_orders={i.id: sorted(i.options) for i in course.form_items(test_form)},
                      confidence=int(form.confidence.data))
    db.session.add(attempt)
    db.session.flush()
    for item in course.form_items(test_form):
        if form[f"q-{item.id}"].data != NO_ANSWER:
            save_answer(attempt, item.id, form[f"q-{item.id}"].data)
    close_and_score(attempt)


@bp.post("/sesi/<int:session_id>/peserta-tanpa-ponsel")
@facilitator_required
def add_person(session_id):
    training_session = services.session_for(current_user, session_id)
    form = AddPersonForm()
    if form.validate_on_submit():
        person = add_participant(training_session, form.name.data)
        db.session.commit()
        return redirect(url_for("facilitator.participant", session_id=training_session.id, participant_id=person.id))
    flash(_("Tulis nama peserta."))
    return redirect(url_for("facilitator.board", session_id=training_session.id))


@bp.get("/sesi/<int:session_id>/tes-kertas")
@facilitator_required
def paper_test(session_id):
    training_session = services.session_for(current_user, session_id)
    course = get_course(training_session.course_id)
    return render_template("facilitator/paper_test.html", training_session=training_session,
                           forms=[(form, course.form_items(form)) for form in course.forms or (None,)])


@bp.get("/sesi/<int:session_id>/kartu")
@facilitator_required
def cards(session_id):
    training_session = services.session_for(current_user, session_id)
    people = services.participants_of(training_session)
    base = phone_address().base
    codes = {p.id: qr_svg(base + url_for("rooms.resume", kode=p.personal_code), scale=4)
             for p in people} if base else {}
    course = get_course(training_session.course_id)
    forms = {p.id: [design.form_for(kind, training_session.test_design, p.first_form, course.forms)
                    for kind in ("pre", "post")] for p in people} if course.forms else {}
    return render_template("facilitator/cards.html", training_session=training_session, people=people, codes=codes,
                           forms=forms, resume_url=base + url_for("rooms.resume") if base else None)
