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
    delimiter: str | None = None  # the CSV separator; None for a spreadsheet


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
                table = Table(header=[normalise_column(c) for c in cells], delimiter=delimiter)
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


def _width(cells: list[str]) -> int:
    """How many cells count: up to the last one with something in it (Excel writes empty ones after)."""
    width = len(cells)
    while width and not cells[width - 1]:
        width -= 1
    return width


def _quoted(values: list[str], limit: int = 3) -> str:
    shown = ", ".join(f'"{v}"' for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def misaligned_rows(table: Table) -> list[tuple[int, str]]:
    """(line, problem) for each data row whose cells do not line up with the header's columns.

    A row with values beyond the last named column is almost always an amount with an unquoted comma
    (1,234.56 read as two cells, "1" and "234.56"); reading only the header's columns would import it as
    1.00 without a word, so the row is refused and the extra cells named. In a CSV file a row with fewer
    cells than the header is refused too (a cell was lost or merged); empty cells after the last value,
    which spreadsheets write, are neither."""
    problems: list[tuple[int, str]] = []
    for line, cells in table.rows:
        message = misalignment(table.header, table.delimiter, cells)
        if message:
            problems.append((line, message))
    return problems


def misalignment(header: list[str], delimiter: str | None, cells: list[str]) -> str | None:
    """Why one data row's cells do not line up with the header's columns (misaligned_rows), or None."""
    columns = _width(header)
    used = _width(cells)
    if used > columns:
        extra = cells[columns:used]
        if delimiter is None:
            fix = (f"give every column with values a name in row 1, or clear the cells after column "
                   f"{_column_letter(columns)}")
        elif delimiter == ",":
            fix = "quote amounts that contain a comma (\"1,234.56\") or write them as 1234.56"
        else:
            fix = "quote values that contain a semicolon"
        return f"{columns} columns in the header, {used} here (extra: {_quoted(extra)}): {fix}"
    if delimiter is not None and len(cells) < columns:
        missing = [name or f"column {i + 1}" for i, name in enumerate(header[len(cells):columns], start=len(cells))]
        return (f"{columns} columns in the header, {len(cells)} here (missing: {', '.join(missing)}): every row "
                f"needs a cell for each column; leave one empty as nothing between two separators")
    return None


def _column_letter(count: int) -> str:
    """The spreadsheet letter of the `count`-th column (1 is A)."""
    letters = ""
    while count > 0:
        count, rest = divmod(count - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters or "A"


def iter_records(table: Table) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, {column: value}) for each data row, by the header's columns; rows whose cells do not line
    up with them are found by `misaligned_rows`, which the importer refuses."""
    names = table.header
    for line, cells in table.rows:
        yield line, {name: (cells[i] if i < len(cells) else "") for i, name in enumerate(names) if name}
