"""`cobranza export --all`: every customer, document and allocation in one workbook for the accountant.

One sheet per table, a header row, one row per record, in id order. Amounts are numbers with the
currency's stored decimals (app.ledger.money.exponent) and a number format showing exactly those
decimals; dates are dates; timestamps are UTC without a zone (Excel has none). Text from user data that a
spreadsheet would run as a formula is neutralised (aging_export.neutralise). openpyxl's write-only
mode streams the rows: memory stays flat however large the book.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils.datetime import to_excel
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.config import ui_language
from app.ledger.money import exponent
from app.ledger.progress import Progress, Steps
from app.models import Allocation, CreditNote, Customer, DueLine, Invoice, Payment, PaymentTerms, WriteOff

from .aging_export import neutralise
from .write_only import RawRow, discarding, excel_serial, write_rows_fast

BOLD = Font(bold=True)
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"

SHEETS = {
    "en": {"customers": "Customers", "invoices": "Invoices", "due_lines": "Due lines", "payments": "Payments",
           "credit_notes": "Credit notes", "write_offs": "Write-offs", "allocations": "Allocations"},
    "es": {"customers": "Clientes", "invoices": "Facturas", "due_lines": "Cuotas", "payments": "Pagos",
           "credit_notes": "Notas de crédito", "write_offs": "Castigos", "allocations": "Aplicaciones"},
}
HEADERS = {
    "en": {
        "customers": ["Code", "Name", "Tax id", "Country", "Language", "Currency", "E-mail", "Phone", "Address",
                      "City", "Payment terms", "Credit limit", "On hold", "Collector", "Notes", "Created (UTC)"],
        "invoices": ["Number", "Customer code", "Customer", "Kind", "Issue date", "Currency", "Total", "Reference",
                     "Disputed", "Status", "Void date", "Void reason", "Created (UTC)"],
        "due_lines": ["Invoice", "Customer code", "Line", "Due date", "Currency", "Amount", "Paid", "Open"],
        "payments": ["Id", "Customer code", "Customer", "Date", "Currency", "Amount", "Applied", "Unapplied",
                     "Method", "Reference", "Status", "Created (UTC)"],
        "credit_notes": ["Number", "Customer code", "Customer", "Date", "Currency", "Amount", "Applied",
                         "Unapplied", "Invoice", "Reason", "Status", "Created (UTC)"],
        "write_offs": ["Id", "Customer code", "Customer", "Date", "Currency", "Amount", "Applied", "Reason",
                       "Created (UTC)"],
        "allocations": ["Id", "Date", "Invoice", "Line", "Customer code", "Source", "Payment id",
                        "Credit note", "Write-off id", "Currency", "Amount"],
    },
    "es": {
        "customers": ["Código", "Nombre", "RUC / NIT / RFC", "País", "Idioma", "Moneda", "Correo", "Teléfono",
                      "Dirección", "Ciudad", "Condición de pago", "Límite de crédito", "Bloqueado", "Gestor",
                      "Notas", "Creado (UTC)"],
        "invoices": ["Número", "Código de cliente", "Cliente", "Tipo", "Fecha de emisión", "Moneda", "Total",
                     "Referencia", "En disputa", "Estado", "Fecha de anulación", "Motivo de anulación",
                     "Creado (UTC)"],
        "due_lines": ["Factura", "Código de cliente", "Cuota", "Vencimiento", "Moneda", "Importe", "Pagado",
                      "Pendiente"],
        "payments": ["Id", "Código de cliente", "Cliente", "Fecha", "Moneda", "Importe", "Aplicado", "Sin aplicar",
                     "Medio", "Referencia", "Estado", "Creado (UTC)"],
        "credit_notes": ["Número", "Código de cliente", "Cliente", "Fecha", "Moneda", "Importe", "Aplicado",
                         "Sin aplicar", "Factura", "Motivo", "Estado", "Creado (UTC)"],
        "write_offs": ["Id", "Código de cliente", "Cliente", "Fecha", "Moneda", "Importe", "Aplicado", "Motivo",
                       "Creado (UTC)"],
        "allocations": ["Id", "Fecha", "Factura", "Cuota", "Código de cliente", "Origen", "Id de pago",
                        "Nota de crédito", "Id de castigo", "Moneda", "Importe"],
    },
}
SOURCES = {"en": {"payment": "payment", "credit_note": "credit note", "write_off": "write-off"},
           "es": {"payment": "pago", "credit_note": "nota de crédito", "write_off": "castigo"}}
YES_NO = {"en": ("yes", "no"), "es": ("sí", "no")}


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    rows: dict[str, int]  # sheet key → data rows written


class _Writer:
    """Rows of (value, style id) written straight as XML (write_only.RawRow): openpyxl's cell object per
    value was 85% of the export's time (a minute at 1,000 customers on a loaded machine). The header rows
    take openpyxl's own path. The workbook reads back the same as one written cell by cell
    (tests/reports/test_export_all.py compares them)."""

    NONE = (None, None)

    def __init__(self, wb: Workbook, lang: str):
        self.wb, self.lang = wb, lang
        self._money_styles: dict[str, tuple[int, str]] = {}
        self._styles: dict[str, str] = {}
        self.yes_no = tuple((word, None) for word in YES_NO[lang])

    def style(self, fmt: str) -> str:
        """The workbook's style id of a number format (registered once, through a cell)."""
        found = self._styles.get(fmt)
        if found is None:
            c = WriteOnlyCell(self.wb.worksheets[0], value=None)
            c.number_format = fmt
            found = self._styles[fmt] = str(c.style_id)
        return found

    def money_style(self, currency: str) -> tuple[int, str]:
        if currency not in self._money_styles:
            digits = exponent(currency)
            self._money_styles[currency] = (digits, self.style("#,##0" + ("." + "0" * digits if digits else "")))
        return self._money_styles[currency]

    def sheet(self, key: str):
        ws = self.wb.create_sheet(SHEETS[self.lang][key])
        ws._write_rows = lambda ws=ws: write_rows_fast(ws)
        header = HEADERS[self.lang][key]
        bold = []
        for h in header:
            c = WriteOnlyCell(ws, value=h)
            c.font = BOLD
            bold.append(c)
        ws.append(bold)
        ws.freeze_panes = "A2"
        return ws

    @staticmethod
    def plain(value) -> tuple:
        """A code, a number, a status: as it is (an empty text is an empty cell)."""
        return (value if value != "" else None), None

    @staticmethod
    def text(value: str | None) -> tuple:
        """User text, neutralised (a spreadsheet would run =, +, - or @ at its start as a formula)."""
        return (neutralise(value) if value else None), None

    def money(self, amount_minor: int | None, currency: str) -> tuple:
        if amount_minor is None:
            return self.NONE
        digits, style = self.money_style(currency)
        return (int(amount_minor) if digits == 0 else Decimal(int(amount_minor)).scaleb(-digits)), style

    def settled(self, amount_minor: int, applied_minor: int, currency: str) -> list:
        """Amount, applied (or paid) and what is left of it: three money cells."""
        return [self.money(amount_minor, currency), self.money(applied_minor, currency),
                self.money(amount_minor - applied_minor, currency)]

    def date(self, day: dt.date | None) -> tuple:
        if day is None:
            return self.NONE
        serial = excel_serial(day)
        return (serial - 1 if 0 < serial <= 60 else serial), self.style(DATE_FORMAT)  # as openpyxl's to_excel

    def stamp(self, moment: dt.datetime | None) -> tuple:
        if moment is None:
            return self.NONE
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return to_excel(moment.replace(microsecond=0)), self.style(DATETIME_FORMAT)

    def flag(self, value: bool | None) -> tuple:
        return self.yes_no[0 if value else 1]


