"""A shared payment history for the scoring tests: half the customers pay late, half on time."""

import datetime as dt
import random

import pytest

from app import ledger
from tests.factories import make_customer

D = dt.date
AS_OF = D(2026, 6, 30)


def build_history(s, customers=16, invoices=12, seed=3):
    """Half the customers pay about 60 days late, half about on time; deterministic."""
    rng = random.Random(seed)
    with s.begin():
        for c in range(customers):
            late = c % 2 == 0
            code = f"{'LATE' if late else 'GOOD'}{c:02d}"
            make_customer(s, code=code, name=f"Cliente {code}")
            for i in range(invoices):
                issued = D(2025, 3, 1) + dt.timedelta(days=30 * i + rng.randint(0, 10))
                amount = rng.randint(100, 5000) * 100
                inv = ledger.record_invoice(s, customer_code=code, number=f"{code}-{i}", issue_date=issued,
                                            total_minor=amount)
                due = inv.due_lines[0].due_date
                pay = due + dt.timedelta(days=rng.randint(45, 90) if late else rng.randint(-5, 8))
                if pay <= AS_OF:
                    ledger.record_payment(s, customer_code=code, date=pay, amount_minor=amount,
                                          invoice_number=inv.number)


@pytest.fixture(scope="module")
def history_file(tmp_path_factory):
    """One 16-customer history built through the ledger, copied for each test that only reads it."""
    from app.database import open_database, session_factory

    path = tmp_path_factory.mktemp("scoring") / "history.sqlite"
    engine = open_database(str(path))
    with session_factory(engine)() as s:
        build_history(s, customers=20, invoices=14)
    engine.dispose()
    return path


@pytest.fixture
def history(history_file, tmp_path):
    import shutil

    from app.database import open_database, session_factory

    copy = tmp_path / "copy.sqlite"
    shutil.copy(history_file, copy)
    engine = open_database(str(copy))
    with session_factory(engine)() as s:
        yield s
    engine.dispose()
