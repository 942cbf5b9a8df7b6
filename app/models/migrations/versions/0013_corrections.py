"""corrections: payments and credit notes can be voided, allocations reversed by a dated row

Revision ID: 0013
Revises: 0011
Create Date: 2026-12-04

Mistakes were uncorrectable: nothing could void a payment or move it to another invoice. Posted rows are
never edited, so a correction adds rows: unapplying an allocation writes its reversal (same line and
source, the negative amount, dated the day of the correction, `reverses_id` pointing at it), which keeps
every "as of" sum right before and after that day; a voided payment or credit note keeps its row with
status 'void', `void_date` and `void_reason`, as invoices already do.
"""
from alembic import op
import sqlalchemy as sa

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None

SIGN = "(reverses_id IS NULL AND amount_minor > 0) OR (reverses_id IS NOT NULL AND amount_minor < 0)"


def upgrade() -> None:
    for table in ("payment", "credit_note"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('void_date', sa.Date(), nullable=True))
            batch_op.add_column(sa.Column('void_reason', sa.Text(), nullable=True))
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reverses_id', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_allocation_reverses_id'), ['reverses_id'])
        batch_op.create_foreign_key(batch_op.f('fk_allocation_reverses_id_allocation'), 'allocation',
                                    ['reverses_id'], ['id'])
        batch_op.drop_constraint(op.f('ck_allocation_amount_positive'), type_='check')
        batch_op.create_check_constraint('amount_sign', SIGN)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.execute(sa.text("SELECT count(*) FROM allocation WHERE reverses_id IS NOT NULL")).scalar():
        raise RuntimeError("allocations have been reversed by corrections; the older schema cannot hold a "
                           "reversal. Restore a backup made before the upgrade instead")
    with op.batch_alter_table('allocation', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_allocation_amount_sign'), type_='check')
        batch_op.create_check_constraint('amount_positive', 'amount_minor > 0')
        batch_op.drop_constraint(batch_op.f('fk_allocation_reverses_id_allocation'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_allocation_reverses_id'), type_='unique')
        batch_op.drop_column('reverses_id')
    for table in ("payment", "credit_note"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('void_reason')
            batch_op.drop_column('void_date')
