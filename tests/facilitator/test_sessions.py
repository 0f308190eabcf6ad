"""Sessions: facilitators' scope, joining, pacing, raised hands, results held back."""

from sqlalchemy import select

from app.domain.codes import READABLE
from app.extensions import db
from app.models import Participant, SandboxRun, TrainingSession, User


def as_facilitator(browser, create_user, username="bu.ani", role="facilitator"):
    create_user(username, "kopi-tubruk-9", role, username)
    browser.post("/auth/login", {"username": username, "password": "kopi-tubruk-9"})
    return browser


def new_session(browser, name="Sosialisasi Sanur"):
    response = browser.post("/fasilitator/sesi/baru", {"name": name, "place": "Balai Banjar",
                                                       "held_on": "2026-11-23", "course_id": "demo"})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def code_of(app, session_id):
    with app.app_context():
        return db.session.get(TrainingSession, session_id).join_code


def join(client, code, name):
    from tests.conftest import Browser
    phone = Browser(client)
    response = phone.post(f"/j/{code}", {"code": code, "name": name})
    assert response.status_code == 302, response.get_data(as_text=True)
    return phone


def test_a_facilitator_creates_a_session_with_a_readable_code_and_a_qr(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    code = code_of(app, session_id)
    assert len(code) == 6 and set(code) <= set(READABLE)
    app.config["PUBLIC_URL"] = "http://192.168.137.1:5000/"
    for page in (f"/fasilitator/sesi/{session_id}", f"/fasilitator/sesi/{session_id}/layar"):
        html = browser.get(page).get_data(as_text=True)
        assert code in html and f"http://192.168.137.1:5000/j/{code}" in html and "<svg" in html


def test_the_session_page_never_offers_phones_the_laptops_own_address(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    # the facilitator browses on the laptop itself, and the server listens on the laptop only
    html = browser.get(f"/fasilitator/sesi/{session_id}").get_data(as_text=True)
    assert "make lan" in html and "<svg" not in html and "/j/" not in html
    # reached over the hotspot, the address the facilitator used is one phones reach too
    from tests.conftest import csrf_from
    laptop, hotspot = app.test_client(), "http://10.42.0.1:5000"
    token = csrf_from(laptop.get("/auth/login", base_url=hotspot).get_data(as_text=True))
    laptop.post("/auth/login", base_url=hotspot,
                data={"csrf_token": token, "username": "bu.ani", "password": "kopi-tubruk-9"})
    html = laptop.get(f"/fasilitator/sesi/{session_id}", base_url=hotspot).get_data(as_text=True)
    assert f"http://10.42.0.1:5000/j/{code_of(app, session_id)}" in html and "<svg" in html


def test_a_session_needs_a_name_place_date_and_a_known_course(browser, create_user, app):
    as_facilitator(browser, create_user)
    html = browser.post("/fasilitator/sesi/baru", {"name": "", "place": "", "held_on": "",
                                                  "course_id": "tidak-ada"}).get_data(as_text=True)
    for field in ("name", "place", "held_on", "course_id"):
        assert f'id="{field}-error"' in html
    with app.app_context():
        assert db.session.scalars(select(TrainingSession)).all() == []


def test_facilitators_see_only_their_own_sessions_even_by_guessing_urls(app, create_user):
    from tests.conftest import Browser
    ani = as_facilitator(Browser(app.test_client()), create_user, "bu.ani")
    session_id = new_session(ani)
    budi = as_facilitator(Browser(app.test_client()), create_user, "pak.budi")
    assert "Sosialisasi Sanur" not in budi.get("/fasilitator/").get_data(as_text=True)
    for url in (f"/fasilitator/sesi/{session_id}", f"/fasilitator/sesi/{session_id}/papan",
                f"/fasilitator/sesi/{session_id}/papan/baris", f"/fasilitator/sesi/{session_id}/ubah"):
        assert budi.get(url).status_code == 404
    assert budi.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"},
                     page="/fasilitator/").status_code == 404
    admin = as_facilitator(Browser(app.test_client()), create_user, "admin", "admin")
    assert admin.get(f"/fasilitator/sesi/{session_id}").status_code == 200


def test_learners_and_strangers_cannot_open_the_facilitator_pages(login, client):
    assert client.get("/fasilitator/").status_code == 302  # to sign in
    learner = login()
    assert learner.get("/fasilitator/").status_code == 403


def test_joining_needs_only_a_name_and_a_used_name_is_asked_about(browser, create_user, app):
    from tests.conftest import Browser
    as_facilitator(browser, create_user)
    code = code_of(app, new_session(browser))
    first = join(app.test_client(), code, "Siti")
    html = first.get("/").get_data(as_text=True)
    assert "Halo, Siti" in html and "Kode pribadi Anda" in html
    again = Browser(app.test_client()).post(f"/j/{code}", {"code": code.lower(), "name": " siti "})
    html = again.get_data(as_text=True)
    assert again.status_code == 200 and 'id="name-error"' in html and "kode pribadi" in html
    assert 'href="/lanjut"' in html
    join(app.test_client(), code, "Siti Sanur")
    with app.app_context():
        names = sorted(db.session.scalars(select(Participant.display_name)))
        assert names == ["Siti", "Siti Sanur"]
        assert all(u.password_hash is None for u in db.session.scalars(select(User).where(User.role == "participant")))


def test_a_wrong_or_closed_session_code_is_refused_at_the_field(browser, create_user, app):
    from tests.conftest import Browser
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = Browser(app.test_client())
    html = phone.post("/gabung", {"code": "ZZZZZZ", "name": "Siti"}).get_data(as_text=True)
    assert 'id="code-error"' in html and "tidak ditemukan" in html and 'value="Siti"' in html
    browser.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "close-session"}, page="/fasilitator/")
    html = phone.post("/gabung", {"code": code_of(app, session_id), "name": "Siti"}).get_data(as_text=True)
    assert 'id="code-error"' in html and "Sesi ini sudah selesai" in html


