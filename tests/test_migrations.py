"""The migrations build exactly the schema the models describe, on each test database, and move
the rows they change."""
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from app.data import RENAMED_SESSIONS
from app.extensions import db


def test_the_migrated_database_matches_the_models(app, runner):
    result = runner.invoke(args=["db", "check"])  # exits 1 when a model and the migrations disagree
    assert result.exit_code == 0, result.output


BEFORE_MACHINERY = "c0d1e2f3a4b5"  # the run's machinery lived among the learner's answers
TYPED = {"akun": {"email": "siti@contoh.id", "nama_lengkap": "SITI"}, "layanan": {"layanan": "reguler"},
         "dokumen": {"ktp": {"name": "ktp.jpg", "size": 1200}}, "_keluarga": {"count": 2}}
MIXED = TYPED | {
    "_inbox": {"messages": [{"code": "123456", "sent_at": "2026-12-01T08:00:00+00:00", "delay": 60}]},
    "_account": {"password_hash": "pbkdf2:sha256:50000$salt$hash"},
    "_problems": {"closed_day": "2026-12-10", "dropped": True},
    "_uploads": {"dokumen": {"ktp": {"name": "ktp.jpg", "size": 1200}}},
    "_history": [{"booking_code": "MP-OLD12345", "expired_at": "2026-12-01T10:00:00+00:00"}],
    "_sebelumnya": {"layanan": {"layanan": "percepatan"}, "_keluarga": {"count": 1},
                    "_uploads": {"ktp": {"ktp": {"name": "a.jpg", "size": 9}}}},
}
MACHINERY = {
    "inbox": [{"code": "123456", "sent_at": "2026-12-01T08:00:00+00:00", "delay": 60}],
    "password_hash": "pbkdf2:sha256:50000$salt$hash", "closed_day": "2026-12-10", "connection_dropped": True,
    "uploads": {"dokumen": {"ktp": {"name": "ktp.jpg", "size": 1200}}},
    "expired_bookings": [{"booking_code": "MP-OLD12345", "expired_at": "2026-12-01T10:00:00+00:00"}],
    "set_aside": {"answers": {"layanan": {"layanan": "percepatan"}, "_keluarga": {"count": 1}},
                  "uploads": {"ktp": {"ktp": {"name": "a.jpg", "size": 9}}}},
}


def table(name, *columns):
    return sa.table(name, *[sa.column(column, kind) for column, kind in columns])


def runs_with_a_booking_at_the_old_revision(connection, answers):
    """A run with machinery among its answers, one without any, and a booking pointing at the first."""
    now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    connection.execute(table("user", ("id", sa.Integer), ("username", sa.String), ("display_name", sa.String),
                             ("role", sa.String), ("login_token", sa.String), ("created_at", sa.DateTime))
                       .insert().values(id=1, username="siti", display_name="Siti", role="learner",
                                        login_token="t" * 32, created_at=now))
    runs = table("sandbox_run", ("id", sa.Integer), ("user_id", sa.Integer), ("problems_mode", sa.Boolean),
                 ("step", sa.String), ("answers", sa.JSON), ("step_log", sa.JSON), ("field_errors", sa.JSON),
                 ("started_at", sa.DateTime), ("updated_at", sa.DateTime))
    connection.execute(runs.insert(), [
        dict(id=run_id, user_id=1, problems_mode=True, step="layanan", answers=typed, step_log={},
             field_errors={}, started_at=now, updated_at=now) for run_id, typed in ((1, answers), (2, TYPED))])
    connection.execute(table("office", ("id", sa.Integer), ("code", sa.String), ("name", sa.String),
                             ("kind", sa.String), ("city", sa.String), ("province", sa.String),
                             ("slot_quota", sa.Integer))
                       .insert().values(id=1, code="uji", name="Kantor Uji", kind="kanim", city="Denpasar",
                                        province="Bali", slot_quota=1))
    connection.execute(table("booking_slot", ("id", sa.Integer), ("office_id", sa.Integer), ("day", sa.Date),
                             ("time", sa.String), ("quota", sa.Integer), ("booked", sa.Integer))
                       .insert().values(id=1, office_id=1, day=date(2026, 12, 10), time="08:00", quota=1, booked=1))
    connection.execute(table("booking", ("id", sa.Integer), ("run_id", sa.Integer), ("slot_id", sa.Integer),
                             ("booking_code", sa.String), ("billing_code", sa.String),
                             ("billing_issued_at", sa.DateTime), ("status", sa.String),
                             ("rescheduled", sa.Integer), ("created_at", sa.DateTime))
                       .insert().values(id=1, run_id=1, slot_id=1, booking_code="MP-NEW12345",
                                        billing_code="123456789012345", billing_issued_at=now, status="unpaid",
                                        rescheduled=0, created_at=now))


def stored(*columns):
    with db.engine.connect() as connection:
        runs = table("sandbox_run", ("id", sa.Integer), *[(column, sa.JSON) for column in columns])
        return [tuple(row[1:]) for row in connection.execute(sa.select(runs).order_by(runs.c.id))]


