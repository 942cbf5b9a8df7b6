"""The demo's invoices, due lines and allocations between their simulation and their writing, in typed arrays.

Invoice ids follow the issue date while the simulation goes customer by customer, so writing invoices as
they are simulated inserts them all over the table (at a million invoices most of the time went to SQLite
re-reading and re-writing pages). Kept here, 20-30 bytes a row instead of a 200-byte tuple, they are
written at the end in id order; their due lines and allocations follow them (the foreign keys want the
invoice first), also in id order. Payments and write-offs need only their customer: written as they come.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Sequence

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

    def batches(self, first_id: int, date: Callable[[int], object], size: int) -> Iterator[list[tuple]]:
        """Rows (id, invoice_id, sequence, due_date, amount_minor, paid_minor), `size` at a time (tuples
        made by zip, not by a Python call per row); `date` turns a day ordinal into the stored date."""
        for start in range(0, len(self), size):
            stop = min(start + size, len(self))
            yield list(zip(range(first_id + start, first_id + stop), self.invoice[start:stop],
                           self.sequence[start:stop], map(date, self.due[start:stop]), self.amount[start:stop],
                           self.paid[start:stop]))


class Allocations:
    """Appended in id order. Of payment, credit note and write-off one id is set, the others are 0."""

    def __init__(self):
        self.due_line = array("i")
        self.payment = array("i")
        self.credit_note = array("i")
        self.write_off = array("i")
        self.amount = array("q")
        self.date = array("i")  # day ordinal
        self.currency = array("b")

    def __len__(self) -> int:
        return len(self.due_line)

    def add(self, due_line_id: int, payment: int, credit_note: int, write_off: int, amount: int, day: int,
            currency: int) -> None:
        self.due_line.append(due_line_id)
        self.payment.append(payment)
        self.credit_note.append(credit_note)
        self.write_off.append(write_off)
        self.amount.append(amount)
        self.date.append(day)
        self.currency.append(currency)

    def batches(self, first_id: int, date: Callable[[int], object], currencies: Sequence[str],
                size: int) -> Iterator[list[tuple]]:
        """Rows (id, due_line_id, payment_id, credit_note_id, write_off_id, amount_minor, date, currency),
        `size` at a time; `currencies` names the currency indexes."""
        for start in range(0, len(self), size):
            stop = min(start + size, len(self))
            yield list(zip(range(first_id + start, first_id + stop), self.due_line[start:stop],
                           [i or None for i in self.payment[start:stop]],
                           [i or None for i in self.credit_note[start:stop]],
                           [i or None for i in self.write_off[start:stop]], self.amount[start:stop],
                           map(date, self.date[start:stop]), map(currencies.__getitem__, self.currency[start:stop])))


def batches(n: int, make: Callable[[int], tuple], size: int) -> Iterator[list[tuple]]:
    """The rows 0..n-1 made by `make(i)`, a list of at most `size` at a time."""
    for start in range(0, n, size):
        yield [make(i) for i in range(start, min(start + size, n))]
