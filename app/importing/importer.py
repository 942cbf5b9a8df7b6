"""Importing customers, invoices, payments and credit notes from a CSV or XLSX file.

`import_file(session, kind, path, dry_run=False)` is the one entry point (the CLI's `import` command
and, later, the GUI's import dialog call it). It works in two passes inside one transaction:

1. validate every row against the file and the database and collect *every* problem as
   (line, column, message) — nothing is written while any problem exists;
2. write all rows through the ledger functions. Should the ledger still refuse a row (a rule the
   validation does not know about, e.g. credit control in block mode), the transaction is rolled
   back and that row is reported with the error's field.

A file with any problem therefore imports nothing. `dry_run` stops after the first pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from contextlib import nullcontext
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.ledger import (
    balance_keeper,
    create_customer,
    get_company,
    list_terms,
    record_credit_note,
    record_invoice,
    record_payment,
)
from app.ledger.dates import far_reason, is_far, range_reason
from app.ledger.email_address import email_problem
from app.ledger.errors import LedgerError
from app.ledger.amount_input import parse_amount
from app.ledger.bulk import paused_collection, sweep
from app.ledger.money import check_currency, to_str
from app.ledger.text_input import same_key, text_problem
from app.ledger.payments import METHODS, open_lines, plan_on_open_lines
from app.ledger.views import AllocationPlan, AllocationSuggestion
from app.models import POSTED, CreditNote, Customer, Invoice, Payment

from .fields import FIELDS
from .reader import FileProblem, iter_records, misaligned_rows, read_table
from .seen import SeenKeys
from .values import ValueProblem, currency_code, parse_bool, parse_date, split_amount, with_decimal

# --- what each kind of file holds ------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    kind: str
    noun: str  # plural, for the summary
    singular: str
    required: tuple[str, ...]
    optional: tuple[str, ...]


_NOUNS = {"customers": ("customers", "customer"), "invoices": ("invoices", "invoice"),
          "payments": ("payments", "payment"), "credit-notes": ("credit notes", "credit note")}
SPECS: dict[str, Spec] = {
    kind: Spec(kind, *_NOUNS[kind], tuple(f.name for f in fields if f.required),
               tuple(f.name for f in fields if not f.required))
    for kind, fields in FIELDS.items()
}
KINDS = tuple(SPECS)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# lengths and refused characters are the ledger's (app.ledger.text_input.LIMITS); e-mail is checked apart
_LENGTHS = {"email": 200}
_FIELDS = {"customer_code": "code", "invoice_number": "number"}  # columns naming a code or number


@dataclass(frozen=True)
class Problem:
    line: int
    column: str  # the column as the file names it (its header), or "row"/"file"
    message: str
    field: str = ""  # the import's field the column maps to ("" for the row or the file)

    def format(self, file: str) -> str:
        return f"{file}:{self.line}: {self.column}: {self.message}"


def _counts(counted: tuple[tuple[str, int], ...], changes) -> dict[str, int]:
    """Rows per action: as counted over the whole file, else from the changes kept."""
    if counted:
        return dict(counted)
    out: dict[str, int] = defaultdict(int)
    for c in changes:
        out[c.action] += 1
    return dict(out)


@dataclass(frozen=True)
class ImportResult:
    kind: str
    path: str
    rows: int  # data rows read
    imported: int  # rows written (0 when dry_run or on any problem)
    dry_run: bool
    problems: tuple[Problem, ...] = ()
    warnings: tuple[str, ...] = ()
    totals: tuple[tuple[str, int], ...] = ()  # (currency, amount_minor) over the rows, documents only
    cancelled: bool = False  # stopped through the progress callback; nothing written
    changes: tuple["Change", ...] = ()  # what was (or, for a dry run, would be) done, row by row
    rejected: int = 0  # bad rows left out (valid_only)
    rejected_path: str | None = None  # where they were written
    skipped: tuple[tuple[int, str], ...] = ()  # (line, why) not rows: title rows, totals row, repeated rows
    rejected_problems: tuple[Problem, ...] = ()  # valid_only: why each left-out row was left out
    counted: tuple[tuple[str, int], ...] = ()  # (action, rows) over every row, when `changes` keeps only some

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.counted, self.changes)

    def messages(self) -> list[str]:
        """Every problem as `FILE:LINE: column: problem`, in line order."""
        return [p.format(self.path) for p in self.problems]

    def summary(self) -> str:
        spec = SPECS[self.kind]
        count = self.imported
        if self.dry_run:
            count = (sum(n for action, n in self.counts.items() if action in ("create", "update", "dispute"))
                     if self.counts else self.rows)
        noun = spec.singular if count == 1 else spec.noun
        totals = ", ".join(f"{cur} {to_str(amount, cur)}" for cur, amount in self.totals)
        tail = f" ({totals})" if totals else ""
        if self.cancelled:
            return f"cancelled: nothing was imported ({self.rows} {spec.noun} in the file)"
        counts = self.counts
        extra = []
        if counts.get("update"):
            extra.append(f"{counts['update']} updated")
        if counts.get("unchanged"):
            extra.append(f"{counts['unchanged']} already imported, unchanged")
        if counts.get("dispute"):
            extra.append(f"{counts['dispute']} disputes opened")
        if counts.get("create-customer"):
            extra.append(f"{counts['create-customer']} customers created")
        if self.rejected:
            where = f" (written to {self.rejected_path})" if self.rejected_path else ""
            extra.append(f"{self.rejected} bad rows left out{where}")
        more = "; " + ", ".join(extra) if extra else ""
        if self.dry_run:
            return f"dry run: would import {count} {noun}{tail}{more}; nothing was written"
        return f"imported {count} {noun}{tail}{more}"


@dataclass(frozen=True)
class Change:
    """One row's effect: "create", "update" (customers), "unchanged" (already imported, skipped), "dispute"
    (an imported invoice now marked disputed), "create-customer" (--create-customers)."""

    line: int
    action: str
    key: str  # the customer code, document number or payment reference
    details: tuple[tuple[str, str, str], ...] = ()  # (field, before, after) for updates

    def text(self) -> str:
        if self.action == "update":
            what = ", ".join(f"{f}: {b} -> {a}" for f, b, a in self.details)
            return f"line {self.line}: update {self.key} ({what})"
        if self.action == "unchanged":
            return f"line {self.line}: {self.key} already imported, unchanged"
        if self.action == "dispute":
            return f"line {self.line}: open a dispute on {self.key}"
        if self.action == "create-customer":
            return f"line {self.line}: create customer {self.key}"
        return f"line {self.line}: create {self.key}"


@dataclass(frozen=True)
class ImportPreview:
    kind: str
    path: str
    rows: int  # data rows read (title rows and the totals row not counted)
    problems: tuple[Problem, ...]  # every bad row, in line order; a row may have several
    warnings: tuple[Problem, ...]  # rows that import, with something to know (overpayment, doubtful tax id)
    changes: tuple[Change, ...]  # what importing would do, for the rows that are valid
    totals: tuple[tuple[str, int], ...] = ()  # (currency, amount_minor) over the valid rows
    skipped: tuple[tuple[int, str], ...] = ()  # (line, why): title rows, totals row, repeated rows
    counted: tuple[tuple[str, int], ...] = ()  # (action, rows) over every row, when `changes` keeps only some

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def counts(self) -> dict[str, int]:
        """Rows per action ("create", "unchanged", ...) over the whole file, even when `changes` is cut."""
        return _counts(self.counted, self.changes)

    @property
    def bad_lines(self) -> tuple[int, ...]:
        return tuple(sorted({p.line for p in self.problems if p.line > 0}))

    @property
    def valid_rows(self) -> int:
        return max(0, self.rows - len(self.bad_lines))

    def messages(self) -> list[str]:
        return [p.format(self.path) for p in self.problems]


class _Cancel(Exception):
    """The progress callback asked to stop; raised inside the transaction to roll it back."""


class _Abort(Exception):
    """Raised inside the transaction to roll it back after a write-time ledger error."""

    def __init__(self, problem: Problem):
        self.problem = problem


# --- row validation helpers -------------------------------------------------------------


class _Row:
    """One data row with the problems found in it."""

    def __init__(self, line: int, values: dict[str, str], problems: list[Problem], locale: str = "es_PE", *,
                 allow_far_dates: bool = False, today: dt.date | None = None, parse: "_Parse | None" = None):
        self.parse = parse
        self.line = line
        self.locale = locale  # the company's: how its people write amounts
        self.values = values
        self._problems = problems
        self.bad = False
        self.allow_far_dates = allow_far_dates
        self.today = today

    def problem(self, column: str, message: str) -> None:
        self.bad = True
        shown = self.parse.source(column) if self.parse else column
        self._problems.append(Problem(self.line, shown, message, column))

    def flag(self, column: str, message: str) -> Problem:
        """A warning about this row (it still imports)."""
        shown = self.parse.source(column) if self.parse else column
        return Problem(self.line, shown, message, column)

    def boolean(self, column: str) -> bool | None:
        value = self.get(column)
        try:
            return parse_bool(value)
        except ValueProblem as exc:
            self.problem(column, str(exc))
            return None

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def text(self, column: str, *, required: bool = False) -> str | None:
        value = self.get(column)
        if not value:
            if required:
                self.problem(column, f"is empty; every row needs a {column.replace('_', ' ')}")
            return None
        if "\r" in value:  # the ledger stores LF line breaks (app.ledger.text_input)
            value = value.replace("\r\n", "\n").replace("\r", "\n").strip()
        field = _FIELDS.get(column, column)
        problem = text_problem(value, field, limit=_LENGTHS.get(column))
        if problem:
            self.problem(column, problem)
            return None
        return value

    def date(self, column: str, *, required: bool = False) -> dt.date | None:
        value = self.get(column)
        if not value:
            if required:
                self.problem(column, "is empty; write the date as YYYY-MM-DD (e.g. 2026-01-31)")
            return None
        if self.parse is not None:
            day = self.parse.raw_dates.get((self.line, column))
            if day is None:  # a text: read once per distinct value of the column (a file has few dates)
                key = (column, value, self.allow_far_dates, self.today)
                reading = self.parse.dates.get(key)
                if reading is None:
                    reading = self.parse.dates[key] = self._date_text(column, value)
                day, reason = reading
                if reason is None:
                    return day
                self.problem(column, reason)
                return None
            reason = self._refused(day)
            if reason is None:
                return day
            self.problem(column, reason)
            return None
        if _DATE.match(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                reason = self._refused(day)
                if reason is None:
                    return day
                self.problem(column, reason)
                return None
        self.problem(column, f"'{value}' is not a valid date; write it as YYYY-MM-DD (e.g. 2026-01-31)")
        return None

    def _date_text(self, column: str, value: str) -> tuple[dt.date | None, str | None]:
        """(the date, None) a date column's text reads as in a mapped file, else (None, the problem)."""
        order, why = self.parse.orders.get(column, (None, None))
        try:
            day = parse_date(value, order, self.today or config.today())
        except ValueProblem as exc:
            return None, str(exc)
        reason = self._refused(day)
        return (day, None) if reason is None else (None, reason)

    def _refused(self, day: dt.date) -> str | None:
        """Why a date is refused (out of the range recorded, or far from today without allow_far_dates), or None."""
        reason = range_reason(day)
        if reason is None and not self.allow_far_dates and is_far(day, self.today):
            reason = far_reason(day)
        return reason

    def currency(self, column: str, default: str | None) -> str | None:
        value = self.get(column)
        if self.parse is not None:
            symbol = self.parse.symbols.get(self.line)
            if not value:
                return symbol or default
            try:
                code = self.parse.currency_of(value)
            except ValueProblem as exc:
                self.problem(column, str(exc))
                return None
            except LedgerError:
                self.problem(column, f"'{value}' is not an ISO 4217 currency code (e.g. PEN, USD, MXN, COP, CLP)")
                return None
            if symbol and symbol != code:
                self.problem(column, f"{code} here but the amount is written in {symbol}")
                return None
            return code
        if not value:
            return default
        try:
            return check_currency(value)
        except LedgerError:
            self.problem(column, f"'{value}' is not an ISO 4217 currency code (e.g. PEN, USD, MXN, COP, CLP)")
            return None

    def amount(self, column: str, currency: str | None, *, required: bool = True,
               allow_zero: bool = False) -> int | None:
        """The cell read by the strict parser with the company's locale (app.ledger.amount_input):
        plain 1234.50 always; 1,234.50 or 1.234,50 where that reads one way only."""
        value = self.get(column)
        if not value:
            if required:
                self.problem(column, "is empty; write the amount like 1234.50")
            return None
        if currency is None:  # the currency's problem is already reported; digits unknown
            return None
        if self.parse is not None:
            value = self.parse.numbers.get((self.line, column), value)
            if value is None:
                return None
        try:
            if self.parse is not None and (self.line, column) in self.parse.plain:
                minor = _plain_minor(value, currency)
            else:
                minor = parse_amount(value, currency, self.locale, allow_negative=True)
        except LedgerError as exc:
            self.problem(column, str(exc))
            return None
        if minor < 0:
            self.problem(column, f"'{value}' is negative; amounts must be greater than zero")
            return None
        if minor == 0 and not allow_zero:
            self.problem(column, f"'{value}' is zero; amounts must be greater than zero")
            return None
        return minor


