"""Recording, voiding and disputing invoices."""

from __future__ import annotations

import datetime as dt
from json.encoder import encode_basestring
from typing import NamedTuple, Sequence

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from app import config
from app.models import POSTED, VOID, Allocation, AuditEntry, Customer, DueLine, Invoice, InvoiceDiscount

from . import audit, balance_keeper
from .customers import get_customer_row, terms_for
from .dates import check_document_date, check_range
from .errors import (
    AlreadyVoidError,
    CurrencyMismatchError,
    DuplicateNumberError,
    InvalidAmountError,
    InvalidValueError,
    LedgerError,
    UnknownCustomerError,
    UnknownInvoiceError,
    VoidWithAllocationsError,
)
from .money import check_bound, check_currency
from .terms import due_schedule, get_active_terms_row, schedule_of, terms_lines, validate_lines
from .text_input import clean_text, same_key
from .views import DueLineView, InvoiceView

KINDS = ("invoice", "fee", "interest")


def invoice_view(inv: Invoice) -> InvoiceView:
    return InvoiceView(
        id=inv.id, number=inv.number, customer_code=inv.customer.code, issue_date=inv.issue_date,
        currency=inv.currency, total_minor=inv.total_minor, reference=inv.reference, kind=inv.kind,
        disputed=inv.disputed, status=inv.status,
        due_lines=tuple(DueLineView(d.id, d.sequence, d.due_date, d.amount_minor) for d in inv.due_lines),
    )


def get_invoice_row(session: Session, number: str) -> Invoice:
    inv = session.scalars(
        select(Invoice).options(selectinload(Invoice.due_lines)).where(Invoice.number == (number or "").strip())
    ).first()
    if inv is None:
        raise UnknownInvoiceError(number)
    return inv


def document_number(number: str | None, kind: str) -> str:
    """The number a new document (`kind`: "Invoice", "Credit note") is given, which it must have."""
    number = clean_text(number, "number")
    if not number:
        raise InvalidValueError(f"The {kind.lower()} needs a number.", field="number")
    return number


def check_new_number(session: Session, column, kind: str, number: str) -> None:
    """Refuse a number that a document of the kind (`column` is its number column) already has."""
    existing = session.scalar(select(column).where((column == number) | (func.lower(column) == func.lower(number)))
                              .limit(1))
    if existing is not None:  # "f001-1" when "F001-1" exists is the same document
        raise DuplicateNumberError(kind, number, existing)


def get_invoice(session: Session, number: str) -> InvoiceView:
    return invoice_view(get_invoice_row(session, number))


def _schedule(session, customer, issue_date, total_minor, payment_terms, due_date, currency=None):
    if due_date is not None:
        if due_date < issue_date:
            raise InvalidValueError(
                f"The due date {due_date.isoformat()} is before the issue date {issue_date.isoformat()}.",
                field="due_date")
        return [(due_date, total_minor)]
    terms = _terms(session, customer, payment_terms)
    return due_schedule(terms_lines(terms), issue_date, total_minor, currency or customer.currency)


def _terms(session, customer, payment_terms):
    """The terms named for an invoice (which may not be archived), else the customer's."""
    return get_active_terms_row(session, payment_terms) if payment_terms else terms_for(session, customer)


def _check_schedule(schedule, issue_date: dt.date, total_minor: int) -> list[tuple[dt.date, int]]:
    lines = [(d, int(a)) for d, a in schedule]
    if not lines or any(a <= 0 for _, a in lines) or sum(a for _, a in lines) != total_minor:
        raise InvalidValueError("The due lines must be positive and add up to the invoice total.", field="due_date")
    if any(d < issue_date for d, _ in lines):
        raise InvalidValueError("A due date is before the issue date.", field="due_date")
    return lines


def preview_due_lines(
    session: Session,
    *,
    customer_code: str,
    issue_date: dt.date,
    total_minor: int,
    payment_terms: str | None = None,
    due_date: dt.date | None = None,
    currency: str | None = None,
) -> list[tuple[dt.date, int]]:
    """The due lines an invoice would get, without recording anything (for the invoice dialog)."""
    if total_minor <= 0:
        return []
    check_range(issue_date, "issue_date")
    customer = get_customer_row(session, customer_code)
    return _schedule(session, customer, issue_date, total_minor, payment_terms, due_date, currency)


