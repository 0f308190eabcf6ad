from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _app  # a label of the real app: Indonesian + gloss
from flask_login import current_user, login_required

from app.domain.practice import load_people
from app.domain.sandbox_flow import first_unanswered, next_step, previous_step, steps_for
from app.extensions import db
from app.rooms.services import participation
from app.sandbox import booking as bookings
from app.sandbox import booking_forms, forms, runs, services

bp = Blueprint("sandbox", __name__, url_prefix="/latihan")


PAGES = {  # step -> (form, title, submit label): labels as in the M-Paspor app
    "akun": (forms.AccountForm, _app("m-paspor", "Daftar Akun"), _app("m-paspor", "Daftar")),
    "verifikasi": (forms.VerifyForm, _l("Verifikasi e-mail"), _l("Verifikasi")),
    "masuk": (forms.SignInForm, _app("m-paspor", "Masuk"), _app("m-paspor", "Masuk")),
    "pemohon": (forms.ApplicantForm, _app("m-paspor", "Pengajuan Permohonan"), _app("m-paspor", "Lanjutkan")),
    "jenis-permohonan": (forms.ApplicationTypeForm, _l("Jenis permohonan"), _app("m-paspor", "Lanjutkan")),
    "jenis-paspor": (forms.PassportTypeForm, _l("Jenis paspor"), _app("m-paspor", "Lanjutkan")),
    "provinsi": (booking_forms.ProvinceForm, _l("Pilih lokasi kantor"), _app("m-paspor", "Lanjutkan")),
    "kantor": (booking_forms.OfficeForm, _l("Pilih kantor imigrasi"), _app("m-paspor", "Lanjutkan")),
    "tanggal": (booking_forms.DateForm, _l("Tanggal kedatangan"), _app("m-paspor", "Lanjutkan")),
    "jam": (booking_forms.TimeForm, _l("Jam kedatangan"), _app("m-paspor", "Lanjutkan")),
    "data-diri": (forms.PersonalDataForm, _l("Data pemohon"), _app("m-paspor", "Lanjutkan")),
    "orang-tua": (forms.ParentForm, _l("Data orang tua"), _app("m-paspor", "Lanjutkan")),
}
TEMPLATES = {"verifikasi": "verify", "tanggal": "date", "jam": "time"}


@bp.context_processor
def sandbox_steps():
    """The sandbox's pages in order, for 'Langkah x dari y' on every page of the practice."""
    return {"steps_for": steps_for}


def build_form(step, run):
    """The page's form; the date and time pages see the office's calendar."""
    form_class = PAGES[step][0]
    if step in ("tanggal", "jam"):
        office = services.office_by_code(run.answers.get("kantor", {}).get("kantor"))
        days = services.calendar(office, runs.closed_day(run))
        if step == "tanggal":
            return form_class(run, days)
        chosen = run.answers.get("tanggal", {}).get("tanggal")
        slots = next((slots for day, slots, _ in days if day.isoformat() == chosen), [])
        return form_class(run, slots)
    return form_class(run)


def step_url(step, **args):
    """The page of a step (the upload page has a view of its own)."""
    if step == "dokumen":
        return url_for("sandbox.documents", **args)
    if step == "periksa":
        return url_for("sandbox.check", **args)
    return url_for("sandbox.page", step=step, **args) if step in PAGES else url_for("sandbox.start")


def practice_people():
    people, _ = load_people(current_app.config["CONTENT_ROOT"])
    return {person.code: person for person in people}


def room_run(user):
    """The learner's run; a session's "practice with problems" switch applies to it."""
    run = runs.current_run(user)
    room = participation(user)
    if room and room.cohort.problems_mode:
        run.problems_mode = True
    return run


@bp.route("/")
@login_required
def start():
    latest = runs.latest_run(current_user)
    if latest is not None and latest.completed_at:  # a finished practice stays in reach
        record = bookings.booking_of(latest)
        return render_template("sandbox/finished.html", run=latest, booking=record,
                               office=bookings.office_of(record) if record else None)
    run = room_run(current_user)
    db.session.commit()
    return render_template("sandbox/start.html", run=run, people=practice_people().values(),
                           resume=first_unanswered(run.answers))


@bp.post("/lagi")
@login_required
def again():
    """A new practice, chosen on purpose: the finished one and its proof stay in the record."""
    if forms.ResendForm().validate_on_submit():
        runs.current_run(current_user)
        db.session.commit()
    return redirect(url_for("sandbox.start"))


@bp.post("/mulai")
@login_required
def begin():
    run = runs.current_run(current_user)
    form = forms.StartForm()
    if form.validate_on_submit():
        run.person_code = form.person.data if form.person.data in practice_people() else None
        run.problems_mode = form.problems.data
        db.session.commit()
    return redirect(step_url(first_unanswered(run.answers)))


@bp.route("/<step>", methods=["GET", "POST"])
@login_required
def page(step):
    if step not in PAGES:
        abort(404)
    run = room_run(current_user)
    resume = first_unanswered(run.answers)
    if step not in run.answers and step != resume:  # no jumping ahead of the app's order
        return redirect(step_url(resume))
    title, submit = PAGES[step][1:]
    form = build_form(step, run)
    if request.method == "GET":
        form.prefill(run.answers.get(step) or runs.person_defaults(practice_people(), run.person_code, step))
    valid = form.validate_on_submit()
    if valid and step == "tanggal" and runs.day_fills_up(run, form.tanggal.data):
        db.session.commit()
        form = build_form(step, run)  # the chosen day now shows as full
        form.tanggal.errors = [_("Maaf, kuota tanggal ini baru saja penuh. Pilih tanggal hijau yang "
                                 "lain, atau coba kantor lain.")]
    elif valid:
        return save_and_continue(run, step, form)
    elif form.errors:
        runs.count_errors(run, step, form.errors)
    runs.log_visit(run, step)
    db.session.commit()
    back = previous_step(step, run.answers)
    return render_template(f"sandbox/{TEMPLATES.get(step, 'step')}.html", form=form,
                           title=title, submit=submit, step=step, run=run,
                           back=step_url(back) if back else url_for("sandbox.start"),
                           inbox=runs.delivered(run), day_is_free=services.day_is_free,
                           cards=person_cards(run) if step in ("data-diri", "orang-tua") else [])


def person_cards(run):
    """The chosen practice person's drawn cards, to read the data from as from a real KTP."""
    person = practice_people().get(run.person_code)
    if person is None:
        return []
    return [(url_for("static", filename=f"sandbox/{card}"), _("Kartu contoh: %(card)s", card=label))
            for card, label in ((person.id_card, "KTP / KIA"), (person.family_card, "KK"))]


def save_and_continue(run, step, form):
    runs.save_answers(run, step, form.answers(),
                      password=form.kata_sandi.data if step == "akun" else None)
    if step == "akun":
        runs.send_code(run)
    db.session.commit()
    if request.args.get("ubah"):  # back to "check your answers"
        return redirect(step_url("periksa"))
    return redirect(step_url(next_step(step, run.answers)))


@bp.get("/inbox")
@login_required
def inbox():
    run = runs.current_run(current_user)
    db.session.commit()
    return render_template("sandbox/inbox.html", messages=runs.delivered(run), run=run,
                           waiting=len(run.answers.get("_inbox", {}).get("messages", [])) > len(runs.delivered(run)))


@bp.post("/kirim-ulang")
@login_required
def resend():
    run = runs.current_run(current_user)
    form = forms.ResendForm()
    if form.validate_on_submit() and "akun" in run.answers:
        runs.send_code(run)
        db.session.commit()
    return redirect(url_for("sandbox.page", step="verifikasi"))
