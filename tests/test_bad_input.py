"""No input gives a 500: every form and URL answers odd input with a 4xx or the form again.

A corpus of what people (and scripts) send — NUL bytes, control and right-to-left-override
characters, very long text, numbers past every range, values outside a field's choices, text
sent as a file part — goes into every field of every form, as each kind of user, on SQLite
and PostgreSQL.
"""
import io
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Participant
from tests.conftest import Browser, csrf_from
from tests.facilitator.test_paper import add_person
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session
from tests.learn.test_learner_journey import take_test
from tests.sandbox.walk import walk

BAD = ["\x00", "Siti\x00Rahayu", "\u202eSiti", "a\x07b", "x" * 150_000, "2147483648",
       "9223372036854775808", "-1", "1e300", "NaN", "Infinity", "sNaN", "", "   ",
       "<b>x</b>", "' OR 1=1 --", "9" * 40, "y" * 300, "2026-02-30", "\U0001f4a5", "\r\n"]
NAMES = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


def hammer(browser, page, action=None, extra=()):
    """Every bad value into every field of the form on `page`, as text and as a file part.
    Returns the (url, value, status) of each answer in the 500s."""
    html = browser.client.get(page, follow_redirects=True).get_data(as_text=True)
    token = csrf_from(browser.client.get("/").get_data(as_text=True))
    names = sorted(set(NAMES.findall(html)) - {"csrf_token"} | set(extra)) or ["x"]
    failures = []
    for value in BAD:
        as_text = {name: value for name in names}
        # (file parts stay small: the test client spools big multipart bodies to files it never closes)
        as_files = {name: (io.BytesIO(value[:5000].encode()), "x.txt") for name in names}
        for data, kind in ((as_text, None), (as_files, "multipart/form-data")):
            response = browser.client.post(action or page, data={"csrf_token": token, **data},
                                           content_type=kind)
            if response.status_code >= 500:
                failures.append((action or page, value[:20], kind, response.status_code))
    return failures


def test_strangers_forms_answer_bad_input_without_a_500(browser, create_user, app):
    facilitator = as_facilitator(Browser(app.test_client()), create_user)
    code = code_of(app, new_session(facilitator))
    failures = []
    for page in ("/auth/login", "/auth/signup", "/gabung", f"/j/{code}", "/lanjut"):
        failures += hammer(Browser(app.test_client()), page)
    failures += hammer(Browser(app.test_client()), "/", "/language", extra=["lang", "next"])
    assert failures == []


