"""The room over HTTP: phones follow its state, the one room rule, pacing, one person one record."""
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Attempt, Participant, TrainingSession
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session
from tests.learn.test_learner_journey import take_test


@pytest.fixture
def room(browser, create_user, app):
    """A facilitator's browser and a new session's id."""
    as_facilitator(browser, create_user)
    return browser, new_session(browser)


def pace(facilitator, session_id, action, **more):
    return facilitator.post(f"/fasilitator/sesi/{session_id}/atur", {"action": action, **more},
                            page="/fasilitator/")


def test_phones_poll_a_small_room_state_that_answers_304_until_it_changes(room, client):
    facilitator, session_id = room
    first = client.get(f"/ruang/{session_id}/keadaan")
    assert first.status_code == 200 and len(first.data) < 300 and first.json["pre"] == "waiting"
    etag = first.headers["ETag"]
    assert client.get(f"/ruang/{session_id}/keadaan", headers={"If-None-Match": etag}).status_code == 304
    pace(facilitator, session_id, "open-pretest")
    changed = client.get(f"/ruang/{session_id}/keadaan", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.json["pre"] == "open"
    assert client.get("/ruang/999999/keadaan").status_code == 404


def test_a_waiting_phone_carries_the_state_it_watches_and_a_reload_button(room, app):
    facilitator, session_id = room
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    html = phone.get("/").get_data(as_text=True)
    assert f'data-url="/ruang/{session_id}/keadaan"' in html and "js/room.js" in html
    assert "&#34;pre&#34;: &#34;waiting&#34;" in html and 'data-watch="pre post for end"' in html
    assert "Muat ulang" in html  # without JavaScript


def in_module_one(app, facilitator, session_id, name="Wayan"):
    phone = join(app.test_client(), code_of(app, session_id), name)
    pace(facilitator, session_id, "open-pretest")
    take_test(phone, "pre")
    return phone


def test_the_posttest_for_everyone_reaches_people_still_in_the_modules(room, app):
    facilitator, session_id = room
    phone = in_module_one(app, facilitator, session_id)
    pace(facilitator, session_id, "close-pretest")
    pace(facilitator, session_id, "open-posttest", **{"for": "finished"})
    assert phone.get("/test/post").status_code == 302
    assert "Mulai tes akhir" not in phone.get("/").get_data(as_text=True)
    board = facilitator.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)
    assert "0 dari 1 sudah selesai modul dan latihan" in board and "Bisa mulai" not in board

    pace(facilitator, session_id, "open-posttest", **{"for": "everyone"})
    home = phone.get("/").get_data(as_text=True)
    assert "Mulai tes akhir" in home and "modul tetap bisa dibaca" in home
    board = facilitator.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)
    assert "Bisa mulai" in board and "1 bisa mulai" in board
    assert take_test(phone, "post").status_code == 302
    assert phone.get("/modules/satu/step/1").status_code == 200  # the modules stay readable


ROOM_STATES = [  # (actions in order, with the posttest's audience)
    [],
    [("open-pretest", {})],
    [("open-pretest", {}), ("close-pretest", {})],
    [("open-pretest", {}), ("open-posttest", {"for": "finished"})],
    [("open-pretest", {}), ("open-posttest", {"for": "everyone"})],
    [("open-pretest", {}), ("close-pretest", {}), ("open-posttest", {"for": "everyone"}), ("close-posttest", {})],
    [("open-pretest", {}), ("open-posttest", {"for": "everyone"}), ("close-posttest", {})],
]


@pytest.mark.parametrize("actions", ROOM_STATES)
@pytest.mark.parametrize("took_pretest", [False, True])
def test_the_dashboard_offers_a_test_exactly_when_the_test_page_opens(room, app, actions, took_pretest):
    facilitator, session_id = room
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    if took_pretest:
        pace(facilitator, session_id, "open-pretest")
        take_test(phone, "pre")
    for action, more in actions:
        pace(facilitator, session_id, action, **more)
    home = phone.get("/").get_data(as_text=True)
    for kind, label in (("pre", "Mulai tes awal"), ("post", "Mulai tes akhir")):
        opens = phone.get(f"/test/{kind}").status_code == 200
        assert (label in home) == opens, (kind, actions)


def test_closing_a_test_names_who_is_still_answering_and_can_collect_their_answers(room, app):
    facilitator, session_id = room
    phone = join(app.test_client(), code_of(app, session_id), "Made")
    join(app.test_client(), code_of(app, session_id), "Ketut")
    pace(facilitator, session_id, "open-pretest")
    phone.post("/test/pre/start", {"confidence": "2"}, page="/test/pre")
    page = phone.get("/test/pre").get_data(as_text=True)
    first_item = re.search(r'name="q-([a-z0-9-]+)"', page).group(1)
    phone.client.post("/test/pre/answer", data={"item": first_item, "choice": "0"},
                      headers={"X-CSRFToken": re.search(r'csrf_token" type="hidden" value="([^"]+)', page).group(1)})
    asked = pace(facilitator, session_id, "close-pretest")
    html = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Made" in html and "Ketut" not in html and "1 dari 4 dijawab" in html
    with app.app_context():
        assert db.session.get(TrainingSession, session_id).pretest == "open"  # nothing closed yet
    assert pace(facilitator, session_id, "close-pretest", collect="yes").status_code == 302
    with app.app_context():
        attempt = db.session.scalar(select(Attempt))
        assert db.session.get(TrainingSession, session_id).pretest == "closed"
        assert attempt.submitted and attempt.max_score == 4 and len(attempt.answers) == 1
    assert phone.client.post("/test/pre/answer", data={"item": first_item, "choice": "1"}).status_code in (400, 409)


