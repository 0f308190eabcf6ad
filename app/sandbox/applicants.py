"""Data Pemohon: the applicants of the application so far, with Tambah Pemohon (facts §1.8)."""
from flask_babel import gettext as _

from app.domain.booking import application_fees
from app.domain.sandbox_flow import MAX_APPLICANTS, add_applicant, applicants, personal_data, remove_applicant
from app.sandbox import runs


def rows(answers):
    """(applicant, personal data, kind, years, fee) of each applicant."""
    fees = {applicant: (kind, years, fee) for applicant, kind, years, fee in application_fees(answers)}
    return [(n, data, *fees.get(n, (None, None, None))) for n, data in personal_data(answers)]


def can_add(answers):
    return applicants(answers) < MAX_APPLICANTS


def act(run, step, action):
    """Do what the pressed button says: 'tambah' adds a family member, 'hapus-3' takes the third
    applicant out, anything else goes on with the applicants as they are. Returns why it could
    not, or None."""
    if action == "tambah":
        if not runs.change_family(run, add_applicant(run.answers)):
            return _("Di latihan ini paling banyak %(n)s pemohon.", n=MAX_APPLICANTS)
    elif action.startswith("hapus-") and action[6:].isdigit():
        runs.change_family(run, remove_applicant(run.answers, int(action[6:])))
    else:
        runs.save_answers(run, step, {"jumlah": applicants(run.answers)})
    return None
