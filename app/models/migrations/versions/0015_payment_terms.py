"""payment terms real businesses use: fixed-amount and "rest" lines, a day of a later month, archived
terms, and the early-payment discount each invoice is posted with

Revision ID: 0015
Revises: 0011
Create Date: 2026-12-04

Terms could only say "P % due N days after the invoice date or after the end of its month". A line now
has a kind (percent, fixed amount in one currency, or the rest), months and a day of the month; existing
lines become percent lines with months 0 and keep computing the same dates. Terms can be archived (not
offered for new invoices; documents keep their due lines). `invoice_discount` holds the early-payment
discount an invoice got from its terms when posted, and the credit note that settled it, if any.
"""
from alembic import op
import sqlalchemy as sa

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payment_terms', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived', sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table('payment_terms_line', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), server_default='percent', nullable=False))
        batch_op.add_column(sa.Column('amount_minor', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('currency', sa.String(length=3), nullable=True))
        batch_op.add_column(sa.Column('months', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('day', sa.Integer(), nullable=True))
        batch_op.alter_column('percent', existing_type=sa.Numeric(precision=7, scale=4), nullable=True)
        batch_op.drop_constraint(op.f('ck_payment_terms_line_basis_known'), type_='check')
        batch_op.create_check_constraint('basis_known', "basis IN ('invoice', 'month_end', 'month_day')")
        batch_op.create_check_constraint('kind_known', "kind IN ('percent', 'fixed', 'rest')")
        batch_op.create_check_constraint(
            'kind_value', "(kind = 'percent' AND percent IS NOT NULL)"
                          " OR (kind = 'fixed' AND amount_minor > 0 AND currency IS NOT NULL) OR kind = 'rest'")
        batch_op.create_check_constraint('months_non_negative', "months >= 0")
        batch_op.create_check_constraint('day_of_month', "day IS NULL OR (day >= 1 AND day <= 31)")
    op.create_table(
        'invoice_discount',
        sa.Column('invoice_id', sa.Integer(), nullable=False),
        sa.Column('percent', sa.Numeric(precision=7, scale=4), nullable=False),
        sa.Column('until', sa.Date(), nullable=False),
        sa.Column('amount_minor', sa.BigInteger(), nullable=False),
        sa.Column('credit_note_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('amount_minor > 0', name=op.f('ck_invoice_discount_amount_positive')),
        sa.CheckConstraint('percent > 0 AND percent < 100', name=op.f('ck_invoice_discount_percent_range')),
        sa.ForeignKeyConstraint(['credit_note_id'], ['credit_note.id'],
                                name=op.f('fk_invoice_discount_credit_note_id_credit_note')),
        sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_invoice_discount_invoice_id_invoice')),
        sa.PrimaryKeyConstraint('invoice_id', name=op.f('pk_invoice_discount')),
    )


def downgrade() -> None:
    op.drop_table('invoice_discount')
    # lines the old schema cannot hold (fixed, rest, a day of a month) have no faithful equivalent
    conn = op.get_bind()
    bad = conn.execute(sa.text("SELECT COUNT(*) FROM payment_terms_line WHERE kind <> 'percent' "
                               "OR basis = 'month_day' OR months <> 0")).scalar()
    if bad:
        raise RuntimeError(f"{bad} payment terms lines use fixed amounts, the rest, months or a day of the month, "
                           "which the older schema cannot hold; archive or change those terms first")
    with op.batch_alter_table('payment_terms_line', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payment_terms_line_day_of_month'), type_='check')
        batch_op.drop_constraint(op.f('ck_payment_terms_line_months_non_negative'), type_='check')
        batch_op.drop_constraint(op.f('ck_payment_terms_line_kind_value'), type_='check')
        batch_op.drop_constraint(op.f('ck_payment_terms_line_kind_known'), type_='check')
        batch_op.drop_constraint(op.f('ck_payment_terms_line_basis_known'), type_='check')
        batch_op.create_check_constraint('basis_known', "basis IN ('invoice', 'month_end')")
        batch_op.alter_column('percent', existing_type=sa.Numeric(precision=7, scale=4), nullable=False)
        batch_op.drop_column('day')
        batch_op.drop_column('months')
        batch_op.drop_column('currency')
        batch_op.drop_column('amount_minor')
        batch_op.drop_column('kind')
    with op.batch_alter_table('payment_terms', schema=None) as batch_op:
        batch_op.drop_column('archived')
