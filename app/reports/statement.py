"""Statement of account per customer: a PDF in the customer's language with the company letterhead.

For each currency the customer has business in, one section with
  - the opening balance: the ledger balance at the end of the day before the period starts,
  - the movements of the period (invoices, fees and interest as debits; payments, credit notes,
    write-offs and voids of earlier invoices as credits) with a running balance,
  - the closing balance, which is `ledger.customer_balance` as of the statement date,
  - the open items as of that date with days overdue, unapplied credit, and
  - an aging table (current, 1-30, 31-60, 61-90, 91+) built from `ledger.open_items`.

As-of rules are the ledger's: documents dated after the statement date do not exist; an invoice voided
on V is a debit on its issue date and a credit ("void") on V; allocations move amounts between open
items and unapplied credit and so never change the balance, which is why the movements list documents,
not allocations.

Default period: when no start date is given the statement starts on the first day of the month three
months before the as-of month (as of 2026-06-30 → from 2026-03-01: the as-of month and the three
before it). The opening balance carries everything earlier.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping, Sequence

from babel.numbers import get_currency_name
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    LongTable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from sqlalchemy import Integer, case, func, literal, or_, select, union_all
from sqlalchemy.orm import Session

from app import config
from app.ledger import customer_balance, get_company, get_customer, open_items
from app.ledger.balances import balance_parts
from app.ledger.discounts import DiscountView, offered_discounts
from app.ledger.errors import InvalidValueError
from app.ledger.money import fmt, fmt_date
from app.ledger.views import CompanyView, CustomerView, OpenItem
from app.models import POSTED, VOID, Allocation, CreditNote, Customer, DueLine, Invoice, Payment, WriteOff

from .aging import DEFAULT_BUCKETS, bucket_index, bucket_labels
from .pdf_common import DocumentMarker, grouped_numbered_canvas, load_logo, para_text

# --- labels -----------------------------------------------------------------------------------------
# The texts live in resources/texts/<language>/statement.toml (edited like the letter templates); a
# language is offered when its file exists. Tables in the file ([method]) give keys "method.cash", ...


def texts_dir() -> Path:
    """resources/texts next to the app package (source tree, editable install or PyInstaller bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    return (Path(bundle) if bundle else Path(__file__).resolve().parents[2]) / "resources" / "texts"


@lru_cache(maxsize=None)
def statement_languages() -> frozenset[str]:
    return frozenset(p.parent.name for p in texts_dir().glob("*/statement.toml"))


@lru_cache(maxsize=None)
def statement_labels(language: str) -> Mapping[str, str]:
    """The statement's texts in `language` (read once)."""
    with (texts_dir() / language / "statement.toml").open("rb") as f:
        data = tomllib.load(f)
    labels: dict[str, str] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            labels.update({f"{key}.{k}": v for k, v in value.items()})
        else:
            labels[key] = value
    return MappingProxyType(labels)


# The name of a tax id depends on the country that issued it, not on the reader's language.
TAX_ID_NAMES = {"PE": "RUC", "MX": "RFC", "CO": "NIT", "CL": "RUT", "AR": "CUIT", "EC": "RUC", "BO": "NIT"}

BUCKET_KEYS = bucket_labels("due", DEFAULT_BUCKETS)  # the aging's own buckets: current, 1-30, ..., 91+


def language_of(customer: CustomerView) -> str:
    lang = (customer.language or "es").strip().lower()[:2]
    return lang if lang in statement_languages() else "es"


def bucket_of(days_overdue: int) -> str:
    return BUCKET_KEYS[bucket_index(days_overdue, "due", DEFAULT_BUCKETS)]


def default_date_from(as_of: dt.date) -> dt.date:
    """First day of the month three months before the as-of month (2026-06-30 → 2026-03-01)."""
    month = as_of.month - 3
    year = as_of.year
    if month < 1:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


# --- what a statement says (plain data, usable without ReportLab) ------------------------------------


@dataclass(frozen=True)
class Movement:
    date: dt.date
    kind: str  # invoice | fee | interest | payment | credit_note | write_off | void
    document: str
    description: str
    debit_minor: int
    credit_minor: int
    balance_minor: int


@dataclass(frozen=True)
class CurrencySection:
    currency: str
    opening_minor: int
    movements: tuple[Movement, ...]
    debits_minor: int
    credits_minor: int
    closing_minor: int  # ledger.customer_balance as of the statement date
    open_items: tuple[OpenItem, ...]
    installments: dict[int, tuple[int, int]]  # due_line_id -> (position, of how many), split invoices only
    open_items_minor: int
    unapplied_credit_minor: int
    aging: tuple[tuple[str, int], ...]  # (bucket key, open amount) in BUCKET_KEYS order
    discounts: tuple[DiscountView, ...] = ()  # early-payment discounts still on offer (app.ledger.discounts)


@dataclass(frozen=True)
class StatementData:
    customer: CustomerView
    company: CompanyView | None
    as_of: dt.date
    date_from: dt.date
    language: str
    sections: tuple[CurrencySection, ...]


@dataclass(frozen=True)
class CurrencyTotals:
    currency: str
    opening_minor: int
    debits_minor: int
    credits_minor: int
    closing_minor: int


@dataclass(frozen=True)
class StatementResult:
    customer_code: str
    customer_name: str
    language: str
    as_of: dt.date
    date_from: dt.date
    path: Path
    pages: int
    totals: tuple[CurrencyTotals, ...]


class StatementCancelled(Exception):
    """The batch was stopped through its progress callback; nothing was left in the output folder."""


_KIND_ORDER = {"invoice": 0, "fee": 0, "interest": 0, "void": 1, "credit_note": 2, "payment": 3, "write_off": 4,
               "void_payment": 5, "void_credit_note": 5}


def _movement_rows(session: Session, customer_id: int, date_from: dt.date, as_of: dt.date):
    """Every document of the customer that changes its balance between the two dates, one SQL statement.

    Rows: (date, kind, number, currency, debit, credit, extra1, extra2, extra3, extra4)."""
    lines = (select(DueLine.invoice_id.label("inv"), func.count(DueLine.id).label("n"),
                    func.min(DueLine.due_date).label("first_due"))
             .group_by(DueLine.invoice_id).subquery())
    wo_invoice = (select(Allocation.write_off_id.label("wo"), func.min(Invoice.number).label("number"))
                  .join(DueLine, Allocation.due_line_id == DueLine.id)
                  .join(Invoice, DueLine.invoice_id == Invoice.id)
                  .where(Allocation.write_off_id.is_not(None))
                  .group_by(Allocation.write_off_id).subquery())
    cn_invoice = Invoice.__table__.alias("cn_invoice")
    null_text = literal(None).cast(Invoice.reference.type)
    null_date = literal(None).cast(Invoice.issue_date.type)
    zero = literal(0).cast(Integer)
    invoices = (
        select(Invoice.issue_date.label("date"), Invoice.kind.label("kind"), Invoice.number.label("number"),
               Invoice.currency.label("currency"), Invoice.total_minor.label("debit"), zero.label("credit"),
               Invoice.reference.label("text1"), null_text.label("text2"),
               lines.c.first_due.label("due"), lines.c.n.label("n"))
        .outerjoin(lines, lines.c.inv == Invoice.id)
        .where(Invoice.customer_id == customer_id, Invoice.issue_date >= date_from, Invoice.issue_date <= as_of)
    )
    voids = (
        select(Invoice.void_date, literal("void"), Invoice.number, Invoice.currency, zero, Invoice.total_minor,
               Invoice.void_reason, null_text, null_date, zero)
        .where(Invoice.customer_id == customer_id, Invoice.status == VOID, Invoice.void_date.is_not(None),
               Invoice.void_date >= date_from, Invoice.void_date <= as_of)
    )
    payments = (
        select(Payment.date, literal("payment"), func.coalesce(Payment.reference, literal("")), Payment.currency,
               zero, Payment.amount_minor, Payment.method, null_text, null_date, zero)
        .where(Payment.customer_id == customer_id, or_(Payment.status == POSTED, Payment.void_date.is_not(None)),
               Payment.date >= date_from, Payment.date <= as_of)
    )
    # a payment or credit note voided on V (app.ledger.corrections) was a credit on its date and is a debit on V
    voided_docs = [
        select(model.void_date, literal(kind), number, model.currency, model.amount_minor, zero, model.void_reason,
               null_text, null_date, zero)
        .where(model.customer_id == customer_id, model.status == VOID, model.void_date.is_not(None),
               model.void_date >= date_from, model.void_date <= as_of)
        for model, kind, number in ((Payment, "void_payment", func.coalesce(Payment.reference, literal(""))),
                                    (CreditNote, "void_credit_note", CreditNote.number))]
    credit_notes = (
        select(CreditNote.date, literal("credit_note"), CreditNote.number, CreditNote.currency, zero,
               CreditNote.amount_minor, CreditNote.reason, cn_invoice.c.number, null_date, zero)
        .outerjoin(cn_invoice, cn_invoice.c.id == CreditNote.invoice_id)
        .where(CreditNote.customer_id == customer_id,
               or_(CreditNote.status == POSTED, CreditNote.void_date.is_not(None)),
               CreditNote.date >= date_from, CreditNote.date <= as_of)
    )
    write_offs = (
        select(WriteOff.date, literal("write_off"), func.coalesce(wo_invoice.c.number, literal("")),
               WriteOff.currency, zero, WriteOff.amount_minor, WriteOff.reason, null_text, null_date, zero)
        .outerjoin(wo_invoice, wo_invoice.c.wo == WriteOff.id)
        .where(WriteOff.customer_id == customer_id, WriteOff.date >= date_from, WriteOff.date <= as_of)
    )
    union = union_all(invoices, voids, payments, credit_notes, write_offs, *voided_docs).subquery()
    order = case(*[(union.c.kind == k, v) for k, v in _KIND_ORDER.items()], else_=9)
    return session.execute(select(union).order_by(union.c.date, order, union.c.number)).all()


def _installments(session: Session, due_line_ids: list[int]) -> dict[int, tuple[int, int]]:
    """due_line_id -> (position, number of due lines of its invoice), only for split invoices."""
    if not due_line_ids:
        return {}
    sibling = DueLine.__table__.alias("sibling")
    out: dict[int, tuple[int, int]] = {}
    for start in range(0, len(due_line_ids), 500):
        chunk = due_line_ids[start:start + 500]
        q = (select(DueLine.id, func.count(sibling.c.id),
                    func.sum(case((sibling.c.sequence <= DueLine.sequence, 1), else_=0)))
             .join(sibling, sibling.c.invoice_id == DueLine.invoice_id)
             .where(DueLine.id.in_(chunk)).group_by(DueLine.id))
        for line_id, count, position in session.execute(q):
            if int(count) > 1:
                out[line_id] = (int(position), int(count))
    return out


def _describe(kind: str, text1, text2, due, n, labels: Mapping[str, str], locale: str) -> str:
    parts = [labels[kind]]
    if kind in ("invoice", "fee", "interest"):
        if text1:
            parts.append(str(text1))
        if due is not None and n:
            if int(n) > 1:
                parts.append(labels["installments"].format(n=int(n), date=fmt_date(due, locale)))
            else:
                parts.append(labels["due"].format(date=fmt_date(due, locale)))
    elif kind == "payment":
        if text1:
            parts[0] = f"{parts[0]} ({labels.get('method.' + str(text1), str(text1))})"
    elif kind == "credit_note":
        if text2:
            parts.append(labels["applies_to"].format(doc=text2))
        if text1:
            parts.append(str(text1))
    elif text1:  # write-off and void: the reason
        parts.append(str(text1))
    return " · ".join(parts)


def build_statement(session: Session, customer_code: str, *, as_of: dt.date,
                    date_from: dt.date | None = None) -> StatementData:
    """Everything the statement shows, computed from the ledger as of `as_of`."""
    customer = get_customer(session, customer_code)  # UnknownCustomerError for a wrong code
    date_from = date_from or default_date_from(as_of)
    if date_from > as_of:
        raise InvalidValueError(
            f"The period starts on {date_from.isoformat()}, after the statement date {as_of.isoformat()}; "
            "choose a start date on or before it.", field="date_from")
    company = get_company(session)
    locale = company.locale if company else "es_PE"
    language = language_of(customer)
    labels = statement_labels(language)

    opening = {b.currency: b.balance_minor for b in customer_balance(session, customer.code,
                                                                      date_from - dt.timedelta(days=1))}
    closing = {b.currency: b for b in customer_balance(session, customer.code, as_of)}
    items = open_items(session, customer.code, as_of)
    rows = _movement_rows(session, customer.id, date_from, as_of)
    installments = _installments(session, [i.due_line_id for i in items])
    offers = offered_discounts(session, customer.code, as_of=as_of)

    currencies = sorted({c for c, v in opening.items() if v} | set(closing) | {r.currency for r in rows})
    if not currencies:
        currencies = [customer.currency]
    sections = []
    for cur in currencies:
        balance = opening.get(cur, 0)
        moves = []
        for r in rows:
            if r.currency != cur:
                continue
            debit, credit = int(r.debit or 0), int(r.credit or 0)
            balance += debit - credit
            moves.append(Movement(r.date, r.kind, r.number or "", _describe(r.kind, r.text1, r.text2, r.due, r.n,
                                                                            labels, locale),
                                  debit, credit, balance))
        cur_items = tuple(i for i in items if i.currency == cur)
        buckets = {k: 0 for k in BUCKET_KEYS}
        for item in cur_items:
            buckets[bucket_of(item.days_overdue)] += item.open_minor
        bal = closing.get(cur)
        sections.append(CurrencySection(
            currency=cur, opening_minor=opening.get(cur, 0), movements=tuple(moves),
            debits_minor=sum(m.debit_minor for m in moves), credits_minor=sum(m.credit_minor for m in moves),
            closing_minor=bal.balance_minor if bal else 0, open_items=cur_items,
            installments={i.due_line_id: installments[i.due_line_id] for i in cur_items
                         if i.due_line_id in installments},
            open_items_minor=sum(i.open_minor for i in cur_items),
            unapplied_credit_minor=bal.unapplied_credit_minor if bal else 0,
            aging=tuple((k, buckets[k]) for k in BUCKET_KEYS),
            discounts=tuple(d for d in offers if d.currency == cur)))
    return StatementData(customer, company, as_of, date_from, language, tuple(sections))


def customers_with_balance(session: Session, as_of: dt.date) -> list[str]:
    """Codes of the customers whose balance as of `as_of` is not zero in some currency, one SQL statement.

    Balance = invoices that exist as of the date − payments, credit notes and write-offs dated by then
    (allocations move amounts between open items and credit and cancel out)."""
    parts = balance_parts(as_of)
    u = union_all(*parts).subquery()
    per_currency = (select(u.c.customer_id).group_by(u.c.customer_id, u.c.currency)
                    .having(func.sum(u.c.amount) != 0)).subquery()
    q = select(Customer.code).where(Customer.id.in_(select(per_currency.c.customer_id))).order_by(Customer.code)
    return list(session.scalars(q))


# --- the PDF ----------------------------------------------------------------------------------------

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
BODY_W = PAGE_W - 2 * MARGIN
HEADER_H = 14 * mm  # running header on pages after the first
FOOTER_H = 10 * mm
INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#1d4e89")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#eef2f7")
ZEBRA = colors.HexColor("#f7f9fb")

_S = {
    "company": ParagraphStyle("company", fontName="Helvetica-Bold", fontSize=13, leading=16, textColor=INK),
    "small": ParagraphStyle("small", fontName="Helvetica", fontSize=8, leading=10, textColor=MUTED),
    "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=19, textColor=ACCENT,
                            alignment=TA_RIGHT),
    "meta": ParagraphStyle("meta", fontName="Helvetica", fontSize=8.5, leading=11, textColor=INK,
                           alignment=TA_RIGHT),
    "label": ParagraphStyle("label", fontName="Helvetica-Bold", fontSize=7.5, leading=9, textColor=MUTED),
    "addr": ParagraphStyle("addr", fontName="Helvetica", fontSize=9, leading=11.5, textColor=INK),
    "h2": ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=11.5, leading=14, textColor=ACCENT,
                         spaceBefore=4, spaceAfter=3),
    "h3": ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=9, leading=11, textColor=INK,
                         spaceBefore=6, spaceAfter=3),
    "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=7.5, leading=9, textColor=INK),
    "body": ParagraphStyle("body", fontName="Helvetica", fontSize=8.5, leading=11, textColor=INK),
    "note": ParagraphStyle("note", fontName="Helvetica-Oblique", fontSize=7.5, leading=9.5, textColor=MUTED),
}


