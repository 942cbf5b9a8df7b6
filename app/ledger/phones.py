"""Phone numbers checked for the customer's country with phonenumbers (libphonenumber's data), and written in
international form when valid (+51 987 654 321). A number that fails is not refused outright: the caller shows
the problem and lets the person keep it (an extension, an internal line), like app.ledger.tax_ids."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PhoneCheck:
    value: str  # international form when valid, else as typed without surrounding spaces
    problem: str | None  # None when valid (or empty); else why, in one sentence

    @property
    def valid(self) -> bool:
        return self.problem is None


def check_phone(country: str | None, value: str | None) -> PhoneCheck:
    import phonenumbers

    text = (value or "").strip()
    if not text:
        return PhoneCheck(text, None)
    region = (country or "").strip().upper() or None
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else region)
        valid = phonenumbers.is_valid_number(number)
    except phonenumbers.NumberParseException:
        valid = False
    if not valid:
        where = f"for {region}" if region and not text.startswith("+") else ""
        return PhoneCheck(text, f"'{text}' is not a valid phone number {where}".rstrip()
                          + " (write +country code for a foreign one).")
    return PhoneCheck(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), None)
