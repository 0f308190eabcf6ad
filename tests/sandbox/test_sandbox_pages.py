"""The sandbox over HTTP: the app's pages in the app's order (facts §1), their checks, the family
application, the month calendar, the booking and what happens when things go wrong."""
import io
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app import clock
from app.extensions import db
from app.models import Booking, BookingSlot, SandboxRun
from app.sandbox import runs
from tests.sandbox.walk import ACCOUNT, CHILD, PARENT, PERSON, latest_code, walk


def run_of(app):
    with app.app_context():
        return db.session.scalar(select(SandboxRun))


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
    assert new != old and len(run_of(app).machinery["inbox"]) == 2
    assert "Kode tidak cocok" in browser.post("/latihan/verifikasi", {"kode": old}).get_data(as_text=True)
    ok = browser.post("/latihan/verifikasi", {"kode": new})
    assert ok.headers["Location"].endswith("/latihan/masuk")
    run = run_of(app)
    assert "Rahasia123" not in str(run.answers) + str(run.machinery)  # the password itself is never kept


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
    assert right.headers["Location"].endswith("/latihan/layanan")


def test_pages_cannot_be_skipped_and_an_interrupted_run_resumes(login):
    browser = login()
    assert browser.get("/latihan/jenis-paspor").headers["Location"].endswith("/latihan/akun")
    walk(browser, "pemohon", start={"person": "siti"})
    assert browser.post("/latihan/pemohon", {"pemohon": "dewasa"}).headers["Location"].endswith("/latihan/lokasi")
    browser.post("/auth/logout", page="/")
    browser.post("/auth/login", {"username": "siti", "password": "rahasia-siti-1"})
    start = browser.get("/latihan/").get_data(as_text=True)
    assert 'href="/latihan/lokasi"' in start and "Lanjutkan latihan" in start
    kept = browser.get("/latihan/pemohon").get_data(as_text=True)
    assert re.search(r'<input checked id="pemohon-0"[^>]*value="dewasa"', kept)


def test_the_app_asks_reguler_or_percepatan_then_warns_before_the_application(login):
    browser = login()
    walk(browser, "layanan", start={"person": "siti"})
    page = browser.get("/latihan/layanan").get_data(as_text=True)
    assert "Permohonan Paspor Reguler" in page and "Permohonan Paspor Percepatan" in page
    assert browser.post("/latihan/layanan", {"layanan": "percepatan"}).headers["Location"].endswith("/latihan/peringatan")
    warning = browser.get("/latihan/peringatan").get_data(as_text=True)
    assert 'role="alertdialog"' in warning and "tidak dikembalikan" in warning
    assert browser.post("/latihan/peringatan", {}).headers["Location"].endswith("/latihan/pemohon")


def test_the_questionnaire_asks_the_reason_only_for_a_replacement(login, runner):
    runner.invoke(args=["setup"])
    browser = login()
    walk(browser, "kuesioner", start={"person": "siti"})
    page = browser.get("/latihan/kuesioner").get_data(as_text=True)
    assert 'data-show-when="jenis=penggantian"' in page and "Tujuan membuat paspor" in page
    html = browser.post("/latihan/kuesioner", {"jenis": "penggantian", "tujuan": "wisata"}).get_data(as_text=True)
    assert 'id="alasan-error"' in html and "Pilih alasan penggantian." in html
    ok = browser.post("/latihan/kuesioner", {"jenis": "penggantian", "alasan": "habis", "tujuan": "ibadah"})
    assert ok.headers["Location"].endswith("/latihan/dokumen")


def test_percepatan_costs_a_million_more_and_is_not_for_a_full_passport(login, runner):
    runner.invoke(args=["setup"])
    browser = login()
    walk(browser, "kuesioner", start={"person": "siti"}, layanan={"layanan": "percepatan"})
    refused = browser.post("/latihan/kuesioner", {"jenis": "penggantian", "alasan": "penuh", "tujuan": "wisata"})
    assert "Layanan percepatan hanya untuk paspor baru" in refused.get_data(as_text=True)
    walk(browser, "periksa")
    assert "Rp1.350.000" in browser.get("/latihan/periksa").get_data(as_text=True)