def _cell(text: str, width: float):
    """A plain string when it fits the column (cheap to lay out), else a wrapping Paragraph."""
    text = "" if text is None else str(text)
    if "\n" not in text and stringWidth(text, "Helvetica", 7.5) <= width - 6:
        return text
    return Paragraph(para_text(text), _S["cell"])


def _money(amount_minor: int, currency: str, locale: str) -> str:
    return fmt(amount_minor, currency, locale, symbol=False)


def _currency_title(currency: str, language: str) -> str:
    try:
        name = get_currency_name(currency, locale=language)
    except Exception:
        name = currency
    if not name or name == currency:
        return currency
    return f"{currency} — {name[:1].upper()}{name[1:]}"


def _letterhead(data: StatementData, labels: Mapping[str, str], locale: str) -> list:
    company = data.company
    left: list = []
    if company is not None:
        logo = load_logo(company.logo_path, 45 * mm, 18 * mm)
        if logo is not None:
            left += [logo, Spacer(1, 2 * mm)]
        left.append(Paragraph(para_text(company.name), _S["company"]))
        lines = []
        if company.tax_id:
            lines.append(f"{TAX_ID_NAMES.get((company.country or '').upper(), labels['tax_id'])} {company.tax_id}")
        if company.address:
            lines.append(company.address)
        if company.city:
            lines.append(company.city)
        contact = " · ".join(x for x in (
            f"{labels['phone']} {company.phone}" if company.phone else "", company.email or "") if x)
        if contact:
            lines.append(contact)
        left.append(Paragraph("<br/>".join(para_text(x) for x in lines), _S["small"]))
    right = [
        Paragraph(labels["title"], _S["title"]),
        Spacer(1, 1.5 * mm),
        Paragraph(f"<b>{labels['date']}:</b> {fmt_date(data.as_of, locale)}<br/>"
                  f"<b>{labels['period']}:</b> {fmt_date(data.date_from, locale)} – {fmt_date(data.as_of, locale)}"
                  f"<br/><b>{labels['customer_code']}:</b> {para_text(data.customer.code)}", _S["meta"]),
    ]
    head = Table([[left, right]], colWidths=[BODY_W * 0.58, BODY_W * 0.42])
    head.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT),
                              ("BOTTOMPADDING", (0, 0), (-1, 0), 4 * mm)]))
    return [head, Spacer(1, 4 * mm)]


