"""A counterbalanced room: half take form A then B, half B then A; the review shows both orders,
each form's KR-20, and flags a planted too-easy item and a planted mis-keyed item."""
import re

from tests.conftest import FIXTURES
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session

OPTION = re.compile(r'name="q-([a-z0-9-]+)"[^>]*value="(\d)"[^>]*>\s*<label[^>]*>Jawaban ([abc]) untuk (\d+)<')
PEOPLE = 8
TOO_EASY, MISKEYED = 1, 8  # item numbers in tests/fixtures/forms


def right_answer(number):
    return "abc"[number % 3]


def knows(person, number, kind):
    """Who gets item `number` right: abler people more often, everyone more after the session;
    everyone the too-easy item; only the weakest the mis-keyed one."""
    if number == TOO_EASY:
        return True
    if number == MISKEYED:
        return person < 3
    threshold = (number * 3) % PEOPLE - (3 if kind == "post" else 0)
    return person >= threshold


def sit(phone, kind, person):
    if kind == "pre":
        phone.post("/test/pre/start", {"confidence": "2"}, page="/test/pre")
    else:
        phone.post("/test/post/start", page="/test/post")
    html = phone.get(f"/test/{kind}").get_data(as_text=True)
    choices = {}
    for item_id, position, key, number in OPTION.findall(html):
        number = int(number)
        wanted = right_answer(number) if knows(person, number, kind) else next(
            k for k in "abc" if k != right_answer(number))
        if key == wanted:
            choices[f"q-{item_id}"] = position
    assert len(choices) == 4
    phone.post(f"/test/{kind}/submit", choices, page=f"/test/{kind}")
    if kind == "post":
        phone.post("/test/post/done", {"confidence": "4"}, page="/test/post/done")


def test_a_counterbalanced_room_shows_both_orders_and_flags_planted_items(browser, create_user, app):
    app.config["CONTENT_ROOT"] = str(FIXTURES / "forms")
    as_facilitator(browser, create_user)
    session_id = new_session(browser)
    phones = [join(app.test_client(), code_of(app, session_id), f"Peserta {n}") for n in range(PEOPLE)]
    pace = lambda action, **more: browser.post(f"/fasilitator/sesi/{session_id}/atur",  # noqa: E731
                                               {"action": action, **more}, page="/fasilitator/")
    pace("open-pretest")
    for person, phone in enumerate(phones):
        sit(phone, "pre", person)
    pace("close-pretest")
    pace("open-posttest", **{"for": "everyone"})
    for person, phone in enumerate(phones):
        sit(phone, "post", person)
    pace("close-posttest")
    html = browser.get(f"/fasilitator/hasil?sesi={session_id}").get_data(as_text=True)
    orders = html[html.index("Kenaikan menurut urutan bentuk tes"):]
    assert "A→B" in orders and "B→A" in orders
    assert html.count("<td>A</td><td>Tes awal</td><td>4</td>") == 1  # KR-20 of form A's pretest: 4 people
    row = lambda number: re.search(rf"<tr><td>Soal bentuk [ab] nomor {number}\?.*?</tr>", html, re.S).group(0)  # noqa: E731
    assert "Hampir semua sudah tahu sebelum sesi" in row(TOO_EASY)
    assert "periksa kunci jawabannya" in row(MISKEYED)
    assert "periksa kunci jawabannya" not in row(2) and "Hampir semua" not in row(2)


def test_authors_see_every_item_across_their_sessions(browser, create_user, app):
    test_a_counterbalanced_room_shows_both_orders_and_flags_planted_items(browser, create_user, app)
    html = browser.get("/fasilitator/analisis-soal").get_data(as_text=True)
    assert "1 sesi dengan 8 peserta" in html and "periksa kunci jawabannya" in html
    assert html.count("Soal bentuk") == 8