def _plain_minor(value: str, currency: str) -> int:
    """A number already read one way (a spreadsheet's number cell, or written with the chosen --decimal) in
    minor units; more decimals than the currency has is refused, never rounded."""
    from decimal import Decimal, InvalidOperation

    from app.ledger.errors import InvalidAmountError
    from app.ledger.money import check_bound, exponent

    try:
        number = Decimal(value)
    except InvalidOperation:
        raise InvalidAmountError(value, f"'{value}' is not an amount") from None
    digits = exponent(currency)
    scaled = number.scaleb(digits)
    if scaled != scaled.to_integral_value():
        decimals = -number.normalize().as_tuple().exponent
        raise InvalidAmountError(value, f"'{value}' has {decimals} decimals but {currency} has "
                                        f"{digits or 'none'}; check the amount")
    return check_bound(int(scaled), currency)


def _chunks(values, size=500):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


@dataclass
class _CustomerInfo:
    id: int | None  # None: to be created by this import (--create-customers)
    code: str
    currency: str
    created_on: int = 0  # the line whose row creates it
    name: str = ""
    terms_id: int | None = None  # its payment terms (None: the company's)


@dataclass(frozen=True)
class _Existing:
    """An invoice the database has, as an import compares a row with it."""

    number: str
    customer_code: str
    issue_date: dt.date
    currency: str
    total_minor: int
    disputed: bool
    status: str


@dataclass
class _InvoiceInfo:
    id: int
    number: str
    customer_id: int
    customer_code: str
    currency: str
    issue_date: dt.date
    status: str


_MANY_CODES = 2000  # new customer codes in one chunk from which the book's customers are read whole...
_WHOLE_BOOK = 250_000  # ...when it has no more than these


