"""Reading an import file into (physical line, {column: text}) rows.

CSV: UTF-8 (a byte-order mark, as Excel writes, is accepted), comma-separated (a header without
commas but with semicolons, as Excel writes in Spanish locales, is read as semicolon-separated).
XLSX: the first worksheet, read only; LINE is the spreadsheet row number. Either way the header is
line 1 and every value reaches validation as stripped text, so both formats share one code path.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Iterator

SUPPORTED = (".csv", ".xlsx")


class FileProblem(Exception):
    """The file as a whole cannot be read (missing, not UTF-8, not a spreadsheet...)."""

    def __init__(self, message: str, line: int = 1, column: str = "file"):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass
class Table:
    header: list[str]  # normalised column names (stripped, lower case)
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (physical line, cells)


def normalise_column(name: str) -> str:
    return (name or "").strip().lower().replace(" ", "_").replace("-", "_")


def read_table(path: str | Path) -> Table:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise FileProblem(f"'{path.suffix or path.name}' files are not supported; save the file as CSV UTF-8 (.csv) "
                          "or Excel workbook (.xlsx)")
    if not path.exists():
        raise FileProblem("no such file")
    if path.is_dir():
        raise FileProblem("is a folder, not a file")
    return _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)


# --- CSV ----------------------------------------------------------------------------


def _read_csv(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem("the file is not UTF-8 text; in Excel use 'Save as' > 'CSV UTF-8 (comma delimited)'",
                          line=line) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if ("," not in first_line and ";" in first_line) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    table: Table | None = None
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if table is None:
                if start != 1:
                    raise FileProblem("the first line must be the header (column names)", line=1)
                table = Table(header=[normalise_column(c) for c in cells])
            else:
                table.rows.append((start, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise FileProblem(f"not valid CSV: {exc}", line=reader.line_num) from None
    if table is None:
        raise FileProblem("the file is empty; the first line must be the header (column names)")
    return table


# --- XLSX ---------------------------------------------------------------------------


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # a spreadsheet stores 118.00000000000001 for =100*1.18; what the user sees is 118
        if value.is_integer():
            return str(int(value))
        return format(Decimal(repr(round(value, 9))).normalize(), "f")
    return str(value).strip()


def _read_xlsx(path: Path) -> Table:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem(f"not a readable Excel workbook (.xlsx): {exc}") from None
    try:
        sheet = workbook.worksheets[0]
        table: Table | None = None
        for row in sheet.iter_rows():
            cells = [c for c in row if getattr(c, "row", None) is not None]
            if not cells:
                continue
            values = [_cell_text(c.value) for c in row]
            if not any(values):
                continue
            line = cells[0].row
            if table is None:
                if line != 1:
                    raise FileProblem("the first row must be the header (column names)", line=1)
                table = Table(header=[normalise_column(v) for v in values])
            else:
                table.rows.append((line, values))
    finally:
        workbook.close()
    if table is None:
        raise FileProblem("the first worksheet is empty; its first row must be the header (column names)")
    return table


def iter_records(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: value}) for each data row; cells beyond the header are dropped."""
    names = table.header
    for line, cells in table.rows:
        yield line, {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name}
