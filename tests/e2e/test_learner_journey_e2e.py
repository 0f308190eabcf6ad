"""A new learner goes from sign-up to their gain in a phone-sized Chromium, as a person would."""
import re
import uuid

import pytest

pytestmark = pytest.mark.e2e


def sign_up(page, name="Nenek Wayan"):
    username = f"wayan{uuid.uuid4().hex[:6]}"
    page.goto("/")
    page.get_by_role("link", name=re.compile("Mulai belajar|Start learning")).click()
    page.get_by_label(re.compile("Nama panggilan|Display name")).fill(name)
    page.get_by_label(re.compile("^(Nama pengguna|Username)")).fill(username)
    page.get_by_label(re.compile("^(Kata sandi|Password)$")).fill("bunga-melati-7")
    page.get_by_label(re.compile("Ulangi kata sandi|Repeat the password")).fill("bunga-melati-7")
    page.get_by_role("button", name=re.compile("^(Daftar|Sign up)$")).click()
    page.wait_for_url(lambda url: "/auth/signup" not in url)  # the home page, not the form, is read next
    return username


def answer_every_question(page, position=0):
    for group in page.locator("fieldset.radios").all():
        group.locator("input[type=radio]").nth(position).check()


def start_pretest(page, confidence="3 — Cukup yakin"):
    page.get_by_role("link", name="Mulai tes awal").click()
    page.get_by_label(confidence).check()
    page.get_by_role("button", name="Mulai tes").click()
    page.locator("#test-form").wait_for()
    page.wait_for_load_state("load")  # the page's script listens for answers only once it ran


def read_module(page):
    """Press the forward button until the check question, then answer it."""
    for _ in range(20):
        if page.locator("fieldset.radios").count():
            break
        page.locator(".step-nav a").click()
    answer_every_question(page)
    page.get_by_role("button", name=re.compile("Periksa jawaban|Check my answer")).click()


def lanjutkan(page):
    page.get_by_role("button", name="Lanjutkan", exact=True).click()


def type_from_card(page, nik, kk, name, place, born, female, married):
    """The personal data page, typed from the practice person's drawn card."""
    page.get_by_label("NIK", exact=True).fill(nik)
    page.get_by_label("Nomor Kartu Keluarga (KK)").fill(kk)
    page.get_by_label("Nama lengkap").fill(name)
    page.get_by_label("Tempat lahir").fill(place)
    page.get_by_label("Tanggal lahir").fill(born)
    page.get_by_label("Perempuan" if female else "Laki-laki", exact=True).check()
    page.get_by_label("Kawin" if married else "Belum kawin", exact=True).check()
    lanjutkan(page)


