"""`cobranza aging` end to end through app.cli.main."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import load_workbook

from app import ledger
from app.cli import main

D = dt.date


@pytest.fixture
def db(engine, session, db_path):
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.save_company(session, name="Comercial Andina SAC", currency="PEN", locale="es_PE")
        ledger.create_customer(session, code="ACME", name="Acme Perú SAC", currency="PEN")
        ledger.create_customer(session, code="CL", name="Chile Ltda", currency="CLP")
        ledger.record_invoice(session, customer_code="ACME", number="F-1", issue_date=D(2026, 4, 1),
                              total_minor=1000_00, due_date=D(2026, 5, 1))
        ledger.record_invoice(session, customer_code="ACME", number="F-2", issue_date=D(2026, 6, 1),
                              total_minor=250_50, due_date=D(2026, 7, 1))
        ledger.record_payment(session, customer_code="ACME", date=D(2026, 6, 10), amount_minor=400_00,
                              invoice_number="F-1")
        ledger.record_invoice(session, customer_code="CL", number="F-3", issue_date=D(2026, 6, 1),
                              total_minor=99_999, due_date=D(2026, 6, 20))
    return str(db_path)


def run(db, capsys, *args):
    code = main(["--db", db, "aging", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json(db, capsys):
    code, out, _ = run(db, capsys, "--as-of", "2026-06-30", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["bucket_labels"] == ["current", "1-30", "31-60", "61-90", "91+"]
    acme = data["customers"][0]
    assert (acme["code"], acme["currency"], acme["total"]) == ("ACME", "PEN", "850.50")
    assert acme["buckets"]["31-60"] == "600.00" and acme["buckets"]["current"] == "250.50"
    assert data["customers"][1]["total"] == "99999"
    assert "items" not in acme


def test_json_detail_issue_basis_custom_buckets_and_filters(db, capsys):
    code, out, _ = run(db, capsys, "--as-of", "2026-06-30", "--basis", "issue", "--buckets", "45,80",
                       "--detail", "--customer", "ACME", "--currency", "pen", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["basis"] == "issue" and data["bucket_labels"] == ["0-45", "46-80", "81+"]
    assert [c["code"] for c in data["customers"]] == ["ACME"]
    items = data["customers"][0]["items"]
    assert [(i["document"], i["days"], i["bucket"], i["open"]) for i in items] == [
        ("F-1", 90, "81+", "600.00"), ("F-2", 29, "0-45", "250.50")]


def test_table_default(db, capsys):
    code, out, _ = run(db, capsys, "--as-of", "2026-06-30")
    assert code == 0
    assert "Comercial Andina SAC" in out and "850.50" in out and "99,999" in out


def test_csv_to_file(db, capsys, tmp_path):
    target = tmp_path / "a.csv"
    code, out, err = run(db, capsys, "--as-of", "2026-06-30", "--format", "csv", "-o", str(target))
    assert code == 0 and out == "" and "written" in err
    assert target.read_text(encoding="utf-8").splitlines()[1].startswith("ACME,Acme Perú SAC,PEN,250.50,0.00,")


def test_xlsx_and_pdf_files(db, capsys, tmp_path):
    assert run(db, capsys, "--as-of", "2026-06-30", "--format", "xlsx", "--detail", "-o",
               str(tmp_path / "a.xlsx"))[0] == 0
    wb = load_workbook(tmp_path / "a.xlsx")
    assert "Comercial Andina SAC" in wb.worksheets[0]["A1"].value
    assert run(db, capsys, "--as-of", "2026-06-30", "--format", "pdf", "-o", str(tmp_path / "a.pdf"))[0] == 0
    assert (tmp_path / "a.pdf").read_bytes()[:4] == b"%PDF"


@pytest.mark.parametrize("args, message", [
    (["--buckets", "60,30"], "ascending"),
    (["--buckets", "x"], "whole days"),
    (["--currency", "SOLES"], "currency"),
    (["--customer", "NOPE"], "NOPE"),
    (["--format", "xlsx"], "-o FILE"),
])
def test_bad_input_exit_2_and_nothing_written(db, capsys, tmp_path, args, message):
    with pytest.raises(SystemExit) as exc:
        run(db, capsys, "--as-of", "2026-06-30", *args)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_bad_date_and_missing_as_of(db, capsys):
    with pytest.raises(SystemExit) as exc:
        run(db, capsys, "--as-of", "2026-02-30")
    assert exc.value.code == 2 and "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        run(db, capsys)


def test_missing_folder(db, capsys, tmp_path):
    with pytest.raises(SystemExit) as exc:
        run(db, capsys, "--as-of", "2026-06-30", "--format", "pdf", "-o", str(tmp_path / "no" / "a.pdf"))
    assert exc.value.code == 2 and "does not exist" in capsys.readouterr().err
