"""collections

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23
"""
from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('activity',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('direction', sa.String(length=3), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('next_action_date', sa.Date(), nullable=True),
    sa.Column('next_action_done', sa.Boolean(), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('source', sa.String(length=40), nullable=True),
    sa.CheckConstraint("channel IN ('call', 'email', 'letter', 'sms', 'whatsapp', 'visit', 'note')", name=op.f('ck_activity_channel_known')),
    sa.CheckConstraint("direction IN ('out', 'in')", name=op.f('ck_activity_direction_known')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_activity_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_customer_at', ['customer_id', 'at'], unique=False)
        batch_op.create_index('ix_activity_next_action', ['next_action_date'], unique=False)

    op.create_table('payment_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('frequency', sa.String(length=10), nullable=False),
    sa.Column('installments_count', sa.Integer(), nullable=False),
    sa.Column('down_payment_minor', sa.Integer(), nullable=False),
    sa.Column('monthly_rate', sa.Numeric(precision=9, scale=6), nullable=False),
    sa.Column('principal_minor', sa.Integer(), nullable=False),
    sa.Column('interest_minor', sa.Integer(), nullable=False),
    sa.Column('interest_invoice_id', sa.Integer(), nullable=True),
    sa.Column('grace_days', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('state_date', sa.Date(), nullable=True),
    sa.Column('state_reason', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("frequency IN ('week', 'fortnight', 'month')", name=op.f('ck_payment_agreement_frequency_known')),
    sa.CheckConstraint("state IN ('active', 'completed', 'broken', 'cancelled')", name=op.f('ck_payment_agreement_state_known')),
    sa.CheckConstraint('down_payment_minor >= 0 AND interest_minor >= 0', name=op.f('ck_payment_agreement_amounts_non_negative')),
    sa.CheckConstraint('installments_count > 0', name=op.f('ck_payment_agreement_installments_positive')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_payment_agreement_customer_id_customer')),
    sa.ForeignKeyConstraint(['interest_invoice_id'], ['invoice.id'], name=op.f('fk_payment_agreement_interest_invoice_id_invoice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payment_agreement')),
    sa.UniqueConstraint('number', name=op.f('uq_payment_agreement_number'))
    )
    with op.batch_alter_table('payment_agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payment_agreement_customer_id'), ['customer_id'], unique=False)

    op.create_table('promise_to_pay',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('promised_date', sa.Date(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('invoice_numbers', sa.Text(), nullable=True),
    sa.Column('activity_id', sa.Integer(), nullable=True),
    sa.Column('grace_days', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('state_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('open', 'kept', 'broken', 'cancelled')", name=op.f('ck_promise_to_pay_state_known')),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_promise_to_pay_amount_positive')),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_promise_to_pay_activity_id_activity')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_promise_to_pay_customer_id_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_promise_to_pay'))
    )
    with op.batch_alter_table('promise_to_pay', schema=None) as batch_op:
        batch_op.create_index('ix_promise_to_pay_customer_date', ['customer_id', 'promised_date'], unique=False)

    op.create_table('agreement_installment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_agreement_installment_amount_positive')),
    sa.ForeignKeyConstraint(['agreement_id'], ['payment_agreement.id'], name=op.f('fk_agreement_installment_agreement_id_payment_agreement')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_installment'))
    )
    with op.batch_alter_table('agreement_installment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_installment_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_invoice',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('open_minor', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['payment_agreement.id'], name=op.f('fk_agreement_invoice_agreement_id_payment_agreement')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_agreement_invoice_invoice_id_invoice')),
    sa.PrimaryKeyConstraint('agreement_id', 'invoice_id', name=op.f('pk_agreement_invoice'))
    )
    with op.batch_alter_table('agreement_invoice', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_invoice_invoice_id'), ['invoice_id'], unique=False)

    op.create_table('dispute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('invoice_id', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('credit_note_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('open', 'resolved_credit', 'rejected')", name=op.f('ck_dispute_status_known')),
    sa.CheckConstraint('amount_minor > 0', name=op.f('ck_dispute_amount_positive')),
    sa.ForeignKeyConstraint(['credit_note_id'], ['credit_note.id'], name=op.f('fk_dispute_credit_note_id_credit_note')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_dispute_customer_id_customer')),
    sa.ForeignKeyConstraint(['invoice_id'], ['invoice.id'], name=op.f('fk_dispute_invoice_id_invoice')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dispute'))
    )
    with op.batch_alter_table('dispute', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dispute_customer_id'), ['customer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dispute_invoice_id'), ['invoice_id'], unique=False)

    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('collector', sa.String(length=100), nullable=True))
        batch_op.create_index(batch_op.f('ix_customer_collector'), ['collector'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('customer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_customer_collector'))
        batch_op.drop_column('collector')

    with op.batch_alter_table('dispute', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dispute_invoice_id'))
        batch_op.drop_index(batch_op.f('ix_dispute_customer_id'))

    op.drop_table('dispute')
    with op.batch_alter_table('agreement_invoice', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_invoice_invoice_id'))

    op.drop_table('agreement_invoice')
    with op.batch_alter_table('agreement_installment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_installment_agreement_id'))

    op.drop_table('agreement_installment')
    with op.batch_alter_table('promise_to_pay', schema=None) as batch_op:
        batch_op.drop_index('ix_promise_to_pay_customer_date')

    op.drop_table('promise_to_pay')
    with op.batch_alter_table('payment_agreement', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payment_agreement_customer_id'))

    op.drop_table('payment_agreement')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_next_action')
        batch_op.drop_index('ix_activity_customer_at')

    op.drop_table('activity')

