"""The aging report as JSON (the CLI contract), CSV and an aligned text table for the terminal.

Excel and PDF live in aging_xlsx.py and aging_pdf.py. Every writer takes an AgingReport (frozen
dataclasses from app.reports.aging) and never touches the database.
"""

from __future__ import annotations

import csv
import io
from typing import IO

from app.ledger.money import fmt, to_str

from .aging import AgingReport

# --- text shared by the writers ---------------------------------------------------

LABELS = {
    "en": {
        "title": "Aged receivables",
        "as_of": "As of",
        "basis": "Basis",
        "basis_due": "days past due date",
        "basis_issue": "days since invoice date",
        "code": "Code",
        "customer": "Customer",
        "currency": "Currency",
        "total": "Total",
        "unapplied_credit": "Unapplied credit",
        "net": "Net",
        "document": "Document",
        "issue_date": "Issue date",
        "due_date": "Due date",
        "days": "Days",
        "bucket": "Bucket",
        "amount": "Amount",
        "open": "Open",
        "disputed": "Disputed",
        "yes": "yes",
        "totals": "Totals",
        "total_of": "Total {currency}",
        "summary": "Summary",
        "detail": "Detail",
        "page": "Page {page} of {pages}",
        "nothing": "Nothing is open and no customer has unapplied credit as of {date}.",
        "current": "current",
    },
    "es": {
        "title": "Antigüedad de cuentas por cobrar",
        "as_of": "Al",
        "basis": "Base",
        "basis_due": "días desde el vencimiento",
        "basis_issue": "días desde la emisión",
        "code": "Código",
        "customer": "Cliente",
        "currency": "Moneda",
        "total": "Total",
        "unapplied_credit": "Saldo a favor",
        "net": "Neto",
        "document": "Documento",
        "issue_date": "Emisión",
        "due_date": "Vencimiento",
        "days": "Días",
        "bucket": "Tramo",
        "amount": "Importe",
        "open": "Pendiente",
        "disputed": "En disputa",
        "yes": "sí",
        "totals": "Totales",
        "total_of": "Total {currency}",
        "summary": "Resumen",
        "detail": "Detalle",
        "page": "Página {page} de {pages}",
        "nothing": "Al {date} no hay importes pendientes ni saldos a favor.",
        "current": "por vencer",
    },
}


def labels(lang: str | None = None) -> dict[str, str]:
    if lang is None:
        from app.config import ui_language

        lang = ui_language()
    return LABELS.get(lang, LABELS["en"])


def bucket_title(label: str, text: dict[str, str]) -> str:
    """'current' is translated; day ranges ('1-30', '91+') read the same in both languages."""
    return text["current"] if label == "current" else label


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str | None) -> str:
    """Text from user data that a spreadsheet would run as a formula gets a leading apostrophe."""
    if value is None:
        return ""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


# --- JSON ---------------------------------------------------------------------------


def report_to_dict(report: AgingReport) -> dict:
    """The JSON contract of `cobranza aging --format json`: amounts as decimal strings."""
    labels_ = list(report.bucket_labels)
    customers = []
    for c in report.customers:
        cur = c.currency
        entry = {
            "code": c.code,
            "name": c.name,
            "currency": cur,
            "buckets": {label: to_str(a, cur) for label, a in zip(labels_, c.buckets)},
            "total": to_str(c.total_minor, cur),
            "unapplied_credit": to_str(c.unapplied_credit_minor, cur),
            "net": to_str(c.net_minor, cur),
        }
        if report.detail:
            entry["items"] = [
                {
                    "document": it.document,
                    "issue_date": it.issue_date.isoformat(),
                    "due_date": it.due_date.isoformat(),
                    "days": it.days,
                    "bucket": it.bucket,
                    "amount": to_str(it.amount_minor, cur),
                    "open": to_str(it.open_minor, cur),
                    "disputed": it.disputed,
                }
                for it in c.items
            ]
        customers.append(entry)
    totals = [
        {
            "currency": t.currency,
            "buckets": {label: to_str(a, t.currency) for label, a in zip(labels_, t.buckets)},
            "total": to_str(t.total_minor, t.currency),
            "unapplied_credit": to_str(t.unapplied_credit_minor, t.currency),
            "net": to_str(t.net_minor, t.currency),
        }
        for t in report.totals
    ]
    return {
        "as_of": report.as_of.isoformat(),
        "basis": report.basis,
        "bucket_labels": labels_,
        "customers": customers,
        "totals": totals,
    }


# --- CSV ----------------------------------------------------------------------------


