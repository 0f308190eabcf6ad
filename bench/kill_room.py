"""Kill room: kill -9 the server in the middle of a room's pretest, restart it, count what was lost.

N phones join one session over real HTTP and take the pretest, autosaving one answer at a time
(0.5–1.5 s per question) as static/js/test.js does. --kill-after seconds into the answering, the
gunicorn master and all its workers get SIGKILL at once (one process group); gunicorn is started
again at once on the same port and SQLite file, with the same SECRET_KEY. A phone whose request
fails keeps the answer and sends it again with backoff, then goes on with its old cookies (no
re-join) and submits. Then the database is checked: every answer the server acknowledged (200,
{"saved": true}) must be stored with the acknowledged option. Reports answers acknowledged, lost
and stored; participants resumed and submitted; the outage; errors during it and after; and the
SQLite journal mode and synchronous setting the app's connections ran with.
Usage: .venv/bin/python bench/kill_room.py [-n 100] [--kill-after 8] [--workers 4] [--threads 4]
"""
import argparse
import http.client
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from quota_race import CSRF, ROOT, Learner, free_port  # noqa: E402
from room_poll import CODE, children, setup_database, stat  # noqa: E402

TRIES = 40  # per request: with backoff capped at 2 s, over a minute of outage before a phone gives up


class Server:
    """gunicorn in a process group of its own, on one port and one database, so it can die whole."""

    def __init__(self, url, workers, threads):
        self.base = f"http://127.0.0.1:{free_port()}"
        self.env = dict(os.environ, DATABASE_URL=url, SECRET_KEY="bench-secret", RATELIMIT_ENABLED="0")
        self.command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads",
                        str(threads), "--bind", self.base[len("http://"):], "--log-level", "warning",
                        "--access-logfile", "/dev/null", "app:create_app()"]

    def start(self):
        """Start gunicorn; returns the moment it first answers a request."""
        self.process = subprocess.Popen(self.command, cwd=ROOT, env=self.env, start_new_session=True)
        for _ in range(600):
            try:
                urllib.request.urlopen(self.base + "/", timeout=2).close()
                return time.monotonic()
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("gunicorn did not answer within 30 s")

    def kill(self):
        """SIGKILL to the master and every worker at once; returns (moment, processes killed)."""
        workers = children(self.process.pid)
        killed = time.monotonic()
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        waiting = list(workers)
        for _ in range(500):  # a dead worker is a zombie until reaped: its sockets are closed already
            try:
                if all(stat(pid)[0] == "Z" for pid in waiting):
                    break
            except OSError:  # reaped meanwhile
                waiting = [pid for pid in waiting if Path(f"/proc/{pid}").exists()]
            time.sleep(0.01)
        return killed, 1 + len(workers)

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


class Phone(Learner):
    """One participant's phone; `log` holds (sent, answered, status, accepted) for each request made."""

    def __init__(self, base, number):
        super().__init__(base)
        self.number, self.log, self.acked, self.submitted = number, [], {}, False

    def call(self, path, data, headers=None):
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, body, headers or {})
        try:
            try:
                with self.opener.open(request, timeout=30) as response:
                    return response.status, "", response.read().decode()
            except urllib.error.HTTPError as error:  # a 302 arrives here too (no redirects followed)
                return error.code, error.headers.get("Location", ""), error.read().decode(errors="replace")
        except (OSError, http.client.HTTPException):  # refused, reset, cut off mid-answer
            return 0, "", ""

    def send(self, path, data, accepted, rng, headers=None):
        """Send until the server accepts it, as test.js keeps unsent answers and sends them again."""
        for attempt in range(TRIES):
            sent = time.monotonic()
            status, location, body = self.call(path, data, headers)
            ok = accepted(status, location, body)
            self.log.append((sent, time.monotonic(), status, ok))
            if ok:
                return True
            time.sleep(min(2.0, 0.2 * 2 ** attempt) * rng.uniform(0.5, 1.0))
        return False

    def join(self):
        self.post(f"/j/{CODE}", {"code": CODE, "name": f"Peserta {self.number}"})
        self.post("/test/pre/start", {"confidence": "3"}, page="/test/pre")
        page = self.request("/test/pre")[2]
        self.token = CSRF.search(page).group(1)
        self.attempt_id = int(re.search(r'data-attempt="(\d+)"', page).group(1))
        self.options = Counter(re.findall(r'name="q-([a-z0-9-]+)"', page))  # item -> radio buttons

    def take_pretest(self, go):
        rng = random.Random(self.number)
        go.wait()
        for item, count in self.options.items():
            time.sleep(rng.uniform(0.5, 1.5))  # reading the question
            choice = str(rng.randrange(count))
            if self.send("/test/pre/answer", {"item": item, "choice": choice}, saved, rng,
                         headers={"X-CSRFToken": self.token}):
                self.acked[item] = choice
        answers = {f"q-{item}": choice for item, choice in self.acked.items()}
        self.submitted = self.send("/test/pre/submit", {"csrf_token": self.token, **answers}, done, rng)


