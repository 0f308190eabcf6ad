"""programme: each installation's laptop id, and where a merged session came from

Revision ID: c0d1e2f3a4b5
Revises: b8c9d0e1f2a3
Create Date: 2026-12-02 13:40:00

"""
from alembic import op
import sqlalchemy as sa


revision = 'c0d1e2f3a4b5'
down_revision = 'b8c9d0e1f2a3'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'installation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('laptop_id', sa.String(length=32), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_installation')),
        sa.UniqueConstraint('laptop_id', name=op.f('uq_installation_laptop_id')))
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.add_column(sa.Column('laptop_id', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('origin_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('bundled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('bundle_checksum', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_cohort_origin', ['laptop_id', 'origin_id'])


def downgrade():
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_constraint('uq_cohort_origin', type_='unique')
        batch_op.drop_column('bundle_checksum')
        batch_op.drop_column('bundled_at')
        batch_op.drop_column('origin_id')
        batch_op.drop_column('laptop_id')
    op.drop_table('installation')