def practise_booking(page):
    """The sandbox as a learner taps through it: Siti types her data from her card, adds her son
    Putu with Tambah Pemohon (a child: 5 years only), finds the first green day after the red
    ones, pays, prints the proof and finds it again later."""
    page.get_by_role("heading", name="Latihan mendaftar di M-Paspor").wait_for()  # waits for the page to show it
    page.get_by_label("SITI CONTOH", exact=False).check()
    assert page.get_by_label("Ketik sendiri dari kartu").is_checked()
    page.get_by_role("button", name="Mulai latihan").click()
    page.get_by_label("Nama lengkap").fill("SITI CONTOH")
    page.get_by_label("Tanggal lahir").fill("1990-03-12")
    page.get_by_label("Perempuan", exact=True).check()
    page.get_by_label("Kata sandi").fill("Rahasia123")
    page.get_by_label("Saya setuju dengan Syarat & Ketentuan").check()
    page.get_by_role("button", name="Daftar").click()
    page.get_by_role("link", name="Buka kotak masuk e-mail (latihan)").click()
    code = page.locator(".mail .code").first.inner_text()
    page.get_by_role("link", name="Kembali ke M-Paspor").click()
    page.get_by_label("Kode verifikasi").fill(code)
    page.get_by_role("button", name="Verifikasi").click()
    page.get_by_label("Kata sandi").fill("Rahasia123")
    page.get_by_role("button", name="Masuk").last.click()
    page.get_by_label("Permohonan Paspor Reguler").check()
    lanjutkan(page)
    page.get_by_role("alertdialog").wait_for()  # the warning pop-up
    lanjutkan(page)
    page.get_by_label("Dewasa", exact=False).check()
    lanjutkan(page)
    page.get_by_role("button", name="Pakai Lokasi Saya Saat Ini").click()
    page.get_by_label("Kantor Imigrasi Kelas I TPI Denpasar", exact=False).check()
    assert page.locator(".office-kind", has_text="MPP").count() >= 1  # service units are listed too
    lanjutkan(page)
    page.get_by_label("Paspor elektronik (e-paspor), 10 tahun", exact=False).check()
    lanjutkan(page)
    page.get_by_role("button", name="Pakai foto dokumen contoh").click()
    page.get_by_alt_text(re.compile("Kartu contoh: KTP")).wait_for()  # the card to type from
    type_from_card(page, "5171015203900001", "5171010101150003", "SITI CONTOH", "DENPASAR",
                   "1990-03-12", female=True, married=True)
    page.get_by_label("Belum: paspor baru").check()
    page.get_by_label("Wisata").check()
    lanjutkan(page)
    page.get_by_role("button", name="Pakai foto dokumen contoh").click()

    page.get_by_role("button", name="Tambah Pemohon").click()
    page.get_by_label("Anak-anak", exact=False).check()
    lanjutkan(page)
    page.get_by_label("Paspor elektronik (e-paspor), 10 tahun", exact=False).check()
    lanjutkan(page)
    page.locator("#paspor-error").wait_for()  # a child gets 5 years, whoever holds the account
    page.get_by_label("Paspor biasa, 5 tahun", exact=False).check()
    lanjutkan(page)
    page.get_by_role("button", name="Pakai foto dokumen contoh").click()
    type_from_card(page, "5171011001140005", "5171010101150003", "I PUTU CONTOH", "DENPASAR",
                   "2014-01-10", female=False, married=False)
    page.get_by_label("Nama ayah, ibu, atau wali").fill("SITI CONTOH")
    page.get_by_label("NIK ayah, ibu, atau wali").fill("5171015203900001")
    lanjutkan(page)
    page.get_by_label("Belum: paspor baru").check()
    page.get_by_label("Wisata").check()
    lanjutkan(page)
    page.get_by_role("button", name="Pakai foto dokumen contoh").click()
    family = page.locator(".applicant").all_inner_texts()
    assert len(family) == 2 and "SITI CONTOH" in family[0] and "I PUTU CONTOH" in family[1]
    lanjutkan(page)

    days = page.locator(".month td.free, .month td.full")
    states = days.evaluate_all("cells => cells.map(c => c.className)")
    assert states[0] == "full" and "free" in states  # the nearest days are red, as in the app
    page.locator(".month td.free input").first.check()
    lanjutkan(page)
    page.locator(".calendar .day.free input").first.check()
    lanjutkan(page)
    assert "Rp1.300.000" in page.content()  # Rp950.000 for Siti's e-paspor, Rp350.000 for Putu
    page.get_by_role("button", name="Kirim permohonan").click()
    billing = page.locator(".billing-code").inner_text()
    assert len(billing) == 15
    page.get_by_role("link", name="Latihan membayar").click()
    page.get_by_label("Indomaret").check()
    page.get_by_label("Kode billing").fill(billing)
    page.get_by_role("button", name="Bayar").click()
    page.get_by_text("Sudah dibayar").wait_for()  # waits for the page to show it
    page.get_by_role("link", name="Lihat bukti pendaftaran").click()
    page.get_by_role("heading", name="Bukti pendaftaran (latihan)").wait_for()  # waits for the page to show it
    assert page.locator(".qr svg").count() == 1
    printed = printed_text(page)
    assert "Bukti pendaftaran (latihan)" in printed and "SITI CONTOH" in printed and "I PUTU CONTOH" in printed
    for chrome in ("Paspor Pintar adalah tempat belajar", "Keluar", "English", "Cetak", "Langsung ke isi",
                   "Dengarkan", "Teks besar"):
        assert chrome not in printed, chrome  # the site around the proof stays off the paper
    page.goto("/latihan/")  # coming back later, from the step list
    page.get_by_role("heading", name="Latihan Anda sudah selesai").wait_for()
    page.get_by_role("link", name="Lihat pemesanan, bukti, dan ganti jadwal").click()
    assert page.locator(".qr svg").count() == 1 and billing not in page.content()
    page.get_by_role("link", name="Lihat bukti pendaftaran").click()
    page.get_by_role("link", name="Selesai: kembali ke beranda").click()


def printed_text(page):
    """The text of the page as Chromium prints it to PDF."""
    import io

    from pypdf import PdfReader
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


