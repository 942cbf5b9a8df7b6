"""Reading the values of real files: dates in the orders people write them, Excel serial dates, amounts with
currency symbols and a chosen decimal separator, yes/no columns. Whatever could be read two ways is refused
with both readings, never guessed."""

from __future__ import annotations

import datetime as dt
import re

from .fields import header_key

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_PARTS = re.compile(r"^\s*(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?\s*$")
ORDERS = {"dmy": "day/month/year", "mdy": "month/day/year", "ymd": "year-month-day"}


class ValueProblem(ValueError):
    pass


def order_of(date_format: str | None) -> str | None:
    """"dd/mm/yyyy" -> "dmy", "%m/%d/%Y" -> "mdy", "yyyy-mm-dd" -> "ymd"; None for None."""
    if not date_format:
        return None
    text = date_format.lower().replace("%", "")
    letters = [c for c in text if c in "dmy"]
    order = "".join(dict.fromkeys(letters))
    if order not in ORDERS:
        raise ValueProblem(f"date format '{date_format}' is not one we read; use dd/mm/yyyy, mm/dd/yyyy, "
                           "yyyy-mm-dd or d-m-yy")
    return order


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) <= 2:
        # two-digit years: the century that puts the date nearest today (26 -> 2026, 98 -> 1998)
        century = today.year // 100 * 100
        year = century + year
        if year > today.year + 50:
            year -= 100
    return year


def split_date(value: str):
    """The three numbers of a d/m/y-like text, or None."""
    m = _PARTS.match(value)
    return m.groups() if m else None


def column_order(values, fixed: str | None) -> tuple[str | None, str | None]:
    """(order, problem) for a date column: the chosen order, or the one the column's values allow. ISO
    yyyy-mm-dd needs no choice. For d/m/y-like values: a first part above 12 means day first, a second part
    above 12 month first; a column that has both is refused, one with neither is ambiguous (None, problem)."""
    if fixed:
        return fixed, None
    order = DateOrder()
    for value in values:
        order.add(value)
    return order.result()


class DateOrder:
    """column_order's reading, value by value (a file streamed in one pass)."""

    def __init__(self):
        self.day_first = self.month_first = self.ambiguous = 0

    def add(self, value: str) -> None:
        parts = split_date(value or "")
        if not parts or len(parts[0]) == 4:
            return
        a, b = int(parts[0]), int(parts[1])
        if a > 12 and b <= 12:
            self.day_first += 1
        elif b > 12 and a <= 12:
            self.month_first += 1
        elif a != b:
            self.ambiguous += 1

    def result(self) -> tuple[str | None, str | None]:
        if self.day_first and self.month_first:
            return None, ("the column has dates written day first (31/01) and month first (01/31); choose the "
                          "date format (--date-format dd/mm/yyyy or mm/dd/yyyy)")
        if self.day_first:
            return "dmy", None
        if self.month_first:
            return "mdy", None
        if self.ambiguous:
            return None, "ambiguous"
        return "dmy", None  # every value has day == month (or none is d/m/y-like): both readings are the same date


def parse_date(value: str, order: str | None, today: dt.date, *, serial_ok: bool = True) -> dt.date:
    value = value.strip()
    if serial_ok and value.isdigit() and 5 <= len(value) <= 5:
        number = int(value)
        if 20000 <= number <= 80000:  # 1954..2119: an Excel date stored as its serial number
            return _EXCEL_EPOCH + dt.timedelta(days=number)
    parts = split_date(value)
    if not parts:
        raise ValueProblem(f"'{value}' is not a valid date; write it as YYYY-MM-DD (e.g. 2026-01-31) or dd/mm/yyyy")
    a, b, c = parts
    if len(a) == 4:
        try:
            return dt.date(int(a), int(b), int(c))
        except ValueError:
            raise ValueProblem(f"'{value}' is not a valid date; write it as YYYY-MM-DD (e.g. 2026-01-31)") from None
    elif order is None:
        readings = []
        for o in ("dmy", "mdy"):
            try:
                readings.append(parse_date(value, o, today, serial_ok=False))
            except ValueProblem:
                pass
        if len(set(readings)) > 1:
            shown = " or ".join(r.isoformat() for r in readings)
            raise ValueProblem(f"'{value}' could be {shown}; choose the date format (--date-format dd/mm/yyyy "
                               "or mm/dd/yyyy)")
        if readings:
            return readings[0]
        raise ValueProblem(f"'{value}' is not a valid date")
    elif order == "ymd":
        y, m, d = _year(a, today), int(b), int(c)
    elif order == "mdy":
        m, d, y = int(a), int(b), _year(c, today)
    else:
        d, m, y = int(a), int(b), _year(c, today)
    if len(c) == 3 or len(a) == 3:
        raise ValueProblem(f"'{value}' is not a valid date (a 3-digit year)")
    try:
        return dt.date(y, m, d)
    except ValueError:
        fmt = {"dmy": "dd/mm/yyyy", "mdy": "mm/dd/yyyy", "ymd": "yyyy-mm-dd"}.get(order or "", "yyyy-mm-dd")
        raise ValueProblem(f"'{value}' is not a valid date as {fmt}") from None


# --- currencies ----------------------------------------------------------------------------------

