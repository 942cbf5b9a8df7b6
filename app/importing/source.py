"""Reading a real-world file into a header and data rows: the way exports really look.

- CSV in UTF-8 (with or without Excel's byte-order mark) or Windows-1252/Latin-1 (accents of an old
  Excel or an invoicing system), separated by `,`, `;` or tab (detected from the header line unless given);
- XLSX: the named sheet or the first; merged title cells, dates typed as dates, numbers as numbers;
- title rows above the header (a company name, "Registro de Ventas - Enero 2026", a merged title cell),
  blank lines anywhere and a trailing totals row ("TOTAL", "Totales") are skipped and said so.

The header row is the first row, among the first 30, that looks like one: at least two text cells and
no cell that is a number or a date, preferring a row whose cells are headers we know (app.importing.fields).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterator

from .fields import FIELDS, header_key
from .reader import FileProblem, _cell_text

FORMATS = ("csv", "xlsx")
ENCODINGS = ("utf-8", "utf-8-sig", "cp1252", "latin-1")
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t", "|": "|"}
_KNOWN = {a for fields in FIELDS.values() for f in fields for a in f.aliases} | {
    header_key(f.name.replace("_", " ")) for fields in FIELDS.values() for f in fields}
_TOTAL_WORDS = ("total", "totales", "total general", "suma", "sumas", "subtotal", "sub total", "grand total",
                "totals")


@dataclass(frozen=True)
class ReadOptions:
    format: str | None = None  # "csv" | "xlsx"; None: by the file's extension
    encoding: str | None = None  # None: UTF-8 (BOM or not), else Windows-1252
    delimiter: str | None = None  # ",", ";", "tab"; None: detected from the header line
    sheet: str | None = None  # XLSX sheet name; None: the first
    header_line: int | None = None  # the header's line number (1-based); None: detected


@dataclass
class SourceTable:
    path: str
    format: str  # "csv" | "xlsx"
    headers: list[str]  # as written in the file (stripped)
    header_line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (line in the file, cells as text)
    encoding: str | None = None  # CSV: the encoding read ("utf-8-sig" when a BOM was there)
    delimiter: str | None = None  # CSV: the separator
    sheet: str | None = None  # XLSX: the sheet read
    sheets: tuple[str, ...] = ()  # XLSX: every sheet's name (for the wizard's choice)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why): title rows, totals row
    raw_dates: dict[tuple[int, int], dt.date] = field(default_factory=dict)  # (line, column) typed as a date in XLSX
    serials: set[tuple[int, int]] = field(default_factory=set)  # (line, column) holding a number in XLSX
    # a streamed table (open_source): `rows` holds the first data rows only; every pass reads the file again
    stream: "Callable[[], Iterator[tuple[int, list[str], dict, set]]] | None" = None
    counted: int | None = None  # streamed: the data rows, once scan() has read them
    _totals: set = field(default_factory=set)  # streamed: the lines of the totals rows (scan)

    @property
    def streamed(self) -> bool:
        return self.stream is not None

    def typed_rows(self) -> "Iterator[tuple[int, list[str], dict[int, dt.date], set[int]]]":
        """(line, cells, {column: date typed as a date}, {columns holding a number}) for each data row, read
        from the file again when the table is streamed (scan() first, to leave its totals row out)."""
        if self.stream is None:
            for line, cells in self.rows:
                dates = {i: self.raw_dates[(line, i)] for i in range(len(cells)) if (line, i) in self.raw_dates} \
                    if self.raw_dates else {}
                numbers = {i for i in range(len(cells)) if (line, i) in self.serials} if self.serials else set()
                yield line, cells, dates, numbers
            return
        for line, cells, dates, numbers in self.stream():
            if line > self.header_line and any(cells) and line not in self._totals:
                yield line, cells, dates, numbers

    def data_rows(self) -> "Iterator[tuple[int, list[str]]]":
        for line, cells, _d, _n in self.typed_rows():
            yield line, cells

    def scan(self, each: "Callable[[int, list[str], dict[int, dt.date]], None] | None" = None) -> int:
        """Streamed: read the file once to find its trailing totals row (skipped, as read_source skips it) and
        count the data rows, in constant memory; the number of data rows. `each(line, cells, typed dates)` is
        called for every data row in order (typed_rows' rows), in that same pass when it is the first."""
        if self.stream is None or self.counted is not None:
            if each is not None:
                for line, cells, dates, _n in self.typed_rows():
                    each(line, cells, dates)
            return len(self.rows) if self.stream is None else self.counted
        if self.counted is None:
            filled: dict[int, int] = {}  # cells filled -> rows
            tail: list[tuple[int, list[str]]] = []  # the last rows, from the last one not worded as totals
            held: list = []  # tail's rows with their dates, told to `each` once they cannot be the totals row
            count = 0
            for line, cells, dates, _n in self.stream():
                if line <= self.header_line or not any(cells):
                    continue
                count += 1
                n = len(cells) - cells.count("")  # the cells filled
                filled[n] = filled.get(n, 0) + 1
                if _worded_total(cells):
                    tail = tail + [(line, cells)]
                    held.append((line, cells, dates))
                else:
                    if each is not None:
                        for row in held:
                            each(*row)
                    tail, held = [(line, cells)], [(line, cells, dates)]
            last = tail[-1] if tail else None
            usual = None
            if count > 1:  # the median of the cells filled in each row but the last (as _shape)
                left = dict(filled)
                left[sum(1 for c in last[1] if c)] -= 1
                position, seen = (count - 1) // 2, 0
                for n in sorted(left):
                    seen += left[n]
                    if seen > position:
                        usual = n
                        break
            while tail and count:
                line, cells = tail[-1]
                keys = [header_key(c) for c in cells if c]
                if _worded_total(cells) and (usual is None or len(keys) < usual):
                    self._totals.add(line)
                    self.skipped.append((line, "totals row"))
                    tail.pop()
                    count -= 1
                    continue
                break
            if each is not None:
                for row in held:
                    if row[0] not in self._totals:
                        each(*row)
            if self._totals:  # the first rows kept for a look (the wizard's sample) are data rows only
                self.rows = [(line, cells) for line, cells in self.rows if line not in self._totals]
            self.skipped.sort()
            self.counted = count
        return self.counted

    def records(self):
        """(line, {header: value}) for each data row."""
        for line, cells in self.rows:
            yield line, {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(self.headers) if h}


def file_format(path: str | Path, wanted: str | None = None) -> str:
    if wanted:
        wanted = wanted.lower().lstrip(".")
        if wanted not in FORMATS:
            raise FileProblem(f"unknown format '{wanted}'; use csv or xlsx")
        return wanted
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "txt", "tsv"):
        return "csv"
    if suffix in ("xlsx", "xlsm"):
        return "xlsx"
    if suffix == "xls":
        raise FileProblem("old Excel files (.xls) cannot be read: in Excel save the file as CSV UTF-8 (.csv) or "
                          "Excel workbook (.xlsx)")
    raise FileProblem(f"'{Path(path).suffix or Path(path).name}' files are not supported; save the file as CSV "
                      "UTF-8 (.csv) or Excel workbook (.xlsx), or say which it is with --format csv|xlsx")