class _Context:
    """What validation needs from the database, loaded in bulk for the codes and numbers in the file."""

    def __init__(self, session: Session, records: list[tuple[int, dict[str, str]]] = (), *,
                 create_customers: bool | None = None, mapped: bool = False):
        self.session = session
        self.create_customers = create_customers  # None: the legacy canonical import (no such option)
        self.changes: list[Change] = []
        self.planned: dict[int, int] = {}  # line -> what validation found a payment would apply
        self.customers: dict[str, _CustomerInfo] = {}
        self.customers_by_key: dict[str, _CustomerInfo] = {}
        self.by_tax_id: dict[str, _CustomerInfo] = {}
        self._mapped = mapped
        self._asked: set[str] = set()  # codes looked up already (found or not): the file's, chunk by chunk
        self.whole_book = False  # the book's customers may be read whole when the file names many (invoices)
        self._everyone = False  # they were
        self._tax_ids: dict[str, list] | None = None
        self.seen = SeenKeys()  # the numbers (codes, references) of the rows validated so far, and their lines
        self.numbers_in_db: dict[str, str] = {}  # the chunk's invoice numbers the database has (same_key: stored)
        self.invoice_terms: dict = {}  # record_invoices' terms looked up, kept from chunk to chunk
        self.load(records)
        self.terms = {t.code.upper(): t.code for t in list_terms(session)}
        company = get_company(session)
        self.company_currency = company.currency if company else "PEN"
        self.company_country = (company.country if company else None) or "PE"
        self.locale = (company.locale if company else None) or "es_PE"
        self._initial: dict[tuple[str, str], list[AllocationSuggestion]] = {}
        self._left: dict[tuple[str, str], list[AllocationSuggestion]] = {}
        self.warnings: list[Problem] = []  # rows that import, with something the user should know

    def load(self, records) -> None:
        """Look up the customers the records name (by code, and by tax id in a mapped file), once a code."""
        if self._everyone:  # every customer of the book is here already (those the file creates are added)
            return
        codes = {r.get("customer_code", "") for _l, r in records} | {r.get("code", "") for _l, r in records}
        codes -= self._asked
        codes.discard("")
        self._asked |= codes
        session = self.session
        if self.whole_book and len(codes) >= _MANY_CODES and session.scalar(
                select(func.count()).select_from(Customer)) <= _WHOLE_BOOK:
            # a file naming thousands of customers: one read of the book's customers costs less than asking
            # for them 500 at a time, chunk after chunk (memory: the book's customers, not the file's rows)
            codes, self._everyone = set(), True
            # the driver's rows: 100,000 rows through SQLAlchemy's result cost three times the query
            everyone = session.connection().execute(select(
                Customer.id, Customer.code, Customer.currency, Customer.payment_terms_id)).cursor.fetchall()
            customers, by_key = self.customers, self.customers_by_key
            for cid, code, cur, terms_id in everyone:
                customers[code] = by_key[same_key(code)] = _CustomerInfo(cid, code, cur, 0, "", terms_id)
        for chunk in _chunks(codes):
            lowered = sorted({same_key(c) for c in chunk})
            for cid, code, cur, terms_id in session.execute(
                    select(Customer.id, Customer.code, Customer.currency, Customer.payment_terms_id).where(
                        Customer.code.in_(chunk) | func.lower(Customer.code).in_(lowered))):
                self.customers[code] = _CustomerInfo(cid, code, cur, terms_id=terms_id)
                self.customers_by_key[same_key(code)] = self.customers[code]
        if self._mapped:
            # a sales register names customers by RUC/NIT: find them by their tax id too (one customer only)
            wanted = {_digits(c) for c in codes} - {""}
            if wanted:
                if self._tax_ids is None:  # every customer's tax id, read once (the book's size, not the file's)
                    self._tax_ids = defaultdict(list)
                    for cid, code, cur, tax, terms_id in session.execute(
                            select(Customer.id, Customer.code, Customer.currency, Customer.tax_id,
                                   Customer.payment_terms_id).where(Customer.tax_id.is_not(None))):
                        key = _digits(tax)
                        if key:
                            self._tax_ids[key].append((cid, code, cur, terms_id))
                for key in wanted:
                    found = self._tax_ids.get(key, ())
                    if len(found) == 1 and key not in self.by_tax_id:
                        cid, code, cur, terms_id = found[0]
                        self.by_tax_id[key] = _CustomerInfo(cid, code, cur, terms_id=terms_id)

    def unreferenced_payments(self) -> set:
        """(customer id, date, amount, currency) of the posted payments of the file's customers: a payment row
        without a reference equal to one of these is taken as already imported. Loaded once, in chunks."""
        if not hasattr(self, "_unreferenced"):
            self._unreferenced = set()
            ids = sorted({c.id for c in self.customers.values() if c.id is not None})
            for chunk in _chunks(ids):
                self._unreferenced.update(self.session.execute(
                    select(Payment.customer_id, Payment.date, Payment.amount_minor, Payment.currency)
                    .where(Payment.customer_id.in_(chunk), Payment.status == POSTED)).all())
        return self._unreferenced

    def _rows_by_key(self, model, column, keys) -> dict:
        """The rows whose `column` is one of `keys` ignoring case (as the database's unique indexes do),
        by their case-folded key."""
        out = {}
        for chunk in _chunks({k for k in keys if k}):
            lowered = sorted({same_key(k) for k in chunk})
            for row in self.session.scalars(select(model).where(column.in_(chunk) | func.lower(column).in_(lowered))):
                out[same_key(getattr(row, column.key))] = row
        return out

    def customer_rows(self, codes) -> dict[str, Customer]:
        return self._rows_by_key(Customer, Customer.code, codes)

    def invoice_rows(self, numbers) -> dict[str, "_Existing"]:
        """The invoices numbered like `numbers` (ignoring case), as plain rows with their customer's code."""
        out = {}
        for chunk in _chunks({k for k in numbers if k}):
            lowered = sorted({same_key(k) for k in chunk})
            # a number stored as written has lower(number) = same_key(number) when it is ASCII without spaces
            # around it: only the others are looked up as written too (half the index probes, at 1M invoices)
            exact = [k for k in chunk if not k.isascii() or k != k.strip()]
            found = func.lower(Invoice.number).in_(lowered)
            for row in self.session.execute(
                    select(Invoice.number, Customer.code, Invoice.issue_date, Invoice.currency, Invoice.total_minor,
                           Invoice.disputed, Invoice.status).join(Customer, Invoice.customer_id == Customer.id)
                    .where(Invoice.number.in_(exact) | found if exact else found)):
                out[same_key(row.number)] = _Existing(*row)
        return out

    def invoices(self, numbers) -> dict[str, _InvoiceInfo]:
        out = {}
        for chunk in _chunks({n for n in numbers if n}):
            rows = self.session.execute(
                select(Invoice.id, Invoice.number, Invoice.customer_id, Customer.code, Invoice.currency,
                       Invoice.issue_date, Invoice.status)
                .join(Customer, Invoice.customer_id == Customer.id).where(Invoice.number.in_(chunk)))
            for row in rows:
                out[row.number] = _InvoiceInfo(*row)
        return out

    def existing(self, column, numbers) -> set[str]:
        """The codes or numbers among `numbers` the database has, in any case, as `same_key` keys."""
        found = set()
        for chunk in _chunks({n for n in numbers if n}):
            lowered = sorted({same_key(n) for n in chunk})
            found.update(same_key(v) for v in self.session.scalars(
                select(column).where(column.in_(chunk) | func.lower(column).in_(lowered))))
        return found

    def open_lines(self, customer_code: str, currency: str) -> list[AllocationSuggestion]:
        """The customer's open due lines in the ledger's order, with what the rows validated so far left
        open on them: each row is planned against these, as the write pass will apply it."""
        key = (customer_code, currency)
        if key not in self._left:
            self._initial[key] = open_lines(self.session, customer_code=customer_code, currency=currency)
            self._left[key] = list(self._initial[key])
        return self._left[key]

    def consume(self, customer_code: str, plan: AllocationPlan) -> None:
        """What the row's plan applies is no longer open for the rows below."""
        taken = dict(plan.allocations())
        key = (customer_code, plan.currency)
        self._left[key] = [replace(ln, open_minor=ln.open_minor - taken.get(ln.due_line_id, 0))
                           for ln in self._left[key]]

    def open_before_file(self, customer_code: str, currency: str, invoice_number: str) -> int:
        return sum(ln.open_minor for ln in self._initial[(customer_code, currency)]
                   if ln.invoice_number == invoice_number)


# --- per kind: validate one row into the ledger call that writes it ------------------------

def _unique(row: _Row, column: str, key, existing, seen: dict, in_database: str, in_file) -> None:
    """A key (code, number, reference) that may stand once: not already in the database (`in_database`
    says so), not on an earlier line of the file (`in_file(line)` says so); else remembered as seen here."""
    if key in existing:
        row.problem(column, in_database)
        return
    if type(seen) is SeenKeys:
        first = seen.add(key, row.line)
    else:
        first = seen.get(key)
        if first is None:
            seen[key] = row.line
    if first is not None:
        row.problem(column, in_file(first))


def _new_name(row: _Row, column: str, what: str, existing, seen: dict) -> str:
    """The required customer code or document number of the row, which must be new; a repeat is named in
    the problem as e.g. "invoice 'F001-1'"."""
    value = row.text(column, required=True)
    if value:
        # "f001-1" is the same as "F001-1" (app.ledger.text_input.same_key)
        _unique(row, column, same_key(value), existing, seen,
                f"duplicate {column}: {what} '{value}' already exists in the database",
                lambda line: f"duplicate {column}: {what} '{value}' is also on line {line}")
    return value


