"""The sandbox's URLs, /latihan/…: every view of the practice M-Paspor application and booking."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _app  # a label of the real app: Indonesian + gloss
from flask_babel import pgettext
from flask_login import current_user, login_required

from app import clock
from app.content import get_practice_people
from app.domain import sandbox_flow
from app.domain.booking import FEES, accelerated, application_fees, payment_deadline, seconds_to_pay
from app.domain.documents import MAX_BYTES
from app.domain.practice import family_of
from app.domain.sandbox_flow import first_unanswered, is_step, next_step, previous_step, split, steps_for
from app.extensions import db, render_then_commit
from app.forms import Form
from app.sandbox import booking as bookings
from app.sandbox import applicants, booking_forms, documents, forms, machinery, runs, services

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


@bp.context_processor
def sandbox_steps():
    """The sandbox's pages in order, for 'Langkah x dari y' on every page of the practice, and
    whether an application was set aside (the layanan page offers it back)."""
    return {"steps_for": steps_for, "has_set_aside": machinery.has_set_aside}


@bp.route("/")
@login_required
def start():
    latest = runs.latest_run(current_user)
    if latest is not None and latest.completed_at:  # a finished practice stays in reach
        record = bookings.booking_of(latest)
        return render_template("sandbox/finished.html", run=latest, booking=record,
                               office=bookings.office_of(record) if record else None)
    run = runs.room_run(current_user)
    people = list(get_practice_people().values())
    return render_then_commit("sandbox/start.html", run=run, people=people,
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
        return commit_then_go(step_url(first_unanswered(run.answers)))
    return redirect(step_url(first_unanswered(run.answers)))


@bp.route("/<step>", methods=["GET", "POST"])
@login_required
def page(step):
    """A page of the application, in the app's order: a form page, an upload page, or Data Pemohon."""
    if not is_step(step):
        abort(404)
    run = runs.room_run(current_user)
    resume = first_unanswered(run.answers)
    if step not in steps_for(run.answers) or (step not in run.answers and step != resume):
        return redirect(step_url(resume))  # no jumping ahead of the app's order
    base = split(step)[0]
    if base in ("ktp", "dokumen"):
        return upload_page(run, step)
    if base == "data-pemohon":
        return applicants_page(run, step)
    return form_page(run, step)


def form_page(run, step):
    """A page with a form of its own: prefilled for the practice person, checked, kept."""
    base = split(step)[0]
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
    found = {}
    if base == "lokasi":  # the offices asked for: by typed place words, or nearest the practice person
        found["offices"] = services.office_search(run, people, request.args.get("cari") or "",
                                                  near_me=request.args.get("lokasi") == "saya")
    return render_then_commit(f"sandbox/{TEMPLATES.get(base, 'step')}.html", form=form,
                              title=title, submit=submit, step=step, run=run, back=back_url(step, run),
                              inbox=runs.delivered(run), cards=person_cards(base, run, form.person),
                              **found)


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
        return form_class(run, services.slots_on(days, chosen) or [], places)
    return form_class(run, applicant=applicant, person=runs.person_for(people, run, step))


def person_cards(base, run, person):
    """The practice person's drawn cards, to read the data from as from a real KTP, on the pages
    typed from a card."""
    if person is None or not (base in ("data-diri", "orang-tua") or (base == "akun" and run.type_from_card)):
        return []
    return [(url_for("static", filename=f"sandbox/{card}"), _("Kartu contoh: %(card)s", card=label))
            for card, label in ((person.id_card, "KTP / KIA"), (person.family_card, "KK"))]


def save_and_continue(run, step, form):
    """Keep a page's answers (the account page also sends its e-mail) and go on."""
    runs.save_answers(run, step, form.answers(),
                      password=form.kata_sandi.data if step == "akun" else None)
    if step == "akun":
        runs.send_code(run)
    return commit_then_go(url_after(step, run))


