"""The hostile-input corpus (issue 11): bad and hostile values, each with what Cobranza must answer.

One row per case, data only; `test_corpus.py` runs them all against a copy of one small book (`BOOK` below)
through the real CLI (`app.cli.main`). A refusal is exit 2 with the expected words on stderr, in one line per
problem (an import lists `FILE:LINE: column: problem` lines and a summary), and the database file unchanged
to the byte. An acceptance is exit 0, with the value stored as the case says (normalised where harmless).

Decisions the corpus pins down (docs/security.md):
- NUL, control characters, bidirectional controls (U+202E right-to-left override and its kin), zero-width
  spaces and the Unicode line/paragraph separators in a text field are refused with the position of the
  character, never stripped silently; line breaks and tabs are allowed in addresses, notes and reasons only.
- Field lengths: app.ledger.text_input.LIMITS (name 200, address 500, reference 100, notes 2000, ...).
- Customer codes and document numbers that differ only in case are the same: the second is refused.

`{file}` in an argument is the import file the case writes (`csv` rows or `xlsx` rows); `{out}` a path in an
empty folder; `stdin` is what the command reads; `env` sets environment variables (the keyring backend).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    id: str
    argv: tuple[str, ...]
    code: int  # 0 accepted, 2 refused
    expect: str = ""  # words stderr (refused) or stdout/stderr (accepted) must contain, case-insensitive
    csv: str | None = None  # the import file's text (written as UTF-8)
    xlsx: tuple[tuple, ...] | None = None  # or its rows (the first is the header)
    stdin: str | None = None
    env: tuple[tuple[str, str], ...] = ()
    stored: tuple[str, object] | None = None  # (SQL returning one value, the value) checked after exit 0
    warning: str = ""  # an accepted command must print this warning line on stderr


# The book every case starts from (tests/hostile/test_corpus.py builds it once):
# company Comercial Andina (PEN, es_PE); C001 (PEN) owes F001-1 120.00 and F001-2 was paid in full (80.00);
# C002 (USD) owes F002-1 USD 50.00; SMTP user "cobros" on smtp.example.com.
BOOK = {"open_invoice": "F001-1", "paid_invoice": "F001-2"}

A = ("--as-of", "2026-06-30")
PROMISE = ("promise", "add", "C001", "--date", "2026-07-15")
DISPUTE = ("dispute", "open", "F001-1")
ACTIVITY = ("activity", "add", "C001", "--channel", "call")
AGREEMENT = ("agreement", "create", "C001", "--invoices", "F001-1", "--every", "month", "--start", "2026-07-15")
IMPORT_CUSTOMERS = ("import", "customers", "{file}")
IMPORT_INVOICES = ("import", "invoices", "{file}")
IMPORT_PAYMENTS = ("import", "payments", "{file}")
IMPORT_CREDIT_NOTES = ("import", "credit-notes", "{file}")
CUSTOMERS_HEADER = "code,name,address,notes\n"
INVOICES_HEADER = "number,customer_code,issue_date,amount,reference\n"

RLO = "\u202e"
NUL = "\x00"
ESC = "\x1b"
ZWSP = "\u200b"

CLI_CASES = [
    # --- amounts typed on the command line
    Case("promise amount 1e400", (*PROMISE, "--amount", "1e400"), 2, "--amount: '1e400' is not an amount"),
    Case("promise amount NaN", (*PROMISE, "--amount", "NaN"), 2, "--amount"),
    Case("promise amount inf", (*PROMISE, "--amount", "inf"), 2, "--amount"),
    Case("promise amount negative", (*PROMISE, "--amount", "-5"), 2, "--amount"),
    Case("promise amount zero", (*PROMISE, "--amount", "0"), 2, "greater than zero"),
    Case("promise amount 400 digits", (*PROMISE, "--amount", "9" * 400), 2, "--amount"),
    Case("promise amount three separators", (*PROMISE, "--amount", "1,2,3"), 2, "--amount"),
    Case("promise amount arabic digits", (*PROMISE, "--amount", "\u0661\u0662"), 2, "--amount"),
    Case("promise amount with NUL", (*PROMISE, "--amount", "10\x00"), 2, "--amount"),
    Case("promise in a currency the customer does not use", (*PROMISE, "--amount", "10", "--currency", "EUR"), 2,
         "has no documents in EUR"),
    Case("promise in a currency that does not exist", (*PROMISE, "--amount", "10", "--currency", "ZZZ"), 2,
         "ISO 4217"),
    Case("promise above the debt", (*PROMISE, "--amount", "5000"), 2, "more than the PEN 120.00"),
    Case("promise above the debt, confirmed", (*PROMISE, "--amount", "5000", "--more-than-owed"), 0,
         "will pay 5000.00 PEN", stored=("SELECT amount_minor FROM promise_to_pay", 500000)),
    Case("promise for the debt", (*PROMISE, "--amount", "120"), 0, "will pay 120.00 PEN"),
    Case("promise date year 1", ("promise", "add", "C001", "--date", "0001-01-01", "--amount", "10"), 2,
         "before 1900-01-01"),
    Case("promise date 30 February", ("promise", "add", "C001", "--date", "2026-02-30", "--amount", "10"), 2,
         "is not a date"),
    Case("promise date year 9999", ("promise", "add", "C001", "--date", "9999-12-31", "--amount", "10"), 2,
         "9999"),
    Case("promise unknown customer", ("promise", "add", "NOPE", "--date", "2026-07-15", "--amount", "10"), 2,
         "no customer with code 'nope'"),
    Case("promise customer code with NUL", ("promise", "add", "C001\x00", "--date", "2026-07-15", "--amount", "10"),
         2, "no customer"),
    # --- report options
    Case("aging buckets 20 digits", ("aging", *A, "--buckets", "99999999999999999999"), 2, "at most 36500 days"),
    Case("aging buckets zero", ("aging", *A, "--buckets", "0,30"), 2, "positive"),
    Case("aging buckets descending", ("aging", *A, "--buckets", "60,30"), 2, "ascending"),
    Case("aging buckets words", ("aging", *A, "--buckets", "a,b"), 2, "whole days"),
    Case("aging buckets empty", ("aging", *A, "--buckets", ""), 2, "empty"),
    Case("aging as-of year 1", ("aging", "--as-of", "0001-01-01"), 2, "before 1900-01-01"),
    Case("aging as-of year 9999", ("aging", "--as-of", "9999-12-31"), 2, "9999"),
    Case("aging as-of month 13", ("aging", "--as-of", "2026-13-01"), 2, "is not a date"),
    Case("aging as-of a word", ("aging", "--as-of", "yesterday"), 2, "is not a date"),
    Case("aging unknown currency", ("aging", *A, "--currency", "XYZ"), 2, "ISO 4217"),
    Case("aging currency with NUL", ("aging", *A, "--currency", "PE\x00"), 2, "ISO 4217"),
    Case("aging pdf without -o", ("aging", *A, "--format", "pdf"), 2, "-o FILE.pdf"),
    Case("aging into a missing folder", ("aging", *A, "-o", "/nonexistent/dir/a.csv", "--format", "csv"), 2,
         "does not exist"),
    Case("tasks as-of year 1", ("tasks", "--as-of", "0001-01-01"), 2, "before 1900-01-01"),
    Case("kpi days 20 digits", ("kpi", *A, "--days", "99999999999999999999"), 2, "--days"),
    Case("kpi days zero", ("kpi", *A, "--days", "0"), 2, "--days"),
    Case("forecast weeks 20 digits", ("forecast", *A, "--weeks", "99999999999999999999"), 2, "--weeks"),
    Case("forecast weeks negative", ("forecast", *A, "--weeks", "-1"), 2, "--weeks"),
    Case("balance unknown customer", ("balance", "NOPE"), 2, "no customer with code 'nope'"),
    Case("statement unknown customer", ("statement", "NOPE", *A, "-o", "{out}/s.pdf"), 2, "no customer"),
    Case("reminders history limit 20 digits", ("reminders", "history", "--limit", "99999999999999999999"), 2,
         "--limit"),
    Case("reminders history limit negative", ("reminders", "history", "--limit", "-1"), 2, "--limit"),
    Case("reminders cancel unknown", ("reminders", "cancel", "999", "--reason", "x"), 2, "999"),
    Case("reminders cancel id 20 digits", ("reminders", "cancel", "99999999999999999999", "--reason", "x"), 2,
         "99999999999999999999"),
    Case("remind at 25:99", ("remind", *A, "--at", "25:99", "--dry-run"), 2, "'25:99' is not a time"),
    # --- disputes
    Case("dispute on a fully paid invoice", ("dispute", "open", "F001-2", "--reason", "precio"), 2, "fully paid"),
    Case("dispute unknown invoice", ("dispute", "open", "NOPE", "--reason", "precio"), 2, "no invoice numbered"),
    Case("dispute above the invoice", (*DISPUTE, "--reason", "precio", "--amount", "999"), 2, "at most the invoice"),
    Case("dispute reason NUL", (*DISPUTE, "--reason", f"precio{NUL}"), 2, "NUL character"),
    Case("dispute reason right-to-left override", (*DISPUTE, "--reason", f"precio {RLO}fdp.exe"), 2,
         "right-to-left override"),
    Case("dispute reason 1001 characters", (*DISPUTE, "--reason", "x" * 1001), 2, "at most 1,000"),
    Case("dispute reason empty", (*DISPUTE, "--reason", "   "), 2, "say what the customer disputes"),
    Case("dispute reason on two lines", (*DISPUTE, "--reason", "precio\r\nmal"), 0, "dispute 1",
         stored=("SELECT reason FROM dispute", "precio\nmal")),
    Case("dispute resolve unknown", ("dispute", "resolve", "99", "--reject"), 2, "no dispute 99"),
    Case("dispute resolve id 20 digits", ("dispute", "resolve", "99999999999999999999", "--reject"), 2,
         "99999999999999999999"),
    # --- activities
    Case("activity note NUL", (*ACTIVITY, "--note", f"llamó{NUL}"), 2, "NUL character"),
    Case("activity note escape", (*ACTIVITY, "--note", f"llamó{ESC}[31m"), 2, "control character"),
    Case("activity note right-to-left override", (*ACTIVITY, "--note", f"{RLO}pagado"), 2, "right-to-left override"),
    Case("activity note 2001 characters", (*ACTIVITY, "--note", "x" * 2001), 2, "at most 2,000"),
    Case("activity note on two lines", (*ACTIVITY, "--note", "llamó\npaga el lunes"), 0, "activity 1",
         stored=("SELECT notes FROM activity", "llamó\npaga el lunes")),
    Case("activity unknown channel", ("activity", "add", "C001", "--channel", "fax"), 2, "channel"),
    Case("activity promise above the debt", (*ACTIVITY, "--outcome", "promise", "--promise-date", "2026-07-15",
                                             "--promise-amount", "9999"), 2, "more than the PEN 120.00"),
    # --- agreements
    Case("agreement zero installments", (*AGREEMENT, "--installments", "0"), 2, "installment"),
    Case("agreement 20-digit installments", (*AGREEMENT, "--installments", "99999999999999999999"), 2,
         "installment"),
    Case("agreement 100000 installments", (*AGREEMENT, "--installments", "100000"), 2, "installment"),
    Case("agreement rate 1e400", (*AGREEMENT, "--installments", "3", "--monthly-rate", "1e400"), 2, "rate"),
    Case("agreement rate NaN", (*AGREEMENT, "--installments", "3", "--monthly-rate", "NaN"), 2, "rate"),
    Case("agreement rate negative", (*AGREEMENT, "--installments", "3", "--monthly-rate", "-1"), 2, "rate"),
    Case("agreement grace days 20 digits", (*AGREEMENT, "--installments", "3", "--grace-days",
                                            "99999999999999999999"), 2, "grace"),
    Case("agreement paid invoice", ("agreement", "create", "C001", "--invoices", "F001-2", "--every", "month",
                                    "--start", "2026-07-15", "--installments", "3"), 2, "F001-2"),
    Case("agreement pdf unknown", ("agreement", "pdf", "NOPE", "-o", "{out}/a.pdf"), 2, "nope"),
    # --- settings and secrets
    Case("settings unknown key", ("settings", "set", "smtp.nope", "x"), 2, "unknown setting"),
    Case("settings port 99999", ("settings", "set", "smtp.port", "99999"), 2, "smtp.port"),
    Case("settings security bogus", ("settings", "set", "smtp.security", "tls1.0"), 2, "smtp.security"),
    Case("settings company e-mail two addresses", ("settings", "set", "company.email", "a@b.com,c@d.com"), 2,
         "company.email"),
    Case("settings company name NUL", ("settings", "set", "company.name", f"Andina{NUL}"), 2, "NUL character"),
    Case("settings company name right-to-left override", ("settings", "set", "company.name", f"Andina{RLO}"), 2,
         "right-to-left override"),
    Case("settings company name 201 characters", ("settings", "set", "company.name", "x" * 201), 2, "at most 200"),
    Case("settings company address 100000 characters", ("settings", "set", "company.address", "x" * 100_000), 2,
         "at most 500"),
    Case("settings smtp host with CR LF", ("settings", "set", "smtp.host", "smtp.example.com\r\nRCPT TO:x"), 2,
         "smtp.host"),
    Case("smtp security none with a stored password warns", ("settings", "set", "smtp.security", "none"), 0,
         warning="password travels unencrypted"),
    Case("secret with a backend that cannot load", ("secret", "set", "smtp"), 2,
         "PYTHON_KEYRING_BACKEND names 'nope.Nope', which cannot be loaded", stdin="s3cret\n",
         env=(("PYTHON_KEYRING_BACKEND", "nope.Nope"),)),
    Case("secret with a backend class that does not exist", ("secret", "set", "smtp"), 2, "cannot be loaded",
         stdin="s3cret\n", env=(("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Nope"),)),
    Case("secret with the null keyring is not 'stored'", ("secret", "set", "smtp"), 2,
         "does not keep passwords, so the password was not stored", stdin="s3cret\n",
         env=(("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring"),)),
    Case("secret with the fail keyring", ("secret", "set", "smtp"), 1, "no keyring is available", stdin="s3cret\n",
         env=(("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring"),)),
    Case("secret empty", ("secret", "set", "smtp"), 2, "no password", stdin="\n"),
    Case("secret stored, security none warns", ("secret", "set", "smtp"), 0, "stored in the keyring",
         stdin="s3cret\n", warning="password travels unencrypted"),
    Case("fx rate a word", ("fx", "set", "USD", "abc"), 2, "rate"),
    Case("fx rate 1e400", ("fx", "set", "USD", "1e400"), 2, "rate"),
    Case("fx rate negative", ("fx", "set", "USD", "-3.7"), 2, "rate"),
    Case("fx currency unknown", ("fx", "set", "XYZ", "3.7"), 2, "ISO 4217"),
    Case("policy assign unknown customer", ("policy", "assign", "NOPE", "STD"), 2, "nope"),
]

CSV_CASES = [
    # --- customers: names, codes, addresses
    Case("customer name NUL", IMPORT_CUSTOMERS, 2, ":2: name: has a NUL character (U+0000) at position 4",
         csv=CUSTOMERS_HEADER + f"C010,Ana{NUL}Ltd,,\n"),
    Case("customer name escape sequence", IMPORT_CUSTOMERS, 2, ":2: name: has a control character (U+001B)",
         csv=CUSTOMERS_HEADER + f"C010,Ana{ESC}[2J,,\n"),
    Case("customer name right-to-left override", IMPORT_CUSTOMERS, 2,
         ":2: name: has an invisible right-to-left override (U+202E)",
         csv=CUSTOMERS_HEADER + f"C010,Pagos {RLO}fdp.exe,,\n"),
    Case("customer name line break", IMPORT_CUSTOMERS, 2, ":2: name: has a line break",
         csv=CUSTOMERS_HEADER + 'C010,"Ana\nBcc: spy@evil.example",,\n'),
    Case("customer name tab", IMPORT_CUSTOMERS, 2, ":2: name: has a tab", csv=CUSTOMERS_HEADER + "C010,Ana\tLtd,,\n"),
    Case("customer name 201 characters", IMPORT_CUSTOMERS, 2, ":2: name: is 201 characters long; at most 200 fit",
         csv=CUSTOMERS_HEADER + f"C010,{'x' * 201},,\n"),
    Case("customer address 100000 characters", IMPORT_CUSTOMERS, 2,
         ":2: address: is 100,000 characters long; at most 500 fit",
         csv=CUSTOMERS_HEADER + f"C010,Ana,{'x' * 100_000},\n"),
    Case("customer notes 2001 characters", IMPORT_CUSTOMERS, 2, ":2: notes: is 2,001 characters long",
         csv=CUSTOMERS_HEADER + f"C010,Ana,,{'x' * 2001}\n"),
    Case("customer code zero-width space", IMPORT_CUSTOMERS, 2, ":2: code: has an invisible zero-width space",
         csv=CUSTOMERS_HEADER + f"C0{ZWSP}01,Ana,,\n"),
    Case("customer code byte order mark inside", IMPORT_CUSTOMERS, 2, ":2: code: has an invisible byte order mark",
         csv=CUSTOMERS_HEADER + "C0\ufeff10,Ana,,\n"),
    Case("customer code 41 characters", IMPORT_CUSTOMERS, 2, ":2: code: is 41 characters long; at most 40 fit",
         csv=CUSTOMERS_HEADER + f"{'C' * 41},Ana,,\n"),
    Case("customer code differing only in case from the database", IMPORT_CUSTOMERS, 2,
         ":2: code: duplicate code: customer 'c001' already exists",
         csv=CUSTOMERS_HEADER + "c001,Ana,,\n"),
    Case("customer codes differing only in case in the file", IMPORT_CUSTOMERS, 2,
         ":3: code: duplicate code: customer 'c010' is also on line 2",
         csv=CUSTOMERS_HEADER + "C010,Ana,,\nc010,Beto,,\n"),
    Case("customer e-mail with two addresses", ("import", "customers", "{file}"), 2, "email",
         csv="code,name,email\nC010,Ana,\"a@b.com,x\"\n"),
    Case("customer name with markup is kept as text", IMPORT_CUSTOMERS, 0, "imported 1 customer",
         csv=CUSTOMERS_HEADER + 'C010,"A & B <Ltd> <font size=30>PAGADO</font>",,\n',
         stored=("SELECT name FROM customer WHERE code = 'C010'", "A & B <Ltd> <font size=30>PAGADO</font>")),
    Case("customer name with a formula is kept as text", IMPORT_CUSTOMERS, 0, "imported 1 customer",
         csv=CUSTOMERS_HEADER + 'C010,"=HYPERLINK(""http://x"",""y"")",,\n',
         stored=("SELECT name FROM customer WHERE code = 'C010'", '=HYPERLINK("http://x","y")')),
    Case("customer address on three lines (CR LF) is kept with LF", IMPORT_CUSTOMERS, 0, "imported 1 customer",
         csv=CUSTOMERS_HEADER + 'C010,Ana,"Av. Arequipa 123\r\nMiraflores\r\nLima",\n',
         stored=("SELECT address FROM customer WHERE code = 'C010'", "Av. Arequipa 123\nMiraflores\nLima")),
    Case("customer name with accents and spaces around", IMPORT_CUSTOMERS, 0, "imported 1 customer",
         csv=CUSTOMERS_HEADER + "C010,  Ñandú Cía. S.A.C.  ,,\n",
         stored=("SELECT name FROM customer WHERE code = 'C010'", "Ñandú Cía. S.A.C.")),
    Case("customer name Arabic (right-to-left letters are fine)", IMPORT_CUSTOMERS, 0, "imported 1 customer",
         csv=CUSTOMERS_HEADER + "C010,شركة النور,,\n",
         stored=("SELECT name FROM customer WHERE code = 'C010'", "شركة النور")),
    # --- invoices: numbers, references, amounts
    Case("invoice number differing only in case from the database", IMPORT_INVOICES, 2,
         ":2: number: duplicate number: invoice 'f001-1' already exists",
         csv=INVOICES_HEADER + "f001-1,C001,2026-06-01,10.00,\n"),
    Case("invoice numbers differing only in case in the file", IMPORT_INVOICES, 2, ":3: number: duplicate number",
         csv=INVOICES_HEADER + "F009-1,C001,2026-06-01,10.00,\nf009-1,C001,2026-06-01,10.00,\n"),
    Case("invoice number NUL", IMPORT_INVOICES, 2, ":2: number: has a NUL character",
         csv=INVOICES_HEADER + f"F009{NUL}1,C001,2026-06-01,10.00,\n"),
    Case("invoice number right-to-left override", IMPORT_INVOICES, 2, ":2: number: has an invisible right-to-left",
         csv=INVOICES_HEADER + f"F009-{RLO}1,C001,2026-06-01,10.00,\n"),
    Case("invoice reference 101 characters", IMPORT_INVOICES, 2, ":2: reference: is 101 characters long",
         csv=INVOICES_HEADER + f"F009-1,C001,2026-06-01,10.00,{'r' * 101}\n"),
    Case("invoice amount 1e400", IMPORT_INVOICES, 2, ":2: amount:",
         csv=INVOICES_HEADER + "F009-1,C001,2026-06-01,1e400,\n"),
    Case("invoice amount NaN", IMPORT_INVOICES, 2, ":2: amount:", csv=INVOICES_HEADER + "F009-1,C001,2026-06-01,NaN,\n"),
    Case("invoice amount 400 digits", IMPORT_INVOICES, 2, ":2: amount:",
         csv=INVOICES_HEADER + f"F009-1,C001,2026-06-01,{'9' * 400},\n"),
    Case("invoice date year 1", IMPORT_INVOICES, 2, ":2: issue_date:",
         csv=INVOICES_HEADER + "F009-1,C001,0001-01-01,10.00,\n"),
    Case("invoice customer code in another case", IMPORT_INVOICES, 2, ":2: customer_code: unknown customer 'c001'",
         csv=INVOICES_HEADER + "F009-1,c001,2026-06-01,10.00,\n"),
    Case("invoice customer code with NUL", IMPORT_INVOICES, 2, ":2: customer_code:",
         csv=INVOICES_HEADER + f"F009-1,C001{NUL},2026-06-01,10.00,\n"),
    # --- payments and credit notes
    Case("payment reference right-to-left override", IMPORT_PAYMENTS, 2, ":2: reference: has an invisible",
         csv=f"customer_code,date,amount,reference\nC001,2026-06-01,10.00,OP{RLO}123\n"),
    Case("payment amount negative", IMPORT_PAYMENTS, 2, ":2: amount:",
         csv="customer_code,date,amount\nC001,2026-06-01,-10.00\n"),
    Case("credit note reason 1001 characters", IMPORT_CREDIT_NOTES, 2, ":2: reason: is 1,001 characters long",
         csv=f"number,customer_code,date,amount,reason\nNC-9,C001,2026-06-01,10.00,{'x' * 1001}\n"),
    Case("credit note number differing only in case", IMPORT_CREDIT_NOTES, 2, ":3: number: duplicate number",
         csv="number,customer_code,date,amount\nNC-9,C001,2026-06-01,1.00\nnc-9,C001,2026-06-01,1.00\n"),
    # --- whole files
    Case("file empty", IMPORT_CUSTOMERS, 2, "", csv=""),
    Case("file header only", IMPORT_CUSTOMERS, 0, "imported 0 customers", csv=CUSTOMERS_HEADER),
    Case("file binary garbage", IMPORT_CUSTOMERS, 2, "", csv="\x00\x01\x02\xff\xfe" * 50),
    Case("file without the required columns", IMPORT_CUSTOMERS, 2, "name", csv="code,colour\nC010,red\n"),
    Case("file missing", ("import", "customers", "/nonexistent/c.csv"), 2, "c.csv"),
    Case("file is a folder", ("import", "customers", "{out}"), 2, ""),
    Case("file with 100000 columns", IMPORT_CUSTOMERS, 2, "",
         csv="code,name," + ",".join(f"x{i}" for i in range(100_000)) + "\nC010,Ana\n"),
]

XLSX_CASES = [
    Case("xlsx customer name right-to-left override", ("import", "customers", "{file}"), 2,
         ":2: name: has an invisible right-to-left override", xlsx=(("code", "name"), ("C010", f"Ana {RLO}Ltd"))),
    Case("xlsx customer name 201 characters", ("import", "customers", "{file}"), 2, ":2: name: is 201 characters",
         xlsx=(("code", "name"), ("C010", "x" * 201))),
    Case("xlsx customer code differing only in case", ("import", "customers", "{file}"), 2,
         ":2: code: duplicate code", xlsx=(("code", "name"), ("c002", "Beto"))),
    Case("xlsx customer code a number", ("import", "customers", "{file}"), 0, "imported 1 customer",
         xlsx=(("code", "name"), (1234, "Ana")), stored=("SELECT name FROM customer WHERE code = '1234'", "Ana")),
    Case("xlsx invoice amount a formula", ("import", "invoices", "{file}"), 2, ":2: amount:",
         xlsx=(("number", "customer_code", "issue_date", "amount"), ("F009-1", "C001", "2026-06-01", "=1/0"))),
]

CASES = CLI_CASES + CSV_CASES + XLSX_CASES
assert len({c.id for c in CASES}) == len(CASES), "every case has its own id"