def test_a_child_gets_five_years_only_whoever_holds_the_account(login, runner):
    runner.invoke(args=["setup"])
    browser = login()  # the account holder, Siti, is an adult
    walk(browser, "jenis-paspor", start={"person": "siti"}, pemohon={"pemohon": "anak"})
    page = browser.get("/latihan/jenis-paspor").get_data(as_text=True)
    assert "Rp350.000" in page and "Rp950.000" in page
    html = browser.post("/latihan/jenis-paspor", {"paspor": "elektronik-10"}).get_data(as_text=True)
    assert 'id="paspor-error"' in html and "hanya untuk umur 17 tahun ke atas" in html
    assert browser.post("/latihan/jenis-paspor", {"paspor": "elektronik-5"}).status_code == 302


@pytest.mark.parametrize("marriage, passes", [("belum", False), ("kawin", True)])
def test_a_sixteen_year_old_is_an_adult_with_ten_years_only_when_married(login, runner, marriage, passes):
    """The applicant's own age and marriage decide (facts §2.4), read from their own data."""
    runner.invoke(args=["setup"])
    browser = login()
    walk(browser, "data-diri", start={"person": "siti"}, jenis_paspor={"paspor": "biasa-10"})
    born = clock.today().replace(year=clock.today().year - 16) - timedelta(days=30)
    nik = f"517101{born.day + 40:02d}{born:%m%y}0001"
    html = browser.post("/latihan/data-diri", dict(PERSON, tanggal_lahir=born.isoformat(), nik=nik,
                                                   status_kawin=marriage))
    if passes:
        assert html.status_code == 302
    else:
        assert "Umur di bawah 17 tahun dan belum menikah" in html.get_data(as_text=True)


def to_office(browser, **overrides):
    walk(browser, "lokasi", start={"person": "siti"}, **overrides)


def test_offices_are_listed_nearest_first_from_the_persons_location_or_by_search(wayan):
    browser = wayan
    to_office(browser)
    empty = browser.get("/latihan/lokasi").get_data(as_text=True)
    assert "Pakai Lokasi Saya Saat Ini" in empty and 'name="kantor"' not in empty
    near = browser.get("/latihan/lokasi?lokasi=saya").get_data(as_text=True)
    assert near.index("Kantor Imigrasi Uji") < near.index("ULP Uji")  # Siti lives in Denpasar
    assert re.search(r"Denpasar, Bali · \d,\d km", near) and "ULP = Unit Layanan Paspor" in near
    found = browser.get("/latihan/lokasi?cari=bandung").get_data(as_text=True)
    assert "ULP Uji" in found and "Kantor Imigrasi Uji" not in found
    none = browser.get("/latihan/lokasi?cari=papua").get_data(as_text=True)
    assert "Tidak ada kantor untuk" in none
    ok = browser.post("/latihan/lokasi", {"kantor": "ulp-uji"})
    assert ok.headers["Location"].endswith("/latihan/jenis-paspor")
    refused = browser.post("/latihan/lokasi", {"kantor": "tidak-ada"})
    assert "tidak ada di daftar" in refused.get_data(as_text=True)


def fill_day(app, day, booked=None):
    with app.app_context():
        for slot in db.session.scalars(select(BookingSlot).where(BookingSlot.day == day)):
            slot.booked = slot.quota if booked is None else booked
        db.session.commit()


def calendar_days(html):
    """(free, full) dates of the month calendar."""
    free = re.findall(r'name="tanggal" id="[^"]+" value="([\d-]+)"\s*(?!disabled)>', html)
    full = re.findall(r'name="tanggal" id="[^"]+" value="([\d-]+)"\s*disabled', html)
    return free, full


def test_the_month_calendar_shows_the_nearest_days_red_and_a_green_day_is_found(wayan, app):
    browser = wayan
    walk(browser, "tanggal", start={"person": "siti"})
    html = browser.get("/latihan/tanggal").get_data(as_text=True)
    assert '<table class="month">' in html and "Sen" in html and "Min" in html
    free, full = calendar_days(html)
    assert len(full) >= 3 and min(full) < min(free)  # the nearest days are full, as in the app
    assert "Tanggal terdekat yang masih ada kuota" in html
    refused = browser.post("/latihan/tanggal", {"tanggal": min(full)}).get_data(as_text=True)
    assert "Tanggal ini sudah penuh" in refused
    fill_day(app, date.fromisoformat(min(free)))  # another learner takes the first green day
    free_now, _ = calendar_days(browser.get("/latihan/tanggal").get_data(as_text=True))
    assert min(free) not in free_now
    ok = browser.post("/latihan/tanggal", {"tanggal": min(free_now)})
    assert ok.headers["Location"].endswith("/latihan/jam")
    times = browser.get("/latihan/jam").get_data(as_text=True)
    assert times.count('class="day free"') == 6 and "Sisa 2 tempat" in times


