"""ar_history: receivables per currency and day, roll-rate inputs per month end, for the KPIs

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05

`cobranza kpi` aged the whole book at the period's start, end and every month end of it (5 s for 90
days, 16 s for 365 at a million invoices). The ledger now keeps those figures (app.ledger.ar_history):
writes mark the day from which they are stale (ar_dirty), and the first reader after them recomputes
only those days. The tables start empty (nothing valid yet): the first KPI report, or the next demo or
import, fills them.
"""
import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

VOIDED = "void_date IS NOT NULL"


def upgrade() -> None:
    op.create_table(
        "ar_day",
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        *(sa.Column(name, sa.BigInteger(), nullable=False)
          for name in ("ar_minor", "current_minor", "issued_minor", "collected_minor", "paid_minor",
                       "paid_days_issue", "paid_days_due")),
        sa.PrimaryKeyConstraint("currency", "day", name=op.f("pk_ar_day")),
    )
    op.create_table(
        "ar_roll",
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("month_end", sa.Date(), nullable=False),
        sa.Column("bucket", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("den_minor", sa.BigInteger(), nullable=False),
        sa.Column("num_minor", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("currency", "month_end", "bucket", name=op.f("pk_ar_roll")),
    )
    state = op.create_table(
        "ar_history_state",
        sa.Column("id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("valid_through", sa.Date(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_history_state")),
    )
    op.bulk_insert(state, [{"id": 1, "valid_through": None, "version": 0}])
    op.create_table(
        "ar_dirty",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ar_dirty")),
    )
    op.create_index("ix_invoice_void", "invoice", ["void_date", "status", "issue_date", "currency", "total_minor"],
                    sqlite_where=sa.text(VOIDED), postgresql_where=sa.text(VOIDED))


def downgrade() -> None:
    op.drop_index("ix_invoice_void", table_name="invoice")
    for table in ("ar_dirty", "ar_history_state", "ar_roll", "ar_day"):
        op.drop_table(table)
