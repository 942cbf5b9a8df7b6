"""Each bank's export read as the bank writes it: the header found below the title rows, Spanish headers,
decimal commas, debit/credit columns, a byte-order mark, Windows-1252, totals rows left out; a bad row is
named with its line and nothing is read."""

from __future__ import annotations

import datetime as dt

import pytest

from app.banking.statement_file import FileProblem, StatementError, fingerprints, read_statement

from . import samples


@pytest.fixture(autouse=True)
def _database(session):
    """The currencies' decimals come from the database (app.ledger.currencies): open one."""
    yield


def amounts(st):
    return [(ln.date, ln.amount_minor, ln.currency) for ln in st.lines]


def test_bcp_cp1252_title_rows_signed_amounts(tmp_path):
    st = read_statement(samples.write_bcp_csv(tmp_path / "movimientos.csv"))
    assert st.layout == "bcp" and st.currency == "PEN"
    assert [ln.amount_minor for ln in st.lines] == [118000, 413000, 47200, 980000, 82600, -1500, 35, 300000]
    third = st.lines[2]
    assert third.description == "TRAN.CTAS.TERC. BODEGA DOÑA ROSA"  # Windows-1252 'Ñ' read as such
    assert third.reference == "01234655" and third.date == dt.date(2026, 6, 18) and third.line == 8
    assert st.ignored_rows == 1  # "Saldo contable al 30/06/2026"


def test_bcp_in_utf8_reads_the_same(tmp_path):
    a = read_statement(samples.write_bcp_csv(tmp_path / "a.csv"))
    b = read_statement(samples.write_bcp_csv(tmp_path / "b.csv", encoding="utf-8-sig"))
    assert a.lines == b.lines


def test_interbank_debit_and_credit_columns(tmp_path):
    st = read_statement(samples.write_interbank_csv(tmp_path / "interbank.csv"))
    assert st.layout == "interbank"
    assert amounts(st) == [(dt.date(2026, 6, 15), 118000, "PEN"), (dt.date(2026, 6, 16), -23540, "PEN"),
                           (dt.date(2026, 6, 18), 236000, "PEN")]
    assert st.lines[2].description == "DEPÓSITO EN EFECTIVO AÑAÑOS DEPOSITO"
    assert st.lines[0].reference == "1234001"


def test_bancolombia_bom_semicolons_decimal_commas(tmp_path):
    st = read_statement(samples.write_bancolombia_csv(tmp_path / "bancolombia.csv"))
    assert st.layout == "bancolombia" and st.currency == "COP"
    assert [ln.amount_minor for ln in st.lines] == [125000000, -35050050, 238000000]


def test_bbva_mexico_quoted_amounts_and_totals_row(tmp_path):
    st = read_statement(samples.write_bbva_mx_csv(tmp_path / "bbva.csv"))
    assert st.layout == "bbva-mx" and st.currency == "MXN"
    assert [ln.amount_minor for ln in st.lines] == [1250000, -25000, 348050]
    assert st.lines[1].description == "COMISIÓN MANEJO DE CUENTA"
    assert st.ignored_rows == 1  # "Totales"


def test_banco_de_chile_pesos_without_decimals(tmp_path):
    st = read_statement(samples.write_banco_chile_csv(tmp_path / "cartola.csv"))
    assert st.layout == "banco-chile" and st.currency == "CLP"
    assert [ln.amount_minor for ln in st.lines] == [1190000, -215300, 450000]


def test_bbva_peru_xlsx_with_merged_title_and_typed_cells(tmp_path):
    st = read_statement(samples.write_bbva_pe_xlsx(tmp_path / "bbva.xlsx"))
    assert st.layout == "bbva-pe"
    assert amounts(st) == [(dt.date(2026, 6, 15), 118000, "PEN"), (dt.date(2026, 6, 16), -1250, "PEN"),
                           (dt.date(2026, 6, 17), 82600, "PEN")]
    assert st.lines[0].reference == "00045612" and st.ignored_rows == 1


def test_camt053(tmp_path):
    st = read_statement(samples.write_camt(tmp_path / "junio.xml"))
    assert st.layout == "camt.053" and st.account == "193-2345678-0-12"
    assert amounts(st) == [(dt.date(2026, 6, 15), 118000, "PEN"), (dt.date(2026, 6, 25), -1500, "PEN"),
                           (dt.date(2026, 6, 16), 413000, "PEN")]
    assert st.lines[0].description == "PAGO F001-00000101 FERRETERIA LOS ANDES SAC"
    assert st.lines[0].reference == "BCP-01234567"


