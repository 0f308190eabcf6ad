"""The sandbox's first pages through the test client: account, verification, sign-in, choices."""
import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import SandboxRun
from app.sandbox import runs

ACCOUNT = {"nama_lengkap": "SITI CONTOH", "tanggal_lahir": "1990-03-12", "jenis_kelamin": "P",
           "email": "siti.contoh@contoh.id", "nomor_ponsel": "0812-0000-1001",
           "kata_sandi": "Rahasia123", "setuju": "y"}


def run_of(app):
    with app.app_context():
        return db.session.scalar(select(SandboxRun))


def latest_code(browser):
    html = browser.get("/latihan/inbox").get_data(as_text=True)
    return re.search(r'class="code">(\d{6})<', html).group(1)


def through_sign_in(browser):
    browser.post("/latihan/mulai", {"person": "siti"}, page="/latihan/")
    browser.post("/latihan/akun", ACCOUNT)
    browser.post("/latihan/verifikasi", {"kode": latest_code(browser)})
    return browser.post("/latihan/masuk", {"email": ACCOUNT["email"], "kata_sandi": "Rahasia123"})


def test_a_practice_person_fills_in_the_account_page(login):
    browser = login()
    start = browser.get("/latihan/").get_data(as_text=True)
    assert "SITI CONTOH" in start and "BUDI CONTOH" in start and "bukan M-Paspor asli" in start
    browser.post("/latihan/mulai", {"person": "siti"}, page="/latihan/")
    html = browser.get("/latihan/akun").get_data(as_text=True)
    assert 'value="SITI CONTOH"' in html and 'value="1990-03-12"' in html
    assert 'value="siti.contoh@contoh.id"' in html and "Saya setuju dengan Syarat &" in html


def test_account_mistakes_are_told_at_each_field_counted_and_entries_kept(login, app):
    browser = login()
    bad = dict(ACCOUNT, nomor_ponsel="021-555-1234", kata_sandi="rahasia", tanggal_lahir="2099-01-01")
    del bad["setuju"]
    html = browser.post("/latihan/akun", bad).get_data(as_text=True)
    assert 'id="nomor_ponsel-error"' in html and "dimulai 08 atau +62" in html
    assert 'id="kata_sandi-error"' in html and "satu huruf besar" in html
    assert 'id="tanggal_lahir-error"' in html and 'id="setuju-error"' in html
    assert 'value="SITI CONTOH"' in html and 'value="021-555-1234"' in html
    run = run_of(app)
    assert run.field_errors == {"akun.nomor_ponsel": 1, "akun.kata_sandi": 1,
                                "akun.tanggal_lahir": 1, "akun.setuju": 1}
    assert "021-555-1234" not in str(run.field_errors) and "akun" not in run.answers


def test_the_verification_code_arrives_in_the_simulated_inbox(login, app):
    browser = login()
    response = browser.post("/latihan/akun", ACCOUNT)
    assert response.headers["Location"].endswith("/latihan/verifikasi")
    wrong = browser.post("/latihan/verifikasi", {"kode": "000000"}).get_data(as_text=True)
    assert "Kode tidak cocok" in wrong
    old = latest_code(browser)
    browser.post("/latihan/kirim-ulang", page="/latihan/verifikasi")
    new = latest_code(browser)
    assert new != old and len(run_of(app).answers["_inbox"]["messages"]) == 2
    assert "Kode tidak cocok" in browser.post("/latihan/verifikasi", {"kode": old}).get_data(as_text=True)
    ok = browser.post("/latihan/verifikasi", {"kode": new})
    assert ok.headers["Location"].endswith("/latihan/masuk")
    assert "Rahasia123" not in str(run_of(app).answers)  # the password itself is never kept


def test_in_problems_mode_the_email_is_late_and_the_learner_is_told_what_to_do(login, app):
    browser = login()
    browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
    browser.post("/latihan/akun", ACCOUNT)
    html = browser.get("/latihan/inbox").get_data(as_text=True)
    assert "E-mail belum datang." in html and 'class="code"' not in html
    with app.app_context():
        run = db.session.scalar(select(SandboxRun))
        later = datetime.now(UTC) + timedelta(seconds=runs.LATE_EMAIL_SECONDS + 1)
        assert len(runs.delivered(run, later)) == 1


def test_sign_in_needs_the_accounts_email_and_password(login):
    browser = login()
    browser.post("/latihan/akun", ACCOUNT)
    browser.post("/latihan/verifikasi", {"kode": latest_code(browser)})
    wrong = browser.post("/latihan/masuk", {"email": ACCOUNT["email"], "kata_sandi": "Salah12345"})
    assert "E-mail atau kata sandi salah" in wrong.get_data(as_text=True)
    right = browser.post("/latihan/masuk", {"email": ACCOUNT["email"], "kata_sandi": "Rahasia123"})
    assert right.headers["Location"].endswith("/latihan/pemohon")


