"""The institution's subsidy bank account: the bank's name, the account encrypted, and its
masked form for display.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 18:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0011'
down_revision: Union[str, Sequence[str], None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bank_name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('bank_account_enc', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('bank_account_masked', sa.String(length=40), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('institution', schema=None) as batch_op:
        batch_op.drop_column('bank_account_masked')
        batch_op.drop_column('bank_account_enc')
        batch_op.drop_column('bank_name')
