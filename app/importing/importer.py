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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.ledger import (
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
from app.ledger.money import check_currency, to_str
from app.ledger.text_input import same_key, text_problem
from app.ledger.payments import METHODS, open_lines, plan_on_open_lines
from app.ledger.views import AllocationPlan, AllocationSuggestion
from app.models import POSTED, CreditNote, Customer, Invoice, Payment

from .reader import FileProblem, iter_records, misaligned_rows, read_table

# --- what each kind of file holds ------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    kind: str
    noun: str  # plural, for the summary
    singular: str
    required: tuple[str, ...]
    optional: tuple[str, ...]


SPECS: dict[str, Spec] = {
    "customers": Spec("customers", "customers", "customer", ("code", "name"),
                      ("tax_id", "email", "phone", "language", "currency", "payment_terms", "credit_limit",
                       "address", "city", "country", "notes")),
    "invoices": Spec("invoices", "invoices", "invoice", ("number", "customer_code", "issue_date", "amount"),
                     ("due_date", "currency", "reference", "payment_terms")),
    "payments": Spec("payments", "payments", "payment", ("customer_code", "date", "amount"),
                     ("reference", "currency", "invoice_number", "method")),
    "credit-notes": Spec("credit-notes", "credit notes", "credit note",
                         ("number", "customer_code", "date", "amount"),
                         ("currency", "invoice_number", "reason")),
}
KINDS = tuple(SPECS)

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# lengths and refused characters are the ledger's (app.ledger.text_input.LIMITS); e-mail is checked apart
_LENGTHS = {"email": 200}
_FIELDS = {"customer_code": "code", "invoice_number": "number"}  # columns naming a code or number


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str

    def format(self, file: str) -> str:
        return f"{file}:{self.line}: {self.column}: {self.message}"


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

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    def messages(self) -> list[str]:
        """Every problem as `FILE:LINE: column: problem`, in line order."""
        return [p.format(self.path) for p in self.problems]

    def summary(self) -> str:
        spec = SPECS[self.kind]
        count = self.rows if self.dry_run else self.imported
        noun = spec.singular if count == 1 else spec.noun
        totals = ", ".join(f"{cur} {to_str(amount, cur)}" for cur, amount in self.totals)
        tail = f" ({totals})" if totals else ""
        if self.cancelled:
            return f"cancelled: nothing was imported ({self.rows} {spec.noun} in the file)"
        if self.dry_run:
            return f"dry run: would import {count} {noun}{tail}; nothing was written"
        return f"imported {count} {noun}{tail}"


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
                 allow_far_dates: bool = False, today: dt.date | None = None):
        self.line = line
        self.locale = locale  # the company's: how its people write amounts
        self.values = values
        self._problems = problems
        self.bad = False
        self.allow_far_dates = allow_far_dates
        self.today = today

    def problem(self, column: str, message: str) -> None:
        self.bad = True
        self._problems.append(Problem(self.line, column, message))

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
        if _DATE.match(value):
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                pass
            else:
                reason = range_reason(day)
                if reason is None and not self.allow_far_dates and is_far(day, self.today):
                    reason = far_reason(day)
                if reason is None:
                    return day
                self.problem(column, reason)
                return None
        self.problem(column, f"'{value}' is not a valid date; write it as YYYY-MM-DD (e.g. 2026-01-31)")
        return None

    def currency(self, column: str, default: str | None) -> str | None:
        value = self.get(column)
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
        try:
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


def _chunks(values, size=500):
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


@dataclass
class _CustomerInfo:
    id: int
    code: str
    currency: str


@dataclass
class _InvoiceInfo:
    id: int
    number: str
    customer_id: int
    customer_code: str
    currency: str
    issue_date: dt.date
    status: str


class _Context:
    """What validation needs from the database, loaded in bulk for the codes and numbers in the file."""

    def __init__(self, session: Session, records: list[tuple[int, dict[str, str]]]):
        self.session = session
        self.planned: dict[int, int] = {}  # line -> what validation found a payment would apply
        codes = {r.get("customer_code", "") for _l, r in records} | {r.get("code", "") for _l, r in records}
        codes.discard("")
        self.customers: dict[str, _CustomerInfo] = {}
        for chunk in _chunks(codes):
            for cid, code, cur in session.execute(
                    select(Customer.id, Customer.code, Customer.currency).where(Customer.code.in_(chunk))):
                self.customers[code] = _CustomerInfo(cid, code, cur)
        self.terms = {t.code.upper(): t.code for t in list_terms(session)}
        company = get_company(session)
        self.company_currency = company.currency if company else "PEN"
        self.company_country = (company.country if company else None) or "PE"
        self.locale = (company.locale if company else None) or "es_PE"
        self._initial: dict[tuple[str, str], list[AllocationSuggestion]] = {}
        self._left: dict[tuple[str, str], list[AllocationSuggestion]] = {}
        self.warnings: list[Problem] = []  # rows that import, with something the user should know

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
    elif key in seen:
        row.problem(column, in_file(seen[key]))
    else:
        seen[key] = row.line


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
    existing = ctx.existing(Customer.code, [r.get("code") for r in rows])
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        code = _new_name(row, "code", "customer", existing, seen)
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
        currency = row.currency("currency", ctx.company_currency)
        fields["currency"] = currency
        terms_code = _terms(ctx, row)
        if terms_code:
            fields["payment_terms"] = terms_code
        limit = row.amount("credit_limit", currency, required=False, allow_zero=True)
        if limit is not None:
            fields["credit_limit_minor"] = limit
        if not row.bad:
            out.append((row, fields))
    return out


