"""What the practice keeps for itself (app/sandbox/machinery.py) stays apart from what the learner
typed, through every problem the practice stages."""
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from app.domain.sandbox_flow import ACCOUNT, FAMILY, steps_for
from app.extensions import db
from app.models import Booking
from tests.sandbox.test_sandbox_pages import calendar_days, run_of
from tests.sandbox.walk import walk


def typed_only(answers):
    """Every key a page of this application, or how many applicants the learner added."""
    return set(answers) <= set(steps_for(answers)) | {FAMILY}


def test_a_practice_with_every_problem_keeps_only_what_was_typed_in_the_answers(wayan, app):
    browser = wayan
    walk(browser, "tanggal", start={"person": "siti"})
    browser.post("/latihan/mulai", {"person": "siti", "problems": "y"}, page="/latihan/")
    free, _ = calendar_days(browser.get("/latihan/tanggal").get_data(as_text=True))
    browser.post("/latihan/tanggal", {"tanggal": free[0]})  # the day fills up under the learner's fingers
    walk(browser, "periksa")
    assert browser.post("/latihan/periksa").status_code == 503  # the signal drops: the application goes aside
    browser.post("/latihan/coba-lagi")
    assert browser.post("/latihan/periksa").headers["Location"].endswith("/latihan/pemesanan")
    run = run_of(app)
    assert typed_only(run.answers) and "data-diri" in run.answers
    assert set(run.machinery) == {"inbox", "password_hash", "closed_day", "connection_dropped", "uploads"}
    assert run.machinery["closed_day"] == free[0] and set(run.machinery["uploads"]) == {"ktp", "dokumen"}

    with app.app_context():  # the billing code runs out: the app starts the application over
        db.session.scalar(select(Booking)).billing_issued_at = datetime.now(UTC) - timedelta(hours=2, seconds=1)
        db.session.commit()
    browser.get("/latihan/pemesanan")
    page = "".join(browser.get(url).get_data(as_text=True) for url in ("/latihan/layanan", "/latihan/inbox"))
    run = run_of(app)
    assert set(run.answers) == set(ACCOUNT[:3])
    assert run.machinery["expired_bookings"][0]["booking_code"]
    assert "data-diri" in run.machinery["set_aside"]["answers"] and "uploads" not in run.machinery
    assert set(run.machinery["set_aside"]["uploads"]) == {"ktp", "dokumen"}
    assert "Pakai isian tadi" in page and run.machinery["password_hash"] not in page
