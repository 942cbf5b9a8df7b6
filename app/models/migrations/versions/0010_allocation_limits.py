"""allocation limits: the database refuses a due line paid past its amount, or a payment, credit note
or write-off applied past its own

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04

Two writers on a shared PostgreSQL database each read a line as open and each applied 100.00 to it: the
line ended 200.00 paid of 100.00. The ledger now updates paid/applied amounts with a guard and says so
when another writer got there first; these constraints make the database itself refuse the rest.
A database whose data already breaks a limit is not changed: the upgrade stops and names the rows.
"""
from alembic import op
import sqlalchemy as sa

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

LIMITS = (("due_line", "paid_minor", "paid_within_amount"),
          ("payment", "applied_minor", "applied_within_amount"),
          ("credit_note", "applied_minor", "applied_within_amount"),
          ("write_off", "applied_minor", "applied_within_amount"))


def upgrade() -> None:
    conn = op.get_bind()
    for table, column, _name in LIMITS:
        bad = conn.execute(sa.text(f"SELECT id FROM {table} WHERE {column} < 0 OR {column} > amount_minor "
                                   "ORDER BY id LIMIT 5")).scalars().all()
        if bad:
            raise RuntimeError(f"{table} rows {bad} have {column} outside 0..amount_minor; the data was changed "
                               "outside Cobranza or by two writers at once. Nothing was upgraded: restore the "
                               "backup or correct those rows, then open the database again")
    for table, column, name in LIMITS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint(name, f"{column} >= 0 AND {column} <= amount_minor")


def downgrade() -> None:
    for table, _column, name in LIMITS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(op.f(f"ck_{table}_{name}"), type_="check")
