"""The demo's invoices, due lines and allocations between their simulation and their writing, in typed arrays.

Invoice ids follow the issue date while the simulation goes customer by customer, so writing invoices as
they are simulated inserts them all over the table (at a million invoices most of the time went to SQLite
re-reading and re-writing pages). Kept here, 20-30 bytes a row instead of a 200-byte tuple, they are
written at the end in id order; their due lines and allocations follow them (the foreign keys want the
invoice first), also in id order. Payments and write-offs need only their customer: written as they come.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator

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
        self.void_reason = _zeros("b", n)


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
    """Appended in id order."""

    def __init__(self):
        self.due_line = array("i")
        self.kind = array("b")  # PAYMENT, CREDIT_NOTE or WRITE_OFF
        self.source = array("i")  # the id of that payment, credit note or write-off
        self.amount = array("q")
        self.date = array("i")  # day ordinal
        self.currency = array("b")

    def __len__(self) -> int:
        return len(self.due_line)

    def add(self, due_line_id: int, kind: int, source: int, amount: int, day: int, currency: int) -> None:
        self.due_line.append(due_line_id)
        self.kind.append(kind)
        self.source.append(source)
        self.amount.append(amount)
        self.date.append(day)
        self.currency.append(currency)


def batches(n: int, make: Callable[[int], tuple], size: int) -> Iterator[list[tuple]]:
    """The rows 0..n-1 made by `make(i)`, a list of at most `size` at a time."""
    for start in range(0, n, size):
        yield [make(i) for i in range(start, min(start + size, n))]
