"""Tax identification numbers of the four home countries, made valid for the demo.

Each generator builds a number whose check digit is right, so a validator (SUNAT's, the SII's or
python-stdnum's, which the tests use) accepts it. The numbers are random: any resemblance to a real taxpayer is chance.

- Peru RUC: 11 digits, "20" for companies, "10" for persons with a business; modulo-11 check digit.
- Mexico RFC (persona moral): 3 letters + YYMMDD of incorporation + 2-character homoclave + check digit.
- Colombia NIT: 9 digits (companies start 800/900/901) + DV, a modulo-11 digit with prime weights.
- Chile RUT: 8 digits (companies 76/77/96 million) + DV, modulo 11 with weights 2..7; 10 is "K".
"""

from __future__ import annotations

import datetime as dt
import random
import re

# --- Peru: RUC --------------------------------------------------------------------------

_RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def ruc_check_digit(first10: str) -> str:
    total = sum(int(d) * w for d, w in zip(first10, _RUC_WEIGHTS))
    return str((11 - total % 11) % 10)


def make_ruc(rng: random.Random, person: bool = False) -> str:
    body = ("10" if person else "20") + f"{rng.randrange(10**8):08d}"
    return body + ruc_check_digit(body)


# --- Mexico: RFC --------------------------------------------------------------------------

_RFC_ALPHABET = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ"
_HOMOCLAVE = "123456789ABCDEFGHIJKLMNPQRSTUVWXYZ"


def rfc_check_digit(first: str) -> str:
    """Check digit for the RFC without it (11 characters for a company, 12 for a person)."""
    padded = first.rjust(12)  # a company's 12-character RFC is scored as if it had a leading blank
    total = sum(_RFC_ALPHABET.index(ch) * (13 - i) for i, ch in enumerate(padded))
    rest = total % 11
    return "0" if rest == 0 else ("A" if rest == 1 else str(11 - rest))


def make_rfc(rng: random.Random, name_letters: str, founded: dt.date) -> str:
    """A company RFC: three letters from the name, the founding date and a homoclave."""
    letters = (re.sub(r"[^A-ZÑ&]", "", name_letters.upper()) + "XXX")[:3]
    body = letters + founded.strftime("%y%m%d") + rng.choice(_HOMOCLAVE) + rng.choice(_HOMOCLAVE)
    return body + rfc_check_digit(body)


# --- Colombia: NIT -----------------------------------------------------------------------

_NIT_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def nit_check_digit(body: str) -> str:
    total = sum(int(d) * w for d, w in zip(reversed(body), _NIT_WEIGHTS))
    rest = total % 11
    return str(rest if rest < 2 else 11 - rest)


def make_nit(rng: random.Random) -> str:
    body = rng.choice(("800", "830", "860", "890", "900", "901")) + f"{rng.randrange(10**6):06d}"
    return f"{body[:3]}.{body[3:6]}.{body[6:]}-{nit_check_digit(body)}"


# --- Chile: RUT ---------------------------------------------------------------------------


def rut_check_digit(body: str) -> str:
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(body)))
    rest = 11 - total % 11
    return "0" if rest == 11 else ("K" if rest == 10 else str(rest))


def make_rut(rng: random.Random) -> str:
    body = str(rng.choice((76, 77, 78, 96)) * 1_000_000 + rng.randrange(1_000_000))
    return f"{body[:-6]}.{body[-6:-3]}.{body[-3:]}-{rut_check_digit(body)}"


# --- United States: EIN (no check digit; a valid IRS campus prefix) ----------------------

EIN_PREFIXES = ("20", "26", "27", "45", "46", "47", "81", "82", "83", "84", "85", "86", "87", "88", "91", "92")


def make_ein(rng: random.Random) -> str:
    return f"{rng.choice(EIN_PREFIXES)}-{rng.randrange(10**7):07d}"
