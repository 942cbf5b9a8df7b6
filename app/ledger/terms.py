"""Payment terms and the due lines they produce.

A term is a list of lines; each line says how much is due (a percent of the total, a fixed amount in one
currency, or "the rest") and when (days after the invoice date, months and days after it, days after the
end of its month, or a day of a later month). Amounts are exact to the minor unit: every line but the last
is rounded (half up) on its own and the last line takes the remainder, as Odoo and Tryton do. Terms may
carry an early-payment discount ("2 % if paid within 10 days"), fixed on each invoice when it is posted
(`app.ledger.discounts`).

Lines are written the same way everywhere (CLI `--line`, the settings tab, docs/terms.md):
`AMOUNT:WHEN`, AMOUNT one of `30%`, `500.00 PEN` (or `PEN 500`), `rest`; WHEN one of `15d`, `2m`, `1m+15d`,
`eom`, `eom+45d`, `next-month-day-10`, `month+2-day-5`, `30d+next-month-day-10`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.models import PaymentTerms, PaymentTermsLine

from . import audit
from .errors import InvalidAmountError, InvalidTermsError, LedgerError, UnknownPaymentTermsError
from .money import check_bound, check_currency, percent_of, to_str
from .views import TermsView

KINDS = ("percent", "fixed", "rest")
BASES = ("invoice", "month_end", "month_day")
MAX_LINES = 24
MAX_DAYS = 3660
MAX_MONTHS = 120


@dataclass(frozen=True)
class TermLine:
    """One line of payment terms (see the module docstring)."""

    kind: str = "percent"
    percent: Decimal | None = None
    amount_minor: int | None = None
    currency: str | None = None
    days: int = 0
    months: int = 0
    basis: str = "invoice"
    day: int | None = None

    def due_date(self, issue_date: dt.date) -> dt.date:
        if self.basis == "invoice":
            return add_months(issue_date, self.months) + dt.timedelta(days=self.days)
        if self.basis == "month_end":
            return month_end(add_months(issue_date, self.months)) + dt.timedelta(days=self.days)
        start = add_months((issue_date + dt.timedelta(days=self.days)).replace(day=1), self.months)
        return start.replace(day=min(self.day or 1, calendar.monthrange(start.year, start.month)[1]))

    @property
    def amount_spec(self) -> str:
        if self.kind == "rest":
            return "rest"
        if self.kind == "fixed":
            return f"{to_str(self.amount_minor or 0, self.currency or 'PEN')} {self.currency}"
        return f"{_plain(self.percent)}%"

    @property
    def when_spec(self) -> str:
        if self.basis == "month_end":
            return "eom" + (f"+{self.days}d" if self.days else "")
        if self.basis == "month_day":
            prefix = f"{self.days}d+" if self.days else ""
            where = "next-month" if self.months == 1 else f"month+{self.months}"
            return f"{prefix}{where}-day-{self.day}"
        if self.months:
            return f"{self.months}m" + (f"+{self.days}d" if self.days else "")
        return f"{self.days}d"

    @property
    def spec(self) -> str:
        """The line as typed: "30%:15d", "rest:eom+45d", "500.00 PEN:0d"."""
        return f"{self.amount_spec}:{self.when_spec}"


def _plain(value: Decimal | None) -> str:
    text = format(Decimal(value or 0).normalize(), "f")
    return text


# --- the text form of a line -----------------------------------------------------------

LINE_FORMS = ("30%:15d", "70%:45d", "100%:eom+45d", "100%:next-month-day-10", "rest:30d", "500.00 PEN:0d",
              "50%:1m+15d", "100%:30d+next-month-day-10", "100%:month+2-day-5")
LINE_HELP = ("write it as AMOUNT:WHEN, AMOUNT being 30% (percent of the total), 500.00 PEN (a fixed amount) or "
             "rest (what the other lines leave, last line only), WHEN being 15d (days after the invoice date), "
             "1m+15d (months and days after it), eom or eom+45d (days after the end of the invoice's month), "
             "next-month-day-10 or month+2-day-10 (that day of a later month; 30d+next-month-day-10 counts "
             "30 days first)")

_WHEN = [
    (re.compile(r"^(\d{1,4})d?$"), lambda m: dict(basis="invoice", days=int(m[1]))),
    (re.compile(r"^(\d{1,3})m(?:\+(\d{1,4})d)?$"),
     lambda m: dict(basis="invoice", months=int(m[1]), days=int(m[2] or 0))),
    (re.compile(r"^eom(?:\+(\d{1,4})d?)?$"), lambda m: dict(basis="month_end", days=int(m[1] or 0))),
    (re.compile(r"^(?:(\d{1,4})d\+)?next-month-day-(\d{1,2})$"),
     lambda m: dict(basis="month_day", days=int(m[1] or 0), months=1, day=int(m[2]))),
    (re.compile(r"^(?:(\d{1,4})d\+)?month\+(\d{1,3})-day-(\d{1,2})$"),
     lambda m: dict(basis="month_day", days=int(m[1] or 0), months=int(m[2]), day=int(m[3]))),
]
_PERCENT = re.compile(r"^(\d{1,3}(?:[.,]\d{1,4})?)\s*%$")
_FIXED = (re.compile(r"^(?P<cur>[A-Za-z]{3})\s*(?P<amount>\d[\d.,]*)$"),
          re.compile(r"^(?P<amount>\d[\d.,]*)\s*(?P<cur>[A-Za-z]{3})$"))


def _refuse(reason: str, message: str, field: str | None = None, **values) -> InvalidTermsError:
    """The error, with `reason` and `values` for a GUI to say it in the user's language."""
    exc = InvalidTermsError(message, field=field)
    exc.reason, exc.values = reason, values
    return exc


