"""The sandbox's first pages through the test client: account, verification, sign-in, choices."""
import re
from pathlib import Path

import pytest
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


def test_an_adult_account_holder_cannot_book_ten_years_for_a_child(login):
    browser = login()
    browser.post("/latihan/akun", ACCOUNT)  # the account holder is an adult
    browser.post("/latihan/verifikasi", {"kode": latest_code(browser)})
    browser.post("/latihan/masuk", {"email": ACCOUNT["email"], "kata_sandi": "Rahasia123"})
    browser.post("/latihan/pemohon", {"pemohon": "anak"})
    browser.post("/latihan/jenis-permohonan", {"jenis": "baru"})
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


def to_personal_data(browser, app, applicant="dewasa"):
    through_sign_in(browser)
    browser.post("/latihan/pemohon", {"pemohon": applicant})
    browser.post("/latihan/jenis-permohonan", {"jenis": "baru"})
    browser.post("/latihan/jenis-paspor", {"paspor": "biasa-5"})
    browser.post("/latihan/provinsi", {"provinsi": "Bali"})
    browser.post("/latihan/kantor", {"kantor": "kantor-uji"})
    day = re.findall(r'value="(\d{4}-\d\d-\d\d)"', browser.get("/latihan/tanggal").get_data(as_text=True))[0]
    browser.post("/latihan/tanggal", {"tanggal": day})
    return browser.post("/latihan/jam", {"jam": "08:00"})


PERSON = {"nik": "5171015203900001", "nomor_kk": "5171010101150003", "nama_lengkap": "SITI CONTOH",
          "tempat_lahir": "DENPASAR", "tanggal_lahir": "1990-03-12", "jenis_kelamin": "P"}


