"""The CLI contract for init, import and balance: exit codes, messages and what ends up in the database."""

import json

import pytest
from sqlalchemy import func, select

from app.cli import main
from app.database import open_database, session_factory
from app.models import Allocation, Company, CreditNote, Customer, Invoice, Payment, PaymentTerms

CUSTOMERS = (
    "code,name,tax_id,email,phone,language,currency,payment_terms,credit_limit,address,city,country\n"
    "C001,Ferretería Los Andes S.A.C.,20123456789,pagos@losandes.pe,+51 1 4445555,es,PEN,NET30,15000.00,"
    "Av. Argentina 1234,Lima,PE\n"
    "C002,Importadora del Norte S.A.,20987654321,,,es,USD,30-60-90,,,Trujillo,PE\n"
    "C003,Grupo Azteca SA de CV,AZT010101AB1,cxp@azteca.mx,,es,MXN,,,,Monterrey,MX\n"
)
INVOICES = (
    "number,customer_code,issue_date,due_date,currency,amount\n"
    "F001-1,C001,2026-01-10,,PEN,600.00\n"
    "F001-2,C001,2026-02-10,2026-03-15,PEN,400.00\n"
    "F001-3,C002,2026-03-01,,USD,900.00\n"
    "F001-4,C003,2026-04-01,,,1500.50\n"
)
PAYMENTS = (
    "reference,customer_code,date,currency,amount,invoice_number\n"
    "OP-1,C001,2026-03-01,PEN,650.00,\n"
    "OP-2,C001,2026-03-20,PEN,100.00,F001-2\n"
    "OP-3,C002,2026-04-15,USD,300.00,F001-3\n"
)


def write(path, text, bom=False):
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return str(path)


