"""SMS texts exported as CSV for an SMS gateway: phone (E.164), customer_code, message.

Cells from user data (customer code, message) that a spreadsheet would run as a formula (starting with
=, +, -, @, tab or CR) are prefixed with an apostrophe. The phone column is the one exception on purpose: it
is validated E.164 ("+51987654321", a '+' and digits only, which cannot carry a formula), and a gateway needs
it exactly so; an apostrophe would break every number.
"""

from __future__ import annotations

import csv
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from app.reports.aging_export import neutralise as _spreadsheet_text

from .whatsapp import normalize_phone

COLUMNS = ("phone", "customer_code", "message")


@dataclass(frozen=True)
class SmsRow:
    phone: str
    customer_code: str
    message: str


def neutralise(value: str) -> str:
    """'=HYPERLINK(...)' -> "'=HYPERLINK(...)" so a spreadsheet shows it as text instead of running it (the
    rule of every export, app.reports.aging_export.neutralise, for any value)."""
    return _spreadsheet_text("" if value is None else str(value))


def sms_text(text: str) -> str:
    """One line, plain spaces (a no-break space would force the gateway into UCS-2 and halve the length)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def export_sms_csv(rows: Iterable[SmsRow | tuple[str, str, str] | dict], path, *, default_region: str = "PE") -> int:
    """Write the CSV (UTF-8, header row); returns the number of rows. Phones are normalised to E.164 and an
    invalid phone raises InvalidPhoneError naming the number before anything is written."""
    prepared: list[tuple[str, str, str]] = []
    for row in rows:
        if isinstance(row, dict):
            phone, code, message = row["phone"], row["customer_code"], row["message"]
        elif isinstance(row, SmsRow):
            phone, code, message = row.phone, row.customer_code, row.message
        else:
            phone, code, message = row
        e164 = normalize_phone(phone, default_region)
        # E.164 is '+' and digits only, so it cannot carry a formula; the other cells are user data.
        prepared.append((e164, neutralise(code), neutralise(sms_text(message))))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".csv.part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(COLUMNS)
            writer.writerows(prepared)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return len(prepared)
