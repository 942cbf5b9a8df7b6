"""risk snapshot, segment policies, channels a person completes

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

customer_risk keeps the latest score of each customer (probability of paying late, expected days
late, band, segment, reasons), so the forecast, today's tasks and the reminder run read it instead of
training the model each time. segment_policy maps a risk segment, ABC class or band to a reminder
policy. reminder.pending_channels holds the channels a person still has to complete (a WhatsApp chat).
"""
from alembic import op
import sqlalchemy as sa

from app.models.base import UTCDateTime


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'segment_policy',
        sa.Column('segment', sa.String(length=30), nullable=False),
        sa.Column('policy_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['policy_id'], ['reminder_policy.id'],
                                name=op.f('fk_segment_policy_policy_id_reminder_policy'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('segment', name=op.f('pk_segment_policy')),
    )
    op.create_table(
        'customer_risk',
        sa.Column('customer_id', sa.Integer(), nullable=False),
        sa.Column('as_of', sa.Date(), nullable=False),
        sa.Column('probability', sa.Numeric(precision=6, scale=4, asdecimal=False), nullable=False),
        sa.Column('expected_days_late', sa.Numeric(precision=8, scale=1, asdecimal=False), nullable=False),
        sa.Column('band', sa.String(length=12), nullable=False),
        sa.Column('segment', sa.String(length=20), nullable=False),
        sa.Column('method', sa.String(length=30), nullable=False),
        sa.Column('reasons_es', sa.Text(), nullable=False),
        sa.Column('reasons_en', sa.Text(), nullable=False),
        sa.Column('computed_at', UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['customer_id'], ['customer.id'], name=op.f('fk_customer_risk_customer_id_customer'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('customer_id', name=op.f('pk_customer_risk')),
    )
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pending_channels', sa.String(length=100), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_column('pending_channels')
    op.drop_table('customer_risk')
    op.drop_table('segment_policy')
