"""The migrations build exactly the schema the models describe, on each test database, and move
the rows they change."""
from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

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
