"""Route costs: the SQL statements and the CPU time of each route over a whole journey, one process.

A few phones walk the whole journey of bench/room_journey.py (join, pretest, nine modules, the
practice booking, posttest, the board polling) against the app served in this process by
werkzeug on loopback, with little think time so the phones do not compete for the cores. For
every request it counts the statements sent to the database and the CPU time of the thread that
answered it, from before the view to the end of the request (compression included, HTTP parsing
not). Prints per route: requests, median statements, median and total CPU ms, sorted by the total,
then the database check of room_journey (everything acknowledged stored exactly once).

The counts say where a room's CPU goes without a room: a route's total is what a room of this
many phones spends on it, and × (200 / phones) what a room of 200 does.

Usage: .venv/bin/python bench/route_costs.py [-n 4] [--database-url URL]
"""
import argparse
import logging
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _journey import Phone, Recorder, route, verify  # noqa: E402
from room_journey import Facilitator, pace, prepare, walk  # noqa: E402
from room_poll import CODE  # noqa: E402


def measured_app(url, costs):
    """The app, noting (statements, CPU ms) per route of every request in costs."""
    from flask import g, has_request_context, request
    from sqlalchemy import event

    from app import create_app
    from app.extensions import db
    app = create_app({"SECRET_KEY": "route-costs", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        engine = db.engine

    @event.listens_for(engine, "before_cursor_execute")
    def count(conn, cursor, statement, parameters, context, executemany):
        if has_request_context():
            g.statements = g.get("statements", 0) + 1

    @app.before_request
    def start():
        g.cpu = time.thread_time()

    @app.teardown_request
    def note(error):
        if not request.path.startswith("/static/"):
            cpu = 1000 * (time.thread_time() - g.cpu)
            costs[route(request.method, request.path)].append((g.get("statements", 0), cpu))
    return app


def main():
    from werkzeug.serving import make_server
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=4, help="phones (default 4)")
    parser.add_argument("--think", type=float, default=0.05, help="seconds on a page (default 0.05)")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/costs.sqlite"
        session_id = prepare(url)
        costs = defaultdict(list)
        server = make_server("127.0.0.1", 0, measured_app(url, costs), threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        recorder, began = Recorder(), time.monotonic()
        deadline = began + 600
        facilitator = Facilitator(base, session_id, recorder, deadline)
        phones = [Phone(base, number, recorder, args.think, deadline) for number in range(args.n)]
        settings = argparse.Namespace(join_window=1, post_at=None, post_share=1.0)
        joins = random.Random(0)
        with ThreadPoolExecutor(max_workers=args.n) as pool:
            running = [pool.submit(walk, phone, began + joins.random()) for phone in phones]
            pace(facilitator, phones, began, settings, deadline)
            for future in running:
                future.result()
        facilitator.stop.set()
        facilitator.board.join()
        server.shutdown()
        checks = verify(url, session_id, phones)
    failed = [phone.failure for phone in phones if phone.failure]
    print(f"{args.n} phones, {sum(map(len, costs.values()))} requests, {len(failed)} phones failed")
    for failure in failed[:5]:
        print(f"  failed: {failure}")
    print("\n| route | requests | statements (median) | CPU ms (median) | CPU ms (total) |")
    print("|---|---:|---:|---:|---:|")
    for name, rows in sorted(costs.items(), key=lambda item: -sum(cpu for _, cpu in item[1])):
        statements, cpus = sorted(s for s, _ in rows), sorted(c for _, c in rows)
        print(f"| `{name}` | {len(rows)} | {statements[len(rows) // 2]} | {cpus[len(rows) // 2]:.1f} | {sum(cpus):.0f} |")
    total = sum(cpu for rows in costs.values() for _, cpu in rows)
    print(f"\nall routes: {total / 1000:.1f} s of CPU, {total / args.n:.0f} ms per phone")
    print("database: acknowledged by the server → stored exactly once as acknowledged → rows in the database")
    good = not failed
    for what, acknowledged, once, rows in checks:
        good &= acknowledged == once == rows
        print(f"  {what}: {acknowledged:,} → {once:,} → {rows:,}{'' if acknowledged == once == rows else '   <-- MISMATCH'}")
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