class InvalidTermsLineError(InvalidTermsError):
    field = "line"
    reason = "bad_line"

    def __init__(self, text: str, why: str | None = None):
        self.text = text
        self.why = why
        self.values = {"text": text}
        detail = f" ({why})" if why else ""
        super().__init__(f"Payment terms line '{text}' is not understood{detail}: {LINE_HELP}.")


def parse_line(text: str, locale: str = "es_PE") -> TermLine:
    """A line from its text form ("30%:15d"); InvalidTermsLineError names the text and the accepted forms."""
    raw = (text or "").strip()
    amount_part, sep, when_part = raw.rpartition(":")
    if not sep or not amount_part.strip() or not when_part.strip():
        raise InvalidTermsLineError(raw)
    amount_part, when_part = amount_part.strip(), when_part.strip().lower().replace(" ", "")
    fields: dict | None = None
    for pattern, build in _WHEN:
        m = pattern.match(when_part)
        if m:
            fields = build(m)
            break
    if fields is None:
        raise InvalidTermsLineError(raw, f"'{when_part}' is not a due date rule")
    if amount_part.lower() in ("rest", "resto", "saldo", "balance"):
        line = TermLine(kind="rest", **fields)
    elif m := _PERCENT.match(amount_part):
        line = TermLine(kind="percent", percent=Decimal(m[1].replace(",", ".")), **fields)
    else:
        for pattern in _FIXED:
            m = pattern.match(amount_part)
            if m:
                break
        else:
            raise InvalidTermsLineError(raw, f"'{amount_part}' is not a percent, an amount with its currency or rest")
        from .amount_input import parse_amount

        try:
            currency = check_currency(m["cur"])
            amount = parse_amount(m["amount"], currency, locale)
        except LedgerError as exc:
            raise InvalidTermsLineError(raw, str(exc).rstrip(".")) from None
        line = TermLine(kind="fixed", amount_minor=amount, currency=currency, **fields)
    try:
        _check_line(line)
    except InvalidTermsError as exc:
        raise InvalidTermsLineError(raw, str(exc).rstrip(".")) from None
    return line


def parse_discount(text: str | None) -> tuple[Decimal, int] | None:
    """"2%:10d" → (2, 10): 2 % off when paid within 10 days of the invoice date. Empty → no discount."""
    raw = (text or "").strip()
    if not raw or raw.lower() in ("none", "no", "-"):
        return None
    m = re.match(r"^(\d{1,2}(?:[.,]\d{1,4})?)\s*%\s*:\s*(\d{1,4})\s*d?$", raw, re.IGNORECASE)
    if not m:
        raise InvalidTermsError(f"Early-payment discount '{raw}' is not understood: write it as PERCENT%:DAYSd, "
                                "e.g. 2%:10d (2 % off when paid within 10 days of the invoice date).",
                                field="discount")
    return check_discount(Decimal(m[1].replace(",", ".")), int(m[2]))


