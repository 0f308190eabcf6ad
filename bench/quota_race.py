"""Quota race: N learners submit complete bookings at once for one slot of quota Q.

Starts the app under gunicorn with several worker processes on a fresh database (SQLite by
default, or --database-url), walks N learners over real HTTP through the sandbox up to
"check your answers" for the same office, day and time, then fires all N submits at once.
Prints `booked=Q full=N-Q errors=0` when the quota held, and checks the database agrees.

Usage: .venv/bin/python bench/quota_race.py [-n 100] [-q 10] [--workers 4] [--database-url URL]
"""
import argparse
import contextlib
import http.cookiejar
import os
import re
import runpy
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAN = runpy.run_path(str(ROOT / "gunicorn.conf.py"))  # `make lan`'s server settings: the benchmarks' defaults
sys.path.insert(0, str(ROOT))
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Learner:
    """One phone: its own cookies, real HTTP requests."""

    def __init__(self, base):
        self.base = base
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=60) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")

    def post(self, path, data, page=None):
        _, _, html = self.request(page or path)
        token = CSRF.search(html).group(1)
        status, location, _ = self.request(path, {"csrf_token": token, **data})
        if status != 302:
            raise RuntimeError(f"POST {path} answered {status}")
        return location


def prepare(base, number, day):
    """Sign a learner up and take them to "check your answers" for the raced slot."""
    learner = Learner(base)
    learner.post("/auth/signup", {"display_name": f"Peserta {number}", "username": f"race{number}",
                                  "password": "balapan-kuota-1", "password_again": "balapan-kuota-1"})
    learner.post("/latihan/mulai", {"person": "budi", "cara": "isi"}, page="/latihan/")
    learner.post("/latihan/akun", {"nama_lengkap": "BUDI CONTOH", "tanggal_lahir": "1985-08-17",
                                   "jenis_kelamin": "L", "email": f"race{number}@contoh.id",
                                   "nomor_ponsel": "081200001002", "kata_sandi": "Balapan123",
                                   "setuju": "y"})
    code = re.search(r'class="code">(\d{6})<', learner.request("/latihan/inbox")[2]).group(1)
    learner.post("/latihan/verifikasi", {"kode": code})
    learner.post("/latihan/masuk", {"email": f"race{number}@contoh.id", "kata_sandi": "Balapan123"})
    for path, data in (("layanan", {"layanan": "reguler"}), ("peringatan", {}),
                       ("pemohon", {"pemohon": "dewasa"}), ("lokasi", {"kantor": "denpasar"}),
                       ("jenis-paspor", {"paspor": "biasa-5"}), ("ktp", {"contoh": "1"}),
                       ("data-diri", {"nik": "3273011708850002", "nomor_kk": "3273010202100004",
                                      "nama_lengkap": "BUDI CONTOH", "tempat_lahir": "BANDUNG",
                                      "tanggal_lahir": "1985-08-17", "jenis_kelamin": "L",
                                      "status_kawin": "kawin"}),
                       ("kuesioner", {"jenis": "baru", "tujuan": "wisata"}), ("dokumen", {"contoh": "1"}),
                       ("data-pemohon", {"aksi": "lanjut"}), ("tanggal", {"tanggal": day}),
                       ("jam", {"jam": "08:00"})):
        learner.post(f"/latihan/{path}", data)
    learner.token = CSRF.search(learner.request("/latihan/periksa")[2]).group(1)
    return learner


def submit(learner, start):
    start.wait()
    status, location, _ = learner.request("/latihan/periksa", {"csrf_token": learner.token})
    if status == 302 and location.endswith("/latihan/pemesanan"):
        return "booked"
    if status == 302 and location.endswith("/latihan/tanggal"):
        return "full"
    return f"error {status}"


def percentile(sorted_seconds, q):
    """The q-th (0–1) of sorted times in seconds, in ms: the nearest rank, as every benchmark here reports it."""
    return sorted_seconds[min(len(sorted_seconds) - 1, int(q * len(sorted_seconds)))] * 1000


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def gunicorn(url, workers, threads):
    """The app under gunicorn on a free local port, for the duration of the block: yields its base URL."""
    port = free_port()
    # One machine plays every phone from one address: the per-address sign-in/join limits are off.
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench-secret", RATELIMIT_ENABLED="0")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads),
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", "app:create_app()"],
        cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def setup_database(url, quota):
    """A fresh database with the content, the offices, and one slot of the given quota."""
    from datetime import date, timedelta

    from flask_migrate import upgrade
    from sqlalchemy import select

    from app import create_app
    from app.setup import load_content, load_offices
    from app.extensions import db
    from app.models import BookingSlot
    from app.sandbox.services import ensure_slots, office_by_code

    app = create_app({"SECRET_KEY": "race", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(db.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade(directory=app.extensions["migrate"].directory)
        assert load_content() == [] and load_offices() == []
        office = office_by_code("denpasar")
        day = ensure_slots(office, date.today() + timedelta(days=1), 1)[0]
        slot = db.session.scalar(select(BookingSlot).where(BookingSlot.office_id == office.id,
                                                           BookingSlot.day == day,
                                                           BookingSlot.time == "08:00"))
        slot.quota = quota
        db.session.commit()
    return app, day.isoformat()


def count_in_database(app, day):
    from datetime import date

    from sqlalchemy import func, select

    from app.extensions import db
    from app.models import Booking, BookingSlot
    with app.app_context():
        slot = db.session.scalar(select(BookingSlot).where(BookingSlot.day == date.fromisoformat(day),
                                                           BookingSlot.time == "08:00",
                                                           BookingSlot.quota != 0)
                                 .order_by(BookingSlot.quota))
        bookings = db.session.scalar(select(func.count(Booking.id)).where(Booking.slot_id == slot.id))
        return slot.booked, bookings


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="learners racing (default 100)")
    parser.add_argument("-q", type=int, default=10, help="the slot's quota (default 10)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/race.sqlite"
        app, day = setup_database(url, args.q)
        with gunicorn(url, args.workers, 4) as base:
            began = time.monotonic()
            with ThreadPoolExecutor(max_workers=16) as pool:
                learners = list(pool.map(lambda n: prepare(base, n, day), range(args.n)))
            prepared = time.monotonic() - began
            start = threading.Barrier(args.n)
            began = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.n) as pool:
                results = list(pool.map(lambda learner: submit(learner, start), learners))
            raced = time.monotonic() - began
        booked, full = results.count("booked"), results.count("full")
        errors = len(results) - booked - full
        in_db, rows = count_in_database(app, day)
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"{database}, {args.workers} gunicorn workers: {args.n} learners prepared in "
              f"{prepared:.1f} s, {args.n} simultaneous submits answered in {raced:.2f} s")
        print(f"database: slot booked={in_db}, booking rows={rows}")
        print(f"booked={booked} full={full} errors={errors}")
        return 0 if booked == in_db == rows == args.q and full == args.n - args.q and not errors else 1


if __name__ == "__main__":
    sys.exit(main())
