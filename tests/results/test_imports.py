"""Importing pre/post scores from CSV: analysed when good, nothing saved when not."""
import io

import pytest
from sqlalchemy import select

from app.domain.statistics import paired
from app.extensions import db
from app.models import ScoreImport
from tests.facilitator.test_sessions import as_facilitator

GOOD = "participant,pretest,posttest\nA,10,14\nB,12,15\nC,9,15\nD,11,,\nE,13,18\nF,8,12\n"


def upload(browser, text, name="Sosialisasi lama", max_score="24"):
    return browser.post("/fasilitator/impor", {"name": name, "max_score": max_score,
                                               "file": (io.BytesIO(text.encode()), "nilai.csv")},
                        content_type="multipart/form-data")


def test_a_good_file_is_saved_and_analysed(browser, create_user, app):
    as_facilitator(browser, create_user)
    response = upload(browser, GOOD)
    assert response.status_code == 302
    html = browser.get(response.headers["Location"]).get_data(as_text=True)
    expected = paired([10, 12, 9, 13, 8], [14, 15, 15, 18, 12], max_score=24)
    assert f"t = {expected['ttest']['t']:.3f}, df = 4".replace(".", ",") in html
    assert "5 pasangan, 1 baris tidak lengkap" in html and ": D" in html
    assert f"{expected['gain']['normalized']:.2f}".replace(".", ",") in html and "<svg" in html
    assert "Sampel kecil (n = 5, kurang dari 10)" in html


@pytest.mark.parametrize("text, message", [
    ("participant,pretest,posttest\nA,10,14\nB,sepuluh,15\n", 'baris 3, kolom &#34;pretest&#34;: &#34;sepuluh&#34; bukan angka'),
    ("participant,pre,posttest\nA,10,14\n", 'baris 1: kolom &#34;pretest&#34; tidak ada'),
    ("", "file kosong"),
])
def test_a_file_with_errors_names_row_and_column_and_saves_nothing(browser, create_user, app, text, message):
    as_facilitator(browser, create_user)
    html = upload(browser, text).get_data(as_text=True)
    assert message in html and "Tidak ada yang disimpan" in html
    assert 'value="Sosialisasi lama"' in html  # the name typed is kept
    with app.app_context():
        assert db.session.scalars(select(ScoreImport)).all() == []


def test_imports_belong_to_the_facilitator_who_made_them(browser, create_user, app):
    from tests.conftest import Browser
    as_facilitator(browser, create_user)
    location = upload(browser, GOOD).headers["Location"]
    other = as_facilitator(Browser(app.test_client()), create_user, "pak.budi")
    assert other.get(location).status_code == 404
    assert "Sosialisasi lama" not in other.get("/fasilitator/impor").get_data(as_text=True)
    admin = as_facilitator(Browser(app.test_client()), create_user, "admin", "admin")
    assert admin.get(location).status_code == 200  # as with sessions: an admin sees every import
    assert "Sosialisasi lama" in admin.get("/fasilitator/impor").get_data(as_text=True)


def test_imported_sessions_are_listed_under_my_sessions(browser, create_user, app):
    as_facilitator(browser, create_user)
    browser.post("/fasilitator/impor", {"name": "Sesi Kanim 2024", "file": (
        io.BytesIO(b"participant,pretest,posttest\nA,2,3\nB,1,4\n"), "nilai.csv")}, content_type="multipart/form-data")
    page = browser.get("/fasilitator/").get_data(as_text=True)
    assert "Sesi Kanim 2024" in page and "2 pasangan" in page
