"""Reading a bank statement file into credit and debit lines: CSV, XLSX (by a layout), CAMT.053 XML or OFX.

CSV files come as the banks write them: UTF-8 with or without a byte-order mark, or Windows-1252 (Excel's
"CSV" in Spanish Windows, Banco de Chile, BBVA México); comma, semicolon or tab separated; the account,
period and a title above the header; a totals or balance row below the lines. The header row is found by
`layouts.detect`; rows without a date (titles, totals, "Saldo final") are not lines. Amounts go through the
strict parser (`app.ledger.amount_input.parse_amount`) in the layout's locale, numbers typed as numbers in
a spreadsheet are taken as they are; dates by the layout's formats, within the range every date has
(`app.ledger.dates`). A file with any bad row gives every problem at once and nothing is read.

(`app.importing.reader` reads import files whose header is line 1 in UTF-8; statements need the header
found further down and Windows-1252, so the grid is read here and mapped the same way.)
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.importing.reader import FileProblem
from app.ledger.amount_input import parse_amount
from app.ledger.dates import range_reason
from app.ledger.errors import LedgerError
from app.ledger.money import check_currency, to_minor

from .layouts import PRESETS, Layout, detect, header_key

SUPPORTED = (".csv", ".txt", ".xlsx", ".xml", ".ofx", ".qfx")


@dataclass(frozen=True)
class StatementLine:
    line: int  # row in the file (1-based), or the entry's position in a CAMT file
    date: dt.date
    description: str
    reference: str | None
    amount_minor: int  # money in > 0, money out < 0
    currency: str


@dataclass(frozen=True)
class Problem:
    line: int
    column: str
    message: str


class StatementError(Exception):
    """The file cannot be read as a statement; `problems` names each bad row (nothing is imported)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(f"line {p.line}: {p.column}: {p.message}" for p in problems[:3]))
        self.problems = problems


@dataclass(frozen=True)
class Statement:
    layout: str  # a PRESETS key, or "camt.053"
    account: str | None
    currency: str
    lines: tuple[StatementLine, ...]
    ignored_rows: int  # rows below the header that are not lines (totals, balances, blank dates)


# --- the grid: rows of cells from CSV or XLSX ------------------------------------------------------


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # every byte is a character in Windows-1252


def _csv_rows(path: Path) -> list[tuple[int, list]]:
    try:
        text = _decode(path.read_bytes())
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror or exc}") from None
    best: list[tuple[int, list]] | None = None
    for delimiter in (";", ",", "\t"):
        rows = _split(text, delimiter)
        if rows is None:
            continue
        if detect([cells for _line, cells in rows]) is not None:
            return rows
        best = best or rows
    if best is None:
        raise FileProblem("not a CSV file the app can read (a quote is never closed)")
    return best


def _split(text: str, delimiter: str) -> list[tuple[int, list]] | None:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, start = [], 1
    try:
        for cells in reader:
            rows.append((start, [c.strip() for c in cells]))
            start = reader.line_num + 1
    except csv.Error:
        return None
    return rows


def _cell(value):
    """A spreadsheet value as the parser wants it: text stripped, numbers as Decimal, dates as date."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, (dt.date, Decimal)):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):  # what the cell shows: 118.00000000000001 is 118
        return Decimal(repr(round(value, 9))).normalize()
    return str(value).strip()


def _xlsx_rows(path: Path) -> list[tuple[int, list]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem(f"not a readable Excel workbook (.xlsx): {exc}") from None
    try:
        return [(index, [_cell(v) for v in row])
                for index, row in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)]
    finally:
        workbook.close()


# --- lines from the grid ---------------------------------------------------------------------------


def _text(cells: list, index: int):
    return cells[index] if index < len(cells) else ""


def _as_text(value) -> str:
    """A description or reference cell as text: a number typed in a spreadsheet (an operation number)
    as its digits, never 1.234567E+7."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value or "").strip()


