"""Reminder letters as PDF: one combined file to print and, optionally, one file per customer.

Drawn straight on a ReportLab canvas with the built-in Helvetica (WinAnsi covers Spanish; embedding a TTF
halves the speed). Layout, A4 or US Letter:

- letterhead: logo (company.logo_path, skipped if missing), company name, tax id, address, contacts;
- the customer's address in the window of a DL/C5 envelope (DIN 5008 window: 20 mm from the left,
  45 mm from the top, 90 x 45 mm), place and date on the right;
- subject by level, the body from the letter template, the table of items (invoice, issue date, due date,
  days overdue, amount, open), totals and fee, payment instructions, the closing and the signature.

Up to about 15 items fit on one page; longer letters flow to further pages with the table header repeated,
the customer named at the top and "continued" at the bottom. Everything is rendered before the file is
written, and the files are written to temporary names and renamed at the end, so a broken template or a
cancel leaves no half-written PDF.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from babel import Locale
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .content import ReminderContent
from .templates import LEVEL_KEYS, OverrideKey, render_letter_parts, tax_id_label

FONT = "Helvetica"
BOLD = "Helvetica-Bold"
ACCENT = HexColor("#1f4e79")
GREY = HexColor("#555555")
LIGHT = HexColor("#eef3f8")
RULE = HexColor("#c8d0d8")

LABELS = {
    "es": {
        "subject": "Asunto:", "customer": "Cliente", "invoice": "Factura", "issued": "Emisión",
        "due": "Vencimiento", "days": "Días atraso", "amount": "Importe", "open": "Pendiente",
        "total_open": "Total pendiente", "fee": "Gastos de cobranza", "total_due": "Total a pagar",
        "payment": "Datos para el pago", "regards": "Atentamente,", "department": "Área de Cobranzas",
        "page": "Página", "continued": "Continúa en la página siguiente", "continuation": "(continuación)",
        "phone": "Tel.",
        "discount": "Descuento por pronto pago: si paga {pay} hasta el {date}, la factura {doc} queda cancelada "
                    "(descuento de {discount}).",
    },
    "en": {
        "subject": "Subject:", "customer": "Customer", "invoice": "Invoice", "issued": "Issued",
        "due": "Due date", "days": "Days overdue", "amount": "Amount", "open": "Open",
        "total_open": "Total outstanding", "fee": "Collection fee", "total_due": "Total payable",
        "payment": "Payment details", "regards": "Kind regards,", "department": "Accounts Receivable",
        "page": "Page", "continued": "Continued on the next page", "continuation": "(continued)",
        "phone": "Phone",
        "discount": "Early-payment discount: pay {pay} by {date} and invoice {doc} is settled "
                    "(a discount of {discount}).",
    },
}


class LettersCancelled(Exception):
    """The user cancelled the batch; no file was written."""


@dataclass(frozen=True)
class LettersResult:
    combined_path: Path
    files: tuple[Path, ...]
    pages: int


@dataclass(frozen=True)
class LetterText:
    """The rendered words of one letter (templates already applied)."""

    subject: str
    body: str
    closing: str


def default_level_key(content: ReminderContent) -> str:
    """The content's level key, else the default policy's key for its level number (1 = courtesy ...)."""
    if content.level_key:
        return content.level_key
    if 1 <= content.level <= len(LEVEL_KEYS):
        return LEVEL_KEYS[content.level - 1]
    return "common"


def letter_text(content: ReminderContent, *, overrides: Mapping[OverrideKey, str] | None = None) -> LetterText:
    subject, body, closing = render_letter_parts(default_level_key(content), content, overrides=overrides)
    return LetterText(subject, body, closing)


def _safe(text: str | None) -> str:
    """Helvetica is WinAnsi: characters it cannot show become '?' instead of an error or a black box."""
    if not text:
        return ""
    return text.encode("cp1252", "replace").decode("cp1252")


class _Letter:
    """Draws one letter on a canvas (which may hold many letters) and counts its pages."""

    def __init__(self, canvas: Canvas, content: ReminderContent, text: LetterText, page_size, logo):
        self.c = canvas
        self.content = content
        self.text = text
        self.w, self.h = page_size
        self.logo = logo
        self.lang = content.language if content.language in LABELS else "es"
        self.L = LABELS[self.lang]
        self.left = 20 * mm
        self.right = self.w - 20 * mm
        self.width = self.right - self.left
        self.bottom = 19 * mm
        self.page = 1
        self.y = 0.0
        self._font = None
        # Table columns: invoice, issued, due, days, amount, open (mm; sums to 170).
        widths = [36, 24, 25, 21, 32, 32]
        scale = self.width / (sum(widths) * mm)
        self.cols = [w * mm * scale for w in widths]

    # --- primitives ------------------------------------------------------------------------

    def _text(self, x, y, s, font=FONT, size=10, color=None, align="left"):
        c = self.c
        if (font, size) != self._font:  # each setFont writes to the page; skip the repeats
            c.setFont(font, size)
            self._font = (font, size)
        if color is not None:
            c.setFillColor(color)
        s = _safe(s)
        if align == "right":
            c.drawRightString(x, y, s)
        elif align == "center":
            c.drawCentredString(x, y, s)
        else:
            c.drawString(x, y, s)
        if color is not None:
            c.setFillColorRGB(0, 0, 0)

    def _paragraphs(self, text: str, size=9.5, leading=12.4, font=FONT, gap=4.0, width=None, x=None):
        width = width or self.width
        x = self.left if x is None else x
        for para in re.split(r"\n\s*\n", text.strip()):
            lines: list[str] = []
            for raw in para.splitlines():
                lines.extend(simpleSplit(_safe(raw.strip()), font, size, width) or [""])
            for line in lines:
                self._need(leading)
                self.y -= leading
                self._text(x, self.y + 3, line, font, size)
            self.y -= gap

    def _need(self, height: float) -> None:
        if self.y - height < self.bottom:
            self._new_page()

    def _footer(self, last: bool) -> None:
        company = self.content.company
        parts = [company.name]
        if company.tax_id:
            parts.append(f"{tax_id_label(company.country, self.lang)} {company.tax_id}")
        if company.email:
            parts.append(company.email)
        self.c.setStrokeColor(RULE)
        self.c.line(self.left, 14 * mm, self.right, 14 * mm)
        self._text(self.left, 10 * mm, "  ·  ".join(parts), size=7, color=GREY)
        if self.page > 1 or not last:
            self._text(self.right, 10 * mm, f"{self.L['page']} {self.page}", size=7, color=GREY, align="right")
        if not last:
            self._text(self.right, 16 * mm, self.L["continued"], FONT, 8, GREY, "right")

    def _new_page(self) -> None:
        self._footer(last=False)
        self.c.showPage()
        self._font = None  # a new page starts without a font
        self.page += 1
        top = self.h - 15 * mm
        self._text(self.left, top, self.content.company.name, BOLD, 9, ACCENT)
        self._text(self.right, top, f"{self.content.customer_name} ({self.content.customer_code}) "
                   f"{self.L['continuation']}", FONT, 8, GREY, "right")
        self.c.setStrokeColor(RULE)
        self.c.line(self.left, top - 3 * mm, self.right, top - 3 * mm)
        self.y = top - 8 * mm
        if self._in_table:
            self._table_header()

    # --- blocks ----------------------------------------------------------------------------

    def _letterhead(self) -> None:
        company = self.content.company
        top = self.h - 12 * mm
        x = self.left
        if self.logo is not None:
            iw, ih = self.logo.getSize()
            box_w, box_h = 40 * mm, 18 * mm
            ratio = min(box_w / iw, box_h / ih)
            dw, dh = iw * ratio, ih * ratio
            self.c.drawImage(self.logo, x, top - dh, dw, dh, mask="auto")
            x += dw + 6 * mm
        self._text(x, top - 5 * mm, company.name, BOLD, 14, ACCENT)
        lines = []
        if company.tax_id:
            lines.append(f"{tax_id_label(company.country, self.lang)} {company.tax_id}")
        address = ", ".join(p for p in (company.address, company.city) if p)
        if address:
            lines.append(address)
        contact = "  ·  ".join(p for p in ((f"{self.L['phone']} {company.phone}" if company.phone else None),
                                          company.email) if p)
        if contact:
            lines.append(contact)
        yy = top - 10 * mm
        for line in lines:
            self._text(x, yy, line, FONT, 8, GREY)
            yy -= 3.6 * mm
        self.c.setStrokeColor(ACCENT)
        self.c.setLineWidth(1.2)
        self.c.line(self.left, self.h - 36 * mm, self.right, self.h - 36 * mm)
        self.c.setLineWidth(1)

    def _address_block(self) -> None:
        """The customer's address inside the envelope window (45-90 mm from the top, 20-110 mm from the left)."""
        content = self.content
        x = 20 * mm + 4 * mm
        window_w = 90 * mm - 8 * mm
        # the sender's return line at the top of the window, small and underlined (DIN 5008)
        company = content.company
        back = " · ".join(p for p in (company.name, company.address, company.city) if p)
        back = simpleSplit(_safe(back), FONT, 6.5, window_w)[0] if back else ""
        if back:
            self._text(x, self.h - 49 * mm, back, FONT, 6.5, GREY)
            self.c.setStrokeColor(GREY)
            self.c.setLineWidth(0.3)
            self.c.line(x, self.h - 49.8 * mm, x + stringWidth(back, FONT, 6.5), self.h - 49.8 * mm)
            self.c.setLineWidth(1)
        y = self.h - 55 * mm
        lines: list[tuple[str, str, int]] = []
        for piece in simpleSplit(_safe(content.customer_name), BOLD, 10, window_w)[:2]:
            lines.append((piece, BOLD, 10))
        if content.customer_tax_id:
            lines.append((f"{tax_id_label(content.customer_country, self.lang)} {content.customer_tax_id}", FONT, 9))
        for piece in (content.customer_address or "").splitlines():
            for sub in simpleSplit(_safe(piece), FONT, 9, window_w):
                lines.append((sub, FONT, 9))
        if content.customer_city:
            lines.append((content.customer_city, FONT, 9))
        if content.customer_country and content.customer_country != content.company.country:
            name = Locale.parse(self.lang).territories.get(content.customer_country, content.customer_country)
            lines.append((name.upper(), FONT, 9))
        for text, font, size in lines[:7]:  # 7 lines x 4.4 mm below the return line fit the 45 mm window
            self._text(x, y, text, font, size)
            y -= 4.4 * mm

    def _date_block(self) -> None:
        content = self.content
        when = content.date(content.as_of, "long")
        place = content.company.city
        self._text(self.right, self.h - 50 * mm, f"{place}, {when}" if place else when, FONT, 10, align="right")
        self._text(self.right, self.h - 55 * mm, f"{self.L['customer']}: {content.customer_code}", FONT, 8,
                   GREY, "right")

    def _subject(self) -> None:
        self.y = self.h - 95 * mm
        label = self.L["subject"] + " "
        lw = stringWidth(label, BOLD, 10.5)
        lines = simpleSplit(_safe(self.text.subject), BOLD, 10.5, self.width - lw)
        for i, line in enumerate(lines):
            if i == 0:
                self._text(self.left, self.y, label, BOLD, 10.5, ACCENT)
            self._text(self.left + lw, self.y, line, BOLD, 10.5)
            self.y -= 5 * mm
        self.y -= 1 * mm

    _in_table = False

    def _table_header(self) -> None:
        h = 6 * mm
        c = self.c
        c.setFillColor(ACCENT)
        c.rect(self.left, self.y - h, self.width, h, stroke=0, fill=1)
        heads = [("invoice", "left"), ("issued", "left"), ("due", "left"), ("days", "right"), ("amount", "right"),
                 ("open", "right")]
        x = self.left
        for (key, align), w in zip(heads, self.cols):
            tx = x + 1.5 * mm if align == "left" else x + w - 1.5 * mm
            self._text(tx, self.y - h + 2 * mm, self.L[key], BOLD, 8.5, white, align)
            x += w
        c.setFillColorRGB(0, 0, 0)
        self.y -= h

    def _table(self) -> None:
        content = self.content
        row_h = 4.6 * mm
        self._need(6 * mm + row_h * min(len(content.items), 2))
        self._in_table = True
        self._table_header()
        for n, item in enumerate(content.items):
            self._need(row_h)
            if n % 2 == 1:
                self.c.setFillColor(LIGHT)
                self.c.rect(self.left, self.y - row_h, self.width, row_h, stroke=0, fill=1)
                self.c.setFillColorRGB(0, 0, 0)
            ty = self.y - row_h + 1.35 * mm
            cells = [
                (item.invoice_number, "left"),
                (content.date(item.issue_date, "short"), "left"),
                (content.date(item.due_date, "short"), "left"),
                (str(item.days_overdue) if item.days_overdue > 0 else "—", "right"),
                (content.money(item.amount_minor, item.currency), "right"),
                (content.money(item.open_minor, item.currency), "right"),
            ]
            x = self.left
            for (value, align), w in zip(cells, self.cols):
                tx = x + 1.5 * mm if align == "left" else x + w - 1.5 * mm
                self._text(tx, ty, value, FONT, 8.5, None, align)
                x += w
            self.y -= row_h
        self._in_table = False
        self.c.setStrokeColor(ACCENT)
        self.c.line(self.left, self.y, self.right, self.y)

    def _totals_and_payment(self) -> None:
        content = self.content
        rows = []
        # one letter for several currencies (one message per debtor): the totals of each currency
        for currency, open_minor, fee_minor in content.sections or ((content.currency, content.total_open_minor,
                                                                     content.fee_minor),):
            rows.append((self.L["total_open"], content.money(open_minor, currency), fee_minor == 0))
            if fee_minor:
                rows.append((self.L["fee"], content.money(fee_minor, currency), False))
                rows.append((self.L["total_due"], content.money(open_minor + fee_minor, currency), True))
        line_h = 5 * mm
        pay_lines: list[str] = []
        box_w = 98 * mm
        if content.payment_instructions:
            for raw in content.payment_instructions.splitlines():
                pay_lines.extend(simpleSplit(_safe(raw), FONT, 8.5, box_w - 6 * mm))
        box_h = (len(pay_lines) * 3.9 * mm + 9 * mm) if pay_lines else 0
        needed = max(len(rows) * line_h + 3 * mm, box_h + 2 * mm)
        self._need(needed)
        top = self.y - 2 * mm
        # totals on the right
        yy = top
        for label, value, bold in rows:
            font = BOLD if bold else FONT
            self._text(self.right - 36 * mm, yy - 4 * mm, label, font, 9.5, None, "right")
            self._text(self.right - 1.5 * mm, yy - 4 * mm, value, font, 9.5, None, "right")
            yy -= line_h
        # payment instructions in a box on the left
        if pay_lines:
            self.c.setFillColor(LIGHT)
            self.c.setStrokeColor(RULE)
            self.c.rect(self.left, top - box_h, box_w, box_h, stroke=1, fill=1)
            self.c.setFillColorRGB(0, 0, 0)
            self._text(self.left + 3 * mm, top - 5 * mm, self.L["payment"], BOLD, 9, ACCENT)
            py = top - 9 * mm
            for line in pay_lines:
                self._text(self.left + 3 * mm, py, line, FONT, 8.5)
                py -= 3.9 * mm
        self.y = top - needed - 1 * mm

    def _signature(self) -> None:
        if self.y - 19 * mm < 16 * mm:  # the signature may use part of the bottom margin
            self._new_page()
        self.y -= 4 * mm
        self._text(self.left, self.y, self.L["regards"], FONT, 9.5)
        self.y -= 10.5 * mm
        self.c.setStrokeColor(GREY)
        self.c.line(self.left, self.y + 3.5 * mm, self.left + 60 * mm, self.y + 3.5 * mm)
        self._text(self.left, self.y, self.L["department"], BOLD, 9.5)
        self.y -= 4.2 * mm
        self._text(self.left, self.y, self.content.company.name, FONT, 9)

    def _fold_marks(self) -> None:
        """Fold marks for a DL window envelope (A4 in thirds at 105 and 210 mm) and the punch mark."""
        self.c.setStrokeColor(GREY)
        self.c.setLineWidth(0.4)
        for from_top, length in ((105, 5), (210, 5), (self.h / mm / 2, 7)):
            y = self.h - from_top * mm
            self.c.line(4 * mm, y, (4 + length) * mm, y)
        self.c.setLineWidth(1)

    def _discounts(self) -> None:
        """Each early-payment discount still on offer, once per invoice (app.ledger.discounts)."""
        seen: dict[str, object] = {}
        for item in self.content.items:
            if item.discount_minor and item.invoice_number not in seen:
                seen[item.invoice_number] = item
        if seen:
            self.y -= 2 * mm
            self._paragraphs("\n\n".join(self.L["discount"].format(
                pay=self.content.money(i.discount_pay_minor, i.currency), date=self.content.date(i.discount_until),
                doc=i.invoice_number, discount=self.content.money(i.discount_minor, i.currency))
                for i in seen.values()), size=9, gap=2.0)

    def draw(self) -> int:
        self._fold_marks()
        self._letterhead()
        self._address_block()
        self._date_block()
        self._subject()
        self._paragraphs(self.text.body)
        if self.content.items:
            self._table()
        self._totals_and_payment()
        self._discounts()
        if self.text.closing:
            self._paragraphs(self.text.closing, gap=3.0)
        self._signature()
        self._footer(last=True)
        self.c.showPage()
        self._font = None
        return self.page


