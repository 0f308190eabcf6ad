"""A login ends when asked: Keluar and a new password make every old cookie worthless."""
from tests.conftest import Browser


def copy_cookies(source, target):
    for cookie in source.client._cookies.values():
        target.client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)


def test_after_logout_an_old_session_and_remember_cookie_sign_nobody_in(login, app):
    browser = login()
    thief = Browser(app.test_client())
    copy_cookies(browser, thief)  # a copy of both cookies, taken before Keluar
    assert "Halo, Siti" in thief.get("/").get_data(as_text=True)
    browser.post("/auth/logout", page="/")
    assert "Halo, Siti" not in thief.get("/").get_data(as_text=True)
    assert "Halo, Siti" not in browser.get("/").get_data(as_text=True)


def test_a_reset_password_ends_old_logins_and_the_new_one_works(login, app, runner):
    browser = login()
    result = runner.invoke(args=["users", "reset-password", "siti"])
    assert result.exit_code == 0 and "new password for 'siti'" in result.output
    new = result.output.rsplit(": ", 1)[1].strip()
    assert "Halo, Siti" not in browser.get("/").get_data(as_text=True)
    fresh = Browser(app.test_client())
    assert fresh.post("/auth/login", {"username": "siti", "password": new}).status_code == 302


def test_resetting_an_unknown_account_is_one_line_and_status_2(runner):
    result = runner.invoke(args=["users", "reset-password", "tidak-ada"])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0