def test_pages_cannot_be_skipped_and_an_interrupted_run_resumes(login):
    browser = login()
    assert browser.get("/latihan/jenis-paspor").headers["Location"].endswith("/latihan/akun")
    through_sign_in(browser)
    browser.post("/latihan/pemohon", {"pemohon": "dewasa"})
    browser.post("/auth/logout", page="/")
    browser.post("/auth/login", {"username": "siti", "password": "rahasia-siti-1"})
    start = browser.get("/latihan/").get_data(as_text=True)
    assert 'href="/latihan/jenis-permohonan"' in start and "Lanjutkan latihan" in start
    kept = browser.get("/latihan/pemohon").get_data(as_text=True)
    assert re.search(r'<input checked id="pemohon-0"[^>]*value="dewasa"', kept)


def test_a_replacement_needs_its_reason(login):
    browser = login()
    through_sign_in(browser)
    browser.post("/latihan/pemohon", {"pemohon": "dewasa"})
    html = browser.post("/latihan/jenis-permohonan", {"jenis": "penggantian"}).get_data(as_text=True)
    assert "Pilih alasan penggantian." in html
    ok = browser.post("/latihan/jenis-permohonan", {"jenis": "penggantian", "alasan": "habis"})
    assert ok.headers["Location"].endswith("/latihan/jenis-paspor")


def test_passport_types_show_their_fee_and_ten_years_is_refused_for_a_child(login):
    browser = login()
    browser.post("/latihan/akun", dict(ACCOUNT, tanggal_lahir="2014-01-10"))
    browser.post("/latihan/verifikasi", {"kode": latest_code(browser)})
    browser.post("/latihan/masuk", {"email": ACCOUNT["email"], "kata_sandi": "Rahasia123"})
    browser.post("/latihan/pemohon", {"pemohon": "anak"})
    browser.post("/latihan/jenis-permohonan", {"jenis": "baru"})
    page = browser.get("/latihan/jenis-paspor").get_data(as_text=True)
    assert "Rp350.000" in page and "Rp950.000" in page
    html = browser.post("/latihan/jenis-paspor", {"paspor": "elektronik-10"}).get_data(as_text=True)
    assert "hanya untuk umur 17 tahun ke atas" in html


def to_office(browser, office="kantor-uji"):
    through_sign_in(browser)
    browser.post("/latihan/pemohon", {"pemohon": "dewasa"})
    browser.post("/latihan/jenis-permohonan", {"jenis": "baru"})
    browser.post("/latihan/jenis-paspor", {"paspor": "biasa-5"})
    browser.post("/latihan/provinsi", {"provinsi": "Bali"})
    return browser.post("/latihan/kantor", {"kantor": office})


def fill_day(app, day, booked=None):
    from app.models import BookingSlot
    with app.app_context():
        for slot in db.session.scalars(select(BookingSlot).where(BookingSlot.day == day)):
            slot.booked = slot.quota if booked is None else booked
        db.session.commit()


def test_offices_are_filtered_by_province(login, runner):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_office(browser)
    html = browser.get("/latihan/kantor").get_data(as_text=True)
    assert "Kantor Imigrasi Uji — Denpasar" in html and "ULP Uji" not in html


def test_full_days_are_red_and_the_next_day_with_room_is_suggested(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    assert to_office(browser).headers["Location"].endswith("/latihan/tanggal")
    html = browser.get("/latihan/tanggal").get_data(as_text=True)
    first, second = re.findall(r'value="(\d{4}-\d\d-\d\d)"', html)[:2]
    from datetime import date
    fill_day(app, date.fromisoformat(first))
    html = browser.get("/latihan/tanggal").get_data(as_text=True)
    assert re.search(rf'value="{first}"\s+disabled', html)
    assert "Tanggal terdekat yang masih ada kuota" in html
    refused = browser.post("/latihan/tanggal", {"tanggal": first}).get_data(as_text=True)
    assert "Tanggal ini sudah penuh" in refused
    ok = browser.post("/latihan/tanggal", {"tanggal": second})
    assert ok.headers["Location"].endswith("/latihan/jam")
    times = browser.get("/latihan/jam").get_data(as_text=True)
    assert times.count('class="day free"') == 6 and "Sisa 2 tempat" in times


def test_in_problems_mode_the_chosen_day_fills_up_and_the_learner_picks_again(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_office(browser)
    browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
    html = browser.get("/latihan/tanggal").get_data(as_text=True)
    first, second = re.findall(r'value="(\d{4}-\d\d-\d\d)"', html)[:2]
    refused = browser.post("/latihan/tanggal", {"tanggal": first}).get_data(as_text=True)
    assert "baru saja penuh" in refused and re.search(rf'value="{first}"\s+disabled', refused)
    assert browser.post("/latihan/tanggal", {"tanggal": second}).headers["Location"].endswith("/latihan/jam")
    assert "tanggal.tanggal" not in run_of(app).field_errors  # not the learner's mistake


def test_choosing_another_office_forgets_the_old_offices_date(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_office(browser)
    day = re.findall(r'value="(\d{4}-\d\d-\d\d)"', browser.get("/latihan/tanggal").get_data(as_text=True))[0]
    browser.post("/latihan/tanggal", {"tanggal": day})
    browser.post("/latihan/provinsi", {"provinsi": "Jawa Barat"})
    answers = run_of(app).answers
    assert "kantor" not in answers and "tanggal" not in answers
