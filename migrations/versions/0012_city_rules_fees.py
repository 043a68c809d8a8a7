"""Subsidies: the city_rules reference dataset with an administrator's local override, and a
class's fee per trainee and who pays it.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 19:20:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op


revision: str = '0012'
down_revision: Union[str, Sequence[str], None] = '0011'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'city_rule',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reference_version_id', sa.Integer(), nullable=False),
        sa.Column('city_code', sa.String(length=6), nullable=True),
        sa.Column('city_name', sa.String(length=60), nullable=False),
        sa.Column('local_factor_percent', sa.Integer(), nullable=True),
        sa.Column('shortage_uplift_percent', sa.Integer(), nullable=True),
        sa.Column('shortage_from_level', sa.Integer(), nullable=True),
        sa.Column('training_certificate_fen', sa.Integer(), nullable=True),
        sa.Column('flat_fen', sa.JSON(), nullable=False),
        sa.Column('living_allowance_fen_per_day', sa.Integer(), nullable=True),
        sa.Column('work_for_training_fen_per_month', sa.Integer(), nullable=True),
        sa.Column('source', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(['reference_version_id'], ['reference_version.id'],
                                name=op.f('fk_city_rule_reference_version_id_reference_version')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_city_rule')),
    )
    op.create_index(op.f('ix_city_rule_reference_version_id'), 'city_rule', ['reference_version_id'], unique=False)
    op.create_table(
        'city_rule_override',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('local_factor_percent', sa.Integer(), nullable=True),
        sa.Column('shortage_uplift_percent', sa.Integer(), nullable=True),
        sa.Column('training_certificate_fen', sa.Integer(), nullable=True),
        sa.Column('living_allowance_fen_per_day', sa.Integer(), nullable=True),
        sa.Column('work_for_training_fen_per_month', sa.Integer(), nullable=True),
        sa.Column('set_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('set_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['set_by'], ['app_user.id'], name=op.f('fk_city_rule_override_set_by_app_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_city_rule_override')),
    )
    # Existing classes have no fee recorded (null), which caps nothing and pays the trainee.
    with op.batch_alter_table('training_class', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fee_fen', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('paid_by', sa.String(length=12), nullable=True))
        batch_op.create_check_constraint('fee_non_negative', 'fee_fen is null or fee_fen >= 0')
        batch_op.create_check_constraint('paid_by_known',
                                         "paid_by is null or paid_by in ('trainee', 'institution', 'enterprise')")


def downgrade() -> None:
    with op.batch_alter_table('training_class', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_training_class_paid_by_known'), type_='check')
        batch_op.drop_constraint(op.f('ck_training_class_fee_non_negative'), type_='check')
        batch_op.drop_column('paid_by')
        batch_op.drop_column('fee_fen')
    op.drop_table('city_rule_override')
    op.drop_index(op.f('ix_city_rule_reference_version_id'), table_name='city_rule')
    op.drop_table('city_rule')
