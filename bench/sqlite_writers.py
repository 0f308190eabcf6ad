"""SQLite writers: autosaves from gunicorn-shaped processes, with and without app/sqlite_writer's gate.

Every thread of every process does what an autosave does to the database, as fast as it can: a
little Python outside the transaction (the rest of a request), then a write transaction — the
no-op UPDATE that holds the attempt, a little Python, the INSERT … ON CONFLICT of the answer —
and the commit. Rounds alternate between plain sqlite3 connections, where a writer that finds the
lock taken polls it in SQLite's busy handler (sleeps of 1, 2, 5 … 100 ms), and the gated ones,
where it waits its turn in the kernel. Same file settings (app/sqlite_writer.PRAGMAS) in both.
Prints per kind: transactions per second, and the wall time of one transaction (p50/p95/p99/max,
from its first statement to its commit). Every transaction is checked to be stored once.

Usage: .venv/bin/python bench/sqlite_writers.py [--processes 4] [--threads 4] [--seconds 10] [--rounds 2]
"""
import argparse
import multiprocessing
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from app.sqlite_writer import GatedConnection, set_pragmas  # noqa: E402

KINDS = {"SQLite's busy handler": sqlite3.Connection, "the gate": GatedConnection}


def python_work(milliseconds):
    """Pure Python for about this long (holds the GIL, as a request's own code does)."""
    end = time.perf_counter() + milliseconds / 1000
    total = 0
    while time.perf_counter() < end:
        total += sum(range(50))
    return total


def phone(path, factory, worker, thread, until, inside, outside, times):
    connection = sqlite3.connect(path, factory=factory, check_same_thread=False)
    set_pragmas(connection)
    attempt, item = worker * 100 + thread, 0
    connection.execute("INSERT INTO attempt VALUES (?, 'open')", (attempt,))
    connection.commit()
    while time.monotonic() < until:
        python_work(outside)
        began = time.perf_counter()
        connection.execute("UPDATE attempt SET status = 'open' WHERE id = ? AND status = 'open'", (attempt,))
        python_work(inside)
        connection.execute("INSERT INTO answer VALUES (?, ?, 'a') ON CONFLICT DO UPDATE SET option = excluded.option",
                           (attempt, item))
        connection.commit()
        times.append(time.perf_counter() - began)
        item += 1
    connection.close()


def worker_process(path, kind, worker, threads, until, inside, outside, results):
    times = []
    running = [threading.Thread(target=phone, args=(path, KINDS[kind], worker, number, until, inside, outside, times))
               for number in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()
    results.put(times)


def round_of(kind, args):
    folder = tempfile.mkdtemp()
    path = os.path.join(folder, "room.sqlite")
    with sqlite3.connect(path) as connection:
        set_pragmas(connection)
        connection.execute("CREATE TABLE attempt (id INTEGER PRIMARY KEY, status TEXT)")
        connection.execute("CREATE TABLE answer (attempt_id INTEGER, item INTEGER, option TEXT, "
                           "UNIQUE (attempt_id, item))")
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    until = time.monotonic() + args.seconds
    processes = [context.Process(target=worker_process, args=(path, kind, worker, args.threads, until,
                                                              args.inside_ms, args.outside_ms, results))
                 for worker in range(args.processes)]
    for process in processes:
        process.start()
    times = [t for _ in processes for t in results.get()]
    for process in processes:
        process.join()
    with sqlite3.connect(path) as connection:
        stored = connection.execute("SELECT count(*) FROM answer").fetchone()[0]
    return times, stored


def report(kind, rounds, seconds):
    times = sorted(t for round_times, _ in rounds for t in round_times)
    count, stored = len(times), sum(stored for _, stored in rounds)
    cuts = statistics.quantiles(times, n=100)
    print(f"| {kind} | {count / (seconds * len(rounds)):,.0f} | {1000 * cuts[49]:.1f} | {1000 * cuts[94]:.1f} | "
          f"{1000 * cuts[98]:.1f} | {1000 * times[-1]:.0f} | {'all' if stored == count else f'{stored} of {count}'} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4, help="like gunicorn's workers (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="per process (default 4)")
    parser.add_argument("--seconds", type=float, default=10, help="per round (default 10)")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of each kind, alternating (default 2)")
    parser.add_argument("--inside-ms", type=float, default=1.0, help="Python inside the transaction (default 1)")
    parser.add_argument("--outside-ms", type=float, default=4.0, help="Python outside it (default 4)")
    args = parser.parse_args()
    if min(args.processes, args.threads, args.rounds) < 1 or args.seconds <= 0:
        parser.exit(2, "sqlite_writers: processes, threads, rounds and seconds must be positive\n")
    rounds = {kind: [] for kind in KINDS}
    for _ in range(args.rounds):
        for kind in KINDS:
            rounds[kind].append(round_of(kind, args))
    print(f"{args.processes} processes × {args.threads} threads, {args.rounds} × {args.seconds:g} s each, "
          f"{args.inside_ms:g} ms of Python inside a transaction and {args.outside_ms:g} ms outside, "
          f"{os.cpu_count()} cores\n")
    print("| writers wait in | transactions/s | p50 ms | p95 ms | p99 ms | max ms | stored once |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for kind in KINDS:
        report(kind, rounds[kind], args.seconds)


if __name__ == "__main__":
    main()
