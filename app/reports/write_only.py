"""Write-only openpyxl workbooks: rows written straight as XML, and a workbook abandoned half-way.

- `write_rows_fast(ws)` (set as a sheet's `_write_rows`) writes `RawRow`s straight to lxml with
  precomputed style ids: openpyxl's per-cell objects were 80% of the time of a 100,000-row sheet (the
  aging's detail, export --all); other rows take openpyxl's own path (titles, headers, formulas).
- A workbook abandoned half-way (Cancel pressed, a disk full): its sheets stream into temporary files that
  openpyxl removes only when the workbook is saved or the program ends, and a sheet whose row stream is
  left open fails noisily when it is collected. `discarding(wb)` closes and removes them when the block
  it wraps fails.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging

log = logging.getLogger(__name__)


_EPOCH = dt.date(1899, 12, 30).toordinal()  # Excel's day 0 (Windows epoch)


def excel_serial(day: dt.date) -> int:
    """The Excel serial number of a date (what openpyxl would compute per cell, done cheaply)."""
    return day.toordinal() - _EPOCH


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class RawRow(list):
    """A row written straight as XML: [(value, style id or None), ...]; str values are text, numbers
    are numbers, None is an empty cell. User text must already be neutralised."""


def write_rows_fast(ws):
    """openpyxl's write-only row loop, with a fast path for RawRows.

    openpyxl makes a cell object per value, binds and type-checks it and looks its style up: 80% of
    the time of a 100,000-row sheet. A RawRow goes straight to lxml with precomputed style ids.
    Other rows take openpyxl's own path, so titles, headers and formulas are written as usual.
    """
    from lxml.etree import Element, SubElement
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.utils import get_column_letter as letter

    xf = ws._writer.xf.send(True)
    letters: list[str] = []
    with xf.element("sheetData"):
        row_idx = 1
        try:
            while True:
                row = yield
                if isinstance(row, RawRow):
                    while len(letters) < len(row):
                        letters.append(letter(len(letters) + 1))
                    el = Element("row", r=str(row_idx))
                    for col, (value, style) in zip(letters, row):
                        if value is None:
                            continue
                        c = SubElement(el, "c", r=f"{col}{row_idx}")
                        if style is not None:
                            c.set("s", style)
                        if isinstance(value, str):
                            c.set("t", "inlineStr")
                            t = SubElement(SubElement(c, "is"), "t")
                            if value != value.strip():
                                t.set(XML_SPACE, "preserve")
                            t.text = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters: not XML
                        elif isinstance(value, float):  # as openpyxl writes them (a timestamp's serial)
                            SubElement(c, "v").text = "%.16g" % value
                        else:
                            SubElement(c, "v").text = str(value)
                    xf.write(el)
                else:
                    ws._writer.write_row(xf, ws._values_to_row(row, row_idx), row_idx)
                row_idx += 1
        except GeneratorExit:
            pass
    ws._writer.xf.send(None)


def discard(wb) -> None:
    for ws in wb.worksheets:
        writer = getattr(ws, "_writer", None)
        if writer is None:
            continue
        try:
            ws.close()  # ends the row stream: nothing left for the garbage collector to finish
        except Exception as exc:  # noqa: BLE001 - already saved or broken: only the file is left to remove
            log.debug("closing an abandoned sheet: %s", exc)
        try:
            writer.cleanup()
        except (OSError, ValueError) as exc:
            log.debug("removing an abandoned sheet's temporary file: %s", exc)


@contextlib.contextmanager
def discarding(wb):
    try:
        yield wb
    except BaseException:
        discard(wb)
        raise
