"""The results review: numbers from the room's real attempts, exports, and who may see them."""
import csv
import io

import pytest

from app.content import get_course, version_items
from app.domain.statistics import paired
from app.extensions import db
from app.models import TrainingSession
from app.quizzes.services import close_and_score, save_answer, start_attempt
from app.rooms.services import add_participant
from tests.facilitator.test_sessions import as_facilitator, new_session

PRE = [1, 2, 0, 2, 1]
POST = [3, 4, 2, 3, 4]


def sit_test(user, kind, right, confidence=None):
    """A submitted attempt with exactly `right` correct answers."""
    course = get_course()
    attempt = start_attempt(user, course, kind, confidence)
    db.session.flush()
    items = version_items(attempt.content_hash)
    for number, item_id in enumerate(attempt.item_ids):
        answer = items[item_id].answer
        wrong = next(key for key in attempt.option_orders[item_id] if key != answer)
        save_answer(attempt, item_id, answer if number < right else wrong)
    db.session.commit()
    close_and_score(attempt)
    db.session.commit()
    if kind == "post":
        attempt.confidence = confidence
        db.session.commit()
    return attempt


@pytest.fixture
def room(app, browser, create_user):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    with app.app_context():
        training_session = db.session.get(TrainingSession, session_id)
        for number, (pre, post) in enumerate(zip(PRE, POST)):
            person = add_participant(training_session, f"Peserta {number}")
            db.session.commit()
            sit_test(person.user, "pre", pre, confidence=2 + number % 2)
            sit_test(person.user, "post", post, confidence=4 + number % 2)
        add_participant(training_session, "Tanpa tes")
        late = add_participant(training_session, "Hanya awal")
        db.session.commit()
        sit_test(late.user, "pre", 3)
    return browser, session_id


def test_the_review_shows_the_paired_analysis_of_the_room(room):
    browser, session_id = room
    html = browser.get(f"/fasilitator/hasil?sesi={session_id}").get_data(as_text=True)
    expected = paired(PRE, POST, max_score=4)
    comma = lambda value, digits: f"{value:.{digits}f}".replace(".", ",")  # noqa: E731 (Indonesian)
    assert f"t = {comma(expected['ttest']['t'], 3)}, df = 4" in html
    assert f"{comma(expected['diff']['ci95'][0], 2)} – {comma(expected['diff']['ci95'][1], 2)}" in html
    assert f"d<sub>z</sub> = {comma(expected['effect']['cohen_dz'], 2)}" in html
    assert "(two-sided)" not in html and "(greater)" not in html  # the option values stay English
    assert "5 peserta punya tes awal dan tes akhir" in html and "2 belum lengkap" in html
    assert "Tanpa tes (tanpa tes awal)" in html and "Hanya awal (tanpa tes akhir)" in html
    assert "Nilai naik rata-rata 2,0 poin" in html
    assert html.count("<svg") >= 2  # the two plots, drawn on the server
    assert "0% sebelum (n = 5), 100% sesudah (n = 5)" in html


def test_the_one_sided_test_can_be_chosen(room):
    browser, session_id = room
    html = browser.get(f"/fasilitator/hasil?sesi={session_id}&uji=greater").get_data(as_text=True)
    expected = paired(PRE, POST, "greater", 4)
    t = f"{expected['ttest']['t']:.3f}".replace(".", ",")
    assert "(satu arah: tes akhir lebih tinggi)" in html and f"t = {t}" in html


def test_csv_exports_one_row_per_participant_and_per_answer(room):
    browser, session_id = room
    text = browser.get(f"/fasilitator/hasil.csv?sesi={session_id}&per=peserta").get_data(as_text=True)
    assert text.startswith("\ufeffsesi,peserta,kode")  # a BOM for Excel; headers in Indonesian
    people = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(people) == 7
    gains = sorted(int(row["kenaikan"]) for row in people if row["kenaikan"])
    assert gains == sorted(b - a for a, b in zip(PRE, POST))
    answers = list(csv.DictReader(io.StringIO(browser.get(
        f"/fasilitator/hasil.csv?sesi={session_id}&per=jawaban").get_data(as_text=True).lstrip("\ufeff"))))
    assert len(answers) == 11 * 4  # 5 pre + 5 post + 1 pre attempts, 4 items each
    assert {row["benar"] for row in answers} == {"0", "1"} and all(row["modul"] for row in answers)
    semicolons = browser.get(f"/fasilitator/hasil.csv?sesi={session_id}&per=peserta&pemisah=titik-koma")
    assert semicolons.get_data(as_text=True).startswith("\ufeffsesi;peserta;kode")


def test_another_facilitator_cannot_read_the_results(room, app, create_user):
    from tests.conftest import Browser
    _, session_id = room
    other = as_facilitator(Browser(app.test_client()), create_user, "pak.budi")
    assert other.get(f"/fasilitator/hasil?sesi={session_id}").status_code == 404
    assert other.get(f"/fasilitator/hasil.csv?sesi={session_id}&per=jawaban").status_code == 404


def test_an_empty_room_reads_as_nothing_to_conclude(browser, create_user):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    html = browser.get(f"/fasilitator/hasil?sesi={session_id}").get_data(as_text=True)
    assert "Belum bisa disimpulkan" in html and "Belum ada pasangan" in html


def test_exported_names_that_look_like_formulas_stay_text_in_a_spreadsheet(room, app):
    browser, session_id = room
    with app.app_context():
        training_session = db.session.get(TrainingSession, session_id)
        for name in ("=HYPERLINK(\"http://x\")", "+62 812", "-1+1", "@SUM(A1)"):
            add_participant(training_session, name)
        db.session.commit()
    for per in ("peserta", "jawaban"):
        text = browser.get(f"/fasilitator/hasil.csv?sesi={session_id}&per={per}").get_data(as_text=True)
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells if not cell.lstrip("-").isdigit())
    assert "'=HYPERLINK" in browser.get(f"/fasilitator/hasil.csv?sesi={session_id}&per=peserta").get_data(as_text=True)
