"""CSRF on every form, and no correct answer in any page before a test is submitted."""
import re

from sqlalchemy import select

from app.extensions import db
from app.models import Answer, Attempt


def test_a_form_posted_without_its_csrf_token_is_refused(client, create_user):
    create_user("siti", "rahasia-siti-1")
    response = client.post("/auth/login", data={"username": "siti", "password": "rahasia-siti-1"})
    assert response.status_code == 400
    assert "perlu dimuat ulang" in response.get_data(as_text=True)
    assert client.post("/language", data={"lang": "en"}).status_code == 400


def test_autosave_without_the_csrf_header_is_refused(login):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    assert browser.client.post("/test/pre/answer", data={"item": "t-satu-1", "choice": "0"}).status_code == 400


def test_the_test_page_holds_no_answer_and_no_explanation(login, app):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    html = browser.get("/test/pre").get_data(as_text=True)
    assert "Penjelasan" not in html and "Explanation" not in html
    values = set(re.findall(r'type="radio" value="([^"]*)"|value="([^"]*)" type="radio"', html))
    assert {v for pair in values for v in pair if v} <= {"0", "1", "2"}  # positions, not keys
    for word in ("answer", "correct", "benar"):
        assert f'data-{word}' not in html


def test_autosave_keeps_answers_for_a_reload_and_says_nothing_about_correctness(login, app):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    page = browser.get("/test/pre").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    item_id = re.search(r'name="q-([a-z0-9-]+)"', page).group(1)
    response = browser.client.post("/test/pre/answer", data={"item": item_id, "choice": "2"},
                                   headers={"X-CSRFToken": token})
    assert response.get_json() == {"saved": True}
    again = browser.client.post("/test/pre/answer", data={"item": item_id, "choice": "1"},
                                headers={"X-CSRFToken": token})
    assert again.status_code == 200
    bad = browser.client.post("/test/pre/answer", data={"item": item_id, "choice": "9"},
                              headers={"X-CSRFToken": token})
    assert bad.status_code == 400
    reloaded = browser.get("/test/pre").get_data(as_text=True)
    assert re.search(rf'checked[^>]*id="q-{item_id}-1"|id="q-{item_id}-1"[^>]*checked', reloaded)
    with app.app_context():
        answers = db.session.scalars(select(Answer)).all()
        assert len(answers) == 1 and answers[0].is_correct is None


def test_a_double_submitted_test_counts_once(login, app):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    page = browser.get("/test/pre").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    answers = {f"q-{i}": "0" for i in set(re.findall(r'name="q-([a-z0-9-]+)"', page))}
    first = browser.client.post("/test/pre/submit", data={"csrf_token": token, **answers})
    second = browser.client.post("/test/pre/submit", data={"csrf_token": token, **answers})
    assert first.status_code == second.status_code == 302
    with app.app_context():
        attempts = db.session.scalars(select(Attempt)).all()
        assert len(attempts) == 1 and attempts[0].submitted
        assert len(db.session.scalars(select(Answer)).all()) == 4


def test_pages_allow_assets_from_this_server_only(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "http" not in response.get_data(as_text=True).split("<body")[0]  # no external head assets


def test_with_a_public_url_other_host_headers_are_refused(app):
    from app import create_app
    room = create_app({**app.config, "PUBLIC_URL": "http://192.168.137.1:5000", "TRUSTED_HOSTS": None})
    client = room.test_client()
    assert client.get("/gabung", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/gabung", headers={"Host": "192.168.137.1:5000"}).status_code == 200
    assert client.get("/gabung", headers={"Host": "127.0.0.1:5000"}).status_code == 200
    with room.app_context():  # its own engine: close its connections
        db.session.remove()
        db.engine.dispose()


def test_over_long_addresses_and_headers_get_our_own_page(client):
    long_url = client.get("/gabung?kode=" + "A" * 5000)
    assert long_url.status_code == 414 and "Permintaan tidak bisa diproses" in long_url.get_data(as_text=True)
    big_header = client.get("/gabung", headers={"X-Note": "a" * 9000})
    assert big_header.status_code == 431 and "Permintaan tidak bisa diproses" in big_header.get_data(as_text=True)


def test_under_gunicorn_the_app_refuses_to_start_without_a_secret_key():
    import subprocess
    import sys
    code = "import gunicorn.app.base\nfrom app import create_app\ncreate_app({'SECRET_KEY': ''})"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin"}, cwd=str(__import__("pathlib").Path(__file__).parent.parent))
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_static_files_are_fingerprinted_and_kept_a_year(client):
    page = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]{10})"', page).group(1)
    with client.get(css) as cached:
        assert cached.status_code == 200 and "max-age=31536000" in cached.headers["Cache-Control"]
    with client.get("/static/css/app.css") as plain:  # an old or typed link is revalidated
        assert "no-cache" in plain.headers["Cache-Control"]


def test_accounts_are_hashed_with_scrypt_unless_configured_otherwise():
    """Production hashes with scrypt; only the tests choose a fast method."""
    from app import create_app
    from app.models import User
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt"
    with app.app_context():
        user = User(username="siti", display_name="Siti")
        user.set_password("rahasia-siti-1")
        assert user.password_hash.startswith("scrypt:") and user.check_password("rahasia-siti-1")