def record_invoice(
    session: Session,
    *,
    customer_code: str,
    number: str,
    issue_date: dt.date,
    total_minor: int,
    currency: str | None = None,
    payment_terms: str | None = None,
    due_date: dt.date | None = None,
    reference: str | None = None,
    kind: str = "invoice",
    schedule: Sequence[tuple[dt.date, int]] | None = None,
) -> InvoiceView:
    """Post an invoice with one due line per installment of its terms (or one line on `due_date`, or
    the explicit `schedule` of (due date, amount) a payment agreement gives its interest charge)."""
    customer = get_customer_row(session, customer_code)
    number, currency, total_minor = _checked(number, issue_date, total_minor, currency or customer.currency,
                                             due_date, kind)
    check_new_number(session, Invoice.number, "Invoice", number)
    from .credit import CreditBlockedError, check_credit, credit_settings

    if kind == "invoice" and credit_settings(session)[0] == "block":  # warnings are the dialog's business
        check = check_credit(session, customer.code, amount_minor=int(total_minor), currency=currency,
                             as_of=issue_date)
        if check.blocked:
            raise CreditBlockedError(" ".join(check.reasons) + " Credit control blocks new invoices for this customer"
                                     " (setting credit_control.mode).")
    explicit_schedule = schedule is not None
    if schedule is not None:
        schedule = _check_schedule(schedule, issue_date, int(total_minor))
    else:
        schedule = _schedule(session, customer, issue_date, int(total_minor), payment_terms, due_date, currency)
    _check_due_dates(schedule)
    inv = Invoice(
        number=number, customer=customer, issue_date=issue_date, currency=currency, total_minor=int(total_minor),
        reference=clean_text(reference, "reference"), kind=kind, disputed=False, status=POSTED, created_at=config.now(),
    )
    inv.due_lines = [DueLine(sequence=i, due_date=d, amount_minor=a) for i, (d, a) in enumerate(schedule, start=1)]
    session.add(inv)
    session.flush()
    audit.record(session, action="create", entity="invoice", entity_id=inv.id, after=_audit_after(inv, schedule))
    if kind == "invoice" and due_date is None and not explicit_schedule:  # the terms' early-payment discount
        from .discounts import grant_discount

        grant_discount(session, inv, _terms(session, customer, payment_terms))
    return invoice_view(inv)


def _checked(number, issue_date, total_minor, currency, due_date, kind, passed: dict | None = None
             ) -> tuple[str, str, int]:
    """A new invoice's number, currency and amount as checked for posting (record_invoice's and
    record_invoices' checks; the number's uniqueness and the schedule apart). `passed` (record_invoices'):
    the dates and currencies of a batch that passed already, not checked again (a batch has few of them)."""
    number = document_number(number, "Invoice")
    if passed is None or (issue_date, due_date) not in passed:
        check_document_date(issue_date, "issue_date", "invoice")
        check_range(due_date, "due_date")
        if passed is not None:
            passed[issue_date, due_date] = True
    if int(total_minor) <= 0:
        raise InvalidAmountError(total_minor, "The invoice amount must be greater than zero.")
    if kind not in KINDS:
        raise InvalidValueError(f"Unknown document kind '{kind}'.", field="kind")
    if passed is None or currency not in passed:
        code = check_currency(currency)
        if passed is not None:
            passed[currency] = code
    else:
        code = passed[currency]
    check_bound(total_minor, code)
    return number, code, int(total_minor)


def _check_due_dates(schedule) -> None:
    for day, _amount in schedule:  # terms can carry a date near the end of the range past it
        check_range(day, "due_date")


def _audit_after(inv, schedule) -> dict:
    """The audit entry's `after` of a new invoice: its columns and its due lines."""
    return {**audit.snapshot(inv), "due_lines": [[d.isoformat(), a] for d, a in schedule]}


# --- many at once (the importer) ------------------------------------------------------------------