def _customer_block(data: StatementData, labels: Mapping[str, str], locale: str) -> list:
    c = data.customer
    lines = [f"<b>{para_text(c.name)}</b>"]
    if c.tax_id:
        lines.append(para_text(f"{TAX_ID_NAMES.get((c.country or '').upper(), labels['tax_id'])} {c.tax_id}"))
    if c.address:
        lines.append(para_text(c.address))
    if c.city:
        lines.append(para_text(c.city))
    contact = " · ".join(x for x in (c.email or "", f"{labels['phone']} {c.phone}" if c.phone else "") if x)
    if contact:
        lines.append(para_text(contact))
    address = [Paragraph(labels["customer"].upper(), _S["label"]), Spacer(1, 1 * mm),
               Paragraph("<br/>".join(lines), _S["addr"])]

    # the summary box: what is owed per currency as of the statement date
    rows = [[Paragraph(labels["summary"].format(date=fmt_date(data.as_of, locale)).upper(), _S["label"]), ""]]
    for s in data.sections:
        rows.append([f"{labels['balance_due'] if s.closing_minor >= 0 else labels['credit_balance']} ({s.currency})",
                     fmt(s.closing_minor, s.currency, locale)])
    summary = Table(rows, colWidths=[BODY_W * 0.26, BODY_W * 0.16])
    summary.setStyle(TableStyle([
        ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("FONT", (0, 1), (0, -1), "Helvetica", 8.5), ("FONT", (1, 1), (1, -1), "Helvetica-Bold", 10),
        ("ALIGN", (1, 1), (1, -1), "RIGHT"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]))
    block = Table([[address, summary]], colWidths=[BODY_W * 0.58, BODY_W * 0.42])
    block.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return [block, Spacer(1, 5 * mm)]


def _grid_style(header_rows: int = 1) -> list:
    return [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 7.5),
        ("FONT", (0, 0), (-1, header_rows - 1), "Helvetica-Bold", 7.5),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("LINEBELOW", (0, header_rows), (-1, -1), 0.25, RULE),
    ]


