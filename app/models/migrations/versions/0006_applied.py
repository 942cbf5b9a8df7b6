"""applied: payment/credit_note/write_off.applied_minor (everything ever allocated from them)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23

Like due_line.paid_minor on the other side of an allocation: a document's unapplied credit as of D is
amount − applied + its allocations dated after D, and the partial indexes hold the documents with
something left to apply, so the dashboard reads those instead of every payment ever received. The
covering index on invoice(issue_date, ...) answers "credit sales and voids of a period" from the index.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

SOURCES = (('payment', 'payment_id'), ('credit_note', 'credit_note_id'), ('write_off', 'write_off_id'))


def upgrade() -> None:
    for table, column in SOURCES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('applied_minor', sa.BigInteger(), server_default='0', nullable=False))
        op.execute(f"""
            UPDATE {table} SET applied_minor = (
                SELECT COALESCE(SUM(allocation.amount_minor), 0) FROM allocation
                WHERE allocation.{column} = {table}.id)
            WHERE id IN (SELECT {column} FROM allocation WHERE {column} IS NOT NULL)""")
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(f'ix_{table}_unapplied', ['currency'], unique=False,
                                  sqlite_where=sa.text('applied_minor < amount_minor'),
                                  postgresql_where=sa.text('applied_minor < amount_minor'))
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.create_index('ix_invoice_issue_sales', ['issue_date', 'currency', 'total_minor', 'status',
                                                         'void_date'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('invoice', schema=None) as batch_op:
        batch_op.drop_index('ix_invoice_issue_sales')
    for table, _column in reversed(SOURCES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(f'ix_{table}_unapplied')
            batch_op.drop_column('applied_minor')