def _stream(session: Session, stmt) -> Iterable:
    return session.execute(stmt.execution_options(yield_per=2000))


def _count_rows(session: Session) -> int:
    """The rows the workbook will hold (one per record of each sheet's table), for the progress bar."""
    return sum(session.scalar(select(func.count()).select_from(model)) or 0
               for model in (Customer, Invoice, DueLine, Payment, CreditNote, WriteOff, Allocation))


def export_all(session: Session, target: str | os.PathLike[str], *, lang: str | None = None,
               progress: Progress | None = None) -> ExportSummary:
    """Write the workbook to `target` (through a temporary file: complete or absent). Reads only.
    `progress(done, total)` counts the rows written (app.ledger.progress; it may raise Cancelled: no file)."""
    lang = lang if lang in SHEETS else ui_language()
    lang = lang if lang in SHEETS else "en"
    target = Path(target)
    wb = Workbook(write_only=True)
    with discarding(wb):  # a Cancel half-way leaves no temporary file behind
        return _export_all(session, wb, target, lang, progress)


def _export_all(session: Session, wb: Workbook, target: Path, lang: str, progress: Progress | None) -> ExportSummary:
    w = _Writer(wb, lang)
    rows: dict[str, int] = {}
    src = SOURCES[lang]
    steps = Steps(progress, _count_rows(session) if progress is not None else 0, every=2000)

    def fill(key: str, stmt, row) -> None:
        """One sheet: its header, then `row(*record)` for every record of `stmt`, counted in `rows` and `steps`."""
        ws = w.sheet(key)
        n = 0
        for record in _stream(session, stmt):
            # the _Writer's cells are (value, style) already; codes, numbers and statuses go as they are
            ws.append(RawRow(cell if type(cell) is tuple else w.plain(cell) for cell in row(*record)))
            n += 1
            steps()
        rows[key] = n

    fill("customers",
         select(Customer, PaymentTerms.code).outerjoin(PaymentTerms, PaymentTerms.id == Customer.payment_terms_id)
         .order_by(Customer.id),
         lambda c, terms: [
             w.text(c.code), w.text(c.name), w.text(c.tax_id), c.country, c.language, c.currency,
             w.text(c.email), w.text(c.phone), w.text(c.address), w.text(c.city),
             w.text(terms), w.money(c.credit_limit_minor, c.currency), w.flag(c.on_hold),
             w.text(c.collector), w.text(c.notes), w.stamp(c.created_at)])

    fill("invoices",
         select(Invoice, Customer.code, Customer.name).join(Customer, Customer.id == Invoice.customer_id)
         .order_by(Invoice.id),
         lambda inv, code, name: [
             w.text(inv.number), w.text(code), w.text(name), inv.kind, w.date(inv.issue_date),
             inv.currency, w.money(inv.total_minor, inv.currency), w.text(inv.reference),
             w.flag(inv.disputed), inv.status, w.date(inv.void_date), w.text(inv.void_reason),
             w.stamp(inv.created_at)])

    fill("due_lines",
         select(DueLine.sequence, DueLine.due_date, DueLine.amount_minor, DueLine.paid_minor, Invoice.number,
                Invoice.currency, Customer.code)
         .join(Invoice, Invoice.id == DueLine.invoice_id).join(Customer, Customer.id == Invoice.customer_id)
         .order_by(DueLine.invoice_id, DueLine.sequence, DueLine.id),
         lambda seq, due, amount, paid, number, cur, code: [
             w.text(number), w.text(code), seq, w.date(due), cur, *w.settled(amount, paid, cur)])

    fill("payments",
         select(Payment, Customer.code, Customer.name).join(Customer, Customer.id == Payment.customer_id)
         .order_by(Payment.id),
         lambda p, code, name: [
             p.id, w.text(code), w.text(name), w.date(p.date), p.currency,
             *w.settled(p.amount_minor, p.applied_minor, p.currency), w.text(p.method),
             w.text(p.reference), p.status, w.stamp(p.created_at)])

    applied_to = aliased(Invoice)
    fill("credit_notes",
         select(CreditNote, Customer.code, Customer.name, applied_to.number)
         .join(Customer, Customer.id == CreditNote.customer_id)
         .outerjoin(applied_to, applied_to.id == CreditNote.invoice_id).order_by(CreditNote.id),
         lambda cn, code, name, invoice_number: [
             w.text(cn.number), w.text(code), w.text(name), w.date(cn.date), cn.currency,
             *w.settled(cn.amount_minor, cn.applied_minor, cn.currency), w.text(invoice_number),
             w.text(cn.reason), cn.status, w.stamp(cn.created_at)])

    fill("write_offs",
         select(WriteOff, Customer.code, Customer.name).join(Customer, Customer.id == WriteOff.customer_id)
         .order_by(WriteOff.id),
         lambda wo, code, name: [
             wo.id, w.text(code), w.text(name), w.date(wo.date), wo.currency,
             w.money(wo.amount_minor, wo.currency), w.money(wo.applied_minor, wo.currency),
             w.text(wo.reason), w.stamp(wo.created_at)])

    def allocation(aid, day, number, seq, code, payment_id, cn_number, wo_id, cur, amount):
        source = src["payment"] if payment_id is not None else src["credit_note"] if cn_number is not None \
            else src["write_off"]
        return [aid, w.date(day), w.text(number), seq, w.text(code), source, payment_id,
                w.text(cn_number), wo_id, cur, w.money(amount, cur)]

    fill("allocations",
         select(Allocation.id, Allocation.date, Invoice.number, DueLine.sequence, Customer.code,
                Allocation.payment_id, CreditNote.number, Allocation.write_off_id, Allocation.currency,
                Allocation.amount_minor)
         .join(DueLine, DueLine.id == Allocation.due_line_id).join(Invoice, Invoice.id == DueLine.invoice_id)
         .join(Customer, Customer.id == Invoice.customer_id)
         .outerjoin(CreditNote, CreditNote.id == Allocation.credit_note_id).order_by(Allocation.id),
         allocation)

    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        wb.save(tmp)
        steps.end()  # a Cancel pressed while saving still leaves no file
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return ExportSummary(path=target, rows=rows)
