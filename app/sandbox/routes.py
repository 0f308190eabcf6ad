from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _app  # a label of the real app: Indonesian + gloss
from flask_login import current_user, login_required

from app.content import get_practice_people
from app.domain import sandbox_flow
from app.domain.offices import search
from app.domain.practice import NO_PERSON_PLACE, family_of
from app.domain.sandbox_flow import first_unanswered, is_step, next_step, previous_step, split, steps_for
from app.extensions import db
from app.rooms.services import participation
from app.sandbox import booking as bookings
from app.sandbox import booking_forms, forms, machinery, runs, services

bp = Blueprint("sandbox", __name__, url_prefix="/latihan")


PAGES = {  # step -> (form, title, submit label): labels as in the M-Paspor app
    "akun": (forms.AccountForm, _app("m-paspor", "Daftar Akun"), _app("m-paspor", "Daftar")),
    "verifikasi": (forms.VerifyForm, _l("Verifikasi e-mail"), _l("Verifikasi")),
    "masuk": (forms.SignInForm, _app("m-paspor", "Masuk"), _app("m-paspor", "Masuk")),
    "layanan": (forms.ServiceForm, _app("m-paspor", "Pengajuan Permohonan"), _app("m-paspor", "Lanjutkan")),
    "peringatan": (forms.WarningForm, _l("Sebelum mengisi permohonan"), _app("m-paspor", "Lanjutkan")),
    "pemohon": (forms.ApplicantForm, _l("Pemohon"), _app("m-paspor", "Lanjutkan")),
    "lokasi": (booking_forms.OfficeForm, _l("Pilih lokasi kantor"), _app("m-paspor", "Lanjutkan")),
    "jenis-paspor": (forms.PassportTypeForm, _l("Jenis paspor"), _app("m-paspor", "Lanjutkan")),
    "data-diri": (forms.PersonalDataForm, _l("Data diri pemohon"), _app("m-paspor", "Lanjutkan")),
    "orang-tua": (forms.ParentForm, _l("Data orang tua"), _app("m-paspor", "Lanjutkan")),
    "kuesioner": (forms.QuestionnaireForm, _l("Kuesioner permohonan"), _app("m-paspor", "Lanjutkan")),
    "tanggal": (booking_forms.DateForm, _l("Tanggal kedatangan"), _app("m-paspor", "Lanjutkan")),
    "jam": (booking_forms.TimeForm, _l("Jam kedatangan"), _app("m-paspor", "Lanjutkan")),
}
TEMPLATES = {"verifikasi": "verify", "peringatan": "warning", "lokasi": "location", "tanggal": "date",
             "jam": "time", "kuesioner": "questionnaire", "jenis-paspor": "passport_type"}
# Pages with a view of their own (uploads, the applicants' list), registered by their modules.
VIEWS = {}


@bp.context_processor
def sandbox_steps():
    """The sandbox's pages in order, for 'Langkah x dari y' on every page of the practice, and
    whether an application was set aside (the layanan page offers it back)."""
    return {"steps_for": steps_for, "has_set_aside": machinery.has_set_aside}


def build_form(step, run, people):
    """The page's form, for its applicant; the date and time pages see the office's calendar."""
    base, applicant = split(step)
    form_class = PAGES[base][0]
    if base in ("tanggal", "jam"):
        office = services.chosen_office(run)
        days = services.calendar(office, machinery.closed_day(run))
        places = sandbox_flow.applicants(run.answers)
        if base == "tanggal":
            return form_class(run, days, places)
        chosen = run.answers.get("tanggal", {}).get("tanggal")
        slots = next((slots for day, slots, _ in days if day.isoformat() == chosen), [])
        return form_class(run, slots, places)
    return form_class(run, applicant=applicant, person=runs.person_for(people, run, step))


def step_url(step, **args):
    """The page of a step ("check your answers" has a view of its own)."""
    if step == "periksa":
        return url_for("sandbox.check", **args)
    return url_for("sandbox.page", step=step, **args) if is_step(step) else url_for("sandbox.start")


