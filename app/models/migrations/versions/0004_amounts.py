"""amounts: money columns as BIGINT; due_line.paid_minor (everything ever allocated to the line)

Revision ID: 0004
Revises: 0002_reminders
Create Date: 2026-11-23

On PostgreSQL an INTEGER caps amounts at 2^31 − 1 minor units (about 21 million in a two-decimal
currency: one 50M COP invoice overflows), so every money column becomes BIGINT. On SQLite an INTEGER
column already stores 64-bit values and INTEGER and BIGINT have the same affinity, so the type change
is skipped there: rebuilding every table (batch mode) would copy millions of rows and change nothing
stored.

due_line.paid_minor is backfilled from the allocations in one UPDATE. With it "open as of D" is
amount − paid + the allocations dated after D, and the index on allocation(date, due_line_id,
amount_minor) answers that last part from the index alone. The partial index ix_due_line_open holds
the lines with something open today: with the lines allocated after D, the only ones that can be open
as of D, so reports read those instead of every line ever issued.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0002_reminders'
branch_labels = None
depends_on = None

MONEY_COLUMNS = {
    'customer': [('credit_limit_minor', True)],
    'invoice': [('total_minor', False)],
    'due_line': [('amount_minor', False)],
    'credit_note': [('amount_minor', False)],
    'payment': [('amount_minor', False)],
    'write_off': [('amount_minor', False)],
    'allocation': [('amount_minor', False)],
    'payment_agreement': [('down_payment_minor', False), ('principal_minor', False), ('interest_minor', False)],
    'agreement_invoice': [('open_minor', False)],
    'agreement_installment': [('amount_minor', False)],
    'promise_to_pay': [('amount_minor', False)],
    'dispute': [('amount_minor', False)],
    'reminder_level': [('min_overdue_minor', False)],
    'reminder': [('amount_minor', False), ('fee_minor', False)],
    'reminder_line': [('amount_minor', False), ('fee_minor', False)],
}

BACKFILL = """
UPDATE due_line SET paid_minor = (
    SELECT COALESCE(SUM(allocation.amount_minor), 0) FROM allocation WHERE allocation.due_line_id = due_line.id)
WHERE id IN (SELECT due_line_id FROM allocation)
"""


def _retype(type_from, type_to) -> None:
    if op.get_bind().dialect.name == 'sqlite':
        return
    for table, columns in MONEY_COLUMNS.items():
        for column, nullable in columns:
            op.alter_column(table, column, existing_type=type_from, type_=type_to, existing_nullable=nullable)


def upgrade() -> None:
    _retype(sa.Integer(), sa.BigInteger())
    with op.batch_alter_table('due_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paid_minor', sa.BigInteger(), server_default='0', nullable=False))
    op.execute(BACKFILL)
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.create_index('ix_allocation_date', ['date', 'due_line_id', 'amount_minor'], unique=False)
    with op.batch_alter_table('due_line', schema=None) as batch_op:
        batch_op.create_index('ix_due_line_open', ['invoice_id'], unique=False,
                              sqlite_where=sa.text('paid_minor < amount_minor'),
                              postgresql_where=sa.text('paid_minor < amount_minor'))


def downgrade() -> None:
    with op.batch_alter_table('due_line', schema=None) as batch_op:
        batch_op.drop_index('ix_due_line_open')
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_index('ix_allocation_date')
    with op.batch_alter_table('due_line', schema=None) as batch_op:
        batch_op.drop_column('paid_minor')
    _retype(sa.BigInteger(), sa.Integer())
