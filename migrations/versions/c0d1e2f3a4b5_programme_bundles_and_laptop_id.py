"""programme: each installation's laptop id, where a merged session came from, one narrow score row per merged participant, and each merged session's sums and item tallies

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
    op.create_table(
        'score_row',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('participant_id', sa.Integer(), nullable=False),
        sa.Column('pre', sa.Integer(), nullable=True),
        sa.Column('post', sa.Integer(), nullable=True),
        sa.Column('max_score', sa.Integer(), nullable=True),
        sa.Column('gain', sa.Integer(), nullable=True),
        sa.Column('ngain', sa.Double(), nullable=True),
        sa.Column('pre_form', sa.String(length=1), nullable=True),
        sa.Column('content_version_id', sa.Integer(), nullable=True),
        sa.Column('confidence_pre', sa.Integer(), nullable=True),
        sa.Column('confidence_post', sa.Integer(), nullable=True),
        sa.Column('practice_done', sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_score_row_cohort_id_cohort')),
        sa.ForeignKeyConstraint(['content_version_id'], ['content_version.id'],
                                name=op.f('fk_score_row_content_version_id_content_version')),
        sa.ForeignKeyConstraint(['participant_id'], ['participant.id'],
                                name=op.f('fk_score_row_participant_id_participant')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_score_row')),
        sa.UniqueConstraint('participant_id', name=op.f('uq_score_row_participant_id')))
    op.create_index(op.f('ix_score_row_cohort_id'), 'score_row', ['cohort_id'], unique=False)
    op.create_table(
        'session_sum',
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in ('people', 'pairs')],
        sa.Column('sum_d', sa.Integer(), nullable=True),
        sa.Column('sum_d2', sa.Integer(), nullable=True),
        sa.Column('sum_g', sa.Double(), nullable=True),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in (
            'n_g', 'low', 'medium', 'high', 'conf_pre_n', 'conf_pre', 'conf_post_n', 'conf_post', 'practised')],
        *[sa.Column(name, sa.Integer(), nullable=True) for name in ('completed', 'version', 'version_max')],
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_session_sum_cohort_id_cohort')),
        sa.PrimaryKeyConstraint('cohort_id', name=op.f('pk_session_sum')))
    op.create_table(
        'item_tally',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('cohort_id', sa.Integer(), nullable=False),
        sa.Column('content_version_id', sa.Integer(), nullable=False),
        sa.Column('item_id', sa.String(length=80), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('answered', sa.Integer(), nullable=False),
        sa.Column('right', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['cohort_id'], ['cohort.id'], name=op.f('fk_item_tally_cohort_id_cohort')),
        sa.ForeignKeyConstraint(['content_version_id'], ['content_version.id'],
                                name=op.f('fk_item_tally_content_version_id_content_version')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_item_tally')),
        sa.UniqueConstraint('cohort_id', 'content_version_id', 'item_id', 'kind',
                            name=op.f('uq_item_tally_cohort_id')))


def downgrade():
    op.drop_table('item_tally')
    op.drop_table('session_sum')
    op.drop_index(op.f('ix_score_row_cohort_id'), table_name='score_row')
    op.drop_table('score_row')
    with op.batch_alter_table('cohort', schema=None) as batch_op:
        batch_op.drop_constraint('uq_cohort_origin', type_='unique')
        batch_op.drop_column('bundle_checksum')
        batch_op.drop_column('bundled_at')
        batch_op.drop_column('origin_id')
        batch_op.drop_column('laptop_id')
    op.drop_table('installation')
