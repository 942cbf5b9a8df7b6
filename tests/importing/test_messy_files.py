"""Files the way real exports look, through the API the GUI wizard and the CLI call (app.importing.api):
Latin-1 accents, semicolons and decimal commas, a BOM, title rows and merged title cells in XLSX, a totals row,
repeated rows, currency symbols, a SUNAT-style sales register; ambiguous dates and amounts refused."""

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from app import ledger
from app.importing.api import (
    FileProblem, ImportOptions, MappingError, apply_overrides, delete_mapping, detect_mapping, fields_for,
    list_mappings, load_mapping, make_mapping, preview_import, read_file, run_import, save_mapping,
)
from app.models import Customer, Dispute, Invoice, Payment
from tests.factories import count_rows as count
from tests.factories import make_customer


@pytest.fixture
def books(session):
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.save_company(session, name="Comercial Lima S.A.C.", currency="PEN", locale="es_PE", country="PE")
        make_customer(session, code="C001", name="Ferretería Los Andes S.A.C.")
        make_customer(session, code="C002", name="Bodega San Martín", currency="USD")
    session.close()
    return session


def latin1(path, text):
    path.write_bytes(text.encode("cp1252"))
    return path


def utf8_bom(path, text):
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path


def do(session, kind, path, options=ImportOptions(), overrides=None, **kw):
    table = read_file(path, options)
    mapping = detect_mapping(kind, table.headers).mapping
    if overrides:
        mapping = apply_overrides(mapping, table.headers, overrides)
    return table, mapping, run_import(session, kind, table, mapping, options, **kw)


# --- customers: Latin-1, title row, semicolons; tax ids and phones ------------------------------------------


CUSTOMERS = ("LISTA DE CLIENTES AL 31/01/2026;;;;\n"
             ";;;;\n"
             "Código;Razón social;RUC;Teléfono;Correo electrónico\n"
             "K01;Comercial Peña S.A.C.;20100070970;987654321;pena@example.pe\n"
             "K02;Ñandú E.I.R.L.;20123456789;01 4445555;\n"
             "K03;Distribuidora Año Nuevo;;12;\n")


def test_latin1_semicolons_and_a_title_row(books, tmp_path):
    f = latin1(tmp_path / "clientes.csv", CUSTOMERS)
    table = read_file(f)
    assert (table.encoding, table.delimiter, table.header_line) == ("cp1252", ";", 3)
    assert table.headers == ["Código", "Razón social", "RUC", "Teléfono", "Correo electrónico"]
    assert table.skipped == [(1, "title row above the header")]
    guess = detect_mapping("customers", table.headers)
    assert guess.mapping.columns == (("Código", "code"), ("Razón social", "name"), ("RUC", "tax_id"),
                                     ("Teléfono", "phone"), ("Correo electrónico", "email"))
    assert guess.missing == () and guess.unmapped == ()
    preview = preview_import(books, "customers", table, guess.mapping)
    assert preview.ok and [c.action for c in preview.changes] == ["create"] * 3
    # a RUC failing its check digit and a phone that is no number are kept with a warning, naming the column
    assert [(w.line, w.column, w.field) for w in preview.warnings] == [(5, "RUC", "tax_id"), (6, "Teléfono", "phone")]
    assert "is not a valid RUC" in preview.warnings[0].message
    result = run_import(books, "customers", table, guess.mapping)
    assert result.ok and result.imported == 3
    pena = books.scalars(select(Customer).where(Customer.code == "K01")).one()
    assert (pena.name, pena.tax_id, pena.phone) == ("Comercial Peña S.A.C.", "20100070970", "+51 987 654 321")
    assert books.scalars(select(Customer.name).where(Customer.code == "K02")).one() == "Ñandú E.I.R.L."


def test_a_chosen_encoding_that_does_not_fit_names_the_line(tmp_path):
    f = latin1(tmp_path / "clientes.csv", CUSTOMERS)
    with pytest.raises(FileProblem) as exc:
        read_file(f, ImportOptions(encoding="utf-8"))
    assert exc.value.line == 3 and "not utf-8" in exc.value.message  # the first line with an accent