def test_rejoining_after_the_posttest_closed_is_told_the_session_ended(room, app):
    facilitator, session_id = room
    pace(facilitator, session_id, "open-posttest", **{"for": "everyone"})
    pace(facilitator, session_id, "close-posttest")
    from tests.conftest import Browser
    html = Browser(app.test_client()).post("/gabung", {"code": code_of(app, session_id), "name": "Putu"})
    assert "Sesi ini sudah selesai" in html.get_data(as_text=True)


def test_a_phone_that_joined_opens_the_join_link_again_without_a_second_record(room, app):
    facilitator, session_id = room
    code = code_of(app, session_id)
    phone = join(app.test_client(), code, "Wayan")
    page = phone.get(f"/j/{code}").get_data(as_text=True)
    assert "sudah bergabung sebagai Wayan" in page
    assert phone.post(f"/j/{code}", {"code": code, "name": "Wayan Lagi"}).status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Participant.display_name)).all() == ["Wayan"]


def test_signing_out_shows_the_personal_code_first(room, app):
    facilitator, session_id = room
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    with app.app_context():
        personal = db.session.scalar(select(Participant.personal_code))
    assert 'href="/keluar"' in phone.get("/").get_data(as_text=True)
    page = phone.get("/keluar").get_data(as_text=True)
    assert personal in page and 'action="/auth/logout"' in page


def test_merging_two_records_of_one_person_pairs_their_tests(room, app):
    facilitator, session_id = room
    code = code_of(app, session_id)
    first = join(app.test_client(), code, "Ibu Made")
    pace(facilitator, session_id, "open-pretest")
    take_test(first, "pre")
    second = join(app.test_client(), code, "Made Sanur")  # a new phone, a new name
    pace(facilitator, session_id, "close-pretest")
    pace(facilitator, session_id, "open-posttest", **{"for": "everyone"})
    take_test(second, "post")
    with app.app_context():
        keep, other = (db.session.scalar(select(Participant).where(Participant.display_name == n))
                       for n in ("Ibu Made", "Made Sanur"))
        keep_id, other_id = keep.id, other.id
    url = f"/fasilitator/sesi/{session_id}/peserta/{keep_id}"
    assert "Made Sanur" in facilitator.get(url).get_data(as_text=True)
    facilitator.post(f"{url}/gabung", {"other": str(other_id)}, page=url)
    with app.app_context():
        assert db.session.scalars(select(Participant.display_name)).all() == ["Ibu Made"]
        user_id = db.session.get(Participant, keep_id).user_id
        kinds = sorted(db.session.scalars(select(Attempt.kind).where(Attempt.user_id == user_id)))
        assert kinds == ["post", "pre"]
    assert "Halo, Ibu Made" in second.get("/").get_data(as_text=True)  # that phone goes on as her
    # a second merge of a person holding the same submitted test is refused, changing nothing
    third = join(app.test_client(), code, "Made Tiga")
    take_test(third, "post")
    with app.app_context():
        third_id = db.session.scalar(select(Participant.id).where(Participant.display_name == "Made Tiga"))
    refused = facilitator.post(f"{url}/gabung", {"other": str(third_id)}, page=url, follow_redirects=True)
    assert "Tidak digabung" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Participant, third_id) is not None


def test_the_board_counts_answers_in_progress_and_paper_tests(room, app):
    facilitator, session_id = room
    join(app.test_client(), code_of(app, session_id), "Wayan")
    phone = join(app.test_client(), code_of(app, session_id), "Nenek")
    pace(facilitator, session_id, "open-pretest")
    phone.post("/test/pre/start", {"confidence": "2"}, page="/test/pre")
    rows = facilitator.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)
    assert "0/4 dijawab" in rows and "Belum mulai" in rows
    assert "1 sedang menjawab" in rows


def test_a_paper_participant_with_both_tests_shows_as_finished(room, app):
    from tests.facilitator.test_paper import add_person, paper_answers
    facilitator, session_id = room
    person_id = add_person(facilitator, session_id, "Nenek Made")
    for kind in ("pre", "post"):
        url = f"/fasilitator/sesi/{session_id}/peserta/{person_id}/kertas/{kind}"
        facilitator.post(url, paper_answers(app, 2), page=url)
    rows = facilitator.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)
    row = rows[rows.index("Nenek Made"):]
    row = row[:row.index("</tr>")]
    assert "Selesai" in row and "(kertas)" in row and "Modul" not in row


def test_a_facilitator_lands_on_their_sessions_after_signing_in(browser, create_user):
    create_user("bu.ani", "kopi-tubruk-9", "facilitator", "Bu Ani")
    response = browser.post("/auth/login", {"username": "bu.ani", "password": "kopi-tubruk-9"})
    assert response.headers["Location"].endswith("/fasilitator/")


def test_the_presenter_moves_following_phones_to_the_step_it_shows(room, app):
    facilitator, session_id = room
    phone = in_module_one(app, facilitator, session_id)
    assert phone.get("/modules/dua/step/1").status_code == 302  # not yet: module one comes first
    page = facilitator.get(f"/fasilitator/sesi/{session_id}/presentasi/dua/1")
    assert page.status_code == 200 and 'id="present-previous"' in page.get_data(as_text=True)
    assert phone.get(f"/ruang/{session_id}/keadaan").json["show"] is None  # following is off
    pace(facilitator, session_id, "follow-on", back="present")
    assert phone.get(f"/ruang/{session_id}/keadaan").json["show"] == "dua/1"
    assert phone.get("/modules/dua/step/1").status_code == 200
    assert facilitator.get(f"/fasilitator/sesi/{session_id}/presentasi/dua/9").status_code == 404
