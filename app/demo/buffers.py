"""The demo's invoices, due lines and allocations between their simulation and their writing, in typed arrays.

Invoice ids follow the issue date while the simulation goes customer by customer, so writing invoices as
they are simulated inserts them all over the table (at a million invoices most of the time went to SQLite
re-reading and re-writing pages). Kept here, 20-30 bytes a row instead of a 200-byte tuple, they are
written at the end in id order; their due lines and allocations follow them (the foreign keys want the
invoice first), also in id order. Payments and write-offs need only their customer: written as they come.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence

PAYMENT, CREDIT_NOTE, WRITE_OFF = 0, 1, 2  # what an allocation applies


def _zeros(typecode: str, n: int) -> array:
    return array(typecode, bytes(array(typecode).itemsize * n))


class Invoices:
    """One slot per invoice, by rank (its id less the first id)."""

    def __init__(self, n: int):
        self.customer = _zeros("i", n)
        self.currency = _zeros("b", n)  # index into the generator's currencies
        self.total = _zeros("q", n)
        self.reference = _zeros("i", n)  # the purchase order's number, -1: none
        self.disputed = _zeros("b", n)
        self.void_on = _zeros("i", n)  # day ordinal, 0: not void
        self.void_reason = _zeros("b", n)  # 1 + index into data.VOID_REASONS, 0: not void


class DueLines:
    """Appended in id order; paid_minor is set when the customer's simulation ends."""

    def __init__(self):
        self.invoice = array("i")
        self.sequence = array("b")
        self.due = array("i")  # day ordinal
        self.amount = array("q")
        self.paid = array("q")

    def __len__(self) -> int:
        return len(self.invoice)

    def add(self, invoice_id: int, sequence: int, due: int, amount: int) -> int:
        """Append a line; returns its index."""
        self.invoice.append(invoice_id)
        self.sequence.append(sequence)
        self.due.append(due)
        self.amount.append(amount)
        self.paid.append(0)
        return len(self.invoice) - 1


class Allocations:
    """Appended in id order. The document applied is in one of three columns, 0 in the other two (ids
    start at 1): the rows are then made column by column, without a Python test per row."""

    def __init__(self):
        self.due_line = array("i")
        self.sources = (array("i"), array("i"), array("i"))  # payment, credit note, write-off ids; 0: none
        self.amount = array("q")
        self.date = array("i")  # day ordinal
        self.currency = array("b")

    def __len__(self) -> int:
        return len(self.due_line)

    def add(self, due_line_id: int, kind: int, source: int, amount: int, day: int, currency: int) -> None:
        self.due_line.append(due_line_id)
        payment, credit_note, write_off = self.sources
        payment.append(source if kind == PAYMENT else 0)
        credit_note.append(source if kind == CREDIT_NOTE else 0)
        write_off.append(source if kind == WRITE_OFF else 0)
        self.amount.append(amount)
        self.date.append(day)
        self.currency.append(currency)


_NONE_FOR_ZERO = {0: None}


def none_for_zero(values: Sequence[int]) -> Iterator[int | None]:
    """The values (a sequence: read twice) with 0 (the buffers' "none") as None, without a Python call per value."""
    return map(_NONE_FOR_ZERO.get, values, values)