def _date(value, layout: Layout) -> dt.date:
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value).strip().split(" ")[0]
        for pattern in layout.date_formats:
            try:
                day = dt.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        else:
            shown = " or ".join(p.replace("%d", "dd").replace("%m", "mm").replace("%Y", "yyyy").replace("%y", "yy")
                                for p in layout.date_formats[:2])
            raise ValueError(f"'{text}' is not a date; this layout writes dates as {shown}")
    reason = range_reason(day)
    if reason:
        raise ValueError(reason)
    return day


def _amount(value, currency: str, locale: str) -> int:
    if value in ("", None):
        return 0
    if isinstance(value, Decimal):
        return to_minor(value, currency)
    text = str(value).strip()
    negative = text.endswith("-") or (text.startswith("(") and text.endswith(")"))  # "1,200.00-", "(1,200.00)"
    if negative:
        text = text.strip("()").rstrip("-").strip()
    minor = parse_amount(text, currency, locale, allow_negative=True)
    return -minor if negative else minor


def lines_from_grid(rows: list[tuple[int, list]], *, layout_key: str | None, currency: str | None,
                    locale: str, default_currency: str = "PEN") -> Statement:
    """Map the grid by the detected (or named) layout. `currency`: the account's, when the file does not
    say (default: the layout's usual one, else `default_currency`, the company's); `locale`: for the
    generic layout's amounts (the company's)."""
    if layout_key and layout_key not in PRESETS:
        raise FileProblem(f"no bank layout named '{layout_key}'; use one of {', '.join(PRESETS)}", column="mapping")
    found = detect([cells for _line, cells in rows], key=layout_key)
    if found is None:
        if layout_key:
            raise FileProblem(f"no row of the first 30 has the columns of the '{layout_key}' layout "
                              f"({_expected(PRESETS[layout_key])}); check --mapping", column="header")
        raise FileProblem("no header row with a date, a description and an amount (or credit) column was found "
                          "in the first 30 rows; name the bank's layout with --mapping "
                          f"({', '.join(PRESETS)})", column="header")
    layout, header_index, columns = found
    account_currency = check_currency(currency or layout.currency or default_currency)
    locale = layout.locale or locale
    lines: list[StatementLine] = []
    problems: list[Problem] = []
    ignored = 0
    for line_no, cells in rows[header_index + 1:]:
        date_cell = _text(cells, columns["date"][0])
        if date_cell in ("", None) or (isinstance(date_cell, str) and not any(ch.isdigit() for ch in date_cell)):
            if any(c not in ("", None) for c in cells):
                ignored += 1  # "Total", "Saldo final", a note below the lines
            continue
        try:
            day = _date(date_cell, layout)
        except ValueError as exc:
            problems.append(Problem(line_no, "date", str(exc)))
            continue
        line_currency = account_currency
        if "currency" in columns:
            code = str(_text(cells, columns["currency"][0]) or "").strip().upper()
            code = {"S/": "PEN", "S/.": "PEN", "US$": "USD", "$": account_currency}.get(code, code)
            if code:
                try:
                    line_currency = check_currency(code)
                except LedgerError as exc:
                    problems.append(Problem(line_no, "currency", str(exc)))
                    continue
        try:
            if "amount" in columns:
                amount = _amount(_text(cells, columns["amount"][0]), line_currency, locale)
            else:
                credit = _amount(_text(cells, columns["credit"][0]), line_currency, locale)
                debit = _amount(_text(cells, columns["debit"][0]), line_currency, locale) if "debit" in columns else 0
                if credit and debit:
                    raise LedgerError("the row has both a debit and a credit; one of them must be empty")
                amount = abs(credit) - abs(debit)
        except LedgerError as exc:
            problems.append(Problem(line_no, "amount", str(exc)))
            continue
        description = " ".join(_as_text(_text(cells, i)) for i in columns["description"] if _as_text(_text(cells, i)))
        reference = _as_text(_text(cells, columns["reference"][0])) if "reference" in columns else ""
        if amount == 0:
            ignored += 1
            continue
        lines.append(StatementLine(line_no, day, " ".join(description.split())[:500],
                                   (reference[:100] or None), amount, line_currency))
    if problems:
        raise StatementError(problems)
    return Statement(layout.key, None, account_currency, tuple(lines), ignored)


