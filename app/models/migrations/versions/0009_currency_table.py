"""currency table: each currency's decimals kept in the database; exchange rates by date

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Amounts are stored as integers of 10^-decimals. Until now the decimals came from Babel at run time, and
Babel 2.19 (CLDR 49) changed COP from 2 to 0: every stored COP amount would have read 100 times too
large. From here on the database says how many decimals each currency has.

A new database gets ISO 4217. An existing one gets, for each currency its data already uses, the
decimals that data was entered with: the earlier versions of this program asked Babel ≤ 2.18, which
agrees with ISO 4217 (COP 2 included) except for the currencies in LEGACY_DIGITS below, where CLDR
said 0 (IQD, for example, is 3 in ISO 4217). Those keep 0 so their amounts keep their value.
"""
from alembic import op
import sqlalchemy as sa

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Frozen data, not a library call: the decimals earlier versions stored these currencies' amounts with
# where that differs from ISO 4217 (written down once from Babel 2.18.0, which they asked at the time)
LEGACY_DIGITS = {"AFN": 0, "ALL": 0, "IQD": 0, "IRR": 0, "KPW": 0, "LAK": 0, "LBP": 0, "MGA": 0, "MMK": 0,
                 "RSD": 0, "SOS": 0, "SYP": 0, "YER": 0}

USED = """
SELECT currency FROM customer UNION SELECT currency FROM invoice UNION SELECT currency FROM payment
UNION SELECT currency FROM credit_note UNION SELECT currency FROM company
"""


def upgrade() -> None:
    # the list as shipped with this revision; a later change to it comes with its own migration
    from app.models.iso4217 import ISO_4217

    currency = op.create_table(
        'currency',
        sa.Column('code', sa.String(length=3), nullable=False),
        sa.Column('minor_units', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint('code', name=op.f('pk_currency')),
    )
    op.create_table(
        'exchange_rate',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('currency', sa.String(length=3), nullable=False),
        sa.Column('rate_date', sa.Date(), nullable=False),
        sa.Column('rate', sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(['currency'], ['currency.code'],
                                name=op.f('fk_exchange_rate_currency_currency')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_exchange_rate')),
        sa.UniqueConstraint('currency', 'rate_date', name=op.f('uq_exchange_rate_currency')),
    )
    used = {row[0] for row in op.get_bind().execute(sa.text(USED)) if row[0]}
    rows = []
    for code, (digits, name) in sorted(ISO_4217.items()):
        if code in used and code in LEGACY_DIGITS:
            digits = LEGACY_DIGITS[code]
        rows.append({"code": code, "minor_units": digits, "name": name})
    op.bulk_insert(currency, rows)


def downgrade() -> None:
    op.drop_table('exchange_rate')
    op.drop_table('currency')