def _movements_table(s: CurrencySection, data: StatementData, labels: Mapping[str, str], locale: str):
    widths = [17 * mm, 27 * mm, None, 23 * mm, 23 * mm, 25 * mm]
    widths[2] = BODY_W - sum(w for w in widths if w)
    m = lambda v: _money(v, s.currency, locale) if v else ""  # noqa: E731
    rows = [[labels["col_date"], labels["col_document"], labels["col_description"], labels["col_debit"],
             labels["col_credit"], labels["col_balance"]],
            [fmt_date(data.date_from, locale), "",
             labels["opening_at"].format(date=fmt_date(data.date_from - dt.timedelta(days=1), locale)),
             "", "", _money(s.opening_minor, s.currency, locale)]]
    for mv in s.movements:
        rows.append([fmt_date(mv.date, locale), _cell(mv.document, widths[1]), _cell(mv.description, widths[2]),
                     m(mv.debit_minor), m(mv.credit_minor), _money(mv.balance_minor, s.currency, locale)])
    rows.append([fmt_date(data.as_of, locale), "", labels["closing_at"].format(date=fmt_date(data.as_of, locale)),
                 _money(s.debits_minor, s.currency, locale), _money(s.credits_minor, s.currency, locale),
                 _money(s.closing_minor, s.currency, locale)])
    style = _grid_style() + [
        ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
        ("FONT", (0, 1), (-1, 1), "Helvetica-Oblique", 7.5),
        ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 7.5),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, ACCENT),
    ]
    for i in range(2, len(rows) - 1, 2):
        style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _open_items_table(s: CurrencySection, data: StatementData, labels: Mapping[str, str], locale: str) -> list:
    if not s.open_items and not s.unapplied_credit_minor:
        return [Paragraph(labels["no_open_items"], _S["body"])]
    widths = [None, 22 * mm, 22 * mm, 26 * mm, 26 * mm, 20 * mm]
    widths[0] = BODY_W - sum(w for w in widths if w)
    rows = [[labels["col_document"], labels["col_issue"], labels["col_due"], labels["col_amount"],
             labels["col_open"], labels["col_days"]]]
    any_disputed = False
    for it in s.open_items:
        doc = it.invoice_number
        if it.due_line_id in s.installments:
            doc = f"{doc} ({labels['installment']} {s.installments[it.due_line_id][0]}/{s.installments[it.due_line_id][1]})"
        if it.kind != "invoice":
            doc = f"{doc} ({labels[it.kind].lower()})"
        if it.disputed:
            doc += " *"
            any_disputed = True
        rows.append([_cell(doc, widths[0]), fmt_date(it.issue_date, locale),
                     fmt_date(it.due_date, locale), _money(it.amount_minor, s.currency, locale),
                     _money(it.open_minor, s.currency, locale), str(max(it.days_overdue, 0))])
    rows.append([labels["open_total"], "", "", "", _money(s.open_items_minor, s.currency, locale), ""])
    extra = 1
    if s.unapplied_credit_minor:
        rows.append([labels["unapplied"], "", "", "", _money(-s.unapplied_credit_minor, s.currency, locale), ""])
        rows.append([labels["balance_due"] if s.closing_minor >= 0 else labels["credit_balance"], "", "", "",
                     _money(s.closing_minor, s.currency, locale), ""])
        extra = 3
    style = _grid_style() + [
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("FONT", (0, -extra), (-1, -1), "Helvetica-Bold", 7.5),
        ("BACKGROUND", (0, -extra), (-1, -1), SHADE),
        ("LINEABOVE", (0, -extra), (-1, -extra), 0.8, ACCENT),
    ]
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    out = [table]
    if any_disputed:
        out += [Spacer(1, 1 * mm), Paragraph(labels["disputed_note"], _S["note"])]
    return out


