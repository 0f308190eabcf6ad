"""The learner's journey through the test client: locks, order, progress, results."""
import re

from sqlalchemy import select

from app.extensions import db
from app.models import Attempt, ModuleProgress


def take_test(browser, kind, choose=lambda item_id, n: "0", confidence="3"):
    """Start and submit a test, picking an option position per item. Returns the attempt page."""
    if kind == "pre":
        browser.post("/test/pre/start", {"confidence": confidence}, page="/test/pre")
    else:
        browser.post("/test/post/start", page="/test/post")
    page = browser.get(f"/test/{kind}").get_data(as_text=True)
    item_ids = re.findall(r'name="q-([a-z0-9-]+)"', page)
    item_ids = list(dict.fromkeys(item_ids))
    answers = {f"q-{item_id}": choose(item_id, n) for n, item_id in enumerate(item_ids)}
    return browser.post(f"/test/{kind}/submit", answers, page=f"/test/{kind}")


def lanjut(html):
    """Where a step page's "Lanjut" link (or "Ke pertanyaan latihan" on the last step) goes."""
    return re.search(r'<p class="step-nav">\s*<a class="button" href="([^"]+)"', html).group(1)


def read_steps(browser, module_id):
    """Follow each step's "Lanjut" link, as a person taps it, up to the module's check."""
    next_page = f"/modules/{module_id}/step/1"
    while "/step/" in next_page:
        page = browser.get(next_page)
        assert page.status_code == 200, next_page
        next_page = lanjut(page.get_data(as_text=True))
    return next_page


def finish_module(browser, module_id):
    assert read_steps(browser, module_id) == f"/modules/{module_id}/check"
    page = browser.get(f"/modules/{module_id}/check").get_data(as_text=True)
    names = set(re.findall(r'name="(item_[a-z0-9-]+)"', page))
    return browser.post(f"/modules/{module_id}/check", {name: "a" for name in names},
                        page=f"/modules/{module_id}/check")


def test_modules_stay_locked_until_the_pretest_is_submitted(login):
    browser = login()
    response = browser.get("/modules/satu/step/1")
    assert response.status_code == 302
    assert "Kerjakan tes awal dulu" in browser.get("/").get_data(as_text=True)


def test_the_pretest_opens_first_and_asks_confidence_before_it_starts(login):
    browser = login()
    home = browser.get("/").get_data(as_text=True)
    assert "/test/pre" in home and "Mulai tes awal" in home
    start = browser.get("/test/pre").get_data(as_text=True)
    assert 'name="confidence"' in start
    response = browser.post("/test/pre/start", {}, page="/test/pre")
    assert response.status_code == 400
    assert "Pilih satu angka dari 1 sampai 5." in response.get_data(as_text=True)


def test_the_pretest_is_taken_once_and_shows_no_correctness(login, app):
    browser = login()
    response = take_test(browser, "pre")
    assert response.status_code == 302
    done = browser.get("/test/pre/done").get_data(as_text=True)
    assert "Benar" not in done and "Salah" not in done and "/4" not in done
    # A second submit, or starting again, changes nothing.
    again = browser.post("/test/pre/submit", {}, page="/")
    assert again.status_code == 302 and again.headers["Location"].endswith("/test/pre/done")
    with app.app_context():
        attempts = db.session.scalars(select(Attempt)).all()
        assert len(attempts) == 1 and attempts[0].submitted and attempts[0].confidence == 3


def test_unanswered_items_are_marked_and_chosen_answers_kept(login, app):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "2"}, page="/test/pre")
    page = browser.get("/test/pre").get_data(as_text=True)
    first, *rest = list(dict.fromkeys(re.findall(r'name="q-([a-z0-9-]+)"', page)))
    response = browser.post("/test/pre/submit", {f"q-{first}": "1"}, page="/test/pre")
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert html.count('class="error-message"') == len(rest)
    assert re.search(rf'id="q-{first}-1"[^>]*checked|checked[^>]*id="q-{first}-1"', html)
    reloaded = browser.get("/test/pre").get_data(as_text=True)
    assert re.search(rf'checked[^>]*id="q-{first}-1"|id="q-{first}-1"[^>]*checked', reloaded)


