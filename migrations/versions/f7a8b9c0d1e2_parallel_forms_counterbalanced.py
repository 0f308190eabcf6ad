"""parallel forms: the form of each attempt, a session's test design, a participant's first form

Revision ID: f7a8b9c0d1e2
Revises: e5f6a7b8c9d0
Create Date: 2026-12-02 09:45:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'f7a8b9c0d1e2'
down_revision = 'e5f6a7b8c9d0'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('form', sa.String(length=1), nullable=True))
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('test_design', sa.String(length=10), server_default='parallel', nullable=False))
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_form', sa.String(length=1), nullable=True))


def downgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_column('first_form')
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_column('test_design')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_column('form')
