"""Room poll: what N phones polling the room's state cost the laptop over a session.

Waiting phones run static/js/room.js: every 4 s plus up to 1 s, GET /ruang/<id>/keadaan with the
last ETag, mostly answered 304. N phones join one session over real HTTP (their cookies ride
along), then poll for --seconds while the facilitator opens the pretest, closes it and opens the
posttest for everyone. Reports requests/s, share of 304s, latency, errors, the gunicorn workers'
CPU (/proc) and share of the cores, bytes per response, and how long each change took to reach
the last phone; first, for scale, the same for a bare Flask "hello" app polled the same way.
Both run `make lan`'s gunicorn (gunicorn.conf.py) on loopback, on a fresh SQLite file.
Usage: .venv/bin/python bench/room_poll.py [-n 200] [--seconds 300] [--hello-seconds 60]
       [--workers 4] [--threads 4] [--database-url URL]
"""
import argparse
import contextlib
import json
import os
import random
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from quota_race import CSRF, LAN, Learner, gunicorn, percentile  # noqa: E402

POLL = 3.0  # ROOM_POLL_SECONDS (app/__init__.py); room.js adds up to 1 s of jitter
CODE, PASSWORD = "POLLRM", "ruang-poll-123"
CHANGES = [  # (moment as a share of the run, the facilitator's form, what phones must then see)
    (0.2, {"action": "open-pretest"}, {"pre": "open"}),
    (0.5, {"action": "close-pretest", "collect": "yes"}, {"pre": "closed"}),
    (0.8, {"action": "open-posttest", "for": "everyone"}, {"post": "open", "for": "everyone"}),
]
HELLO = 'from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n' \
        '    app.add_url_rule("/", "hello", lambda: "hello")\n    return app\n'


class Phone(Learner):
    """room.js on one phone: each poll sends the last ETag; keeps what it heard and when."""

    def __init__(self, base, path):
        super().__init__(base)
        self.path, self.etag = path, None
        self.polls, self.seen = [], []  # (seconds, status, bytes on the wire); (time, body) of each 200

    def poll(self):
        request = urllib.request.Request(self.base + self.path,
                                         headers={"If-None-Match": self.etag} if self.etag else {})
        began = time.monotonic()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, reason, head, body = response.status, response.reason, response.headers, response.read()
        except urllib.error.HTTPError as error:  # a 304 arrives here too
            status, reason, head, body = error.code, error.reason, error.headers, error.read()
        except OSError:
            self.polls.append((time.monotonic() - began, 0, 0))
            return
        heard = time.monotonic()
        size = len(f"HTTP/1.1 {status} {reason}\r\n\r\n") + sum(len(k) + len(v) + 4 for k, v in head.items())
        self.polls.append((heard - began, status, size + len(body)))
        if status == 200:
            self.etag = head.get("ETag")
            self.seen.append((heard, body))


def keep_polling(phone, until, rng):
    time.sleep(rng.uniform(0, POLL + 1))  # the pages were opened over a few seconds
    while time.monotonic() < until:
        phone.poll()
        time.sleep(max(0.0, min(POLL + rng.random(), until - time.monotonic())))


def stat(pid):
    """/proc/<pid>/stat after the command name: [state, ppid, …, utime (11), stime (12), …]."""
    with open(f"/proc/{pid}/stat") as file:
        return file.read().rsplit(")", 1)[1].split()


def children(pid):
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError):
            if int(stat(entry)[1]) == pid:
                found.append(int(entry))
    return found


def gunicorn_workers(count):
    """The workers: children of the gunicorn master, which is this script's only child."""
    for _ in range(100):
        pids = [worker for master in children(os.getpid()) for worker in children(master)]
        if len(pids) >= count:
            return pids
        time.sleep(0.1)
    raise RuntimeError(f"expected {count} gunicorn workers, found {pids}")


def cpu_seconds(pids):
    return sum(int(stat(pid)[11]) + int(stat(pid)[12]) for pid in pids) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def lan_options(extra=""):
    """Extra gunicorn options for the block (quota_race.gunicorn hands GUNICORN_CMD_ARGS on); the
    rest is `make lan`'s own gunicorn.conf.py, read from the repository (no access log)."""
    os.environ["GUNICORN_CMD_ARGS"] = extra
    try:
        yield
    finally:
        del os.environ["GUNICORN_CMD_ARGS"]


def measure(phones, seconds, workers, facilitator=lambda began: []):
    """Let every phone poll for the given seconds; the facilitator acts meanwhile."""
    pids = gunicorn_workers(workers)
    cpu, own, began = cpu_seconds(pids), os.times(), time.monotonic()
    with ThreadPoolExecutor(max_workers=len(phones)) as pool:
        running = [pool.submit(keep_polling, phone, began + seconds, random.Random(number))
                   for number, phone in enumerate(phones)]
        changes = facilitator(began)
        for future in running:
            future.result()
    elapsed, after = time.monotonic() - began, os.times()
    if gunicorn_workers(workers) != pids:
        raise RuntimeError("a gunicorn worker was replaced during the run: CPU figures are void")
    return {"elapsed": elapsed, "cpu": cpu_seconds(pids) - cpu, "changes": changes,
            "client": after.user + after.system - own.user - own.system}


