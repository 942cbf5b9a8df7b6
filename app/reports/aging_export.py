"""The aging report as JSON (the CLI contract), CSV and an aligned text table for the terminal.

Excel and PDF live in aging_xlsx.py and aging_pdf.py. Every writer takes an AgingReport (frozen
dataclasses from app.reports.aging) and never touches the database.
"""

from __future__ import annotations

import csv
import io
import json
from itertools import repeat
from operator import attrgetter
from typing import IO

from app.ledger.money import number_formatter, plain_formatter

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


def _customer_entry(c, labels_: list[str], detail: bool, plain) -> dict:
    entry = {
        "code": c.code,
        "name": c.name,
        "currency": c.currency,
        "buckets": {label: plain(a) for label, a in zip(labels_, c.buckets)},
        "total": plain(c.total_minor),
        "unapplied_credit": plain(c.unapplied_credit_minor),
        "net": plain(c.net_minor),
    }
    if detail:
        entry["items"] = [
            {
                "document": it.document,
                "issue_date": it.issue_date.isoformat(),
                "due_date": it.due_date.isoformat(),
                "days": it.days,
                "bucket": it.bucket,
                "amount": plain(it.amount_minor),
                "open": plain(it.open_minor),
                "disputed": it.disputed,
            }
            for it in c.items
        ]
    return entry


class _Formatters(dict):
    """plain_formatter per currency, made on first use: the currency's decimals are read once per report."""

    def __missing__(self, currency: str):
        self[currency] = f = plain_formatter(currency)
        return f


def _totals(report: AgingReport, labels_: list[str], plain: _Formatters) -> list[dict]:
    return [
        {
            "currency": t.currency,
            "buckets": {label: plain[t.currency](a) for label, a in zip(labels_, t.buckets)},
            "total": plain[t.currency](t.total_minor),
            "unapplied_credit": plain[t.currency](t.unapplied_credit_minor),
            "net": plain[t.currency](t.net_minor),
        }
        for t in report.totals
    ]


def report_to_dict(report: AgingReport) -> dict:
    """The JSON contract of `cobranza aging --format json`: amounts as decimal strings."""
    labels_ = list(report.bucket_labels)
    plain = _Formatters()
    return {
        "as_of": report.as_of.isoformat(),
        "basis": report.basis,
        "bucket_labels": labels_,
        "customers": [_customer_entry(c, labels_, report.detail, plain[c.currency]) for c in report.customers],
        "totals": _totals(report, labels_, plain),
    }


def write_json(report: AgingReport, out: IO[str]) -> None:
    """`report_to_dict(report)` as compact JSON written to `out` one customer at a time (json's C encoder,
    no indentation): the text of a 100,000-customer report is never held whole in memory."""
    labels_ = list(report.bucket_labels)
    plain = _Formatters()
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    out.write(f'{{"as_of":{encode(report.as_of.isoformat())},"basis":{encode(report.basis)},'
              f'"bucket_labels":{encode(labels_)},"customers":[')
    if report.detail:
        for n, c in enumerate(report.customers):
            if n:
                out.write(",")
            out.write(encode(_customer_entry(c, labels_, True, plain[c.currency])))
    else:
        _write_summary_entries(report.customers, labels_, plain, encode, out)
    out.write(f'],"totals":{encode(_totals(report, labels_, plain))}}}\n')


_CHUNK = 2000  # customers joined into one write


def _write_summary_entries(customers, labels_: list[str], plain: _Formatters, encode, out: IO[str]) -> None:
    """The customers' entries without items, each the very text `encode(_customer_entry(...))` gives, from one
    %-template: the amounts are plain decimal strings (digits, '-', '.'), which JSON writes as they are inside
    quotes, so only code and name go through the encoder (a dict and its encoding per customer took most of
    the time of a 100,000-customer report)."""
    amounts = ",".join(encode(label).replace("%", "%%") + ':"%s"' for label in labels_)
    template = ('{"code":%s,"name":%s,"currency":%s,"buckets":{' + amounts
                + '},"total":"%s","unapplied_credit":"%s","net":"%s"}')
    text = json.encoder.encode_basestring  # what `encode` does with a str (codes and names are never NULL)
    currencies: dict[str, tuple] = {}
    parts: list[str] = []
    separator = ""  # "," once something is written
    for c in customers:
        known = currencies.get(c.currency)
        if known is None:
            known = currencies[c.currency] = (encode(c.currency), plain[c.currency])
        cur, money = known
        parts.append(template % (text(c.code), text(c.name), cur, *map(money, c.buckets), money(c.total_minor),
                                 money(c.unapplied_credit_minor), money(c.net_minor)))
        if len(parts) == _CHUNK:
            out.write(separator + ",".join(parts))
            separator = ","
            parts.clear()
    if parts:
        out.write(separator + ",".join(parts))


