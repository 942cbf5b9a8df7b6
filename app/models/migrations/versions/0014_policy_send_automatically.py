"""reminder_policy.send_automatically: a policy reviews before sending unless it says "send automatically"

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-04

After Preview every reminder was pre-approved (117 of 117 on the demo): Run was one click from sending
everything. A policy now says whether its reminders wait for the user's review (the default, and what every
existing policy becomes: nothing is sent by surprise after the upgrade) or are approved by themselves.
"""
import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('reminder_policy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('send_automatically', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table('reminder_policy', schema=None) as batch_op:
        batch_op.drop_column('send_automatically')