def test_the_personal_code_continues_on_another_device(browser, create_user, app):
    from tests.conftest import Browser
    as_facilitator(browser, create_user)
    code = code_of(app, new_session(browser))
    join(app.test_client(), code, "Wayan")
    with app.app_context():
        personal = db.session.scalar(select(Participant.personal_code))
    other = Browser(app.test_client())
    assert other.post("/lanjut", {"code": personal.lower()}).status_code == 302
    assert "Halo, Wayan" in other.get("/").get_data(as_text=True)
    assert "tidak ditemukan" in other.post("/lanjut", {"code": "AAAAAA"}).get_data(as_text=True)


def test_the_room_waits_until_the_facilitator_opens_the_pretest(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    assert "fasilitator akan membuka tes awal" in phone.get("/").get_data(as_text=True)
    assert phone.get("/test/pre").status_code == 302
    browser.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"}, page="/fasilitator/")
    assert phone.get("/test/pre").status_code == 200


def test_a_raised_hand_shows_on_the_board_until_cleared(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    phone.post("/bantuan", page="/")
    rows = browser.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)
    assert 'class="hand"' in rows and "Wayan" in rows and "Tes awal" in rows
    with app.app_context():
        participant_id = db.session.scalar(select(Participant.id))
    browser.post(f"/fasilitator/sesi/{session_id}/peserta/{participant_id}/tangan",
                 page=f"/fasilitator/sesi/{session_id}/papan")
    assert 'class="hand"' not in browser.get(f"/fasilitator/sesi/{session_id}/papan/baris").get_data(as_text=True)


def test_practice_with_problems_can_be_switched_on_for_the_room(browser, create_user, app):
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    browser.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "problems-on"}, page="/fasilitator/")
    phone.get("/latihan/")
    with app.app_context():
        assert db.session.scalar(select(SandboxRun.problems_mode)) is True


def test_results_stay_hidden_until_the_posttest_is_closed(browser, create_user, app, complete_practice):
    from tests.learn.test_learner_journey import finish_module, take_test
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    browser.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"}, page="/fasilitator/")
    browser.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-posttest", "for": "finished"},
                 page="/fasilitator/")
    take_test(phone, "pre")
    finish_module(phone, "satu")
    finish_module(phone, "dua")
    with app.app_context():
        username = db.session.scalar(select(User.username).where(User.role == "participant"))
    complete_practice(username)
    take_test(phone, "post")
    phone.post("/test/post/done", {"confidence": "4"}, page="/test/post/done")
    assert phone.get("/test/results").status_code == 302
    assert "Hasil Anda muncul setelah fasilitator menutup" in phone.get("/").get_data(as_text=True)
    browser.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "close-posttest"}, page="/fasilitator/")
    assert phone.get("/test/results").status_code == 200
