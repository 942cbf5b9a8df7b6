"""customer codes and document numbers are unique regardless of case: an index on lower(...) for the check

Revision ID: 0018
Revises: 0011
Create Date: 2026-12-04

"F001-1" and "f001-1" were two invoices. The ledger now refuses a code or number that differs from an
existing one only in case (app.ledger.text_input.same_key); these indexes make that check (one per invoice
of an import) an index lookup instead of a scan. Not unique: an old database may already hold both
spellings, which stay readable as they are.
"""
from alembic import op

revision = '0018'
down_revision = '0015'
branch_labels = None
depends_on = None

INDEXES = (("ix_customer_code_lower", "customer", "code"),
           ("ix_invoice_number_lower", "invoice", "number"),
           ("ix_credit_note_number_lower", "credit_note", "number"))


def upgrade() -> None:
    for name, table, column in INDEXES:
        op.execute(f"CREATE INDEX {name} ON {table} (lower({column}))")


def downgrade() -> None:
    for name, _table, _column in INDEXES:
        op.execute(f"DROP INDEX {name}")