def test_the_practice_person_fills_in_the_personal_data_which_passes(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    assert to_personal_data(browser, app).headers["Location"].endswith("/latihan/data-diri")
    html = browser.get("/latihan/data-diri").get_data(as_text=True)
    assert 'value="5171015203900001"' in html and 'value="5171010101150003"' in html
    assert 'src="/static/sandbox/ktp-siti.svg?v=' in html and 'src="/static/sandbox/kk-siti.svg?v=' in html
    ok = browser.post("/latihan/data-diri", PERSON)
    assert ok.headers["Location"].endswith("/latihan/dokumen")  # an adult has no parents' page


@pytest.mark.parametrize("change, field, message", [
    ({"nik": "5171011203900001"}, "nik", "tidak cocok dengan jenis kelamin"),
    ({"tanggal_lahir": "1990-03-13"}, "nik", "identitas tidak valid"),
    ({"nik": "51710152039000"}, "nik", "NIK harus 16 angka"),
    ({"nik": "9971015203900001"}, "nik", "kode provinsi"),
    ({"nomor_kk": "517101010115"}, "nomor_kk", "Nomor KK harus 16 angka"),
    ({"nama_lengkap": "SITI 2"}, "nama_lengkap", "Pakai huruf saja"),
    ({"tanggal_lahir": "2015-01-01", "nik": "5171014101150001"}, "tanggal_lahir", "pilih Anak-anak"),
])
def test_personal_data_is_checked_as_the_real_form_does(login, runner, app, change, field, message):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_personal_data(browser, app)
    html = browser.post("/latihan/data-diri", dict(PERSON, **change)).get_data(as_text=True)
    assert f'id="{field}-error"' in html and message in html
    assert 'value="DENPASAR"' in html  # nothing typed is lost
    assert run_of(app).field_errors.get(f"data-diri.{field}") == 1


def test_a_child_gives_a_parents_data(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_personal_data(browser, app, applicant="anak")
    child = dict(PERSON, nik="5171011001140005", nama_lengkap="I PUTU CONTOH",
                 tanggal_lahir="2014-01-10", jenis_kelamin="L")
    assert browser.post("/latihan/data-diri", child).headers["Location"].endswith("/latihan/orang-tua")
    same = browser.post("/latihan/orang-tua", {"nama_orang_tua": "SITI CONTOH",
                                              "nik_orang_tua": "5171011001140005"})
    assert "Ini NIK anak" in same.get_data(as_text=True)
    ok = browser.post("/latihan/orang-tua", {"nama_orang_tua": "SITI CONTOH",
                                            "nik_orang_tua": "5171015203900001"})
    assert ok.headers["Location"].endswith("/latihan/dokumen")


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"UNIQUE-CONTENT-MARKER-7f3a" * 100


def to_documents(browser, app):
    to_personal_data(browser, app)
    return browser.post("/latihan/data-diri", PERSON)


def upload(browser, files, extra=None):
    import io
    data = {name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()}
    return browser.post("/latihan/dokumen", {**data, **(extra or {})}, content_type="multipart/form-data")


def test_uploads_keep_only_name_type_and_size_never_the_content(login, runner, app, tmp_path):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_documents(browser, app)
    response = upload(browser, {"ktp": ("ktp.jpg", JPEG), "kk": ("kk.jpg", JPEG), "akta": ("akta.jpg", JPEG)})
    assert response.headers["Location"].endswith("/latihan/periksa")
    kept = run_of(app).answers["dokumen"]
    assert kept["ktp"] == {"name": "ktp.jpg", "type": "image/jpeg", "size": len(JPEG)}
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            db.session.remove()
            db.engine.dispose()  # flush the WAL into the file before reading its bytes
        database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
        raw = b"".join(Path(p).read_bytes() for p in (database, database + "-wal") if Path(p).exists())
        assert b"UNIQUE-CONTENT-MARKER" not in raw


def test_wrong_files_are_refused_at_their_field_and_good_ones_kept(login, runner, app, monkeypatch):
    monkeypatch.setattr("app.domain.documents.MAX_BYTES", 4096)  # a small limit, a small test
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_documents(browser, app)
    big = b"\xff\xd8\xff" + b"0" * 5000
    html = upload(browser, {"ktp": ("ktp.pdf", b"%PDF-1.7 ..."), "kk": ("kk.jpg", big),
                            "akta": ("akta.jpg", JPEG)}).get_data(as_text=True)
    assert 'id="ktp-error"' in html and "File harus foto JPG." in html
    assert 'id="kk-error"' in html and "terlalu besar" in html
    assert "Sudah diunggah: akta.jpg" in html
    assert run_of(app).field_errors == {"dokumen.ktp": 1, "dokumen.kk": 1}
    png = upload(browser, {"ktp": ("ktp.jpg", JPEG), "kk": ("kk.png", b"\x89PNG\r\n\x1a\n" + b"x" * 50)})
    assert 'id="kk-error"' in png.get_data(as_text=True)  # the app wants JPG photos
    done = upload(browser, {"kk": ("kk.jpg", JPEG)})
    assert done.headers["Location"].endswith("/latihan/periksa")


def test_a_learner_without_photos_uses_the_practice_cards(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_documents(browser, app)
    assert upload(browser, {}, {"contoh": "1"}).headers["Location"].endswith("/latihan/periksa")
    kept = run_of(app).answers["dokumen"]
    assert kept["ktp"]["name"] == "ktp-siti-ktp.jpg" and kept["kk"]["name"] == "kk-siti-kk.jpg"
    assert all(doc["sample"] for doc in kept.values())


def to_check(browser, app):
    to_documents(browser, app)
    return upload(browser, {}, {"contoh": "1"})


def slot_counts(app):
    from app.models import BookingSlot
    with app.app_context():
        return {(s.day.isoformat(), s.time): s.booked for s in db.session.scalars(select(BookingSlot)) if s.booked}


def test_check_your_answers_lists_everything_and_change_comes_back_here(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_check(browser, app)
    html = browser.get("/latihan/periksa").get_data(as_text=True)
    for text in ("Dewasa", "Paspor baru", "Rp350.000", "Kantor Imigrasi Uji — Denpasar", "08:00",
                 "5171015203900001", "SITI CONTOH", "ktp-siti-ktp.jpg"):
        assert text in html
    assert 'href="/latihan/jenis-paspor?ubah=1"' in html
    back = browser.post("/latihan/jenis-paspor?ubah=1", {"paspor": "elektronik-10"})
    assert back.headers["Location"].endswith("/latihan/periksa")
    assert "Rp950.000" in browser.get("/latihan/periksa").get_data(as_text=True)


def test_submitting_books_the_slot_once_and_shows_the_booking_code_and_qr(login, runner, app):
    from app.models import Booking
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_check(browser, app)
    first = browser.post("/latihan/periksa", page="/latihan/periksa")
    second = browser.post("/latihan/periksa", page="/latihan/pemesanan")
    assert first.headers["Location"].endswith("/latihan/pemesanan")
    assert second.headers["Location"].endswith("/latihan/pemesanan")
    assert list(slot_counts(app).values()) == [1]
    with app.app_context():
        booking = db.session.scalar(select(Booking))
        assert re.fullmatch(r"MP-[A-HJ-NP-Z2-9]{8}", booking.booking_code)
        assert re.fullmatch(r"[1-9]\d{14}", booking.billing_code)
    html = browser.get("/latihan/pemesanan").get_data(as_text=True)
    assert booking.booking_code in html and booking.billing_code in html
    assert "Menunggu Pembayaran" in html and "Rp350.000" in html
    assert "<svg" not in html  # as in the app, the QR code comes after payment


def test_a_slot_that_filled_up_meanwhile_sends_the_learner_back_to_the_date(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_check(browser, app)
    day = run_of(app).answers["tanggal"]["tanggal"]
    from datetime import date
    fill_day(app, date.fromisoformat(day))
    response = browser.post("/latihan/periksa", page="/latihan/periksa")
    assert response.headers["Location"].endswith("/latihan/tanggal")
    assert "baru saja penuh" in browser.get("/latihan/tanggal").get_data(as_text=True)
    answers = run_of(app).answers
    assert "tanggal" not in answers and answers["data-diri"]["nik"] == "5171015203900001"


def test_in_problems_mode_the_connection_drops_on_submit_and_a_retry_works(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_check(browser, app)
    browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
    dropped = browser.post("/latihan/periksa", page="/latihan/periksa")
    assert dropped.status_code == 503 and "harus mengisi permohonan dari awal" in dropped.get_data(as_text=True)
    assert slot_counts(app) == {}
    again = browser.post("/latihan/periksa", page="/latihan/periksa")
    assert again.headers["Location"].endswith("/latihan/pemesanan")


def to_booking(browser, app, runner, problems=False):
    from app.models import Booking
    runner.invoke(args=["setup"])
    to_check(browser, app)
    if problems:
        browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
        browser.post("/latihan/periksa", page="/latihan/periksa")  # the dropped signal
    browser.post("/latihan/periksa", page="/latihan/periksa")
    with app.app_context():
        return db.session.scalar(select(Booking)).billing_code


def test_paying_with_the_billing_code_shows_paid_the_qr_and_a_printable_proof(login, runner, app):
    browser = login("wayan", "rahasia-wayan-1")
    code = to_booking(browser, app, runner)
    wrong = browser.post("/latihan/bayar", {"kanal": "atm", "kode_billing": "1234"}).get_data(as_text=True)
    assert "harus 15 angka" in wrong
    other = "9" * 15 if code != "9" * 15 else "8" * 15
    assert "tidak ditemukan" in browser.post("/latihan/bayar", {"kanal": "atm", "kode_billing": other}).get_data(as_text=True)
    paid = browser.post("/latihan/bayar", {"kanal": "indomaret", "kode_billing": code})
    assert paid.headers["Location"].endswith("/latihan/pemesanan")
    html = browser.get("/latihan/pemesanan").get_data(as_text=True)
    assert "Sudah dibayar" in html and "<svg" in html
    proof = browser.get("/latihan/bukti").get_data(as_text=True)
    assert "SITI CONTOH" in proof and "fotokopinya di kertas A4" in proof and "4 hari kerja" in proof
    run = run_of(app)
    assert run.completed_at is not None and run.field_errors == {"bayar.kode_billing": 2}


def test_in_problems_mode_the_payment_stays_pending_for_a_while(login, runner, app):
    from app.models import Booking
    from app.sandbox import booking as bookings
    browser = login("wayan", "rahasia-wayan-1")
    code = to_booking(browser, app, runner, problems=True)
    browser.post("/latihan/bayar", {"kanal": "atm", "kode_billing": code})
    html = browser.get("/latihan/pemesanan").get_data(as_text=True)
    assert "Menunggu Pembayaran" in html and "Jangan bayar dua kali" in html
    with app.app_context():
        booking = db.session.scalar(select(Booking))
        run = db.session.get(SandboxRun, booking.run_id)
        later = datetime.now(UTC) + timedelta(seconds=bookings.PENDING_SECONDS + 1)
        assert bookings.refresh(booking, run, later) == "paid" and run.completed_at


def test_an_expired_billing_code_cancels_the_booking_and_frees_its_place(login, runner, app):
    from app.models import Booking
    browser = login("wayan", "rahasia-wayan-1")
    to_booking(browser, app, runner)
    assert list(slot_counts(app).values()) == [1]
    with app.app_context():
        booking = db.session.scalar(select(Booking))
        booking.billing_issued_at = datetime.now(UTC) - timedelta(hours=2, seconds=1)
        db.session.commit()
    response = browser.get("/latihan/pemesanan")
    assert response.headers["Location"].endswith("/latihan/tanggal")
    assert "kedaluwarsa" in browser.get("/latihan/tanggal").get_data(as_text=True)
    assert slot_counts(app) == {}
    answers = run_of(app).answers
    assert answers["_history"][0]["booking_code"] and answers["data-diri"]["nama_lengkap"] == "SITI CONTOH"


def test_a_paid_booking_moves_once_and_the_old_place_is_freed(login, runner, app):
    browser = login("wayan", "rahasia-wayan-1")
    code = to_booking(browser, app, runner)
    browser.post("/latihan/bayar", {"kanal": "atm", "kode_billing": code})
    before = slot_counts(app)
    assert "Ganti jadwal" in browser.get("/latihan/pemesanan").get_data(as_text=True)
    days = re.findall(r'value="(\d{4}-\d\d-\d\d)"', browser.get("/latihan/ganti-jadwal").get_data(as_text=True))
    new_day = days[-1]
    go = browser.post("/latihan/ganti-jadwal", {"tanggal": new_day})
    assert go.headers["Location"].endswith(f"/latihan/ganti-jadwal/{new_day}")
    moved = browser.post(f"/latihan/ganti-jadwal/{new_day}", {"jam": "13:00"})
    assert moved.headers["Location"].endswith("/latihan/pemesanan")
    after = slot_counts(app)
    assert after == {(new_day, "13:00"): 1} and before != after
    html = browser.get("/latihan/pemesanan").get_data(as_text=True)
    assert "Jadwal sudah pernah diganti" in html and "Ganti jadwal</a>" not in html
    again = browser.get("/latihan/ganti-jadwal")
    assert again.headers["Location"].endswith("/latihan/pemesanan")


def test_a_child_application_switched_to_an_adult_has_no_parents_page(login, runner, app):
    runner.invoke(args=["setup"])
    browser = login("wayan", "rahasia-wayan-1")
    to_personal_data(browser, app, applicant="anak")
    browser.post("/latihan/data-diri", dict(PERSON, nik="5171011001140005", nama_lengkap="I PUTU CONTOH",
                                            tanggal_lahir="2014-01-10", jenis_kelamin="L"))
    assert browser.post("/latihan/pemohon", {"pemohon": "dewasa"}, page="/latihan/").status_code == 302
    assert browser.get("/latihan/orang-tua").status_code == 302
    sent = browser.post("/latihan/orang-tua", {"nama_orang_tua": "SITI CONTOH",
                                              "nik_orang_tua": "5171015203900001"}, page="/latihan/")
    assert sent.status_code == 302 and "orang-tua" not in (run_of(app).answers or {})


def test_a_finished_practice_stays_in_reach_and_a_new_one_is_a_choice(login, app, complete_practice):
    browser = login()
    complete_practice("siti")
    page = browser.get("/latihan/").get_data(as_text=True)
    assert "Latihan Anda sudah selesai" in page and "Latihan lagi" in page
    with app.app_context():
        assert len(db.session.scalars(select(SandboxRun)).all()) == 1  # looking made no new run
    browser.post("/latihan/lagi", page="/latihan/")
    assert "Mulai latihan" in browser.get("/latihan/").get_data(as_text=True)
    with app.app_context():
        assert len(db.session.scalars(select(SandboxRun)).all()) == 2