def upload_page(run, step):
    """The e-KTP photo ('ktp') or the documents ('dokumen') of the page's applicant."""
    required, uploads, errors = documents.required(run, step), runs.uploads_so_far(run, step), {}
    form = Form()
    if form.validate_on_submit():
        runs.time_on_page(run, step)
        errors = documents.receive(run, step, required, uploads, request.files, "contoh" in request.form)
        if not errors:
            return commit_then_go(url_after(step, run))
    runs.page_shown(step)
    return render_then_commit("sandbox/documents.html", form=form, required=required, labels=documents.LABELS,
                              step=step, run=run, uploads=uploads, errors=errors,
                              max_mb=MAX_BYTES // (1024 * 1024), identity_photo=split(step)[0] == "ktp",
                              submit=_app("m-paspor", "Lanjutkan"), back=back_url(step, run))


def applicants_page(run, step):
    """Data Pemohon: the applicants so far, with Tambah Pemohon and taking one out."""
    form = Form()
    if form.validate_on_submit():
        runs.time_on_page(run, step)
        refused = applicants.act(run, step, request.form.get("aksi", ""))
        if refused is None:
            return commit_then_go(step_url(first_unanswered(run.answers)))
        form.form_errors.append(refused)
    runs.page_shown(step)
    return render_then_commit("sandbox/applicants.html", form=form, step=step, run=run,
                              rows=applicants.rows(run.answers), can_add=applicants.can_add(run.answers),
                              title=pgettext("m-paspor", "Data Pemohon"), back=back_url(step, run))


