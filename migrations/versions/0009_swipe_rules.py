"""Policy: the card-reader swipe rules (duplicate reads, the swipe window around a session, the
minimum time before a sign-out).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 18:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: Union[str, Sequence[str], None] = "0008"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

_COLUMNS = (("swipe_repeat_minutes", "2"), ("swipe_early_minutes", "30"), ("swipe_after_end_minutes", "15"),
            ("sign_out_after_minutes", "10"))


def upgrade() -> None:
    # Existing policies get the documented defaults through server_default.
    with op.batch_alter_table("policy", schema=None) as batch_op:
        for name, default in _COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default=default, nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("policy", schema=None) as batch_op:
        for name, _default in reversed(_COLUMNS):
            batch_op.drop_column(name)