def test_a_new_learner_goes_from_sign_up_to_their_gain(phone):
    page = phone
    sign_up(page)
    start_pretest(page)
    assert page.locator("fieldset.radios").count() == 16  # one of the two parallel forms
    answer_every_question(page, position=3)
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("heading", name="Terima kasih! Tes awal selesai.").wait_for()  # waits for the page to show it
    assert "Benar" not in page.content()

    page.get_by_role("link", name="Mulai modul 1").click()
    for number in range(1, 10):
        assert page.locator(".crumb").inner_text().count(f"Modul {number}:") == 1
        read_module(page)
        page.locator(".feedback").first.wait_for()  # the check's answer is explained
        page.locator("a.button").first.click()

    practise_booking(page)
    page.get_by_role("link", name="Mulai tes akhir").click()
    page.get_by_role("heading", name="Tes akhir").wait_for()  # waits for the page to show it
    page.get_by_role("button", name="Mulai tes").click()
    answer_every_question(page, position=0)
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_label("5 — Sangat yakin").check()
    page.get_by_role("button", name="Lihat hasil saya").click()

    page.get_by_role("heading", name="Hasil Anda").wait_for()  # waits for the page to show it
    values = page.locator(".score .value").all_inner_texts()
    pre, post = (int(v.split("/")[0]) for v in values[:2])
    assert values[0].endswith("/16") and values[1].endswith("/16")
    assert values[2] == f"{post - pre:+d}"
    assert page.locator("section.feedback").count() == 16
    assert "3 sebelum, 5 sesudah" in page.content()
    assert all(url.startswith(page.url.split("/test")[0]) for url in page.requests)


def test_the_learner_switches_to_english_and_it_is_remembered(phone):
    page = phone
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Start learning").wait_for()  # waits for the page to show it
    sign_up(page)
    page.get_by_role("link", name="Start the pretest").click()
    page.get_by_label("3 — Fairly confident").check()
    page.get_by_role("button", name="Start the test").click()
    page.locator("#test-form").wait_for()
    page.wait_for_load_state("load")
    answer_every_question(page)
    page.get_by_role("button", name="Send my answers").click()
    page.get_by_role("link", name="Start module 1").click()
    for _ in range(10):  # the lesson's pictures carry English captions on English pages
        if page.locator(".step-body img, main img").count():
            break
        page.locator(".step-nav a").click()
    source = page.locator("main img").first.get_attribute("src")
    assert ".en.svg" in source, source
    english, shared = (page.request.get(url).text() for url in (source, source.replace(".en.svg", ".svg")))
    assert english != shared
    page.goto("/auth/login")
    assert page.locator("html").get_attribute("lang") == "en"


def test_answers_survive_a_reload_and_a_dropped_connection(phone):
    page = phone
    sign_up(page)
    start_pretest(page, "2 — Kurang yakin")
    groups = page.locator("fieldset.radios")
    groups.nth(0).locator("input").nth(1).check()
    page.wait_for_selector("text=Jawaban tersimpan.")
    page.context.set_offline(True)
    groups.nth(1).locator("input").nth(2).check()
    page.wait_for_selector("text=Tidak ada sinyal")
    kept = page.evaluate("Object.values(localStorage).join()")
    assert '"2"' in kept  # the offline answer waits on the phone
    page.context.set_offline(False)
    page.wait_for_selector("text=Jawaban tersimpan.")  # sent again once back online
    page.reload()
    groups = page.locator("fieldset.radios")
    assert groups.nth(0).locator("input").nth(1).is_checked()
    assert groups.nth(1).locator("input").nth(2).is_checked()
    page.goto("/")
    page.goto("/test/pre")
    assert page.locator("fieldset.radios").nth(1).locator("input").nth(2).is_checked()


def test_an_answer_the_server_missed_is_sent_again_by_itself(phone):
    """The laptop restarting (no 'online' event on the phone): the page tries again on its own."""
    page = phone
    sign_up(page)
    start_pretest(page, "2 — Kurang yakin")
    refused = []

    def first_one_lost(route):
        if not refused:
            refused.append(route.request.url)
            return route.abort("connectionrefused")
        return route.continue_()

    page.route("**/test/pre/answer", first_one_lost)
    page.locator("fieldset.radios").nth(0).locator("input").nth(1).check()
    page.wait_for_selector("text=Tidak ada sinyal")
    page.wait_for_selector("text=Jawaban tersimpan.", timeout=12000)  # about 5 s later, untouched
    assert refused and page.evaluate("Object.values(localStorage).join()") in ("", "{}")


def test_a_double_tapped_submit_sends_the_test_once(phone):
    page = phone
    sign_up(page)
    start_pretest(page)
    answer_every_question(page)
    page.get_by_role("button", name="Kirim jawaban").dblclick()
    page.wait_for_url(re.compile(r"/test/pre/done$"))
    page.get_by_role("heading", name="Terima kasih! Tes awal selesai.").wait_for()  # waits for the page to show it