class NewInvoice(NamedTuple):
    """One invoice for `record_invoices`: what `record_invoice` takes (kind "invoice", no explicit schedule)."""

    customer_code: str
    number: str
    issue_date: dt.date
    total_minor: int
    currency: str | None = None
    payment_terms: str | None = None
    due_date: dt.date | None = None
    reference: str | None = None


class BatchError(LedgerError):
    """`record_invoices` refused the invoice at `index` of the batch (nothing of the batch was written)."""

    def __init__(self, index: int, error: LedgerError):
        super().__init__(str(error), field=error.field)
        self.index = index
        self.error = error


def record_invoices(session: Session, invoices: Sequence[NewInvoice], *,
                    customers: dict[str, tuple[int, str, int | None]] | None = None,
                    taken: dict[str, str] | None = None, terms: dict | None = None) -> list[int]:
    """Post many invoices as `record_invoice` posts each (the same checks, due lines by the terms, discount,
    audit entry), written by one executemany statement per table rather than ORM objects flushed one by one.
    The invoices' ids, in order. Every invoice is checked before anything is written: the first refused one
    raises BatchError (its index, the ledger's error) and nothing of the batch is written.

    `customers` ({same_key(code): (id, currency, payment terms id)}, codes missing from it are looked up) and
    `taken` ({same_key(number): the number as stored} for the batch's numbers the database has) are a
    caller's look-ups of this very batch in this transaction (the importer checked its rows against them):
    given, they are not made again. `terms` is a caller's dict where the terms looked up are kept, for the
    next batches of the same transaction (the importer's chunks): a terms code or a customer's terms is read
    once for the whole file.

    Credit control in block mode checks each invoice against what the ones before it owe: then the batch is
    posted by `record_invoice`, one by one."""
    from .credit import credit_settings

    if not invoices:
        return []
    if credit_settings(session)[0] == "block":
        ids = []
        for i, new in enumerate(invoices):
            try:
                with session.begin_nested():
                    ids.append(record_invoice(session, **_fields(new)).id)
            except LedgerError as err:
                raise BatchError(i, err) from err
        return ids
    customers = dict(customers or {})
    missing = {n.customer_code for n in invoices if same_key(n.customer_code) not in customers}
    if missing:
        customers.update(_customers_by_code(session, missing))
    taken = dict(taken) if taken is not None else _numbers_taken(session, [n.number for n in invoices])
    terms_cache: dict = terms if terms is not None else {}
    passed: dict = {}
    now, user = config.now(), config.current_user()
    rows, schedules, discounts = [], [], []
    for i, new in enumerate(invoices):
        try:
            customer = customers.get(same_key(new.customer_code))
            if customer is None:
                raise UnknownCustomerError(new.customer_code)
            customer_id, customer_currency, terms_id = customer
            number, currency, total = _checked(new.number, new.issue_date, new.total_minor,
                                               new.currency or customer_currency, new.due_date, "invoice", passed)
            if same_key(number) in taken:
                raise DuplicateNumberError("Invoice", number, taken[same_key(number)])
            taken[same_key(number)] = number  # twice in the batch is a duplicate too
            terms = None
            if new.due_date is not None:
                schedule = _schedule(session, None, new.issue_date, total, None, new.due_date, currency)
            else:
                # the rule of record_invoice (_terms), looked up once per terms named or customer's terms
                key = new.payment_terms or ("customer", terms_id)
                if key not in terms_cache:
                    terms = _terms(session, session.get(Customer, customer_id), new.payment_terms)
                    terms_cache[key] = (terms, validate_lines(terms_lines(terms)))
                terms, lines = terms_cache[key]
                schedule = schedule_of(lines, new.issue_date, total, currency)
            _check_due_dates(schedule)
            reference = clean_text(new.reference, "reference")
        except LedgerError as err:
            raise BatchError(i, err) from err
        rows.append((number, customer_id, new.issue_date, currency, total, reference))
        schedules.append(schedule)
        discounts.append(terms)
    # one executemany per table on the driver (app.ledger.bulk_rows; RETURNING would make SQLite insert row by
    # row to keep the order): ids found by number among the rows above the highest id before (new ids are
    # above it: SQLite's max + 1, a sequence's next). These inserts go past the Session's events: the stored
    # tables add these invoices only (balance_keeper.adding), in proportion to the file, not the book.
    from .bulk_rows import insert_rows

    fixed = ("invoice", False, POSTED, None, None, now)  # _NEW_COLUMNS' last six: the same for every row
    with balance_keeper.adding(session) as added:
        before = session.scalar(select(func.max(Invoice.id))) or 0
        insert_rows(session, Invoice.__table__, _NEW_COLUMNS, [row + fixed for row in rows])
        by_number = _numbered_after(session, before)
        ids = [by_number[row[0]] for row in rows]
        insert_rows(session, DueLine.__table__, ("invoice_id", "sequence", "due_date", "amount_minor", "paid_minor"),
                    [(inv_id, n, d, a, 0)
                     for inv_id, schedule in zip(ids, schedules) for n, (d, a) in enumerate(schedule, start=1)])
        added.extend(ids)
    after = _created_after(now)
    insert_rows(session, AuditEntry.__table__, ("at", "user", "action", "entity", "entity_id", "before", "after"),
                [(now, user, "create", "invoice", inv_id, None, after(inv_id, row, schedule))
                 for inv_id, row, schedule in zip(ids, rows, schedules)])
    from .discounts import discount_rows

    granted = discount_rows([(inv_id, row[4], row[2], terms)
                             for inv_id, row, terms in zip(ids, rows, discounts) if terms is not None])
    if granted:
        session.execute(insert(InvoiceDiscount.__table__), granted)
    return ids


