"""one word for a session (issue 11): the table cohort becomes training_session, its foreign keys session_id, and every index and named constraint is named after them

Revision ID: 71d4f1b5e027
Revises: 5fb0c01f45ea
Create Date: 2026-12-02 20:00:00

Only names change: no row is touched. PostgreSQL renames in place (cheap on a programme server's
300,000 participants); SQLite cannot rename a constraint, so each table whose constraints are
named after the session is rebuilt in batch mode.
"""
from contextlib import contextmanager

from alembic import op
import sqlalchemy as sa


revision = '71d4f1b5e027'
down_revision = '5fb0c01f45ea'
branch_labels = None
depends_on = None

TABLE = ('cohort', 'training_session')
COLUMN = ('cohort_id', 'session_id')
CHILDREN = ('participant', 'score_row', 'session_sum', 'item_tally')  # the tables with that column
SEQUENCE = ('cohort_id_seq', 'training_session_id_seq')  # PostgreSQL's, behind the table's id
# Per table (as named after the upgrade): each index (ix_) and named constraint, old name: new name.
NAMES = {
    'training_session': {
        'pk_cohort': 'pk_training_session',
        'fk_cohort_facilitator_id_user': 'fk_training_session_facilitator_id_user',
        'uq_cohort_join_code': 'uq_training_session_join_code',
        'uq_cohort_origin': 'uq_training_session_origin',
        'ix_cohort_facilitator_id': 'ix_training_session_facilitator_id',
    },
    'participant': {
        'fk_participant_cohort_id_cohort': 'fk_participant_session_id_training_session',
        'uq_participant_cohort_id': 'uq_participant_session_id',
        'uq_participant_room_name': 'uq_participant_session_name',  # a display name once per session
        'ix_participant_cohort_id': 'ix_participant_session_id',
    },
    'score_row': {
        'fk_score_row_cohort_id_cohort': 'fk_score_row_session_id_training_session',
        'ix_score_row_cohort_id': 'ix_score_row_session_id',
    },
    'session_sum': {
        'fk_session_sum_cohort_id_cohort': 'fk_session_sum_session_id_training_session',
    },
    'item_tally': {
        'fk_item_tally_cohort_id_cohort': 'fk_item_tally_session_id_training_session',
        'uq_item_tally_cohort_id': 'uq_item_tally_session_id',
    },
}


def upgrade():
    rename(forward=True)


def downgrade():
    rename(forward=False)


def rename(forward):
    way = (lambda pair: pair) if forward else (lambda pair: pair[::-1])
    names = {way(TABLE)[1] if table == TABLE[1] else table: dict(map(way, renames.items()))
             for table, renames in NAMES.items()}
    if op.get_bind().dialect.name == 'postgresql':
        rename_table_and_columns(way)
        op.execute('ALTER SEQUENCE {} RENAME TO {}'.format(*way(SEQUENCE)))
        for table, renames in names.items():
            for old, new in renames.items():
                if old.startswith('ix_'):
                    op.execute(f'ALTER INDEX {old} RENAME TO {new}')
                else:
                    op.execute(f'ALTER TABLE {table} RENAME CONSTRAINT {old} TO {new}')
    else:
        with sqlite_at_once_without_foreign_keys():
            rename_table_and_columns(way)
            for table, renames in names.items():
                rebuild_sqlite(table, renames)


def rename_table_and_columns(way):
    """In place on both engines; SQLite (3.26+) rewrites the children's references to the table."""
    op.rename_table(*way(TABLE))
    for child in CHILDREN:
        op.alter_column(child, way(COLUMN)[0], new_column_name=way(COLUMN)[1])


def rebuild_sqlite(table, renames):
    """The table rebuilt with its indexes and constraints renamed, each as it was otherwise."""
    inspector = sa.inspect(op.get_bind())
    primary_key = inspector.get_pk_constraint(table)
    with op.batch_alter_table(table, recreate='always') as batch_op:
        if primary_key['name'] in renames:
            batch_op.drop_constraint(primary_key['name'], type_='primary')
            batch_op.create_primary_key(renames[primary_key['name']], primary_key['constrained_columns'])
        for key in inspector.get_foreign_keys(table):
            if key['name'] in renames:
                batch_op.drop_constraint(key['name'], type_='foreignkey')
                batch_op.create_foreign_key(renames[key['name']], key['referred_table'],
                                            key['constrained_columns'], key['referred_columns'])
        for unique in inspector.get_unique_constraints(table):
            if unique['name'] in renames:
                batch_op.drop_constraint(unique['name'], type_='unique')
                batch_op.create_unique_constraint(renames[unique['name']], unique['column_names'])
        for index in inspector.get_indexes(table):
            if index['name'] in renames:
                batch_op.drop_index(index['name'])
                batch_op.create_index(renames[index['name']], index['column_names'], unique=bool(index['unique']))


@contextmanager
def sqlite_at_once_without_foreign_keys():
    """Rebuilding a table drops it, which SQLite refuses while it enforces the foreign keys of the
    rows pointing at it, and the pragma changes only outside a transaction. pysqlite would run the
    DDL outside one too: an explicit BEGIN makes the renaming all or nothing. The keys are checked
    before they are enforced again."""
    context = op.get_context()
    with context.autocommit_block():
        op.execute('PRAGMA foreign_keys=OFF')
    connection = op.get_bind()
    connection.exec_driver_sql('BEGIN')
    try:
        yield
        broken = connection.exec_driver_sql('PRAGMA foreign_key_check').fetchall()
        if broken:
            raise RuntimeError(f'the rebuild broke foreign keys: {broken[:5]}')
    except BaseException:
        connection.invalidate()  # closed: its transaction is rolled back, and nobody reuses it unchecked
        raise
    with context.autocommit_block():  # commits the renaming first
        op.execute('PRAGMA foreign_keys=ON')
