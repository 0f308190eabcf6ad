"""Count the SQL statements a request sends, to hold hot pages to a fixed, small number."""
from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


@contextmanager
def statements(app):
    """Yields a list that fills with every statement sent to the database inside the block."""
    sent = []

    def record(conn, cursor, statement, parameters, context, executemany):
        sent.append(statement)
    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", record)