# the invoice table's columns in its order (the audit entry's `after` lists them so, as audit.snapshot does):
# a new invoice's own values, then those every new invoice has
_NEW_COLUMNS = ("number", "customer_id", "issue_date", "currency", "total_minor", "reference",
                "kind", "disputed", "status", "void_date", "void_reason", "created_at")


def _created_after(now: dt.datetime):
    """after(id, (number, customer id, issue date, currency, total, reference), schedule): the JSON text of a
    new invoice's audit entry (`after`), as audit.entry encodes {"id": id, the invoice's columns, "due_lines":
    [[due date, amount], ...]} (the keys in that order, `, ` and `: ` between them), written out directly for
    100,000 invoices rather than a dict built and encoded for each (0.6 s). A value of another type than the
    plain ones below goes through audit.entry itself."""
    text = encode_basestring  # a string as the audit's encoder (ensure_ascii=False) writes it
    shared = audit.entry(action="create", entity="invoice", entity_id=None, at=now, user="", after=dict(
        zip(_NEW_COLUMNS[6:], ("invoice", False, POSTED, None, None, audit.plain(now)))))["after"]
    middle = ", " + shared[1:-1] + ', "due_lines": '  # "kind": "invoice", ... "created_at": "..."

    def after(inv_id, row, schedule) -> str:
        # the number, currency and reference are str (clean_text, check_currency), the dates written by
        # isoformat() as in record_invoice's entry, the total an int (_checked): a number of another type than
        # int (an int subclass, a Decimal) the encoder would write otherwise
        number, customer_id, issue_date, currency, total, reference = row
        if len(schedule) == 1:
            (due, amount), = schedule
            plain = type(inv_id) is int and type(customer_id) is int and type(amount) is int
            lines = f'["{due.isoformat()}", {amount}]'
        else:
            plain = type(inv_id) is int and type(customer_id) is int and all(type(a) is int for _d, a in schedule)
            lines = ", ".join([f'["{d.isoformat()}", {a}]' for d, a in schedule]) if plain else ""
        if plain:
            return (f'{{"id": {inv_id}, "number": {text(number)}, "customer_id": {customer_id}, "issue_date": '
                    f'"{issue_date.isoformat()}", "currency": {text(currency)}, "total_minor": {total}, '
                    f'"reference": {"null" if reference is None else text(reference)}{middle}[{lines}]}}')
        return audit.entry(action="create", entity="invoice", entity_id=inv_id, at=now, user="", after={
            "id": inv_id, **dict(zip(_NEW_COLUMNS, row + ("invoice", False, POSTED, None, None, audit.plain(now)))),
            "issue_date": audit.plain(issue_date), "due_lines": [[audit.plain(d), a] for d, a in schedule]})["after"]

    return after