def _terms(ctx: _Context, row: _Row) -> str | None:
    """The payment terms code the row names (any case), None when it names none; unknown ones are a problem."""
    terms = row.get("payment_terms")
    if not terms:
        return None
    if terms.upper() in ctx.terms:
        return ctx.terms[terms.upper()]
    known = ", ".join(sorted(ctx.terms.values())) or "none defined: run cobranza init"
    row.problem("payment_terms", f"unknown payment terms '{terms}'; use one of {known}")
    return None


def _validate_customers(ctx: _Context, rows: list[_Row]) -> list[tuple[_Row, dict]]:
    known = ctx.customer_rows([r.get("code") for r in rows])  # same_key(code) -> Customer: a re-import
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        code = _new_name(row, "code", "customer", set(), seen)
        name = row.text("name", required=True)
        fields: dict = {"code": code, "name": name}
        for column in ("tax_id", "phone", "address", "city", "notes"):
            value = row.text(column)
            if value:
                fields[column] = value
        email = row.text("email")
        if email:
            problem = email_problem(email)  # the ledger's rule: one address, nothing that breaks a header
            if problem is None:
                fields["email"] = email
            else:
                row.problem("email", f"'{email}' is not a valid e-mail address: {problem}")
        language = row.get("language").lower()
        if language:
            if language[:2] in ("es", "en") and len(language) in (2, 5):
                fields["language"] = language[:2]
            else:
                row.problem("language", f"'{row.get('language')}' is not a supported language; use es or en")
        country = row.get("country").upper()
        if country:
            import babel

            if len(country) == 2 and country.isalpha() and country in babel.Locale("en").territories:
                fields["country"] = country
            else:
                row.problem("country", f"'{row.get('country')}' is not an ISO 3166 two-letter country code "
                                       "(e.g. PE, MX, CO, CL, US)")
        else:
            fields["country"] = ctx.company_country
        _check_tax_id_and_phone(ctx, row, fields)
        currency = row.currency("currency", ctx.company_currency)
        fields["currency"] = currency
        terms_code = _terms(ctx, row)
        if terms_code:
            fields["payment_terms"] = terms_code
        limit = row.amount("credit_limit", currency, required=False, allow_zero=True)
        if limit is not None:
            fields["credit_limit_minor"] = limit
        if row.bad:
            continue
        current = known.get(same_key(code)) if code else None
        if current is not None and current.code != code:
            row.problem("code", f"duplicate code: customer '{code}' already exists in the database as "
                                f"'{current.code}'; write the code as it is there to update that customer")
            continue
        if current is not None:
            changed = []
            for key, value in fields.items():
                if key == "code":
                    continue
                before = getattr(current, key, None)
                if key == "payment_terms":
                    before = current.payment_terms.code if current.payment_terms else None
                if key == "country" and not row.get("country"):
                    continue  # the company's default: not a change the file asks for
                if key == "currency" and not row.get("currency"):
                    continue
                if (before or None) != (value or None):
                    changed.append((key, _shown(before), _shown(value)))
            fields = {"code": current.code, **{k: fields[k] for k, _b, _a in changed}}
            fields["_action"] = "update" if changed else "unchanged"
            ctx.changes.append(Change(row.line, fields["_action"], current.code, tuple(changed)))
        else:
            ctx.changes.append(Change(row.line, "create", code))
        out.append((row, fields))
    return out


def _shown(value) -> str:
    if value is None or value == "":
        return "(empty)"
    return str(value)


def _check_tax_id_and_phone(ctx: _Context, row: _Row, fields: dict) -> None:
    """Tax ids (RUC, NIT, RFC, RUT...) and phones checked for the customer's country, and written the way that
    country writes them when valid; one that fails is kept as typed with a warning (the person may know better:
    a new RUC, a foreign customer)."""
    country = fields.get("country") or ctx.company_country
    if fields.get("tax_id"):
        from app.ledger.tax_ids import check_tax_id

        check = check_tax_id(country, fields["tax_id"])
        if check.valid:
            fields["tax_id"] = check.value
        else:
            ctx.warnings.append(row.flag("tax_id", f"{check.problem} Kept as written; check it"))
    if fields.get("phone"):
        from app.ledger.phones import check_phone

        phone = check_phone(country, fields["phone"])
        if phone.valid:
            fields["phone"] = phone.value
        else:
            ctx.warnings.append(row.flag("phone", f"{phone.problem} Kept as written; check it"))


def _document_number(row: _Row, column: str = "number") -> None:
    """A separate series column (Serie F001, Número 123) makes the number F001-123."""
    series = row.get("series")
    number = row.get(column)
    if series and number and not same_key(number).startswith(same_key(series)):
        row.values[column] = f"{series}-{number}"


def _validate_invoices(ctx: _Context, rows: list[_Row]) -> list[tuple[_Row, dict]]:
    for row in rows:
        _document_number(row)
    known = ctx.invoice_rows([r.get("number") for r in rows])
    ctx.numbers_in_db = {key: existing.number for key, existing in known.items()}  # record_invoices' look-up
    out = []
    for row in rows:
        number = _new_name(row, "number", "invoice", set(), ctx.seen)
        customer = _customer(ctx, row)
        issue_date = row.date("issue_date", required=True)
        due_date = row.date("due_date")
        if issue_date and due_date and due_date < issue_date:
            row.problem("due_date", f"{due_date.isoformat()} is before the issue date {issue_date.isoformat()}")
        # without a known customer the amount is still checked, against the company's currency
        currency = row.currency("currency", customer.currency if customer else ctx.company_currency)
        amount = row.amount("amount", currency)
        terms_code = _terms(ctx, row)
        reference = row.text("reference")
        disputed = row.boolean("disputed") if row.get("disputed") else False
        if row.bad:
            continue
        fields = dict(customer_code=customer.code, number=number, issue_date=issue_date, total_minor=amount,
                      currency=currency, due_date=due_date, payment_terms=terms_code, reference=reference)
        if customer.id is None:  # --create-customers: the first row written creates it
            fields["_customer"] = customer
        if disputed:
            fields["_disputed"] = True
        current = known.get(same_key(number))
        if current is not None:
            differ = []
            if current.customer_code != customer.code:
                differ.append(f"customer {current.customer_code} (the file: {customer.code})")
            if current.issue_date != issue_date:
                differ.append(f"issue date {current.issue_date.isoformat()} (the file: {issue_date.isoformat()})")
            if current.currency != currency or current.total_minor != amount:
                differ.append(f"amount {current.currency} {to_str(current.total_minor, current.currency)} "
                              f"(the file: {currency} {to_str(amount, currency)})")
            if differ:
                row.problem("number", f"duplicate number: invoice '{current.number}' already exists in the database with "
                                      f"{'; '.join(differ)}: an import does not change a posted invoice; issue a "
                                      "credit note or void it, or correct the file")
                continue
            action = "dispute" if disputed and not current.disputed and current.status == POSTED else "unchanged"
            fields = {"number": current.number, "_action": action}
            ctx.changes.append(Change(row.line, action, current.number))
            out.append((row, fields))
            continue
        ctx.changes.append(Change(row.line, "create", number))
        out.append((row, fields))
    return out


def _customer(ctx: _Context, row: _Row) -> _CustomerInfo | None:
    code = row.text("customer_code", required=True)
    if not code:
        return None
    info = ctx.customers.get(code) or ctx.by_tax_id.get(_digits(code))
    if info is None and ctx.create_customers and row.get("customer_code"):
        name = row.text("customer_name") or code
        info = _CustomerInfo(None, code, ctx.company_currency)
        info.created_on = row.line
        info.name = name
        ctx.customers[code] = info
        ctx.changes.append(Change(row.line, "create-customer", code))
        return info
    if info is None:
        row.problem("customer_code", f"unknown customer '{code}'; import or create the customer first"
                                     + (" (or import with --create-customers)" if ctx.create_customers is False
                                        else ""))
    return info


