"""Bank statements: import (CSV/XLSX by bank layout, CAMT.053), stored credit lines, suggested matches
with reasons, and confirming a line into a payment through the ledger. See docs/bank.md."""

from .actions import Confirmed, auto_confirm_exact, confirm_line, confirm_suggestion
from .layouts import PRESETS
from .matching import LineMatches, Reason, Suggestion, match_lines
from .statement_file import FileProblem, StatementError
from .statements import BankLineView, StatementImport, import_statement, list_lines, reopen_line, skip_line

__all__ = [
    "PRESETS", "BankLineView", "Confirmed", "FileProblem", "LineMatches", "Reason", "StatementError",
    "StatementImport", "Suggestion", "auto_confirm_exact", "confirm_line", "confirm_suggestion", "import_statement",
    "list_lines", "match_lines", "reopen_line", "skip_line",
]
