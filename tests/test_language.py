"""Indonesian by default; English chosen from any page and remembered."""
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from sqlalchemy import select

from app.extensions import db
from app.models import User

ROOT = Path(__file__).parent.parent
CATALOGUE = ROOT / "app/translations/en/LC_MESSAGES/messages.po"


def test_pages_are_in_indonesian_by_default(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="id">' in html and "Mulai belajar" in html


def test_english_is_chosen_from_any_page_and_remembered(browser):
    response = browser.post("/language", {"lang": "en", "next": "/auth/login"}, page="/auth/login")
    assert response.headers["Location"] == "/auth/login"
    html = browser.get("/auth/login").get_data(as_text=True)
    assert '<html lang="en">' in html and "Sign in" in html and "Kata sandi" not in html
    assert "Start learning" in browser.get("/").get_data(as_text=True)


def test_a_signed_in_learners_choice_is_kept_on_their_account(login, app):
    browser = login()
    browser.post("/language", {"lang": "en"}, page="/")
    with app.app_context():
        assert db.session.scalar(select(User.locale)) == "en"
    browser.post("/test/pre/start", {"confidence": "4"}, page="/test/pre")
    html = browser.get("/test/pre").get_data(as_text=True)
    assert "Question t" in html and "Soal t" not in html  # item text follows the language


def test_an_unknown_language_is_ignored(browser):
    browser.post("/language", {"lang": "fr"}, page="/")
    assert '<html lang="id">' in browser.get("/").get_data(as_text=True)


def test_the_english_catalogue_translates_every_string_in_the_code(tmp_path):
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
                    "babel.cfg", "-k", "_l", "-k", "_app:1c,2", "-o", str(pot), "app"], cwd=ROOT, check=True)
    with pot.open("rb") as extracted, CATALOGUE.open("rb") as po:
        wanted = {(m.context, m.id) for m in read_po(extracted) if m.id}
        catalogue = read_po(po)
    have = {(m.context, m.id): m for m in catalogue if m.id}
    missing = sorted(wanted - set(have))
    untranslated = sorted(m.id for m in have.values() if not m.string or m.fuzzy)
    assert missing == [], "run: flask translate update"
    assert untranslated == []
