"""The aging report as a PDF (ReportLab, landscape A4, built-in Helvetica: covers Spanish, nothing embedded).

One table: customers grouped by currency, a bold total line per currency, the header repeated on every
page, "Page n of m" in the footer. With detail, each customer's open items follow its line in a smaller
grey font, disputed ones marked.
"""

from __future__ import annotations

import os
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.ledger.progress import Progress, Steps
from app.pdftext import para_text

from .aging import AgingReport
from .aging_export import clip, labels, table_rows

PAGE = landscape(A4)
MARGIN = 12 * mm
BOTTOM_MARGIN = 14 * mm


def _numbered_canvas(footer: str, stamp: str):
    """A canvas that knows the page count when it saves, for 'Page n of m'."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont("Helvetica", 8)
                self.setFillColor(colors.grey)
                self.drawString(MARGIN, 7 * mm, stamp)
                self.drawRightString(PAGE[0] - MARGIN, 7 * mm,
                                     footer.format(page=self._pageNumber, pages=total))
                super().showPage()
            super().save()

    return NumberedCanvas


def write_pdf(report: AgingReport, path: str | os.PathLike[str], *, company: str | None = None,
              locale: str = "es_PE", lang: str | None = None, progress: Progress | None = None) -> None:
    """Write the PDF to `path` (a temporary file renamed into place: never half-written).
    `progress(done, total)` counts the pages laid out (app.ledger.progress; it may raise Cancelled: no file)."""
    text = labels(lang)
    basis = text["basis_due"] if report.basis == "due" else text["basis_issue"]
    title_style = ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=15, leading=19)
    sub_style = ParagraphStyle("sub", fontName="Helvetica", fontSize=10, leading=13, textColor=colors.HexColor("#333333"))

    esc = para_text  # the one escaping helper of every PDF (app/pdftext.py)

    story: list = []
    if company:
        story.append(Paragraph(esc(company), title_style))
    story.append(Paragraph(esc(text["title"]), title_style if not company else sub_style))
    story.append(Paragraph(esc(f"{text['as_of']} {report.as_of.isoformat()} · {text['basis']}: {basis}"),
                           sub_style))
    story.append(Spacer(1, 5 * mm))

    if not report.customers:
        story.append(Paragraph(esc(text["nothing"].format(date=report.as_of.isoformat())), sub_style))
    else:
        frame_height = PAGE[1] - MARGIN - BOTTOM_MARGIN - 12  # the frame's own 6 pt padding top and bottom
        used = sum(f.wrap(PAGE[0] - 2 * MARGIN, frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                   for f in story)
        # a row of margin on the first page for rounding in the paragraph heights
        story.extend(_tables(report, text, locale, frame_height - used - ROW_HEIGHT, frame_height))

    target = os.fspath(path)
    tmp = target + ".tmp"
    doc = SimpleDocTemplate(tmp, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=BOTTOM_MARGIN, title=text["title"], author=company or "Cobranza")
    stamp = f"{company + ' · ' if company else ''}{text['title']} · {report.as_of.isoformat()}"
    # one Table per page (see _tables), plus the page the title may have to itself
    steps = Steps(progress, sum(isinstance(f, Table) for f in story) + 1, every=10)

    def page_done(_canvas, _doc) -> None:
        steps()

    try:
        doc.build(story, onFirstPage=page_done, onLaterPages=page_done,
                  canvasmaker=_numbered_canvas(text["page"], stamp))
        steps.end()
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


ROW_HEIGHT = 12  # points; fixed so pages can be cut without measuring (8 pt text, 2 pt padding)


def _tables(report: AgingReport, text: dict[str, str], locale: str, first_page_room: float,
            page_room: float) -> list:
    """The report table cut into one Table per page, each with the header row.

    ReportLab splits a long Table by re-measuring the rest of it at every page: quadratic, about a minute
    for 20,000 rows. Rows have a fixed height, so cutting by count is exact and linear.
    """
    nb = len(report.bucket_labels)

    def item_row(it, cur, money):
        mark = f" ({text['disputed'].lower()})" if it.disputed else ""
        return (["", clip(f"   {it.document} · {it.due_date.isoformat()} · {it.days} {text['days'].lower()}{mark}", 60),
                 "", *(money(it.open_minor, cur) if b == it.bucket else "" for b in report.bucket_labels),
                 "", "", ""], "disputed" if it.disputed else "item")

    # kinds: "customer", "item", "disputed", "total"
    header, rows, kinds = table_rows(report, text, locale, name_width=48, customer_kind="customer", item_row=item_row)

    width = PAGE[0] - 2 * MARGIN
    amount_w = 21 * mm
    tail = [22 * mm, 28 * mm, 22 * mm]  # total, unapplied credit (the longest heading), net
    rest = width - 22 * mm - 16 * mm - amount_w * nb - sum(tail)
    col_widths: Sequence[float] = [22 * mm, max(rest, 40 * mm), 16 * mm, *([amount_w] * nb), *tail]
    base = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 8),
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDE4EE")),
        ("ALIGN", (3, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    out: list = []
    i = 0
    room = first_page_room
    while i < len(rows):
        per_page = max(int(room // ROW_HEIGHT) - 1, 1)  # one row for the header
        chunk, chunk_kinds = rows[i:i + per_page], kinds[i:i + per_page]
        style = list(base)
        for r, kind in enumerate(chunk_kinds, 1):
            if kind in ("item", "disputed"):
                style.append(("FONT", (0, r), (-1, r), "Helvetica", 7))
                style.append(("TEXTCOLOR", (0, r), (-1, r),
                              colors.HexColor("#B00020") if kind == "disputed" else colors.grey))
            elif kind == "total":
                style += [("FONT", (0, r), (-1, r), "Helvetica-Bold", 8),
                          ("LINEABOVE", (0, r), (-1, r), 0.6, colors.black),
                          ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F2F2F2"))]
        table = Table([header, *chunk], colWidths=col_widths, rowHeights=ROW_HEIGHT)
        table.setStyle(TableStyle(style))
        out.append(table)
        i += per_page
        if i < len(rows):
            out.append(PageBreak())
        room = page_room
    return out

