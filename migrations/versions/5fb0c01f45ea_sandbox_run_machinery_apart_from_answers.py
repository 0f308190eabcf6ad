"""sandbox run machinery: the practice's own state (inbox, practice password hash, staged problems, uploads in progress, expired bookings, the application set aside) moves out of the learner's answers into a column of its own

Revision ID: 5fb0c01f45ea
Revises: c0d1e2f3a4b5
Create Date: 2026-12-02 16:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '5fb0c01f45ea'
down_revision = 'c0d1e2f3a4b5'
branch_labels = None
depends_on = None

BATCH = 500  # rows read at a time: a laptop's whole season of practice runs is never in memory at once
run = sa.table('sandbox_run', sa.column('id', sa.Integer), sa.column('answers', sa.JSON),
               sa.column('machinery', sa.JSON))


def apart(answers):
    """(answers, machinery) from answers that held both, under the keys the code before wrote."""
    answers, machinery = dict(answers or {}), {}
    if '_inbox' in answers:
        machinery['inbox'] = (answers.pop('_inbox') or {}).get('messages', [])
    if '_account' in answers:
        machinery['password_hash'] = (answers.pop('_account') or {}).get('password_hash')
    problems = answers.pop('_problems', None) or {}
    if problems.get('closed_day'):
        machinery['closed_day'] = problems['closed_day']
    if problems.get('dropped'):
        machinery['connection_dropped'] = True
    if '_uploads' in answers:
        machinery['uploads'] = answers.pop('_uploads')
    if '_history' in answers:
        machinery['expired_bookings'] = answers.pop('_history')
    if '_sebelumnya' in answers:  # the set-aside application carried its uploads in progress along
        earlier = dict(answers.pop('_sebelumnya') or {})
        kept = {'answers': earlier}
        if '_uploads' in earlier:
            kept['uploads'] = earlier.pop('_uploads')
        machinery['set_aside'] = kept
    return answers, machinery


def together(answers, machinery):
    """The answers as the revision before kept them, the machinery back under its old keys."""
    answers, machinery = dict(answers or {}), machinery or {}
    if 'inbox' in machinery:
        answers['_inbox'] = {'messages': machinery['inbox']}
    if 'password_hash' in machinery:
        answers['_account'] = {'password_hash': machinery['password_hash']}
    problems = {**({'closed_day': machinery['closed_day']} if machinery.get('closed_day') else {}),
                **({'dropped': True} if machinery.get('connection_dropped') else {})}
    if problems:
        answers['_problems'] = problems
    if 'uploads' in machinery:
        answers['_uploads'] = machinery['uploads']
    if 'expired_bookings' in machinery:
        answers['_history'] = machinery['expired_bookings']
    if 'set_aside' in machinery:
        kept = machinery['set_aside'] or {}
        earlier = dict(kept.get('answers') or {})
        if 'uploads' in kept:
            earlier['_uploads'] = kept['uploads']
        answers['_sebelumnya'] = earlier
    return answers


def rows(connection):
    """Every run, BATCH at a time in id order (each batch read whole before its rows are updated)."""
    last = 0
    while True:
        batch = connection.execute(sa.select(run.c.id, run.c.answers, run.c.machinery)
                                   .where(run.c.id > last).order_by(run.c.id).limit(BATCH)).all()
        if not batch:
            return
        yield from batch
        last = batch[-1].id


def upgrade():
    with op.batch_alter_table('sandbox_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('machinery', sa.JSON(), server_default='{}', nullable=False))
    connection = op.get_bind()
    for row in rows(connection):
        answers, machinery = apart(row.answers)
        if machinery:
            connection.execute(run.update().where(run.c.id == row.id)
                               .values(answers=answers, machinery=machinery))


def downgrade():
    connection = op.get_bind()
    for row in rows(connection):
        if row.machinery:
            connection.execute(run.update().where(run.c.id == row.id)
                               .values(answers=together(row.answers, row.machinery)))
    # ALTER TABLE … DROP COLUMN on both engines (SQLite 3.35+): a batch copy of the table would
    # drop the old one, which SQLite refuses while bookings point at its runs.
    op.drop_column('sandbox_run', 'machinery')