def test_a_runs_machinery_moves_out_of_its_answers_and_back(app):
    directory = app.extensions["migrate"].directory
    with app.app_context():
        downgrade(directory=directory, revision=BEFORE_MACHINERY)
        with db.engine.begin() as connection:
            runs_with_a_booking_at_the_old_revision(connection, MIXED)
        upgrade(directory=directory)
        assert stored("answers", "machinery") == [(TYPED, MACHINERY), (TYPED, {})]
        downgrade(directory=directory, revision=BEFORE_MACHINERY)  # with a booking pointing at the run
        assert stored("answers") == [(MIXED,), (TYPED,)]


SUMS = ("people", "pairs", "n_g", "low", "medium", "high", "conf_pre_n", "conf_pre", "conf_post_n", "conf_post",
        "practised")


def a_session_with_everything_pointing_at_it(connection, table_name, column):
    """At the revision before the rename (whose names come from the migration): a session, two
    people in it, a merged person's score row, the session's sums and an item tally."""
    now = datetime(2026, 12, 1, 8, tzinfo=UTC)
    connection.execute(table("user", ("id", sa.Integer), ("username", sa.String), ("display_name", sa.String),
                             ("role", sa.String), ("login_token", sa.String), ("created_at", sa.DateTime)).insert(),
                       [dict(id=n, username=f"u{n}", display_name=f"U{n}", role="participant",
                             login_token=str(n) * 32, created_at=now) for n in (1, 2, 3)])
    connection.execute(table("content_version", ("id", sa.Integer), ("course_id", sa.String),
                             ("content_hash", sa.String), ("items", sa.JSON), ("created_at", sa.DateTime))
                       .insert().values(id=1, course_id="demo", content_hash="h" * 64, items={}, created_at=now))
    connection.execute(table(table_name, ("id", sa.Integer), ("facilitator_id", sa.Integer), ("name", sa.String),
                             ("place", sa.String), ("held_on", sa.Date), ("course_id", sa.String),
                             ("join_code", sa.String), ("pretest", sa.String), ("posttest", sa.String),
                             ("problems_mode", sa.Boolean), ("created_at", sa.DateTime))
                       .insert().values(id=7, facilitator_id=1, name="Sosialisasi", place="Sanur",
                                        held_on=date(2026, 12, 1), course_id="demo", join_code="ABC234",
                                        pretest="open", posttest="waiting", problems_mode=False, created_at=now))
    connection.execute(table("participant", ("id", sa.Integer), (column, sa.Integer), ("user_id", sa.Integer),
                             ("display_name", sa.String), ("personal_code", sa.String), ("joined_at", sa.DateTime))
                       .insert(), [dict(id=n, **{column: 7}, user_id=n + 1, display_name=f"Peserta {n}",
                                        personal_code=f"KODE{n}", joined_at=now) for n in (1, 2)])
    connection.execute(table("score_row", ("id", sa.Integer), (column, sa.Integer), ("participant_id", sa.Integer),
                             ("pre", sa.Integer)).insert().values(id=1, **{column: 7}, participant_id=2, pre=3))
    connection.execute(table("session_sum", (column, sa.Integer), *[(name, sa.Integer) for name in SUMS])
                       .insert().values(**{column: 7}, **{name: 2 for name in SUMS}))
    connection.execute(table("item_tally", ("id", sa.Integer), (column, sa.Integer), ("content_version_id", sa.Integer),
                             ("item_id", sa.String), ("kind", sa.String), ("answered", sa.Integer),
                             ("right", sa.Integer))
                       .insert().values(id=1, **{column: 7}, content_version_id=1, item_id="q1", kind="pre",
                                        answered=2, right=1))


def pointing_at(table_name, column):
    """Each table's (row id, session id), the session's own row (id, join code) first."""
    with db.engine.connect() as connection:
        return [connection.execute(sa.select(sa.column("id"), sa.column(name)).select_from(sa.table(table)))
                .all() for table, name in ((table_name, "join_code"), ("participant", column),
                                           ("score_row", column), ("item_tally", column))] + [
            connection.execute(sa.select(sa.column(column), sa.column("people"))
                               .select_from(sa.table("session_sum"))).all()]


def test_a_session_keeps_its_rows_and_everything_pointing_at_it_through_the_rename_and_back(app):
    from alembic.script import ScriptDirectory

    from app.models import Participant
    directory = app.extensions["migrate"].directory
    rename = ScriptDirectory(directory).get_revision(RENAMED_SESSIONS)  # issue 11: one word, in the schema too
    tables, columns = rename.module.TABLE, rename.module.COLUMN  # (before, after)
    expected = [[(7, "ABC234")], [(1, 7), (2, 7)], [(1, 7)], [(1, 7)], [(7, 2)]]
    with app.app_context():
        downgrade(directory=directory, revision=rename.down_revision)
        with db.engine.begin() as connection:
            a_session_with_everything_pointing_at_it(connection, tables[0], columns[0])
        upgrade(directory=directory)
        assert pointing_at(tables[1], columns[1]) == expected
        db.session.add(Participant(session_id=8, user_id=1, display_name="Nobody", personal_code="NOSESSN"))
        with pytest.raises(sa.exc.IntegrityError):  # the keys are enforced again, to the renamed table
            db.session.commit()
        db.session.rollback()
        downgrade(directory=directory, revision=rename.down_revision)
        assert pointing_at(tables[0], columns[0]) == expected
