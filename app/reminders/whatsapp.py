"""WhatsApp click-to-chat links and phone numbers in E.164.

`whatsapp_link` gives `https://wa.me/<digits>?text=<message>`: opened from the run or the customer card,
WhatsApp (app or web) starts a chat with the message filled in; the collector presses send.
"""

from __future__ import annotations

from urllib.parse import quote

import phonenumbers


class InvalidPhoneError(ValueError):
    """A phone number that cannot be dialled. `phone` is the number as entered."""

    def __init__(self, phone: str | None, region: str | None, reason: str):
        self.phone = phone
        self.region = region
        super().__init__(f"Phone number '{phone or ''}' {reason}")


def normalize_phone(raw: str | None, region: str | None = "PE") -> str:
    """'987 654 321' (region PE) -> '+51987654321'. A number starting with + or 00 ignores the region.

    Raises InvalidPhoneError naming the number when it is empty, unparsable or not a valid number.
    """
    text = (raw or "").strip()
    if not text:
        raise InvalidPhoneError(raw, region, "is empty; enter the customer's mobile number.")
    if text.startswith("00"):
        text = "+" + text[2:]
    region_code = (region or "").upper() or None
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else region_code)
    except phonenumbers.NumberParseException:
        hint = "" if text.startswith("+") or region_code else " (write it with the country code, e.g. +51...)"
        raise InvalidPhoneError(raw, region, f"is not a phone number{hint}.") from None
    if not phonenumbers.is_valid_number(number):
        where = phonenumbers.region_code_for_number(number) or region_code or "?"
        raise InvalidPhoneError(raw, region, f"is not a valid number for {where}; check the digits and the "
                                             f"country code.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def whatsapp_link(phone: str, text: str, default_region: str | None = "PE") -> str:
    """https://wa.me/51987654321?text=... (digits of the E.164 number, no '+'; text URL-encoded as UTF-8)."""
    digits = normalize_phone(phone, default_region).lstrip("+")
    link = f"https://wa.me/{digits}"
    if text:
        link += "?text=" + quote(text, safe="")
    return link
