"""Guessing is slowed down: sign-in, sign-up, join codes, personal codes and the score import
answer 429 (in the reader's language) after a few tries a minute from one address."""
import pytest

from app import create_app
from app.extensions import db
from tests.conftest import Browser


@pytest.fixture
def throttled(app):
    """The same database, with the limits on (the other tests post from one address)."""
    limited = create_app({**app.config, "RATELIMIT_ENABLED": True})
    yield limited
    create_app({**app.config, "RATELIMIT_ENABLED": False})  # Flask-Limiter's switch is per process
    with limited.app_context():  # its own engine: close its connections (PostgreSQL warns otherwise)
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("url, data, allowed", [
    ("/auth/login", {"username": "siapa", "password": "salah-salah-1"}, 10),
    ("/auth/signup", {"username": "x"}, 5),
    ("/gabung", {"code": "ZZZZZZ", "name": "Siti"}, 20),
    ("/lanjut", {"code": "AAAAAA"}, 10),
])
def test_guessing_gets_a_429_after_a_few_tries_a_minute(throttled, url, data, allowed):
    browser = Browser(throttled.test_client())
    statuses = [browser.post(url, data).status_code for _ in range(allowed + 2)]
    assert 429 not in statuses[:allowed] and statuses[-1] == 429
    page = browser.post(url, data).get_data(as_text=True)
    assert "Terlalu banyak percobaan" in page and "Tunggu satu menit" in page
    other = Browser(throttled.test_client())
    assert other.post(url, data, environ_base={"REMOTE_ADDR": "10.42.0.7"}).status_code != 429


def test_a_failed_sign_in_costs_the_same_whether_or_not_the_user_exists(browser, create_user, monkeypatch):
    create_user("siti", "rahasia-siti-1")
    checked = []
    import app.auth.routes as routes
    real = routes.check_password_hash
    monkeypatch.setattr(routes, "check_password_hash", lambda h, p: checked.append(h) or real(h, p))
    browser.post("/auth/login", {"username": "tidak-ada", "password": "rahasia-siti-1"})
    method = browser.client.application.config["PASSWORD_HASH_METHOD"].split(":")[0]
    assert len(checked) == 1 and checked[0].startswith(method)  # a real hash was checked
