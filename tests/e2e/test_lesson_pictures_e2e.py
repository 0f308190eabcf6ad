"""Lesson pictures on a phone: a tap shows the picture large; Tutup, Escape and Back return."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_learner_journey_e2e import answer_every_question, sign_up, start_pretest

pytestmark = pytest.mark.e2e


def first_step_with_a_picture(page):
    page.get_by_role("link", name="Mulai modul 1").click()
    for _ in range(20):
        if page.locator(".step a > img").count():
            return page.locator(".step a > img").first
        page.locator(".step-nav a").click()
    raise AssertionError("module 1 has no picture")


def test_a_tapped_lesson_picture_opens_large_and_tutup_escape_and_back_return(phone):
    page = phone
    sign_up(page)
    start_pretest(page)
    answer_every_question(page)
    page.get_by_role("button", name="Kirim jawaban").click()
    picture = first_step_with_a_picture(page)
    page.wait_for_load_state("load")  # zoom.js is deferred
    step_url, small_width = page.url, picture.bounding_box()["width"]
    viewer = page.locator("#zoom")

    picture.tap()
    expect(viewer).to_be_visible()
    large = viewer.locator("img")
    expect(large).to_have_attribute("src", picture.get_attribute("src"))
    assert large.get_attribute("alt") == picture.get_attribute("alt")
    assert large.bounding_box()["width"] > 1.3 * small_width  # larger than in the lesson
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the page itself stays put
    viewer.get_by_role("button", name="Tutup").tap()
    expect(viewer).to_be_hidden()
    assert page.url == step_url

    picture.tap()
    expect(viewer).to_be_visible()
    page.keyboard.press("Escape")
    expect(viewer).to_be_hidden()

    picture.tap()
    expect(viewer).to_be_visible()
    page.go_back()  # the phone's Back button closes the picture, not the lesson
    expect(viewer).to_be_hidden()
    assert page.url == step_url
    expect(page.locator(".step h1")).to_be_visible()
    assert re.search(r"/static/courses/mpaspor/[0-9a-z-]+\.svg", picture.get_attribute("src"))
