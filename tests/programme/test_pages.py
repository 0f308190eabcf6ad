"""The programme lead's pages, the laptop's "Kirim hasil", and the CLI's answers to bad input."""
import csv
import gzip
import io
import re

import pytest

from app.programme.services import store_session_sums
from tests.conftest import csrf_from
from tests.facilitator.test_sessions import as_facilitator
from tests.programme.conftest import HELD_ON, run_session
from tests.programme.test_two_laptops import SANUR, UBUD, bundle_from


@pytest.fixture
def merged(app, laptop, tmp_path):
    """The programme server (`app`) with a session of Sanur and one of Ubud merged in."""
    first, second = laptop("sanur"), laptop("ubud")
    files = [bundle_from(first, run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR), tmp_path / "a.json.gz"),
             bundle_from(second, run_session(second, "Pak Made", "Ubud", HELD_ON[1], UBUD), tmp_path / "b.json.gz")]
    result = app.test_cli_runner().invoke(args=["data", "merge", *map(str, files)])
    assert result.exit_code == 0, result.output
    return files


@pytest.mark.parametrize("role, status", [("learner", 403), ("facilitator", 403), ("programme", 200), ("admin", 200)])
def test_only_programme_leads_and_admins_see_the_programme(browser, create_user, role, status):
    as_facilitator(browser, create_user, "orang", role)
    for url in ("/program/", "/program/laporan", "/program/hasil.csv", "/program/soal", "/program/unggah"):
        assert browser.get(url).status_code == status, url


def test_a_signed_out_visitor_is_sent_to_sign_in(client):
    assert client.get("/program/").status_code == 302


def test_filters_narrow_the_table_and_the_pooled_pairs(app, browser, create_user, merged):
    from sqlalchemy import update

    from app.extensions import db
    from app.models import ScoreRow
    with app.app_context():  # the demo course has one form: say every pretest was form B
        db.session.execute(update(ScoreRow).values(pre_form="b"))
        store_session_sums()
        db.session.commit()
    as_facilitator(browser, create_user, "kepala", "programme")
    html = browser.get("/program/?tempat=Ubud").get_data(as_text=True)
    assert "Sosialisasi Ubud" in html and "Sosialisasi Sanur" not in html
    assert "5 pasangan tes awal dan tes akhir" in html and "1 sesi." in html
    html = browser.get("/program/?dari=2026-11-30").get_data(as_text=True)
    assert "Sosialisasi Sanur" not in html
    html = browser.get("/program/?fasilitator=Bu+Ani&bentuk=b").get_data(as_text=True)
    assert "Sosialisasi Ubud" not in html and "Sosialisasi Sanur" in html
    assert "0 sesi." in browser.get("/program/?bentuk=a").get_data(as_text=True)
    html = browser.get("/program/?dari=2026-12-01&sampai=2026-01-01").get_data(as_text=True)
    assert "Tanggal akhir harus sesudah tanggal awal." in html


