"""Paper tests, participant cards and helper mode."""
from sqlalchemy import select

from app.content import get_course
from app.extensions import db
from app.models import Attempt, Participant
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session


def paper_answers(app, right):
    """The form for a paper test with `right` items answered correctly, the rest wrong."""
    with app.app_context():
        items = get_course().test_items
    data = {"confidence": "2"}
    for number, item in enumerate(items):
        wrong = next(key for key in sorted(item.options) if key != item.answer)
        data[f"q-{item.id}"] = item.answer if number < right else wrong
    return data


def add_person(browser, session_id, name="Nenek Made"):
    response = browser.post(f"/fasilitator/sesi/{session_id}/peserta-tanpa-ponsel", {"name": name},
                            page=f"/fasilitator/sesi/{session_id}/papan")
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_a_paper_test_counts_like_an_online_one_and_is_marked_paper(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    person_id = add_person(browser, session_id)
    url = f"/fasilitator/sesi/{session_id}/peserta/{person_id}/kertas/pre"
    form = browser.get(url).get_data(as_text=True)
    assert "Penjelasan" not in form  # the entry form shows questions, never explanations
    missing = browser.post(url, {"confidence": "2"}).get_data(as_text=True)
    assert missing.count('class="error-message"') == 4  # each unanswered item, at its field
    answers = paper_answers(app, 3)
    blank = list(answers)[-1]
    answers[blank] = "none"  # left blank on the sheet
    assert browser.post(url, answers).status_code == 302
    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert (attempt.mode, attempt.score, attempt.max_score, attempt.confidence) == ("paper", 3, 4, 2)
        assert attempt.submitted and len(attempt.answers) == 3
    again = browser.post(url, paper_answers(app, 4), page=f"/fasilitator/sesi/{session_id}/peserta/{person_id}")
    assert again.status_code == 302
    with app.app_context():
        assert len(db.session.scalars(select(Attempt)).all()) == 1  # never entered twice
    html = browser.get(f"/fasilitator/hasil?sesi={session_id}").get_data(as_text=True)
    assert "3 <small>(kertas)</small>" in html


def test_the_printed_test_and_cards_hold_no_answers_but_the_personal_codes(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    add_person(browser, session_id, "Nenek Made")
    test = browser.get(f"/fasilitator/sesi/{session_id}/tes-kertas").get_data(as_text=True)
    assert "Lembar jawaban" in test and "Penjelasan" not in test
    with app.app_context():
        code = db.session.scalar(select(Participant.personal_code))
    app.config["PUBLIC_URL"] = "http://192.168.137.1:5000"  # the hotspot address phones reach
    cards = browser.get(f"/fasilitator/sesi/{session_id}/kartu").get_data(as_text=True)
    assert "Nenek Made" in cards and code in cards and f"/lanjut?kode={code}" not in cards  # in the QR
    assert "<svg" in cards and "http://192.168.137.1:5000/lanjut" in cards


def test_a_card_moves_a_paper_participant_onto_a_phone(browser, create_user, app):
    from tests.conftest import Browser
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    person_id = add_person(browser, session_id, "Nenek Made")
    browser.post(f"/fasilitator/sesi/{session_id}/peserta/{person_id}/kertas/pre", paper_answers(app, 1))
    with app.app_context():
        code = db.session.scalar(select(Participant.personal_code))
    phone = Browser(app.test_client())
    prefilled = phone.get(f"/lanjut?kode={code}").get_data(as_text=True)
    assert f'value="{code}"' in prefilled
    phone.post("/lanjut", {"code": code})
    home = phone.get("/").get_data(as_text=True)
    assert "Halo, Nenek Made" in home and "Mulai tes awal" not in home  # the paper pretest counts


def test_helper_mode_records_who_helped(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    assert phone.post("/dibantu", {"helper_name": "Cucu Ketut"}).status_code == 302
    assert "Dibantu oleh Cucu Ketut" in phone.get("/").get_data(as_text=True)
    rows = browser.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)
    assert "dibantu Cucu Ketut" in rows
    people = browser.get(f"/fasilitator/hasil.csv?sesi={session_id}&per=peserta").get_data(as_text=True)
    assert "Cucu Ketut" in people


def test_another_facilitator_cannot_enter_paper_answers(browser, create_user, app):
    from tests.conftest import Browser
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    person_id = add_person(browser, session_id)
    other = as_facilitator(Browser(app.test_client()), create_user, "pak.budi")
    url = f"/fasilitator/sesi/{session_id}/peserta/{person_id}/kertas/pre"
    assert other.get(url).status_code == 404
    assert other.get(f"/fasilitator/sesi/{session_id}/kartu").status_code == 404
