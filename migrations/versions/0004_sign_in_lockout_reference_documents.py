"""Sign-in lockout on users, whole reference-data documents per version, outbox receipt facts,
and audit indexes for the audit page's filters.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 01:54:52.342595

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0004'
down_revision: Union[str, Sequence[str], None] = '0003'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('reference_document',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference_version_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['reference_version_id'], ['reference_version.id'], name=op.f('fk_reference_document_reference_version_id_reference_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reference_document')),
    sa.UniqueConstraint('reference_version_id', name=op.f('uq_reference_document_reference_version_id'))
    )
    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('password_changed_at', sa.DateTime(timezone=True), nullable=True))

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_actor_user_id', ['actor_user_id'], unique=False)
        batch_op.create_index('ix_audit_log_occurred_at', ['occurred_at'], unique=False)

    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sequence', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('last_error_code', sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column('superseded_by', sa.String(length=36), nullable=True))



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.drop_column('superseded_by')
        batch_op.drop_column('last_error_code')
        batch_op.drop_column('sent_at')
        batch_op.drop_column('sequence')

    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_log_occurred_at')
        batch_op.drop_index('ix_audit_log_actor_user_id')

    with op.batch_alter_table('app_user', schema=None) as batch_op:
        batch_op.drop_column('password_changed_at')
        batch_op.drop_column('last_login_at')
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')

    op.drop_table('reference_document')
