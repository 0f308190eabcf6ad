"""The programme view over 10,000 sessions and 300,000 participants on PostgreSQL (issue 12:
≤ 1 s each for the programme view, a filtered view and the pooled analysis).

The script empties the database it is given, migrates it, and writes the programme with COPY,
as merged bundles leave it: sessions in 60 places run by 80 facilitators over two years, each
person with a pretest (95%) and a posttest (90%) of 20 items, confidence before and after, a
practice run (most of them finished), their score row and each session's sums and item tallies. With
--answers every sitting also gets its 20 answers (11 million rows, which no programme page reads).
It then asks for each page through the app in-process (no HTTP: the figure is the server's own
time), warm, several times, and prints the median.

Usage: .venv/bin/python bench/programme.py --database-url postgresql+psycopg://…
                                           [--sessions 10000] [--people 30] [--repeat 5] [--answers]
"""
import argparse
import json
import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.extensions import db  # noqa: E402
from app.programme import report  # noqa: E402
from app.programme.services import Filters, store_session_sums  # noqa: E402
from app.setup import create_user  # noqa: E402

ITEMS = 20
VERSION = "b" * 64
PLACES = [f"Desa {n:02d}" for n in range(60)]
FACILITATORS = [f"Fasilitator {n:02d}" for n in range(80)]


def copy(cursor, table, columns, rows):
    with cursor.copy(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN') as stream:
        for row in rows:
            stream.write_row(row)


def generate(app, sessions, people, answers, rng):
    """The programme's rows, written with COPY (a few seconds per million rows)."""
    now = datetime.now(UTC)
    items = {f"item-{i:02d}": {"id": f"item-{i:02d}", "module": f"modul-{i // 2 + 1}", "form": "a"}
             for i in range(ITEMS)}
    with app.app_context():
        db.session.execute(sa.text("INSERT INTO content_version (course_id, content_hash, items, created_at) "
                                   "VALUES ('mpaspor', :h, CAST(:items AS JSON), now())"),
                           {"h": VERSION, "items": json.dumps(items)})
        version_id = db.session.scalar(sa.text("SELECT id FROM content_version WHERE content_hash = :h"), {"h": VERSION})
        db.session.commit()
        raw = db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        user_id = 1000
        facilitator_ids = list(range(user_id, user_id + len(FACILITATORS)))
        copy(cursor, "user", ("id", "username", "display_name", "role", "login_token", "large_text", "created_at"),
             ((uid, f"f-{uid}", name, "imported", "x", False, now) for uid, name in zip(facilitator_ids, FACILITATORS)))
        user_id += len(FACILITATORS)
        first_day = date(2025, 1, 1)
        copy(cursor, "training_session", ("id", "facilitator_id", "name", "place", "held_on", "course_id", "join_code",
                                          "pretest", "posttest", "posttest_for", "problems_mode", "test_design",
                                          "follow_presenter", "created_at", "laptop_id", "origin_id", "bundled_at"),
             ((c, rng.choice(facilitator_ids), f"Sesi {c}", rng.choice(PLACES),
               first_day + timedelta(days=rng.randrange(730)), "mpaspor", f"B{c:07d}", "closed", "closed",
               "finished", False, "parallel", False, now, f"laptop{c % 97:02d}", c, now)
              for c in range(1, sessions + 1)))
        item_ids = list(items)
        users, participants, attempts, runs, scores = [], [], [], [], []
        answered = 0
        attempt_id = 0
        for session_id in range(1, sessions + 1):
            skill = rng.gauss(0, 1)
            for n in range(people):
                user_id += 1
                users.append((user_id, f"m-{user_id}", f"Peserta {n}", "participant", "x", False, now))
                participants.append((user_id, session_id, user_id, f"Peserta {n}", f"P{user_id:07d}", "a", now))
                pre = max(0, min(ITEMS, round(rng.gauss(8 + skill, 3))))
                post = max(0, min(ITEMS, pre + round(rng.gauss(5, 3))))
                sat = {}
                for kind, score, present in (("pre", pre, rng.random() < .95), ("post", post, rng.random() < .90)):
                    if not present:
                        continue
                    attempt_id += 1
                    sat[kind] = (score, rng.randint(1, 5), "ab"[user_id % 2 if kind == "pre" else 1 - user_id % 2])
                    attempts.append((attempt_id, user_id, "mpaspor", kind, "submitted", VERSION, json.dumps(item_ids),
                                     "{}", score, ITEMS, sat[kind][1], "online", sat[kind][2], now, now))
                done = rng.random() < .8
                runs.append((user_id, user_id, False, False, "x", "{}", "{}", "{}", now, now, now if done else None))
                before, after = sat.get("pre", (None,) * 3), sat.get("post", (None,) * 3)
                gain = after[0] - before[0] if before[0] is not None and after[0] is not None else None
                ngain = gain / (ITEMS - before[0]) if gain is not None and before[0] < ITEMS else None
                scores.append((user_id, session_id, user_id, before[0], after[0], ITEMS, gain, ngain, before[2],
                               version_id, before[1], after[1], done))
        copy(cursor, "user", ("id", "username", "display_name", "role", "login_token", "large_text", "created_at"), users)
        copy(cursor, "participant", ("id", "session_id", "user_id", "display_name", "personal_code", "first_form",
                                     "joined_at"), participants)
        copy(cursor, "attempt", ("id", "user_id", "course_id", "kind", "status", "content_hash", "item_ids",
                                 "option_orders", "score", "max_score", "confidence", "mode", "form", "started_at",
                                 "submitted_at"), attempts)
        copy(cursor, "sandbox_run", ("id", "user_id", "problems_mode", "type_from_card", "step", "answers",
                                     "step_log", "field_errors", "started_at", "updated_at", "completed_at"), runs)
        copy(cursor, "score_row", ("id", "session_id", "participant_id", "pre", "post", "max_score", "gain", "ngain", "pre_form",
                                   "content_version_id", "confidence_pre", "confidence_post", "practice_done"), scores)
        # Each session's item tallies, as the merge writes them (the first `score` items right).
        cursor.execute("INSERT INTO item_tally (session_id, content_version_id, item_id, kind, answered, \"right\") "
                       "SELECT p.session_id, %s, 'item-' || lpad(n::text, 2, '0'), a.kind, count(*), "
                       "count(*) FILTER (WHERE n < a.score) FROM attempt a JOIN participant p ON p.user_id = a.user_id "
                       f"CROSS JOIN generate_series(0, {ITEMS - 1}) AS n GROUP BY p.session_id, n, a.kind", (version_id,))
        if answers:  # the first `score` items right, the rest wrong: written by the database itself
            cursor.execute("INSERT INTO answer (attempt_id, item_id, option, is_correct, answered_at) "
                           "SELECT a.id, 'item-' || lpad(n::text, 2, '0'), 'a', n < a.score, now() "
                           f"FROM attempt a CROSS JOIN generate_series(0, {ITEMS - 1}) AS n")
            cursor.execute("SELECT count(*) FROM answer")
            answered = cursor.fetchone()[0]
        for table in ("user", "training_session", "participant", "attempt", "sandbox_run", "score_row", "item_tally",
                      "answer"):
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f"coalesce((SELECT max(id) FROM \"{table}\"), 1))")
        raw.commit()
        cursor.execute("ANALYZE")
        raw.commit()
    finally:
        raw.close()
    return len(participants), len(attempts), answered