# --- CSV ----------------------------------------------------------------------------


def write_csv(report: AgingReport, out: IO[str]) -> None:
    """One row per customer and currency; with detail, one row per open item instead.

    Plain decimal amounts ("1234.50") so any spreadsheet or script reads them; text from user data
    is neutralised because CSV files are opened in Excel too.
    """
    w = csv.writer(out, lineterminator="\n")
    labels_ = list(report.bucket_labels)
    plain = _Formatters()
    if report.detail:
        w.writerow(["code", "name", "currency", "document", "issue_date", "due_date", "days", "bucket",
                    "amount", "open", "disputed"])
        for c in report.customers:
            money = plain[c.currency]
            for it in c.items:
                w.writerow([neutralise(c.code), neutralise(c.name), c.currency, neutralise(it.document),
                            it.issue_date.isoformat(), it.due_date.isoformat(), it.days, it.bucket,
                            money(it.amount_minor), money(it.open_minor),
                            "yes" if it.disputed else "no"])
        return
    w.writerow(["code", "name", "currency", *labels_, "total", "unapplied_credit", "net"])
    for c in report.customers:
        money = plain[c.currency]
        w.writerow([neutralise(c.code), neutralise(c.name), c.currency,
                    *(money(a) for a in c.buckets),
                    money(c.total_minor), money(c.unapplied_credit_minor), money(c.net_minor)])


def csv_text(report: AgingReport) -> str:
    buf = io.StringIO()
    write_csv(report, buf)
    return buf.getvalue()


# --- terminal table -------------------------------------------------------------------


def table_header(report: AgingReport, text: dict[str, str]) -> list[str]:
    return [text["code"], text["customer"], text["currency"],
            *(bucket_title(b, text) for b in report.bucket_labels),
            text["total"], text["unapplied_credit"], text["net"]]


def table_rows(report: AgingReport, text: dict[str, str], locale: str, *, name_width: int, customer_kind: str,
               item_row) -> tuple[list[str], list[list[str]], list[str]]:
    """The layout the text table and the PDF share: the header, and per currency each customer's row
    followed by its open items, then the currency's total. Amounts without symbol; `item_row(it, cur, money)`
    gives an item's (cells, kind). Returns (header, rows, kinds) with kind `customer_kind` or "total"."""

    formatters: dict[str, object] = {}

    def formatter(cur: str):  # fmt(v, cur, locale, symbol=False), the separators read once per currency
        f = formatters.get(cur)
        if f is None:
            f = formatters[cur] = number_formatter(cur, locale)
        return f

    def money(v: int, cur: str) -> str:
        return formatter(cur)(v)

    header = table_header(report, text)
    by_currency: dict[str, list] = {t.currency: [] for t in report.totals}
    for c in report.customers:  # one pass; each currency's customers keep the report's order
        by_currency[c.currency].append(c)
    rows: list[list[str]] = []
    kinds: list[str] = []
    for t in report.totals:
        cur = t.currency
        f = formatter(cur)
        for c in by_currency[cur]:
            name = c.name if len(c.name) <= name_width else clip(c.name, name_width)
            rows.append([c.code, name, cur, *map(f, c.buckets), f(c.total_minor), f(c.unapplied_credit_minor),
                         f(c.net_minor)])
            kinds.append(customer_kind)
            for it in c.items:
                cells, kind = item_row(it, cur, money)
                rows.append(cells)
                kinds.append(kind)
        rows.append(["", text["total_of"].format(currency=cur), cur, *map(f, t.buckets),
                     f(t.total_minor), f(t.unapplied_credit_minor), f(t.net_minor)])
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

    lines += table_lines(report, text, locale)
    return "\n".join(lines).rstrip() + "\n"


