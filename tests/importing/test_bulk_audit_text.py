"""The audit text record_invoices writes out directly for each new invoice is the audit encoder's text of the same
entry (app.ledger.audit.entry), byte for byte: escapes, non-ASCII text, no reference, several due lines, and a
value of another type (which goes through the encoder itself)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.ledger import audit
from app.ledger.invoices import _NEW_COLUMNS, _created_after
from app.models import POSTED

NOW = dt.datetime(2026, 12, 6, 4, 0, 0, 123456, tzinfo=dt.timezone.utc)
DAY = dt.date(2026, 5, 1)


def _encoded(inv_id, row, schedule) -> str:
    """The entry as record_invoice's audit writes it: the invoice's columns, then its due lines."""
    columns = dict(zip(_NEW_COLUMNS, row + ("invoice", False, POSTED, None, None, NOW)))
    return audit.entry(action="create", entity="invoice", entity_id=inv_id, at=NOW, user="u", after={
        "id": inv_id, **columns, "issue_date": columns["issue_date"].isoformat(), "created_at": audit.plain(NOW),
        "due_lines": [[d.isoformat(), a] for d, a in schedule]})["after"]


@pytest.mark.parametrize("inv_id, row, schedule", [
    (5, ("IMP-1", 3, DAY, "PEN", 12345, None), [(dt.date(2026, 6, 1), 12345)]),
    (6, ('Ñ"\\x\n\u2028é😀', 3, DAY, "USD", 1, 'ref "q" \t ñ'), [(dt.date(2026, 6, 1), 1), (dt.date(2026, 7, 1), 2)]),
    (7, ("X", 3, DAY, "CLP", 1, ""), []),
    (8, ("X", 3, DAY, "USD", 3, "r"), [(dt.date(2026, 6, 1), 1), (dt.date(2026, 7, 1), 1), (dt.date(2026, 8, 1), 1)]),
    (9, ("X", 3, DAY, "USD", 1, "r"), [(dt.date(2026, 6, 1), True)]),  # not an int: through the encoder
])
def test_new_invoice_audit_text_is_the_encoders(inv_id, row, schedule):
    assert _created_after(NOW)(inv_id, row, schedule) == _encoded(inv_id, row, schedule)
