"""A quarter of collections, end to end, in the style of Tryton's scenario_*.rst: a company created with
`cobranza init`, four customers, their invoices, a reminder run every Monday from 6 July to 28 September
2026, payments, promises and a payment agreement in between. At each step the test checks what the
bookkeeper would check (balances, aging, who the run picks and at which level, the e-mails the SMTP server
received, the letters' text, Today's tasks, the KPIs), with every figure worked out by hand in a comment.

The people:
  C1 Ferretería Los Andes    PEN, NET30,    e-mail   F001-101 600.00 issued 05-22, due 06-21;
                             later F001-102 500.00 (08-03, due 09-02), F001-103 200.00 (08-10, due 09-09)
  C2 Comercial Rivera        PEN, 30/60/90, no e-mail (letters)
                             F002-201 900.00 issued 05-04 → three lines of 300.00 due 06-03, 07-03, 08-02
  C3 Importaciones Pacífico  USD, NET30,    e-mail   F003-301 2000.00 issued 06-05, due 07-05
  C4 Constructora Sur        PEN, NET30,    e-mail   F004-401 1200.00 issued 04-01, due 05-01,
                             rescheduled on 07-06 into 3 monthly installments of 400.00 from 07-15

The shipped reminder policy: courtesy −3 days (e-mail), friendly +1 (e-mail), reminder +15 (e-mail and
letter), firm +30 (letter and call; nobody has a phone, so a letter), final +60 (letter and e-mail). An
item climbs one level at a time, and a customer without an e-mail address gets a letter instead.
All runs are on Mondays at 10:00 Lima time (no Peruvian holiday falls on one of them).
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from app import config, ledger
from app.cli import main
from app.collections.promises import list_promises
from app.database import open_database, session_factory
from app.ledger.money import to_minor
from tests.factories import smtp_server, smtp_settings

D = dt.date
MONDAYS = [D(2026, 7, 6) + dt.timedelta(weeks=w) for w in range(13)]  # 07-06 … 09-28
ZERO = {"current": "0.00", "1-30": "0.00", "31-60": "0.00", "61-90": "0.00", "91+": "0.00"}


def buckets(**amounts):
    """Aging buckets with the named ones filled: buckets(b1_30="600.00") → {"1-30": "600.00", ...}."""
    out = dict(ZERO)
    for key, value in amounts.items():
        out[{"current": "current", "b1_30": "1-30", "b31_60": "31-60", "b61_90": "61-90", "b91": "91+"}[key]] = value
    return out


# Who the run picks each Monday, at which level, for how much, or why it skips them — worked out by hand
# from the policy above: (customer, level, amount, blocked).
AGREEMENT = "items in an active payment agreement"
PLAN = {
    # C1 600.00 15 days late, C2 line 1 33 days + line 2 3 days (600.00), C3 1 day: all reach friendly
    D(2026, 7, 6): [("C1", "friendly", "600.00", None), ("C2", "friendly", "600.00", None),
                    ("C3", "friendly", "2000.00", None), ("C4", None, "1200.00", AGREEMENT)],
    # C1 paid 250.00 on 07-08: 600.00 − 250.00 = 350.00, 22 days late → reminder (15);
    # C2 line 1 (40 days) climbs to reminder, line 2 (10 days, sent friendly) comes along: 600.00;
    # C3 8 days: the next level (reminder, 15) not reached yet
    D(2026, 7, 13): [("C1", "reminder", "350.00", None), ("C2", "reminder", "600.00", None),
                     ("C3", "friendly", "2000.00", "already reminded at level friendly"),
                     ("C4", None, "1200.00", AGREEMENT)],
    # C1 paid the other 350.00 on 07-16: nothing open, it drops out of the run;
    # C2 paid 300.00 naming F002-201 on 07-15 (its oldest line): line 2 300.00, 17 days → reminder;
    # C3 15 days → reminder; C4 paid installment 1: 1200.00 − 400.00 = 800.00
    D(2026, 7, 20): [("C2", "reminder", "300.00", None), ("C3", "reminder", "2000.00", None),
                     ("C4", None, "800.00", AGREEMENT)],
    # C2 24 days, C3 22 days: firm (30) not reached
    D(2026, 7, 27): [("C2", "reminder", "300.00", "already reminded at level reminder"),
                     ("C3", "reminder", "2000.00", "already reminded at level reminder"),
                     ("C4", None, "800.00", AGREEMENT)],
    # C2 line 2 31 days → firm, line 3 (due 08-02) 1 day → friendly: firm for 300.00 + 300.00 = 600.00;
    # C3 29 days: still not firm
    D(2026, 8, 3): [("C2", "firm", "600.00", None),
                    ("C3", "reminder", "2000.00", "already reminded at level reminder"),
                    ("C4", None, "800.00", AGREEMENT)],
    # C1's new F001-102 (due 09-02) is not due for any level; C2 line 2 38 days (final is 60), line 3
    # 8 days (reminder is 15); C3 36 days → firm
    D(2026, 8, 10): [("C2", "firm", "600.00", "already reminded at level firm"), ("C3", "firm", "2000.00", None),
                     ("C4", None, "800.00", AGREEMENT)],
    # C2 paid 450.00 oldest first on 08-12: line 2 300.00, line 3 150.00 → 150.00 left, 15 days → reminder
    D(2026, 8, 17): [("C2", "reminder", "150.00", None),
                     ("C3", "firm", "2000.00", "already reminded at level firm"),
                     ("C4", None, "800.00", AGREEMENT)],
    # C3 paid 2100.00 on 08-19: nothing open; C4 paid installment 2: 800.00 − 400.00 = 400.00
    D(2026, 8, 24): [("C2", "reminder", "150.00", "already reminded at level reminder"),
                     ("C4", None, "400.00", AGREEMENT)],
    # C1 paid the newer F001-103 (200.00, due 09-09) by name on 08-28; F001-102 (500.00, due 09-02) is
    # 2 days from its due date: the courtesy notice (−3), which covers only what falls due soon
    D(2026, 8, 31): [("C1", "courtesy", "500.00", None),
                     ("C2", "reminder", "150.00", "already reminded at level reminder"),
                     ("C4", None, "400.00", AGREEMENT)],
    # F001-102 5 days late: friendly; C2 line 3 36 days: firm
    D(2026, 9, 7): [("C1", "friendly", "500.00", None), ("C2", "firm", "150.00", None),
                    ("C4", None, "400.00", AGREEMENT)],
    D(2026, 9, 14): [("C1", "friendly", "500.00", "already reminded at level friendly"),  # 12 days
                     ("C2", "firm", "150.00", "already reminded at level firm"), ("C4", None, "400.00", AGREEMENT)],
    # C1 paid F001-102 on 09-16 and drops out again; C4 paid the last installment on 09-15: the agreement
    # is completed and nothing is open
    D(2026, 9, 21): [("C2", "firm", "150.00", "already reminded at level firm")],
    D(2026, 9, 28): [("C2", "firm", "150.00", "already reminded at level firm")],  # 57 days, final is 60
}
# Today's tasks each Monday (`cobranza tasks` first brings promises and agreements up to date). C3 promised
# on 07-08 to pay 1000.00 by 07-17; with two days of grace it is broken on 07-20 and stays on the list for
# 30 days (to 08-19). Instalment 2 of C4's agreement, due 08-15, is paid only on 08-19.
BROKEN = ("broken_promise", "C3", "1000.00", "USD", "2026-07-17")
TASKS = {D(2026, 7, 20): [BROKEN], D(2026, 7, 27): [BROKEN], D(2026, 8, 3): [BROKEN], D(2026, 8, 10): [BROKEN],
         D(2026, 8, 17): [("installment_due", "C4", "400.00", "PEN", "2026-08-15"), BROKEN]}
# The e-mails the SMTP server receives each Monday: friendly, reminder and final go by e-mail; C2 has no address
EMAILS = {D(2026, 7, 6): ["pagos@losandes.pe", "cobranzas@impacifico.pe"],
          D(2026, 7, 13): ["pagos@losandes.pe"],
          D(2026, 7, 20): ["cobranzas@impacifico.pe"],
          D(2026, 8, 31): ["pagos@losandes.pe"],
          D(2026, 9, 7): ["pagos@losandes.pe"]}
# The letters each Monday: C2's every level; the reminder and firm levels of the others
LETTERS = {D(2026, 7, 6): ["C2_PEN_20260706.pdf"],
           D(2026, 7, 13): ["C1_PEN_20260713.pdf", "C2_PEN_20260713.pdf"],
           D(2026, 7, 20): ["C2_PEN_20260720.pdf", "C3_USD_20260720.pdf"],
           D(2026, 8, 3): ["C2_PEN_20260803.pdf"],
           D(2026, 8, 10): ["C3_USD_20260810.pdf"],
           D(2026, 8, 17): ["C2_PEN_20260817.pdf"],
           D(2026, 9, 7): ["C2_PEN_20260907.pdf"]}


class Books:
    """The bookkeeper's desk: the CLI on one database file, and the ledger's own functions for what the
    CLI has no command for (entering customers, invoices and payments, as the GUI's dialogs do)."""

    def __init__(self, path, capsys):
        self.path, self.capsys = str(path), capsys

    def today(self, day: dt.date) -> None:
        config.set_clock(config.FixedClock.at(day))

    def cli(self, *args: str) -> str:
        self.capsys.readouterr()
        code = main(["--db", self.path, *args])
        out = self.capsys.readouterr()
        assert code == 0, (args, out.err)
        return out.out

    def json(self, *args: str):
        return json.loads(self.cli(*args, "--format", "json"))

    def write(self, action) -> None:
        engine = open_database(self.path)
        try:
            with session_factory(engine)() as s, s.begin():
                action(s)
        finally:
            engine.dispose()

    def read(self, action):
        engine = open_database(self.path)
        try:
            with session_factory(engine)() as s:
                return action(s)
        finally:
            engine.dispose()

    def invoice(self, code, number, issued, amount, currency="PEN") -> None:
        self.today(issued)
        self.write(lambda s: ledger.record_invoice(s, customer_code=code, number=number, issue_date=issued,
                                                   total_minor=to_minor(amount, currency), currency=currency))

    def pay(self, code, on, amount, currency="PEN", invoice=None) -> None:
        self.today(on)
        self.write(lambda s: ledger.record_payment(s, customer_code=code, date=on, currency=currency,
                                                   amount_minor=to_minor(amount, currency), invoice_number=invoice))

    def balance(self, code, day):
        return self.json("balance", code, "--as-of", day.isoformat())

    def aging(self, day):
        report = self.json("aging", "--as-of", day.isoformat())
        return {(c["code"], c["currency"]): c for c in report["customers"]}, \
               {t["currency"]: t for t in report["totals"]}

    def tasks(self, day):
        return [(t["kind"], t["customer_code"], t["amount"], t["currency"], t["due_date"])
                for t in self.json("tasks", "--as-of", day.isoformat())["tasks"]]


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def books(tmp_path, capsys):
    return Books(tmp_path / "quarter.sqlite", capsys)


def test_a_quarter_of_collections(books, tmp_path):
    # --- the company and its customers --------------------------------------------------------------
    books.today(D(2026, 7, 1))
    out = books.cli("init", "--company", "Distribuidora Andina S.A.C.", "--currency", "PEN", "--locale", "es_PE")
    assert "company created: Distribuidora Andina S.A.C. (PEN, es_PE, PE)" in out

    def customers(s):
        ledger.create_customer(s, code="C1", name="Ferretería Los Andes S.A.C.", currency="PEN",
                               payment_terms="NET30", email="pagos@losandes.pe")
        ledger.create_customer(s, code="C2", name="Comercial Rivera E.I.R.L.", currency="PEN",
                               payment_terms="30-60-90", address="Av. Arequipa 123", city="Lima")
        ledger.create_customer(s, code="C3", name="Importaciones del Pacífico S.A.", currency="USD",
                               payment_terms="NET30", email="cobranzas@impacifico.pe")
        ledger.create_customer(s, code="C4", name="Constructora Sur S.A.C.", currency="PEN",
                               payment_terms="NET30", email="obras@constructorasur.pe")

    books.write(customers)
    books.invoice("C4", "F004-401", D(2026, 4, 1), "1200.00")
    books.invoice("C2", "F002-201", D(2026, 5, 4), "900.00")
    books.invoice("C1", "F001-101", D(2026, 5, 22), "600.00")
    books.invoice("C3", "F003-301", D(2026, 6, 5), "2000.00", "USD")

    # --- 6 July, before anything is paid: the balances and the aging ------------------------------
    monday = D(2026, 7, 6)
    books.today(monday)
    c2 = books.balance("C2", monday)
    # 900.00 in three lines of 900.00 / 3 = 300.00, due 30, 60 and 90 days after 05-04
    assert [(i["due_date"], i["open"], i["days_overdue"]) for i in c2["open_items"]] == [
        ("2026-06-03", "300.00", 33), ("2026-07-03", "300.00", 3), ("2026-08-02", "300.00", 0)]
    assert c2["balances"] == [{"currency": "PEN", "open_items": "900.00", "unapplied_credit": "0.00",
                               "balance": "900.00"}]
    rows, totals = books.aging(monday)
    assert rows[("C1", "PEN")]["buckets"] == buckets(b1_30="600.00")  # due 06-21: 15 days
    assert rows[("C2", "PEN")]["buckets"] == buckets(current="300.00", b1_30="300.00", b31_60="300.00")
    assert rows[("C3", "USD")]["buckets"] == buckets(b1_30="2000.00")  # due 07-05: 1 day
    assert rows[("C4", "PEN")]["buckets"] == buckets(b61_90="1200.00")  # due 05-01: 66 days
    # PEN: 600.00 + 900.00 + 1200.00 = 2700.00; USD apart, never added to soles
    assert totals["PEN"]["total"] == "2700.00" and totals["PEN"]["buckets"]["1-30"] == "900.00"
    assert totals["USD"]["total"] == "2000.00"

    # C4 cannot pay 1200.00 at once: three monthly installments of 1200.00 / 3 = 400.00 from 07-15
    agreement = books.json("agreement", "create", "C4", "--invoices", "F004-401", "--installments", "3",
                           "--every", "month", "--start", "2026-07-15")
    assert [(i["due_date"], i["amount"]) for i in agreement["installments"]] == [
        ("2026-07-15", "400.00"), ("2026-08-15", "400.00"), ("2026-09-15", "400.00")]
    number = agreement["number"]

    # What happens between one Monday and the next (run after that Monday's run).
    week_events = {
        D(2026, 7, 6): [
            lambda: books.pay("C1", D(2026, 7, 8), "250.00"),  # partial, oldest first: F001-101
            lambda: (books.today(D(2026, 7, 8)),
                     books.cli("promise", "add", "C3", "--date", "2026-07-17", "--amount", "1000.00")),
        ],
        D(2026, 7, 13): [
            lambda: books.cli("promise", "add", "C1", "--date", "2026-07-17", "--amount", "350.00"),
            lambda: books.pay("C4", D(2026, 7, 15), "400.00"),  # installment 1
            lambda: books.pay("C2", D(2026, 7, 15), "300.00", invoice="F002-201"),  # named invoice
            lambda: books.pay("C1", D(2026, 7, 16), "350.00"),  # keeps the promise, settles F001-101
        ],
        D(2026, 8, 3): [lambda: books.invoice("C1", "F001-102", D(2026, 8, 3), "500.00")],  # due 09-02
        D(2026, 8, 10): [
            lambda: books.invoice("C1", "F001-103", D(2026, 8, 10), "200.00"),  # due 09-09
            lambda: books.pay("C2", D(2026, 8, 12), "450.00"),  # oldest first: line 2 300.00, line 3 150.00
            lambda: books.pay("C4", D(2026, 8, 19), "400.00"),  # installment 2, four days late
            lambda: books.pay("C3", D(2026, 8, 19), "2100.00", "USD"),  # 100.00 more than owed
        ],
        # named invoice: the newer one, although F001-102 is older and still open
        D(2026, 8, 24): [lambda: books.pay("C1", D(2026, 8, 28), "200.00", invoice="F001-103")],
        D(2026, 9, 14): [
            lambda: books.pay("C4", D(2026, 9, 15), "400.00"),  # installment 3
            lambda: books.pay("C1", D(2026, 9, 16), "500.00"),  # F001-102, the only one open
        ],
    }
    checks = {
        D(2026, 7, 13): check_july_13,
        D(2026, 7, 20): check_july_20,
        D(2026, 8, 17): check_august_17,
        D(2026, 8, 24): check_august_24,
    }

    with smtp_server() as (mail, port):
        books.today(monday)
        for key, value in smtp_settings(port):
            books.cli("settings", "set", key, value)
        received = 0
        for monday in MONDAYS:
            books.today(monday)
            assert books.tasks(monday) == TASKS.get(monday, []), monday
            if monday in checks:
                checks[monday](books, monday, number)
            plan = [json.loads(line) for line in
                    books.cli("remind", "--as-of", monday.isoformat(), "--at", "10:00", "--dry-run").splitlines()]
            assert [(p["customer_code"], p["level"], p["amount"], p["blocked"]) for p in plan] == PLAN[monday], monday
            letters = tmp_path / "letters" / monday.isoformat()
            # the shipped policy reviews before sending: the bookkeeper read the dry run and approves it all
            summary = books.cli("remind", "--as-of", monday.isoformat(), "--at", "10:00", "--send", "--approve-all",
                                "--letters-dir", str(letters))
            planned = sum(1 for p in PLAN[monday] if p[3] is None)
            skipped = len(PLAN[monday]) - planned
            assert f"{planned} reminder(s) planned, {planned} queued" in summary, (monday, summary)
            words = (f"delivered: {len(EMAILS.get(monday, []))} e-mail(s) sent, {len(LETTERS.get(monday, []))} "
                     f"letter(s) written")
            assert f"{skipped} skipped" in summary and words in summary, (monday, summary)
            assert f"{planned} reminder(s) done, 0 failed" in summary, (monday, summary)
            # the SMTP server received exactly this Monday's e-mails
            new = mail.messages()[received:]
            received = len(mail.messages())
            assert sorted(m["To"].addresses[0].addr_spec for m in new) == sorted(EMAILS.get(monday, [])), monday
            written = sorted(p.name for p in (letters / "customers").glob("*.pdf")) if letters.exists() else []
            assert written == LETTERS.get(monday, []), monday
            if monday == D(2026, 7, 6):
                check_first_mail(new)
            if monday == D(2026, 7, 13):
                check_july_13_letter(letters / "customers" / "C2_PEN_20260713.pdf", new)
            if monday == D(2026, 8, 31):
                [courtesy] = new
                body = courtesy.get_body(("plain",)).get_content()
                assert "F001-102" in body and "500.00" in body and "F001-103" not in body
            if monday == D(2026, 8, 3):
                firm = pdf_text(letters / "customers" / "C2_PEN_20260803.pdf")
                assert "Comercial Rivera E.I.R.L." in firm and "Av. Arequipa 123" in firm
                assert "S/ 600.00" in firm  # line 2 300.00 + line 3 300.00
            for action in week_events.get(monday, []):
                action()

    check_end_of_quarter(books, D(2026, 9, 28), number)


def check_first_mail(new):
    """6 July: C1's friendly e-mail names the invoice and the 600.00 it owes; C3's is in dollars."""
    by_to = {m["To"].addresses[0].addr_spec: m for m in new}
    c1 = by_to["pagos@losandes.pe"]
    assert "F001-101" in c1["Subject"] and c1["From"].addresses[0].addr_spec == "cobranzas@andina.pe"
    body = c1.get_body(("plain",)).get_content()
    assert "F001-101" in body and "600.00" in body
    c3 = by_to["cobranzas@impacifico.pe"].get_body(("plain",)).get_content()
    assert "F003-301" in c3 and "2,000.00" in c3


def check_july_13(books, day, number):
    """After C1's partial payment: 600.00 − 250.00 = 350.00 open on F001-101."""
    c1 = books.balance("C1", day)
    assert c1["balances"][0]["balance"] == "350.00"
    assert [(i["invoice"], i["amount"], i["open"]) for i in c1["open_items"]] == [("F001-101", "600.00", "350.00")]


def check_july_13_letter(path, new):
    """The reminder letter to C2 lists both overdue lines of F002-201 and their 600.00."""
    text = pdf_text(path)
    assert "Comercial Rivera E.I.R.L." in text and "Av. Arequipa 123" in text
    assert text.count("F002-201") == 2 and "3/06/2026" in text and "3/07/2026" in text
    assert "S/ 600.00" in text  # 300.00 + 300.00; line 3 (due 08-02) is not due yet and is not listed
    assert "2/08/2026" not in text
    [c1] = new  # C1's second e-mail: what is left after its payment
    assert "350.00" in c1.get_body(("plain",)).get_content()


def check_july_20(books, day, number):
    """C1 kept its promise (350.00 paid on 07-16, before 07-17); C3 broke its own (1000.00 by 07-17,
    two days of grace to 07-19, nothing paid). The named payment took C2's oldest line of F002-201."""
    states = books.read(lambda s: [(p.customer_code, p.state) for p in list_promises(s, as_of=day)])
    assert sorted(states) == [("C1", "kept"), ("C3", "broken")]
    assert books.balance("C1", day)["open_items"] == []  # 600.00 − 250.00 − 350.00 = 0
    c2 = books.balance("C2", day)
    # 900.00 − 300.00 = 600.00; the line due 06-03 is the one paid
    assert [(i["due_date"], i["open"]) for i in c2["open_items"]] == [("2026-07-03", "300.00"),
                                                                     ("2026-08-02", "300.00")]
    assert c2["balances"][0]["balance"] == "600.00"
    agreement = books.json("agreement", "list", "--as-of", day.isoformat())
    [mine] = [a for a in agreement if a["number"] == number]
    assert (mine["state"], mine["paid"], mine["open"]) == ("active", "400.00", "800.00")  # 1200.00 − 400.00


def check_august_17(books, day, number):
    """Mid-quarter aging."""
    rows, totals = books.aging(day)
    assert rows[("C1", "PEN")]["buckets"] == buckets(current="700.00")  # F001-102 500.00 + F001-103 200.00
    assert rows[("C2", "PEN")]["buckets"] == buckets(b1_30="150.00")  # 900 − 300 − 450 = 150.00, due 08-02
    assert rows[("C3", "USD")]["buckets"] == buckets(b31_60="2000.00")  # due 07-05: 43 days
    # the agreement does not move the invoice's due date (05-01, 108 days): 1200.00 − 400.00 = 800.00
    assert rows[("C4", "PEN")]["buckets"] == buckets(b91="800.00")
    assert totals["PEN"]["total"] == "1650.00"  # 700.00 + 150.00 + 800.00


def check_august_24(books, day, number):
    """C3 paid 2100.00 against 2000.00: the invoice is settled and 100.00 waits as unapplied credit."""
    c3 = books.balance("C3", day)
    assert c3["open_items"] == []
    assert c3["balances"] == [{"currency": "USD", "open_items": "0.00", "unapplied_credit": "100.00",
                               "balance": "-100.00"}]


def check_end_of_quarter(books, day, number):
    """28 September: what is left, the agreement completed, and KPIs that make sense."""
    books.today(day)
    # C1: 600 − 250 − 350 = 0, 500 − 500 = 0, 200 − 200 = 0; C4: 1200 − 3 × 400 = 0
    for code in ("C1", "C4"):
        assert books.balance(code, day)["balances"][0]["balance"] == "0.00", code
    c2 = books.balance("C2", day)
    assert [(i["due_date"], i["open"], i["days_overdue"]) for i in c2["open_items"]] == [
        ("2026-08-02", "150.00", 57)]
    rows, totals = books.aging(day)
    assert set(rows) == {("C2", "PEN"), ("C3", "USD")}  # C1 and C4 owe nothing and have no credit
    assert rows[("C2", "PEN")]["buckets"] == buckets(b31_60="150.00")
    assert (rows[("C3", "USD")]["total"], rows[("C3", "USD")]["unapplied_credit"],
            rows[("C3", "USD")]["net"]) == ("0.00", "100.00", "-100.00")
    [agreement] = books.json("agreement", "list", "--customer", "C4", "--as-of", day.isoformat())
    assert agreement["state"] == "completed" and agreement["open"] == "0.00"
    assert [i["status"] for i in agreement["installments"]] == ["paid", "paid", "paid"]

    kpi = {c["currency"]: c for c in books.json("kpi", "--as-of", day.isoformat())["currencies"]}
    pen, usd = kpi["PEN"], kpi["USD"]
    # the period is (07-01, 09-28], 90 days; PEN: AR at its start 600 + 900 + 1200 = 2700.00, at its end
    # 150.00; credit sales in it F001-102 500.00 + F001-103 200.00 = 700.00; collected 250 + 300 + 350
    # + 400 + 450 + 400 + 200 + 400 + 500 = 3250.00
    assert (pen["ar_begin"], pen["ar_end"], pen["collected"]) == ("2700.00", "150.00", "3250.00")
    assert pen["dso"] == pytest.approx(19.29, abs=0.01)  # 150.00 / 700.00 × 90 days = 19.2857
    assert pen["pct_current"] == 0.0  # the 150.00 left is 57 days late
    # CEI = (2700 + 700 − 150) / (2700 + 700 − 0 current) = 3250 / 3400 = 95.59 %
    assert pen["cei"] == pytest.approx(95.59, abs=0.01)
    # countback: 09-28 back to 08-28 no sales (31 days), then 08-28 back to 07-28 has 700.00 of sales
    # covering the remaining 150.00: 31 + 150 / 700 × 31 = 37.64 days
    assert pen["dso_countback"] == pytest.approx(37.64, abs=0.01)
    # USD: no credit sale in the period, so no DSO; 2100.00 collected, nothing left open
    assert usd["dso"] is None and usd["collected"] == "2100.00" and usd["ar_end"] == "0.00"