def counts(db):
    engine = open_database(db)
    with session_factory(engine)() as s:
        out = {m.__name__: s.scalar(select(func.count()).select_from(m))
               for m in (Customer, Invoice, Payment, CreditNote, Allocation)}
    engine.dispose()
    return out


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "cobranza.sqlite")
    assert main(["--db", path, "init", "--company", "Comercial Lima S.A.C."]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def loaded(db, tmp_path, capsys):
    assert main(["--db", db, "import", "customers", write(tmp_path / "c.csv", CUSTOMERS)]) == 0
    assert main(["--db", db, "import", "invoices", write(tmp_path / "i.csv", INVOICES)]) == 0
    capsys.readouterr()
    return db


def run_fail(argv, code=2):
    """main() returns the exit code or raises SystemExit with it (as `fail` does); both reach the shell."""
    try:
        result = main(argv)
    except SystemExit as exc:
        result = exc.code
    assert result == code


# --- init ---------------------------------------------------------------------------


def test_init_creates_then_upgrades_keeping_data(tmp_path, capsys):
    path = str(tmp_path / "new" / "books.sqlite")
    assert main(["--db", path, "init", "--company", "Comercial Lima S.A.C.", "--currency", "PEN",
                 "--locale", "es_PE"]) == 0
    out = capsys.readouterr().out
    assert "created database" in out and "Comercial Lima S.A.C." in out and "8 available" in out
    assert main(["--db", path, "import", "customers", write(tmp_path / "c.csv", CUSTOMERS)]) == 0
    capsys.readouterr()
    assert main(["--db", path, "init"]) == 0
    out = capsys.readouterr().out
    assert "up to date" in out and "unchanged" in out
    assert counts(path)["Customer"] == 3
    engine = open_database(path)
    with session_factory(engine)() as s:
        assert s.scalar(select(func.count()).select_from(Company)) == 1
        assert s.scalar(select(func.count()).select_from(PaymentTerms)) == 8
        company = s.scalars(select(Company)).one()
        assert (company.name, company.currency, company.locale) == ("Comercial Lima S.A.C.", "PEN", "es_PE")
    engine.dispose()


def test_init_changes_only_what_is_named(db, capsys):
    assert main(["--db", db, "init", "--locale", "es_MX", "--currency", "MXN"]) == 0
    assert "Comercial Lima S.A.C. (MXN, es_MX, MX)" in capsys.readouterr().out


def test_init_bad_currency_is_one_line_exit_2(db, capsys):
    run_fail(["--db", db, "init", "--currency", "XYZ"])
    err = capsys.readouterr().err
    assert err.startswith("cobranza: ") and "XYZ" in err and "Traceback" not in err and err.count("\n") == 1


def test_unreachable_database_exits_1_with_a_message(tmp_path, capsys):
    run_fail(["--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "balance", "C001"], code=1)
    err = capsys.readouterr().err
    assert err.startswith("cobranza: cannot open the database") and "Traceback" not in err
    run_fail(["--db", "nosuchdriver://x/y", "init"], code=1)
    assert capsys.readouterr().err.startswith("cobranza: cannot use the database")


def test_not_a_database_file_is_refused(tmp_path, capsys):
    bogus = tmp_path / "notes.sqlite"
    bogus.write_text("this is not sqlite " * 100)
    # a report on it is the user's mistake in --db (exit 2, tests/cli/test_db_refusal.py)
    run_fail(["--db", str(bogus), "balance", "C001"], code=2)
    assert "is not a Cobranza database" in capsys.readouterr().err
    # init cannot make a database of it either, and says so without a traceback
    run_fail(["--db", str(bogus), "init"], code=1)
    assert "cobranza: cannot open the database" in capsys.readouterr().err


# --- end to end ---------------------------------------------------------------------


def test_end_to_end_init_import_balance(loaded, tmp_path, capsys):
    assert main(["--db", loaded, "import", "payments", write(tmp_path / "p.csv", PAYMENTS)]) == 0
    assert capsys.readouterr().out.strip() == "imported 3 payments (PEN 750.00, USD 300.00)"
    assert main(["--db", loaded, "balance", "C001", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["customer_code"] == "C001" and data["name"] == "Ferretería Los Andes S.A.C."
    assert data["as_of"] == "2026-06-30"
    # OP-1 (650) pays F001-1 (600) and 50 of F001-2; OP-2 pays 100 more of F001-2
    assert data["balances"] == [{"currency": "PEN", "open_items": "250.00", "unapplied_credit": "0.00",
                                 "balance": "250.00"}]
    [item] = data["open_items"]
    assert item["invoice"] == "F001-2" and item["due_date"] == "2026-03-15" and item["days_overdue"] == 107
    assert (item["amount"], item["open"], item["disputed"], item["issue_date"]) == \
           ("400.00", "250.00", False, "2026-02-10")
    # 30/60/90: three due lines of 300.00; the named payment settles the oldest
    assert main(["--db", loaded, "balance", "C002", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balances"][0]["balance"] == "600.00"
    assert [(i["due_date"], i["open"]) for i in data["open_items"]] == [("2026-04-30", "300.00"),
                                                                        ("2026-05-30", "300.00")]
    # as of a date before the payments, everything is open
    assert main(["--db", loaded, "balance", "C001", "--as-of", "2026-02-28", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["balances"][0]["balance"] == "1000.00"


def test_balance_table_and_default_date(loaded, capsys):
    assert main(["--db", loaded, "balance", "C003"]) == 0
    out = capsys.readouterr().out
    assert "balance as of 2026-06-30" in out  # the test clock's today
    assert "1500.50" in out and "F001-4" in out and "2026-05-01" in out and "MXN" in out


def test_balance_unknown_customer_exit_2(loaded, capsys):
    run_fail(["--db", loaded, "balance", "NOPE"])
    err = capsys.readouterr().err
    assert err.startswith("cobranza: ") and "NOPE" in err


def test_unapplied_credit_shows_in_balance(loaded, tmp_path, capsys):
    csv = write(tmp_path / "p.csv", "customer_code,date,amount\nC001,2026-06-01,1200.00\n")
    assert main(["--db", loaded, "import", "payments", csv]) == 0
    assert main(["--db", loaded, "balance", "C001", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert data["balances"] == [{"currency": "PEN", "open_items": "0.00", "unapplied_credit": "200.00",
                                 "balance": "-200.00"}]
    assert data["open_items"] == []


# --- bad files import nothing ---------------------------------------------------------


def assert_bad(db, argv_tail, expected, capsys):
    before = counts(db)
    run_fail(["--db", db, "import", *argv_tail])
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if not ln.startswith("cobranza:")]
    assert lines == expected, err
    assert "Traceback" not in err
    assert counts(db) == before
    return err


def test_bad_date_alone(loaded, tmp_path, capsys):
    # 03/01/2026 reads two ways and nothing else in the column says which: refused with both readings
    f = write(tmp_path / "bad.csv", "number,customer_code,issue_date,amount\nF9,C001,03/01/2026,10.00\n")
    assert_bad(loaded, ["invoices", f], [f"{f}:2: issue_date: '03/01/2026' could be 2026-01-03 or 2026-03-01; "
                                         "choose the date format (--date-format dd/mm/yyyy or mm/dd/yyyy)"], capsys)
    assert main(["--db", loaded, "import", "invoices", f, "--date-format", "dd/mm/yyyy"]) == 0
    # 31/01/2026 reads one way only
    f = write(tmp_path / "good.csv", "number,customer_code,issue_date,amount\nF10,C001,31/01/2026,10.00\n")
    assert main(["--db", loaded, "import", "invoices", f]) == 0


def test_unknown_customer_alone(loaded, tmp_path, capsys):
    f = write(tmp_path / "bad.csv", "number,customer_code,issue_date,amount\nF9,C999,2026-01-31,10.00\n")
    assert_bad(loaded, ["invoices", f], [f"{f}:2: customer_code: unknown customer 'C999'; import or create "
                                         "the customer first (or import with --create-customers)"], capsys)


def test_unknown_invoice_terms_name_the_known_ones(loaded, tmp_path, capsys):
    """Invoices and customers read payment terms by one rule, so both say which terms exist."""
    f = write(tmp_path / "bad.csv", "number,customer_code,issue_date,amount,payment_terms\n"
                                    "F9,C001,2026-01-31,10.00,NET31\n")
    assert_bad(loaded, ["invoices", f], [
        f"{f}:2: payment_terms: unknown payment terms 'NET31'; use one of 30-60-90, CONTADO, EOM30, NET15, NET30, "
        "NET45, NET60, NET90"], capsys)


def test_duplicate_number_in_db_and_in_file(loaded, tmp_path, capsys):
    f = write(tmp_path / "bad.csv", "number,customer_code,issue_date,amount\n"
                                    "F001-1,C001,2026-01-31,10.00\nF9,C001,2026-01-31,10.00\n"
                                    "F9,C001,2026-02-01,20.00\n")
    assert_bad(loaded, ["invoices", f], [
        f"{f}:2: number: duplicate number: invoice 'F001-1' already exists in the database with issue date 2026-01-10 (the file: "
        "2026-01-31); amount PEN 600.00 (the file: PEN 10.00): an import does not change a posted invoice; issue a "
        "credit note or void it, or correct the file",
        f"{f}:4: number: duplicate number: invoice 'F9' is also on line 3"], capsys)


def test_wrong_currency_alone(loaded, tmp_path, capsys):
    f = write(tmp_path / "bad.csv", PAYMENTS.splitlines()[0] + "\nOP-9,C001,2026-03-01,USD,10.00,F001-1\n")
    assert_bad(loaded, ["payments", f], [f"{f}:2: currency: the payment is in USD but invoice F001-1 is in PEN"],
               capsys)
    f = write(tmp_path / "bad2.csv", "number,customer_code,issue_date,amount,currency\nF9,C001,2026-01-31,10,XYZ\n")
    assert_bad(loaded, ["invoices", f], [f"{f}:2: currency: 'XYZ' is not an ISO 4217 currency code "
                                         "(e.g. PEN, USD, MXN, COP, CLP)"], capsys)


def test_several_problems_in_one_file_each_listed(loaded, tmp_path, capsys):
    text = ("number,customer_code,issue_date,due_date,currency,amount\n"
            "F10,C001,2026-05-01,,PEN,100.00\n"          # good
            "F11,C001,2026-13-01,,PEN,100.00\n"          # bad date
            "F12,NOPE,2026-05-01,,PEN,100.00\n"          # unknown customer
            "F001-1,C001,2026-05-01,,PEN,100.00\n"       # duplicate number
            "F14,C001,2026-05-01,,ABC,100.00\n"          # unknown currency
            "F15,C001,2026-05-01,,PEN,100.001\n"         # too many decimals
            "F16,C001,2026-05-01,,PEN,-5\n"              # negative
            "F17,C001,2026-05-01,,PEN,0\n"               # zero
            "F18,C001,2026-05-01,,PEN,abc\n"             # not a number
            "F19,C001,2026-05-01,2026-04-01,PEN,10\n"    # due before issue
            "F10,C001,2026-05-02,,PEN,100.00\n")         # duplicate within the file
    f = write(tmp_path / "bad.csv", text)
    err = assert_bad(loaded, ["invoices", f], [
        f"{f}:3: issue_date: '2026-13-01' is not a valid date; write it as YYYY-MM-DD (e.g. 2026-01-31)",
        f"{f}:4: customer_code: unknown customer 'NOPE'; import or create the customer first (or import with "
        "--create-customers)",
        f"{f}:5: number: duplicate number: invoice 'F001-1' already exists in the database with issue date 2026-01-10 (the file: "
        "2026-05-01); amount PEN 600.00 (the file: PEN 100.00): an import does not change a posted invoice; issue "
        "a credit note or void it, or correct the file",
        f"{f}:6: currency: 'ABC' is not an ISO 4217 currency code (e.g. PEN, USD, MXN, COP, CLP)",
        f"{f}:7: amount: '100.001' has 3 decimals but PEN has 2; if you meant 100,001.00, type 100001.",
        f"{f}:8: amount: '-5' is negative; amounts must be greater than zero",
        f"{f}:9: amount: '0' is zero; amounts must be greater than zero",
        f"{f}:10: amount: 'abc' is not an amount; type it like 1,234.56 or 1234.56.",
        f"{f}:11: due_date: 2026-04-01 is before the issue date 2026-05-01",
        f"{f}:12: number: duplicate number: invoice 'F10' is also on line 2"], capsys)
    assert "10 bad rows; nothing was imported" in err


def test_missing_required_column_is_one_message(loaded, tmp_path, capsys):
    f = write(tmp_path / "bad.csv", "number,customer_code,issue_date\nF9,C001,2026-01-31\nF10,C001,2026-01-31\n")
    err = assert_bad(loaded, ["invoices", f], [f"{f}:1: amount: no column is mapped to Amount (amount), which "
                                               "every row needs: map one with --map \"Header=amount\""], capsys)
    assert err.count("no column is mapped") == 1


def test_physical_line_numbers_with_blank_and_multiline_rows(loaded, tmp_path, capsys):
    text = ('code,name,address\n'
            'N1,"Nombre, con coma","Calle 1\nPiso 2"\n'
            '\n'
            'N2,,Calle 3\n')
    f = write(tmp_path / "c.csv", text)
    assert_bad(loaded, ["customers", f], [f"{f}:5: name: is empty; every row needs a name"], capsys)


def test_customer_file_problems(db, tmp_path, capsys):
    text = ("code,name,email,language,payment_terms,credit_limit,country\n"
            "K1,Uno,bad-mail,es,NET30,100,PE\n"
            "K2,Dos,,fr,NET30,100,PE\n"
            "K3,Tres,,es,NET31,100,PE\n"
            "K4,Cuatro,,es,NET30,100,PER\n"
            "K5,Cinco,,es,NET30,-1,PE\n"
            "K5,Cinco bis,,en,net30,0,pe\n")
    f = write(tmp_path / "c.csv", text)
    assert_bad(db, ["customers", f], [
        f"{f}:2: email: 'bad-mail' is not a valid e-mail address: an address has exactly one @",
        f"{f}:3: language: 'fr' is not a supported language; use es or en",
        f"{f}:4: payment_terms: unknown payment terms 'NET31'; use one of 30-60-90, CONTADO, EOM30, NET15, NET30, "
        "NET45, NET60, NET90",
        f"{f}:5: country: 'PER' is not an ISO 3166 two-letter country code (e.g. PE, MX, CO, CL, US)",
        f"{f}:6: credit_limit: '-1' is negative; amounts must be greater than zero",
        f"{f}:7: code: duplicate code: customer 'K5' is also on line 6"], capsys)


def test_payment_problems(loaded, tmp_path, capsys):
    text = ("reference,customer_code,date,currency,amount,invoice_number\n"
            "OP-1,C001,2026-03-01,PEN,500.00,F001-1\n"       # good
            "OP-3,C001,2026-03-01,PEN,10.00,F999\n"          # unknown invoice
            "OP-4,C001,2026-03-01,PEN,10.00,F001-3\n"        # another customer's invoice
            "OP-5,C001,2026-01-01,PEN,10.00,F001-2\n"        # before the invoice
            "OP-1,C001,2026-03-02,PEN,10.00,\n")             # same reference twice
    f = write(tmp_path / "p.csv", text)
    assert_bad(loaded, ["payments", f], [
        f"{f}:3: invoice_number: unknown invoice 'F999'",
        f"{f}:4: invoice_number: invoice F001-3 belongs to another customer (C002)",
        f"{f}:5: date: 2026-01-01 is before invoice F001-2's issue date 2026-02-10",
        f"{f}:6: reference: duplicate reference: the same payment from C001 is also on line 2"], capsys)


def test_a_transfer_paying_more_than_its_invoice_imports_with_the_rest_as_credit(loaded, tmp_path, capsys):
    """The ledger's rule holds for imports (issue 13): the named invoice gets what is open, also after the
    rows above took part of it, and the rest stays as unapplied credit, said as a warning."""
    f = write(tmp_path / "p.csv", "reference,customer_code,date,currency,amount,invoice_number\n"
                                  "OP-1,C001,2026-03-01,PEN,500.00,F001-1\n"
                                  "OP-2,C001,2026-03-01,PEN,200.00,F001-1\n"     # only 100 left after line 2
                                  "OP-7,C001,2026-03-01,PEN,1000.00,F001-2\n")   # F001-2 has 400 open
    assert main(["--db", loaded, "import", "payments", f]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "imported 3 payments (PEN 1700.00)"
    assert err.splitlines() == [
        f"cobranza: warning: {f}:3: amount: 200.00 is more than the 100.00 PEN open on invoice F001-1 after the "
        "rows above; the other 100.00 PEN stays as C001's unapplied credit",
        f"cobranza: warning: {f}:4: amount: 1000.00 is more than the 400.00 PEN open on invoice F001-2; the "
        "other 600.00 PEN stays as C001's unapplied credit"]
    assert main(["--db", loaded, "balance", "C001", "--as-of", "2026-03-31", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balances"] == [{"currency": "PEN", "open_items": "0.00", "unapplied_credit": "700.00",
                                 "balance": "-700.00"}]


def test_credit_notes_import_and_problems(loaded, tmp_path, capsys):
    head = "number,customer_code,date,currency,amount,invoice_number\n"
    bad = write(tmp_path / "bad.csv", head + "NC-1,C001,2026-02-01,PEN,50.00,F001-1\n"
                                              "NC-1,C001,2026-02-01,PEN,40.00,F001-1\n"
                                              "NC-3,C002,2026-04-01,PEN,50.00,F001-3\n")
    assert_bad(loaded, ["credit-notes", bad], [
        f"{bad}:3: number: duplicate number: credit note 'NC-1' is also on line 2",
        f"{bad}:4: currency: the credit note is in PEN but invoice F001-3 is in USD"], capsys)
    good = write(tmp_path / "good.csv", head + "NC-1,C001,2026-02-01,PEN,50.00,F001-1\n"
                                               "NC-2,C001,2026-02-01,,25.00,\n")
    assert main(["--db", loaded, "import", "credit-notes", good]) == 0
    assert capsys.readouterr().out.strip() == "imported 2 credit notes (PEN 75.00)"
    assert main(["--db", loaded, "balance", "C001", "--as-of", "2026-02-15", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balances"][0] == {"currency": "PEN", "open_items": "950.00", "unapplied_credit": "25.00",
                                   "balance": "925.00"}
    again = write(tmp_path / "again.csv", head + "NC-2,C001,2026-02-01,,25.00,\n")
    assert main(["--db", loaded, "import", "credit-notes", again]) == 0  # the same again: nothing twice
    assert capsys.readouterr().out.splitlines()[-1] == "imported 0 credit notes; 1 already imported, unchanged"
    again = write(tmp_path / "again.csv", head + "NC-2,C001,2026-02-01,,26.00,\n")
    assert_bad(loaded, ["credit-notes", again],
               [f"{again}:2: number: duplicate number: credit note 'NC-2' already exists in the database with "
                "amount PEN 25.00 (the file: PEN 26.00): an import does not change a posted document"], capsys)


def test_dry_run_writes_nothing(db, tmp_path, capsys):
    f = write(tmp_path / "c.csv", CUSTOMERS)
    before = counts(db)
    assert main(["--db", db, "import", "customers", f, "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == "dry run: would import 3 customers; nothing was written"
    assert counts(db) == before
    assert main(["--db", db, "import", "customers", f]) == 0
    assert counts(db)["Customer"] == 3


def test_dry_run_reports_problems_too(loaded, tmp_path, capsys):
    f = write(tmp_path / "bad.csv", "number,customer_code,issue_date,amount\nF9,C999,2026-01-31,10.00\n")
    run_fail(["--db", loaded, "import", "invoices", f, "--dry-run"])
    assert "unknown customer 'C999'" in capsys.readouterr().err


def test_bom_and_columns_in_any_order(db, tmp_path, capsys):
    f = write(tmp_path / "c.csv", "country,Name,CODE,currency\nCL,Minera Atacama SpA,M1,CLP\n", bom=True)
    assert main(["--db", db, "import", "customers", f]) == 0
    f = write(tmp_path / "i.csv", "amount,issue_date,customer_code,number\n125000,2026-06-01,M1,B-77\n", bom=True)
    assert main(["--db", db, "import", "invoices", f]) == 0
    capsys.readouterr()
    assert main(["--db", db, "balance", "M1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # CLP has no decimals; no due_date: the default terms (NET30) apply
    assert data["balances"][0]["balance"] == "125000"
    assert data["open_items"][0]["due_date"] == "2026-07-01"
    f = write(tmp_path / "bad.csv", "amount,issue_date,customer_code,number\n125000.5,2026-06-01,M1,B-78\n")
    run_fail(["--db", db, "import", "invoices", f])
    assert "'125000.5' has 1 decimal but CLP has none; type a whole number." in capsys.readouterr().err


def test_missing_file_and_unsupported_format(db, tmp_path, capsys):
    run_fail(["--db", db, "import", "invoices", str(tmp_path / "nope.csv")])
    assert capsys.readouterr().err.startswith(f"{tmp_path / 'nope.csv'}:1: file: no such file")
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0")
    run_fail(["--db", db, "import", "invoices", str(xls)])
    assert "save the file as CSV UTF-8" in capsys.readouterr().err


def test_not_utf8_names_the_line(db, tmp_path, capsys):
    f = tmp_path / "latin1.csv"
    f.write_bytes("code,name\nA1,Uno\nA2,Compañía\n".encode("latin-1"))
    run_fail(["--db", db, "import", "customers", str(f), "--encoding", "utf-8"])
    assert capsys.readouterr().err.startswith(f"{f}:3: file: the file is not utf-8 text")
    assert counts(db)["Customer"] == 0
    # without --encoding a file that is not UTF-8 is read as Windows-1252 (Latin-1's superset)
    assert main(["--db", db, "import", "customers", str(f)]) == 0
    assert counts(db)["Customer"] == 2


def test_xlsx_import(db, tmp_path, capsys):
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "name", "currency"])
    ws.append(["X1", "Textiles Gamarra E.I.R.L.", "PEN"])
    wb.save(tmp_path / "c.xlsx")
    wb = Workbook()
    ws = wb.active
    ws.append(["number", "customer_code", "issue_date", "due_date", "amount"])
    ws.append(["E001-1", "X1", dt.datetime(2026, 5, 2), dt.date(2026, 6, 1), 118.0000000001])
    ws.append(["E001-2", "X1", "2026-05-03", None, 250])
    wb.save(tmp_path / "i.xlsx")
    assert main(["--db", db, "import", "customers", str(tmp_path / "c.xlsx")]) == 0
    assert main(["--db", db, "import", "invoices", str(tmp_path / "i.xlsx")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 2 invoices (PEN 368.00)"
    wb = Workbook()
    ws = wb.active
    ws.append(["number", "customer_code", "issue_date", "amount"])
    ws.append(["E001-3", "X1", "2026-05-03", 10])
    ws.append([None, None, None, None])
    ws.append(["E001-1", "X1", "03/05/2026", 10.555])
    wb.save(tmp_path / "bad.xlsx")
    f = str(tmp_path / "bad.xlsx")
    assert_bad(db, ["invoices", f], [
        f"{f}:4: issue_date: '03/05/2026' could be 2026-05-03 or 2026-03-05; choose the date format (--date-format "
        "dd/mm/yyyy or mm/dd/yyyy)",
        # a number cell reads one way: no "if you meant 10,555.00"
        f"{f}:4: amount: '10.555' has 3 decimals but PEN has 2; check the amount"], capsys)


def test_ledger_refusal_at_write_rolls_back_and_names_the_row(loaded, tmp_path, capsys):
    """Credit control in block mode is a rule only the ledger knows: the import stops and writes nothing."""
    from app.ledger import set_setting

    engine = open_database(loaded)
    with session_factory(engine)() as s, s.begin():
        set_setting(s, "credit_control.mode", "block")
    engine.dispose()
    f = write(tmp_path / "i.csv", "number,customer_code,issue_date,amount\n"
                                  "F20,C003,2026-06-01,10.00\nF21,C001,2026-06-01,20000.00\n")
    before = counts(loaded)
    run_fail(["--db", loaded, "import", "invoices", f])
    err = capsys.readouterr().err
    assert err.startswith(f"{f}:3: customer_code: ")
    assert counts(loaded) == before


def test_a_csv_renamed_xlsx_is_a_clear_error(db, tmp_path, capsys):
    f = write(tmp_path / "fake.xlsx", "code,name\nA,B\n")
    run_fail(["--db", db, "import", "customers", f])
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{f}:1: file: not a readable Excel workbook (.xlsx)")
    assert err[1] == f"cobranza: {f}: the file cannot be imported; nothing was imported"


def test_bad_argument_is_one_line_exit_2(db, capsys):
    run_fail(["--db", db, "balance", "C001", "--as-of", "2026-02-30"])
    err = capsys.readouterr().err
    assert err == ("cobranza: balance: argument --as-of: date '2026-02-30' is not a date; write it as YYYY-MM-DD "
                   "(see cobranza balance --help)\n")
    run_fail(["--db", db, "import", "suppliers", "x.csv"])
    err = capsys.readouterr().err
    assert err.startswith("cobranza: import: argument {customers,invoices,payments,credit-notes,mappings}: invalid "
                          "choice: 'suppliers'") and err.count("\n") == 1


def test_init_upgrades_an_old_schema_with_a_backup(tmp_path, capsys):
    from alembic import command

    from app.database import alembic_config, make_engine

    path = tmp_path / "old.sqlite"
    engine = make_engine(str(path))
    command.upgrade(alembic_config(engine), "0001")
    engine.dispose()
    assert main(["--db", str(path), "init", "--company", "Vieja S.A."]) == 0
    out = capsys.readouterr().out
    assert f"upgraded database {path} from schema 0001 to" in out and "backup of the previous file" in out
    assert len(list(tmp_path.glob("old.sqlite.*.bak"))) == 1


def test_cobranza_db_environment_variable(tmp_path, monkeypatch, capsys):
    path = tmp_path / "env.sqlite"
    monkeypatch.setenv("COBRANZA_DB", str(path))
    assert main(["init"]) == 0
    assert f"created database {path}" in capsys.readouterr().out
    assert path.exists()