def check_discount(percent, days) -> tuple[Decimal, int]:
    try:
        percent = Decimal(str(percent))
    except InvalidOperation:
        raise InvalidTermsError(f"The discount percent '{percent}' is not a number.", field="discount") from None
    if not (0 < percent < 100):
        raise InvalidTermsError(f"The discount percent must be above 0 and below 100 (got {_plain(percent)}).",
                                field="discount")
    if percent != percent.quantize(Decimal("0.0001")):
        raise InvalidTermsError("The discount percent has more than 4 decimals.", field="discount")
    if not (0 <= int(days) <= MAX_DAYS):
        raise InvalidTermsError(f"The discount days must be between 0 and {MAX_DAYS} (got {days}).", field="discount")
    return percent, int(days)


def discount_spec(percent: Decimal | None, days: int | None) -> str:
    return f"{_plain(percent)}%:{days}d" if percent is not None else ""


# --- rules ---------------------------------------------------------------------------


def as_line(line) -> TermLine:
    """A TermLine from a TermLine, a text form, or the older (percent, days, basis) tuple."""
    if isinstance(line, TermLine):
        return line
    if isinstance(line, str):
        return parse_line(line)
    percent, days, basis = line
    return TermLine(kind="percent", percent=Decimal(str(percent)), days=int(days), basis=basis)


def _check_line(line: TermLine) -> None:
    if line.kind not in KINDS:
        raise InvalidTermsError(f"A line is a percent, a fixed amount or the rest, not '{line.kind}'.")
    if line.basis not in BASES:
        raise InvalidTermsError(f"A line counts from 'invoice', 'month_end' or 'month_day', not '{line.basis}'.")
    if line.kind == "percent":
        p = line.percent
        if p is None or not (0 < p <= 100):
            raise InvalidTermsError(f"Each line's percent must be above 0 and at most 100 (got {_plain(p)}).")
    if line.kind == "fixed":
        if not line.currency or line.amount_minor is None or int(line.amount_minor) <= 0:
            raise InvalidTermsError("A fixed line needs an amount above zero and its currency.")
        check_bound(int(line.amount_minor), line.currency)
    if not (0 <= int(line.days) <= MAX_DAYS):
        raise InvalidTermsError(f"Days must be between 0 and {MAX_DAYS} (got {line.days}).")
    if not (0 <= int(line.months) <= MAX_MONTHS):
        raise InvalidTermsError(f"Months must be between 0 and {MAX_MONTHS} (got {line.months}).")
    if line.basis == "month_day":
        if line.day is None or not (1 <= line.day <= 31):
            raise InvalidTermsError(f"The day of the month must be between 1 and 31 (got {line.day}).")
        if line.months < 1:
            raise InvalidTermsError("A day of the month is counted in a later month (next-month-day-10).")


def validate_lines(lines: Sequence) -> list[TermLine]:
    """The lines as TermLines, or InvalidTermsError saying what is wrong with them."""
    if not lines:
        raise _refuse("no_lines", "Payment terms need at least one line.")
    clean = [as_line(x) for x in lines]
    if len(clean) > MAX_LINES:
        raise InvalidTermsError(f"Payment terms have at most {MAX_LINES} lines.")
    for line in clean:
        _check_line(line)
    if any(line.kind == "rest" for line in clean[:-1]):
        raise _refuse("rest_not_last", "Only the last line can be 'rest' (what the other lines leave).")
    currencies = {line.currency for line in clean if line.kind == "fixed"}
    if len(currencies) > 1:
        raise InvalidTermsError(f"Fixed lines are all in one currency (these use {', '.join(sorted(currencies))}).")
    total = sum((Decimal(line.percent) for line in clean if line.kind == "percent"), Decimal(0))
    if clean[-1].kind == "rest":
        if total >= 100:
            raise _refuse("nothing_left", f"The percents add up to {_plain(total)}, leaving nothing for the 'rest' "
                          "line.", total=_plain(total))
    elif clean[-1].kind == "fixed":
        raise _refuse("fixed_last", "The last line takes what the others leave: make it a percent or 'rest', "
                      "not a fixed amount.")
    elif abs(total - 100) > Decimal("0.001"):  # thirds stored as 33.3333 sum to 99.9999
        raise _refuse("not_100", f"The lines' percents must add up to 100 (they add up to {_plain(total)}); "
                      "or end with a 'rest' line.", total=_plain(total))
    return clean