def test_in_problems_mode_the_chosen_day_fills_up_and_the_learner_picks_again(wayan, app):
    browser = wayan
    walk(browser, "tanggal", start={"person": "siti"})
    browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
    free, _ = calendar_days(browser.get("/latihan/tanggal").get_data(as_text=True))
    refused = browser.post("/latihan/tanggal", {"tanggal": free[0]}).get_data(as_text=True)
    assert "baru saja penuh" in refused and re.search(rf'value="{free[0]}"\s+disabled', refused)
    assert browser.post("/latihan/tanggal", {"tanggal": free[1]}).headers["Location"].endswith("/latihan/jam")
    assert "tanggal.tanggal" not in run_of(app).field_errors  # not the learner's mistake


def test_choosing_another_office_forgets_the_old_offices_date(wayan, app):
    browser = wayan
    walk(browser, "jam", start={"person": "siti"})
    browser.post("/latihan/lokasi", {"kantor": "ulp-uji"}, page="/latihan/lokasi?lokasi=saya")
    answers = run_of(app).answers
    assert answers["lokasi"] == {"kantor": "ulp-uji"} and "tanggal" not in answers


def test_the_practice_person_fills_in_the_personal_data_which_passes(wayan, app):
    browser = wayan
    walk(browser, "data-diri", start={"person": "siti"})
    html = browser.get("/latihan/data-diri").get_data(as_text=True)
    assert 'value="5171015203900001"' in html and 'value="5171010101150003"' in html
    assert 'src="/static/sandbox/ktp-siti.svg?v=' in html and 'src="/static/sandbox/kk-siti.svg?v=' in html
    ok = browser.post("/latihan/data-diri", PERSON)
    assert ok.headers["Location"].endswith("/latihan/kuesioner")  # an adult has no parents' page


def test_typing_from_the_card_leaves_the_fields_empty_and_checks_against_the_card(wayan, app):
    browser = wayan
    browser.post("/latihan/mulai", {"person": "siti", "cara": "ketik"}, page="/latihan/")
    account = browser.get("/latihan/akun").get_data(as_text=True)
    assert 'value="siti.contoh@contoh.id"' in account and 'value="SITI CONTOH"' not in account
    assert 'src="/static/sandbox/ktp-siti.svg?v=' in account  # the card to type from
    walk(browser, "data-diri")
    page = browser.get("/latihan/data-diri").get_data(as_text=True)
    assert 'value="5171015203900001"' not in page and 'src="/static/sandbox/ktp-siti.svg?v=' in page
    other = "5171015203900002"  # a well-formed NIK, not the one on the card
    html = browser.post("/latihan/data-diri", dict(PERSON, nik=other)).get_data(as_text=True)
    assert 'id="nik-error"' in html and "Identitas tidak valid" in html and f'value="{other}"' in html
    assert browser.post("/latihan/data-diri", PERSON).headers["Location"].endswith("/latihan/kuesioner")


def test_a_personal_data_mistake_is_told_at_its_field_counted_and_nothing_typed_is_lost(wayan, app):
    """One mistake over HTTP; each check's message, in both languages, is in test_forms.py."""
    browser = wayan
    walk(browser, "data-diri", start={"person": "siti"})
    wrong = "5171011203900001"  # a man's NIK (born on the 12th) for Siti
    html = browser.post("/latihan/data-diri", dict(PERSON, nik=wrong)).get_data(as_text=True)
    assert 'id="nik-error"' in html and "tidak cocok dengan jenis kelamin" in html
    assert f'value="{wrong}"' in html and 'value="DENPASAR"' in html
    assert run_of(app).field_errors == {"data-diri.nik": 1}


def test_a_child_gives_a_parents_data(wayan, app):
    browser = wayan
    walk(browser, "data-diri", start={"person": "siti"}, pemohon={"pemohon": "anak"},
         jenis_paspor={"paspor": "biasa-5"})
    photo = run_of(app).answers["ktp"]
    assert list(photo) == ["ktp_orang_tua"]  # a child's NIK is checked with the parent's KTP
    assert browser.post("/latihan/data-diri", CHILD).headers["Location"].endswith("/latihan/orang-tua")
    same = browser.post("/latihan/orang-tua", {"nama_orang_tua": "SITI CONTOH",
                                              "nik_orang_tua": "5171011001140005"})
    assert "Ini NIK anak" in same.get_data(as_text=True)
    ok = browser.post("/latihan/orang-tua", PARENT)
    assert ok.headers["Location"].endswith("/latihan/kuesioner")


