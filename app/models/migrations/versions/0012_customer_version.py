"""customer.version: a card saved on stale data is refused, not silently written over another's change

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04

Two people with the same customer open (the shared PostgreSQL database, or the app and the CLI) each saved the
whole card: the second save silently undid the first (a credit limit raised by the owner reverted by the
bookkeeper fixing a phone number). The row now carries a version, bumped by every change (SQLAlchemy's
version_id_col: an UPDATE that finds another version changes nothing); the card sends the version it loaded.
"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('version', sa.Integer(), server_default='1', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_column('version')