def add_months(day: dt.date, months: int) -> dt.date:
    if not months:
        return day
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def split_lines(lines: Sequence, total_minor: int, currency: str | None = None) -> list[int]:
    """The amount of each line (zero included) for a total: every line but the last rounded half up on its
    own, the last takes the remainder; InvalidTermsError when fixed amounts leave less than nothing."""
    clean = validate_lines(lines)
    fixed_currency = next((line.currency for line in clean if line.kind == "fixed"), None)
    if fixed_currency and currency and currency.upper() != fixed_currency:
        raise _refuse("fixed_currency", f"These terms have a fixed amount in {fixed_currency}: they apply only to "
                      f"{fixed_currency} invoices, not {currency.upper()}.", fixed=fixed_currency,
                      currency=currency.upper())
    amounts: list[int] = []
    for line in clean[:-1]:
        if line.kind == "fixed":
            amounts.append(int(line.amount_minor))
        else:
            amounts.append(percent_of(total_minor, Decimal(line.percent)))
    rest = total_minor - sum(amounts)
    if rest < 0 and any(line.kind != "fixed" for line in clean[:-1]):
        # Percent lines rounded half up one by one can ask for more than the total on a tiny invoice (25 % +
        # 17.86 % + 53.58 % of 14 cents is 4 + 3 + 8). Then each line takes the rounding of the running
        # percentage instead: the same amounts wherever they fit, never more than the total.
        amounts, running, taken = [], Decimal(0), 0
        for line in clean[:-1]:
            if line.kind == "fixed":
                amounts.append(int(line.amount_minor))
                continue
            running += Decimal(line.percent)
            upto = percent_of(total_minor, running)
            amounts.append(upto - taken)
            taken = upto
        rest = total_minor - sum(amounts)
    if rest < 0:
        cur = currency or fixed_currency or "PEN"
        raise _refuse("over_total", f"The lines before the last ask for {to_str(sum(amounts), cur)} {cur}, more "
                      f"than the total {to_str(total_minor, cur)} {cur}; use other terms for this invoice.",
                      asked=sum(amounts), total=total_minor, currency=cur)
    amounts.append(rest)
    return amounts


def due_schedule(lines: Sequence, issue_date: dt.date, total_minor: int,
                 currency: str | None = None) -> list[tuple[dt.date, int]]:
    """Due dates and amounts for an invoice; amounts sum exactly to the total (the last line takes the
    remainder). A line whose amount rounds to zero (tiny totals) is left out: due lines are positive."""
    return schedule_of(validate_lines(lines), issue_date, total_minor, currency)


def schedule_of(clean: Sequence[TermLine], issue_date: dt.date, total_minor: int,
                currency: str | None = None) -> list[tuple[dt.date, int]]:
    """`due_schedule` of lines `validate_lines` gave (checked once for many invoices of the same terms)."""
    if len(clean) == 1 and clean[0].kind != "fixed" and total_minor > 0:  # split_lines' answer: all on one line
        return [(clean[0].due_date(issue_date), total_minor)]
    amounts = split_lines(clean, total_minor, currency)
    return [(line.due_date(issue_date), amount) for line, amount in zip(clean, amounts) if amount > 0]


# --- stored terms ----------------------------------------------------------------------

DEFAULT_TERMS: list[tuple[str, str, list]] = [
    ("CONTADO", "Contado / Cash", [(Decimal(100), 0, "invoice")]),
    ("NET15", "Net 15", [(Decimal(100), 15, "invoice")]),
    ("NET30", "Net 30", [(Decimal(100), 30, "invoice")]),
    ("NET45", "Net 45", [(Decimal(100), 45, "invoice")]),
    ("NET60", "Net 60", [(Decimal(100), 60, "invoice")]),
    ("NET90", "Net 90", [(Decimal(100), 90, "invoice")]),
    ("30-60-90", "30/60/90", [(Decimal(100) / 3, 30, "invoice"), (Decimal(100) / 3, 60, "invoice"),
                              (Decimal(100) / 3, 90, "invoice")]),
    ("EOM30", "EOM + 30", [(Decimal(100), 30, "month_end")]),
]
DEFAULT_TERMS_CODE = "NET30"


