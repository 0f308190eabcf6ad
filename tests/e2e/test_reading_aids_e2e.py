"""Reading aids in a phone-sized Chromium: "Dengarkan" with a stand-in for the phone's voices,
and "Teks besar" making the text larger without a sideways scroll at 360 px."""
import json
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS
from tests.e2e.test_learner_journey_e2e import answer_every_question, sign_up, start_pretest

pytestmark = pytest.mark.e2e

INDONESIAN = {"name": "Bahasa Indonesia", "lang": "id-ID", "localService": True}
ENGLISH = {"name": "English (US)", "lang": "en-US", "localService": True}

# Stands in for window.speechSynthesis: it notes what is spoken, and its voices arrive a moment
# after the page loads, with a 'voiceschanged' event, as on Android (or are there from the start,
# as on a phone whose voices are already loaded, or when the test calls window.__deliverVoices).
# window.__hold keeps an utterance speaking until the test says so.
FAKE_SPEECH = """
(voices, atStart) => {
  const spoken = [], synth = new EventTarget();
  let current = null, ready = atStart === true ? voices : [];
  const finish = (utterance, event) => {
    if (current !== utterance) return;
    current = null;
    synth.speaking = false;
    if (utterance[event]) utterance[event]({type: event});
  };
  synth.getVoices = () => ready;
  synth.speaking = false;
  synth.pending = false;
  synth.speak = (utterance) => {
    spoken.push({text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name});
    current = utterance;
    synth.speaking = true;
    setTimeout(() => { if (!window.__hold) finish(utterance, "onend"); }, 5);
  };
  synth.cancel = () => { if (current) finish(current, "onerror"); };
  class Utterance { constructor(text) { this.text = text; this.lang = ""; this.voice = null; } }
  Object.defineProperty(window, "speechSynthesis", {value: synth, configurable: true});
  Object.defineProperty(window, "SpeechSynthesisUtterance", {value: Utterance, configurable: true});
  window.__spoken = spoken;
  window.__deliverVoices = () => { ready = voices; synth.dispatchEvent(new Event("voiceschanged")); };
  if (atStart !== "on demand") setTimeout(window.__deliverVoices, 300);
}
"""


def with_voices(page, *voices, at_start=False):
    page.add_init_script(f"({FAKE_SPEECH})({json.dumps(list(voices))}, {json.dumps(at_start)})")


def listen_button(page):
    return page.locator("#listen")


def spoken(page):
    return page.evaluate("window.__spoken")


def test_dengarkan_reads_a_test_page_in_the_indonesian_voice_and_stops_when_pressed_again(phone):
    page = phone
    # Voices there from the start, as on a phone that has loaded them before.
    with_voices(page, ENGLISH, INDONESIAN, at_start=True)
    sign_up(page)
    start_pretest(page)
    button = listen_button(page)
    button.wait_for()  # shown once the voices arrived
    button.click()
    expect(button).to_have_text("Dengarkan")  # read to the end
    said = spoken(page)
    text = " ".join(part["text"] for part in said)
    assert {part["lang"] for part in said} == {"id-ID"} and {part["voice"] for part in said} == {"Bahasa Indonesia"}
    first_question = page.locator("fieldset.radios legend").first.inner_text()
    first_option = page.locator("fieldset.radios label").first.inner_text()
    assert text.startswith("Tes awal") and first_question in text and first_option in text
    assert all(len(part["text"]) <= 180 for part in said)  # pieces short enough for Android Chrome
    for chrome in ("Dengarkan", "Kirim jawaban", "Gabung sesi", "Paspor Pintar adalah", "Langsung ke isi"):
        assert chrome not in text, chrome

    page.evaluate("window.__hold = true; window.__spoken.length = 0")
    button.click()
    assert button.inner_text().strip() == "Berhenti"
    button.click()
    assert button.inner_text().strip() == "Dengarkan" and len(spoken(page)) == 1
    assert page.locator(".reading").count() == 0


def test_an_english_page_is_read_in_the_english_voice(phone):
    page = phone
    with_voices(page, INDONESIAN, ENGLISH)
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="Start learning").wait_for()
    listen_button(page).click()
    page.wait_for_function("() => window.__spoken.length > 0")
    assert {part["lang"] for part in spoken(page)} == {"en-US"}


def test_the_text_stays_put_when_dengarkan_appears(phone):
    """The voices arrive after the page is drawn: a slow reader's tap must not land on a button
    that has just pushed the text down under her finger."""
    page = phone
    with_voices(page, INDONESIAN, at_start="on demand")
    page.goto("/")
    heading = page.locator("main h1")
    before = heading.bounding_box()
    assert listen_button(page).is_hidden()
    page.evaluate("window.__deliverVoices()")
    expect(listen_button(page)).to_be_visible()
    assert heading.bounding_box() == before


@pytest.mark.parametrize("voices", [[], [ENGLISH], None], ids=["no voices", "no Indonesian voice", "no speech"])
def test_dengarkan_stays_hidden_without_a_voice_for_the_page(phone, voices):
    page = phone
    if voices is None:
        page.add_init_script("Object.defineProperty(window, 'speechSynthesis', {value: undefined})")
    else:
        with_voices(page, *voices)
    page.goto("/")
    page.wait_for_timeout(600)  # past the moment the stand-in's voices arrive
    assert listen_button(page).count() == 1 and listen_button(page).is_hidden()


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def font_size(page, selector):
    return page.locator(selector).first.evaluate("element => parseFloat(getComputedStyle(element).fontSize)")


def test_teks_besar_makes_the_text_larger_with_no_sideways_scroll_at_360_px(phone):
    page = phone
    sign_up(page)
    normal = font_size(page, "main p")
    page.get_by_role("button", name="Teks besar").click()
    page.wait_for_selector("html.large-text")
    assert font_size(page, "main p") == pytest.approx(normal * 1.25)
    assert page.get_by_role("button", name="Teks besar").get_attribute("aria-pressed") == "true"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "large-text-home.png", full_page=True)
    assert no_sideways_scroll(page)

    start_pretest(page)  # the choice is kept on every page
    assert page.locator("html.large-text").count() == 1 and no_sideways_scroll(page)
    page.screenshot(path=ARTIFACTS / "large-text-test.png", full_page=True)
    answer_every_question(page)
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("link", name="Mulai modul 1").click()
    page.locator("article.step").wait_for()
    assert no_sideways_scroll(page)
    page.screenshot(path=ARTIFACTS / "large-text-step.png", full_page=True)
    page.goto("/latihan/")
    assert no_sideways_scroll(page)
    page.screenshot(path=ARTIFACTS / "large-text-practice.png", full_page=True)

    page.get_by_role("button", name="Teks besar").click()  # and off again
    page.wait_for_selector("html:not(.large-text)")
    assert re.search(r"/latihan/$", page.url)