def test_reimport_shows_changes_and_writes_nothing_twice(books, tmp_path):
    f = latin1(tmp_path / "clientes.csv", CUSTOMERS)
    do(books, "customers", f)
    changed = latin1(tmp_path / "clientes2.csv", CUSTOMERS.replace("pena@example.pe", "cobranzas@pena.pe"))
    table = read_file(changed)
    mapping = detect_mapping("customers", table.headers).mapping
    preview = preview_import(books, "customers", table, mapping)
    assert [(c.line, c.action) for c in preview.changes] == [(4, "update"), (5, "unchanged"), (6, "unchanged")]
    assert preview.changes[0].details == (("email", "pena@example.pe", "cobranzas@pena.pe"),)
    result = run_import(books, "customers", table, mapping)
    assert result.ok and result.imported == 1 and result.counts == {"update": 1, "unchanged": 2}
    assert books.scalars(select(Customer.email).where(Customer.code == "K01")).one() == "cobranzas@pena.pe"
    again = run_import(books, "customers", table, mapping)
    assert again.imported == 0 and again.counts == {"unchanged": 3}
    assert count(books, Customer) == 5


# --- invoices: BOM, decimal commas, currency symbols, series + number, totals row, repeated rows -----------------


INVOICES = ("Serie;Número;Cliente;Fecha de emisión;Vencimiento;Importe;Moneda;Observada\n"
            "F001;101;C001;31/01/2026;02/03/2026;S/ 1.234,50;;no\n"
            "F001;102;C002;15/01/2026;14/02/2026;US$ 500,00;;sí\n"
            "F001;103;C001;05/01/2026;;10,00;PEN;\n"
            "F001;103;C001;05/01/2026;;10,00;PEN;\n"
            ";;;;TOTAL;1.754,50;;\n")


def test_bom_decimal_commas_symbols_totals_and_a_repeated_row(books, tmp_path):
    f = utf8_bom(tmp_path / "ventas.csv", INVOICES)
    options = ImportOptions(decimal=",")
    table, mapping, result = do(books, "invoices", f, options)
    assert table.encoding == "utf-8-sig" and table.headers[0] == "Serie"
    assert dict(mapping.columns)["Observada"] == "disputed" and dict(mapping.columns)["Serie"] == "series"
    assert result.ok, result.messages()
    assert result.skipped == ((5, "repeats line 4 exactly; imported once"), (6, "totals row"))
    assert result.imported == 3 and result.totals == (("PEN", 124450), ("USD", 50000))
    inv = {i.number: i for i in books.scalars(select(Invoice))}
    assert inv["F001-101"].total_minor == 123450 and inv["F001-101"].currency == "PEN"
    assert inv["F001-101"].due_lines[0].due_date == dt.date(2026, 3, 2)
    assert inv["F001-102"].currency == "USD" and inv["F001-102"].disputed
    # "sí" in the Observada column opened a dispute (the collections' rule, with its audit)
    assert [(d.invoice_id, d.status) for d in books.scalars(select(Dispute))] == [(inv["F001-102"].id, "open")]
    again = run_import(books, "invoices", table, mapping, options)
    assert again.ok and again.imported == 0 and again.counts == {"unchanged": 3}


def test_marking_an_imported_invoice_disputed_on_reimport(books, tmp_path):
    f = utf8_bom(tmp_path / "ventas.csv", INVOICES)
    options = ImportOptions(decimal=",")
    do(books, "invoices", f, options)
    g = utf8_bom(tmp_path / "ventas2.csv", INVOICES.replace("S/ 1.234,50;;no", "S/ 1.234,50;;Sí"))
    table = read_file(g)
    mapping = detect_mapping("invoices", table.headers).mapping
    preview = preview_import(books, "invoices", table, mapping, options)
    assert [(c.line, c.action, c.key) for c in preview.changes][0] == (2, "dispute", "F001-101")
    run_import(books, "invoices", table, mapping, options)
    assert books.scalars(select(Invoice.disputed).where(Invoice.number == "F001-101")).one()
    assert count(books, Dispute) == 2