def test_tambah_pemohon_adds_a_family_member_who_takes_a_place_and_pays(wayan, app):
    browser = wayan
    walk(browser, "data-pemohon", start={"person": "siti"})
    page = browser.get("/latihan/data-pemohon").get_data(as_text=True)
    assert "Data Pemohon" in page and "SITI CONTOH" in page and "Tambah Pemohon" in page
    added = browser.post("/latihan/data-pemohon", {"aksi": "tambah"})
    assert added.headers["Location"].endswith("/latihan/pemohon.2")
    walk(browser, "data-diri.2", pemohon_2={"pemohon": "anak"}, jenis_paspor_2={"paspor": "biasa-5"})
    putu = browser.get("/latihan/data-diri.2").get_data(as_text=True)
    assert 'value="I PUTU CONTOH"' in putu  # the family member on Siti's KK
    walk(browser, "data-pemohon", data_diri_2=CHILD)
    both = browser.get("/latihan/data-pemohon").get_data(as_text=True)
    assert "SITI CONTOH" in both and "I PUTU CONTOH" in both
    walk(browser, "periksa")
    check = browser.get("/latihan/periksa").get_data(as_text=True)
    assert "Pemohon 2" in check and "Rp700.000" in check and 'href="/latihan/data-diri.2?ubah=1"' in check
    assert browser.post("/latihan/periksa", page="/latihan/periksa").headers["Location"].endswith("/latihan/pemesanan")
    assert list(slot_counts(app).values()) == [2]  # one place per applicant
    with app.app_context():
        assert db.session.scalar(select(Booking)).places == 2


def test_the_last_added_applicant_can_be_taken_out(wayan, app):
    browser = wayan
    walk(browser, "data-pemohon", start={"person": "siti"})
    browser.post("/latihan/data-pemohon", {"aksi": "tambah"})
    walk(browser, "data-pemohon", pemohon_2={"pemohon": "anak"}, data_diri_2=CHILD)
    out = browser.post("/latihan/data-pemohon", {"aksi": "hapus-2"})
    assert out.headers["Location"].endswith("/latihan/data-pemohon")
    answers = run_of(app).answers
    assert "data-diri.2" not in answers and answers["_keluarga"] == {"count": 1}


JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"UNIQUE-CONTENT-MARKER-7f3a" * 100


def upload(browser, files, extra=None, page="dokumen"):
    data = {name: (io.BytesIO(content), filename) for name, (filename, content) in files.items()}
    return browser.post(f"/latihan/{page}", {**data, **(extra or {})}, content_type="multipart/form-data")


def test_uploads_keep_only_name_type_and_size_never_the_content(wayan, app, tmp_path):
    browser = wayan
    walk(browser, "ktp", start={"person": "siti"})
    photo = upload(browser, {"ktp": ("ktp.jpg", JPEG)}, page="ktp")
    assert photo.headers["Location"].endswith("/latihan/data-diri")
    walk(browser, "dokumen")
    response = upload(browser, {"kk": ("kk.jpg", JPEG), "akta": ("akta.jpg", JPEG)})
    assert response.headers["Location"].endswith("/latihan/data-pemohon")
    answers = run_of(app).answers
    assert answers["ktp"]["ktp"] == {"name": "ktp.jpg", "type": "image/jpeg", "size": len(JPEG)}
    assert answers["dokumen"]["kk"]["name"] == "kk.jpg"
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            db.session.remove()
            db.engine.dispose()  # flush the WAL into the file before reading its bytes
        database = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
        raw = b"".join(Path(p).read_bytes() for p in (database, database + "-wal") if Path(p).exists())
        assert b"UNIQUE-CONTENT-MARKER" not in raw