def _aging_table(s: CurrencySection, labels: Mapping[str, str], locale: str):
    head = [labels["current"] if k == "current" else k for k, _ in s.aging] + [labels["total"]]
    values = [_money(v, s.currency, locale) for _, v in s.aging] + [_money(s.open_items_minor, s.currency, locale)]
    width = BODY_W / len(head)
    table = Table([head, values], colWidths=[width] * len(head))
    table.setStyle(TableStyle(_grid_style() + [
        ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ("FONT", (-1, 1), (-1, 1), "Helvetica-Bold", 7.5),
        ("BACKGROUND", (-1, 1), (-1, 1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.25, RULE),
    ]))
    return table


def _statement_story(data: StatementData, key: object, first: bool) -> list:
    labels = statement_labels(data.language)
    company = data.company
    locale = company.locale if company else "es_PE"
    context = {
        "labels": labels,
        "company": company.name if company else "",
        "customer": f"{data.customer.code} · {data.customer.name}",
        "as_of": fmt_date(data.as_of, locale),
        "issued": fmt_date(config.today(), locale),
    }
    story: list = [] if first else [NextPageTemplate("first"), PageBreak()]
    story += [DocumentMarker(key, context), NextPageTemplate("later")]
    story += _letterhead(data, labels, locale)
    story += _customer_block(data, labels, locale)
    for s in data.sections:
        story.append(CondPageBreak(45 * mm))
        story.append(Paragraph(f"{labels['currency']}: {para_text(_currency_title(s.currency, data.language))}",
                               _S["h2"]))
        story.append(Paragraph(labels["movements"], _S["h3"]))
        if not s.movements:
            story.append(Paragraph(labels["no_movements"], _S["note"]))
            story.append(Spacer(1, 1 * mm))
        story.append(_movements_table(s, data, labels, locale))
        story.append(CondPageBreak(30 * mm))
        story.append(Paragraph(labels["open_items"].format(date=fmt_date(data.as_of, locale)), _S["h3"]))
        story += _open_items_table(s, data, labels, locale)
        for d in s.discounts:
            story.append(Paragraph(para_text(labels["discount_offer"].format(
                pay=fmt(d.pay_minor, s.currency, locale), date=fmt_date(d.until, locale), doc=d.invoice_number,
                discount=fmt(d.amount_minor, s.currency, locale))), _S["note"]))
        story.append(KeepTogether([
            Paragraph(labels["aging"].format(date=fmt_date(data.as_of, locale)), _S["h3"]),
            _aging_table(s, labels, locale)]))
        story.append(Spacer(1, 5 * mm))
    closing = []
    if company is not None and (company.payment_instructions or "").strip():
        box = Table([[Paragraph(labels["payment_instructions"].upper(), _S["label"])],
                     [Paragraph(para_text(company.payment_instructions.strip()), _S["body"])]],
                    colWidths=[BODY_W])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.6, ACCENT), ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                                 ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]))
        closing.append(box)
        closing.append(Spacer(1, 3 * mm))
    closing.append(Paragraph(labels["closing_note"], _S["note"]))
    story.append(KeepTogether(closing))
    return story


