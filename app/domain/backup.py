"""The backup file: a versioned JSON document of every table, checked whole before a restore.

Plain values in and out: the app gives the schema ({table: {column: Column}}) and the rows;
nothing here touches a database.
"""
from dataclasses import dataclass
from datetime import date, datetime

from app.clock import as_utc, utc_text

FORMAT, VERSION = "paspor-pintar-backup", 1
# Issue 11's migration renamed the session's table and its key columns, and nothing else: backups
# made just before it still restore, their table and column names read under the new ones.
OLD_NAMES = {"cohort": "training_session", "cohort_id": "session_id"}


class BackupError(ValueError):
    """What is wrong with a backup file, naming the table, row and column."""


@dataclass(frozen=True)
class Column:
    kind: str  # int, str, bool, float, datetime, date, json
    nullable: bool = True
    length: int | None = None


def encode(kind, value):
    """A column value as JSON; times in UTC (SQLite hands back naive UTC times)."""
    if value is None:
        return None
    if kind == "datetime":
        return utc_text(value)
    if kind == "date":
        return value.isoformat()
    return value


def decode(column, value, where):
    """The JSON value back as a column value, or BackupError naming where it is wrong."""
    if value is None:
        if not column.nullable:
            raise BackupError(f"{where}: empty, but the column needs a value")
        return None
    kind = column.kind
    try:
        if kind == "datetime":
            parsed = datetime.fromisoformat(value)
            return as_utc(parsed)
        if kind == "date":
            return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise BackupError(f"{where}: {value!r} is not a {kind}") from None
    expected = {"int": int, "str": str, "bool": bool, "float": (int, float), "json": (dict, list)}[kind]
    if not isinstance(value, expected) or (kind == "int" and isinstance(value, bool)):
        raise BackupError(f"{where}: {value!r} is not a {kind}")
    if kind == "str" and column.length and len(value) > column.length:
        raise BackupError(f"{where}: longer than {column.length} characters")
    return value


def document(revision, tables, created_at):
    """The backup of `tables` ({name: [row dicts of JSON values]}) at schema `revision`."""
    return {"format": FORMAT, "version": VERSION, "schema_revision": revision,
            "created_at": created_at.isoformat(), "tables": tables}


def under_new_names(doc, before, after):
    """A backup made at revision `before` (just before a migration that only renamed) as the same
    backup made at `after`; any other document as it is. What `read` refuses is left for it to name."""
    if not isinstance(doc, dict) or doc.get("schema_revision") != before:
        return doc
    new = lambda name: OLD_NAMES.get(name, name)  # noqa: E731
    tables = doc.get("tables")
    if isinstance(tables, dict):
        tables = {new(table): [{new(column): value for column, value in row.items()} if isinstance(row, dict)
                               else row for row in rows] if isinstance(rows, list) else rows
                  for table, rows in tables.items()}
    return {**doc, "schema_revision": after, "tables": tables}


def read(doc, schema, revision):
    """{table: [row dicts of column values]} from a backup document, checked whole."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BackupError("not a Paspor Pintar backup file")
    if doc.get("version") != VERSION:
        raise BackupError(f"backup format version {doc.get('version')!r} is not {VERSION}")
    if doc.get("schema_revision") != revision:
        raise BackupError(f"the backup is of database schema {doc.get('schema_revision')!r}, "
                          f"this database is at {revision!r}: run `flask db upgrade` on the same version")
    tables = doc.get("tables")
    if not isinstance(tables, dict) or set(tables) != set(schema):
        missing = sorted(set(schema) - set(tables or {}))
        extra = sorted(set(tables or {}) - set(schema))
        raise BackupError(f"tables do not match (missing: {missing}, unknown: {extra})")
    rows = {}
    for name, columns in schema.items():
        if not isinstance(tables[name], list):
            raise BackupError(f"table {name}: not a list of rows")
        rows[name] = [_row(name, number, row, columns) for number, row in enumerate(tables[name], start=1)]
    return rows


def _row(table, number, row, columns):
    if not isinstance(row, dict) or set(row) != set(columns):
        raise BackupError(f"table {table} row {number}: its columns are not {sorted(columns)}")
    return {name: decode(column, row[name], f"table {table} row {number} column {name}")
            for name, column in columns.items()}
