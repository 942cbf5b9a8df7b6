"""bank statements: imported statement files and their credit lines, for matching to open invoices

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05

`bank_statement` is one import of a file (layout, account, currency); `bank_line` one credit line of it,
unique by a fingerprint so that importing the same or an overlapping statement again stores nothing
twice. A line is new, confirmed (it became a payment: `payment_id`) or skipped (with a note).
"""
from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'bank_statement',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('layout', sa.String(length=30), nullable=False),
        sa.Column('account', sa.String(length=60), nullable=True),
        sa.Column('file_name', sa.String(length=255), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('lines_new', sa.Integer(), nullable=False),
        sa.Column('lines_known', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_statement')),
    )
    op.create_table(
        'bank_line',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('statement_id', sa.Integer(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('line', sa.Integer(), nullable=False),
        sa.Column('date', sa.Date(), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('reference', sa.String(length=100), nullable=True),
        sa.Column('amount_minor', sa.BigInteger(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('payment_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.CheckConstraint('amount_minor > 0', name=op.f('ck_bank_line_amount_positive')),
        sa.CheckConstraint("status IN ('new', 'confirmed', 'skipped')", name=op.f('ck_bank_line_status_known')),
        sa.ForeignKeyConstraint(['payment_id'], ['payment.id'], name=op.f('fk_bank_line_payment_id_payment')),
        sa.ForeignKeyConstraint(['statement_id'], ['bank_statement.id'],
                                name=op.f('fk_bank_line_statement_id_bank_statement')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_line')),
        sa.UniqueConstraint('fingerprint', name=op.f('uq_bank_line_fingerprint')),
    )
    op.create_index(op.f('ix_bank_line_statement_id'), 'bank_line', ['statement_id'])
    op.create_index(op.f('ix_bank_line_status'), 'bank_line', ['status'])
    op.create_index(op.f('ix_bank_line_payment_id'), 'bank_line', ['payment_id'])


def downgrade() -> None:
    op.drop_table('bank_line')
    op.drop_table('bank_statement')