def _validate_invoices(ctx: _Context, rows: list[_Row]) -> list[tuple[_Row, dict]]:
    existing = ctx.existing(Invoice.number, [r.get("number") for r in rows])
    seen: dict[str, int] = {}
    out = []
    for row in rows:
        number = _new_name(row, "number", "invoice", existing, seen)
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
        if not row.bad:
            out.append((row, dict(customer_code=customer.code, number=number, issue_date=issue_date,
                                  total_minor=amount, currency=currency, due_date=due_date,
                                  payment_terms=terms_code, reference=reference)))
    return out


def _customer(ctx: _Context, row: _Row) -> _CustomerInfo | None:
    code = row.text("customer_code", required=True)
    if not code:
        return None
    info = ctx.customers.get(code)
    if info is None:
        row.problem("customer_code", f"unknown customer '{code}'; import or create the customer first")
    return info


def _validate_settlements(ctx: _Context, rows: list[_Row], kind: str) -> list[tuple[_Row, dict]]:
    """Payments and credit notes: the same checks, plus the number (credit notes) or reference (payments)."""
    what = "payment" if kind == "payments" else "credit note"
    invoices = ctx.invoices(r.get("invoice_number") for r in rows)
    if kind == "credit-notes":
        existing = ctx.existing(CreditNote.number, [r.get("number") for r in rows])
    else:
        existing = set()
        for chunk in _chunks({r.get("reference") for r in rows if r.get("reference")}):
            existing.update(ctx.session.execute(
                select(Customer.code, Payment.reference).join(Customer, Payment.customer_id == Customer.id)
                .where(Payment.reference.in_(chunk), Payment.status == POSTED)).all())
    seen: dict = {}
    out = []
    for row in rows:
        fields: dict = {}
        if kind == "credit-notes":
            number = _new_name(row, "number", "credit note", existing, seen)
            fields["number"] = number
            reason = row.text("reason")
            if reason:
                fields["reason"] = reason
        customer = _customer(ctx, row)
        if kind == "payments":
            reference = row.text("reference")
            if reference and customer:
                _unique(row, "reference", (customer.code, reference), existing, seen,
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
            ctx.warnings.append(Problem(row.line, "amount", f"{too_much}; the other "
                                                            f"{to_str(plan.unapplied_minor, currency)} {currency} "
                                                            f"stays as {customer.code}'s unapplied credit"))
        ctx.consume(customer.code, plan)
        ctx.planned[row.line] = plan.applied_minor
        fields.update(customer_code=customer.code, date=on_date, amount_minor=amount, currency=currency,
                      invoice_number=inv.number if inv else None)
        out.append((row, fields))
    return out


def _write(session: Session, kind: str, fields: dict, planned: int | None = None) -> None:
    if kind == "customers":
        create_customer(session, **fields)
    elif kind == "invoices":
        record_invoice(session, **fields)
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

    validators = {"customers": _validate_customers, "invoices": _validate_invoices}
    try:
        with session.begin():
            ctx = _Context(session, records)
            today = config.today()
            rows = [_Row(line, rec, problems, ctx.locale, allow_far_dates=allow_far_dates, today=today)
                    for line, rec in records if line not in misaligned]
            if kind in validators:
                plans = validators[kind](ctx, rows)
            else:
                plans = _validate_settlements(ctx, rows, kind)
            problems.sort(key=lambda p: p.line)
            warnings.extend(w.format(shown) for w in sorted(ctx.warnings, key=lambda w: w.line))
            totals: dict[str, int] = defaultdict(int)
            if kind != "customers":
                for _row, fields in plans:
                    totals[fields["currency"]] += fields.get("total_minor") or fields.get("amount_minor") or 0
            total_list = tuple(sorted(totals.items()))
            if problems or dry_run:
                return ImportResult(kind, shown, len(records), 0, dry_run, tuple(problems), tuple(warnings),
                                    total_list)
            for done, (row, fields) in enumerate(plans, start=1):
                try:
                    _write(session, kind, fields, ctx.planned.get(row.line))
                except LedgerError as err:
                    raise _Abort(Problem(row.line, err.field or "row", str(err))) from err
                if progress is not None and (done % 100 == 0 or done == len(plans)):
                    if progress(done, len(plans)) is False:
                        raise _Cancel
    except _Cancel:
        return ImportResult(kind, shown, len(records), 0, dry_run, (), tuple(warnings), cancelled=True)
    except _Abort as abort:
        return ImportResult(kind, shown, len(records), 0, dry_run, (abort.problem,), tuple(warnings))
    return ImportResult(kind, shown, len(records), len(plans), dry_run, (), tuple(warnings), total_list)