def _readable(path: str | Path, options: ReadOptions) -> tuple[Path, str]:
    """The path and its format, or FileProblem when there is no file to read there."""
    path = Path(path)
    fmt = file_format(path, options.format)
    if not path.exists():
        raise FileProblem("no such file")
    if path.is_dir():
        raise FileProblem("is a folder, not a file")
    return path, fmt


def read_source(path: str | Path, options: ReadOptions | None = None) -> SourceTable:
    """The file's header and data rows; FileProblem when it cannot be read at all."""
    options = options or ReadOptions()
    path, fmt = _readable(path, options)
    if fmt == "xlsx":
        return _read_xlsx(path, options)
    return _read_csv(path, options)


def open_source(path: str | Path, options: ReadOptions | None = None) -> SourceTable:
    """The file's header (found as read_source finds it) with its first data rows; its rows are read again
    from the file on each pass (`table.typed_rows()`), never held whole: a file of millions of rows costs no
    more memory than one of a hundred. FileProblem when it cannot be read."""
    options = options or ReadOptions()
    path, fmt = _readable(path, options)
    extra = {}
    if fmt == "xlsx":
        sheet, names = _xlsx_sheet(path, options)
        stream = lambda: _xlsx_rows(path, sheet)  # noqa: E731
        extra = dict(sheet=sheet, sheets=names)
    else:
        encoding = _csv_encoding(path, options.encoding)
        if options.delimiter:
            delimiter = DELIMITERS.get(options.delimiter)
            if delimiter is None:
                raise FileProblem(f"unknown delimiter '{options.delimiter}'; use , ; or tab")
        else:
            with path.open(encoding=encoding, newline="") as fh:
                delimiter = _sniff_delimiter(list(islice(fh, 30)))
        stream = lambda: _csv_rows(path, encoding, delimiter)  # noqa: E731
        extra = dict(encoding=encoding, delimiter=delimiter)
    stream = _unchanged(path, stream)
    head = [(line, cells) for line, cells, _d, _n in islice((r for r in stream() if any(r[1])), 31)]
    table = _shape(str(path), fmt, head, options, totals=False)
    for key, value in extra.items():
        setattr(table, key, value)
    table.stream = stream
    return table


