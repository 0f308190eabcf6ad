"""sandbox follows the app: offices' location, places per booking (Tambah Pemohon), typing from the card

Revision ID: a1b2c3d4e5f6
Revises: f7a8b9c0d1e2
Create Date: 2026-12-02 13:10:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'a1b2c3d4e5f6'
down_revision = 'f7a8b9c0d1e2'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lat', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('lon', sa.Double(), nullable=True))
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.add_column(sa.Column('places', sa.Integer(), server_default='1', nullable=False))
    with op.batch_alter_table('sandbox_run', schema=None) as batch_op:
        batch_op.add_column(sa.Column('type_from_card', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade():
    with op.batch_alter_table('sandbox_run', schema=None) as batch_op:
        batch_op.drop_column('type_from_card')
    with op.batch_alter_table('booking', schema=None) as batch_op:
        batch_op.drop_column('places')
    with op.batch_alter_table('office', schema=None) as batch_op:
        batch_op.drop_column('lon')
        batch_op.drop_column('lat')