def test_the_practice_forms_answer_bad_input_without_a_500(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    walk(browser, "periksa", start={"person": "siti"})  # every page answered, so every page answers
    failures = hammer(browser, "/latihan/", "/latihan/mulai")
    for step in ("akun", "verifikasi", "masuk", "layanan", "peringatan", "pemohon", "lokasi", "jenis-paspor",
                 "ktp", "data-diri", "orang-tua", "kuesioner", "dokumen", "tanggal", "jam", "data-pemohon"):
        failures += hammer(browser, f"/latihan/{step}")
    failures += hammer(browser, "/latihan/inbox", "/latihan/kirim-ulang")
    failures += hammer(browser, "/latihan/", "/latihan/coba-lagi")
    for value in BAD:  # the office search box
        status = browser.client.get("/latihan/lokasi", query_string={"cari": value[:5000], "lokasi": value[:50]}).status_code
        if status >= 500:
            failures.append(("/latihan/lokasi?cari", value[:20], None, status))
    assert failures == []
    for odd in ("data-diri.99", "lokasi.2", "data-diri.0", "data-diri.x", "_keluarga", "periksa.2"):
        assert browser.client.get(f"/latihan/{odd}").status_code in (302, 404), odd


def test_the_learners_test_and_module_forms_answer_bad_input_without_a_500(login, app):
    browser = login()
    failures = hammer(browser, "/test/pre", "/test/pre/start")
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    for action in ("/test/pre/answer", "/test/pre/submit"):
        failures += hammer(browser, "/test/pre", action, extra=["item", "choice"])
    take_test(browser, "pre")
    for page in ("/modules/satu/step/1", "/modules/satu/check", "/test/pre/done"):
        failures += hammer(browser, page)
    assert failures == []


def test_the_facilitators_forms_answer_bad_input_without_a_500(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    person = add_person(browser, session_id, "Nenek Made")
    session = f"/fasilitator/sesi/{session_id}"
    failures = hammer(browser, "/fasilitator/sesi/baru") + hammer(browser, f"{session}/ubah")
    failures += hammer(browser, session, f"{session}/atur", extra=["action", "for", "collect", "back"])
    failures += hammer(browser, f"{session}/papan", f"{session}/peserta-tanpa-ponsel")
    for page in (f"{session}/peserta/{person}", f"{session}/peserta/{person}/kertas/pre"):
        failures += hammer(browser, page)
    failures += hammer(browser, f"{session}/peserta/{person}", f"{session}/peserta/{person}/gabung", extra=["other"])
    failures += hammer(browser, "/fasilitator/impor")
    failures += hammer(phone, "/dibantu") + hammer(phone, "/", "/bantuan")
    assert failures == []


@pytest.mark.parametrize("too_big", [2**31, 2**63, 2**70])
def test_ids_past_the_databases_range_are_a_404(browser, create_user, app, too_big):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    with app.app_context():
        assert db.session.scalar(select(Participant.id)) is None
    urls = [f"/fasilitator/sesi/{too_big}", f"/fasilitator/sesi/{too_big}/papan",
            f"/fasilitator/sesi/{session_id}/peserta/{too_big}", f"/ruang/{too_big}/keadaan",
            f"/fasilitator/hasil?sesi={too_big}", f"/fasilitator/impor/{too_big}"]
    assert [browser.get(url).status_code for url in urls] == [404] * len(urls)


@pytest.mark.parametrize("content, message", [
    (b"participant,pretest,posttest\r1,2,3\r2,3,4\r", "2 pasangan nilai diimpor"),  # old-Mac lines
    (b"participant,pretest,posttest\n1,2,3\n" + b"x" * 200_000 + b",2,3\n", "tidak bisa dibaca sebagai CSV"),
    (b"participant,pretest,posttest\n1,2,1000000\n2,3,4\n", "di luar 0 sampai 1000"),
    (b"participant,pretest,posttest\n1,2,30\n2,3,4\n", "lebih besar dari nilai maksimum"),
])
def test_a_score_import_refuses_what_it_cannot_read_at_the_field(browser, create_user, app, content, message):
    as_facilitator(browser, create_user)
    response = browser.post("/fasilitator/impor", {"name": "Sesi lama", "max_score": "27",
                                                   "file": (io.BytesIO(content), "nilai.csv")},
                            content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_an_imports_maximum_must_be_a_plain_number(browser, create_user, app):
    as_facilitator(browser, create_user)
    for value in ("sNaN", "Infinity", "1e300", "-5"):
        response = browser.post("/fasilitator/impor", {"name": "Sesi lama", "max_score": value, "file": (
            io.BytesIO(b"participant,pretest,posttest\n1,2,3\n"), "nilai.csv")}, content_type="multipart/form-data")
        assert response.status_code == 200 and 'id="max_score-error"' in response.get_data(as_text=True)
    with app.app_context():
        from app.models import ScoreImport
        assert db.session.scalars(select(ScoreImport)).all() == []


def test_a_score_import_reads_indonesian_headers_and_semicolons(browser, create_user, app):
    as_facilitator(browser, create_user)
    content = "nama;tes awal;tes akhir\nSiti;10;14\nMade;8;15,5\n".encode()
    response = browser.post("/fasilitator/impor", {"name": "Sesi lama", "file": (io.BytesIO(content), "nilai.csv")},
                            content_type="multipart/form-data", follow_redirects=True)
    assert "2 pasangan nilai diimpor" in response.get_data(as_text=True)