def line_of(row: PaymentTermsLine) -> TermLine:
    return TermLine(kind=row.kind or "percent", percent=Decimal(row.percent) if row.percent is not None else None,
                    amount_minor=row.amount_minor, currency=row.currency, days=row.days, months=row.months or 0,
                    basis=row.basis, day=row.day)


def terms_lines(terms: PaymentTerms) -> list[TermLine]:
    return [line_of(row) for row in terms.lines]


def _view(t: PaymentTerms) -> TermsView:
    return TermsView(
        code=t.code,
        name=t.name,
        lines=tuple(terms_lines(t)),
        discount_percent=Decimal(t.discount_percent) if t.discount_percent is not None else None,
        discount_days=t.discount_days,
        archived=bool(t.archived),
    )


def _rows(lines: Sequence[TermLine]) -> list[PaymentTermsLine]:
    rows = []
    for i, line in enumerate(lines, start=1):
        percent = Decimal(line.percent).quantize(Decimal("0.0001")) if line.kind == "percent" else None
        rows.append(PaymentTermsLine(sequence=i, kind=line.kind, percent=percent,
                                     amount_minor=line.amount_minor if line.kind == "fixed" else None,
                                     currency=line.currency if line.kind == "fixed" else None,
                                     days=int(line.days), months=int(line.months), basis=line.basis,
                                     day=line.day if line.basis == "month_day" else None))
    return rows


def _audit_lines(lines: Sequence[TermLine]) -> list[str]:
    return [line.spec for line in lines]


def _discount(discount_percent, discount_days) -> tuple[Decimal | None, int | None]:
    if discount_percent is None and discount_days is None:
        return None, None
    if discount_percent is None or discount_days is None:
        raise InvalidTermsError("An early-payment discount needs both a percent and days (2%:10d).",
                                field="discount")
    return check_discount(discount_percent, discount_days)


def _check_name(code: str, name: str) -> tuple[str, str]:
    code = (code or "").strip().upper()
    name = (name or "").strip() or code
    if not code:
        raise InvalidTermsError("Payment terms need a code (e.g. 30-70).", field="code")
    if len(code) > 30 or not re.fullmatch(r"[A-Z0-9][A-Z0-9_./+\- ]*", code):
        raise InvalidTermsError(f"The code '{code[:40]}' must be at most 30 letters, digits or - _ . / + "
                                "(e.g. 30-70 or NET30).", field="code")
    if len(name) > 100:
        raise InvalidTermsError("The name is at most 100 characters.", field="name")
    return code, name


def create_terms(
    session: Session,
    *,
    code: str,
    name: str,
    lines: Iterable,
    discount_percent: Decimal | None = None,
    discount_days: int | None = None,
) -> TermsView:
    code, name = _check_name(code, name)
    clean = validate_lines(list(lines))
    discount_percent, discount_days = _discount(discount_percent, discount_days)
    if session.scalar(select(PaymentTerms.id).where(PaymentTerms.code == code)) is not None:
        raise InvalidTermsError(f"Payment terms '{code}' already exist.", field="code")
    terms = PaymentTerms(code=code, name=name, discount_percent=discount_percent, discount_days=discount_days,
                         archived=False)
    terms.lines = _rows(clean)
    session.add(terms)
    session.flush()
    audit.record(session, action="create", entity="payment_terms", entity_id=terms.id,
                 after={"code": code, "name": name, "lines": _audit_lines(clean),
                        "discount": discount_spec(discount_percent, discount_days) or None})
    return _view(terms)


_UNSET = object()


