"""open lines by sequence: ix_due_line_open also holds each open line's sequence

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-06

Reminder planning orders each customer's open items by due date, invoice number and the line's sequence.
The sequence was the only column of that read not in the covering index of open lines, so each of the ~270,000
open lines of a 1,000,000-invoice book cost a lookup of its due_line row: half a second of the preview's read
(0.9 s with it, 0.45 s without).
"""
from alembic import op
import sqlalchemy as sa


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

OPEN = "paid_minor < amount_minor"


def _index(columns: list[str]) -> None:
    op.drop_index('ix_due_line_open', table_name='due_line')
    op.create_index('ix_due_line_open', 'due_line', columns, unique=False, sqlite_where=sa.text(OPEN),
                    postgresql_where=sa.text(OPEN))


def upgrade() -> None:
    _index(['invoice_id', 'due_date', 'amount_minor', 'paid_minor', 'sequence'])


def downgrade() -> None:
    _index(['invoice_id', 'due_date', 'amount_minor', 'paid_minor'])
