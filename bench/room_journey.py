"""Room journey: N phones through the whole journey of a session, over real HTTP on loopback.

Phones join by the session link over --join-window seconds; when joining ends the facilitator
opens the pretest; each phone takes it (every answer autosaved as static/js/test.js does),
submits, reads every step of the 9 modules and answers each module's "check yourself", then
books and pays a whole appointment in the M-Paspor sandbox (account, inbox, verification,
sign-in, choices, personal data, example documents, check, booking, payment, proof). Once
--post-share of them have finished (or at --post-at seconds) the facilitator opens the posttest
for everyone; phones take it, submit and give their confidence; when all have, the facilitator
closes it and phones see their results. Each page is read for --think seconds ± 50%; pages that
carry the room watcher poll GET /ruang/<id>/keadaan meanwhile as static/js/room.js does; the
facilitator's board refreshes its rows every 5 s throughout (one request at a time).

Reports per route: count, errors, p50/p95/p99/max latency; a timeline per --sample seconds
(phones by stage, requests/s, p95, CPU of the workers, of this script and of the machine's other
processes); the gunicorn workers' CPU from /proc/<pid>/stat; then checks in the database that every acknowledged answer, check answer,
module completion, booking and payment is stored exactly once. Last, the saturated throughput:
K closed-loop clients (keep-alive connections) hammer a mix of journey GETs for --hello-seconds
on the same server, then a bare Flask "hello" app on the same gunicorn configuration the same
way; it prints the ratio. Both run `make lan`'s gunicorn (gunicorn.conf.py),
bound to 127.0.0.1, on a fresh SQLite file (or --database-url).

Usage: .venv/bin/python bench/room_journey.py [-n 200] [--join-window 60] [--think 2]
       [--post-share 0.9 | --post-at SECONDS] [--workers W] [--threads T] [--database-url URL]
       [--clients 16] [--hello-seconds 20] [--sample 30] [--max-minutes 45]
Quick check: .venv/bin/python bench/room_journey.py -n 10 --think 0.2 --join-window 5
"""
import argparse
import os
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _journey import JourneyError, Phone, Recorder, hammer, verify  # noqa: E402
from quota_race import LAN, gunicorn, percentile  # noqa: E402
from room_poll import CODE, HELLO, PASSWORD, cpu_seconds, gunicorn_workers, lan_options, setup_database  # noqa: E402

BOARD_SECONDS = 5  # static/js/board.js: the rows again 5 s after the last refresh answered


