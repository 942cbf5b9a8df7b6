"""The aging report as an Excel workbook (openpyxl write-only mode: streams rows, fast with lxml).

Sheet "Summary": title (company, as-of date, basis), one row per customer and currency sorted by
currency so each currency is one block, then a total line per currency whose cells are SUM formulas
over that block. Sheet "Detail": one row per open item, the same layout of totals. Real numbers with
the currency's number format, real dates, frozen header row, autofilter over the table, widths set.
Text from user data starting with = + - @ is neutralised with a leading apostrophe. The detail rows go
straight to lxml (_Raw rows): openpyxl's per-cell objects were 80% of the time of a 100,000-row sheet.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from app.ledger.money import exponent
from app.ledger.progress import Progress, Steps

from .aging import AgingReport
from .aging_export import bucket_title, labels, neutralise
from .write_only import RawRow as _Raw, discarding, excel_serial as _serial, write_rows_fast as _write_rows_fast

TITLE_FONT = Font(name="Calibri", bold=True, size=14)
BOLD = Font(name="Calibri", bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
DATE_FORMAT = "yyyy-mm-dd"
CENTER = Alignment(horizontal="center")


def money_format(currency: str) -> str:
    digits = exponent(currency)
    return "#,##0." + "0" * digits if digits else "#,##0"


def _amount(value_minor: int, digits: int) -> Decimal | int:
    return value_minor if digits == 0 else Decimal(value_minor).scaleb(-digits)


class _Sheet:
    """A write-only sheet with a title block, a header row and per-currency SUM totals."""

    def __init__(self, wb: Workbook, title: str, header: Sequence[str], widths: Sequence[float],
                 title_lines: Sequence[str]):
        self.ws = wb.create_sheet(title)
        self.header = list(header)
        self.title_lines = list(title_lines)
        self.header_row = len(self.title_lines) + 2  # a blank line between title and table
        for i, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        self.ws.freeze_panes = f"A{self.header_row + 1}"
        # printed: landscape, as wide as one page, the header row on every page
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.paperSize = "9"  # A4
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        self.row = 0
        self._styles: dict[tuple, object] = {}
        self.ws._write_rows = lambda ws=self.ws: _write_rows_fast(ws)

    def style_id(self, fmt: str | None = None, align: Alignment | None = None) -> str:
        """The workbook's style index for a number format / alignment, for _Raw rows."""
        c = self.fast(None, fmt, align)
        return str(c.style_id)

    def fast(self, value, fmt: str | None = None, align: Alignment | None = None) -> WriteOnlyCell:
        """A cell sharing one style array per (format, alignment) (the hot path: setting
        number_format on every cell costs more than writing it)."""
        key = (fmt, align.horizontal if align else None)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = self.cell(None, fmt=fmt, align=align)._style
        c = WriteOnlyCell(self.ws, value=value)
        c._style = style
        return c

    def cell(self, value, *, font=None, fmt=None, fill=None, align=None) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws, value=value)
        if font is not None:
            c.font = font
        if fmt is not None:
            c.number_format = fmt
        if fill is not None:
            c.fill = fill
        if align is not None:
            c.alignment = align
        return c

    def append(self, values) -> None:
        self.ws.append(values)
        self.row += 1

    def write_head(self) -> None:
        for i, line in enumerate(self.title_lines):
            self.append([self.cell(line, font=TITLE_FONT if i == 0 else BOLD)])
        self.append([])
        right = Alignment(horizontal="right")
        self.append([self.cell(h, font=BOLD, fill=HEADER_FILL, align=right if i in self.right_columns else None)
                     for i, h in enumerate(self.header)])

    right_columns: set[int] = set()  # headings over numbers, aligned like them

    def finish(self, blocks: list[tuple[str, int, int]], amount_cols: Sequence[int], label_col: int,
               total_text: str, fmt_of) -> None:
        """blocks: (currency, first row, last row) of the table; writes one SUM line per currency."""
        last = self.row
        ncols = len(self.header)
        if last > self.header_row:
            self.ws.auto_filter.ref = f"A{self.header_row}:{get_column_letter(ncols)}{last}"
        if not blocks:
            return
        self.append([])
        for cur, first, end in blocks:
            fmt = fmt_of(cur)
            values: list = [None] * ncols
            values[label_col] = self.cell(total_text.format(currency=cur), font=BOLD)
            values[2] = self.cell(cur, font=BOLD)
            for col in amount_cols:
                letter = get_column_letter(col + 1)
                values[col] = self.cell(f"=SUM({letter}{first}:{letter}{end})", font=BOLD, fmt=fmt)
            self.append(values)