def _on_first_page_end(canv, doc):
    _draw_footer_left(canv)


def _on_later_page_end(canv, doc):
    ctx = getattr(canv, "_doc_context", {}) or {}
    labels = ctx.get("labels", statement_labels("es"))
    top = PAGE_H - MARGIN
    canv.saveState()
    canv.setFont("Helvetica-Bold", 9)
    canv.setFillColor(INK)
    canv.drawString(MARGIN, top - 9, ctx.get("company", ""))
    canv.setFont("Helvetica", 8)
    canv.setFillColor(MUTED)
    canv.drawRightString(PAGE_W - MARGIN, top - 9,
                         f"{labels['title_short']} ({labels['continued']}) · {ctx.get('as_of', '')}")
    canv.drawRightString(PAGE_W - MARGIN, top - 19, ctx.get("customer", ""))
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(0.8)
    canv.line(MARGIN, top - HEADER_H + 8, PAGE_W - MARGIN, top - HEADER_H + 8)
    canv.restoreState()
    _draw_footer_left(canv)


def _draw_footer_left(canv):
    ctx = getattr(canv, "_doc_context", {}) or {}
    labels = ctx.get("labels", statement_labels("es"))
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(MARGIN, MARGIN + FOOTER_H - 4, PAGE_W - MARGIN, MARGIN + FOOTER_H - 4)
    canv.setFont("Helvetica", 7.5)
    canv.setFillColor(MUTED)
    canv.drawString(MARGIN, MARGIN + 2, f"{ctx.get('company', '')} · {labels['issued_on'].format(date=ctx.get('issued', ''))}")
    canv.restoreState()