def timed(label, call, repeat):
    call()  # warm: the first call pays for connections and template compilation
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    print(f"{label:<58} median {statistics.median(times) * 1000:7.0f} ms   max {max(times) * 1000:7.0f} ms")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database to empty and fill")
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--answers", action="store_true", help="also write every answer (slow; times /program/soal)")
    args = parser.parse_args()
    engine = sa.create_engine(args.database_url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    app = create_app({"SQLALCHEMY_DATABASE_URI": args.database_url, "SECRET_KEY": "bench", "TESTING": True,
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        create_user("kepala", "program-rahasia-1", "programme", "Kepala Program")
    start = time.perf_counter()
    people, attempts, answers = generate(app, args.sessions, args.people, args.answers, random.Random(12))
    with app.app_context():  # as the merge does, session by session
        store_session_sums()
        db.session.commit()
    print(f"generated {args.sessions:,} sessions, {people:,} participants, {attempts:,} attempts, "
          f"{answers:,} answers in {time.perf_counter() - start:.1f} s")
    client = app.test_client()
    login = client.get("/auth/login").get_data(as_text=True)
    token = login.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    client.post("/auth/login", data={"username": "kepala", "password": "program-rahasia-1", "csrf_token": token})

    def page(url):
        def get():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
        return get

    def pooled():
        with app.test_request_context():  # its plain-language reading is in the reader's language
            result = report.pooled_analysis(Filters())
            assert result["analysis"]["n_pairs"] > 0
    timed("GET /program/ (table, pooled analysis, places, plot)", page("/program/"), args.repeat)
    timed("GET /program/?tempat=Desa 07&dari=2025-06-01&sampai=2026-05-31",
          page("/program/?tempat=Desa+07&dari=2025-06-01&sampai=2026-05-31"), args.repeat)
    timed("GET /program/?bentuk=a (every session, half the pairs)", page("/program/?bentuk=a"), args.repeat)
    timed("pooled paired analysis of every pair (report.pooled_analysis)", pooled, args.repeat)
    timed("GET /program/hasil.csv (every session)", page("/program/hasil.csv"), args.repeat)
    timed("GET /program/soal (weakest modules, from the item tallies)", page("/program/soal"), args.repeat)


if __name__ == "__main__":
    main()
