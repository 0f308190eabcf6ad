"""Data Pemohon: the applicants of the application so far, with Tambah Pemohon (facts §1.8)."""
from flask import redirect, render_template, request
from flask_babel import gettext as _
from flask_babel import pgettext

from app.domain.booking import application_fees
from app.domain.sandbox_flow import (MAX_APPLICANTS, add_applicant, applicants, first_unanswered,
                                     personal_data, remove_applicant)
from app.extensions import db
from app.forms import Form
from app.sandbox import runs
from app.sandbox.routes import VIEWS, back_url, step_url


def rows(answers):
    """(applicant, personal data, kind, years, fee) of each applicant."""
    fees = {applicant: (kind, years, fee) for applicant, kind, years, fee in application_fees(answers)}
    return [(n, data, *fees.get(n, (None, None, None))) for n, data in personal_data(answers)]


def applicants_page(run, step):
    form = Form()
    if form.validate_on_submit():
        runs.time_on_page(run, step)
        action = request.form.get("aksi", "")
        if action == "tambah":
            if not runs.change_family(run, add_applicant(run.answers)):
                form.form_errors.append(_("Di latihan ini paling banyak %(n)s pemohon.", n=MAX_APPLICANTS))
        elif action.startswith("hapus-") and action[6:].isdigit():
            runs.change_family(run, remove_applicant(run.answers, int(action[6:])))
        else:
            runs.save_answers(run, step, {"jumlah": applicants(run.answers)})
        if not form.form_errors:
            db.session.commit()
            return redirect(step_url(first_unanswered(run.answers)))
    runs.page_shown(step)
    db.session.commit()
    return render_template("sandbox/applicants.html", form=form, step=step, run=run,
                           rows=rows(run.answers), can_add=applicants(run.answers) < MAX_APPLICANTS,
                           title=pgettext("m-paspor", "Data Pemohon"), back=back_url(step, run))


VIEWS["data-pemohon"] = applicants_page