def _draw_page_number(canv, ctx: dict, page: int, pages: int) -> None:
    labels = (ctx or {}).get("labels", statement_labels("es"))
    canv.saveState()
    canv.setFont("Helvetica", 7.5)
    canv.setFillColor(MUTED)
    canv.drawRightString(PAGE_W - MARGIN, MARGIN + 2, labels["page"].format(page=page, pages=pages))
    canv.restoreState()


class _StatementDoc(BaseDocTemplate):
    def __init__(self, filename, **kw):
        super().__init__(filename, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, **kw)
        body_bottom = MARGIN + FOOTER_H
        first = Frame(MARGIN, body_bottom, BODY_W, PAGE_H - MARGIN - body_bottom, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(MARGIN, body_bottom, BODY_W, PAGE_H - MARGIN - HEADER_H - body_bottom, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("first", [first], onPageEnd=_on_first_page_end),
                               PageTemplate("later", [later], onPageEnd=_on_later_page_end)])
        self.page_count = 0

    def afterPage(self):  # noqa: N802
        self.page_count += 1


def _write_pdf(datas: Sequence[StatementData], path: Path, title: str) -> int:
    """Build one PDF with one or more statements; written to a temporary file and moved into place, so a
    failure never leaves half a file. Returns the number of pages."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".statement-", suffix=".pdf", dir=path.parent)
    os.close(fd)
    try:
        company = datas[0].company if datas else None
        doc = _StatementDoc(tmp_name, title=title, author=company.name if company else "",
                            creator="Cobranza")
        story: list = []
        for i, data in enumerate(datas):
            story += _statement_story(data, key=i, first=(i == 0))
        doc.build(story, canvasmaker=grouped_numbered_canvas(_draw_page_number))
        os.replace(tmp_name, path)
    except BaseException:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
        raise
    return doc.page_count


def _result(data: StatementData, path: Path, pages: int) -> StatementResult:
    return StatementResult(
        customer_code=data.customer.code, customer_name=data.customer.name, language=data.language,
        as_of=data.as_of, date_from=data.date_from, path=path, pages=pages,
        totals=tuple(CurrencyTotals(s.currency, s.opening_minor, s.debits_minor, s.credits_minor, s.closing_minor)
                     for s in data.sections))


class StatementLayoutError(InvalidValueError):
    """A customer's data does not fit on a page (an address of 100,000 characters from an old database)."""

    field = "customer_code"

    def __init__(self, message: str, customer_code: str):
        super().__init__(message)
        self.customer_code = customer_code