CHANGED = ("the file changed after it was read (saved again or replaced): read it again, and check it again, so "
           "that what is imported is what was checked")


def _unchanged(path: Path, stream):
    """`stream`, refusing (FileProblem) to read the file again once its size or modification time differ from
    when it was opened: the wizard checks the rows in one pass and imports them in another, and a file saved
    in between would import rows no one checked."""
    def stamp() -> tuple[int, int]:
        try:
            st = path.stat()
        except OSError:
            return (-1, -1)
        return (st.st_size, st.st_mtime_ns)

    seen = stamp()

    def read():
        if stamp() != seen:
            raise FileProblem(CHANGED)
        return stream()

    return read


def _csv_encoding(path: Path, wanted: str | None) -> str:
    """The encoding `decode` would choose for the file, found by reading it in blocks (constant memory)."""
    import codecs

    with path.open("rb") as fh:
        start = fh.read(4)
    if wanted:
        name = wanted.lower().replace("_", "-")
        name = {"utf8": "utf-8", "latin1": "latin-1", "windows-1252": "cp1252", "ansi": "cp1252"}.get(name, name)
        if name in ("utf-8", "utf-8-sig") and start.startswith(b"\xef\xbb\xbf"):
            name = "utf-8-sig"
        try:
            codecs.lookup(name)
        except LookupError:
            raise FileProblem(f"unknown encoding '{wanted}'; use utf-8, cp1252 or latin-1") from None
        problem = _decodes(path, name)
        if problem is not None:
            line, byte = problem
            raise FileProblem(f"the file is not {wanted} text (byte {byte:#04x}); try --encoding "
                              f"{'cp1252' if name.startswith('utf') else 'utf-8'}", line=line)
        return name
    if start.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for name in ("utf-8", "cp1252"):
        if _decodes(path, name) is None:
            return name
    return "latin-1"


def _decodes(path: Path, encoding: str, block: int = 1 << 20) -> tuple[int, int] | None:
    """None when the whole file decodes as `encoding`, else (line, byte) of the first byte that does not."""
    import codecs

    decoder = codecs.getincrementaldecoder(encoding)()
    lines = 0
    with path.open("rb") as fh:
        while True:
            data = fh.read(block)
            try:
                decoder.decode(data, final=not data)
            except UnicodeDecodeError as exc:
                return lines + data[: max(exc.start, 0)].count(b"\n") + 1, data[exc.start] if data else 0
            if not data:
                return None
            lines += data.count(b"\n")


