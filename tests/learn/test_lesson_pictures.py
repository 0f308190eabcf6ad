"""A step page shows the picture of its own language, as a link that opens it large."""
import shutil
from pathlib import Path

from tests.learn.test_learner_journey import take_test

GOOD = Path(__file__).parent.parent / "fixtures" / "good"


def course_with_english_picture(app, tmp_path):
    """The good fixture, its English page showing layar.en.svg."""
    root = tmp_path / "content"
    shutil.copytree(GOOD, root)
    shutil.copy(root / "static/courses/demo/layar.svg", root / "static/courses/demo/layar.en.svg")
    page = root / "courses/demo/01-satu.en.md"
    page.write_text(page.read_text(encoding="utf-8").replace("(layar.svg)", "(layar.en.svg)"), encoding="utf-8")
    app.config["CONTENT_ROOT"] = str(root)


def test_the_english_step_shows_the_english_picture_and_the_indonesian_step_the_shared_one(app, login, tmp_path):
    course_with_english_picture(app, tmp_path)
    browser = login()
    take_test(browser, "pre")
    indonesian = browser.get("/modules/satu/step/1").get_data(as_text=True)
    assert '<a href="/static/courses/demo/layar.svg"' in indonesian
    assert '<img src="/static/courses/demo/layar.svg" alt="Layar masuk">' in indonesian
    assert "layar.en.svg" not in indonesian
    browser.post("/language", {"lang": "en", "next": "/"}, page="/")
    english = browser.get("/modules/satu/step/1").get_data(as_text=True)
    assert '<a href="/static/courses/demo/layar.en.svg"' in english
    assert '<img src="/static/courses/demo/layar.en.svg" alt="The sign-in screen">' in english


def test_a_step_with_a_picture_has_the_viewer_and_a_step_without_one_loads_nothing_more(login):
    browser = login()
    take_test(browser, "pre")
    with_picture = browser.get("/modules/satu/step/1").get_data(as_text=True)
    assert '<dialog class="zoom" id="zoom"' in with_picture and "/static/js/zoom.js?v=" in with_picture
    assert 'class="button zoom-close">Tutup</button>' in with_picture
    without = browser.get("/modules/satu/step/2").get_data(as_text=True)
    assert "zoom" not in without


def test_a_test_question_shows_its_picture_in_the_pages_language_when_one_exists(app):
    """Items name one picture; an English page shows NAME.en.svg when the course ships one."""
    from app.i18n import picture
    shipped = "courses/mpaspor/09-kuota-penuh.svg"
    assert (Path(app.static_folder) / "courses/mpaspor/09-kuota-penuh.en.svg").is_file()
    from flask import session
    with app.test_request_context("/"):
        session["lang"] = "en"
        assert picture(shipped) == "courses/mpaspor/09-kuota-penuh.en.svg"
        assert picture("courses/mpaspor/04-jenis-paspor.svg") == "courses/mpaspor/04-jenis-paspor.svg"  # app text only
    with app.test_request_context("/"):
        session["lang"] = "id"
        assert picture(shipped) == shipped
