"""Reading aids: "Teks besar" remembered per person, and a "Dengarkan" button on what people read."""
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Participant, User
from tests.conftest import Browser
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session
from tests.learn.test_learner_journey import read_steps, take_test

LARGE = '<html lang="id" class="large-text">'
LISTEN = re.compile(r'<button type="button" id="listen"[^>]*\shidden[\s>]')


def larger_text(browser, on=True, back_to="/"):
    return browser.post("/text-size", {"large": "1" if on else "0", "next": back_to}, page="/")


def test_larger_text_is_kept_on_the_account_and_follows_the_learner_to_another_phone(login, app):
    browser = login()
    response = larger_text(browser, back_to="/test/pre")
    assert response.status_code == 302 and response.headers["Location"] == "/test/pre"
    html = browser.get("/").get_data(as_text=True)
    assert LARGE in html and 'value="0"\n      class="text-size" aria-pressed="true"' in html
    with app.app_context():
        assert db.session.scalar(select(User.large_text)) is True
    other_phone = Browser(app.test_client())
    other_phone.post("/auth/login", {"username": "siti", "password": "rahasia-siti-1"})
    assert LARGE in other_phone.get("/").get_data(as_text=True)


def test_switching_it_off_is_kept_too(login, app):
    browser = login()
    larger_text(browser)
    larger_text(browser, on=False)
    assert 'class="large-text"' not in browser.get("/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User.large_text)) is False


def test_an_anonymous_visitor_keeps_larger_text_in_their_session(browser, client):
    assert 'class="large-text"' not in browser.get("/").get_data(as_text=True)
    larger_text(browser)
    with client.session_transaction() as session:
        assert session["large_text"] is True
    assert LARGE in browser.get("/auth/login").get_data(as_text=True)


def test_larger_text_chosen_before_joining_or_signing_up_goes_onto_the_new_user(browser, create_user, app):
    as_facilitator(browser, create_user)
    code = code_of(app, new_session(browser))
    phone = Browser(app.test_client())
    larger_text(phone)
    phone.post(f"/j/{code}", {"code": code, "name": "Nenek Wayan"})
    newcomer = Browser(app.test_client())
    larger_text(newcomer)
    newcomer.post("/auth/signup", {"display_name": "Pak Made", "username": "made",
                                   "password": "bunga-melati-7", "password_again": "bunga-melati-7"})
    with app.app_context():
        participant = db.session.scalar(select(Participant))
        assert participant.user.role == "participant" and participant.user.large_text is True
        assert db.session.scalar(select(User).where(User.username == "made")).large_text is True


def test_the_switch_needs_the_pages_csrf_token_and_only_goes_back_to_this_site(browser, client):
    assert client.post("/text-size", data={"large": "1"}).status_code == 400
    assert 'class="large-text"' not in client.get("/").get_data(as_text=True)
    response = browser.post("/text-size", {"large": "1", "next": "//example.com/"}, page="/")
    assert response.headers["Location"] == "/"


def test_every_page_offers_the_switch_as_a_form_that_works_without_javascript(client):
    html = client.get("/auth/login").get_data(as_text=True)
    assert 'formaction="/text-size" name="large" value="1"' in html and "Teks besar" in html


@pytest.fixture
def learner_in_module(login):
    browser = login()
    take_test(browser, "pre")
    return browser


@pytest.mark.parametrize("page", ["/modules/satu/step/1", "/modules/satu/check", "/latihan/", "/latihan/akun"])
def test_lessons_checks_and_practice_pages_offer_dengarkan_hidden_until_a_voice_is_found(learner_in_module, page):
    browser = learner_in_module
    if page == "/modules/satu/check":  # every step read first
        read_steps(browser, "satu")
    if page == "/latihan/akun":
        browser.post("/latihan/mulai", {"person": "siti"}, page="/latihan/")
    html = browser.get(page).get_data(as_text=True)
    assert LISTEN.search(html), page
    assert "Dengarkan" in html and 'data-stop="Berhenti"' in html and "js/listen.js" in html


def test_test_questions_offer_dengarkan(login):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    html = browser.get("/test/pre").get_data(as_text=True)
    assert 'name="q-' in html and LISTEN.search(html)


def test_pages_that_are_not_lessons_tests_or_practice_have_no_dengarkan(client, create_user):
    assert 'id="listen"' not in client.get("/auth/login").get_data(as_text=True)
    assert 'id="listen"' not in as_facilitator(Browser(client), create_user).get("/fasilitator/").get_data(as_text=True)