def test_a_reimported_invoice_with_another_amount_is_refused(books, tmp_path):
    do(books, "invoices", utf8_bom(tmp_path / "v.csv", INVOICES), ImportOptions(decimal=","))
    g = utf8_bom(tmp_path / "v2.csv", INVOICES.replace("S/ 1.234,50", "S/ 1.300,00"))
    _t, _m, result = do(books, "invoices", g, ImportOptions(decimal=","))
    assert not result.ok and [(p.line, p.column, p.field) for p in result.problems] == [(2, "Número", "number")]
    assert "already exists in the database with amount PEN 1234.50 (the file: PEN 1300.00)" in result.problems[0].message


def test_a_customer_named_total_on_the_last_row_is_not_a_totals_row(books, tmp_path):
    f = utf8_bom(tmp_path / "c.csv", "Código;Razón social;Ciudad\nT1;Textiles Lima;Lima\nT2;Total Logistics S.A.C.;Callao\n")
    table, _m, result = do(books, "customers", f)
    assert table.skipped == [] and result.imported == 2


def test_without_a_decimal_choice_an_amount_that_reads_two_ways_is_refused(books, tmp_path):
    f = utf8_bom(tmp_path / "v.csv", "Número;Cliente;Fecha;Importe\nF9;C001;31/01/2026;1.500\nF10;C001;31/01/2026;2,5\n")
    _t, _m, result = do(books, "invoices", f)
    assert [(p.line, p.field) for p in result.problems] == [(2, "amount")]
    assert "could be" in result.problems[0].message and count(books, Invoice) == 0
    _t, _m, result = do(books, "invoices", f, ImportOptions(decimal=","))
    assert result.ok and result.totals == (("PEN", 150250),)


def test_a_dollar_sign_is_refused_where_it_could_be_two_currencies(books, tmp_path):
    f = utf8_bom(tmp_path / "v.csv", "Número;Cliente;Fecha;Importe\nF9;C001;31/01/2026;$ 100.00\n")
    _t, _m, result = do(books, "invoices", f)
    assert [(p.line, p.field) for p in result.problems] == [(2, "amount")]
    assert "'$' could be US dollars" in result.problems[0].message


# --- dates -----------------------------------------------------------------------------------------------


def test_dates_are_read_in_the_order_the_column_shows_and_refused_when_it_cannot(books, tmp_path):
    # every date has day and month <= 12: each is refused with both readings, until the order is chosen
    f = utf8_bom(tmp_path / "v.csv", "Número,Cliente,Fecha,Importe\nF9,C001,03/01/2026,10.00\nF10,C001,04/01/2026,10.00\n")
    _t, _m, result = do(books, "invoices", f)
    assert [p.message for p in result.problems] == [
        "'03/01/2026' could be 2026-01-03 or 2026-03-01; choose the date format (--date-format dd/mm/yyyy or mm/dd/yyyy)",
        "'04/01/2026' could be 2026-01-04 or 2026-04-01; choose the date format (--date-format dd/mm/yyyy or mm/dd/yyyy)"]
    _t, _m, result = do(books, "invoices", f, ImportOptions(date_format="mm/dd/yyyy"))
    assert result.ok
    assert books.scalars(select(Invoice.issue_date).where(Invoice.number == "F9")).one() == dt.date(2026, 3, 1)
    # one row with a day above 12 says the column is day first; 2-digit years and Excel serials are read too
    g = utf8_bom(tmp_path / "w.csv", "Número,Cliente,Fecha,Importe\nF11,C001,03/01/2026,1\nF12,C001,25-1-26,1\n"
                                     "F13,C001,46053,1\n")
    _t, _m, result = do(books, "invoices", g)
    assert result.ok, result.messages()
    dates = dict(books.execute(select(Invoice.number, Invoice.issue_date)).all())
    assert (dates["F11"], dates["F12"], dates["F13"]) == (dt.date(2026, 1, 3), dt.date(2026, 1, 25), dt.date(2026, 1, 31))
    # a column with both 25/01 and 01/25 is refused as a whole
    h = utf8_bom(tmp_path / "x.csv", "Número,Cliente,Fecha,Importe\nF14,C001,25/01/2026,1\nF15,C001,01/25/2026,1\n")
    _t, _m, result = do(books, "invoices", h)
    assert [p.line for p in result.problems] == [2, 3] and "day first (31/01) and month first" in result.problems[0].message