def _expected(layout: Layout) -> str:
    return ", ".join(f"{name}: '{accepted[0]}'" for name, accepted in layout.columns.items())


# --- CAMT.053 (ISO 20022 bank-to-customer statement) ----------------------------------------------


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(node, *path):
    for name in path:
        if node is None:
            return None
        node = next((c for c in node if _local(c.tag) == name), None)
    return node


def _find_text(node, *path) -> str:
    found = _child(node, *path)
    return (found.text or "").strip() if found is not None and found.text else ""


def read_camt053(path: Path) -> Statement:
    """Entries of a camt.053 file (any version: elements are read by local name). A credit entry is
    money in; its date is the booking date (else the value date); its description the unstructured
    remittance info, the debtor's name and the additional entry info; its reference the bank's."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError) as exc:
        raise FileProblem(f"not a readable XML file: {exc}") from None
    stmts = [n for n in root.iter() if _local(n.tag) == "Stmt"]
    if not stmts:
        raise FileProblem("no <Stmt> element: not a CAMT.053 bank statement")
    lines, problems, account, currency = [], [], None, None
    position = 0
    for stmt in stmts:
        account = account or _find_text(stmt, "Acct", "Id", "IBAN") or _find_text(stmt, "Acct", "Id", "Othr", "Id")
        currency = currency or _find_text(stmt, "Acct", "Ccy") or None
        for entry in (c for c in stmt if _local(c.tag) == "Ntry"):
            position += 1
            amt = _child(entry, "Amt")
            indicator = _find_text(entry, "CdtDbtInd")
            day_text = (_find_text(entry, "BookgDt", "Dt") or _find_text(entry, "BookgDt", "DtTm")[:10]
                        or _find_text(entry, "ValDt", "Dt"))
            try:
                code = check_currency(amt.get("Ccy") if amt is not None else currency)
                value = Decimal((amt.text or "").strip()) if amt is not None else None
                if value is None or value <= 0:
                    raise InvalidOperation
                minor = to_minor(value, code)
                day = dt.date.fromisoformat(day_text)
                if range_reason(day):
                    raise ValueError(range_reason(day))
            except LedgerError as exc:
                problems.append(Problem(position, "Amt", str(exc)))
                continue
            except InvalidOperation:
                problems.append(Problem(position, "Amt", "the entry has no positive amount"))
                continue
            except ValueError:
                problems.append(Problem(position, "BookgDt", f"'{day_text}' is not a date (YYYY-MM-DD)"))
                continue
            tx = _child(entry, "NtryDtls", "TxDtls")
            parts = [_find_text(tx, "RmtInf", "Ustrd"),
                     _find_text(tx, "RltdPties", "Dbtr", "Nm") or _find_text(tx, "RltdPties", "Dbtr", "Pty", "Nm"),
                     _find_text(entry, "AddtlNtryInf")]
            reference = (_find_text(entry, "AcctSvcrRef") or _find_text(tx, "Refs", "AcctSvcrRef")
                         or _find_text(tx, "Refs", "EndToEndId") or _find_text(entry, "NtryRef"))
            sign = -1 if indicator == "DBIT" else 1
            lines.append(StatementLine(position, day, " ".join(" ".join(p for p in parts if p).split())[:500],
                                       reference[:100] or None, sign * minor, code))
    if problems:
        raise StatementError(problems)
    return Statement("camt.053", account, check_currency(currency or (lines[0].currency if lines else "PEN")),
                     tuple(lines), 0)


# --- OFX (Open Financial Exchange, SGML 1.x or XML 2.x), read by ofxtools -------------------------


def read_ofx(path: Path) -> Statement:
    """Transactions of every bank statement in an OFX file: TRNAMT signed from the account holder's side
    (a credit is money in), DTPOSTED the date, NAME and MEMO the description, FITID (else CHECKNUM or REFNUM)
    the reference, CURDEF the currency (a transaction's own CURRENCY wins)."""
    from ofxtools.header import OFXHeaderError
    from ofxtools.Parser import OFXTree, ParseError

    tree = OFXTree()
    try:
        with path.open("rb") as source:
            tree.parse(source)
        ofx = tree.convert()
    except (OFXHeaderError, ParseError, ValueError, KeyError, IndexError, TypeError) as exc:
        raise FileProblem(f"not a readable OFX file: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") \
            from None
    statements = [st for st in (getattr(ofx, "statements", None) or []) if hasattr(st, "banktranlist")]
    if not statements:
        raise FileProblem("the OFX file has no bank statement (STMTRS)")
    lines, problems, account, currency = [], [], None, None
    position = 0
    for st in statements:
        account = account or getattr(getattr(st, "account", None), "acctid", None)
        currency = currency or st.curdef
        for tx in st.banktranlist or []:
            position += 1
            code = getattr(getattr(tx, "currency", None), "cursym", None) or st.curdef
            try:
                code = check_currency(code)
                minor = to_minor(Decimal(tx.trnamt), code)
            except LedgerError as exc:
                problems.append(Problem(position, "TRNAMT", str(exc)))
                continue
            day = tx.dtposted.date()
            if range_reason(day):
                problems.append(Problem(position, "DTPOSTED", range_reason(day)))
                continue
            description = " ".join(" ".join(p for p in (tx.name, tx.memo) if p).split())
            reference = tx.fitid or tx.checknum or tx.refnum or ""
            lines.append(StatementLine(position, day, description[:500], reference[:100] or None, minor, code))
    if problems:
        raise StatementError(problems)
    return Statement("ofx", account, check_currency(currency or "PEN"), tuple(lines), 0)


# --- the one entry point ---------------------------------------------------------------------------


def read_statement(path: str | Path, *, layout: str | None = None, currency: str | None = None,
                   locale: str = "es_PE", default_currency: str = "PEN") -> Statement:
    """Read a statement file; raises FileProblem (the file as a whole) or StatementError (bad rows)."""
    path = Path(path)
    if not path.exists():
        raise FileProblem("no such file")
    if path.is_dir():
        raise FileProblem("is a folder, not a file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise FileProblem(f"'{path.suffix or path.name}' files are not supported; export the statement as CSV, "
                          "Excel (.xlsx), CAMT.053 (.xml) or OFX (.ofx)")
    if suffix == ".xml":
        return read_camt053(path)
    if suffix in (".ofx", ".qfx"):
        return read_ofx(path)
    rows = _xlsx_rows(path) if suffix == ".xlsx" else _csv_rows(path)
    return lines_from_grid(rows, layout_key=layout, currency=currency, locale=locale,
                           default_currency=default_currency)


def fingerprints(lines) -> list[str]:
    """One fingerprint per line: its date, amount, currency, reference and description (spacing and
    case aside), and how many identical lines came before it in the file, so two equal transfers on one
    day stay two while the same line in a re-import or an overlapping statement is recognised."""
    seen: dict[str, int] = {}
    out = []
    for ln in lines:
        # the reference without leading zeros: "01234567" in a CSV is 1234567 in a spreadsheet cell
        base = "|".join((ln.date.isoformat(), str(ln.amount_minor), ln.currency,
                         header_key(ln.reference or "").lstrip("0"), header_key(ln.description)))
        seen[base] = seen.get(base, 0) + 1
        out.append(hashlib.sha256(f"{base}|{seen[base]}".encode()).hexdigest())
    return out
