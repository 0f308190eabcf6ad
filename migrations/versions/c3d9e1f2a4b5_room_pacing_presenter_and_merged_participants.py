"""room pacing: posttest for everyone or the finished, the presenter's step, merged participants

Revision ID: c3d9e1f2a4b5
Revises: ddd4f7ad0cb9
Create Date: 2026-12-02 09:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c3d9e1f2a4b5'
down_revision = 'ddd4f7ad0cb9'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('posttest_for', sa.String(length=10), server_default='finished', nullable=False))
        batch_op.add_column(sa.Column('presenting_module', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('presenting_step', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('follow_presenter', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_user_merged_into_id_user'), 'user', ['merged_into_id'], ['id'])
    with op.batch_alter_table('participant', schema=None) as batch_op:  # one name, one person
        batch_op.create_unique_constraint('uq_participant_room_name', ['cohort_id', 'display_name'])


def downgrade():
    with op.batch_alter_table('participant', schema=None) as batch_op:
        batch_op.drop_constraint('uq_participant_room_name', type_='unique')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_user_merged_into_id_user'), type_='foreignkey')
        batch_op.drop_column('merged_into_id')
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_column('follow_presenter')
        batch_op.drop_column('presenting_step')
        batch_op.drop_column('presenting_module')
        batch_op.drop_column('posttest_for')