def write_csv(report: AgingReport, out: IO[str]) -> None:
    """One row per customer and currency; with detail, one row per open item instead.

    Plain decimal amounts ("1234.50") so any spreadsheet or script reads them; text from user data
    is neutralised because CSV files are opened in Excel too.
    """
    w = csv.writer(out, lineterminator="\n")
    labels_ = list(report.bucket_labels)
    if report.detail:
        w.writerow(["code", "name", "currency", "document", "issue_date", "due_date", "days", "bucket",
                    "amount", "open", "disputed"])
        for c in report.customers:
            for it in c.items:
                w.writerow([neutralise(c.code), neutralise(c.name), c.currency, neutralise(it.document),
                            it.issue_date.isoformat(), it.due_date.isoformat(), it.days, it.bucket,
                            to_str(it.amount_minor, c.currency), to_str(it.open_minor, c.currency),
                            "yes" if it.disputed else "no"])
        return
    w.writerow(["code", "name", "currency", *labels_, "total", "unapplied_credit", "net"])
    for c in report.customers:
        w.writerow([neutralise(c.code), neutralise(c.name), c.currency,
                    *(to_str(a, c.currency) for a in c.buckets),
                    to_str(c.total_minor, c.currency), to_str(c.unapplied_credit_minor, c.currency),
                    to_str(c.net_minor, c.currency)])


def csv_text(report: AgingReport) -> str:
    buf = io.StringIO()
    write_csv(report, buf)
    return buf.getvalue()


# --- terminal table -------------------------------------------------------------------


def table_rows(report: AgingReport, text: dict[str, str], locale: str, *, name_width: int, customer_kind: str,
               item_row) -> tuple[list[str], list[list[str]], list[str]]:
    """The layout the text table and the PDF share: the header, and per currency each customer's row
    followed by its open items, then the currency's total. Amounts without symbol; `item_row(it, cur, money)`
    gives an item's (cells, kind). Returns (header, rows, kinds) with kind `customer_kind` or "total"."""

    def money(v: int, cur: str) -> str:
        return fmt(v, cur, locale, symbol=False)

    header = [text["code"], text["customer"], text["currency"],
              *(bucket_title(b, text) for b in report.bucket_labels),
              text["total"], text["unapplied_credit"], text["net"]]
    rows: list[list[str]] = []
    kinds: list[str] = []
    for cur in [t.currency for t in report.totals]:
        for c in (c for c in report.customers if c.currency == cur):
            rows.append([c.code, clip(c.name, name_width), cur, *(money(a, cur) for a in c.buckets),
                         money(c.total_minor, cur), money(c.unapplied_credit_minor, cur), money(c.net_minor, cur)])
            kinds.append(customer_kind)
            for it in c.items:
                cells, kind = item_row(it, cur, money)
                rows.append(cells)
                kinds.append(kind)
        t = next(t for t in report.totals if t.currency == cur)
        rows.append(["", text["total_of"].format(currency=cur), cur, *(money(a, cur) for a in t.buckets),
                     money(t.total_minor, cur), money(t.unapplied_credit_minor, cur), money(t.net_minor, cur)])
        kinds.append("total")
    return header, rows, kinds


def format_table(report: AgingReport, *, locale: str = "en_US", lang: str | None = None,
                 company: str | None = None) -> str:
    """An aligned plain-text table: text left, amounts right, a total line per currency."""
    text = labels(lang)
    basis = text["basis_due"] if report.basis == "due" else text["basis_issue"]
    head = f"{text['title']} — {text['as_of']} {report.as_of.isoformat()} — {text['basis']}: {basis}"
    lines = [f"{company}" if company else None, head]
    lines = [x for x in lines if x]
    if not report.customers:
        lines.append(text["nothing"].format(date=report.as_of.isoformat()))
        return "\n".join(lines) + "\n"

    def item_row(it, cur, money):
        flag = " !" if it.disputed else ""
        return (["", f"  {it.document}{flag} {text['due_date'].lower()} {it.due_date.isoformat()} ({it.days})", "",
                 *(money(it.open_minor, cur) if b == it.bucket else "" for b in report.bucket_labels),
                 money(it.open_minor, cur), "", ""], "item")

    header, rows, kinds = table_rows(report, text, locale, name_width=40, customer_kind="row", item_row=item_row)
    widths = [max(len(header[i]), *(len(r[i]) for r in rows)) for i in range(len(header))]
    right = set(range(3, len(header)))

    def render(r: list[str]) -> str:
        return "  ".join(v.rjust(widths[i]) if i in right else v.ljust(widths[i]) for i, v in enumerate(r)).rstrip()

    rule = "  ".join("-" * w for w in widths)
    lines += ["", render(header), rule]
    for r, kind in zip(rows, kinds):
        if kind == "total":
            lines.append(rule)
        lines.append(render(r))
        if kind == "total":
            lines.append("")
    if any(it.disputed for c in report.customers for it in c.items):
        lines.append(f"! = {text['disputed'].lower()}")
    return "\n".join(lines).rstrip() + "\n"


def clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
