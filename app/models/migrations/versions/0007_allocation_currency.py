"""allocation currency: the currency of an allocation's documents, kept on it

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-23

"Allocated in a period, per currency" (the dashboard's receivables at the period start) then comes from
the covering index allocation(date, currency, amount_minor) instead of joining each allocation to its
due line and invoice.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BACKFILL = """
UPDATE allocation SET currency = (
    SELECT invoice.currency FROM due_line JOIN invoice ON invoice.id = due_line.invoice_id
    WHERE due_line.id = allocation.due_line_id)
"""


def upgrade() -> None:
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('currency', sa.String(length=3), server_default='', nullable=False))
    op.execute(BACKFILL)
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.create_index('ix_allocation_date_currency', ['date', 'currency', 'amount_minor'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_index('ix_allocation_date_currency')
        batch_op.drop_column('currency')