def table_lines(report: AgingReport, text: dict[str, str], locale: str, *, fast: bool = True) -> list[str]:
    """The text table's lines from its header on; without items the summary path (`fast`) is used when it
    can be (tests compare both)."""
    header = table_header(report, text)
    if fast and not report.detail:
        summary = _summary_lines(report, text, locale, header)
        if summary is not None:
            return summary

    def item_row(it, cur, money):
        flag = " !" if it.disputed else ""
        return (["", f"  {it.document}{flag} {text['due_date'].lower()} {it.due_date.isoformat()} ({it.days})", "",
                 *(money(it.open_minor, cur) if b == it.bucket else "" for b in report.bucket_labels),
                 money(it.open_minor, cur), "", ""], "item")

    header, rows, kinds = table_rows(report, text, locale, name_width=NAME_WIDTH, customer_kind="row",
                                     item_row=item_row)
    widths = [max(map(len, column)) for column in zip(header, *rows)]
    # text left (ljust), amounts from the fourth column right (rjust): one %-format per line, not 11 calls
    line = "  ".join(f"%{'' if i >= 3 else '-'}{w}s" for i, w in enumerate(widths))

    rule = "  ".join("-" * w for w in widths)
    lines = ["", (line % tuple(header)).rstrip(), rule]
    for r, kind in zip(rows, kinds):
        if kind == "total":
            lines.append(rule)
            lines.append((line % tuple(r)).rstrip())
            lines.append("")
        else:
            lines.append((line % tuple(r)).rstrip())
    if any(it.disputed for c in report.customers for it in c.items):
        lines.append(f"! = {text['disputed'].lower()}")
    return lines


NAME_WIDTH = 40  # the text table's customer names are clipped to this


def _summary_lines(report: AgingReport, text: dict[str, str], locale: str, header: list[str]) -> list[str] | None:
    """The text table without items: the very lines of the generic layout (`table_rows`), the amounts formatted
    column by column as number_formatter's `fast` does, format(amount / scale, spec), without a Python call
    each, and the lines made by one map of the %-template (a 100,000-customer table: 0.44 s instead of 0.51
    CPU under load). A column's width is that of its longest amount, which is its largest or its smallest (the
    text grows with the magnitude), so only those two are formatted to measure it.
    None when a currency's formatter or amounts do not allow that (an amount from 2**52 minor units, a locale
    Babel formats itself): the caller then takes the generic path."""
    n = len(report.bucket_labels)
    by_currency: dict[str, list] = {t.currency: [] for t in report.totals}
    for c in report.customers:
        by_currency[c.currency].append(c)
    wide = [len(h) for h in header]
    fields = attrgetter("code", "name", "buckets", "total_minor", "unapplied_credit_minor", "net_minor")
    formatters, columns_of = {}, {}
    for t in report.totals:
        f = number_formatter(t.currency, locale)
        if not hasattr(f, "spec"):
            return None
        group = by_currency[t.currency]
        codes, names, buckets, *others = zip(*map(fields, group)) if group else [()] * 6
        columns = [*(zip(*buckets) if group else [()] * n), *others]
        sums = (*t.buckets, t.total_minor, t.unapplied_credit_minor, t.net_minor)
        for j, (column, total) in enumerate(zip(columns, sums)):
            smallest, largest = min(min(column, default=total), total), max(max(column, default=total), total)
            if not -f.exact < smallest <= largest < f.exact:
                return None
            wide[3 + j] = max(wide[3 + j], len(f(smallest)), len(f(largest)))
        formatters[t.currency], columns_of[t.currency] = f, (codes, names, columns)
        wide[0] = max(wide[0], *map(len, codes))
        wide[1] = max(wide[1], min(max(map(len, names), default=0), NAME_WIDTH),
                      len(text["total_of"].format(currency=t.currency)))
        wide[2] = max(wide[2], len(t.currency))
    rule = "  ".join("-" * w for w in wide)
    line = "  ".join(("%%-%ds" if i < 3 else "%%%ds") % w for i, w in enumerate(wide))
    out = ["", (line % tuple(header)).rstrip(), rule]
    for t in report.totals:
        f, cur = formatters[t.currency], t.currency
        codes, names, columns = columns_of[cur]
        # a column at a time, no Python call per amount: format(amount / scale, spec) but for the zeros (half
        # the amounts of a large book)
        scale, spec = f.scale, f.spec
        zero = format(0.0, spec)
        texts = [[format(a / scale, spec) if a else zero for a in column] for column in columns]
        if f.local is not None:
            texts = [map(str.translate, column, repeat(f.local)) for column in texts]
        names = [name if len(name) <= NAME_WIDTH else clip(name, NAME_WIDTH) for name in names]
        out += map(line.__mod__, zip(codes, names, repeat(cur), *texts))
        out.append(rule)
        out.append(line % ("", text["total_of"].format(currency=cur), cur, *map(f, t.buckets), f(t.total_minor),
                           f(t.unapplied_credit_minor), f(t.net_minor)))
        out.append("")
    return out


def clip(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"
