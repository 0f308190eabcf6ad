"""gunicorn settings for room mode (`make lan`) and the benchmarks, chosen from bench/room_journey.py
(docs/benchmarks.md, "Server settings").

- 4 workers × 4 threads: the app is CPU-bound Python under a GIL, so at least one process per
  core (2 cores on the laptops we plan for); a second process per core keeps a core busy while the
  other process's threads wait (on SQLite's single writer, on a phone's slow connection); 4
  threads per process let a waiting request step aside. bench/server_shape.py compared shapes
  interleaved in one run, 5 rounds each (docs/benchmarks.md, "Server shape"): median journey
  pages/s 313 for 4 × 4, 249 for 2 × 4, 198 for 2 × 2 — 2 × 2 spends less CPU per page but
  leaves the cores idle while its 4 threads wait. The rounds scattered widely (4 × 4: 125–470/s)
  on this shared machine, so only the order is a finding. Override with WEB_WORKERS /
  WEB_THREADS.
- keepalive 5 s: phones ask for the room's state every 3–4 s, so one connection serves them all;
  with gthread workers an idle kept-alive connection waits in the poller, not in a thread.
- timeout 30 s: a request that long is stuck, not slow (the slowest room request measured, a
  pretest submit under a full room, took 4.8 s).
- Each worker reads the course and compiles the page templates before its first request
  (`post_worker_init`, app/setup.py `warm`): a cold worker's first page took 0.75 s, paid by the
  first phones to join.
- No access log by default: a line per request is work on the room's cores and a facilitator
  reads nothing in it. `ACCESS_LOG=1 make lan` prints one; errors always go to the terminal.

Its request limits sit above the app's own (app/__init__.py: 4,096-character addresses,
8,000-character headers), so an over-long request gets the app's translated page, never
gunicorn's English one.
"""
import os

workers = int(os.environ.get("WEB_WORKERS", 4))
threads = int(os.environ.get("WEB_THREADS", 4))
worker_class = "gthread"
keepalive = 5
timeout = 30
graceful_timeout = 10
accesslog = "-" if os.environ.get("ACCESS_LOG") == "1" else None
errorlog = "-"
limit_request_line = 8190  # gunicorn's largest
limit_request_field_size = 16380


def post_worker_init(worker):
    warm = getattr(worker.wsgi, "warm", None)  # not the benchmarks' bare Flask app
    if warm:
        warm()
