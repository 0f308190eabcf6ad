from sqlalchemy import select

from app.extensions import db
from app.models import User

SIGNUP = {"display_name": "Nenek Wayan", "username": "Wayan.S", "email": "",
          "password": "bunga-melati-7", "password_again": "bunga-melati-7"}


def test_sign_up_creates_an_account_with_a_hashed_password_and_signs_in(browser, app):
    response = browser.post("/auth/signup", SIGNUP)
    assert response.status_code == 302
    home = browser.get("/").get_data(as_text=True)
    assert "Halo, Nenek Wayan" in home
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.username == "wayan.s" and user.email is None and user.role == "learner"
        assert "bunga-melati-7" not in user.password_hash and user.check_password("bunga-melati-7")


def test_each_signup_mistake_is_told_at_its_field_and_entries_are_kept(browser):
    data = dict(SIGNUP, username="wayan s", email="wayan@", password_again="lain-lain-9")
    response = browser.post("/auth/signup", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="username-error"' in html and "tanpa spasi" in html
    assert 'id="email-error"' in html and "nama@contoh.id" in html
    assert 'id="password_again-error"' in html and "tidak sama" in html
    assert 'href="#username"' in html  # the error summary links to the field
    assert 'value="Nenek Wayan"' in html and 'value="wayan s"' in html


def test_a_taken_username_and_a_weak_password_are_refused(browser, create_user):
    create_user("wayan.s")
    html = browser.post("/auth/signup", dict(SIGNUP, password="12345678",
                                             password_again="12345678")).get_data(as_text=True)
    assert "sudah dipakai" in html and "terlalu mudah ditebak" in html


def test_a_wrong_password_is_refused_with_one_clear_message(browser, create_user):
    create_user("siti", "rahasia-siti-1")
    html = browser.post("/auth/login", {"username": "siti", "password": "salah-salah"}).get_data(as_text=True)
    assert "Nama pengguna atau kata sandi salah" in html
    assert "Halo," not in browser.get("/").get_data(as_text=True)


def test_sign_in_is_case_insensitive_and_sign_out_ends_the_session(browser, create_user):
    create_user("siti", "rahasia-siti-1")
    assert browser.post("/auth/login", {"username": "SITI", "password": "rahasia-siti-1"}).status_code == 302
    assert "Halo, Siti" in browser.get("/").get_data(as_text=True)
    browser.post("/auth/logout", page="/")
    assert browser.get("/modules/satu").status_code == 302
    assert "Halo," not in browser.get("/").get_data(as_text=True)


def test_login_never_redirects_to_another_site(browser, create_user):
    create_user("siti", "rahasia-siti-1")
    response = browser.post("/auth/login?next=//evil.example/x",
                            {"username": "siti", "password": "rahasia-siti-1"}, page="/auth/login")
    assert response.headers["Location"] == "/"