def _csv_rows(path: Path, encoding: str, delimiter: str):
    """(line, stripped cells, {}, set()) for each physical row of a CSV file, read as it goes."""
    with path.open(encoding=encoding, newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        previous_end = 0
        try:
            for cells in reader:
                start, previous_end = previous_end + 1, reader.line_num
                # most rows have no white space at all to strip: seen in one string (ASCII, printable: no tab,
                # line break or other control; no space), the cells are as read
                joined = "|".join(cells)
                if not (joined.isascii() and joined.isprintable() and " " not in joined):
                    cells = list(map(str.strip, cells))
                yield start, cells, {}, set()
        except csv.Error as exc:
            raise FileProblem(f"not valid CSV: {exc}", line=reader.line_num) from None


def _open_workbook(path: Path):
    """The workbook read-only (close it after use), or FileProblem naming why it cannot be read."""
    import zipfile

    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise FileProblem(f"not a readable Excel workbook (.xlsx): {exc}") from None


def _pick_sheet(workbook, options: ReadOptions):
    """The sheet `options.sheet` names (exact, then ignoring case) or the first one; FileProblem lists the
    sheets when none matches."""
    names = tuple(workbook.sheetnames)
    if not options.sheet:
        return workbook.worksheets[0]
    match = [n for n in names if n == options.sheet] or [n for n in names if n.lower() == options.sheet.lower()]
    if not match:
        raise FileProblem(f"the workbook has no sheet '{options.sheet}' (sheets: {', '.join(names)})")
    return workbook[match[0]]


def _xlsx_sheet(path: Path, options: ReadOptions) -> tuple[str, tuple[str, ...]]:
    workbook = _open_workbook(path)
    try:
        return _pick_sheet(workbook, options).title, tuple(workbook.sheetnames)
    finally:
        workbook.close()


def _xlsx_rows(path: Path, sheet_name: str):
    """(line, cells as text, {column: date}, {columns holding a number}) for each row of the sheet (read only)."""
    workbook = _open_workbook(path)
    try:
        line = 0
        for row in workbook[sheet_name].iter_rows():
            line, values, dates, numbers = _typed(row, line)
            yield line, values, dates, numbers
    finally:
        workbook.close()


def _typed(row, line: int) -> tuple[int, list[str], dict[int, dt.date], set[int]]:
    real = [c for c in row if getattr(c, "row", None) is not None]
    line = real[0].row if real else line + 1
    values: list[str] = []
    dates: dict[int, dt.date] = {}
    numbers: set[int] = set()
    for i, c in enumerate(row):
        v = getattr(c, "value", None)
        if isinstance(v, dt.datetime):
            dates[i] = v.date()
        elif isinstance(v, dt.date):
            dates[i] = v
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            numbers.add(i)
        values.append(_cell_text(v))
    return line, values, dates, numbers


def list_sheets(path: str | Path) -> tuple[str, ...]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        return tuple(workbook.sheetnames)
    finally:
        workbook.close()


# --- CSV -----------------------------------------------------------------------------------


def decode(data: bytes, encoding: str | None) -> tuple[str, str]:
    """(text, encoding used). Without a choice: UTF-8 (a BOM noted), else Windows-1252, which reads every byte
    of the Latin-1 files old systems export (á é í ó ú ñ ¿ ¡ °)."""
    if encoding:
        name = encoding.lower().replace("_", "-")
        name = {"utf8": "utf-8", "latin1": "latin-1", "windows-1252": "cp1252", "ansi": "cp1252"}.get(name, name)
        if name in ("utf-8", "utf-8-sig") and data.startswith(b"\xef\xbb\xbf"):
            name = "utf-8-sig"
        try:
            return data.decode(name), name
        except LookupError:
            raise FileProblem(f"unknown encoding '{encoding}'; use utf-8, cp1252 or latin-1") from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise FileProblem(f"the file is not {encoding} text (byte {data[exc.start]:#04x}); try --encoding "
                              f"{'cp1252' if name.startswith('utf') else 'utf-8'}", line=line) from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sniff_delimiter(lines: list[str]) -> str:
    """The separator of the header: the one among `, ; tab |` that splits the most of the first lines into the
    same number (>1) of cells; ties go to `;` over `,` (a comma is more often a decimal or inside a name)."""
    best, best_score = ",", (0, 0)
    for delimiter in ("\t", ";", ",", "|"):
        counts = []
        for line in lines[:30]:
            if not line.strip():
                continue
            try:
                cells = next(csv.reader([line], delimiter=delimiter), [])
            except csv.Error:  # e.g. a field over csv's limit: not this separator
                cells = [line]
            counts.append(len(cells))
        wide = [c for c in counts if c > 1]
        if not wide:
            continue
        usual = max(set(wide), key=lambda c: (wide.count(c), c))  # the width most lines share
        score = (wide.count(usual), usual)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, options: ReadOptions) -> SourceTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileProblem(f"cannot read the file: {exc.strerror or exc}") from None
    text, encoding = decode(data, options.encoding)
    if options.delimiter:
        delimiter = DELIMITERS.get(options.delimiter)
        if delimiter is None:
            raise FileProblem(f"unknown delimiter '{options.delimiter}'; use , ; or tab")
    else:
        delimiter = _sniff_delimiter(text.splitlines()[:30])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    previous_end = 0
    try:
        for cells in reader:
            start, previous_end = previous_end + 1, reader.line_num
            rows.append((start, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise FileProblem(f"not valid CSV: {exc}", line=reader.line_num) from None
    table = _shape(str(path), "csv", rows, options)
    table.encoding, table.delimiter = encoding, delimiter
    return table


# --- XLSX -----------------------------------------------------------------------------------


def _read_xlsx(path: Path, options: ReadOptions) -> SourceTable:
    workbook = _open_workbook(path)
    try:
        names = tuple(workbook.sheetnames)
        sheet = _pick_sheet(workbook, options)
        rows: list[tuple[int, list[str]]] = []
        dates: dict[tuple[int, int], dt.date] = {}
        numbers: set[tuple[int, int]] = set()
        line = 0
        for row in sheet.iter_rows():
            line, values, typed_dates, typed_numbers = _typed(row, line)
            dates.update(((line, i), day) for i, day in typed_dates.items())
            numbers.update((line, i) for i in typed_numbers)
            rows.append((line, values))
    finally:
        workbook.close()
    table = _shape(str(path), "xlsx", rows, options)
    table.sheet, table.sheets = sheet.title, names
    table.raw_dates, table.serials = dates, numbers
    return table


# --- header, title rows, totals --------------------------------------------------------------


def _looks_like_value(text: str) -> bool:
    t = text.replace(",", "").replace(".", "").replace("-", "").replace("/", "").replace(" ", "")
    return t.isdigit()


def _header_score(cells: list[str]) -> tuple[int, int] | None:
    filled = [c for c in cells if c]
    if len(filled) < 2 or any(_looks_like_value(c) for c in filled):
        return None
    known = sum(1 for c in filled if header_key(c) in _KNOWN)
    return known, len(filled)


def _worded_total(cells: list[str]) -> bool:
    """A row with a cell that says it is a totals row ("TOTAL", "Totales", "Total general")."""
    # header_key (accents, signs) only for cells that may hold such a word: a scan asks of every row, and most
    # rows have none (all ASCII, no "tot" nor "sum" in any case): the row's cells looked at in one string first
    joined = "\x00".join(cells)
    if joined.isascii():
        lowered = joined.lower()
        if "tot" not in lowered and "sum" not in lowered:
            return False
    words = [header_key(c).split() for c in cells
             if c and (not c.isascii() or "tot" in c.lower() or "sum" in c.lower())]
    return any(w and (" ".join(w) in _TOTAL_WORDS or (w[0] in ("total", "totales", "subtotal") and len(w) <= 3))
               for w in words)


def _shape(path: str, fmt: str, rows: list[tuple[int, list[str]]], options: ReadOptions,
           totals: bool = True) -> SourceTable:
    nonblank = [(line, cells) for line, cells in rows if any(cells)]
    if not nonblank:
        raise FileProblem("the file is empty; it needs a header row (column names) and data rows")
    if options.header_line:
        index = next((i for i, (line, _c) in enumerate(nonblank) if line == options.header_line), None)
        if index is None:
            raise FileProblem(f"line {options.header_line} is empty or not in the file", line=options.header_line)
    else:
        index = None
        best = None
        for i, (_line, cells) in enumerate(nonblank[:30]):
            score = _header_score(cells)
            if score is None:
                continue
            if score[0] >= 2:  # two or more headers we know: this is it
                index = i
                break
            if best is None:
                best = i
        if index is None:
            index = best
        if index is None:
            raise FileProblem("no header row found: the first rows must name the columns (e.g. Número, Cliente, "
                              "Fecha de emisión, Importe)")
    header_line, header_cells = nonblank[index]
    width = len(header_cells)
    while width and not header_cells[width - 1]:
        width -= 1
    headers = header_cells[:width]
    skipped = [(line, "title row above the header") for line, _c in nonblank[:index]]
    data = nonblank[index + 1:]
    # a trailing totals row ("TOTAL", "Totales", "Total general": fewer cells filled than the rows above it)
    # is not a document; a customer called "Total Logistics S.A.C." on the last row is
    if len(data) > 1:
        filled = sorted(sum(1 for c in cells if c) for _l, cells in data[:-1])
        usual = filled[len(filled) // 2]
    else:
        usual = None
    while data and totals:
        line, cells = data[-1]
        keys = [header_key(c) for c in cells if c]
        if _worded_total(cells) and (usual is None or len(keys) < usual):
            skipped.append((line, "totals row"))
            data.pop()
            continue
        break
    table = SourceTable(path, fmt, headers, header_line, data)
    table.skipped = sorted(skipped)
    return table
