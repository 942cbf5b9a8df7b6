"""The export --all workbook written cell by cell through openpyxl, as app/reports/export_all.py wrote it
before its rows went straight to XML: the oracle test_export_all compares the fast workbook with.

`cobranza export --all`: every customer, document and allocation in one workbook for the accountant.

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
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from app.config import ui_language
from app.ledger.money import exponent
from app.ledger.progress import Progress, Steps
from app.models import Allocation, CreditNote, Customer, DueLine, Invoice, Payment, PaymentTerms, WriteOff

from app.reports.aging_export import neutralise
from app.reports.write_only import discarding

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
    """Cells with formats made once per kind (a WriteOnlyCell per value, styled from a cached template)."""

    def __init__(self, wb: Workbook, lang: str):
        self.wb, self.lang = wb, lang
        self._money_formats: dict[str, tuple[int, str]] = {}

    def money_format(self, currency: str) -> tuple[int, str]:
        if currency not in self._money_formats:
            digits = exponent(currency)
            self._money_formats[currency] = (digits, "#,##0" + ("." + "0" * digits if digits else ""))
        return self._money_formats[currency]

    def sheet(self, key: str):
        ws = self.wb.create_sheet(SHEETS[self.lang][key])
        header = HEADERS[self.lang][key]
        ws.append([self._cell(ws, h, font=BOLD) for h in header])
        ws.freeze_panes = "A2"
        return ws

    @staticmethod
    def _cell(ws, value, *, font=None, fmt=None):
        c = WriteOnlyCell(ws, value=value)
        if font is not None:
            c.font = font
        if fmt is not None:
            c.number_format = fmt
        return c

    def text(self, ws, value: str | None):
        return neutralise(value) if value else None

    def money(self, ws, amount_minor: int | None, currency: str):
        if amount_minor is None:
            return None
        digits, fmt = self.money_format(currency)
        value: int | Decimal = int(amount_minor) if digits == 0 else Decimal(int(amount_minor)).scaleb(-digits)
        return self._cell(ws, value, fmt=fmt)

    def settled(self, ws, amount_minor: int, applied_minor: int, currency: str) -> list:
        """Amount, applied (or paid) and what is left of it: three money cells."""
        return [self.money(ws, amount_minor, currency), self.money(ws, applied_minor, currency),
                self.money(ws, amount_minor - applied_minor, currency)]

    def date(self, ws, day: dt.date | None):
        return None if day is None else self._cell(ws, day, fmt=DATE_FORMAT)

    def stamp(self, ws, moment: dt.datetime | None):
        if moment is None:
            return None
        if moment.tzinfo is not None:
            moment = moment.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return self._cell(ws, moment.replace(microsecond=0), fmt=DATETIME_FORMAT)

    def flag(self, value: bool | None) -> str:
        return YES_NO[self.lang][0 if value else 1]


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
        """One sheet: its header, then `row(ws, *record)` for every record of `stmt`, counted in `rows` and `steps`."""
        ws = w.sheet(key)
        n = 0
        for record in _stream(session, stmt):
            ws.append(row(ws, *record))
            n += 1
            steps()
        rows[key] = n

    fill("customers",
         select(Customer, PaymentTerms.code).outerjoin(PaymentTerms, PaymentTerms.id == Customer.payment_terms_id)
         .order_by(Customer.id),
         lambda ws, c, terms: [
             w.text(ws, c.code), w.text(ws, c.name), w.text(ws, c.tax_id), c.country, c.language, c.currency,
             w.text(ws, c.email), w.text(ws, c.phone), w.text(ws, c.address), w.text(ws, c.city),
             w.text(ws, terms), w.money(ws, c.credit_limit_minor, c.currency), w.flag(c.on_hold),
             w.text(ws, c.collector), w.text(ws, c.notes), w.stamp(ws, c.created_at)])

    fill("invoices",
         select(Invoice, Customer.code, Customer.name).join(Customer, Customer.id == Invoice.customer_id)
         .order_by(Invoice.id),
         lambda ws, inv, code, name: [
             w.text(ws, inv.number), w.text(ws, code), w.text(ws, name), inv.kind, w.date(ws, inv.issue_date),
             inv.currency, w.money(ws, inv.total_minor, inv.currency), w.text(ws, inv.reference),
             w.flag(inv.disputed), inv.status, w.date(ws, inv.void_date), w.text(ws, inv.void_reason),
             w.stamp(ws, inv.created_at)])

    fill("due_lines",
         select(DueLine.sequence, DueLine.due_date, DueLine.amount_minor, DueLine.paid_minor, Invoice.number,
                Invoice.currency, Customer.code)
         .join(Invoice, Invoice.id == DueLine.invoice_id).join(Customer, Customer.id == Invoice.customer_id)
         .order_by(DueLine.invoice_id, DueLine.sequence, DueLine.id),
         lambda ws, seq, due, amount, paid, number, cur, code: [
             w.text(ws, number), w.text(ws, code), seq, w.date(ws, due), cur, *w.settled(ws, amount, paid, cur)])

    fill("payments",
         select(Payment, Customer.code, Customer.name).join(Customer, Customer.id == Payment.customer_id)
         .order_by(Payment.id),
         lambda ws, p, code, name: [
             p.id, w.text(ws, code), w.text(ws, name), w.date(ws, p.date), p.currency,
             *w.settled(ws, p.amount_minor, p.applied_minor, p.currency), w.text(ws, p.method),
             w.text(ws, p.reference), p.status, w.stamp(ws, p.created_at)])

    applied_to = aliased(Invoice)
    fill("credit_notes",
         select(CreditNote, Customer.code, Customer.name, applied_to.number)
         .join(Customer, Customer.id == CreditNote.customer_id)
         .outerjoin(applied_to, applied_to.id == CreditNote.invoice_id).order_by(CreditNote.id),
         lambda ws, cn, code, name, invoice_number: [
             w.text(ws, cn.number), w.text(ws, code), w.text(ws, name), w.date(ws, cn.date), cn.currency,
             *w.settled(ws, cn.amount_minor, cn.applied_minor, cn.currency), w.text(ws, invoice_number),
             w.text(ws, cn.reason), cn.status, w.stamp(ws, cn.created_at)])

    fill("write_offs",
         select(WriteOff, Customer.code, Customer.name).join(Customer, Customer.id == WriteOff.customer_id)
         .order_by(WriteOff.id),
         lambda ws, wo, code, name: [
             wo.id, w.text(ws, code), w.text(ws, name), w.date(ws, wo.date), wo.currency,
             w.money(ws, wo.amount_minor, wo.currency), w.money(ws, wo.applied_minor, wo.currency),
             w.text(ws, wo.reason), w.stamp(ws, wo.created_at)])

    def allocation(ws, aid, day, number, seq, code, payment_id, cn_number, wo_id, cur, amount):
        source = src["payment"] if payment_id is not None else src["credit_note"] if cn_number is not None \
            else src["write_off"]
        return [aid, w.date(ws, day), w.text(ws, number), seq, w.text(ws, code), source, payment_id,
                w.text(ws, cn_number), wo_id, cur, w.money(ws, amount, cur)]

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
