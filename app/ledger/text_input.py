"""Text typed or imported by people: the one place that bounds its length and refuses invisible characters.

Every free-text field a user action stores (names, codes, document numbers, addresses, references, notes,
reasons) goes through `clean_text`, at entry (dialogs, CLI) and at import, so the same mistake gets the same
message everywhere:

- surrounding spaces are stripped (as before);
- a value longer than its field's limit (`LIMITS`) is refused with a message naming the field and the limit
  (a 100,000-character address used to break every statement);
- control characters (NUL, ESC, BEL, ...), the Unicode line and paragraph separators and the bidirectional
  controls (right-to-left override U+202E and its kin, which make "cod.exe" read as "exe.doc") are refused,
  never silently stripped: what the user sees in their file is what Cobranza stores, or they are told which
  character at which position to remove. Line breaks and tabs are allowed only in the multi-line fields
  (addresses, notes, reasons); there a CR LF or a lone CR becomes LF.

Codes and numbers are unique regardless of case (`same_key`): "F001-1" and "f001-1" are the same invoice.
"""

from __future__ import annotations

import unicodedata

from .errors import InvalidValueError

# Characters, in the database's columns where they have a size, else what a letter or statement can lay out.
LIMITS: dict[str, int] = {
    "code": 40,            # customer code
    "number": 40,          # invoice / credit note number
    "name": 200,           # customer, company, contact names
    "tax_id": 40,
    "phone": 50,
    "city": 100,
    "collector": 100,
    "reference": 100,      # invoice / payment reference
    "address": 500,        # a few lines on a letter
    "notes": 2000,
    "note": 2000,
    "reason": 1000,        # dispute, credit note, void reasons
    "payment_instructions": 1000,
}
MULTILINE = frozenset({"address", "notes", "note", "reason", "payment_instructions"})

# Explicit bidirectional formatting characters (Unicode UAX #9) and other invisible format characters that
# change how a value reads or make two values that look alike differ.
_INVISIBLE = {
    "\u200b": "zero-width space",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202c": "pop directional formatting",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
    "\u2069": "pop directional isolate",
    "\u061c": "Arabic letter mark",
    "\u2028": "line separator",
    "\u2029": "paragraph separator",
    "\ufeff": "byte order mark",
}


def _label(field: str) -> str:
    return field.replace("_", " ")


def bad_character(value: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """(1-based position, description) of the first character a text field may not hold, or None."""
    if value.isprintable():  # no control, format or separator character (every one refused here is one of
        # those: tests/ledger/test_input_fast_paths.py): the usual value, checked at C speed
        return None
    for i, ch in enumerate(value, 1):
        if ch in _INVISIBLE:
            return i, f"an invisible {_INVISIBLE[ch]} (U+{ord(ch):04X})"
        if multiline and ch in "\n\t":
            continue
        if unicodedata.category(ch) == "Cc":
            name = {"\x00": "a NUL character", "\n": "a line break", "\r": "a line break", "\t": "a tab"}.get(
                ch, "a control character")
            return i, f"{name} (U+{ord(ch):04X})"
    return None


def text_problem(value: str, field: str, *, limit: int | None = None, multiline: bool | None = None) -> str | None:
    """Why `value` (already stripped) cannot be stored in `field`, as the tail of a sentence, or None."""
    limit = LIMITS.get(field) if limit is None else limit
    multiline = field in MULTILINE if multiline is None else multiline
    if limit is not None and len(value) > limit:
        return f"is {len(value):,} characters long; at most {limit:,} fit"
    bad = bad_character(value, multiline=multiline)
    if bad:
        position, what = bad
        return f"has {what} at position {position}; remove it"
    return None


def clean_text(value: str | None, field: str, *, limit: int | None = None, multiline: bool | None = None,
               required: bool = False) -> str | None:
    """`value` stripped (line breaks normalised to LF in multi-line fields), or None when empty and not
    `required`; raises InvalidValueError naming the field when it is too long or holds a refused character."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        value = str(value)
    multiline = field in MULTILINE if multiline is None else multiline
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip()
    if not value:
        if required:
            raise InvalidValueError(f"The {_label(field)} is empty.", field=field)
        return None
    problem = text_problem(value, field, limit=limit, multiline=multiline)
    if problem:
        raise InvalidValueError(f"The {_label(field)} {problem}.", field=field)
    return value


def same_key(value: str) -> str:
    """The form two codes or numbers are compared in: "F001-1" and "f001-1" are the same document.
    Lower case (ASCII and beyond, as SQL lower() is used on indexed columns for ASCII values)."""
    return (value or "").strip().lower()
