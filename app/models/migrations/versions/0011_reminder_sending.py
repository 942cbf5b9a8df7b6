"""reminder state "sending": an e-mail marked with its Message-ID and committed before the SMTP connection

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04

`remind --send` sent e-mails inside the database transaction: killed after the server accepted them, the
"sent" state rolled back and the next run sent them again. Each e-mail is now marked "sending" (its
Message-ID stored in the existing `message_id` column) and committed before it leaves, then marked sent; a
reminder left "sending" by a crash is never resent by itself. The column exists: only the state check grows.
"""
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

OLD = "state IN ('draft', 'queued', 'sent', 'failed', 'cancelled')"
NEW = "state IN ('draft', 'queued', 'sending', 'sent', 'failed', 'cancelled')"


def upgrade() -> None:
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_reminder_state_known'), type_='check')
        batch_op.create_check_constraint('state_known', NEW)


def downgrade() -> None:
    # a reminder still "sending" may have gone out: it goes back as failed, for a person to check
    op.execute("UPDATE reminder SET state = 'failed', error = 'may have been sent (schema downgraded while "
               "sending): check before sending again' WHERE state = 'sending'")
    with op.batch_alter_table('reminder', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_reminder_state_known'), type_='check')
        batch_op.create_check_constraint('state_known', OLD)