def update_terms(
    session: Session,
    code: str,
    *,
    name: str | None = None,
    lines: Iterable | None = None,
    discount_percent=_UNSET,
    discount_days=_UNSET,
) -> TermsView:
    """Change the name, lines or discount of terms. Invoices already posted keep their due lines and
    discount; only new invoices follow the change."""
    terms = get_terms_row(session, code)
    before = {"name": terms.name, "lines": _audit_lines(terms_lines(terms)),
              "discount": discount_spec(terms.discount_percent, terms.discount_days) or None}
    if name is not None:
        terms.name = _check_name(terms.code, name)[1]
    if lines is not None:
        clean = validate_lines(list(lines))
        terms.lines.clear()
        session.flush()
        terms.lines.extend(_rows(clean))
    if discount_percent is not _UNSET or discount_days is not _UNSET:
        p = terms.discount_percent if discount_percent is _UNSET else discount_percent
        d = terms.discount_days if discount_days is _UNSET else discount_days
        terms.discount_percent, terms.discount_days = _discount(p, d)
    session.flush()
    after = {"name": terms.name, "lines": _audit_lines(terms_lines(terms)),
             "discount": discount_spec(terms.discount_percent, terms.discount_days) or None}
    if after != before:
        audit.record(session, action="update", entity="payment_terms", entity_id=terms.id, before=before, after=after)
    return _view(terms)


def archive_terms(session: Session, code: str, *, archived: bool = True) -> TermsView:
    """Archive (or restore) terms: archived terms are not offered for new invoices or customers; documents
    posted with them keep their due lines, and customers that have them keep them until changed."""
    terms = get_terms_row(session, code)
    if bool(terms.archived) != bool(archived):
        terms.archived = bool(archived)
        session.flush()
        audit.record(session, action="archive" if archived else "restore", entity="payment_terms",
                     entity_id=terms.id, before={"archived": not archived}, after={"archived": bool(archived)})
    return _view(terms)


def ensure_default_terms(session: Session) -> None:
    existing = set(session.scalars(select(PaymentTerms.code)))
    for code, name, lines in DEFAULT_TERMS:
        if code not in existing:
            create_terms(session, code=code, name=name, lines=lines)


def get_terms_row(session: Session, code: str) -> PaymentTerms:
    terms = session.scalars(
        select(PaymentTerms).options(selectinload(PaymentTerms.lines))
        .where(PaymentTerms.code == (code or "").strip().upper())
    ).first()
    if terms is None:
        raise UnknownPaymentTermsError(code)
    return terms


def get_active_terms_row(session: Session, code: str) -> PaymentTerms:
    """Terms that may be chosen for a new invoice or customer: not archived."""
    terms = get_terms_row(session, code)
    if terms.archived:
        raise InvalidTermsError(f"Payment terms '{terms.code}' are archived; choose other terms, or restore them "
                                f"(cobranza terms archive {terms.code} --restore).")
    return terms


def get_terms(session: Session, code: str) -> TermsView:
    return _view(get_terms_row(session, code))


def list_terms(session: Session, *, include_archived: bool = True) -> list[TermsView]:
    q = select(PaymentTerms).options(selectinload(PaymentTerms.lines)).order_by(PaymentTerms.id)
    if not include_archived:
        q = q.where(PaymentTerms.archived.is_(False))
    return [_view(t) for t in session.scalars(q)]


@dataclass(frozen=True)
class TermsPreview:
    """What terms give a sample invoice: its due lines and, with a discount, what is paid by when."""

    issue_date: dt.date
    total_minor: int
    currency: str
    lines: tuple[tuple[dt.date, int], ...]
    discount_until: dt.date | None = None
    discount_minor: int = 0

    @property
    def discounted_total_minor(self) -> int:
        return self.total_minor - self.discount_minor


def preview_terms(lines: Sequence, *, issue_date: dt.date, total_minor: int, currency: str,
                  discount_percent: Decimal | None = None, discount_days: int | None = None) -> TermsPreview:
    """Due lines (and the discount) terms give an invoice of `total_minor` issued on `issue_date`; no
    database needed, so the settings tab previews lines while they are typed."""
    currency = check_currency(currency)
    if int(total_minor) <= 0:
        raise InvalidAmountError(total_minor, "The sample amount must be greater than zero.")
    check_bound(int(total_minor), currency)
    schedule = due_schedule(lines, issue_date, int(total_minor), currency)
    p, d = _discount(discount_percent, discount_days)
    if p is None:
        return TermsPreview(issue_date, int(total_minor), currency, tuple(schedule))
    return TermsPreview(issue_date, int(total_minor), currency, tuple(schedule),
                        discount_until=issue_date + dt.timedelta(days=d),
                        discount_minor=percent_of(int(total_minor), p))
