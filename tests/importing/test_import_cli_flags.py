"""`cobranza import` with the flags issue 13 spells: --format, --map (repeatable), --mapping NAME (and
--save-mapping), --date-format, --decimal, --sheet, --encoding, --skip-invalid FILE, --create-customers."""

import datetime as dt

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from app.cli import main
from app.database import open_database, session_factory
from app.models import Customer, Invoice


@pytest.fixture
def db(tmp_path, capsys):
    path = str(tmp_path / "cobranza.sqlite")
    assert main(["--db", path, "init", "--company", "Comercial Lima S.A.C."]) == 0
    f = tmp_path / "c.csv"
    f.write_text("code,name\nC001,Ferretería Los Andes S.A.C.\n", encoding="utf-8")
    assert main(["--db", path, "import", "customers", str(f)]) == 0
    capsys.readouterr()
    return path


def rows(db, query):
    engine = open_database(db)
    try:
        with session_factory(engine)() as s:
            return s.execute(query).all()
    finally:
        engine.dispose()


def code(argv):
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_map_date_format_decimal_encoding_format(db, tmp_path, capsys):
    f = tmp_path / "export.txt"
    f.write_bytes("Doc;Cód. cliente;Emitida;Total S/\nF-1;C001;03/04/2026;1.234,50\n".encode("cp1252"))
    argv = ["--db", db, "import", "invoices", str(f), "--format", "csv", "--encoding", "cp1252",
            "--map", "Doc=number", "--map", "Cód. cliente=customer_code", "--map", "Emitida=issue_date",
            "--map", "Total S/=amount", "--date-format", "dd/mm/yyyy", "--decimal", ","]
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "imported 1 invoice (PEN 1234.50)"
    assert rows(db, select(Invoice.number, Invoice.issue_date, Invoice.total_minor)) == [
        ("F-1", dt.date(2026, 4, 3), 123450)]
    # --map naming a column the file lacks, or a field that does not exist: one line, exit 2, nothing written
    assert code(argv[:5] + ["--map", "Nro=number"]) == 2
    assert "the file has no column 'Nro'" in capsys.readouterr().err
    assert code(argv[:5] + ["--map", "Doc=numero"]) == 2
    assert "'numero' is not a field of a invoices import" in capsys.readouterr().err