def write_xlsx(report: AgingReport, path: str | os.PathLike[str], *, company: str | None = None,
               lang: str | None = None, progress: Progress | None = None) -> None:
    """Write the workbook to `path` (a temporary file renamed into place: never half-written).
    `progress(done, total)` counts the rows written (app.ledger.progress; it may raise Cancelled: no file)."""
    wb = Workbook(write_only=True)
    with discarding(wb):  # a Cancel half-way leaves no temporary file behind
        _write_xlsx(wb, report, path, company=company, lang=lang, progress=progress)


def _write_xlsx(wb: Workbook, report: AgingReport, path: str | os.PathLike[str], *, company: str | None,
                lang: str | None, progress: Progress | None) -> None:
    steps = Steps(progress, len(report.customers) + sum(len(c.items) for c in report.customers))
    text = labels(lang)
    basis = text["basis_due"] if report.basis == "due" else text["basis_issue"]
    title_lines = [
        f"{neutralise(company)} — {text['title']}" if company else text["title"],
        f"{text['as_of']} {report.as_of.isoformat()} · {text['basis']}: {basis}",
    ]
    bucket_heads = [bucket_title(b, text) for b in report.bucket_labels]
    nb = len(report.bucket_labels)
    currencies = [t.currency for t in report.totals]
    formats = {cur: money_format(cur) for cur in currencies}
    digits = {cur: exponent(cur) for cur in currencies}

    # --- summary
    s = _Sheet(wb, text["summary"],
               [text["code"], text["customer"], text["currency"], *bucket_heads, text["total"],
                text["unapplied_credit"], text["net"]],
               [14, 40, 10, *([14] * nb), 15, 16, 15], title_lines)
    s.right_columns = set(range(3, 3 + nb + 3))
    s.write_head()
    blocks = []
    for cur in currencies:
        fmt, d = formats[cur], digits[cur]
        first = s.row + 1
        for c in (c for c in report.customers if c.currency == cur):
            s.append([neutralise(c.code), neutralise(c.name), cur,
                      *(s.fast(_amount(a, d), fmt) for a in c.buckets),
                      s.fast(_amount(c.total_minor, d), fmt),
                      s.fast(_amount(c.unapplied_credit_minor, d), fmt),
                      s.fast(_amount(c.net_minor, d), fmt)])
            steps()
        blocks.append((cur, first, s.row))
    s.finish(blocks, range(3, 3 + nb + 3), 1, text["total_of"], formats.get)

    # --- detail
    dt_ = _Sheet(wb, text["detail"],
                 [text["code"], text["customer"], text["currency"], text["document"], text["issue_date"],
                  text["due_date"], text["bucket"], text["days"], text["amount"], text["open"], text["disputed"]],
                 [14, 40, 10, 16, 12, 13, 12, 8, 15, 15, 12], title_lines)
    dt_.right_columns = {4, 5, 7, 8, 9}
    dt_.write_head()
    blocks = []
    s_date, s_center = dt_.style_id(DATE_FORMAT), dt_.style_id(align=CENTER)
    for cur in currencies:
        fmt, d = formats[cur], digits[cur]
        s_money = dt_.style_id(fmt)
        first = dt_.row + 1
        # two styled cells per row, plain values elsewhere: write-only mode reuses one cell for those
        for c in (c for c in report.customers if c.currency == cur):
            code, name = neutralise(c.code), neutralise(c.name)
            for it in c.items:
                dt_.append(_Raw([(code, None), (name, None), (cur, None), (neutralise(it.document), None),
                                 (_serial(it.issue_date), s_date), (_serial(it.due_date), s_date),
                                 (bucket_title(it.bucket, text), s_center), (it.days, None),
                                 (_amount(it.amount_minor, d), s_money), (_amount(it.open_minor, d), s_money),
                                 (text["yes"], s_center) if it.disputed else (None, None)]))
            steps(len(c.items))
        if dt_.row >= first:
            blocks.append((cur, first, dt_.row))
    dt_.finish(blocks, [9], 1, text["total_of"], formats.get)

    target = os.fspath(path)
    tmp = target + ".tmp"
    try:
        wb.save(tmp)
        steps.end()  # a Cancel pressed while saving still leaves no file
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
