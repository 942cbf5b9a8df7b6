"""User text made safe for ReportLab's Paragraph mini-markup: the one escaping helper of every PDF.

A Paragraph reads `<b>`, `<font size=...>`, `<a href=...>` and `&amp;` in its text, so a customer name such as
`<font size="30" color="red">PAGADO</font>` would print a large red line and `<a href=...>` a clickable link;
"Bad <b markup" raises. Every Paragraph built from user data (names, addresses, company data, payment
instructions, document numbers, notes, template output) passes its text through `para_text` first.

A shared leaf (like `config`): it imports nothing of ours, so the statement and aging PDFs (reports), the
agreement PDF (collections) and the letters (reminders) use the same helper without a new arrow between
those packages (collections may not import reports).
"""

from __future__ import annotations

from xml.sax.saxutils import escape

# Characters a PDF text line cannot carry: C0 controls but tab and newline (NUL ends up in the content
# stream as is and some viewers cut the line there).
_CONTROLS = {c: None for c in range(32) if c not in (9, 10)}
_CONTROLS[0x7F] = None


def plain_text(value: object) -> str:
    """The value as text without control characters ("" for None); no markup escaping."""
    return ("" if value is None else str(value)).replace("\r\n", "\n").translate(_CONTROLS)


def para_text(value: object) -> str:
    """User text made safe for a Paragraph: <, > and & escaped, control characters dropped, newlines as <br/>."""
    return escape(plain_text(value)).replace("\n", "<br/>")
