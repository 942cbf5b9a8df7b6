"""CSV/XLSX import of customers, invoices, payments and credit notes (all rows or none)."""

from .importer import KINDS, SPECS, ImportResult, Problem, import_file

__all__ = ["KINDS", "SPECS", "ImportResult", "Problem", "import_file"]
