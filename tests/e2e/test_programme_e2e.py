"""The programme lead's pages on a 360 px phone: nothing scrolls sideways but the wide tables."""
from datetime import date

import pytest

from app.setup import create_user
from tests.programme.conftest import run_session

pytestmark = pytest.mark.e2e


@pytest.fixture
def lead(e2e_app, phone):
    with e2e_app.app_context():
        run_session(e2e_app, "Bu Programa", "Balai Desa Sukamaju", date(2026, 11, 23), [(3, 12), (5, 14), (None, 9)])
        create_user("kepala.e2e", "program-rahasia-1", "programme", "Kepala")
    phone.goto("/auth/login")
    phone.get_by_label("Nama pengguna").fill("kepala.e2e")
    phone.get_by_label("Kata sandi").fill("program-rahasia-1")
    phone.get_by_role("button", name="Masuk").click()
    phone.wait_for_url("**/program/")
    return phone


def test_the_programme_pages_fit_a_phone(lead, live_server):
    for url in ("/program/", "/program/?tempat=Balai+Desa+Sukamaju", "/program/soal", "/program/unggah",
                "/program/laporan"):
        lead.goto(url)
        assert lead.evaluate("document.documentElement.scrollWidth") <= 360, url
    lead.goto("/program/")
    assert lead.locator("text=Balai Desa Sukamaju").count() >= 1
    assert lead.locator("svg.plot").count() == 1
    assert all(request.startswith(live_server) for request in lead.requests)