# --- XLSX: merged title cells, dates as dates, a sheet by name, totals row with a formula ---------------------


def sales_workbook(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Resumen"
    ws.append(["nothing to import here"])
    ws = wb.create_sheet("Ventas")
    ws.append(["COMERCIAL LIMA S.A.C. - REGISTRO DE VENTAS ENERO 2026"])
    ws.merge_cells("A1:F1")
    ws.append([])
    ws.append(["Número", "RUC Cliente", "Fecha de Emisión", "Fecha de Vencimiento", "Importe Total", "Moneda"])
    ws.append(["E001-1", "C001", dt.datetime(2026, 1, 2), dt.date(2026, 2, 1), 118.00000000000001, "S/"])
    ws.append(["E001-2", "C001", 46055, None, 250, "Soles"])
    ws.append(["E001-3", "C002", dt.datetime(2026, 1, 5), None, 99.5, "US$"])
    ws.append(["TOTAL", None, None, None, "=SUM(E4:E6)", None])
    wb.save(path)
    return path


def test_xlsx_with_merged_title_cells_and_a_totals_row(books, tmp_path):
    f = sales_workbook(tmp_path / "ventas.xlsx")
    with pytest.raises(FileProblem):
        read_file(f)  # the first sheet has no header row
    options = ImportOptions(sheet="Ventas")
    table = read_file(f, options)
    assert table.sheets == ("Resumen", "Ventas") and table.header_line == 3
    assert table.skipped == [(1, "title row above the header"), (7, "totals row")]
    guess = detect_mapping("invoices", table.headers)
    assert guess.missing == ()
    result = run_import(books, "invoices", table, guess.mapping, options)
    assert result.ok, result.messages()
    inv = {i.number: i for i in books.scalars(select(Invoice))}
    assert (inv["E001-1"].total_minor, inv["E001-1"].issue_date) == (11800, dt.date(2026, 1, 2))
    assert inv["E001-2"].issue_date == dt.date(2026, 2, 2)  # 46055 as an Excel serial
    assert (inv["E001-3"].currency, inv["E001-3"].total_minor) == ("USD", 9950)


# --- a SUNAT-style sales register (Formato 14.1) with --create-customers --------------------------------------


SUNAT = ("REGISTRO DE VENTAS E INGRESOS - FORMATO 14.1\n"
         "PERIODO: 01/2026\n"
         "RUC: 20100070970\n"
         "APELLIDOS Y NOMBRES, DENOMINACIÓN O RAZÓN SOCIAL: COMERCIAL LIMA S.A.C.\n"
         "\n"
         "CUO|Fecha de emisión del comprobante de pago|Fecha de vencimiento o fecha de pago|Tipo|"
         "Serie del comprobante|Número del comprobante|Tipo doc identidad|Número de documento de identidad|"
         "Apellidos y nombres, denominación o razón social|Base imponible|IGV|Importe total del comprobante|Moneda\n"
         "M001|02/01/2026|01/02/2026|01|F001|00000231|6|20100070970|COMERCIAL PEÑA S.A.C.|1000.00|180.00|1180.00|PEN\n"
         "M002|15/01/2026|14/02/2026|01|F001|00000232|6|20131312955|SUPERINTENDENCIA NACIONAL|500.00|90.00|590.00|PEN\n"
         "M003|20/01/2026|19/02/2026|01|F001|00000233|6|20100070970|COMERCIAL PEÑA S.A.C.|100.00|18.00|118.00|USD\n"
         "|||||||||TOTALES|1600.00|288.00|1888.00|\n")


def test_a_sunat_style_sales_register_creates_its_customers(books, tmp_path):
    f = latin1(tmp_path / "LE2010007097020260100140100001111.txt", SUNAT)
    options = ImportOptions(create_customers=True)
    table = read_file(f, options)
    assert table.delimiter == "|" and table.header_line == 6 and len(table.rows) == 3
    guess = detect_mapping("invoices", table.headers)
    assert dict((f, h) for h, f in guess.mapping.columns) == {
        "issue_date": "Fecha de emisión del comprobante de pago",
        "due_date": "Fecha de vencimiento o fecha de pago",
        "series": "Serie del comprobante", "number": "Número del comprobante",
        "customer_code": "Número de documento de identidad",
        "customer_name": "Apellidos y nombres, denominación o razón social",
        "amount": "Importe total del comprobante", "currency": "Moneda"}
    preview = preview_import(books, "invoices", table, guess.mapping, options)
    assert [(c.line, c.action, c.key) for c in preview.changes] == [
        (7, "create-customer", "20100070970"), (7, "create", "F001-00000231"),
        (8, "create-customer", "20131312955"), (8, "create", "F001-00000232"), (9, "create", "F001-00000233")]
    result = run_import(books, "invoices", table, guess.mapping, options)
    assert result.ok, result.messages()
    pena = books.scalars(select(Customer).where(Customer.code == "20100070970")).one()
    assert (pena.name, pena.tax_id, pena.currency) == ("COMERCIAL PEÑA S.A.C.", "20100070970", "PEN")
    assert count(books, Invoice) == 3
    # without --create-customers the unknown customers are bad rows, named
    books.close()
    g = latin1(tmp_path / "otro.txt", SUNAT.replace("20131312955", "20600000001").replace("00000232", "00000299"))
    _t, _m, result = do(books, "invoices", g)
    assert [(p.line, p.field) for p in result.problems] == [(8, "customer_code")]


def test_a_customer_known_by_its_tax_id_is_found_by_it(books, tmp_path):
    with books.begin():
        ledger.update_customer(books, "C001", tax_id="20100070970")
    books.close()
    f = latin1(tmp_path / "r.txt", SUNAT)
    _t, _m, result = do(books, "invoices", f, ImportOptions(create_customers=True))
    assert result.ok
    owners = dict(books.execute(select(Invoice.number, Customer.code).join(Customer)).all())
    assert owners["F001-00000231"] == "C001" and owners["F001-00000232"] == "20131312955"


# --- valid rows only, and the file of rejected rows ----------------------------------------------------------


def test_valid_rows_only_writes_the_rejected_ones_to_a_file(books, tmp_path):
    f = utf8_bom(tmp_path / "v.csv", "Número;Cliente;Fecha;Importe\nF1;C001;31/01/2026;10,00\nF2;NADIE;31/01/2026;5,00\n"
                                     "F3;C001;31/02/2026;7,00\nF4;C001;31/01/2026;=1+1\n")
    options = ImportOptions(decimal=",")
    preview = preview_import(books, "invoices", read_file(f, options),
                             detect_mapping("invoices", read_file(f).headers).mapping, options)
    assert preview.bad_lines == (3, 4, 5) and [c.line for c in preview.changes] == [2]
    for rejected in ("rechazadas.csv", "rechazadas.xlsx"):
        _t, _m, result = do(books, "invoices", f, options, valid_only=True, rejected_path=tmp_path / rejected)
        assert result.ok and result.rejected == 3
        assert [p.line for p in result.rejected_problems] == [3, 4, 5]
    assert count(books, Invoice) == 1
    import csv

    with (tmp_path / "rechazadas.csv").open(encoding="utf-8-sig", newline="") as fh:
        text = list(csv.reader(fh, delimiter=";"))  # the source's separator, Excel opens it in its locale
    assert text[0] == ["Número", "Cliente", "Fecha", "Importe", "line", "error"]
    assert text[1][:5] == ["F2", "NADIE", "31/01/2026", "5,00", "3"]
    assert text[1][5].startswith("Cliente: unknown customer 'NADIE'")
    assert text[3][3:5] == ["'=1+1", "5"] and text[3][5].startswith("Importe:")  # a formula is written as text
    rows = list(load_workbook(tmp_path / "rechazadas.xlsx").active.values)
    assert rows[0] == ("Número", "Cliente", "Fecha", "Importe", "line", "error") and len(rows) == 4


# --- mappings: overrides, saved per source -------------------------------------------------------------------


def test_mappings_overrides_and_saved_ones(books, tmp_path):
    f = utf8_bom(tmp_path / "v.csv", "Doc;Cliente;Fecha;Importe;Nota\nF1;C001;31/01/2026;10,00;x\n")
    table = read_file(f)
    guess = detect_mapping("invoices", table.headers)
    assert guess.missing == ("number",) and "Doc" in guess.unmapped
    mapping = apply_overrides(guess.mapping, table.headers, {"Doc": "number", "Nota": "reference"})
    assert mapping.missing_required() == ()
    with pytest.raises(MappingError, match="no column 'Número'"):
        make_mapping("invoices", table.headers, {"Número": "number"})
    with pytest.raises(MappingError, match="not a field of a invoices import"):
        make_mapping("invoices", table.headers, {"Doc": "numero"})
    saved = save_mapping(books, "Sistema Contable", mapping, {"decimal": ",", "date_format": "dd/mm/yyyy",
                                                              "create_customers": True})
    assert saved.options == {"date_format": "dd/mm/yyyy", "decimal": ","}
    again = load_mapping(books, "sistema contable")
    assert again.mapping == mapping and again.kind == "invoices"
    assert [m.name for m in list_mappings(books, "invoices")] == ["Sistema Contable"]
    assert list_mappings(books, "payments") == []
    result = run_import(books, "invoices", table, make_mapping("invoices", table.headers, again.mapping.as_dict()),
                        ImportOptions(**again.options))
    assert result.ok and count(books, Invoice) == 1
    assert delete_mapping(books, "Sistema Contable") and list_mappings(books) == []
    with pytest.raises(MappingError, match="no saved mapping named 'Sistema Contable'"):
        load_mapping(books, "Sistema Contable")


def test_field_lists_name_the_required_fields():
    assert [f.name for f in fields_for("invoices") if f.required] == ["number", "customer_code", "issue_date", "amount"]
    assert [f.name for f in fields_for("payments") if f.required] == ["customer_code", "date", "amount"]
    assert all(f.label for kind in ("customers", "credit-notes") for f in fields_for(kind))


def test_payment_register_with_an_overpayment_keeps_the_rest_as_credit(books, tmp_path):
    do(books, "invoices", utf8_bom(tmp_path / "v.csv", INVOICES), ImportOptions(decimal=","))
    f = utf8_bom(tmp_path / "p.csv", "Fecha de pago;Cliente;Factura;Nro operación;Importe pagado\n"
                                     "13/02/2026;C001;F001-103;OP-55;S/ 50,00\n")
    _t, mapping, result = do(books, "payments", f, ImportOptions(decimal=","))
    assert result.ok, result.messages()
    assert dict(mapping.columns) == {"Fecha de pago": "date", "Cliente": "customer_code", "Factura": "invoice_number",
                                     "Nro operación": "reference", "Importe pagado": "amount"}
    assert result.ok and result.imported == 1
    assert result.warnings == (f"{tmp_path / 'p.csv'}:2: Importe pagado: 50.00 is more than the 10.00 PEN open on "
                               "invoice F001-103; the other 40.00 PEN stays as C001's unapplied credit",)
    payment = books.scalars(select(Payment)).one()
    assert (payment.amount_minor, payment.applied_minor) == (5000, 1000)


def test_progress_is_reported_and_cancel_writes_nothing(books, tmp_path):
    f = utf8_bom(tmp_path / "v.csv", "Número;Cliente;Fecha;Importe\n"
                 + "".join(f"P{i};C001;31/01/2026;1,00\n" for i in range(150)))
    seen = []
    _t, _m, result = do(books, "invoices", f, ImportOptions(decimal=","),
                        progress=lambda done, total: seen.append((done, total)) or done < 100)
    assert result.cancelled and seen == [(100, 150)] and count(books, Invoice) == 0
    seen.clear()
    _t, _m, result = do(books, "invoices", f, ImportOptions(decimal=","), progress=lambda d, t: seen.append((d, t)))
    assert result.ok and seen == [(100, 150), (150, 150)] and count(books, Invoice) == 150