def _digits(text: str) -> str:
    digits = "".join(c for c in (text or "") if c.isalnum()).upper()
    return digits if len(digits) >= 8 else ""


def _validate_settlements(ctx: _Context, rows: list[_Row], kind: str) -> list[tuple[_Row, dict]]:
    """Payments and credit notes: the same checks, plus the number (credit notes) or reference (payments)."""
    what = "payment" if kind == "payments" else "credit note"
    invoices = ctx.invoices(r.get("invoice_number") for r in rows)
    existing: dict = {}  # the key -> (customer code, date, amount, currency) of what is in the database
    if kind == "credit-notes":
        for row in rows:
            _document_number(row)
        for chunk in _chunks({r.get("number") for r in rows if r.get("number")}):
            lowered = sorted({same_key(n) for n in chunk})
            for number, code, day, amount, cur in ctx.session.execute(
                    select(CreditNote.number, Customer.code, CreditNote.date, CreditNote.amount_minor,
                           CreditNote.currency).join(Customer, CreditNote.customer_id == Customer.id)
                    .where(CreditNote.number.in_(chunk) | func.lower(CreditNote.number).in_(lowered))):
                existing[same_key(number)] = (number, code, day, amount, cur)
    else:
        for chunk in _chunks({r.get("reference") for r in rows if r.get("reference")}):
            for code, ref, day, amount, cur in ctx.session.execute(
                    select(Customer.code, Payment.reference, Payment.date, Payment.amount_minor, Payment.currency)
                    .join(Customer, Payment.customer_id == Customer.id)
                    .where(Payment.reference.in_(chunk), Payment.status == POSTED)).all():
                existing[(code, ref)] = (ref, code, day, amount, cur)
    seen: dict = {}
    out = []
    for row in rows:
        fields: dict = {}
        if kind == "credit-notes":
            number = _new_name(row, "number", "credit note", set(), seen)
            fields["number"] = number
            reason = row.text("reason")
            if reason:
                fields["reason"] = reason
        customer = _customer(ctx, row)
        if kind == "payments":
            reference = row.text("reference")
            if reference and customer:
                _unique(row, "reference", (customer.code, reference), set(), seen,
                        f"duplicate reference: a payment from {customer.code} with reference "
                        f"'{reference}' already exists in the database",
                        lambda line: f"duplicate reference: the same payment from {customer.code} is also "
                                     f"on line {line}")
            fields["reference"] = reference
            method = row.get("method").lower()
            if method:
                if method in METHODS:
                    fields["method"] = method
                else:
                    row.problem("method", f"unknown payment method '{row.get('method')}'; use one of "
                                          f"{', '.join(METHODS)}")
        on_date = row.date("date", required=True)
        number_text = row.get("invoice_number")
        named = invoices.get(number_text) if number_text else None
        # an empty currency means the named invoice's, else the customer's
        default = (named.currency if named else None) or (customer.currency if customer else ctx.company_currency)
        currency = row.currency("currency", default)
        amount = row.amount("amount", currency)
        inv = None
        if number_text:
            inv = invoices.get(number_text)
            if inv is None:
                row.problem("invoice_number", f"unknown invoice '{number_text}'")
            elif customer and inv.customer_id != customer.id:
                row.problem("invoice_number", f"invoice {inv.number} belongs to another customer "
                                              f"({inv.customer_code})")
            elif inv.status != POSTED:
                row.problem("invoice_number", f"invoice {inv.number} is void; nothing can be applied to it")
            else:
                if currency and currency != inv.currency:
                    row.problem("currency", f"the {what} is in {currency} but invoice {inv.number} is in "
                                            f"{inv.currency}")
                if on_date and on_date < inv.issue_date:
                    row.problem("date", f"{on_date.isoformat()} is before invoice {inv.number}'s issue date "
                                        f"{inv.issue_date.isoformat()}")
        if row.bad:
            continue
        key = same_key(fields["number"]) if kind == "credit-notes" else (customer.code, fields.get("reference"))
        if kind == "payments" and not fields.get("reference"):
            key = None
            if customer.id is not None and (customer.id, on_date, amount, currency) in ctx.unreferenced_payments():
                ctx.warnings.append(row.flag("amount", f"{customer.code} already has a payment of {currency} "
                                                       f"{to_str(amount, currency)} on {on_date.isoformat()}: taken "
                                                       "as this one and not imported again (give payments a "
                                                       "reference to tell equal ones apart)"))
                ctx.changes.append(Change(row.line, "unchanged", f"{customer.code} {on_date.isoformat()}"))
                out.append((row, {"_action": "unchanged"}))
                continue
        if key is not None and key in existing:
            shown, code, day, amount_db, cur = existing[key]
            differ = []
            if code != customer.code:
                differ.append(f"customer {code} (the file: {customer.code})")
            if day != on_date:
                differ.append(f"date {day.isoformat()} (the file: {on_date.isoformat()})")
            if cur != currency or amount_db != amount:
                differ.append(f"amount {cur} {to_str(amount_db, cur)} (the file: {currency} {to_str(amount, currency)})")
            column = "number" if kind == "credit-notes" else "reference"
            label = f"credit note '{shown}'" if kind == "credit-notes" else \
                f"a payment from {customer.code} with reference '{shown}'"
            if differ:
                row.problem(column, f"duplicate {column}: {label} already exists in the database with "
                                    f"{'; '.join(differ)}: an import does not change a posted document")
                continue
            ctx.changes.append(Change(row.line, "unchanged", shown))
            out.append((row, {"_action": "unchanged"}))
            continue
        # plan the row as the write pass will apply it, against what the rows above left open, so two rows
        # cannot both take the same open amount (the ledger's rule: app.ledger.payments.plan_on_open_lines)
        plan = plan_on_open_lines(ctx.open_lines(customer.code, currency), currency=currency, amount_minor=amount,
                                  on_date=on_date, invoice_number=inv.number if inv else None, kind=what)
        if inv is not None and (plan.problems or plan.unapplied_minor):
            open_total = plan.applied_minor if not plan.problems else plan.problems[0].limit_minor
            earlier = (" after the rows above"
                       if open_total != ctx.open_before_file(customer.code, currency, inv.number) else "")
            too_much = (f"{to_str(amount, currency)} is more than the {to_str(open_total, currency)} {currency} "
                        f"open on invoice {inv.number}{earlier}")
            if plan.problems:  # a credit note may not exceed what its invoice has open
                row.problem("amount", f"{too_much}; lower the amount or leave invoice_number empty to keep it "
                                      "as unapplied credit")
                continue
            ctx.warnings.append(row.flag("amount", f"{too_much}; the other "
                                                            f"{to_str(plan.unapplied_minor, currency)} {currency} "
                                                            f"stays as {customer.code}'s unapplied credit"))
        ctx.consume(customer.code, plan)
        ctx.planned[row.line] = plan.applied_minor
        fields.update(customer_code=customer.code, date=on_date, amount_minor=amount, currency=currency,
                      invoice_number=inv.number if inv else None)
        ctx.changes.append(Change(row.line, "create", fields.get("number") or fields.get("reference")
                                  or f"{customer.code} {on_date.isoformat()}"))
        out.append((row, fields))
    return out


def _write(session: Session, kind: str, fields: dict, planned: int | None = None, *,
           company_country: str = "PE") -> None:
    fields = dict(fields)
    action = fields.pop("_action", "create")
    if action == "unchanged":
        return
    if kind == "customers":
        if action == "update":
            from app.ledger.customers import update_customer

            code = fields.pop("code")
            update_customer(session, code, **fields)
        else:
            create_customer(session, **fields)
    elif kind == "payments":
        view = record_payment(session, **fields)
        if planned is not None and view.allocated_minor < planned:
            # another writer (a second import, the app) paid these invoices after this file was checked: what
            # the check said is no longer true, so the whole file is refused rather than silently unapplied
            where = f"invoice {fields['invoice_number']}" if fields.get("invoice_number") else \
                f"{fields['customer_code']}'s open invoices"
            cur = fields["currency"]
            raise LedgerError(f"{where} changed while this file was being imported (someone else recorded a "
                              f"payment): {to_str(view.allocated_minor, cur)} of {to_str(planned, cur)} {cur} "
                              "could be applied; nothing was imported: import the file again to see what stays "
                              "unapplied", field="invoice_number" if fields.get("invoice_number") else "amount")
    else:
        record_credit_note(session, **fields)


