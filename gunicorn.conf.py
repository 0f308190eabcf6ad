"""gunicorn settings for room mode (`make lan`) and the benchmarks, chosen from bench/room_journey.py
(docs/benchmarks.md, "Server settings").

- 2 workers × 2 threads: the app is CPU-bound Python under a GIL, so one process per core (2 cores
  on the laptops we plan for), and a second thread per process so a request waiting on the
  database or the network steps aside. More of either costs more than it brings: at saturation,
  interleaved in one run (bench/server_shape.py; docs/benchmarks.md), journey pages served
  350 requests/s at 5.3 ms of worker CPU each with 2 × 2, against 126–244/s at 7.5–10 ms with
  4 × 4 and 130–193/s with 2 × 4, 3 × 2 or 4 × 2: every extra thread or process on 2 cores adds
  GIL hand-offs and context switches to each request. Idle kept-alive phones wait in the
  poller, not in a thread, so 4 threads serve a room. Override with WEB_WORKERS / WEB_THREADS
  (on a 4-core laptop: WEB_WORKERS=4).
- keepalive 5 s: phones ask for the room's state every 3–4 s, so one connection serves them all;
  with gthread workers an idle kept-alive connection waits in the poller, not in a thread.
- timeout 30 s: a request that long is stuck, not slow (the slowest room request measured, a
  pretest submit under a full room, took 4.8 s).
- No access log by default: a line per request is work on the room's cores and a facilitator
  reads nothing in it. `ACCESS_LOG=1 make lan` prints one; errors always go to the terminal.

Its request limits sit above the app's own (app/__init__.py: 4,096-character addresses,
8,000-character headers), so an over-long request gets the app's translated page, never
gunicorn's English one.
"""
import os

workers = int(os.environ.get("WEB_WORKERS", 2))
threads = int(os.environ.get("WEB_THREADS", 2))
worker_class = "gthread"
keepalive = 5
timeout = 30
graceful_timeout = 10
accesslog = "-" if os.environ.get("ACCESS_LOG") == "1" else None
errorlog = "-"
limit_request_line = 8190  # gunicorn's largest
limit_request_field_size = 16380
