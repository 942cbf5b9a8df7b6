"""A hypothesis fuzzer over the CLI's arguments and over import files (issue 11): whatever is typed or imported,
the command exits 0 or 2, never with a traceback, and a refusal (exit 2) leaves the database's content exactly
as it was. Derandomized and bounded, so it replays the same few hundred examples in seconds on every run;
the corpus (corpus.py) keeps the cases it found as named rows."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.cli import main

from .test_corpus import book, content_digest  # noqa: F401 - the corpus's book is the fuzzer's too

FUZZ = settings(max_examples=60, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

SPECIAL = ["", " ", "0", "-1", "1e400", "NaN", "inf", "-0", "9" * 25, "1,2,3", "1.234,56", "12.5", "120",
           "0001-01-01", "9999-12-31", "2026-02-30", "2026-07-15", "C001", "c001", "C002", "F001-1", "f001-1",
           "F001-2", "PEN", "USD", "EUR", "xyz", "\x00", "\u202e", "\u200b", "\r\n", "--help", "-", "%s%n",
           "{{7*7}}", "<b>", "'; DROP TABLE customer; --", "é" * 300, "x" * 3000]

# any character but lone surrogates (a command line cannot hold them); short, with the specials mixed in
TEXT = st.one_of(st.sampled_from(SPECIAL),
                 st.text(st.characters(blacklist_categories=("Cs",)), max_size=12))

def value(*good):
    """Mostly a value the command accepts, sometimes a hostile one: the fuzzer gets past argparse."""
    return st.one_of(st.sampled_from(good), st.sampled_from(good), TEXT)


DAY = value("2026-06-30", "2026-07-15", "2026-05-01")
MONEY = value("10", "120.00", "1,234.50", "0.01")
CODE = value("C001", "C002")
# command words: (positional value strategies, {option: strategy} always given, {option: strategy} maybe given)
COMMANDS = {
    ("promise", "add"): ([CODE], {"--date": DAY, "--amount": MONEY},
                         {"--currency": value("PEN", "USD"), "--invoices": value("F001-1", "F002-1"),
                          "--more-than-owed": None}),
    ("activity", "add"): ([CODE], {"--channel": value("call", "visit", "note")},
                          {"--note": value("llamó", "paga el lunes"), "--outcome": value("promise", "contacted"),
                           "--next": DAY, "--promise-date": DAY, "--promise-amount": MONEY}),
    ("dispute", "open"): ([value("F001-1", "F002-1", "F001-2")], {"--reason": value("precio", "mal")},
                          {"--amount": MONEY}),
    ("agreement", "create"): ([CODE], {"--invoices": value("F001-1", "F002-1"), "--installments": value("1", "3"),
                                       "--every": value("week", "month"), "--start": DAY},
                              {"--monthly-rate": value("0", "1.5"), "--down": MONEY,
                               "--grace-days": value("0", "5")}),
    ("settings", "set"): ([value("company.name", "company.address", "company.email", "company.phone",
                                 "smtp.host", "smtp.port", "smtp.security", "smtp.user", "smtp.from", "smtp.timeout",
                                 "contact_rules.country"),
                           value("Andina", "smtp.example.com", "587", "none", "a@b.pe", "PE")], {}, {}),
    ("fx", "set"): ([value("USD", "EUR"), value("3.75", "0.27")], {}, {"--date": DAY}),
    ("aging",): ([], {"--as-of": DAY}, {"--buckets": value("30,60,90", "15"), "--currency": value("PEN", "USD"),
                                        "--customer": CODE, "--basis": value("due", "issue"),
                                        "--format": value("table", "csv", "json"), "--detail": None}),
    ("balance",): ([CODE], {}, {"--as-of": DAY, "--format": value("table", "json")}),
    ("tasks",): ([], {}, {"--as-of": DAY, "--collector": value("ana")}),
    ("kpi",): ([], {"--as-of": DAY}, {"--days": value("30", "90")}),
    ("forecast",): ([], {"--as-of": DAY}, {"--weeks": value("4", "12")}),
    ("reminders", "history"): ([], {}, {"--limit": value("1", "100"), "--customer": CODE}),
    ("reminders", "cancel"): ([value("1")], {"--reason": value("x")}, {}),
    ("dispute", "resolve"): ([value("1")], {"--reject": None}, {"--note": value("ok")}),
    ("policy", "assign"): ([CODE], {}, {"--default": None}),
    ("statement",): ([CODE], {"--as-of": DAY, "-o": st.just("{out}")}, {"--from": DAY}),
}


@st.composite
def command_lines(draw):
    words = draw(st.sampled_from(sorted(COMMANDS)))
    positional, required, optional = COMMANDS[words]
    argv = list(words) + [draw(p) for p in positional]
    chosen = dict(required)
    for option in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)) if optional else []:
        chosen[option] = optional[option]
    for option, strategy in chosen.items():
        if strategy is None:
            argv.append(option)
        else:
            argv.append(f"{option}={draw(strategy)}")
    return argv


def run(argv: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:
            code = exc.code
    return code, err.getvalue()


def check(argv: list[str], db: str) -> None:
    before = content_digest(db)
    code, err = run(["--db", db, *argv])
    assert "Traceback" not in err
    assert code in (0, 2), f"exit {code} for {argv!r}: {err}"
    if code == 2:
        assert err.strip(), f"a refusal says why: {argv!r}"
        assert content_digest(db) == before, f"refused but changed the database: {argv!r}"


@FUZZ
@given(argv=command_lines())
def test_any_command_line_exits_0_or_2_and_a_refusal_writes_nothing(argv, book, tmp_path):  # noqa: F811
    db = tmp_path / "fuzz.sqlite"
    if not db.exists():  # one copy for every example: accepted commands keep changing it, as a user would
        shutil.copy(book, db)
    check([a.replace("{out}", str(tmp_path / "statement.pdf")) for a in argv], str(db))


CELL = st.one_of(st.sampled_from(SPECIAL), st.text(st.characters(blacklist_categories=("Cs",)), max_size=15))
KIND_COLUMNS = {  # column: plausible values
    "customers": {"code": tuple(f"C{i:03d}" for i in range(10, 99)), "name": ("Ana S.A.C.", "Beto"), "email": ("a@b.pe",),
                  "address": ("Av. Lima 1",), "currency": ("PEN", "USD"), "credit_limit": ("1000",),
                  "country": ("PE", "MX"), "language": ("es", "en"), "notes": ("ok",)},
    "invoices": {"number": tuple(f"F009-{i}" for i in range(1, 99)), "customer_code": ("C001", "C002"),
                 "issue_date": ("2026-06-01",), "amount": ("10.00", "1234.50"), "due_date": ("2026-07-01",),
                 "currency": ("PEN", "USD"), "reference": ("OC-1",)},
    "payments": {"customer_code": ("C001", "C002"), "date": ("2026-06-01",), "amount": ("10.00", "50"),
                 "reference": ("OP-1",), "currency": ("PEN", "USD"), "invoice_number": ("F001-1", "F002-1"),
                 "method": ("transfer", "cash")},
    "credit-notes": {"number": tuple(f"NC-{i}" for i in range(1, 99)), "customer_code": ("C001", "C002"), "date": ("2026-06-01",),
                     "amount": ("1.00",), "currency": ("PEN", "USD"), "invoice_number": ("F001-1", "F002-1"),
                     "reason": ("dev",)},
}


@st.composite
def import_files(draw):
    kind = draw(st.sampled_from(sorted(KIND_COLUMNS)))
    plausible = KIND_COLUMNS[kind]
    if draw(st.integers(0, 9)) == 0:  # sometimes not a CSV at all
        return kind, draw(st.binary(max_size=200))
    columns = list(plausible)
    if draw(st.integers(0, 4)) == 0:
        columns = draw(st.lists(st.sampled_from(columns) | CELL, min_size=1, max_size=8))
    rows = []
    for _ in range(draw(st.integers(1, 3))):  # plausible cells, at most one of them hostile
        row = [draw(st.sampled_from(plausible.get(c, ("x",)))) for c in columns]
        if draw(st.booleans()):
            row[draw(st.integers(0, len(row) - 1))] = draw(CELL)
        rows.append(row + draw(st.lists(CELL, max_size=1 if draw(st.integers(0, 5)) == 0 else 0)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows(rows)
    return kind, out.getvalue().encode("utf-8")


@FUZZ
@given(file=import_files())
def test_any_import_file_exits_0_or_2_and_a_refusal_writes_nothing(file, book, tmp_path):  # noqa: F811
    kind, content = file
    db = tmp_path / "fuzz.sqlite"
    if not db.exists():
        shutil.copy(book, db)
    path = tmp_path / "input.csv"
    path.write_bytes(content)
    check(["import", kind, str(path)], str(db))
