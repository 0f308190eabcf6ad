"""flask data export / import: a complete backup, restored whole or not at all, on either engine.

A room's data is made on SQLite, restored into PostgreSQL (when TEST_DATABASE_URL names one;
else a second SQLite file), exported again, restored into a new SQLite file, and every table of
the three exports must be the same.
"""
import io
import json

import pytest
from flask_migrate import upgrade

from app import create_app
from app.extensions import db
from tests.conftest import FIXTURES, Browser, empty_postgresql, postgresql_url
from tests.facilitator.test_paper import add_person, paper_answers
from tests.facilitator.test_sessions import as_facilitator, code_of, join, new_session
from tests.learn.test_learner_journey import take_test
from tests.sandbox.walk import walk


def fresh_app(url):
    """The app on url: a migrated SQLite copy (migrated_sqlite), or an emptied PostgreSQL it migrates."""
    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "SQLALCHEMY_DATABASE_URI": url,
                      "CONTENT_ROOT": str(FIXTURES / "good"), "DEFAULT_COURSE": "demo",
                      "RATELIMIT_ENABLED": False})
    if not url.startswith("sqlite:"):
        with app.app_context():
            upgrade(directory=app.extensions["migrate"].directory)
    return app


def a_room_happened(app):
    """Accounts, a session with phones and a paper person, tests, a practice booking, an import."""
    runner = app.test_cli_runner()
    assert runner.invoke(args=["setup"]).exit_code == 0
    users = []
    create_user = lambda *args: users.append(runner.invoke(args=["users", "create", args[0], "--role", args[2],  # noqa: E731
                                                                 "--password-stdin"], input=args[1] + "\n"))
    facilitator = as_facilitator(Browser(app.test_client()), create_user)
    session_id = new_session(facilitator)
    phone = join(app.test_client(), code_of(app, session_id), "Wayan")
    join(app.test_client(), code_of(app, session_id), "Made")
    facilitator.post(f"/fasilitator/sesi/{session_id}/atur", {"action": "open-pretest"}, page="/fasilitator/")
    take_test(phone, "pre")
    person = add_person(facilitator, session_id, "Nenek Made")
    url = f"/fasilitator/sesi/{session_id}/peserta/{person}/kertas/pre"
    facilitator.post(url, paper_answers(app, 2), page=url)
    facilitator.post("/fasilitator/impor", {"name": "Sesi lama", "file": (io.BytesIO(
        b"participant,pretest,posttest\nA,2,3\nB,1,4\n"), "nilai.csv")}, content_type="multipart/form-data")
    learner = Browser(app.test_client())
    runner.invoke(args=["users", "create", "wayan", "--password-stdin"], input="rahasia-wayan-1\n")
    learner.post("/auth/login", {"username": "wayan", "password": "rahasia-wayan-1"})
    walk(learner, "periksa", start={"person": "siti"})
    assert learner.post("/latihan/periksa", page="/latihan/periksa").status_code == 302


def export(app, path):
    result = app.test_cli_runner().invoke(args=["data", "export", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(path.read_text(encoding="utf-8"))["tables"]


def restore(app, path):
    return app.test_cli_runner().invoke(args=["data", "import", str(path)])


@pytest.fixture(scope="module")
def room_backup(tmp_path_factory, migrated_sqlite):
    """(app, backup file, its tables) of a laptop where a room happened, made once for this module:
    the tests restore its backup elsewhere, and the laptop itself refuses to be restored into."""
    folder = tmp_path_factory.mktemp("laptop")
    app = fresh_app(migrated_sqlite(folder / "laptop.sqlite"))
    a_room_happened(app)
    tables = export(app, folder / "backup.json")
    yield app, folder / "backup.json", tables
    with app.app_context():
        db.engine.dispose()


def test_a_backup_goes_round_sqlite_postgresql_sqlite_with_every_table_the_same(room_backup, migrated_sqlite,
                                                                              tmp_path):
    _, backup, tables = room_backup
    assert all(tables[name] for name in ("user", "training_session", "participant", "attempt", "answer",
                                         "booking", "sandbox_run", "score_import", "content_version"))
    middle_url = postgresql_url()
    if middle_url:
        empty_postgresql(middle_url)
    middle = fresh_app(middle_url or migrated_sqlite(tmp_path / "middle.sqlite"))
    assert restore(middle, backup).exit_code == 0
    assert export(middle, tmp_path / "two.json") == tables
    last = fresh_app(migrated_sqlite(tmp_path / "last.sqlite"))
    assert restore(last, tmp_path / "two.json").exit_code == 0
    assert export(last, tmp_path / "three.json") == tables
    with middle.app_context():  # the restored database goes on: new rows get new ids
        from app.setup import create_user
        assert create_user("baru", "rahasia-baru-1").id > max(row["id"] for row in tables["user"])
        db.session.remove()
        db.engine.dispose()  # close the PostgreSQL connections before the next test empties it


@pytest.mark.parametrize("spoil, says", [
    (lambda doc: doc["tables"]["attempt"][0].update(score="banyak"), "table attempt row 1 column score"),
    (lambda doc: doc["tables"].pop("booking"), "tables do not match"),
    (lambda doc: doc.update(version=99), "format version"),
    (lambda doc: doc["tables"]["user"][0].update(username="x" * 41), "longer than 40"),
    (lambda doc: doc["tables"]["answer"][-1].update(answered_at="kemarin"), "not a datetime"),
])
def test_a_broken_backup_is_refused_in_one_line_with_nothing_written(room_backup, migrated_sqlite, tmp_path,
                                                                     spoil, says):
    _, backup, _ = room_backup
    doc = json.loads(backup.read_text())
    spoil(doc)
    (tmp_path / "spoilt.json").write_text(json.dumps(doc))
    empty = fresh_app(migrated_sqlite(tmp_path / "empty.sqlite"))
    result = restore(empty, tmp_path / "spoilt.json")
    assert result.exit_code == 2 and says in result.output and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert all(rows == [] for rows in export(empty, tmp_path / "after.json").values())


def test_a_restore_into_a_database_with_data_is_refused(room_backup, tmp_path):
    first, backup, _ = room_backup
    result = restore(first, backup)
    assert result.exit_code == 2 and "not empty" in result.output
    (tmp_path / "nonsense.json").write_text("{not json")
    assert restore(first, tmp_path / "nonsense.json").exit_code == 2


def test_a_backup_made_before_the_session_rename_still_restores(room_backup, migrated_sqlite, tmp_path):
    from app.data import renamed_sessions
    from app.domain.backup import OLD_NAMES
    first, backup, tables = room_backup
    with first.app_context():
        before, _ = renamed_sessions()
    old = {new: old for old, new in OLD_NAMES.items()}
    doc = json.loads(backup.read_text())
    doc["schema_revision"] = before  # as the code before the rename wrote it
    doc["tables"] = {old.get(name, name): [{old.get(column, column): value for column, value in row.items()}
                                           for row in rows] for name, rows in tables.items()}
    (tmp_path / "old.json").write_text(json.dumps(doc))
    later = fresh_app(migrated_sqlite(tmp_path / "later.sqlite"))
    result = restore(later, tmp_path / "old.json")
    assert result.exit_code == 0, result.output
    assert export(later, tmp_path / "again.json") == tables
