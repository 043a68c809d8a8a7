"""Gapless certificate counters per institution and year; the device's public signing keys.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 00:24:23.343036

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0003'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('device_key',
    sa.Column('key_id', sa.String(length=80), nullable=False),
    sa.Column('public_key_pem', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retired_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('previous_key_id', sa.String(length=80), nullable=True),
    sa.Column('rotation_signature', sa.LargeBinary(), nullable=True),
    sa.Column('own', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('key_id', name=op.f('pk_device_key'))
    )
    op.create_table('certificate_counter',
    sa.Column('institution_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('next_serial', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['institution_id'], ['institution.id'], name=op.f('fk_certificate_counter_institution_id_institution')),
    sa.PrimaryKeyConstraint('institution_id', 'year', name=op.f('pk_certificate_counter'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('certificate_counter')
    op.drop_table('device_key')
