"""The import API the CLI (`cobranza import`) and the GUI's import wizard both call. See /work/wt/import_api.md
(and docs/import.md for users).

    table = read_file(path, ImportOptions(sheet="Ventas"))          # header found below title rows
    guess = detect_mapping("invoices", table.headers)               # Spanish/English headers
    mapping = apply_overrides(guess.mapping, table.headers, {"Doc": "number"})
    preview = preview_import(session, "invoices", table, mapping, options)   # every bad row, every change
    result = run_import(session, "invoices", table, mapping, options, valid_only=True,
                        rejected_path="rechazadas.csv")

Nothing here imports Qt; every function takes a Session (outside a transaction: each call is its own unit of
work) and plain values, and returns frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from sqlalchemy.orm import Session

from .fields import KINDS, FieldInfo, field_names, fields_for
from .mapping import Mapping, MappingError, MappingGuess, apply_overrides, detect_mapping, make_mapping, parse_map_args
from .reader import FileProblem
from .source import ENCODINGS, FORMATS, ReadOptions, SourceTable, list_sheets, open_source, read_source

DATE_FORMATS = ("dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "d-m-yy")
DECIMALS = (",", ".")


@dataclass(frozen=True)
class ImportOptions:
    """How to read the file and its values. Every `None` means "detect, and refuse what is ambiguous"."""

    format: str | None = None  # "csv" | "xlsx"; None: by extension
    encoding: str | None = None  # "utf-8", "cp1252", "latin-1"; None: UTF-8 (with or without BOM), else cp1252
    delimiter: str | None = None  # ",", ";", "tab"; None: detected
    sheet: str | None = None  # XLSX sheet name; None: the first
    header_line: int | None = None  # None: detected (title rows above it are skipped)
    date_format: str | None = None  # "dd/mm/yyyy", "mm/dd/yyyy", "yyyy-mm-dd", "d-m-yy" or a strftime pattern
    decimal: str | None = None  # "," or "."; None: the company's locale, and only what reads one way
    allow_far_dates: bool = False  # dates more than a year from today
    create_customers: bool = False  # invoices naming unknown customers create them (code, name from the row)

    def read_options(self) -> ReadOptions:
        return ReadOptions(format=self.format, encoding=self.encoding, delimiter=self.delimiter, sheet=self.sheet,
                           header_line=self.header_line)

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, False)}


def read_file(path: str | Path, options: ImportOptions | None = None) -> SourceTable:
    """The file's headers (as written) and rows; raises FileProblem (message, line) when it cannot be read."""
    return read_source(path, (options or ImportOptions()).read_options())


def open_file(path: str | Path, options: ImportOptions | None = None) -> SourceTable:
    """read_file's header, title rows and first data rows, the rows read again from the file as the import
    goes (a file of millions of rows in constant memory; the command line's import). FileProblem as read_file."""
    return open_source(path, (options or ImportOptions()).read_options())


from .importer import Change, ImportPreview, ImportResult, Problem, preview_table, run_table  # noqa: E402
from .saved import SavedMapping, delete_mapping, list_mappings, load_mapping, save_mapping  # noqa: E402


def preview_import(session: Session, kind: str, source: SourceTable | str | Path, mapping: Mapping,
                   options: ImportOptions | None = None) -> ImportPreview:
    """Check every row, write nothing: the bad rows (line, column, field, message), the warnings and the changes
    an import would make (create / update / unchanged / dispute / create customer)."""
    options = options or ImportOptions()
    table = source if isinstance(source, SourceTable) else read_file(source, options)
    return preview_table(session, kind, table, mapping, options)


def run_import(session: Session, kind: str, source: SourceTable | str | Path, mapping: Mapping,
               options: ImportOptions | None = None, *, valid_only: bool = False,
               rejected_path: str | Path | None = None,
               progress: Callable[[int, int], bool | None] | None = None, dry_run: bool = False) -> ImportResult:
    """Import: all rows or none (default), or with `valid_only` the good rows, the bad ones written to
    `rejected_path` (CSV or XLSX by its extension: the original cells plus an "error" column)."""
    options = options or ImportOptions()
    table = source if isinstance(source, SourceTable) else read_file(source, options)
    return run_table(session, kind, table, mapping, options, valid_only=valid_only, rejected_path=rejected_path,
                     progress=progress, dry_run=dry_run)


__all__ = [
    "KINDS", "DATE_FORMATS", "DECIMALS", "ENCODINGS", "FORMATS", "Change", "FieldInfo", "FileProblem",
    "ImportOptions", "ImportPreview", "ImportResult", "Mapping", "MappingError", "MappingGuess", "Problem",
    "SavedMapping", "SourceTable", "apply_overrides", "delete_mapping", "detect_mapping", "field_names",
    "fields_for", "list_mappings", "list_sheets", "load_mapping", "make_mapping", "open_file", "parse_map_args",
    "preview_import", "read_file", "replace", "run_import", "save_mapping",
]
