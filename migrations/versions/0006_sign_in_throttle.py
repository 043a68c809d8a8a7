"""Failed sign-ins for names that match no account, so that an unknown name is answered
exactly like a known one (the same words, the same growing wait).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 19:10:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0006'
down_revision: Union[str, Sequence[str], None] = '0005'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('sign_in_throttle',
    sa.Column('name_key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), server_default='0', nullable=False),
    sa.Column('wait_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name_key', name=op.f('pk_sign_in_throttle'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('sign_in_throttle')