def _numbered_after(session: Session, before: int) -> dict[str, int]:
    """{number: id} of the invoices whose id is above `before`, the driver's rows (a chunk of 5,000 rows
    through SQLAlchemy's result cost more than the query)."""
    return dict(session.connection().execute(
        select(Invoice.number, Invoice.id).where(Invoice.id > before)).cursor.fetchall())


def _fields(new: NewInvoice) -> dict:
    return new._asdict()


def _customers_by_code(session: Session, codes) -> dict[str, tuple[int, str, int | None]]:
    """(id, currency, payment terms id) of the customers of `codes`, by their case-folded code (codes are
    unique regardless of case)."""
    out: dict[str, tuple[int, str, int | None]] = {}
    codes = sorted(c for c in codes if c)
    for start in range(0, len(codes), 500):
        chunk = codes[start:start + 500]
        lowered = sorted({same_key(c) for c in chunk})
        for cid, code, currency, terms_id in session.execute(
                select(Customer.id, Customer.code, Customer.currency, Customer.payment_terms_id)
                .where(Customer.code.in_(chunk) | func.lower(Customer.code).in_(lowered))):
            out[same_key(code)] = (cid, currency, terms_id)
    return out


def _numbers_taken(session: Session, numbers) -> dict[str, str]:
    """Which of `numbers` invoices already have, in any case: {case-folded number: the number as stored}."""
    out: dict = {}
    numbers = sorted({n.strip() for n in numbers if n and n.strip()})
    for start in range(0, len(numbers), 500):
        chunk = numbers[start:start + 500]
        lowered = sorted({same_key(n) for n in chunk})
        for number in session.scalars(select(Invoice.number).where(
                Invoice.number.in_(chunk) | func.lower(Invoice.number).in_(lowered))):
            out[same_key(number)] = number
    return out


def void_invoice(session: Session, number: str, *, reason: str, on_date: dt.date) -> InvoiceView:
    """Void an invoice that nothing has been applied to. It stays in the ledger, marked void from `on_date`."""
    inv = get_invoice_row(session, number)
    if inv.status == VOID:
        raise AlreadyVoidError(f"Invoice {inv.number} is already void.")
    if not (reason or "").strip():
        raise InvalidValueError("Say why the invoice is voided.", field="reason")
    check_range(on_date, "date")
    if on_date < inv.issue_date:
        raise InvalidValueError(
            f"The void date {on_date.isoformat()} is before the invoice date {inv.issue_date.isoformat()}.",
            field="date")
    # what is applied now (reversed allocations count for nothing), and the last day anything moved on it:
    # voided before that day, the invoice would vanish from dates it still had money applied
    applied = session.scalar(select(func.coalesce(func.sum(DueLine.paid_minor), 0)).where(DueLine.invoice_id == inv.id))
    if applied:
        raise VoidWithAllocationsError(inv.number)
    last = session.scalar(select(func.max(Allocation.date)).join(DueLine, Allocation.due_line_id == DueLine.id)
                          .where(DueLine.invoice_id == inv.id))
    if last is not None and on_date < last:
        raise InvalidValueError(
            f"The void date {on_date.isoformat()} is before {last.isoformat()}, when money was last applied to or "
            f"taken from invoice {inv.number}. Void it on {last.isoformat()} or later.", field="date")
    before = audit.snapshot(inv)
    inv.status, inv.void_date, inv.void_reason = VOID, on_date, reason.strip()
    session.flush()
    audit.record(session, action="void", entity="invoice", entity_id=inv.id, before=before, after=audit.snapshot(inv))
    return invoice_view(inv)


def set_disputed(session: Session, number: str, disputed: bool) -> InvoiceView:
    inv = get_invoice_row(session, number)
    if inv.disputed != bool(disputed):
        before = {"disputed": inv.disputed}
        inv.disputed = bool(disputed)
        session.flush()
        audit.record(session, action="dispute" if disputed else "undispute", entity="invoice", entity_id=inv.id,
                     before=before, after={"disputed": inv.disputed})
    return invoice_view(inv)


def check_same_currency(what: str, currency: str, inv: Invoice) -> None:
    if currency != inv.currency:
        raise CurrencyMismatchError(what, currency, f"{inv.currency} (invoice {inv.number})")
