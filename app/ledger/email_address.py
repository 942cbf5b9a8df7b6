"""E-mail addresses as entered: exactly one address per field, nothing that could break a message header.

`a@b.com,x` used to be accepted and mailed to two recipients, a NUL or a line break went into the header as
is, and the company e-mail could hold two addresses (both ended up in Reply-To). One rule, used by the
customer and company functions (and so by the importer, the CLI and the GUI): an addr-spec, local@domain,
with no display name, no list, no whitespace or control characters, no quotes or comments.

Internationalised addresses (`josé@ejemplo.pe`, RFC 6531) are valid: they are sent with SMTPUTF8 when the
server offers it, and refused at delivery, with the reason, when it does not.
"""

from __future__ import annotations

import re
import unicodedata
from email.errors import HeaderParseError
from email.headerregistry import Address

from .errors import InvalidValueError

# the local part: RFC 5322 atext and dots, plus any non-ASCII letter (RFC 6531); no quoted strings
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~\u0080-\U0010FFFF-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~"
                    r"\u0080-\U0010FFFF-]+)*$")
# a domain label: letters (any script), digits and inner hyphens
_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")


def _problem(value: str) -> str | None:
    """Why `value` is not one address, or None when it is."""
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") or ch.isspace() for ch in value):
        return "it contains a space, a line break or a control character"
    if any(ch in value for ch in ",;"):
        return "it holds more than one address (one address per field)"
    if any(ch in value for ch in '<>()[]"\\'):
        return "write the address alone (name@domain), without a name, brackets or quotes"
    if value.count("@") != 1:
        return "an address has exactly one @"
    local, domain = value.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return "the part before the @ is not valid"
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) and "_" not in label for label in labels):
        return "the domain after the @ is not valid (e.g. empresa.com.pe)"
    if labels[-1].isdigit():
        return "the domain after the @ is not valid (e.g. empresa.com.pe)"
    if len(value) > 254:
        return "an address has at most 254 characters"
    try:  # the stdlib must read it back as the same single address (it parses non-ASCII parts only as parts)
        parsed = Address(addr_spec=value) if value.isascii() else Address(username=local, domain=domain)
    except (ValueError, IndexError, HeaderParseError):
        return "it is not an address the e-mail library can read"
    if parsed.addr_spec != value:
        return "it is not an address the e-mail library can read"
    return None


def email_problem(value: str | None) -> str | None:
    """Why the stored value cannot be used as one address (None when it can, or when it is empty)."""
    if value is None or value == "":
        return None
    return _problem(value)


def check_email(value: str | None, *, field: str = "email") -> str | None:
    """The address, stripped; None for empty. Raises InvalidValueError naming the field and the fix."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    problem = _problem(text)
    if problem:
        shown = text.encode("unicode_escape").decode("ascii") if any(not ch.isprintable() for ch in text) else text
        raise InvalidValueError(f"'{shown}' is not a valid e-mail address: {problem}.", field=field)
    return text
