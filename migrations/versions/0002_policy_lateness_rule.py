"""Policy: how lateness reduces credited hours, and the grace period before it does.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 00:02:42

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # Existing policies get the defaults through server_default: 5 minutes' grace, whole lessons lost.
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_grace_minutes", sa.Integer(), server_default="5", nullable=False))
        batch_op.add_column(sa.Column("lateness_rule", sa.String(length=20), server_default="whole_lessons", nullable=False))
        batch_op.create_check_constraint("lateness_rule", "lateness_rule in ('whole_lessons', 'minutes')")


def downgrade() -> None:
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_policy_lateness_rule"), type_="check")
        batch_op.drop_column("lateness_rule")
        batch_op.drop_column("late_grace_minutes")