def _logo_reader(path: str | None, cache: dict):
    if not path:
        return None
    if path not in cache:
        try:
            cache[path] = ImageReader(path) if os.path.isfile(path) else None
        except Exception:  # noqa: BLE001 - an unreadable logo must not stop the letters
            cache[path] = None
    return cache[path]


def _file_name(content: ReminderContent, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", f"{content.customer_code}_{content.currency}_{content.as_of:%Y%m%d}")
    name, n = f"{base}.pdf", 2
    while name in used:
        name, n = f"{base}-{n}.pdf", n + 1
    used.add(name)
    return name


def _new_canvas(path: Path, page_size, title: str, author: str) -> Canvas:
    c = Canvas(str(path), pagesize=page_size, pageCompression=1)
    c.setTitle(title)
    c.setAuthor(author)
    c.setCreator("Cobranza")
    return c


def render_letters(contents: Sequence[ReminderContent] | Iterable[ReminderContent], *, combined_path,
                   per_customer_dir=None, overrides: Mapping[OverrideKey, str] | None = None,
                   texts: Sequence[LetterText] | None = None, page_size: str = "A4",
                   progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> LettersResult:
    """Write one combined PDF (every letter, each starting on a new page) and optionally one per customer.

    `LettersResult.files[i]` is the file of `contents[i]` (same order), named <customer>_<currency>_<date>.pdf.

    `texts` lets a caller pass letters it already rendered (e.g. from a preview); otherwise the letter
    templates are rendered here (raising TemplateError before anything is written). `progress(done, total)`
    is called after each letter; `cancel()` returning True stops the batch with LettersCancelled.
    """
    contents = list(contents)
    if not contents:  # nothing to print: no file at all rather than an empty PDF
        return LettersResult(combined_path=Path(combined_path), files=(), pages=0)
    if texts is None:
        texts = [letter_text(c, overrides=overrides) for c in contents]
    if len(texts) != len(contents):
        raise ValueError("texts and contents differ in length")
    size = LETTER if str(page_size).lower() == "letter" else A4
    combined_path = Path(combined_path)
    combined_path.parent.mkdir(parents=True, exist_ok=True)
    out_dir = Path(per_customer_dir) if per_customer_dir else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)

    pending: list[tuple[Path, Path]] = []  # (temporary, final)
    logos: dict = {}
    company = contents[0].company.name
    fd, tmp_name = tempfile.mkstemp(suffix=".pdf.part", dir=combined_path.parent)
    os.close(fd)
    tmp_combined = Path(tmp_name)
    pending.append((tmp_combined, combined_path))
    pages = 0
    used: set[str] = set()
    try:
        combined = _new_canvas(tmp_combined, size, "Cartas de cobranza" if contents[0].language == "es"
                               else "Reminder letters", company)
        total = len(contents)
        for n, (content, text) in enumerate(zip(contents, texts), start=1):
            if cancel is not None and cancel():
                raise LettersCancelled("Letters cancelled; no file was written.")
            logo = _logo_reader(content.company.logo_path, logos)
            pages += _Letter(combined, content, text, size, logo).draw()
            if out_dir:
                final = out_dir / _file_name(content, used)
                tmp = final.with_name(final.name + ".part")
                single = _new_canvas(tmp, size, text.subject, content.company.name)
                _Letter(single, content, text, size, logo).draw()
                single.save()
                pending.append((tmp, final))
            if progress is not None:
                progress(n, total)
        combined.save()
        for tmp, final in pending:
            os.replace(tmp, final)
    except BaseException:
        for tmp, _ in pending:
            try:
                tmp.unlink()
            except OSError:
                pass
        raise
    return LettersResult(combined_path=combined_path, files=tuple(final for _, final in pending[1:]), pages=pages)
