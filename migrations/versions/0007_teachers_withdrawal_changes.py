"""Teachers get a contact phone; an enrolment records its withdrawal (退学) date, reason and who
recorded it; corrections of a trainee's personal fields get their own append-only history.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 18:40:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0006'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('trainee_change',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trainee_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['changed_by'], ['app_user.id'], name=op.f('fk_trainee_change_changed_by_app_user')),
    sa.ForeignKeyConstraint(['trainee_id'], ['trainee.id'], name=op.f('fk_trainee_change_trainee_id_trainee'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trainee_change'))
    )
    with op.batch_alter_table('trainee_change', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trainee_change_trainee_id'), ['trainee_id'], unique=False)
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.add_column(sa.Column('phone', sa.String(length=30), nullable=True))
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('withdrawal_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('withdrawn_by', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_enrolment_withdrawn_by_app_user'), 'app_user', ['withdrawn_by'], ['id'])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('enrolment', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_enrolment_withdrawn_by_app_user'), type_='foreignkey')
        batch_op.drop_column('withdrawn_by')
        batch_op.drop_column('withdrawal_reason')
        batch_op.drop_column('withdrawn_on')
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_column('phone')
    with op.batch_alter_table('trainee_change', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trainee_change_trainee_id'))
    op.drop_table('trainee_change')