def _open_dispute(session: Session, number: str) -> None:
    from app.collections.disputes import open_dispute

    open_dispute(session, invoice_number=number, reason="Marked disputed in an imported file")


# --- the entry point --------------------------------------------------------------------


def import_file(session: Session, kind: str, path: str | Path, dry_run: bool = False, *,
                progress: Callable[[int, int], bool | None] | None = None,
                allow_far_dates: bool = False) -> ImportResult:
    """Validate every row of `path` and, when all are good and not `dry_run`, write them in one
    transaction. The session must not be in a transaction already; the import is its own unit of work.

    A date more than a year from today (2051 typed for 2015) is a bad row unless `allow_far_dates`
    (`--allow-far-dates`); a date outside 1900-2199 always is.

    `progress(done, total)` is called while writing (every 100 rows and at the end); returning False
    cancels: the transaction is rolled back and the result says `cancelled`."""
    if kind not in SPECS:
        raise ValueError(f"unknown import kind '{kind}'; use one of {', '.join(KINDS)}")
    spec = SPECS[kind]
    shown = str(path)
    try:
        table = read_table(path)
    except FileProblem as exc:
        return ImportResult(kind, shown, 0, 0, dry_run, (Problem(exc.line, exc.column, exc.message),))

    problems: list[Problem] = []
    warnings: list[str] = []
    header = table.header
    repeated = sorted({c for c in header if c and header.count(c) > 1})
    for column in repeated:
        problems.append(Problem(1, column, "the column appears more than once in the header"))
    for column in spec.required:
        if column not in header:
            problems.append(Problem(1, column, f"missing required column; the header must name it "
                                               f"(columns: {', '.join(spec.required + spec.optional)})"))
    known = set(spec.required) | set(spec.optional)
    for column in header:
        if column and column not in known:
            warnings.append(f"{shown}:1: column '{column}' is not used by a {spec.singular} import; ignored")
    records = list(iter_records(table))
    if problems:
        return ImportResult(kind, shown, len(records), 0, dry_run, tuple(problems), tuple(warnings))

    # a row whose cells do not line up with the header is refused as a whole (its values are not where
    # their columns say); the other rows are still checked so every problem shows at once
    misaligned = dict(misaligned_rows(table))
    problems.extend(Problem(line, "row", message) for line, message in misaligned.items())

    return _execute(session, kind, shown, records, problems, warnings, misaligned, dry_run=dry_run,
                    progress=progress, allow_far_dates=allow_far_dates)


CHUNK = 5000  # invoice rows validated and written together: one look-up per chunk, one insert per table
PREVIEW_CHANGES = 1000  # a streamed file's preview: the first creations listed (all counted), memory flat


@paused_collection()
def _execute(session: Session, kind: str, shown: str, records, problems: list[Problem], warnings: list[str],
             misaligned: dict, *, dry_run: bool, progress=None, allow_far_dates: bool = False,
             parse: "_Parse | None" = None, create_customers: bool | None = None, valid_only: bool = False,
             rejected: "Callable[[dict[int, list[Problem]]], str | None] | None" = None,
             skipped: tuple = (), total: int | None = None, keep_plain: int | None = None) -> ImportResult:
    """Validate every record and, unless `dry_run`, write: all or nothing, or with `valid_only` the good rows
    (a row the ledger still refuses joins the bad ones) and `rejected(bad)` writes the bad rows somewhere and
    says where.

    Invoices go chunk by chunk (`records` may be a stream: a file of millions of rows is never held whole): a
    chunk is validated against the database and the rows before it (SeenKeys), then written in bulk
    (app.ledger.invoices.record_invoices) while no row so far was bad; a bad row stops the writing, the
    rest is still checked so that every problem is named, and the transaction is rolled back. The other kinds
    validate every row before writing the first (a payment is planned on what the rows above it left open).
    `keep_plain` (None: all) is how many of the plain changes (creations, rows already imported) to keep; the
    changes worth naming one by one (updates, disputes, customers created) are all kept, and all are counted. `progress(done, total)` is called after each chunk (every 100 rows of
    the other kinds); returning False or raising app.ledger.progress.Cancelled cancels."""
    from app.ledger.progress import Cancelled

    validators = {"customers": _validate_customers, "invoices": _validate_invoices}
    chunked = kind == "invoices"
    if total is None:
        total = len(records) if hasattr(records, "__len__") else 0
    bad_lines: set[int] = {p.line for p in problems}
    checked = len(problems)
    counted: dict[str, int] = defaultdict(int)
    kept: list[Change] = []
    totals: dict[str, int] = defaultdict(int)
    flagged: list[Problem] = []
    rejected_path = None
    read = written = plain = 0
    try:
        with session.begin():
            ctx = _Context(session, create_customers=create_customers, mapped=parse is not None)
            ctx.whole_book = chunked
            today = config.today()
            # the stored balances recomputed once, after the last row; the new invoices added once, before
            with balance_keeper.deferred(session), balance_keeper.gathering_added(session):
                for chunk in _batches(records, _chunk_size(total) if chunked else None):
                    read += len(chunk)
                    ctx.load(chunk)
                    rows = []
                    for line, rec in chunk:
                        if line in misaligned:
                            continue
                        row = _Row(line, rec, problems, ctx.locale, allow_far_dates=allow_far_dates, today=today,
                                   parse=parse)
                        if parse is not None:
                            for column, message in parse.pre_problems.pop(line, ()):
                                row.problem(column, message)
                        rows.append(row)
                    plans = validators[kind](ctx, rows) if kind in validators else \
                        _validate_settlements(ctx, rows, kind)
                    bad_lines.update(p.line for p in problems[checked:])  # and the chunk's misaligned rows
                    checked = len(problems)
                    plans = [(r, f) for r, f in plans if r.line not in bad_lines]
                    if kind != "customers":
                        for _row, fields in plans:
                            if fields.get("_action", "create") == "create":
                                amount = fields.get("total_minor") or fields.get("amount_minor") or 0
                                totals[fields["currency"]] += amount
                    if not dry_run and (valid_only or not bad_lines):
                        if chunked:
                            written += _write_invoices(session, plans, ctx, valid_only=valid_only, parse=parse,
                                                       problems=problems, bad_lines=bad_lines)
                        else:
                            written += _write_rows(session, kind, plans, ctx, valid_only=valid_only, parse=parse,
                                                   problems=problems, bad_lines=bad_lines, progress=progress)
                    for change in sorted(ctx.changes, key=lambda c: c.line):
                        if change.line in bad_lines and not (dry_run and valid_only):
                            continue
                        counted[change.action] += 1
                        if change.action not in ("create", "unchanged"):
                            kept.append(change)
                        elif keep_plain is None or plain < keep_plain:
                            kept.append(change)
                            plain += 1
                    ctx.changes.clear()
                    flagged.extend(ctx.warnings)
                    ctx.warnings.clear()
                    if parse is not None:
                        parse.forget()  # the chunk's values: read, checked and written
                    sweep()
                    if chunked and progress is not None and progress(read, max(total, read)) is False:
                        raise _Cancel
                problems.sort(key=lambda p: p.line)
                flagged.sort(key=lambda w: w.line)
                warnings.extend(w.format(shown) for w in flagged)
                if parse is not None:
                    parse.flagged = flagged
                total_list = tuple(sorted(totals.items()))
                if (problems and not valid_only) or dry_run:
                    raise _Refused(ImportResult(kind, shown, read, 0, dry_run, tuple(problems), tuple(warnings),
                                                total_list, changes=tuple(kept), skipped=skipped,
                                                rejected=len(bad_lines) if valid_only else 0,
                                                counted=tuple(sorted(counted.items()))))
            if valid_only and bad_lines and rejected is not None:
                by_line: dict[int, list[Problem]] = defaultdict(list)
                for p in problems:
                    by_line[p.line].append(p)
                rejected_path = rejected(by_line)
    except _Refused as refused:  # nothing written, or what was written rolled back
        return refused.result
    except (_Cancel, Cancelled):
        return ImportResult(kind, shown, max(total, read), 0, dry_run, (), tuple(warnings), cancelled=True)
    except _Abort as abort:
        return ImportResult(kind, shown, max(total, read), 0, dry_run, (abort.problem,), tuple(warnings))
    return ImportResult(kind, shown, read, written, dry_run, tuple(problems) if not valid_only else (),
                        tuple(warnings), total_list, changes=tuple(kept), rejected=len(bad_lines),
                        rejected_path=rejected_path, skipped=skipped,
                        rejected_problems=tuple(problems) if valid_only else (),
                        counted=tuple(sorted(counted.items())))


