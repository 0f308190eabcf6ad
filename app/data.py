"""Backups of the whole database (`flask data export` / `flask data import`), on either engine."""
import sqlalchemy as sa
from flask import current_app

from app import clock
from app.domain import backup
from app.extensions import db

KINDS = ((sa.Boolean, "bool"), (sa.Integer, "int"), (sa.Float, "float"), (sa.DateTime, "datetime"),
         (sa.Date, "date"), (sa.JSON, "json"), (sa.String, "str"))
RENAMED_SESSIONS = "71d4f1b5e027"  # the migration after which backups' old names are read as new


def schema():
    """{table: {column: backup.Column}} of every table of ours, parents before children."""
    return {table.name: {column.name: _column(column) for column in table.columns}
            for table in db.metadata.sorted_tables}


def _column(column):
    kind = next(kind for sql_type, kind in KINDS if isinstance(column.type, sql_type))
    return backup.Column(kind, column.nullable, getattr(column.type, "length", None))


def revision():
    return db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))


def renamed_sessions():
    """(the revision before, the revision of) issue 11's renaming migration, read from the migration
    so they stay right wherever it sits in the history."""
    from alembic.script import ScriptDirectory
    script = ScriptDirectory(current_app.extensions["migrate"].directory).get_revision(RENAMED_SESSIONS)
    return script.down_revision, script.revision


def export_document():
    """Every row of every table as a backup document (JSON-ready)."""
    tables = {}
    for table in db.metadata.sorted_tables:
        columns = schema()[table.name]
        rows = db.session.execute(sa.select(table).order_by(*table.primary_key.columns)).mappings()
        tables[table.name] = [{name: backup.encode(columns[name].kind, row[name]) for name in columns}
                              for row in rows]
    return backup.document(revision(), tables, clock.now())


def import_document(doc):
    """Restore a backup into this empty database, all or nothing (the caller commits). Returns rows per table."""
    rows = backup.read(backup.under_new_names(doc, *renamed_sessions()), schema(), revision())
    for table in db.metadata.sorted_tables:
        if db.session.scalar(sa.select(sa.func.count()).select_from(table)):
            raise backup.BackupError(f"this database is not empty (table {table.name} has rows): "
                                     "restore into a new database")
    for table in db.metadata.sorted_tables:
        _insert(table, rows[table.name])
    if db.engine.dialect.name == "postgresql":  # new rows must get ids after the restored ones
        for table in db.metadata.sorted_tables:
            if "id" in table.columns and rows[table.name]:
                db.session.execute(sa.text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f"(SELECT max(id) FROM \"{table.name}\"))"))
    return {name: len(table_rows) for name, table_rows in rows.items()}


def _insert(table, table_rows):
    """Rows of one table; a column pointing into its own table is filled in after all rows."""
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    if table_rows:
        db.session.execute(table.insert(), [{**row, **{name: None for name in own}} for row in table_rows])
    for name in own:
        for row in table_rows:
            if row[name] is not None:
                db.session.execute(table.update().where(table.c.id == row["id"]).values({name: row[name]}))
