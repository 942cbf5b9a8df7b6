"""`cobranza tasks --format json`: the task list as the text `json.dumps(..., ensure_ascii=False, indent=2)` gives,
written field by field.

With `indent`, the json module encodes in Python, a generator step per key and value: 0.1-0.2 s for the 9,000
tasks of a million-invoice book, as much as listing them. Every task has the same flat fields, so each is one
template filled with its values, strings escaped by the json module's own C function, money by the
currency's plain formatter (app.ledger.money.plain_formatter: to_str's text). tests/cli/test_tasks_json.py
compares the text with json.dumps."""

from __future__ import annotations

import datetime as dt
import json
import math
from json.encoder import encode_basestring  # the C escaper json.dumps(ensure_ascii=False) uses

from app.ledger.money import plain_formatter

_TASK = ("    {{\n"
         '      "kind": {},\n'
         '      "customer_code": {},\n'
         '      "customer_name": {},\n'
         '      "collector": {},\n'
         '      "currency": {},\n'
         '      "amount": {},\n'
         '      "due_date": {},\n'
         '      "detail": {},\n'
         '      "ref": {},\n'
         '      "risk": {},\n'
         '      "expected_value": {},\n'
         '      "expected_value_company": {},\n'
         '      "rate_missing": {}\n'
         "    }}")


def _value(v) -> str:
    """One JSON value as json.dumps writes it (strings escaped, floats as repr, NaN/Infinity as json does)."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return encode_basestring(v)
    if isinstance(v, float) and math.isfinite(v):
        return float.__repr__(v)
    return json.dumps(v)


def tasks_json(as_of: dt.date, home: str | None, tasks) -> str:
    """The JSON text of the task list (no final newline), as json.dumps(ensure_ascii=False, indent=2) of
    {"as_of", "company_currency", "tasks": [...]} writes it; the fields are those of docs (cobranza tasks)."""
    formatters: dict[str, object] = {}

    def money(amount: int, currency: str) -> str:
        plain = formatters.get(currency)
        if plain is None:
            plain = formatters[currency] = plain_formatter(currency)
        return encode_basestring(plain(amount))

    enc = encode_basestring
    entries = []
    for t in tasks:
        cur = t.currency
        entries.append(_TASK.format(
            enc(t.kind), enc(t.customer_code), enc(t.customer_name), _value(t.collector), _value(cur),
            money(t.amount_minor, cur) if cur else "null",
            enc(t.due_date.isoformat()) if t.due_date else "null", _value(t.detail), _value(t.ref), _value(t.risk),
            money(t.expected_value_minor, cur) if cur else "null",
            # in the company's currency at the as-of date's rate; null (and rate_missing) without one
            "null" if t.expected_value_company_minor is None else money(t.expected_value_company_minor, home),
            _value(t.rate_missing)))
    listed = "[\n" + ",\n".join(entries) + "\n  ]" if entries else "[]"
    return (f'{{\n  "as_of": {enc(as_of.isoformat())},\n  "company_currency": {_value(home)},\n'
            f'  "tasks": {listed}\n}}')
