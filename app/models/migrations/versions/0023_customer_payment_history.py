"""customer_payment_history: each customer's payment history, kept by the ledger, for the forecast and tasks

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-05

The cash-flow forecast's historical lateness and today's tasks' risk read every allocation of the customers'
settled due lines (4-5 s at a million invoices). The ledger now keeps the totals after every write
(app.ledger.payment_history_keeper); this fills them for the allocations already there, with the same rule
(app.ledger.payment_history) in SQL: per due line, its allocations (all of them) — allocated, paid by payments,
Σ payment × its date, the last date — and per customer, over the lines allocated in full: Σ paid and
Σ paid × days late (payments among them, invoice not voided), how many lines (posted invoices) and how many
of those last allocated more than 30 days after their due date.
"""
import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None

FILL = """
INSERT INTO customer_payment_history (customer_id, paid_minor, paid_days_late, settled_lines, late_lines)
SELECT customer_id, SUM(paid), SUM(weighted), SUM(settled), SUM(late) FROM (
    SELECT i.customer_id AS customer_id,
           CASE WHEN (i.status = 'posted' OR i.void_date IS NULL) AND l.allocated >= d.amount_minor AND l.paid > 0
                THEN l.paid ELSE 0 END AS paid,
           CASE WHEN (i.status = 'posted' OR i.void_date IS NULL) AND l.allocated >= d.amount_minor AND l.paid > 0
                THEN l.paid_days - l.paid * {days_due} ELSE 0 END AS weighted,
           CASE WHEN i.status = 'posted' AND l.allocated >= d.amount_minor THEN 1 ELSE 0 END AS settled,
           CASE WHEN i.status = 'posted' AND l.allocated >= d.amount_minor AND {late} > 30 THEN 1 ELSE 0 END AS late
      FROM (SELECT due_line_id, SUM(amount_minor) AS allocated,
                   SUM(CASE WHEN payment_id IS NOT NULL THEN amount_minor ELSE 0 END) AS paid,
                   SUM(CASE WHEN payment_id IS NOT NULL THEN amount_minor * {days_paid} ELSE 0 END) AS paid_days,
                   MAX(date) AS last
              FROM allocation GROUP BY due_line_id) AS l
      JOIN due_line AS d ON d.id = l.due_line_id
      JOIN invoice AS i ON i.id = d.invoice_id
) AS lines
GROUP BY customer_id
HAVING SUM(settled) > 0 OR SUM(paid) <> 0
"""

DAYS = {  # whole days since 1970-01-01, and between two dates (app.ledger.sqlfuncs.days_between)
    "sqlite": dict(days_due="CAST(julianday(d.due_date) - julianday('1970-01-01') AS INTEGER)",
                   days_paid="CAST(julianday(date) - julianday('1970-01-01') AS INTEGER)",
                   late="CAST(julianday(l.last) - julianday(d.due_date) AS INTEGER)"),
    "postgresql": dict(days_due="CAST((d.due_date - DATE '1970-01-01') AS BIGINT)",
                       days_paid="CAST((date - DATE '1970-01-01') AS BIGINT)",
                       late="CAST((l.last - d.due_date) AS INTEGER)"),
}


def upgrade() -> None:
    op.create_table(
        "customer_payment_history",
        sa.Column("customer_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("paid_minor", sa.BigInteger(), nullable=False),
        sa.Column("paid_days_late", sa.BigInteger(), nullable=False),
        sa.Column("settled_lines", sa.Integer(), nullable=False),
        sa.Column("late_lines", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_customer_payment_history_customer_id_customer")),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_customer_payment_history")),
    )
    op.execute(FILL.format(**DAYS[op.get_bind().dialect.name]))


def downgrade() -> None:
    op.drop_table("customer_payment_history")