def prepare(url):
    """A fresh database: the course, a facilitator, one session waiting to begin, the offices."""
    session_id = setup_database(url)
    from app import create_app
    from app.setup import load_offices
    from app.extensions import db
    from app.models import TrainingSession
    app = create_app({"SECRET_KEY": "journey", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        assert load_offices() == []
        db.session.get(TrainingSession, session_id).name = "Uji perjalanan"
        db.session.commit()
        db.engine.dispose()
    return session_id


class Facilitator:
    """The facilitator's laptop: the board's rows every 5 s, and the clicks that pace the room."""

    def __init__(self, base, session_id, recorder, deadline):
        self.laptop = Phone(base, -1, recorder, 0, deadline)
        self.session_id, self.stop, self.log = session_id, threading.Event(), []
        self.laptop.go("/auth/login")
        self.laptop.submit("/auth/login", {"username": "fasilitator", "password": PASSWORD})
        self.laptop.go(f"/fasilitator/sesi/{session_id}/papan")
        self.board = threading.Thread(target=self.refresh, daemon=True)
        self.board.start()

    def refresh(self):
        while not self.stop.wait(BOARD_SECONDS):
            self.laptop.call("GET", f"/fasilitator/sesi/{self.session_id}/papan/baris", expect=(200,))

    def click(self, began, **form):
        """A pacing button on the board (back to the board afterwards)."""
        self.laptop.go(f"/fasilitator/sesi/{self.session_id}/papan")
        self.laptop.submit(f"/fasilitator/sesi/{self.session_id}/atur", dict(form, back="board"))
        self.log.append((time.monotonic() - began, form["action"] + (f" (for {form['for']})" if "for" in form else "")))


def wait_for(condition, deadline, step=0.2):
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(step)
    return True


def pace(facilitator, phones, began, args, deadline):
    """The facilitator's clicks, each when the room is ready for it."""
    def alive():
        return [p for p in phones if p.failure is None]
    join_end = began + args.join_window
    wait_for(lambda: time.monotonic() >= join_end and all(p.joined for p in alive()), join_end + 60)
    facilitator.click(began, action="open-pretest")
    wait_for(lambda: all("pre" in p.submitted for p in alive()), deadline)
    facilitator.click(began, action="close-pretest", collect="yes")
    if args.post_at is not None:
        wait_for(lambda: time.monotonic() >= began + args.post_at, deadline)
    else:
        wait_for(lambda: sum(p.finished for p in alive()) >= args.post_share * len(alive()), deadline)
    facilitator.click(began, action="open-posttest", **{"for": "everyone"})
    wait_for(lambda: all("post" in p.confidence or p.done for p in alive()), deadline)
    facilitator.click(began, action="close-posttest", collect="yes")


class Sampler:
    """Every --sample seconds: where the phones are, and the CPU of the workers, this script, the rest."""

    def __init__(self, phones, pids, every):
        self.phones, self.pids, self.every = phones, pids, every
        self.samples, self.stop = [], threading.Event()
        self.take()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def take(self):
        own = os.times()
        self.samples.append((time.monotonic(), cpu_seconds(self.pids), own.user + own.system, machine_busy(),
                             Counter(phone.stage for phone in self.phones)))

    def run(self):
        while not self.stop.wait(self.every):
            self.take()

    def finish(self):
        self.stop.set()
        self.thread.join()
        self.take()


def timeline(sampler, recorder, began, cores):
    """Per window: phones by stage, requests/s, p95, CPU shares of the cores."""
    print("\nTimeline (phones by stage at the window's end; CPU as a share of all cores):\n")
    stages = ("joining", "waiting", "pretest", "modules", "practice", "posttest", "done")
    print("| window | " + " | ".join(stages) + " | requests/s | p95 ms | workers' CPU | this script | other processes |")
    print("|---|" + "---:|" * (len(stages) + 5))
    for (t0, w0, o0, b0, _), (t1, w1, o1, b1, where) in zip(sampler.samples, sampler.samples[1:], strict=False):
        times = sorted(row[1] for row in recorder.rows if t0 <= row[4] < t1)
        span = (t1 - t0) * cores
        others = max(0.0, (b1 - b0) - (w1 - w0) - (o1 - o0))
        print(f"| {t0 - began:.0f}–{t1 - began:.0f} s | " + " | ".join(str(where[s]) for s in stages)
              + f" | {len(times) / (t1 - t0):.0f} | {percentile(times, 0.95) if times else 0:.0f} | "
              f"{100 * (w1 - w0) / span:.0f}% | {100 * (o1 - o0) / span:.0f}% | {100 * others / span:.0f}% |")


def walk(phone, join_at):
    try:
        phone.walk(CODE, join_at)
    except Exception as error:  # noqa: BLE001 - one phone's failure is reported, the room goes on
        kind = "" if isinstance(error, JourneyError) else f"{type(error).__name__}: "
        phone.failure = f"{kind}{error} (on {phone.path})"


def machine_busy():
    """Seconds of CPU the whole machine spent busy so far (/proc/stat: all but idle and iowait)."""
    with open("/proc/stat") as file:
        ticks = [int(value) for value in file.readline().split()[1:9]]
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


def table(recorder, title):
    """Markdown table per route, in the order the routes first appear."""
    by_route = {}
    for label, seconds, _, ok, _ in recorder.rows:
        by_route.setdefault(label, []).append((seconds, ok))
    print(f"\n{title}\n")
    print("| page type | count | errors | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, rows in by_route.items():
        times = sorted(seconds for seconds, _ in rows)
        print(f"| `{label}` | {len(rows):,} | {sum(not ok for _, ok in rows)} | {percentile(times, 0.5):.1f} | "
              f"{percentile(times, 0.95):.1f} | {percentile(times, 0.99):.1f} | {times[-1] * 1000:.0f} |")
    times = sorted(row[1] for row in recorder.rows)
    errors = sum(not row[3] for row in recorder.rows)
    print(f"| **all** | **{len(times):,}** | **{errors}** | **{percentile(times, 0.5):.1f}** | "
          f"**{percentile(times, 0.95):.1f}** | **{percentile(times, 0.99):.1f}** | **{times[-1] * 1000:.0f}** |")
    for (label, status), count in sorted(recorder.unexpected.items()):
        print(f"  unexpected: {label} answered {status} ×{count}")
    return len(times), errors


def saturate(base, workers, clients, seconds):
    """Closed loop on the running server: (recorder, seconds, workers' CPU, this script's CPU, others' CPU)."""
    recorder = Recorder()
    pids = gunicorn_workers(workers)
    cpu, own, busy = cpu_seconds(pids), os.times(), machine_busy()
    elapsed = hammer(base, clients, seconds, recorder)
    after, busy = os.times(), machine_busy() - busy
    if gunicorn_workers(workers) != pids:
        raise RuntimeError("a gunicorn worker was replaced during saturation: CPU figures are void")
    cpu, own = cpu_seconds(pids) - cpu, after.user + after.system - own.user - own.system
    return recorder, elapsed, cpu, own, busy - cpu - own


def journey_mix(phones, session_id, clients):
    """Per client, a phone that finished and the journey GETs it may repeat: its step pages (most
    of the journey's pages), the check pages, the dashboard, results, booking, proof, room state."""
    done = [p for p in phones if p.done and p.steps] or [p for p in phones if p.steps]
    if not done:
        return []
    mix = []
    for number in range(clients):
        phone = done[number % len(done)]
        paths = sorted(phone.steps) + [f"/modules/{m}/check" for m in phone.modules] + [
            "/", "/test/results", f"/ruang/{session_id}/keadaan"]
        if phone.paid:
            paths += ["/latihan/pemesanan", "/latihan/bukti"]
        mix.append((phone.cookie_header(), paths))
    return mix


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=200, help="phones in the room (default 200)")
    parser.add_argument("--join-window", type=float, default=60, help="seconds over which phones join (default 60)")
    parser.add_argument("--think", type=float, default=2.0, help="mean seconds on a page or question, ±50%% (default 2)")
    parser.add_argument("--post-share", type=float, default=0.9,
                        help="open the posttest for everyone once this share finished the practice (default 0.9)")
    parser.add_argument("--post-at", type=float, default=None, help="or open it at this second of the run")
    parser.add_argument("--workers", type=int, default=LAN["workers"], help="default: gunicorn.conf.py's")
    parser.add_argument("--threads", type=int, default=LAN["threads"], help="default: gunicorn.conf.py's")
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    parser.add_argument("--clients", type=int, default=16, help="closed-loop clients when saturating (default 16)")
    parser.add_argument("--hello-seconds", type=float, default=20,
                        help="seconds of each saturation phase, journey GETs and hello (0: skip both)")
    parser.add_argument("--sample", type=float, default=30, help="seconds per line of the timeline (default 30)")
    parser.add_argument("--max-minutes", type=float, default=45, help="the run's bound; phones give up after it")
    args = parser.parse_args()
    cores = os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{tmp}/journey.sqlite"
        database = "PostgreSQL" if url.startswith("postgresql") else "SQLite"
        session_id = prepare(url)
        room = Recorder()
        with lan_options(), gunicorn(url, args.workers, args.threads) as base:
            pids = gunicorn_workers(args.workers)
            cpu, own, busy, load = cpu_seconds(pids), os.times(), machine_busy(), os.getloadavg()[0]
            began = time.monotonic()
            deadline = began + 60 * args.max_minutes
            facilitator = Facilitator(base, session_id, room, deadline)
            phones = [Phone(base, number, room, args.think, deadline) for number in range(args.n)]
            sampler = Sampler(phones, pids, args.sample)
            joins = random.Random(0)
            with ThreadPoolExecutor(max_workers=args.n) as pool:
                running = [pool.submit(walk, phone, began + args.join_window * joins.random()) for phone in phones]
                try:
                    pace(facilitator, phones, began, args, deadline)
                except Exception as error:  # noqa: BLE001
                    print(f"facilitator: {type(error).__name__}: {error}")
                for future in running:
                    future.result()
            elapsed = time.monotonic() - began
            sampler.finish()
            facilitator.stop.set()
            facilitator.board.join()
            after = os.times()
            if gunicorn_workers(args.workers) != pids:
                print("WARNING: a gunicorn worker was replaced during the journey: CPU figures are void")
            room_cpu, room_own = cpu_seconds(pids) - cpu, after.user + after.system - own.user - own.system
            others = machine_busy() - busy - room_cpu - room_own
            load = (load, os.getloadavg()[0])
            mix = journey_mix(phones, session_id, args.clients) if args.hello_seconds else []
            journey_sat = saturate(base, args.workers, mix, args.hello_seconds) if mix else None
        checks = verify(url, session_id, phones)
        hello_sat = None
        if args.hello_seconds:
            Path(tmp, "hello").mkdir()
            Path(tmp, "hello", "app.py").write_text(HELLO)  # `app:create_app()` resolves here
            with lan_options(f"--chdir {tmp}/hello"), gunicorn(url, args.workers, args.threads) as base:
                hello_sat = saturate(base, args.workers, [("", ["/"])] * args.clients, args.hello_seconds)

    failed = [p for p in phones if p.failure]
    print(f"{database}, gunicorn {args.workers} workers × {args.threads} threads, {cores} cores; "
          f"{args.n} phones joining over {args.join_window:g} s, think {args.think:g} s ± 50%, posttest opened "
          + (f"at {args.post_at:g} s" if args.post_at is not None else f"once {args.post_share:.0%} finished"))
    print("facilitator: " + ", ".join(f"{action} at {moment:.0f} s" for moment, action in facilitator.log))
    stages = Counter("done" if p.done else "failed" if p.failure else "unfinished" for p in phones)
    pulled = sum(1 for p in phones if "post" in p.submitted and not p.finished)
    print(f"journey {elapsed:.0f} s: phones through to their results {stages['done']} of {args.n}, failed "
          f"{stages['failed']}, unfinished {stages['unfinished']}; {pulled} took the posttest before finishing "
          f"(pulled in when it opened for everyone)")
    spans = sorted(p.post_at - p.joined_at for p in phones if p.post_at and p.joined_at)
    if spans:
        print(f"  per phone, join to posttest confidence: median {spans[len(spans) // 2] / 60:.1f} min, "
              f"longest {spans[-1] / 60:.1f} min")
    for phone in failed[:10]:
        print(f"  failed: {phone.name}: {phone.failure}")
    requests, errors = table(room, "Per page type (route), the whole journey incl. room-state polls and the board:")
    timeline(sampler, room, began, cores)
    print(f"\ntotals: {requests:,} requests in {elapsed:.0f} s = {requests / elapsed:.1f} requests/s, errors {errors}")
    print(f"gunicorn workers' CPU {room_cpu:.1f} s = {100 * room_cpu / (elapsed * cores):.1f}% of {cores} cores "
          f"over the journey, {1000 * room_cpu / requests:.2f} ms per request; the simulated phones "
          f"(this script) used {room_own:.1f} s; other processes on the machine {others:.1f} s "
          f"(load average {load[0]:.1f} at the start, {load[1]:.1f} at the end)")
    print("\ndatabase: acknowledged by the server → stored exactly once as acknowledged → rows in the database")
    good = True
    for what, acknowledged, stored, rows in checks:
        fine = acknowledged == stored == rows
        good &= fine
        print(f"  {what}: {acknowledged:,} → {stored:,} → {rows:,}{'' if fine else '   <-- MISMATCH'}")
    ratio_ok = True
    if journey_sat and hello_sat:
        print(f"\nsaturation: {args.clients} closed-loop clients (keep-alive), {args.hello_seconds:g} s each")
        results = []
        for name, (recorder, seconds, cpu_used, own_used, others_used) in (("journey GETs", journey_sat), ("bare Flask hello", hello_sat)):
            times = sorted(row[1] for row in recorder.rows)
            bad = sum(not row[3] for row in recorder.rows)
            rate = len(times) / seconds
            results.append((rate, cpu_used / max(1, len(times))))
            print(f"  {name}: {len(times):,} requests, {rate:.1f} requests/s, p50 {percentile(times, 0.5):.1f} ms, "
                  f"p95 {percentile(times, 0.95):.1f} ms, errors {bad}; workers' CPU {cpu_used:.1f} s "
                  f"({100 * cpu_used / (seconds * cores):.0f}% of {cores} cores, {1000 * cpu_used / len(times):.2f} ms "
                  f"per request), this script {own_used:.1f} s, other processes {others_used:.1f} s")
            ratio_ok &= bad == 0
        table(journey_sat[0], "Journey GETs at saturation, per route:")
        print(f"\nthroughput ratio journey GETs : hello = {results[0][0] / results[1][0]:.3f} "
              f"(hello is {results[1][0] / results[0][0]:.1f}× faster); CPU per request ratio "
              f"{results[0][1] / results[1][1]:.1f}×")
    return 0 if good and not failed and errors == 0 and stages["done"] == args.n and ratio_ok else 1


if __name__ == "__main__":
    sys.exit(main())