def test_save_mapping_then_use_it_by_name(db, tmp_path, capsys):
    f = tmp_path / "ene.csv"
    f.write_text("Doc;Cliente;Fecha;Monto\nA-1;C001;03/04/2026;10,00\n", encoding="utf-8")
    assert main(["--db", db, "import", "invoices", str(f), "--map", "Doc=number", "--date-format", "dd/mm/yyyy",
                 "--decimal", ",", "--save-mapping", "Sistema X"]) == 0
    assert "mapping saved as 'Sistema X'" in capsys.readouterr().out
    g = tmp_path / "feb.csv"
    g.write_text("Doc;Cliente;Fecha;Monto\nA-2;C001;04/05/2026;20,00\n", encoding="utf-8")
    assert main(["--db", db, "import", "invoices", str(g), "--mapping", "sistema x"]) == 0
    assert rows(db, select(Invoice.number, Invoice.issue_date, Invoice.total_minor).order_by(Invoice.number)) == [
        ("A-1", dt.date(2026, 4, 3), 1000), ("A-2", dt.date(2026, 5, 4), 2000)]
    capsys.readouterr()
    assert main(["--db", db, "import", "mappings"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Sistema X\tinvoices\tDoc=number, Cliente=customer_code, Fecha=issue_date, Monto=amount")
    assert "--date-format dd/mm/yyyy" in out and "--decimal ," in out
    assert code(["--db", db, "import", "payments", str(g), "--mapping", "Sistema X"]) == 2
    assert "the mapping 'Sistema X' is for invoices, not payments" in capsys.readouterr().err
    assert code(["--db", db, "import", "invoices", str(g), "--mapping", "Otro"]) == 2
    assert "no saved mapping named 'Otro' (saved: Sistema X)" in capsys.readouterr().err


def test_sheet_and_skip_invalid_and_create_customers(db, tmp_path, capsys):
    wb = Workbook()
    wb.active.title = "Notas"
    ws = wb.create_sheet("Facturas")
    ws.append(["Facturas emitidas - marzo 2026"])
    ws.merge_cells("A1:E1")
    ws.append(["Número", "Código cliente", "Cliente", "Fecha de emisión", "Importe"])
    ws.append(["B-1", "N001", "Nuevo Cliente S.R.L.", dt.date(2026, 3, 2), 50])
    ws.append(["B-2", "C001", None, dt.date(2026, 3, 2), "diez"])
    ws.append(["B-3", "N002", None, dt.date(2026, 3, 3), 7.5])
    wb.save(tmp_path / "f.xlsx")
    f = str(tmp_path / "f.xlsx")
    rejected = tmp_path / "rechazadas.csv"
    assert code(["--db", db, "import", "invoices", f, "--sheet", "Facturas"]) == 2
    err = capsys.readouterr().err
    assert f"{f}:3: Código cliente: unknown customer 'N001'" in err and f"{f}:4: Importe:" in err
    assert rows(db, select(Invoice.number)) == []
    assert main(["--db", db, "import", "invoices", f, "--sheet", "Facturas", "--create-customers",
                 "--skip-invalid", str(rejected)]) == 0
    captured = capsys.readouterr()
    assert "line 3: create customer N001" in captured.out and "line 5: create customer N002" in captured.out
    assert captured.out.splitlines()[-1] == (f"imported 2 invoices (PEN 57.50); 2 customers created, 1 bad rows left "
                                             f"out (written to {rejected})")
    assert f"cobranza: rejected: {f}:4: Importe:" in captured.err
    assert rows(db, select(Customer.code, Customer.name).where(Customer.code.like("N%")).order_by(Customer.code)) == [
        ("N001", "Nuevo Cliente S.R.L."), ("N002", "N002")]
    assert rejected.read_text(encoding="utf-8-sig").splitlines()[1].startswith("B-2,C001,,2026-03-02,diez,4,")
    assert code(["--db", db, "import", "invoices", f, "--sheet", "Ventas"]) == 2
    assert "the workbook has no sheet 'Ventas' (sheets: Notas, Facturas)" in capsys.readouterr().err


def test_unmapped_columns_title_rows_and_totals_are_said(db, tmp_path, capsys):
    f = tmp_path / "v.csv"
    f.write_text("Ventas de marzo\nNúmero,Cliente,Fecha,Importe,Vendedor\nV-1,C001,2026-03-02,10.00,Ana\n"
                 ",,,10.00,Total\n", encoding="utf-8")
    assert main(["--db", db, "import", "invoices", str(f), "--dry-run"]) == 0
    captured = capsys.readouterr()
    assert f"{f}:2: column 'Vendedor' is not mapped to a field; ignored" in captured.err
    assert f"{f}:1: skipped (title row above the header)" in captured.err
    assert f"{f}:4: skipped (totals row)" in captured.err
    assert captured.out.strip() == "dry run: would import 1 invoice (PEN 10.00); nothing was written"


def test_reimport_prints_what_changes_not_every_unchanged_row(db, tmp_path, capsys):
    f = tmp_path / "c.csv"
    f.write_text("Código,Razón social,Correo\nC001,Ferretería Los Andes S.A.C.,pagos@andes.pe\n"
                 "C009,Nueva S.A.C.,\n", encoding="utf-8")
    assert main(["--db", db, "import", "customers", str(f), "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "line 2: update C001 (email: (empty) -> pagos@andes.pe)",
        "dry run: would import 2 customers; 1 updated; nothing was written"]
    assert main(["--db", db, "import", "customers", str(f)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "import", "customers", str(f)]) == 0
    assert capsys.readouterr().out.splitlines() == ["imported 0 customers; 2 already imported, unchanged"]