def test_modules_open_in_order_and_progress_is_saved_per_step(login, app):
    browser = login()
    take_test(browser, "pre")
    assert browser.get("/modules/dua/step/1").status_code == 302  # module 2 waits for module 1
    first = browser.get("/modules/satu/step/1").get_data(as_text=True)
    assert '<a class="button" href="/modules/satu/step/2">Lanjut</a>' in first  # one tap, one request
    assert browser.get("/modules/satu/step/2").status_code == 200  # open because step 1 was read
    # Continue where you left off: the module opens at the step reached.
    response = browser.get("/modules/satu")
    assert response.headers["Location"].endswith("/modules/satu/step/2")
    with app.app_context():
        row = db.session.scalar(select(ModuleProgress))
        assert (row.current_step, row.steps_seen, row.completed_at) == (1, 2, None)


def test_a_step_ahead_of_what_was_read_cannot_be_skipped_to(login):
    browser = login()
    take_test(browser, "pre")
    assert browser.get("/modules/satu/step/2").headers["Location"].endswith("/modules/satu/step/1")
    assert browser.get("/modules/satu/check").headers["Location"].endswith("/modules/satu/step/1")


def test_check_yourself_gives_immediate_feedback_and_completes_the_module(login):
    browser = login()
    take_test(browser, "pre")
    response = finish_module(browser, "satu")
    html = response.get_data(as_text=True)
    assert "Belum tepat." in html and "Jawaban yang benar: Pilihan b soal 1" in html
    assert "Penjelasan 1." in html
    assert browser.get("/modules/dua/step/1").status_code == 200


def test_posttest_stays_locked_until_every_module_and_the_practice_are_done(login, complete_practice):
    browser = login()
    take_test(browser, "pre")
    finish_module(browser, "satu")
    assert browser.get("/test/post").status_code == 302
    finish_module(browser, "dua")
    assert browser.get("/test/post").status_code == 302
    home = browser.get("/").get_data(as_text=True)
    assert "Mulai latihan M-Paspor" in home and 'href="/latihan/"' in home
    complete_practice()
    assert browser.get("/test/post").status_code == 200


def test_the_whole_journey_ends_with_pre_post_and_gain(login, app, complete_practice):
    browser = login()
    take_test(browser, "pre", choose=lambda item_id, n: "2")
    finish_module(browser, "satu")
    finish_module(browser, "dua")
    complete_practice()
    # Answer every posttest item correctly by reading the stored layout (the page never says).
    browser.post("/test/post/start", page="/test/post")
    with app.app_context():
        attempt = db.session.scalar(select(Attempt).where(Attempt.kind == "post"))
        from app.content import version_items
        items = version_items(attempt.content_hash)
        post_layout = {item_id: str(attempt.option_orders[item_id].index(items[item_id].answer))
                       for item_id in attempt.item_ids}
    response = browser.post("/test/post/submit", {f"q-{k}": v for k, v in post_layout.items()},
                            page="/test/post")
    assert response.headers["Location"].endswith("/test/post/done")
    assert browser.get("/test/results").status_code == 302  # confidence comes first
    browser.post("/test/post/done", {"confidence": "5"}, page="/test/post/done")
    html = browser.get("/test/results").get_data(as_text=True)
    with app.app_context():
        pre = db.session.scalar(select(Attempt).where(Attempt.kind == "pre"))
        assert pre.max_score == 4
        expected_gain = 4 - pre.score
    assert "4/4" in html and f"{pre.score}/4" in html
    assert f"{expected_gain:+d}" in html
    assert html.count("Penjelasan") == 4
    assert "3 sebelum, 5 sesudah" in html or "sebelum" in html


def test_a_module_opened_in_several_tabs_at_once_keeps_one_progress_row(login, app):
    from app.content import get_course
    from app.learn.services import module_progress
    from app.models import User
    from tests.races import race
    browser = login()
    take_test(browser, "pre")

    def open_tab():
        user = db.session.scalar(select(User).where(User.username == "siti"))
        module_id = module_progress(user, get_course(), "satu").module_id
        db.session.commit()
        return module_id

    assert race(app, [open_tab] * 6) == ["satu"] * 6
    with app.app_context():
        assert len(db.session.scalars(select(ModuleProgress)).all()) == 1


def test_a_test_sent_half_answered_names_the_questions_left(login):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    page = browser.get("/test/pre").get_data(as_text=True)
    first = re.search(r'name="(q-[a-z0-9-]+)"', page).group(1)
    html = browser.post("/test/pre/submit", {first: "0"}, page="/test/pre").get_data(as_text=True)
    summary = html[html.index("error-summary"):html.index("test-form")]
    assert all(f"Soal {n} belum dijawab." in summary for n in (2, 3, 4)) and "Soal 1 belum" not in summary
    assert 'id="answered-count"' in html and "1 dari 4 sudah dijawab" in html