_SYMBOLS = {"s/": "PEN", "s/.": "PEN", "s": "PEN", "soles": "PEN", "sol": "PEN", "nuevos soles": "PEN",
            "us$": "USD", "u$s": "USD", "usd$": "USD", "dolares": "USD", "dolar": "USD", "dolares americanos": "USD",
            "us dolares": "USD", "col$": "COP", "cop$": "COP", "mx$": "MXN", "mex$": "MXN", "clp$": "CLP",
            "ch$": "CLP", "ar$": "ARS", "€": "EUR", "euros": "EUR", "euro": "EUR", "r$": "BRL", "£": "GBP",
            "bs": "BOB", "bs.": "BOB", "q": "GTQ", "₡": "CRC"}
_DOLLAR_SIGN = {"USD", "MXN", "COP", "CLP", "ARS", "UYU", "CAD", "AUD"}
_PESOS = {"MXN", "COP", "CLP", "ARS", "UYU", "DOP"}
_AMOUNT_SYMBOL = re.compile(r"^(?P<pre>[^\d\-+(.,]*)(?P<num>[\-+(]?\s*[\d.,\s']+\)?\s*-?)(?P<post>[^\d]*)$")


def currency_code(text: str, company_currency: str) -> str:
    """The ISO code a currency cell or symbol means: PEN, "S/", "S/.", "US$", "Soles", "COL$"... A bare "$" is
    the company's currency when that one is written with "$" (MXN, COP, CLP, USD...); elsewhere it is refused:
    in Peru "$" is dollars to some and a typo to others."""
    raw = (text or "").strip()
    key = raw.lower().replace(" ", "") if raw.lower().replace(" ", "") in _SYMBOLS else header_key(raw)
    if raw.lower() in _SYMBOLS:
        return _SYMBOLS[raw.lower()]
    if key in _SYMBOLS:
        return _SYMBOLS[key]
    if raw == "$":
        if company_currency in _DOLLAR_SIGN:
            return company_currency
        raise ValueProblem("'$' could be US dollars or another currency written with $; write USD (or the "
                           "currency's code)")
    if key in ("pesos", "peso"):
        if company_currency in _PESOS:
            return company_currency
        raise ValueProblem(f"'{raw}': which pesos? write the code (MXN, COP, CLP, ARS)")
    code = raw.upper()
    if len(code) == 3 and code.isalpha():
        return code
    raise ValueProblem(f"'{raw}' is not a currency we know; write its ISO code (PEN, USD, MXN, COP, CLP)")


def split_amount(text: str, company_currency: str) -> tuple[str, str | None]:
    """("1234.50", "PEN") from "S/ 1234.50"; the symbol (before or after) becomes a currency code; "(100.00)",
    as accountants write a negative, becomes "-100.00"."""
    value = text.strip()
    if value.isascii() and value.replace(".", "", 1).isdigit():  # plain 1234.50, as most cells are: no symbol
        return value, None
    m = _AMOUNT_SYMBOL.match(value)
    if not m:
        return value, None
    pre, num, post = m.group("pre").strip(), m.group("num").strip(), m.group("post").strip()
    symbol = pre or post
    if pre and post:
        return value, None
    currency = currency_code(symbol, company_currency) if symbol else None
    if num.startswith("(") and num.endswith(")"):
        num = "-" + num[1:-1].strip()
    if num.endswith("-") and not num.startswith("-"):
        num = "-" + num[:-1].strip()
    return num.strip(), currency


def with_decimal(number: str, decimal: str) -> str:
    """A number written with the chosen decimal separator as plain "1234.56": the other separator (and spaces,
    apostrophes) must group thousands by three, else refused."""
    other = "." if decimal == "," else ","
    sign = ""
    text = number.replace(" ", "").replace("\u00a0", "").replace("'", "")
    if text[:1] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:]
    if text.count(decimal) > 1:
        raise ValueProblem(f"'{number}' has '{decimal}' twice, and '{decimal}' is the decimal separator")
    whole, _sep, fraction = text.partition(decimal)
    if other in whole:
        groups = whole.split(other)
        if not groups[0] or len(groups[0]) > 3 or any(len(g) != 3 for g in groups[1:]):
            raise ValueProblem(f"'{number}': '{other}' must group thousands by three when '{decimal}' is the "
                               "decimal separator")
        whole = "".join(groups)
    if other in fraction or not (whole or fraction) or not (whole + fraction).isdigit():
        raise ValueProblem(f"'{number}' is not a number written with '{decimal}' as the decimal separator")
    return sign + (whole or "0") + ("." + fraction if fraction else "")


_TRUE = {"si", "s", "yes", "y", "true", "verdadero", "1", "x", "observada", "observado", "en disputa", "disputa",
         "disputada", "disputado", "reclamo", "en reclamo", "disputed", "contested"}
_FALSE = {"no", "n", "false", "falso", "0", "", "pendiente", "emitida", "emitido", "vigente", "aceptada",
          "aceptado", "normal", "ok", "undisputed", "registrado", "registrada"}


def parse_bool(text: str) -> bool:
    key = header_key(text)
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise ValueProblem(f"'{text}' is not yes or no (sí/no, yes/no, true/false, 1/0)")
