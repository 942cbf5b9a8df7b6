"""The date rules and how dates are shown: one place for both (no Qt).

- The hard range: a date before 1900-01-01 or after 2199-12-31 is never a business date (a year typed
  as 5050, or 0001 from a mistyped argument). Every domain function that records a document refuses
  it (`check_range`), whoever calls it.
- Far dates: a document date more than a year before or after today (`app.config.today()`) is
  probably a typo (2051 for 2015, 2062 for 2026). It is allowed only when the person says so: the GUI
  asks for confirmation showing the date in words (`app.ui.date_guard`), imports need
  `--allow-far-dates`, and `check_far(..., allow_far=False)` refuses it otherwise.
- Four-digit years: `fmt_date` is Babel's format for the locale with every year written in full
  ("4/03/2051", never Babel's short "4/03/51", which hides a wrong century).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .errors import DateOutOfRangeError, FarDateError, InvalidValueError

MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)
FORMATS = ("short", "medium", "long", "full")


# --- the hard range --------------------------------------------------------------------


def check_document_date(value, field: str, what: str) -> None:
    """The date a document is recorded on (`what`: "invoice", "payment", ...): given, and in range."""
    if not isinstance(value, dt.date):
        label = field.replace("_", " ")
        article = "an" if label[0] in "aeiou" else "a"
        raise InvalidValueError(f"The {what} needs {article} {label}.", field=field)
    check_range(value, field)


def in_range(value: dt.date) -> bool:
    return MIN_DATE <= value <= MAX_DATE


def range_reason(value: dt.date) -> str | None:
    """Why `value` is outside the accepted range ("5050-03-04 is after 2199-12-31, ..."), or None."""
    if value < MIN_DATE:
        return (f"{value.isoformat()} is before {MIN_DATE.isoformat()}, the earliest date Cobranza accepts; "
                "check the year")
    if value > MAX_DATE:
        return (f"{value.isoformat()} is after {MAX_DATE.isoformat()}, the latest date Cobranza accepts; "
                "check the year")
    return None


def field_label(field: str) -> str:
    """'issue_date' -> 'Issue date' (for messages that name the field)."""
    text = (field or "date").replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def check_range(value: dt.date | None, field: str = "date") -> dt.date | None:
    """Return `value`, or raise DateOutOfRangeError naming the field. None passes (optional dates)."""
    if value is None:
        return None
    reason = range_reason(value)
    if reason:
        raise DateOutOfRangeError(value, field, f"{field_label(field)} {reason}.")
    return value


# --- far dates -------------------------------------------------------------------------


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def far_limits(today: dt.date) -> tuple[dt.date, dt.date]:
    """The nearest dates that are not far: a year before and a year after `today`."""
    return _shift_years(today, -1), _shift_years(today, 1)


def is_far(value: dt.date, today: dt.date | None = None) -> bool:
    """More than a year before or after `today` (default: `app.config.today()`)."""
    if today is None:
        from app import config

        today = config.today()
    low, high = far_limits(today)
    return value < low or value > high


def far_reason(value: dt.date, hint: str = "check the year, or pass --allow-far-dates") -> str:
    """'2051-03-04 is more than a year from today; check the year, or pass --allow-far-dates'."""
    return f"{value.isoformat()} is more than a year from today; {hint}"


def check_far(value: dt.date | None, field: str = "date", *, today: dt.date | None = None,
              allow_far: bool = False, hint: str = "check the year, or pass --allow-far-dates") -> dt.date | None:
    """Return `value`; raise FarDateError when it is more than a year from today and `allow_far` is
    not set. The hard range is checked first (DateOutOfRangeError), far or not."""
    if value is None:
        return None
    check_range(value, field)
    if not allow_far and is_far(value, today):
        raise FarDateError(value, field, f"{field_label(field)} {far_reason(value, hint)}.")
    return value


# --- showing dates ---------------------------------------------------------------------


@lru_cache(maxsize=64)
def four_digit_pattern(pattern: str) -> str:
    """A CLDR date pattern with every year field ('y', 'yy', 'yyy') written as 'yyyy'; quoted text kept."""
    out, i, n = [], 0, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "'":  # a quoted literal, '' is a quote
            j = i + 1
            while j < n:
                if pattern[j] == "'":
                    if j + 1 < n and pattern[j + 1] == "'":
                        j += 2
                        continue
                    break
                j += 1
            out.append(pattern[i:j + 1])
            i = j + 1
            continue
        j = i
        while j < n and pattern[j] == ch:
            j += 1
        run = pattern[i:j]
        out.append("yyyy" if ch == "y" and len(run) < 4 else run)
        i = j
    return "".join(out)


@lru_cache(maxsize=64)
def date_pattern(locale: str = "es_PE", format: str = "short") -> str:  # noqa: A002
    """The locale's Babel pattern for a named format, with a four-digit year: es_PE short 'd/MM/yyyy'."""
    from babel.dates import get_date_format

    return four_digit_pattern(get_date_format(format, locale=locale).pattern)


def fmt_date(value: dt.date | None, locale: str = "es_PE", format: str = "short") -> str:  # noqa: A002
    """A date for people, always with four-digit years: "short" (4/03/2051 in es_PE, 3/4/2051 in en_US),
    "medium" (4 mar 2051), "long" (4 de marzo de 2051), "full", or a CLDR pattern ("d 'de' MMMM")."""
    if value is None:
        return ""
    from babel.dates import format_date

    pattern = date_pattern(str(locale), format) if format in FORMATS else four_digit_pattern(format)
    return format_date(value, format=pattern, locale=locale)
