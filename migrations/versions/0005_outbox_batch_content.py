"""The signed bytes of outbox batches move to their own table, written once at sealing; the
batch row keeps its state and the size of the bytes. With the bytes inline, every state change
of a batch (sending, receipt, superseded) rewrote its whole encrypted payload.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 05:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# AES-GCM's 12-byte nonce and 16-byte tag around the stored bytes (store/protection.py).
AEAD_OVERHEAD = 28

_batch = sa.table('outbox_batch', sa.column('id', sa.Integer), sa.column('canonical_bytes', sa.LargeBinary),
                  sa.column('size_bytes', sa.Integer))
_content = sa.table('outbox_batch_content', sa.column('outbox_batch_id', sa.Integer),
                    sa.column('canonical_bytes', sa.LargeBinary))


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('outbox_batch_content',
    sa.Column('outbox_batch_id', sa.Integer(), nullable=False),
    sa.Column('canonical_bytes', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['outbox_batch_id'], ['outbox_batch.id'], name=op.f('fk_outbox_batch_content_outbox_batch_id_outbox_batch'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('outbox_batch_id', name=op.f('pk_outbox_batch_content'))
    )
    op.execute(_content.insert().from_select(['outbox_batch_id', 'canonical_bytes'],
                                             sa.select(_batch.c.id, _batch.c.canonical_bytes)))
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('size_bytes', sa.Integer(), nullable=True))
    op.execute(_batch.update().values(size_bytes=sa.func.length(_batch.c.canonical_bytes) - AEAD_OVERHEAD))
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.alter_column('size_bytes', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('canonical_bytes')


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.add_column(sa.Column('canonical_bytes', sa.LargeBinary(), nullable=True))
    op.execute(_batch.update().values(canonical_bytes=sa.select(_content.c.canonical_bytes)
                                      .where(_content.c.outbox_batch_id == _batch.c.id).scalar_subquery()))
    with op.batch_alter_table('outbox_batch', schema=None) as batch_op:
        batch_op.alter_column('canonical_bytes', existing_type=sa.LargeBinary(), nullable=False)
        batch_op.drop_column('size_bytes')
    op.drop_table('outbox_batch_content')
