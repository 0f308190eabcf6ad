"""Room rush: N phones join one session and take the pretest at the same moment.

The peak of a real outreach room: everyone joins by the session link, starts the pretest,
answers its 27 items (each answer autosaved, as the page's script does) and submits, while
the facilitator's board refreshes every 5 s. Runs gunicorn on a fresh SQLite database (or
--database-url) and reports the p50/p95/max latency per request, errors, and whether every
answer sent is in the database. Usage: .venv/bin/python bench/room_rush.py [-n 200] [--workers 4]
"""
import argparse
import random
import re
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from quota_race import CSRF, Learner, gunicorn, percentile  # noqa: E402

TIMES, LOCK = [], threading.Lock()


class TimedLearner(Learner):
    def request(self, path, data=None, headers=None):
        began = time.perf_counter()
        result = super().request(path, data) if headers is None else self._with_headers(path, data, headers)
        with LOCK:
            TIMES.append((time.perf_counter() - began, result[0]))
        return result

    def _with_headers(self, path, data, headers):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, body, headers)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, "", response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, "", error.read().decode(errors="replace")


def participant(base, code, number, start, think, join_over):
    phone = TimedLearner(base)
    pause = random.Random(number)
    start.wait()
    time.sleep(join_over * pause.random())  # people scan the QR code over a minute, not at once
    phone.post(f"/j/{code}", {"code": code, "name": f"Peserta {number}"})
    phone.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
    page = phone.request("/test/pre")[2]
    token = CSRF.search(page).group(1)
    items = list(dict.fromkeys(re.findall(r'name="q-([a-z0-9-]+)"', page)))
    sent = {}
    for position, item in enumerate(items):
        time.sleep(think * pause.uniform(0.5, 1.5))  # reading the question
        choice = str((number + position) % 4)
        status = phone.request("/test/pre/answer", {"item": item, "choice": choice},
                               headers={"X-CSRFToken": token})[0]
        if status == 200:
            sent[item] = choice
    phone.request("/test/pre/submit", {"csrf_token": token, **{f"q-{i}": c for i, c in sent.items()}})
    return len(sent)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--think", type=float, default=3.0,
                        help="mean seconds a person spends on a question (0: a stress test)")
    parser.add_argument("--join-over", type=float, default=60.0,
                        help="seconds over which the phones join (0: all at the same instant)")
    args = parser.parse_args()
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from app import create_app
    from app.setup import create_user, load_content, load_offices
    from app.extensions import db
    from app.models import Answer, Attempt, TrainingSession
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/room.sqlite"
        app = create_app({"SECRET_KEY": "room", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
            load_content(), load_offices()
            facilitator = create_user("fasilitator", "ruang-uji-123", "facilitator")
            training_session = TrainingSession(facilitator_id=facilitator.id, name="Uji ruang", place="Lab",
                                               held_on=__import__("datetime").date.today(), course_id="mpaspor",
                                               join_code="RUANGX", pretest="open")
            db.session.add(training_session)
            db.session.commit()
        with gunicorn(url, args.workers, 8) as base:
            board = TimedLearner(base)
            board.post("/auth/login", {"username": "fasilitator", "password": "ruang-uji-123"})
            done = threading.Event()

            def watch():
                while not done.wait(5):
                    board.request("/fasilitator/sesi/1/papan/baris")
            threading.Thread(target=watch, daemon=True).start()
            start = threading.Barrier(args.n)
            began = time.monotonic()
            with ThreadPoolExecutor(max_workers=args.n) as pool:
                sent = list(pool.map(lambda n: participant(base, "RUANGX", n, start, args.think, args.join_over),
                                     range(args.n)))
            elapsed = time.monotonic() - began
            done.set()
        with app.app_context():
            stored = db.session.scalar(select(func.count(Answer.id)))
            submitted = db.session.scalar(select(func.count(Attempt.id)).where(Attempt.status == "submitted"))
    latencies = sorted(t for t, _ in TIMES)
    errors = sum(1 for _, status in TIMES if status >= 500 or status == 0)
    database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
    print(f"{database}, {args.workers} gunicorn workers × 8 threads, {args.n} phones, "
          f"joining over {args.join_over:g} s, think time {args.think:g} s: "
          f"{len(latencies)} requests in {elapsed:.1f} s")
    print(f"latency p50 {percentile(latencies, 0.5):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
          f"max {latencies[-1] * 1000:.0f} ms; "
          f"server errors {errors}")
    print(f"answers sent {sum(sent)}, stored {stored}; pretests submitted {submitted} of {args.n}")
    return 0 if errors == 0 and stored == sum(sent) and submitted == args.n else 1


if __name__ == "__main__":
    sys.exit(main())
