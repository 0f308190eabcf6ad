"""Server shape: which gunicorn workers × threads serve the journey's pages fastest on this machine.

Builds a fresh SQLite database with a session of people who did everything (bench/review_pages.py),
signs one of them in, then for each shape given, in turn and for --rounds rounds (interleaved, so a
noisy machine spreads its noise over every shape): starts gunicorn with `make lan`'s
gunicorn.conf.py and that shape, lets 16 keep-alive clients ask for the person's journey pages
(step pages, the dashboard, their results) as fast as they are answered for --seconds, then does
the same with a bare Flask "hello" app on the same shape. Prints requests/s, workers' CPU per
request, p95, and the ratio to hello, per shape and round.

Usage: .venv/bin/python bench/server_shape.py [--seconds 8] [--rounds 2] [2x2 4x4 2x4 3x2 4x2]
"""
import argparse
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _journey import Recorder, hammer  # noqa: E402
from quota_race import ROOT, gunicorn, percentile  # noqa: E402
from room_poll import HELLO, cpu_seconds, gunicorn_workers, lan_options, setup_database  # noqa: E402

CLIENTS = 16
PAGES = [f"/modules/{module}/step/{number}" for module in ("mengenal-paspor", "membuat-akun")
         for number in (1, 2, 3)] + ["/", "/test/results"]


def signed_in_cookie(url):
    """A session of 20 who did everything; the cookie of one of them, signed in."""
    from review_pages import build_session
    from sqlalchemy import select

    from app import create_app
    from app.extensions import db
    from app.models import Participant, User
    setup_database(url)
    app = create_app({"SECRET_KEY": "bench-secret", "SQLALCHEMY_DATABASE_URI": url})
    build_session(app, 20, "bentuk", random.Random(0))
    with app.app_context():
        login_id = db.session.get(User, db.session.scalar(select(Participant.user_id).limit(1))).get_id()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"], session["_fresh"] = login_id, True
    for page in PAGES:
        assert client.get(page).status_code == 200, page
    return "session=" + client.get_cookie("session").value


def serve(url, workers, threads, folder, clients, seconds):
    """(requests/s, workers' CPU ms per request, p95 ms, all answered 200) of one shape."""
    with lan_options(f"--chdir {folder}"), gunicorn(url, workers, threads) as base:
        pids = gunicorn_workers(workers)
        recorder, cpu = Recorder(), cpu_seconds(pids)
        elapsed = hammer(base, clients, seconds, recorder)
        cpu = cpu_seconds(pids) - cpu
    times = sorted(row[1] for row in recorder.rows)
    count = len(times)
    return (count / elapsed, 1000 * cpu / count, percentile(times, 0.95),
            all(row[3] for row in recorder.rows))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", default=["2x2", "4x4", "2x4", "3x2", "4x2"])
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    try:
        shapes = [tuple(int(n) for n in shape.split("x")) for shape in args.shapes]
    except ValueError:
        parser.error("a shape is WORKERSxTHREADS, e.g. 2x2")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/shape.sqlite"
        cookie = signed_in_cookie(url)
        Path(tmp, "hello").mkdir()
        Path(tmp, "hello", "app.py").write_text(HELLO)
        print(f"{os.cpu_count()} cores; {CLIENTS} keep-alive clients, {args.seconds:g} s per shape and app; "
              f"load average {os.getloadavg()[0]:.1f} at the start")
        print("| round | workers × threads | journey pages/s | CPU ms per page | p95 ms | hello/s | ratio |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for number in range(1, args.rounds + 1):
            for workers, threads in shapes:
                rate, cpu, p95, fine = serve(url, workers, threads, ROOT, [(cookie, PAGES)] * CLIENTS, args.seconds)
                hello = serve(url, workers, threads, Path(tmp, "hello"), [("", ["/"])] * CLIENTS, args.seconds)
                print(f"| {number} | {workers} × {threads} | {rate:.0f}{'' if fine else ' (errors!)'} | {cpu:.2f} | "
                      f"{p95:.0f} | {hello[0]:.0f} | {rate / hello[0]:.3f} |", flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    sys.exit(main())