def test_csv_report_and_weakest_modules(browser, create_user, merged):
    as_facilitator(browser, create_user, "kepala", "programme")
    rows = list(csv.DictReader(io.StringIO(browser.get("/program/hasil.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted((r["tempat"], r["pasangan"], r["fasilitator"]) for r in rows) == [
        ("Sanur", "5", "Bu Ani"), ("Ubud", "5", "Pak Made")]
    assert float(rows[0]["kenaikan_rata2"]) and rows[0]["latihan_selesai"] == "0.0"
    report = browser.get("/program/laporan").get_data(as_text=True)
    assert "Laporan program" in report and "<form method=\"get\" class=\"filters\"" not in report
    items = browser.get("/program/soal").get_data(as_text=True)
    assert "Modul terlemah" in items and "Benar di tes akhir" in items and "%" in items
    assert re.search(r'<th scope="row">\d+\. \w', items)  # modules by their titles, not their ids


def test_sessions_of_two_course_versions_are_pooled_only_when_asked(app, browser, create_user, merged):
    from sqlalchemy import update

    from app.extensions import db
    from app.models import ContentVersion, Participant, ScoreRow
    with app.app_context():  # the Ubud laptop ran an edited course
        content = db.session.scalar(db.select(ContentVersion))
        edited = ContentVersion(course_id="demo", content_hash="e" * 64, items=content.items)
        db.session.add(edited)
        db.session.flush()
        ubud = db.select(Participant.id).where(Participant.display_name.startswith("Warga Ubud"))
        db.session.execute(update(ScoreRow).where(ScoreRow.participant_id.in_(ubud)).values(content_version_id=edited.id))
        store_session_sums()  # as a merge of that bundle would have
        db.session.commit()
    as_facilitator(browser, create_user, "kepala", "programme")
    html = browser.get("/program/").get_data(as_text=True)
    assert "jadi tidak digabungkan" in html and "pasangan tes awal dan tes akhir" not in html
    html = browser.get("/program/?campur=y").get_data(as_text=True)
    assert "Perhatian: sesi dengan 2 versi kursus berbeda digabungkan" in html
    assert "pasangan tes awal dan tes akhir" in html


def test_the_upload_page_merges_a_bundle_and_says_so(browser, create_user, laptop, tmp_path):
    as_facilitator(browser, create_user, "kepala", "programme")
    first = laptop("sanur")
    data = bundle_from(first, run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR), tmp_path / "a.json.gz").read_bytes()
    response = browser.post("/program/unggah", {"bundles": (io.BytesIO(data), "a.json.gz")},
                            content_type="multipart/form-data", follow_redirects=True)
    assert "Sesi “Sosialisasi Sanur” ditambahkan." in response.get_data(as_text=True)
    response = browser.post("/program/unggah", {"bundles": (io.BytesIO(data), "a.json.gz")},
                            content_type="multipart/form-data", follow_redirects=True)
    assert "sudah ada; tidak ada yang berubah" in response.get_data(as_text=True)


def test_the_upload_page_refuses_a_damaged_file_at_the_field(browser, create_user):
    as_facilitator(browser, create_user, "kepala", "programme")
    response = browser.post("/program/unggah", {"bundles": (io.BytesIO(gzip.compress(b"[]")), "x.json.gz")},
                            content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'class="error-message"' in html
    assert "Ini bukan berkas hasil sesi Paspor Pintar." in html
    html = browser.get("/program/unggah").get_data(as_text=True)
    no_token = browser.client.post("/program/unggah", data={"bundles": (io.BytesIO(b"x"), "x.json.gz")},
                                   content_type="multipart/form-data")
    assert no_token.status_code == 400 and csrf_from(html)


def test_an_altered_upload_is_named_at_the_field(browser, create_user, laptop, tmp_path):
    import json
    as_facilitator(browser, create_user, "kepala", "programme")
    first = laptop("sanur")
    path = bundle_from(first, run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR), tmp_path / "a.json.gz")
    document = json.loads(gzip.decompress(path.read_bytes()))
    document["sessions"][0]["place"] = "Kuta"
    response = browser.post("/program/unggah", {"bundles": (io.BytesIO(gzip.compress(json.dumps(document).encode())),
                                                            "a.json.gz")}, content_type="multipart/form-data")
    assert "Isi berkas ini berubah sesudah dibuat" in response.get_data(as_text=True)
    assert "Kuta" not in browser.get("/program/").get_data(as_text=True)


def test_kirim_hasil_downloads_the_session_with_codes_instead_of_names(app, browser, create_user):
    from app.domain.bundle import unpack
    as_facilitator(browser, create_user, "bu.ani", "facilitator")
    with app.app_context():
        from app.extensions import db
        from app.models import TrainingSession, User
        from app.rooms.services import add_participant
        me = db.session.scalar(db.select(User).where(User.username == "bu.ani"))
        training_session = TrainingSession(facilitator_id=me.id, name="Sesi", place="Balai Banjar", held_on=HELD_ON[0],
                                           course_id="demo", join_code="ABCDEF")
        db.session.add(training_session)
        db.session.commit()
        add_participant(training_session, "Siti")
        db.session.commit()
        session_id = training_session.id
    assert "Kirim hasil" in browser.get(f"/fasilitator/sesi/{session_id}").get_data(as_text=True)
    assert "Ganti nama peserta" in browser.get(f"/program/sesi/{session_id}/kirim").get_data(as_text=True)
    response = browser.get(f"/program/sesi/{session_id}/kirim/berkas?kode=1")
    assert response.headers["Content-Disposition"].endswith(f"sesi-{session_id}-balai-banjar-2026-11-23.json.gz")
    person = unpack(response.data)["sessions"][0]["participants"][0]
    assert person["name"] == person["code"] != "Siti"
    named = unpack(browser.get(f"/program/sesi/{session_id}/kirim/berkas").data)
    assert named["sessions"][0]["participants"][0]["name"] == "Siti"
    create_user("pak.made", "kopi-tubruk-9", "facilitator", "Pak Made")  # another facilitator's session: 404
    other = browser.client.application.test_client()
    other.post("/auth/login", data={"username": "pak.made", "password": "kopi-tubruk-9",
                                    "csrf_token": csrf_from(other.get("/auth/login").get_data(as_text=True))})
    assert other.get(f"/program/sesi/{session_id}/kirim/berkas").status_code == 404


@pytest.mark.parametrize("args, message", [
    (["data", "merge", "/no/such/file.json.gz"], "cannot read /no/such/file.json.gz"),
    (["data", "bundle", "99", "--out", "x.json.gz"], "no session 99"),
    (["data", "bundle", "1"], "Missing option '--out'"),
])
def test_bad_cli_input_is_one_line_and_status_2(runner, args, message):
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and message in result.output
    assert "Traceback" not in result.output


def test_a_bundle_is_not_merged_back_into_its_own_laptop(laptop, tmp_path):
    first = laptop("sanur")
    path = bundle_from(first, run_session(first, "Bu Ani", "Sanur", HELD_ON[0], SANUR), tmp_path / "a.json.gz")
    result = first.test_cli_runner().invoke(args=["data", "merge", str(path)])
    assert result.exit_code == 2 and "made on this installation" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_users_create_makes_a_programme_lead(app, runner):
    from sqlalchemy import select

    from app.extensions import db
    from app.models import User
    result = runner.invoke(args=["users", "create", "Kepala", "--role", "programme", "--password-stdin"],
                           input="program-rahasia-1\n")
    assert result.exit_code == 0 and "created programme 'kepala'" in result.output
    with app.app_context():
        assert db.session.scalar(select(User.role).where(User.username == "kepala")) == "programme"


def test_this_servers_own_sessions_are_in_the_programme_view_too(app, browser, create_user):
    from app.domain.statistics import paired
    run_session(app, "Bu Ani", "Sanur", HELD_ON[0], SANUR)
    as_facilitator(browser, create_user, "admin", "admin")
    html = browser.get("/program/").get_data(as_text=True)
    pairs = [(a, b) for a, b in SANUR if a is not None and b is not None]
    expected = paired([a for a, _ in pairs], [b for _, b in pairs], max_score=4)
    assert "Sosialisasi Sanur" in html and f"{len(pairs)} pasangan tes awal dan tes akhir" in html
    assert f"t = {expected['ttest']['t']:.3f}".replace(".", ",") in html
    assert "Nilai naik rata-rata" in html  # the plain-language reading, as on one session's review


def test_a_programme_lead_lands_on_the_programme_view(browser, create_user):
    create_user("kepala", "program-rahasia-1", "programme", "Kepala")
    response = browser.post("/auth/login", {"username": "kepala", "password": "program-rahasia-1"})
    assert response.headers["Location"].endswith("/program/")
    assert 'href="/program/"' in browser.get("/program/").get_data(as_text=True)  # and finds it in the menu
