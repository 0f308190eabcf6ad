"""A room in Chromium: a facilitator's board follows phones that join by the session's link."""
import re

import pytest

from app.cli import create_user

pytestmark = pytest.mark.e2e


def test_phones_join_raise_a_hand_and_the_board_follows(chromium, live_server, e2e_app):
    with e2e_app.app_context():
        create_user("bu.ani", "kopi-tubruk-9", "facilitator", "Bu Ani")
    laptop = chromium.new_context(viewport={"width": 1280, "height": 800}, base_url=live_server)
    board = laptop.new_page()
    board.goto("/auth/login")
    board.get_by_label("Nama pengguna").fill("bu.ani")
    board.get_by_label("Kata sandi").fill("kopi-tubruk-9")
    board.get_by_role("button", name="Masuk").click()
    board.get_by_role("link", name="Sesi saya").click()
    board.get_by_role("link", name="Buat sesi baru").click()
    board.get_by_label("Nama sesi").fill("Sosialisasi Sanur")
    board.get_by_label("Tempat").fill("Balai Banjar")
    board.get_by_role("button", name="Simpan").click()
    code = board.locator(".join-code").inner_text()
    join_url = board.locator(".join-url").inner_text()
    assert join_url.endswith(f"/j/{code}") and board.locator(".qr svg").count() == 1
    board.get_by_role("link", name="Buka papan pantau").click()

    phones = []
    for name in ("Wayan", "Made", "Wayan"):
        phone = chromium.new_context(viewport={"width": 360, "height": 740}, base_url=live_server,
                                     is_mobile=True, has_touch=True).new_page()
        phone.goto(join_url)
        phone.get_by_label("Nama Anda").fill(name)
        phone.get_by_role("button", name="Gabung").click()
        assert phone.locator(".participant-bar .code").is_visible()
        phones.append(phone)
    assert "fasilitator akan membuka tes awal" in phones[0].content()
    phones[1].get_by_role("button", name=re.compile("Saya perlu bantuan")).click()

    board.wait_for_selector("text=Wayan (2)", timeout=15000)  # the rows refresh by themselves
    assert board.locator("tr.hand").count() == 1 and "Made" in board.locator("tr.hand").inner_text()
    assert board.get_by_text("3 peserta").first.is_visible()

    board.get_by_role("button", name="Buka tes awal").click()
    phones[0].reload()
    phones[0].get_by_role("link", name="Mulai tes awal").click()
    assert phones[0].get_by_role("heading", name="Tes awal").is_visible()
    laptop.close()
