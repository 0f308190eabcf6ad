"""Server time and statements of the facilitator's heavy pages: the board of a 200-person room
and the results review of a 500-person session (issue 13's targets: board ≤ 50 ms with a fixed
number of statements; results ≤ 300 ms).

The script makes a fresh database (SQLite file, or --database-url for PostgreSQL), loads the
shipped course, and writes sessions of N people straight into it in bulk: every person has a
submitted pretest and posttest with all their answers (both parallel forms), confidence, the nine
modules with their check answers, and a finished practice. It then asks for each page through
the app in-process (no HTTP, so the figure is the server's own time), warm, several times.

Usage: .venv/bin/python bench/review_pages.py [--board 200] [--results 500] [--repeat 7]
                                              [--database-url URL]
"""
import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402
from sqlalchemy import event, insert, select, text  # noqa: E402

from app import create_app  # noqa: E402
from app.content import get_course  # noqa: E402
from app.extensions import db  # noqa: E402
from app.models import (Answer, Attempt, CheckAnswer, ModuleProgress, Participant, SandboxRun,  # noqa: E402
                        TrainingSession, User)
from app.setup import load_content, load_offices  # noqa: E402


def build_session(app, people, name, rng):
    """One session of `people` who did everything, written with a few bulk INSERTs."""
    with app.app_context():
        course = get_course()
        facilitator = db.session.scalar(select(User).where(User.username == "fasilitator"))
        training_session = TrainingSession(facilitator_id=facilitator.id, name=name, place="Desa Contoh",
                                           held_on=date.today(), course_id=course.id,
                                           join_code=f"B{rng.randrange(10**6):06d}", pretest="closed", posttest="closed")
        db.session.add(training_session)
        db.session.flush()
        first = db.session.scalar(select(db.func.coalesce(db.func.max(User.id), 0))) + 1
        users = [{"id": first + n, "username": f"{name}-{n}", "display_name": f"Peserta {n}",
                  "role": "participant", "locale": "id"} for n in range(people)]
        db.session.execute(insert(User), users)
        db.session.execute(insert(Participant), [
            {"session_id": training_session.id, "user_id": u["id"], "display_name": u["display_name"],
             "personal_code": f"{rng.randrange(36**7):07X}"[:8], "first_form": "ab"[n % 2]}
            for n, u in enumerate(users)])
        forms = {form: [i.id for i in course.test_items if i.form == form] for form in "ab"}
        items = {i.id: i for i in course.test_items}
        now = datetime.now(UTC)
        attempts, answers = [], []
        attempt_id = db.session.scalar(select(db.func.coalesce(db.func.max(Attempt.id), 0))) + 1
        for n, u in enumerate(users):
            ability = rng.random()
            for kind, form, skill in (("pre", "ab"[n % 2], ability * 0.6), ("post", "ba"[n % 2], 0.3 + ability * 0.6)):
                ids = forms[form]
                right = {i: rng.random() < skill for i in ids}
                attempts.append({"id": attempt_id, "user_id": u["id"], "course_id": course.id, "kind": kind,
                                 "status": "submitted", "content_hash": course.content_hash, "item_ids": ids,
                                 "option_orders": {}, "score": sum(right.values()), "max_score": len(ids),
                                 "confidence": rng.randint(1, 5), "form": form, "mode": "online",
                                 "started_at": now - timedelta(hours=2), "submitted_at": now - timedelta(hours=1)})
                answers += [{"attempt_id": attempt_id, "item_id": i,
                             "option": items[i].answer if right[i] else "x", "is_correct": right[i],
                             "answered_at": now} for i in ids]
                attempt_id += 1
        db.session.execute(insert(Attempt), attempts)
        db.session.execute(insert(Answer), answers)
        db.session.execute(insert(ModuleProgress), [
            {"user_id": u["id"], "course_id": course.id, "module_id": m.id, "current_step": 3,
             "steps_seen": 4, "completed_at": now} for u in users for m in course.modules])
        checks = [(m.id, item.id) for m in course.modules for item in course.checks_for(m.id)]
        db.session.execute(insert(CheckAnswer), [
            {"user_id": u["id"], "course_id": course.id, "item_id": item_id, "option": "a",
             "is_correct": rng.random() < 0.7, "content_hash": course.content_hash}
            for u in users for _module_id, item_id in checks])
        db.session.execute(insert(SandboxRun), [
            {"user_id": u["id"], "person_code": "siti", "step": "bayar", "answers": {},
             "step_log": {"data-diri": {"seconds": rng.randint(30, 300)}}, "field_errors": {"data-diri.nik": 1},
             "completed_at": now} for u in users])
        db.session.commit()
        return training_session.id


def timed(client, url, repeat, engine):
    sent = []
    listener = lambda *args: sent.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        first = len(sent)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return statistics.median(times), min(times), max(times), first


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--board", type=int, default=200, help="people on the board (default 200)")
    parser.add_argument("--results", type=int, default=500, help="people in the reviewed session (default 500)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'review.sqlite'}"
    app = create_app({"SECRET_KEY": "bench", "SQLALCHEMY_DATABASE_URI": url, "RATELIMIT_ENABLED": False})
    rng = random.Random(7)
    with app.app_context():
        if url.startswith("postgresql"):
            db.session.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            db.session.commit()
        upgrade(directory=app.extensions["migrate"].directory)
        assert load_content() == [] and load_offices() == []
        user = User(username="fasilitator", display_name="Fasilitator", role="facilitator")
        user.set_password("bench-fasilitator-1")
        db.session.add(user)
        db.session.commit()
        engine = db.engine
    start = time.perf_counter()
    board = build_session(app, args.board, "papan", rng)
    review = build_session(app, args.results, "hasil", rng)
    print(f"{'PostgreSQL' if url.startswith('postgresql') else 'SQLite'}: made a {args.board}-person and a "
          f"{args.results}-person session in {time.perf_counter() - start:.1f} s")
    client = app.test_client()
    login = client.get("/auth/login").get_data(as_text=True)
    token = login.split('name="csrf_token" value="')[1].split('"')[0]
    assert client.post("/auth/login", data={"csrf_token": token, "username": "fasilitator",
                                            "password": "bench-fasilitator-1"}).status_code == 302
    print("| page | people | median ms | best ms | worst ms | statements |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, url, people in (("board rows", f"/fasilitator/sesi/{board}/papan/baris", args.board),
                               ("board (whole page)", f"/fasilitator/sesi/{board}/papan", args.board),
                               ("results review", f"/fasilitator/hasil?sesi={review}", args.results),
                               ("results CSV", f"/fasilitator/hasil.csv?sesi={review}", args.results)):
        median, best, worst, sent = timed(client, url, args.repeat, engine)
        print(f"| {label} | {people} | {median:.0f} | {best:.0f} | {worst:.0f} | {sent} |")


if __name__ == "__main__":
    main()
