"""The rejected rows of an import that took only the valid ones, written back for correction: the header and
the rows as they were in the file, plus the line they were on and why each was refused. CSV (UTF-8 with a BOM,
so Excel opens accents right, and `;`-separated when the source was) or XLSX by the file's extension."""

from __future__ import annotations

import csv
from pathlib import Path


def _safe(value: str) -> str:
    """A cell that starts like a formula is written as text (DESIGN: exports neutralise = + - @)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") and not _number(value) else value


def _number(value: str) -> bool:
    try:
        float(value.replace(",", "."))
        return True
    except ValueError:
        return False


def write_rejected(path, table, by_line: dict) -> str:
    path = Path(path)
    header = list(table.headers) + ["line", "error"]
    rows = []
    # a streamed file (open_file) is read again
    for line, cells in (table.data_rows() if hasattr(table, "data_rows") else table.rows):
        if line in by_line:
            why = "; ".join(f"{p.column}: {p.message}" for p in by_line[line])
            rows.append(list(cells[:len(table.headers)]) + [""] * max(0, len(table.headers) - len(cells))
                        + [str(line), why])
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("rejected")
        ws.append(header)
        for r in rows:
            ws.append([_safe(c) for c in r])
        wb.save(path)
    else:
        delimiter = table.delimiter if getattr(table, "delimiter", None) in (",", ";", "\t") else ","
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, delimiter=delimiter)
            writer.writerow(header)
            for r in rows:
                writer.writerow([_safe(c) for c in r])
    return str(path)