def pace_room(facilitator, session_id, token, began, seconds):
    """The facilitator's clicks at their moments: (sent, answered, action, what phones must see)."""
    done = []
    for share, form, expect in CHANGES:
        time.sleep(max(0.0, began + share * seconds - time.monotonic()))
        sent = time.monotonic()
        status = facilitator.request(f"/fasilitator/sesi/{session_id}/atur", {"csrf_token": token, **form})[0]
        if status != 302:
            raise RuntimeError(f"{form['action']} answered {status}")
        done.append((sent, time.monotonic(), form["action"], expect))
    return done


def reach(phones, sent, expect):
    """Seconds from the click to each phone's first 200 showing the change (inf: never saw it)."""
    def first(phone):
        return min((heard - sent for heard, body in phone.seen if heard >= sent
                    and all(json.loads(body).get(key) == value for key, value in expect.items())),
                   default=float("inf"))
    return sorted(first(phone) for phone in phones)


def report(name, phones, run):
    polls = [poll for phone in phones for poll in phone.polls]
    latencies = sorted(seconds for seconds, _, _ in polls)
    errors = sum(1 for _, status, _ in polls if status not in (200, 304))
    sizes = {status: statistics.mean(size for _, s, size in polls if s == status)
             for status in (200, 304) if any(s == status for _, s, _ in polls)}
    not_modified = sum(1 for _, status, _ in polls if status == 304)
    cores = os.cpu_count()
    print(f"{name}: {len(phones)} phones, {run['elapsed']:.0f} s, {len(polls)} requests, "
          f"{len(polls) / run['elapsed']:.1f} requests/s, 304s {100 * not_modified / len(polls):.1f}%")
    print(f"  latency p50 {percentile(latencies, 0.5):.1f} ms, p95 {percentile(latencies, 0.95):.1f} ms, "
          f"p99 {percentile(latencies, 0.99):.1f} ms, max {latencies[-1] * 1000:.0f} ms; errors {errors}")
    print(f"  gunicorn workers' CPU {run['cpu']:.1f} s = {100 * run['cpu'] / (run['elapsed'] * cores):.1f}% "
          f"of {cores} cores, {1000 * run['cpu'] / len(polls):.2f} ms per request; bytes per response "
          + ", ".join(f"{status}: {size:.0f} B" for status, size in sizes.items())
          + f"; the simulated phones (this script) used {run['client']:.1f} s of CPU")
    reached = True
    for sent, answered, action, expect in run["changes"]:
        times = reach(phones, sent, expect)
        reached &= times[-1] != float("inf")
        print(f"  {action}: every phone saw it within {times[-1]:.2f} s of the click (median "
              f"{statistics.median(times):.2f} s); the click itself took {1000 * (answered - sent):.0f} ms")
    return errors == 0 and reached


def setup_database(url):
    """A fresh database with the course, a facilitator and one session waiting to begin."""
    from datetime import date

    from flask_migrate import upgrade

    from app import create_app
    from app.setup import create_user, load_content
    from app.extensions import db
    from app.models import TrainingSession
    app = create_app({"SECRET_KEY": "poll", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(db.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade(directory=app.extensions["migrate"].directory)
        load_content()
        facilitator = create_user("fasilitator", PASSWORD, "facilitator")
        training_session = TrainingSession(facilitator_id=facilitator.id, name="Uji polling", place="Lab",
                                           held_on=date.today(), course_id="mpaspor", join_code=CODE)
        db.session.add(training_session)
        db.session.commit()
        return training_session.id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="phones in the room (default 200)")
    parser.add_argument("--seconds", type=float, default=300, help="how long the room polls (default 300)")
    parser.add_argument("--hello-seconds", type=float, default=60, help="the bare app's run (0: skip it)")
    parser.add_argument("--workers", type=int, default=LAN["workers"], help="default: gunicorn.conf.py's")
    parser.add_argument("--threads", type=int, default=LAN["threads"], help="default: gunicorn.conf.py's")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/poll.sqlite"
        session_id = setup_database(url)
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        print(f"gunicorn {args.workers} workers × {args.threads} threads, {database}")
        ok = True
        if args.hello_seconds:
            Path(tmp, "hello").mkdir()
            Path(tmp, "hello", "app.py").write_text(HELLO)  # `app:create_app()` resolves here
            with lan_options(f"--chdir {tmp}/hello"), gunicorn(url, args.workers, args.threads) as base:
                phones = [Phone(base, "/") for _ in range(args.n)]
                ok &= report("bare Flask hello, GET /", phones, measure(phones, args.hello_seconds, args.workers))
        with lan_options(), gunicorn(url, args.workers, args.threads) as base:
            facilitator = Learner(base)
            facilitator.post("/auth/login", {"username": "fasilitator", "password": PASSWORD})
            token = CSRF.search(facilitator.request(f"/fasilitator/sesi/{session_id}")[2]).group(1)
            phones = [Phone(base, f"/ruang/{session_id}/keadaan") for _ in range(args.n)]
            with ThreadPoolExecutor(max_workers=16) as pool:
                list(pool.map(lambda number: phones[number].post(
                    f"/j/{CODE}", {"code": CODE, "name": f"Peserta {number}"}), range(args.n)))
            run = measure(phones, args.seconds, args.workers,
                          lambda began: pace_room(facilitator, session_id, token, began, args.seconds))
            ok &= report(f"room state, GET /ruang/{session_id}/keadaan", phones, run)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
