"""The birth date (digits 7–14 of a resident identity number) is kept encrypted, not in clear:
with the masked number (digits 1–4 and 15–18) beside it, a clear birth date narrowed most
numbers to one or two candidates from the database file alone.

The migration adds the encrypted column; the data key is not available to migrations, so the
existing clear dates are moved into it, and the clear column emptied, when the database is next
opened with its key (desktop_app/store/trainees.py `encrypt_clear_birth_dates`). The clear column
stays in the schema, always empty, so that older rows are never half-migrated.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 18:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0010'
down_revision: Union[str, Sequence[str], None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('birth_date_enc', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    """Downgrade schema (the encrypted dates are lost; the clear column was emptied)."""
    with op.batch_alter_table('trainee', schema=None) as batch_op:
        batch_op.drop_column('birth_date_enc')