@bp.get("/inbox")
@login_required
def inbox():
    run = runs.current_run(current_user)
    return render_then_commit("sandbox/inbox.html", messages=runs.delivered(run), run=run,
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


@bp.route("/periksa", methods=["GET", "POST"])
@login_required
def check():
    run = runs.current_run(current_user)
    resume = first_unanswered(run.answers)
    if resume != "periksa":
        return redirect(step_url(resume))
    form = Form()
    if form.validate_on_submit():
        runs.time_on_page(run, "periksa")
        if runs.connection_drops(run):  # problems mode: the signal drops on the first submit
            runs.start_over(run)
            db.session.commit()
            return render_template("sandbox/dropped.html"), 503
        booking = bookings.submit(run)
        if booking is None:
            runs.forget_slot(run)
        db.session.commit()
        if booking is None:
            flash(_("Maaf, jam yang Anda pilih baru saja penuh. Pilih tanggal dan jam lagi. "
                    "Di aplikasi asli Anda mungkin harus mengisi dari awal; di latihan ini isian lain disimpan."))
            return redirect(step_url("tanggal"))
        return redirect(url_for("sandbox.booking"))
    runs.page_shown("periksa")
    return render_then_commit("sandbox/check.html", form=form, rows=bookings.review_rows(run),
                              office=services.chosen_office(run), fees=FEES, back=step_url("jam"), run=run,
                              step="periksa", total=bookings.fee_of(run), accelerated=accelerated(run.answers))


@bp.post("/coba-lagi")
@login_required
def try_again():
    """Practice only: the application as it was before the app made the learner start over."""
    run = runs.current_run(current_user)
    if Form().validate_on_submit() and runs.try_again(run):
        return commit_then_go(step_url(first_unanswered(run.answers)))
    return redirect(step_url(first_unanswered(run.answers)))


def _current_booking():
    """(run, booking) of the learner, with the booking's status brought up to date."""
    run = runs.latest_run(current_user)
    record = bookings.booking_of(run) if run else None
    if record is None:
        return run, None
    before = record.status
    status = bookings.refresh(record, run, clock.now())
    if status == "expired":
        db.session.commit()
        flash(_("Kode billing sudah kedaluwarsa karena lewat 2 jam. Permohonan batal, dan tempat Anda "
                "diberikan ke orang lain. Seperti di aplikasi M-Paspor asli, isi permohonan dari awal lagi."))
        return run, None
    # A pending payment landed: keep it. Nothing else to write, and no commit keeps every row
    # read so far fresh for the page (a commit would make it read them all again).
    if status != before:
        db.session.commit()
    return run, record


@bp.get("/pemesanan")
@login_required
def booking():
    run, record = _current_booking()
    if record is None:
        return redirect(step_url(first_unanswered(run.answers)) if run else url_for("sandbox.start"))
    now, issued = clock.now(), clock.as_utc(record.billing_issued_at)
    return render_template("sandbox/booking.html", booking=record, office=bookings.office_of(record),
                           qr=bookings.qr_of(record), run=run, fee=bookings.fee_of(run),
                           fees=application_fees(run.answers),
                           can_move=bookings.may_move(record, clock.today()),
                           deadline=payment_deadline(issued), seconds_left=seconds_to_pay(issued, now))


@bp.route("/bayar", methods=["GET", "POST"])
@login_required
def pay():
    run, record = _current_booking()
    if record is None or record.status != "unpaid":
        return redirect(url_for("sandbox.booking"))
    form = booking_forms.PaymentForm(record.billing_code)
    if request.method == "POST":
        runs.time_on_page(run, "bayar")
    if form.validate_on_submit():
        bookings.pay(record, run, form.kanal.data, clock.now())
        db.session.commit()
        return redirect(url_for("sandbox.booking"))
    if form.errors:
        runs.count_errors(run, "bayar", form.errors)
    runs.page_shown("bayar")
    return render_then_commit("sandbox/pay.html", form=form, booking=record, fee=bookings.fee_of(run))


@bp.get("/bukti")
@login_required
def proof():
    run, record = _current_booking()
    if record is None or record.status != "paid":
        return redirect(url_for("sandbox.booking"))
    return render_template("sandbox/proof.html", booking=record, office=bookings.office_of(record),
                           qr=bookings.qr_of(record), run=run, names=bookings.applicant_names(run))


def _reschedulable():
    """(run, booking, whether the booking may still move)."""
    run, record = _current_booking()
    return run, record, record is not None and bookings.may_move(record, clock.today())


@bp.route("/ganti-jadwal", methods=["GET", "POST"])
@login_required
def reschedule_date():
    run, record, allowed = _reschedulable()
    if not allowed:
        flash(_("Jadwal hanya bisa diganti sekali, paling lambat satu hari sebelum tanggal kedatangan."))
        return redirect(url_for("sandbox.booking"))
    office = bookings.office_of(record)
    form = booking_forms.DateForm(run, services.calendar(office), record.places)
    if form.validate_on_submit():
        return redirect(url_for("sandbox.reschedule_time", day=form.tanggal.data))
    return render_template("sandbox/date.html", form=form, title=_("Ganti jadwal: tanggal baru"),
                           submit=pgettext("m-paspor", "Lanjutkan"), back=url_for("sandbox.booking"))


@bp.route("/ganti-jadwal/<day>", methods=["GET", "POST"])
@login_required
def reschedule_time(day):
    run, record, allowed = _reschedulable()
    if not allowed:
        return redirect(url_for("sandbox.booking"))
    slots = services.slots_on(services.calendar(bookings.office_of(record)), day)
    if slots is None:
        return redirect(url_for("sandbox.reschedule_date"))
    form = booking_forms.TimeForm(run, slots, record.places)
    if form.validate_on_submit():
        new_slot = next(slot for slot in slots if slot.time == form.jam.data)
        moved = bookings.reschedule(record, new_slot)
        db.session.commit()
        if moved:
            flash(_("Jadwal sudah diganti. Jadwal hanya bisa diganti satu kali."))
            return redirect(url_for("sandbox.booking"))
        flash(_("Maaf, jam itu baru saja penuh. Pilih jam lain."))
        return redirect(url_for("sandbox.reschedule_time", day=day))
    return render_template("sandbox/time.html", form=form, title=_("Ganti jadwal: jam baru"),
                           submit=_("Simpan jadwal baru"),
                           back=url_for("sandbox.reschedule_date"))


def commit_then_go(url):
    """Commit what the request changed and send the browser on to url, worked out first: after a
    commit every row read is expired, and reading the run again for its next page cost a second
    SELECT of it (its answers and logs decoded again) on every page sent in the practice."""
    db.session.commit()
    return redirect(url)


def step_url(step, **args):
    """The page of a step ("check your answers" has a view of its own)."""
    if step == "periksa":
        return url_for("sandbox.check", **args)
    return url_for("sandbox.page", step=step, **args) if is_step(step) else url_for("sandbox.start")


def back_url(step, run):
    """The page before this one in the app's order, or the sandbox's start."""
    back = previous_step(step, run.answers)
    return step_url(back) if back else url_for("sandbox.start")


def url_after(step, run):
    """Where a page sent leads: back to "check your answers" when it was changed from there and
    nothing else is missing, else the next page."""
    if request.args.get("ubah") and first_unanswered(run.answers) == "periksa":
        return step_url("periksa")
    return step_url(next_step(step, run.answers))
