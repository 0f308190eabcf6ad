"""End-to-end fixtures: the real app over real HTTP, driven in headless Debian Chromium."""
import os
import shutil
import threading
from pathlib import Path

import pytest
from flask_migrate import upgrade
from werkzeug.serving import make_server

from app import create_app
from app.setup import load_content, load_offices

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
ARTIFACTS = Path(__file__).parent.parent.parent / "test-artifacts"


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}: CI must install it")
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


def shipped_app(folder):
    """The app with the shipped course and offices, on a fresh SQLite file in folder."""
    app = create_app({"SECRET_KEY": "e2e-secret", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'e2e.sqlite'}",
                      # every browser here comes from one or two loopback addresses, where a room's phones
                      # each have their own: the per-address limits are tested in tests/test_throttling.py
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        assert load_content() == [] and load_offices() == []
    return app


@pytest.fixture(scope="session")
def e2e_app(tmp_path_factory):
    return shipped_app(tmp_path_factory.mktemp("e2e"))


@pytest.fixture(scope="session")
def live_server(e2e_app):
    """The app on a free port over real HTTP, for the whole e2e session."""
    server = make_server("127.0.0.1", 0, e2e_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield browser
        browser.close()


@pytest.fixture
def phone(chromium, live_server):
    """A fresh phone-sized browser tab (360 px wide) on the live server."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=live_server,
                                   device_scale_factor=1, is_mobile=True, has_touch=True)
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.requests = requests
    yield page
    context.close()