def test_ofx(tmp_path):
    st = read_statement(samples.write_ofx(tmp_path / "junio.ofx"))
    assert st.layout == "ofx" and st.account == "193-2345678-0-12" and st.currency == "PEN"
    assert amounts(st) == [(dt.date(2026, 6, 15), 118000, "PEN"), (dt.date(2026, 6, 25), -1500, "PEN"),
                           (dt.date(2026, 6, 16), 413000, "PEN")]
    assert st.lines[0].description == "FERRETERIA LOS ANDES PAGO F001-101" and st.lines[0].reference == "01234567"


def test_a_broken_ofx_is_one_problem(tmp_path):
    path = tmp_path / "roto.ofx"
    path.write_text("OFXHEADER:100\nnot really\n")
    with pytest.raises(FileProblem) as exc:
        read_statement(path)
    assert exc.value.message.startswith("not a readable OFX file")


def test_camt_refuses_external_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read")
    path = tmp_path / "evil.xml"
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy="PEN">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>'
                    '<BookgDt><Dt>2026-06-01</Dt></BookgDt><AddtlNtryInf>&x;</AddtlNtryInf></Ntry></Stmt>'
                    '</BkToCstmrStmt></Document>')
    st = read_statement(path)
    assert "do not read" not in st.lines[0].description


def test_a_named_layout_that_does_not_fit_says_what_it_expects(tmp_path):
    path = samples.write_interbank_csv(tmp_path / "interbank.csv")
    with pytest.raises(FileProblem) as exc:
        read_statement(path, layout="bcp")
    assert "'bcp' layout" in exc.value.message and "descripcion operacion" in exc.value.message


def test_bad_rows_are_all_named_and_nothing_is_read(tmp_path):
    lines = list(samples.BCP_LINES)
    lines[1] = ("31/02/2026", "DEP", "100.00", "1")
    lines[3] = ("20/06/2026", "PAGO", "1,2345.00", "2")
    with pytest.raises(StatementError) as exc:
        read_statement(samples.write_bcp_csv(tmp_path / "bad.csv", lines))
    assert [(p.line, p.column) for p in exc.value.problems] == [(7, "date"), (9, "amount")]
    assert "31/02/2026" in exc.value.problems[0].message


def test_no_header_names_the_layouts(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(FileProblem) as exc:
        read_statement(path)
    assert "--mapping" in exc.value.message and "bancolombia" in exc.value.message


def test_fingerprints_keep_two_equal_transfers_apart(tmp_path):
    lines = [samples.BCP_LINES[0], samples.BCP_LINES[0]]
    st = read_statement(samples.write_bcp_csv(tmp_path / "two.csv", lines))
    first, second = fingerprints(st.lines)
    assert first != second
    again = read_statement(samples.write_bcp_csv(tmp_path / "again.csv", lines))
    assert fingerprints(again.lines) == [first, second]


def test_the_same_statement_as_csv_and_as_xlsx_has_the_same_fingerprints(tmp_path):
    """Downloaded once as CSV and once as Excel (operation numbers typed as numbers lose their leading
    zero, amounts are numbers): importing both stores each line once."""
    from openpyxl import Workbook

    csv_statement = read_statement(samples.write_bcp_csv(tmp_path / "junio.csv"))
    wb = Workbook()
    ws = wb.active
    ws.append(["Movimientos de la cuenta"])
    ws.append(["Fecha", "Fecha valuta", "Descripción operación", "Monto", "Saldo", "Sucursal - agencia",
               "Operación - Número"])
    for fecha, desc, monto, op in samples.BCP_LINES:
        day = dt.datetime.strptime(fecha, "%d/%m/%Y")
        ws.append([day, day, desc, float(monto.replace(",", "")), None, "193 - Lima Centro", int(op)])
    wb.save(tmp_path / "junio.xlsx")
    xlsx_statement = read_statement(tmp_path / "junio.xlsx")
    assert xlsx_statement.lines[0].reference == "1234567"
    assert fingerprints(xlsx_statement.lines) == fingerprints(csv_statement.lines)


def test_another_bank_by_its_common_headers_in_the_company_locale(tmp_path):
    """A bank without a layout of its own: Fecha / Detalle / Débito / Crédito / Moneda, tab separated."""
    path = tmp_path / "scotiabank.txt"
    path.write_text("Fecha\tDetalle\tDébito\tCrédito\tMoneda\n"
                    "15/06/2026\tABONO TRANSFERENCIA F001-101\t\t1,180.00\tS/\n"
                    "16/06/2026\tITF\t0.05\t\tPEN\n"
                    "17/06/2026\tDEPOSITO USD\t\t250.00\tUS$\n", encoding="utf-8")
    st = read_statement(path, locale="es_PE", default_currency="PEN")
    assert st.layout == "generic"
    assert amounts(st) == [(dt.date(2026, 6, 15), 118000, "PEN"), (dt.date(2026, 6, 16), -5, "PEN"),
                           (dt.date(2026, 6, 17), 25000, "USD")]