def _layout_problem(data: "StatementData") -> str:
    """Names the customer and, when one is far too long, the field to shorten."""
    from app.ledger.text_input import LIMITS

    c = data.customer
    fields = {k: getattr(c, k, None) for k in ("name", "address", "city", "tax_id", "email", "phone")}
    name, value = max(((k, v) for k, v in fields.items() if v), key=lambda kv: len(kv[1]), default=("", ""))
    limit = LIMITS.get(name, 200)
    if len(value) > limit:
        return (f"the statement of {c.code} cannot be laid out: its {name.replace('_', ' ')} is {len(value):,} "
                f"characters long, more than a page holds; shorten it to at most {limit:,} on the customer card")
    return f"the statement of {c.code} cannot be laid out on a page; check the customer's data"


def _write_one(data: "StatementData", path: Path, title: str) -> int:
    from reportlab.platypus.doctemplate import LayoutError

    try:
        return _write_pdf([data], path, title)
    except LayoutError:
        raise StatementLayoutError(_layout_problem(data), data.customer.code) from None


def render_statement(session: Session, customer_code: str, *, as_of: dt.date, date_from: dt.date | None = None,
                     out: str | os.PathLike[str]) -> StatementResult:
    """Write the statement of one customer to the PDF `out`. Raises UnknownCustomerError for a wrong code
    and InvalidValueError when the period starts after `as_of`."""
    data = build_statement(session, customer_code, as_of=as_of, date_from=date_from)
    path = Path(out)
    labels = statement_labels(data.language)
    pages = _write_one(data, path, f"{labels['title_short']} {data.customer.code} {data.as_of.isoformat()}")
    return _result(data, path, pages)


def statement_filename(customer_code: str, as_of: dt.date) -> str:
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", customer_code).strip("._") or "customer"
    return f"statement-{safe}-{as_of.isoformat()}.pdf"


def combined_filename(as_of: dt.date) -> str:
    return f"statements-{as_of.isoformat()}-all.pdf"


def render_statements(session: Session, *, as_of: dt.date, date_from: dt.date | None = None,
                      out_dir: str | os.PathLike[str],
                      progress: Callable[[int, int], bool | None] | None = None,
                      skipped: list[StatementLayoutError] | None = None) -> list[StatementResult]:
    """One PDF per customer whose balance as of `as_of` is not zero (`statement-CODE-DATE.pdf`) plus one
    combined file for printing (`statements-DATE-all.pdf`, page numbers restart per customer), in `out_dir`.

    `progress(done, total)` is called after each customer (total counts the combined file as one more step);
    returning False stops the batch with StatementCancelled. Files are written to a temporary folder and
    moved into `out_dir` only when all are done, so a failed or cancelled batch leaves nothing behind.
    Results are in customer-code order; the combined file is at out_dir / combined_filename(as_of).

    With a `skipped` list, a customer whose data cannot be laid out (StatementLayoutError) is left out and
    appended there, and everyone else's statements are still written; without one, the error is raised.
    """
    if date_from is not None and date_from > as_of:
        raise InvalidValueError(
            f"The period starts on {date_from.isoformat()}, after the statement date {as_of.isoformat()}; "
            "choose a start date on or before it.", field="date_from")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    codes = customers_with_balance(session, as_of)
    total = len(codes) + 1
    staging = Path(tempfile.mkdtemp(prefix=".statements-", dir=out))
    try:
        datas, results = [], []
        for i, code in enumerate(codes, start=1):
            data = build_statement(session, code, as_of=as_of, date_from=date_from)
            name = statement_filename(code, as_of)
            labels = statement_labels(data.language)
            try:
                pages = _write_one(data, staging / name,
                                   f"{labels['title_short']} {data.customer.code} {as_of.isoformat()}")
            except StatementLayoutError as exc:
                if skipped is None:
                    raise
                skipped.append(exc)
                (staging / name).unlink(missing_ok=True)
                continue
            datas.append(data)
            results.append(_result(data, out / name, pages))
            if progress is not None and progress(i, total) is False:
                raise StatementCancelled(f"Stopped after {i} of {len(codes)} statements.")
        if datas:
            _write_pdf(datas, staging / combined_filename(as_of), f"Statements {as_of.isoformat()}")
        if progress is not None:
            progress(total, total)
        for item in staging.iterdir():
            os.replace(item, out / item.name)
        return results
    finally:
        shutil.rmtree(staging, ignore_errors=True)
