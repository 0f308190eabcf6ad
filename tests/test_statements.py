"""Hot requests send a fixed, small number of statements: a room of 200 phones pays for each one
(issue 13). The counts are of statements, not milliseconds, so they hold on a busy machine."""
import re

from tests.conftest import Browser
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session
from tests.learn.test_learner_journey import lanjut, read_steps, take_test
from tests.sandbox.test_sandbox_pages import to_check
from tests.sandbox.walk import ANSWERS, walk
from tests.statements import statements


def test_an_autosave_and_a_step_cost_a_few_statements_and_a_submit_one_upsert(login, app):
    browser = login()
    browser.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    page = browser.get("/test/pre").get_data(as_text=True)
    items = list(dict.fromkeys(re.findall(r'name="q-([a-z0-9-]+)"', page)))
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    with statements(app) as sent:
        assert browser.client.post("/test/pre/answer", data={"csrf_token": token, "item": items[0],
                                                             "choice": "0"}).status_code == 200
    assert len(sent) <= 4, sent
    with statements(app) as sent:
        browser.client.post("/test/pre/submit", data={"csrf_token": token, **{f"q-{i}": "0" for i in items}})
    assert len(sent) <= 12 and sum(s.startswith("INSERT INTO answer") for s in sent) == 1, sent
    browser.get("/modules/satu/step/1")
    with statements(app) as sent:
        assert browser.get("/modules/satu/step/1").status_code == 200
    assert len(sent) <= 4 and not any(s.startswith(("UPDATE", "INSERT")) for s in sent), sent


def test_the_board_costs_the_same_statements_for_three_people_or_twelve(create_user, app):
    facilitator = as_facilitator(Browser(app.test_client()), create_user)
    session_id = new_session(facilitator)
    rows = f"/fasilitator/sesi/{session_id}/papan/baris"

    def board_statements():
        with statements(app) as sent:
            assert facilitator.get(rows).status_code == 200
        return len(sent)
    for n in range(3):
        join(app.test_client(), code_of(app, session_id), f"Peserta {n}")
    few = board_statements()
    for n in range(3, 12):
        phone = join(app.test_client(), code_of(app, session_id), f"Peserta {n}")
        if n % 2:
            phone.post("/latihan/mulai", {"person": "siti"}, page="/latihan/")
    assert board_statements() == few <= 8


def test_a_phone_in_a_room_reads_a_step_in_three_statements(create_user, app):
    """The room's most common request: the user, their place in the session and the session come
    in one statement, the module rows in one, the tests and practice in one."""
    facilitator = as_facilitator(Browser(app.test_client()), create_user)
    session_id = new_session(facilitator)
    facilitator.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"}, page="/fasilitator/")
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    take_test(phone, "pre")
    assert phone.get("/modules/satu/step/1").status_code == 200
    with statements(app) as sent:
        page = phone.get("/modules/satu/step/1")
    assert page.status_code == 200 and "room-watch" in page.get_data(as_text=True)
    assert len(sent) <= 3 and not any(s.startswith(("UPDATE", "INSERT")) for s in sent), sent


def test_moving_on_to_the_next_step_is_one_request_with_one_write(create_user, app):
    """'Lanjut' is a link: the next step's page saves that it was reached and is sent in the same
    request, in a fixed number of statements (a room of 200 phones does this 80 times each)."""
    facilitator = as_facilitator(Browser(app.test_client()), create_user)
    session_id = new_session(facilitator)
    facilitator.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"}, page="/fasilitator/")
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    take_test(phone, "pre")
    first = phone.get("/modules/satu/step/1").get_data(as_text=True)
    with statements(app) as sent:
        page = phone.get(lanjut(first))
    assert page.status_code == 200 and "room-watch" in page.get_data(as_text=True)
    writes = [s for s in sent if s.startswith(("UPDATE", "INSERT"))]
    assert len(writes) == 1 and writes[0].startswith("UPDATE module_progress"), sent
    assert len(sent) <= 4 and sent[-1] is writes[0], sent  # nothing read again after the write


def test_answering_a_modules_checks_saves_them_after_one_read_of_the_journey(login, app):
    """The answers and the module's completion are written last, with nothing read again after
    them: the page that says what comes next was built from what the request had read."""
    browser = login()
    take_test(browser, "pre")
    read_steps(browser, "satu")
    page = browser.get("/modules/satu/check").get_data(as_text=True)
    names = set(re.findall(r'name="(item_[a-z0-9-]+)"', page))
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    with statements(app) as sent:
        answered = browser.client.post("/modules/satu/check", data={"csrf_token": token, **{n: "a" for n in names}})
    assert answered.status_code == 200 and "/modules/dua" in answered.get_data(as_text=True)  # module two is next
    writes = [s for s in sent if s.startswith(("UPDATE", "INSERT"))]
    assert [w.split()[1 + w.startswith("INSERT")] for w in writes] == ["check_answer", "module_progress"], sent
    assert len(sent) <= 6 and sent[-len(writes):] == writes, sent


def test_opening_a_module_for_the_first_time_reads_the_learners_modules_once(create_user, app):
    """All the learner's module rows are read for the journey; a module missing from them has no
    row yet, so it is made at once, without asking for it again (200 phones open nine modules)."""
    facilitator = as_facilitator(Browser(app.test_client()), create_user)
    session_id = new_session(facilitator)
    facilitator.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"}, page="/fasilitator/")
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    take_test(phone, "pre")
    with statements(app) as sent:
        opened = phone.get("/modules/satu")
    assert opened.headers["Location"].endswith("/modules/satu/step/1")
    assert sum(s.startswith("SELECT module_progress.") for s in sent) == 1, sent
    assert sum(s.startswith("INSERT INTO module_progress") for s in sent) == 1, sent


def practice_reads(sent):
    return sum(s.startswith("SELECT sandbox_run.") for s in sent)


def practising(login, runner):
    runner.invoke(args=["setup"])  # the practice's offices
    return login("wayan", "rahasia-wayan-1")


def test_sending_a_practice_page_reads_the_run_once(login, runner, app):
    """A room's practice is some twenty pages sent per phone, all in the same minutes: the run is
    read, changed and written once, and the next page's address comes from the run in hand, not
    from reading it again after the commit."""
    wayan = practising(login, runner)
    walk(wayan, "jenis-paspor", start={"person": "siti"})
    with statements(app) as sent:
        sent_page = wayan.post("/latihan/jenis-paspor", ANSWERS["jenis-paspor"])
    assert sent_page.headers["Location"].endswith("/latihan/ktp")
    assert practice_reads(sent) == 1 and sent[-1].startswith("UPDATE sandbox_run"), sent


def test_the_booking_page_reads_the_booking_once_when_nothing_changed(login, runner, app):
    """Opening the booking brings its status up to date; when nothing changed it writes nothing,
    so the page does not read the run, the booking and the user again after a commit."""
    wayan = practising(login, runner)
    to_check(wayan, app)
    wayan.post("/latihan/periksa", page="/latihan/periksa")
    with statements(app) as sent:
        page = wayan.get("/latihan/pemesanan")
    assert page.status_code == 200 and "Menunggu Pembayaran" in page.get_data(as_text=True)
    assert practice_reads(sent) == 1 and sum(s.startswith("SELECT booking.") for s in sent) == 1, sent
    assert sum(bool(re.match(r'SELECT "?user"?\.', s)) for s in sent) == 1  # quoted on PostgreSQL
    assert not any(s.startswith(("UPDATE", "INSERT", "DELETE")) for s in sent), sent
