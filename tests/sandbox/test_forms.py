"""The personal data page's checks as the learner reads them, without HTTP: each mistake gets its
message at its field, in Indonesian and in English. (The rules themselves are tested in
tests/domain/test_identity.py; the page showing these messages in tests/sandbox/test_sandbox_pages.py.)"""
import pytest
from flask import session

from app import create_app
from app.models import SandboxRun
from app.sandbox.forms import PersonalDataForm
from tests.conftest import FIXTURES
from tests.sandbox.walk import PERSON


@pytest.fixture(scope="module")
def app():
    """The app's forms and translations, without a database: these checks never read one."""
    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "CONTENT_ROOT": str(FIXTURES / "good"), "WTF_CSRF_ENABLED": False,
                       "RATELIMIT_ENABLED": False})


def errors_of(app, entries, lang="id"):
    """{field: [messages]} of the personal data form sent with entries, as a learner who chose
    Dewasa on the Pemohon page and reads the app in `lang` sees them."""
    run = SandboxRun(answers={"pemohon": {"pemohon": "dewasa"}}, type_from_card=False)
    with app.test_request_context("/latihan/data-diri", method="POST", data=entries):
        session["lang"] = lang  # as the language switch keeps it
        form = PersonalDataForm(run)
        form.validate()
        return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


@pytest.mark.parametrize("change, field, indonesian, english", [
    ({"nik": "5171011203900001"}, "nik",  # a man's NIK (day 12) for Siti
     "tidak cocok dengan jenis kelamin", "does not match the sex"),
    ({"tanggal_lahir": "1990-03-13"}, "nik",
     "tidak sama dengan tanggal lahir Anda", "is not the same as your date of birth"),
    ({"nik": "51710152039000"}, "nik", "NIK harus 16 angka", "A NIK has 16 digits"),
    ({"nik": "9971015203900001"}, "nik", "kode provinsi", "province code"),
    ({"nomor_kk": "517101010115"}, "nomor_kk", "Nomor KK harus 16 angka", "A KK number has 16 digits"),
    ({"nama_lengkap": "SITI 2"}, "nama_lengkap", "Pakai huruf saja", "Use letters only"),
    ({"tanggal_lahir": "2015-01-01", "nik": "5171014101150001", "status_kawin": "belum"},
     "tanggal_lahir", "pilih Anak-anak", "choose Anak-anak"),  # a child who chose Dewasa
])
def test_each_personal_data_mistake_is_told_at_its_field_in_both_languages(app, change, field,
                                                                           indonesian, english):
    entries = dict(PERSON, **change)
    errors = errors_of(app, entries, "id")
    assert list(errors) == [field] and indonesian in errors[field][0]
    errors = errors_of(app, entries, "en")
    assert list(errors) == [field] and english in errors[field][0]


def test_the_practice_persons_own_data_passes(app):
    assert errors_of(app, PERSON) == {}