def room_run(user):
    """The learner's run; a session's "practice with problems" switch applies to it."""
    run = runs.current_run(user)
    participant = participation(user)
    if participant and participant.session.problems_mode:
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
    people = list(get_practice_people().values())
    return render_template("sandbox/start.html", run=run, people=people,
                           families={p.code: family_of(people, p) for p in people},
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
        run.person_code = form.person.data if form.person.data in get_practice_people() else None
        run.type_from_card = bool(run.person_code) and form.cara.data == "ketik"
        run.problems_mode = form.problems.data
        db.session.commit()
    return redirect(step_url(first_unanswered(run.answers)))


@bp.route("/<step>", methods=["GET", "POST"])
@login_required
def page(step):
    if not is_step(step):
        abort(404)
    run = room_run(current_user)
    resume = first_unanswered(run.answers)
    if step not in steps_for(run.answers) or (step not in run.answers and step != resume):
        return redirect(step_url(resume))  # no jumping ahead of the app's order
    base = split(step)[0]
    if base in VIEWS:
        return VIEWS[base](run, step)
    people = get_practice_people()
    title, submit = PAGES[base][1:]
    form = build_form(step, run, people)
    if request.method == "GET":
        form.prefill(run.answers.get(step) or runs.person_defaults(people, run, step))
    else:
        runs.time_on_page(run, step)
    valid = form.validate_on_submit()
    if valid and base == "tanggal" and runs.day_fills_up(run, form.tanggal.data):
        db.session.commit()
        form = build_form(step, run, people)  # the chosen day now shows as full
        form.tanggal.errors = [_("Maaf, kuota tanggal ini baru saja penuh. Pilih tanggal hijau yang "
                                 "lain, atau coba kantor lain.")]
    elif valid:
        return save_and_continue(run, step, form)
    elif form.errors:
        runs.count_errors(run, base, form.errors)
    runs.page_shown(step)
    db.session.commit()
    return render_template(f"sandbox/{TEMPLATES.get(base, 'step')}.html", form=form,
                           title=title, submit=submit, step=step, run=run, back=back_url(step, run),
                           inbox=runs.delivered(run),
                           cards=person_cards(form.person) if base in ("data-diri", "orang-tua") or (
                               base == "akun" and run.type_from_card) else [],
                           **({"offices": office_search(run, people)} if base == "lokasi" else {}))


def back_url(step, run):
    back = previous_step(step, run.answers)
    return step_url(back) if back else url_for("sandbox.start")


def office_search(run, people):
    """The offices the location page lists: typed place words, or nearest to where the practice
    person is ("Pakai Lokasi Saya Saat Ini"); none until the learner asks."""
    query = (request.args.get("cari") or "")[:60]
    near_me = request.args.get("lokasi") == "saya"
    chosen = services.chosen_office_code(run)
    if not query and not near_me and not chosen:
        return {"query": "", "near_me": False, "found": []}
    person = people.get(run.person_code)
    here = (person.lat, person.lon) if person else NO_PERSON_PLACE
    found = search(services.all_offices(), here, query, limit=8)
    if chosen and chosen not in {office.code for office, _ in found}:
        office = services.office_by_code(chosen)
        found = ([(office, None)] if office else []) + found
    return {"query": query, "near_me": near_me or not query, "found": found}


def person_cards(person):
    """The practice person's drawn cards, to read the data from as from a real KTP."""
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
    return redirect(url_after(step, run))


def url_after(step, run):
    """Where a page sent leads: back to "check your answers" when it was changed from there and
    nothing else is missing, else the next page."""
    if request.args.get("ubah") and first_unanswered(run.answers) == "periksa":
        return step_url("periksa")
    return step_url(next_step(step, run.answers))


@bp.get("/inbox")
@login_required
def inbox():
    run = runs.current_run(current_user)
    db.session.commit()
    return render_template("sandbox/inbox.html", messages=runs.delivered(run), run=run,
                           waiting=len(machinery.inbox(run)) > len(runs.delivered(run)))


@bp.post("/kirim-ulang")
@login_required
def resend():
    run = runs.current_run(current_user)
    form = forms.ResendForm()
    if form.validate_on_submit() and "akun" in run.answers:
        runs.send_code(run)
        db.session.commit()
    return redirect(url_for("sandbox.page", step="verifikasi"))