def test_wrong_files_are_refused_at_their_field_and_good_ones_kept(wayan, app, monkeypatch):
    monkeypatch.setattr("app.domain.documents.MAX_BYTES", 4096)  # a small limit, a small test
    browser = wayan
    walk(browser, "dokumen", start={"person": "siti"})
    big = b"\xff\xd8\xff" + b"0" * 5000
    html = upload(browser, {"akta": ("akta.pdf", b"%PDF-1.7 ..."), "kk": ("kk.jpg", big)}).get_data(as_text=True)
    assert 'id="akta-error"' in html and "File harus foto JPG." in html
    assert 'id="kk-error"' in html and "terlalu besar" in html
    assert run_of(app).field_errors == {"dokumen.akta": 1, "dokumen.kk": 1}
    png = upload(browser, {"akta": ("akta.jpg", JPEG), "kk": ("kk.png", b"\x89PNG\r\n\x1a\n" + b"x" * 50)})
    html = png.get_data(as_text=True)
    assert 'id="kk-error"' in html and "Sudah diunggah: akta.jpg" in html  # the app wants JPG photos
    done = upload(browser, {"kk": ("kk.jpg", JPEG)})
    assert done.headers["Location"].endswith("/latihan/data-pemohon")


def test_a_learner_without_photos_uses_the_practice_cards(wayan, app):
    browser = wayan
    walk(browser, "data-pemohon", start={"person": "siti"})
    answers = run_of(app).answers
    assert answers["ktp"]["ktp"]["name"] == "ktp-siti-ktp.jpg" and answers["dokumen"]["kk"]["name"] == "kk-siti-kk.jpg"
    assert all(doc["sample"] for doc in answers["dokumen"].values())


def to_check(browser, app):
    walk(browser, "periksa", start={"person": "siti"})


def slot_counts(app):
    with app.app_context():
        return {(s.day.isoformat(), s.time): s.booked for s in db.session.scalars(select(BookingSlot)) if s.booked}


def test_check_your_answers_lists_everything_and_change_comes_back_here(wayan, app):
    browser = wayan
    to_check(browser, app)
    html = browser.get("/latihan/periksa").get_data(as_text=True)
    for text in ("Reguler", "Dewasa", "Paspor baru", "Rp350.000", "Kantor Imigrasi Uji — Denpasar", "08:00",
                 "5171015203900001", "SITI CONTOH", "kk-siti-kk.jpg"):
        assert text in html
    assert 'href="/latihan/jenis-paspor?ubah=1"' in html
    back = browser.post("/latihan/jenis-paspor?ubah=1", {"paspor": "elektronik-10"})
    assert back.headers["Location"].endswith("/latihan/periksa")
    assert "Rp950.000" in browser.get("/latihan/periksa").get_data(as_text=True)


def test_submitting_books_the_slot_once_and_shows_the_booking_code_and_qr(wayan, app):
    browser = wayan
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
    assert 'class="qr"' not in html  # as in the app, the QR code comes after payment


def test_a_slot_that_filled_up_meanwhile_sends_the_learner_back_to_the_date(wayan, app):
    browser = wayan
    to_check(browser, app)
    day = run_of(app).answers["tanggal"]["tanggal"]
    fill_day(app, date.fromisoformat(day))
    response = browser.post("/latihan/periksa", page="/latihan/periksa")
    assert response.headers["Location"].endswith("/latihan/tanggal")
    assert "baru saja penuh" in browser.get("/latihan/tanggal").get_data(as_text=True)
    answers = run_of(app).answers
    assert "tanggal" not in answers and answers["data-diri"]["nik"] == "5171015203900001"


def test_a_dropped_signal_loses_the_application_as_in_the_app_and_the_practice_may_bring_it_back(wayan, app):
    browser = wayan
    to_check(browser, app)
    browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
    dropped = browser.post("/latihan/periksa", page="/latihan/periksa")
    text = dropped.get_data(as_text=True)
    assert dropped.status_code == 503 and "Anda mungkin harus mengisi permohonan dari awal lagi" in text
    assert "Pakai isian tadi (latihan saja)" in text and "Aplikasi asli tidak menyimpannya" in text
    assert slot_counts(app) == {}
    answers = run_of(app).answers
    assert "data-diri" not in answers and "akun" in answers  # the account stays, the application goes
    assert browser.get("/latihan/").get_data(as_text=True).count('href="/latihan/layanan"') == 1
    back = browser.post("/latihan/coba-lagi", page="/latihan/layanan")
    assert back.headers["Location"].endswith("/latihan/periksa")
    again = browser.post("/latihan/periksa", page="/latihan/periksa")
    assert again.headers["Location"].endswith("/latihan/pemesanan")


