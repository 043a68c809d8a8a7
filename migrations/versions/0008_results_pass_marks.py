"""Policy: the pass marks of the theory and practical assessments; assessment: the written
reason when a result was recorded against what the scores say (an audited override).

Existing policies get 60 and 60 through server_default, the mark the import used to apply.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 18:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.add_column(sa.Column("theory_pass_mark", sa.Integer(), server_default="60", nullable=False))
        batch_op.add_column(sa.Column("practical_pass_mark", sa.Integer(), server_default="60", nullable=False))
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("override_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("assessment", schema=None) as batch_op:
        batch_op.drop_column("override_reason")
    with op.batch_alter_table("policy", schema=None) as batch_op:
        batch_op.drop_column("practical_pass_mark")
        batch_op.drop_column("theory_pass_mark")
