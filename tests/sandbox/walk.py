"""Walk the sandbox over HTTP in the app's order, answering each page as a careful learner would,
until a chosen page is next. Tests then act on that page themselves."""
import re

ACCOUNT = {"nama_lengkap": "SITI CONTOH", "tanggal_lahir": "1990-03-12", "jenis_kelamin": "P",
           "email": "siti.contoh@contoh.id", "nomor_ponsel": "0812-0000-1001",
           "kata_sandi": "Rahasia123", "setuju": "y"}
PERSON = {"nik": "5171015203900001", "nomor_kk": "5171010101150003", "nama_lengkap": "SITI CONTOH",
          "tempat_lahir": "DENPASAR", "tanggal_lahir": "1990-03-12", "jenis_kelamin": "P",
          "status_kawin": "kawin"}
CHILD = {"nik": "5171011001140005", "nomor_kk": "5171010101150003", "nama_lengkap": "I PUTU CONTOH",
         "tempat_lahir": "DENPASAR", "tanggal_lahir": "2014-01-10", "jenis_kelamin": "L",
         "status_kawin": "belum"}
PARENT = {"nama_orang_tua": "SITI CONTOH", "nik_orang_tua": "5171015203900001"}
ANSWERS = {
    "layanan": {"layanan": "reguler"}, "peringatan": {}, "pemohon": {"pemohon": "dewasa"},
    "lokasi": {"kantor": "kantor-uji"}, "jenis-paspor": {"paspor": "biasa-5"}, "ktp": {"contoh": "1"},
    "data-diri": PERSON, "orang-tua": PARENT, "kuesioner": {"jenis": "baru", "tujuan": "wisata"},
    "dokumen": {"contoh": "1"}, "data-pemohon": {"aksi": "lanjut"},
}


def latest_code(browser):
    html = browser.get("/latihan/inbox").get_data(as_text=True)
    return re.search(r'class="code">(\d{6})<', html).group(1)


def first_free(html, name):
    return re.search(rf'name="{name}" [^>]*value="([^"]+)"(?![^>]*disabled)', html).group(1)


def answer(browser, page, overrides):
    """The answer of a page: an override for this page key ('data-diri.2') or its base step."""
    base = page.split(".")[0]
    if page in overrides or base in overrides:
        return overrides.get(page, overrides.get(base))
    if page == "akun":
        return ACCOUNT
    if page == "verifikasi":
        return {"kode": latest_code(browser)}
    if page == "masuk":
        return {"email": ACCOUNT["email"], "kata_sandi": ACCOUNT["kata_sandi"]}
    if base in ("tanggal", "jam"):
        return {base: first_free(browser.get(f"/latihan/{page}").get_data(as_text=True), base)}
    return ANSWERS[base]


def walk(browser, until, start=None, **overrides):
    """Answer pages in order until `until` (a page key such as 'tanggal' or 'periksa') is next.
    overrides: answers by page key, with '-' for '_' ('data_diri_2' for 'data-diri.2')."""
    overrides = {k.replace("_", "-").replace("-2", ".2").replace("-3", ".3"): v for k, v in overrides.items()}
    if start is not None:
        browser.post("/latihan/mulai", start, page="/latihan/")
    page = browser.get("/latihan/").get_data(as_text=True)
    match = re.search(r'href="/latihan/([^"?]+)"[^>]*>Lanjutkan latihan', page)
    current = match.group(1) if match else "akun"
    for _ in range(60):
        if current == until:
            return current
        response = browser.post(f"/latihan/{current}", answer(browser, current, overrides))
        assert response.status_code == 302, f"/latihan/{current} refused: {response.get_data(as_text=True)[:3000]}"
        current = response.headers["Location"].rsplit("/latihan/", 1)[1].split("?")[0]
    raise AssertionError(f"never reached {until}")