def to_booking(browser, app, runner):
    runner.invoke(args=["setup"])
    to_check(browser, app)
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
    assert "Sudah dibayar" in html and '<div class="qr"><svg' in html
    proof = browser.get("/latihan/bukti").get_data(as_text=True)
    assert "SITI CONTOH" in proof and "fotokopinya di kertas A4" in proof and "4 hari kerja" in proof
    run = run_of(app)
    assert run.completed_at is not None and run.field_errors == {"bayar.kode_billing": 2}


def test_in_problems_mode_the_payment_stays_pending_for_a_while(login, runner, app):
    from app.sandbox import booking as bookings
    browser = login("wayan", "rahasia-wayan-1")
    code = to_booking(browser, app, runner)
    with app.app_context():
        run = db.session.scalar(select(SandboxRun))
        run.problems_mode = True
        db.session.commit()
    browser.post("/latihan/bayar", {"kanal": "atm", "kode_billing": code})
    html = browser.get("/latihan/pemesanan").get_data(as_text=True)
    assert "Menunggu Pembayaran" in html and "Jangan bayar dua kali" in html
    with app.app_context():
        booking = db.session.scalar(select(Booking))
        run = db.session.get(SandboxRun, booking.run_id)
        later = datetime.now(UTC) + timedelta(seconds=bookings.PENDING_SECONDS + 1)
        assert bookings.refresh(booking, run, later) == "paid" and run.completed_at


def test_an_expired_billing_code_cancels_the_application_as_in_the_app(login, runner, app):
    browser = login("wayan", "rahasia-wayan-1")
    to_booking(browser, app, runner)
    assert list(slot_counts(app).values()) == [1]
    with app.app_context():
        booking = db.session.scalar(select(Booking))
        booking.billing_issued_at = datetime.now(UTC) - timedelta(hours=2, seconds=1)
        db.session.commit()
    response = browser.get("/latihan/pemesanan")
    assert response.headers["Location"].endswith("/latihan/layanan")
    page = browser.get("/latihan/layanan").get_data(as_text=True)
    assert "kedaluwarsa" in page and "isi permohonan dari awal lagi" in page and "Pakai isian tadi" in page
    assert slot_counts(app) == {}
    run = run_of(app)
    assert run.machinery["expired_bookings"][0]["booking_code"] and "data-diri" not in run.answers
    back = browser.post("/latihan/coba-lagi", page="/latihan/layanan")
    assert back.headers["Location"].endswith("/latihan/tanggal")  # the old place is gone
    assert run_of(app).answers["data-diri"]["nama_lengkap"] == "SITI CONTOH"


def test_a_paid_booking_moves_once_and_the_old_place_is_freed(login, runner, app):
    browser = login("wayan", "rahasia-wayan-1")
    code = to_booking(browser, app, runner)
    browser.post("/latihan/bayar", {"kanal": "atm", "kode_billing": code})
    before = slot_counts(app)
    assert "Ganti jadwal" in browser.get("/latihan/pemesanan").get_data(as_text=True)
    free, _ = calendar_days(browser.get("/latihan/ganti-jadwal").get_data(as_text=True))
    new_day = free[-1]
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


def test_a_child_application_switched_to_an_adult_has_no_parents_page(wayan, app):
    browser = wayan
    walk(browser, "kuesioner", start={"person": "siti"}, pemohon={"pemohon": "anak"}, data_diri=CHILD)
    assert "orang-tua" in run_of(app).answers
    assert browser.post("/latihan/pemohon", {"pemohon": "dewasa"}, page="/latihan/").status_code == 302
    assert browser.get("/latihan/orang-tua").status_code == 302
    sent = browser.post("/latihan/orang-tua", PARENT, page="/latihan/")
    assert sent.status_code == 302


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


def test_showing_a_practice_page_writes_nothing_and_sending_it_counts_the_time_spent(wayan, app):
    from tests.statements import statements
    browser = wayan
    walk(browser, "pemohon", start={"person": "siti"})
    browser.get("/latihan/pemohon")
    with statements(app) as sent:
        assert browser.get("/latihan/pemohon").status_code == 200
    assert not any(s.startswith(("UPDATE", "INSERT")) for s in sent), sent  # no writer's lock for a look
    with browser.client.session_transaction() as session:  # the page came up 42 s ago
        session[runs.SHOWN] = ["pemohon", (datetime.now(UTC) - timedelta(seconds=42)).isoformat()]
    browser.post("/latihan/pemohon", {"pemohon": "dewasa"})  # (the token is at hand: no page is fetched)
    assert 42 <= run_of(app).step_log["pemohon"]["seconds"] < 60