def _chunk_size(total: int) -> int:
    """Rows per chunk: CHUNK, or for a smaller file a twentieth of it in hundreds (at least 100), so that
    the progress bar moves in steps of ~5 % whatever the file's size."""
    if not total:
        return CHUNK
    return min(CHUNK, max(100, total // 20 // 100 * 100))


class _Refused(Exception):
    """Raised inside the transaction to roll back what the chunks before a bad row wrote (and a dry run)."""

    def __init__(self, result: ImportResult):
        self.result = result


def _batches(records, size: int | None):
    """The records in lists of `size` (all in one list when None), reading an iterator as it goes."""
    if size is None:
        yield list(records)
        return
    batch = []
    for record in records:
        batch.append(record)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _row_problem(err: LedgerError, line: int, parse: "_Parse | None") -> Problem:
    return Problem(line, (parse.source(err.field) if parse and err.field else err.field) or "row", str(err),
                   err.field or "")


def _write_rows(session: Session, kind: str, plans, ctx: _Context, *, valid_only: bool, parse, problems: list,
                bad_lines: set, progress) -> int:
    """Customers, payments, credit notes: row by row through the ledger (each row in a savepoint with
    `valid_only`: one the ledger refuses joins the bad ones). The rows written."""
    written = 0
    for done, (row, fields) in enumerate(plans, start=1):
        try:
            if valid_only:
                with session.begin_nested():
                    _write(session, kind, fields, ctx.planned.get(row.line), company_country=ctx.company_country)
            else:
                _write(session, kind, fields, ctx.planned.get(row.line), company_country=ctx.company_country)
            written += fields.get("_action", "create") != "unchanged"
        except LedgerError as err:
            problem = _row_problem(err, row.line, parse)
            if not valid_only:
                raise _Abort(problem) from err
            problems.append(problem)
            bad_lines.add(row.line)
        if progress is not None and (done % 100 == 0 or done == len(plans)):
            if progress(done, len(plans)) is False:
                raise _Cancel
    return written


def _write_invoices(session: Session, plans, ctx: _Context, *, valid_only: bool, parse, problems: list,
                    bad_lines: set) -> int:
    """A chunk's invoices in bulk (app.ledger.invoices.record_invoices), the customers they create first;
    with `valid_only` a row the ledger refuses joins the bad ones and the rest is written without it. The
    invoices written or disputed."""
    from app.ledger.invoices import BatchError, NewInvoice, record_invoices

    pending = [(row, f) for row, f in plans if f.get("_action", "create") == "create"]
    while pending:
        made: list[_CustomerInfo] = []
        try:
            with session.begin_nested() if valid_only else nullcontext():
                for i, (row, fields) in enumerate(pending):
                    info = fields.get("_customer")
                    if info is not None and info.id is None:
                        try:
                            info.id = _create_customer(session, info, ctx.company_country)
                        except LedgerError as err:
                            raise BatchError(i, err) from err
                        made.append(info)
                # the rows were checked against these look-ups: the ledger does not make them again
                customers = {}
                for _r, f in pending:
                    info = f.get("_customer") or ctx.customers.get(f["customer_code"])
                    if info is not None and info.id is not None and not info.created_on:  # created: looked up
                        customers[same_key(info.code)] = (info.id, info.currency, info.terms_id)
                values = itemgetter(*NewInvoice._fields)
                record_invoices(session, [NewInvoice._make(values(f)) for _r, f in pending],
                                customers=customers, taken=ctx.numbers_in_db, terms=ctx.invoice_terms)
            break
        except BatchError as err:
            for info in made:  # rolled back with the savepoint
                info.id = None
            ctx.invoice_terms.clear()  # (the default terms, had the savepoint made them)
            row = pending[err.index][0]
            problem = _row_problem(err.error, row.line, parse)
            if not valid_only:
                raise _Abort(problem) from err
            problems.append(problem)
            bad_lines.add(row.line)
            del pending[err.index]
    disputes = [f["number"] for _r, f in pending if f.get("_disputed")]
    disputes += [f["number"] for _r, f in plans if f.get("_action") == "dispute"]
    lines = {f["number"]: row.line for row, f in plans} if disputes else {}
    done = len(pending)
    for number in disputes:
        try:
            with session.begin_nested() if valid_only else nullcontext():
                _open_dispute(session, number)
        except LedgerError as err:
            problem = _row_problem(err, lines[number], parse)
            if not valid_only:
                raise _Abort(problem) from err
            problems.append(problem)
            bad_lines.add(lines[number])
            continue
        done += number not in {f["number"] for _r, f in pending}
    return done


def _create_customer(session: Session, info: "_CustomerInfo", company_country: str) -> int:
    """The customer an invoice row names, created with --create-customers (its code a tax id when it reads as
    one in the company's country); its id."""
    from app.ledger.customers import get_customer_row
    from app.ledger.errors import UnknownCustomerError
    from app.ledger.tax_ids import check_tax_id

    try:
        return get_customer_row(session, info.code).id
    except UnknownCustomerError:
        pass
    extra = {}
    check = check_tax_id(company_country, info.code)
    if check.valid and _digits(info.code):
        extra["tax_id"] = check.value
    create_customer(session, code=info.code, name=info.name or info.code, currency=info.currency,
                    country=company_country, **extra)
    return get_customer_row(session, info.code).id


# --- files as they come: a mapping, options, real-world values -----------------------------------------


class _Parse:
    """How the mapped file's values are read: the date order of each date column, amounts without their
    currency symbols and with the chosen decimal separator, dates XLSX typed as dates, and the problems found
    while reading them (reported on their rows)."""

    def __init__(self, mapping, company_currency: str):
        self.mapping = mapping
        self.company_currency = company_currency
        self.orders: dict[str, tuple[str | None, str | None]] = {}
        self.raw_dates: dict[tuple[int, str], dt.date] = {}
        self.numbers: dict[tuple[int, str], str] = {}
        self.symbols: dict[int, str] = {}
        self.pre_problems: dict[int, list[tuple[str, str]]] = defaultdict(list)
        self.flagged: list[Problem] = []  # warnings of the last validation, as Problems
        self.misaligned: dict[int, str] = {}  # line -> why its cells do not line up with the header
        self.plain: set[tuple[int, str]] = set()  # amounts read one way only: a number cell, or --decimal given
        self.repeated: list[tuple[int, str]] = []  # (line, why) rows that repeat an earlier one exactly
        self.rows = 0  # the data rows (repeated ones too)
        self._currencies: dict[str, "str | Exception"] = {}  # currency_of's answers
        self.dates = _Readings()  # (column, text, allow far dates, today) -> (date, problem): _Row.date's answers

    def source(self, field: str) -> str:
        return self.mapping.source_of(field) or field

    def currency_of(self, value: str) -> str:
        """The currency code a cell means (check_currency of currency_code), or its ValueProblem/LedgerError:
        worked out once per distinct cell (a file has a few currencies in many rows)."""
        got = self._currencies.get(value)
        if got is None:
            try:
                got = check_currency(currency_code(value, self.company_currency))
            except (ValueProblem, LedgerError) as exc:
                got = exc
            self._currencies[value] = got
        if isinstance(got, Exception):
            raise got
        return got

    def forget(self) -> None:
        """Drop the values of the rows read so far (their chunk is done): memory stays a chunk's."""
        self.raw_dates.clear()
        self.numbers.clear()
        self.symbols.clear()
        self.plain.clear()
        self.pre_problems.clear()


class _Readings(dict):
    """Answers worked out once per distinct value, in a dict that starts again when it holds too many (a file of
    millions of distinct values costs no more memory than a chunk's)."""

    LIMIT = 100_000

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.LIMIT:
            self.clear()
        super().__setitem__(key, value)


def _canonical(kind, table, mapping, options, company_currency: str, locale: str, problems: list):
    """The table's rows as {field: text} by the mapping (a generator: a streamed file is read as it goes), and a
    _Parse for their values, filled row by row as the generator runs (the importer forgets each chunk's). The
    order of each date column comes from one pass over the whole file first. A row whose cells do not line up
    with the header goes to `problems` and parse.misaligned; an exact repeat of a row above, to parse.repeated."""
    from .fields import fields_for
    from .values import DateOrder, order_of

    parse = _Parse(mapping, company_currency)
    fields = {f.name: f for f in fields_for(kind)}
    index = {}
    for i, header in enumerate(table.headers):
        name = mapping.field_of(header) if header else None
        if name:
            index[name] = i
    try:
        fixed = order_of(options.date_format)
    except ValueProblem as exc:
        raise FileProblem(str(exc)) from None
    dates = {name: i for name, i in index.items() if fields[name].type == "date"}
    amounts = {name: i for name, i in index.items() if fields[name].type == "amount"}
    if dates and not fixed:  # the date columns' order: every text value of the file counts (read as scan reads)
        orders = {name: DateOrder() for name in dates}
        # DateOrder's answer says only whether some value reads day first, some month first, some either way:
        # each distinct value of a column is told once (a file has few dates in many rows)
        told = {name: _Readings() for name in dates}

        def each(_line, cells, typed):
            for name, i in dates.items():
                if i not in typed:
                    value = cells[i] if i < len(cells) else ""
                    if value not in told[name]:
                        told[name][value] = True
                        orders[name].add(value)

        parse.rows = table.scan(each)
        parse.orders = {name: order.result() for name, order in orders.items()}
    else:
        parse.rows = table.scan()
        parse.orders = {name: (fixed, None) for name in dates}
    refused = {name: why for name, (_o, why) in parse.orders.items() if why and why != "ambiguous"}
    for name, (_o, why) in parse.orders.items():
        if why == "ambiguous":
            parse.orders[name] = (None, None)  # each ambiguous value refused with both readings
    delimiter = table.delimiter if table.format == "csv" else None
    return _records(table, index, dates, amounts, refused, parse, problems, delimiter, options,
                    company_currency), parse


def _records(table, index, dates, amounts, refused, parse, problems, delimiter, options, company_currency):
    from .reader import _width, misalignment

    seen_rows = SeenKeys()
    # a row of as many cells as the header has columns lines up with it (misalignment says nothing), and has
    # a cell for every mapped column: its record is taken by one itemgetter (the usual row, read at C speed)
    columns = _width(table.headers)
    names = tuple(index)
    cells_of = itemgetter(*index.values()) if index else None
    whole = len(index) > 1 and max(index.values()) < columns
    for line, cells, typed, numbers in table.typed_rows():
        # a row whose cells do not line up with the header (an unquoted 1,234.56 read as two cells) is refused
        message = None if len(cells) == columns else misalignment(table.headers, delimiter, cells)
        if message:
            parse.misaligned[line] = message
            problems.append(Problem(line, "row", message))
        first = seen_rows.add(tuple(cells), line)
        if first is not None:
            parse.repeated.append((line, f"repeats line {first} exactly; imported once"))
            continue
        if whole and len(cells) == columns:
            rec = dict(zip(names, cells_of(cells)))
        else:
            rec = {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}
        if typed or refused:  # (a CSV types no cell: nothing to note when no date column is refused)
            for name, i in dates.items():
                day = typed.get(i)
                if day is not None:
                    parse.raw_dates[(line, name)] = day
                elif name in refused and rec[name]:
                    parse.pre_problems[line].append((name, refused[name]))
        for name, i in amounts.items():
            value = rec[name]
            if not value:
                continue
            try:
                if i in numbers:  # a spreadsheet number: plain, whatever the locale
                    number, symbol = value, None
                    parse.plain.add((line, name))
                else:
                    number, symbol = split_amount(value, company_currency)
                    if options.decimal:
                        number = with_decimal(number, options.decimal)
                        parse.plain.add((line, name))
            except ValueProblem as exc:
                parse.pre_problems[line].append((name, str(exc)))
                parse.numbers[(line, name)] = None  # reported: not read again
                continue
            parse.numbers[(line, name)] = number
            if symbol:
                parse.symbols[line] = symbol
        yield line, rec


def _prepare(session: Session, kind: str, table, mapping, options, problems: list):
    from .fields import fields_for

    if kind not in SPECS:
        raise ValueError(f"unknown import kind '{kind}'; use one of {', '.join(KINDS)}")
    if mapping.kind != kind:
        raise ValueError(f"the mapping is for {mapping.kind}, not {kind}")
    company = get_company(session)
    if session.in_transaction():
        session.rollback()  # get_company's read: the import is its own transaction
    currency = company.currency if company else "PEN"
    locale = (company.locale if company else None) or "es_PE"
    missing: list[Problem] = []
    for name in mapping.missing_required():
        label = next(f.label for f in fields_for(kind) if f.name == name)
        missing.append(Problem(table.header_line, name, f"no column is mapped to {label} ({name}), which every "
                                                        f"row needs: map one with --map \"Header={name}\"", name))
    records, parse = _canonical(kind, table, mapping, options, currency, locale, problems)
    return records, parse, missing


def _skipped(table, parse) -> tuple:
    """Title rows, the totals row and repeated rows: known once every row was read."""
    return tuple(sorted(list(table.skipped) + parse.repeated))


def preview_table(session: Session, kind: str, table, mapping, options) -> ImportPreview:
    problems: list[Problem] = []
    try:
        records, parse, missing = _prepare(session, kind, table, mapping, options, problems)
        if missing:
            for _record in records:  # the repeated rows, for `skipped`
                parse.forget()
            return ImportPreview(kind, table.path, parse.rows - len(parse.repeated), tuple(missing), (), (),
                                 skipped=_skipped(table, parse))
        result = _execute(session, kind, table.path, records, problems, [], parse.misaligned, dry_run=True,
                          allow_far_dates=options.allow_far_dates, parse=parse,
                          create_customers=bool(options.create_customers) if kind == "invoices" else None,
                          valid_only=True, total=parse.rows,
                          keep_plain=PREVIEW_CHANGES if getattr(table, "streamed", False) else None)
    except FileProblem as exc:
        return ImportPreview(kind, table.path, len(table.rows), (Problem(exc.line, exc.column, exc.message),),
                             (), ())
    return ImportPreview(kind, table.path, result.rows, tuple(sorted(problems, key=lambda p: p.line)),
                         tuple(parse.flagged), result.changes, result.totals, _skipped(table, parse),
                         counted=result.counted)


def run_table(session: Session, kind: str, table, mapping, options, *, valid_only: bool = False,
              rejected_path=None, progress=None, dry_run: bool = False) -> ImportResult:
    """Import a table (read_source's, or open_source's streamed from the file: then the changes kept are only
    those worth naming one by one, the others counted)."""
    problems: list[Problem] = []

    def rejected(by_line):
        if rejected_path is None:
            return None
        from .rejected import write_rejected

        return write_rejected(rejected_path, table, by_line)

    try:
        records, parse, missing = _prepare(session, kind, table, mapping, options, problems)
        if missing:
            for _record in records:  # the repeated rows, for `skipped`
                parse.forget()
            return ImportResult(kind, table.path, parse.rows - len(parse.repeated), 0, dry_run, tuple(missing),
                                skipped=_skipped(table, parse))
        result = _execute(session, kind, table.path, records, problems, [], parse.misaligned, dry_run=dry_run,
                          progress=progress, allow_far_dates=options.allow_far_dates, parse=parse,
                          create_customers=bool(options.create_customers) if kind == "invoices" else None,
                          valid_only=valid_only, rejected=rejected, total=parse.rows,
                          keep_plain=0 if getattr(table, "streamed", False) else None)
    except FileProblem as exc:
        return ImportResult(kind, table.path, 0, 0, dry_run, (Problem(exc.line, exc.column, exc.message),))
    return replace(result, skipped=_skipped(table, parse)) if not result.cancelled else result