def saved(status, location, body):
    return status == 200 and json.loads(body).get("saved") is True


def done(status, location, body):
    return status == 302 and location.endswith("/test/pre/done")


def check_database(url, phones):
    """(acknowledged, lost, stored, submitted, journal mode, synchronous) from the database file."""
    from sqlalchemy import func, select, text

    from app import create_app
    from app.extensions import db
    from app.models import Answer, Attempt
    app = create_app({"SECRET_KEY": "kill", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        acknowledged = lost = 0
        for phone in phones:
            attempt = db.session.get(Attempt, phone.attempt_id)
            stored = {answer.item_id: answer.option for answer in attempt.answers}
            for item, position in phone.acked.items():
                acknowledged += 1
                lost += stored.get(item) != attempt.option_orders[item][int(position)]
        stored = db.session.scalar(select(func.count(Answer.id)))
        submitted = db.session.scalar(select(func.count(Attempt.id)).where(Attempt.status == "submitted"))
        journal = db.session.scalar(text("PRAGMA journal_mode"))  # on the app's own connection setup
        synchronous = ("OFF", "NORMAL", "FULL", "EXTRA")[db.session.scalar(text("PRAGMA synchronous"))]
        return acknowledged, lost, stored, submitted, journal, synchronous


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=100, help="phones in the room (default 100)")
    parser.add_argument("--kill-after", type=float, default=8, help="seconds into the answering (default 8)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/kill.sqlite"
        session_id = setup_database(url)
        from app import create_app
        from app.extensions import db
        from app.models import TrainingSession
        with create_app({"SECRET_KEY": "kill", "SQLALCHEMY_DATABASE_URI": url}).app_context():
            db.session.get(TrainingSession, session_id).pretest = "open"
            db.session.commit()
            db.engine.dispose()
        server, moments = Server(url, args.workers, args.threads), {}
        go = threading.Barrier(args.n + 1, timeout=120)  # the phones start answering with the clock

        def kill_and_restart():
            go.wait()
            moments["began"] = time.monotonic()
            time.sleep(args.kill_after)
            moments["killed"], moments["processes"] = server.kill()
            moments["ready"] = server.start()
        try:  # gunicorn runs in a session of its own: Ctrl+C or a failure here must not leave it behind
            server.start()
            phones = [Phone(server.base, number) for number in range(args.n)]
            with ThreadPoolExecutor(max_workers=16) as pool:
                list(pool.map(Phone.join, phones))
            killer = threading.Thread(target=kill_and_restart)
            killer.start()
            with ThreadPoolExecutor(max_workers=args.n) as pool:
                list(pool.map(lambda phone: phone.take_pretest(go), phones))
            killer.join()
            finished = time.monotonic()
        finally:
            server.stop()
        acknowledged, lost, stored, submitted, journal, synchronous = check_database(url, phones)
    killed, ready = moments["killed"], moments["ready"]
    requests = [request for phone in phones for request in phone.log]
    failures = [(sent, answered) for sent, answered, _, ok in requests if not ok]
    before = sum(1 for sent, answered in failures if answered < killed)
    after = sum(1 for sent, answered in failures if sent >= ready)
    during = len(failures) - before - after
    cut = sum(1 for sent, answered in failures if sent < killed <= answered)  # in flight at the kill
    caught = [phone for phone in phones if any(answered >= killed for _, answered, _, _ in phone.log)]
    resumed = sum(1 for phone in caught  # the restarted server's first response accepted the old cookie
                  if next((ok for sent, _, status, ok in phone.log if sent >= killed and status), False))
    held = [answered - sent for sent, answered, _, ok in requests if ok and killed <= sent < ready]
    print(f"SQLite (journal_mode={journal}, synchronous={synchronous}), gunicorn {args.workers} workers × "
          f"{args.threads} threads, {args.n} phones, {os.cpu_count()} cores")
    print(f"SIGKILL to {moments['processes']} processes {killed - moments['began']:.1f} s into the answering; "
          f"answering again {ready - killed:.2f} s later (outage); run {finished - moments['began']:.1f} s, "
          f"{len(requests)} requests")
    print(f"answers acknowledged {acknowledged}, lost {lost}, stored {stored}")
    print(f"participants: still answering at the kill {len(caught)}, resumed with their old cookie (no "
          f"re-join) {resumed}; pretests submitted {submitted} of {args.n} "
          f"(phones told so: {sum(phone.submitted for phone in phones)})")
    print(f"failed requests: before the kill {before}, during the outage {during} (cut off in flight {cut}), "
          f"after the restart {after}; sent during the outage and answered by the new server "
          f"{len(held)}, after up to {max(held, default=0):.2f} s")
    ok = lost == 0 and stored == acknowledged and before == after == 0
    ok = ok and resumed == len(caught) and submitted == args.n
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
