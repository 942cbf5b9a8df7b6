"""reminders: policies, levels, runs, reminders, contact log, template overrides

Revision ID: 0002_reminders
Revises: 0003
Create Date: 2026-11-23 00:48:30.874641
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_reminders'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('reminder_policy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=30), nullable=False),
    sa.Column('name_es', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('is_default', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_policy')),
    sa.UniqueConstraint('code', name=op.f('uq_reminder_policy_code'))
    )
    op.create_table('reminder_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_run'))
    )
    with op.batch_alter_table('reminder_run', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_run_as_of'), ['as_of'], unique=False)

    op.create_table('reminder_template',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('level_key', sa.String(length=30), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('language', sa.String(length=5), nullable=False),
    sa.Column('part', sa.String(length=10), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_template')),
    sa.UniqueConstraint('level_key', 'channel', 'language', 'part', name='uq_reminder_template_key')
    )
    op.create_table('reminder_level',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=30), nullable=False),
    sa.Column('name_es', sa.String(length=100), nullable=False),
    sa.Column('name_en', sa.String(length=100), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('channels', sa.String(length=100), nullable=False),
    sa.Column('fee_kind', sa.String(length=10), nullable=False),
    sa.Column('fee_value', sa.Numeric(precision=14, scale=4), nullable=False),
    sa.Column('min_overdue_minor', sa.Integer(), nullable=False),
    sa.Column('needs_approval', sa.Boolean(), nullable=False),
    sa.Column('min_gap_days', sa.Integer(), nullable=False),
    sa.CheckConstraint("fee_kind IN ('none', 'fixed', 'percent')", name=op.f('ck_reminder_level_fee_kind_known')),
    sa.CheckConstraint('min_gap_days >= 0', name=op.f('ck_reminder_level_gap_non_negative')),
    sa.CheckConstraint('min_overdue_minor >= 0', name=op.f('ck_reminder_level_minimum_non_negative')),
    sa.ForeignKeyConstraint(['policy_id'], ['reminder_policy.id'], name=op.f('fk_reminder_level_policy_id_reminder_policy'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_level')),
    sa.UniqueConstraint('policy_id', 'sequence', name='uq_reminder_level_policy_sequence')
    )
    with op.batch_alter_table('reminder_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_reminder_level_policy_id'), ['policy_id'], unique=False)

    op.create_table('customer_reminder_settings',
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('policy_id', sa.Integer(), nullable=True),
    sa.Column('paused_until', sa.Date(), nullable=True),
    sa.Column('timezone', sa.String(length=64), nullable=True),
    sa.Column('authorised_channels', sa.String(length=100), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_reminder_settings_customer_id_customer'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['policy_id'], ['reminder_policy.id'], name=op.f('fk_customer_reminder_settings_policy_id_reminder_policy')),
    sa.PrimaryKeyConstraint('customer_id', name=op.f('pk_customer_reminder_settings'))
    )
    op.create_table('reminder',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.Column('level_key', sa.String(length=30), nullable=False),
    sa.Column('channels', sa.String(length=100), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('fee_minor', sa.Integer(), nullable=False),
    sa.Column('fee_invoice_id', sa.Integer(), nullable=True),
    sa.Column('send_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('hold_reason', sa.Text(), nullable=True),
    sa.Column('hold_reason_es', sa.Text(), nullable=True),
    sa.Column('call_window', sa.Text(), nullable=True),
    sa.Column('contact_profile', sa.String(length=10), nullable=True),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('file_path', sa.String(length=500), nullable=True),
    sa.Column('message_id', sa.String(length=300), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("state IN ('draft', 'queued', 'sent', 'failed', 'cancelled')", name=op.f('ck_reminder_state_known')),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_reminder_customer_id_customer')),
    sa.ForeignKeyConstraint(['fee_invoice_id'], ['invoice.id'], name=op.f('fk_reminder_fee_invoice_id_invoice')),
    sa.ForeignKeyConstraint(['level_id'], ['reminder_level.id'], name=op.f('fk_reminder_level_id_reminder_level')),
    sa.ForeignKeyConstraint(['run_id'], ['reminder_run.id'], name=op.f('fk_reminder_run_id_reminder_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder'))
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.create_index('ix_reminder_customer_state', ['customer_id', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_run_id'), ['run_id'], unique=False)
        batch_op.create_index('ix_reminder_state_send_at', ['state', 'send_at'], unique=False)

    op.create_table('contact_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('customer_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('reminder_id', sa.Integer(), nullable=True),
    sa.Column('profile', sa.String(length=10), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_contact_log_customer_id_customer')),
    sa.ForeignKeyConstraint(['reminder_id'], ['reminder.id'], name=op.f('fk_contact_log_reminder_id_reminder')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact_log'))
    )
    with op.batch_alter_table('contact_log', schema=None) as batch_op:
        batch_op.create_index('ix_contact_log_customer_at', ['customer_id', 'at'], unique=False)

    op.create_table('reminder_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reminder_id', sa.Integer(), nullable=False),
    sa.Column('due_line_id', sa.Integer(), nullable=False),
    sa.Column('invoice_number', sa.String(length=40), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('level_id', sa.Integer(), nullable=False),
    sa.Column('level_sequence', sa.Integer(), nullable=False),
    sa.Column('level_key', sa.String(length=30), nullable=False),
    sa.Column('climbed', sa.Boolean(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('days_overdue', sa.Integer(), nullable=False),
    sa.Column('fee_minor', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['due_line_id'], ['due_line.id'], name=op.f('fk_reminder_line_due_line_id_due_line')),
    sa.ForeignKeyConstraint(['level_id'], ['reminder_level.id'], name=op.f('fk_reminder_line_level_id_reminder_level')),
    sa.ForeignKeyConstraint(['reminder_id'], ['reminder.id'], name=op.f('fk_reminder_line_reminder_id_reminder'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reminder_line'))
    )
    with op.batch_alter_table('reminder_line', schema=None) as batch_op:
        batch_op.create_index('ix_reminder_line_due_line_level', ['due_line_id', 'level_sequence'], unique=False)
        batch_op.create_index(batch_op.f('ix_reminder_line_reminder_id'), ['reminder_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('reminder_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_line_reminder_id'))
        batch_op.drop_index('ix_reminder_line_due_line_level')

    op.drop_table('reminder_line')
    with op.batch_alter_table('contact_log', schema=None) as batch_op:
        batch_op.drop_index('ix_contact_log_customer_at')

    op.drop_table('contact_log')
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_index('ix_reminder_state_send_at')
        batch_op.drop_index(batch_op.f('ix_reminder_run_id'))
        batch_op.drop_index('ix_reminder_customer_state')

    op.drop_table('reminder')
    op.drop_table('customer_reminder_settings')
    with op.batch_alter_table('reminder_level', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_level_policy_id'))

    op.drop_table('reminder_level')
    op.drop_table('reminder_template')
    with op.batch_alter_table('reminder_run', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reminder_run_as_of'))

    op.drop_table('reminder_run')
    op.drop_table('reminder_policy')
