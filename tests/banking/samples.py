"""A small book and statement files written the way the banks' exports look (title rows above the header,
Spanish headers, decimal commas, debit/credit columns, a byte-order mark, Windows-1252, totals rows).
Used by the tests and by scripts/screenshot_bank.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from app import ledger
from app.ledger.money import to_minor
from app.ledger.terms import create_terms, parse_line

D = dt.date

# (code, name, RUC, [(invoice number, issued, total)])
CUSTOMERS = [
    ("C001", "Ferretería Los Andes S.A.C.", "20512345678",
     [("F001-00000101", D(2026, 5, 2), "1180.00"), ("F001-00000102", D(2026, 5, 20), "2360.00"),
      ("F001-00000103", D(2026, 6, 1), "590.00")]),
    ("C002", "Distribuidora San Martín E.I.R.L.", "20487654321",
     [("F001-00000110", D(2026, 5, 10), "4130.00"), ("F001-00000111", D(2026, 6, 5), "826.00")]),
    ("C003", "Bodega Doña Rosa", "10412345678",
     [("F001-00000120", D(2026, 5, 15), "354.00"), ("F001-00000121", D(2026, 5, 28), "236.00"),
      ("F001-00000122", D(2026, 6, 3), "118.00")]),
]


def make_book(session) -> None:
    """Company PEN/es_PE, three customers with open invoices and one (C004) whose invoice has a 2 % discount
    if paid within 10 days (F001-00000130, 10,000.00 issued 2026-06-12: pay 9,800.00 by 2026-06-22)."""
    with session.begin():
        ledger.save_company(session, name="Distribuidora Andina S.A.C.", currency="PEN", locale="es_PE", country="PE")
        ledger.ensure_default_terms(session)
        create_terms(session, code="2/10N30", name="2 % 10 días, neto 30", lines=[parse_line("100%:30d")],
                     discount_percent=Decimal("2"), discount_days=10)
        for code, name, ruc, invoices in CUSTOMERS:
            ledger.create_customer(session, code=code, name=name, tax_id=ruc, country="PE", payment_terms="NET30")
            for number, issued, total in invoices:
                ledger.record_invoice(session, customer_code=code, number=number, issue_date=issued,
                                      total_minor=to_minor(total, "PEN"), currency="PEN")
        ledger.create_customer(session, code="C004", name="Constructora Pacífico S.A.", tax_id="20601234567",
                               country="PE", payment_terms="2/10N30")
        ledger.record_invoice(session, customer_code="C004", number="F001-00000130", issue_date=D(2026, 6, 12),
                              total_minor=to_minor("10000.00", "PEN"), currency="PEN")


# The June statement of the book's account, as BCP's "Movimientos" export writes it.
BCP_LINES = [
    # fecha, descripción, monto, operación
    ("15/06/2026", "TRANSF.BCO F001-101 FERRETERIA LOS AND", "1,180.00", "01234567"),
    ("16/06/2026", "DEP.EFECTIVO RUC 20487654321", "4,130.00", "01234601"),
    ("18/06/2026", "TRAN.CTAS.TERC. BODEGA DOÑA ROSA", "472.00", "01234655"),
    ("20/06/2026", "PAGO PROVEEDORES CONSTRUCTORA PACIFICO", "9,800.00", "01234702"),
    ("22/06/2026", "ABONO INTERBANCARIO 000123", "826.00", "01234799"),
    ("25/06/2026", "COMISION MANTENIMIENTO", "-15.00", "01234800"),
    ("26/06/2026", "INTERES GANADO", "0.35", "01234801"),
    ("28/06/2026", "TRANSF F001-102 FERRETERIA LOS ANDES", "3,000.00", "01234850"),
]


def write_bcp_csv(path, lines=BCP_LINES, *, encoding="cp1252"):
    """BCP's export: the account and period above the header, dd/mm/yyyy, signed amounts 1,234.56,
    a balance and agency column, Windows-1252 (Excel's CSV on a Spanish Windows), comma separated."""
    rows = ["Movimientos de la cuenta,,,,,,", "Cuenta:,193-2345678-0-12 Soles,,,,,",
            "Periodo:,01/06/2026 - 30/06/2026,,,,,", ",,,,,,",
            "Fecha,Fecha valuta,Descripción operación,Monto,Saldo,Sucursal - agencia,Operación - Número"]
    balance = Decimal("12000.00")
    for fecha, desc, monto, op in lines:
        try:
            balance += Decimal(monto.replace(",", ""))
        except ArithmeticError:  # a bad amount (the tests' bad rows): the balance stays
            pass
        rows.append(f'{fecha},{fecha},{desc},"{monto}","{balance:,.2f}",193 - Lima Centro,{op}')
    rows.append(",,,,,,")
    rows.append(f',,Saldo contable al 30/06/2026,,"{balance:,.2f}",,')
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode(encoding))
    return path


def write_interbank_csv(path):
    """Interbank: debit and credit columns, semicolons, Windows-1252, 'Nro. de operación'."""
    rows = ["Interbank - Consulta de movimientos;;;;;;;",
            "Cuenta Corriente Soles 200-3001234567;;;;;;;", ";;;;;;;",
            "Fecha de operación;Fecha de proceso;Nro. de operación;Movimiento;Descripción;Canal;Cargo;Abono",
            "15/06/2026;15/06/2026;1234001;TRANSFERENCIA;DE FERRETERIA LOS ANDES SAC F001-101;BANCA INTERNET;;1,180.00",
            "16/06/2026;16/06/2026;1234002;PAGO SERVICIOS;LUZ DEL SUR;AGENTE;235.40;",
            "18/06/2026;18/06/2026;1234003;DEPOSITO;DEPÓSITO EN EFECTIVO AÑAÑOS;VENTANILLA;;2,360.00"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def write_bancolombia_csv(path):
    """Bancolombia: UTF-8 with a byte-order mark, semicolons, decimal commas (1.234.567,89), COP."""
    rows = ["FECHA;DESCRIPCIÓN;SUCURSAL;DCTO.;VALOR;SALDO",
            "15/06/2026;TRANSFERENCIA DESDE NEQUI;MEDELLIN;000123;1.250.000,00;5.250.000,00",
            "16/06/2026;PAGO PSE COMERCIO;VIRTUAL;000124;-350.500,50;4.899.499,50",
            "17/06/2026;CONSIGNACION NIT 900373913 FV-2231;BOGOTA;000125;2.380.000,00;7.279.499,50"]
    path.write_bytes(("\ufeff" + "\r\n".join(rows) + "\r\n").encode("utf-8"))
    return path


def write_bbva_mx_csv(path):
    """BBVA México: Windows-1252, comma separated, quoted 1,234.56 amounts in Cargo/Abono, a totals row."""
    rows = ['"Fecha","Concepto / Referencia","Cargo","Abono","Saldo"',
            '"15/06/2026","SPEI RECIBIDO BANORTE /0123456 PANIFICADORA COSTA VERDE","","12,500.00","48,200.00"',
            '"16/06/2026","COMISIÓN MANEJO DE CUENTA","250.00","","47,950.00"',
            '"17/06/2026","DEPOSITO EN EFECTIVO / REF 88231","","3,480.50","51,430.50"',
            '"","Totales","250.00","15,980.50",""']
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def write_banco_chile_csv(path):
    """Banco de Chile's cartola: Windows-1252, semicolons, CLP without decimals written 1.234.567."""
    rows = ["Cartola de Cuenta Corriente;;;;;", "Nº de cuenta: 00-123-45678-09;;;;;", ";;;;;",
            "Fecha;Descripción;Canal o Sucursal;Cargos (CLP);Abonos (CLP);Saldo (CLP)",
            "15/06/2026;TRASPASO DE:INVERSIONES LG QUETZAL 77.056.764-5;Internet;;1.190.000;3.190.000",
            "16/06/2026;PAGO AUTOMATICO TARJETA;Internet;215.300;;2.974.700",
            "18/06/2026;DEPOSITO CHEQUE;Sucursal Ñuñoa;;450.000;3.424.700"]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


def write_bbva_pe_xlsx(path):
    """BBVA Perú's Excel export: a merged title, the account, then the header; dates and amounts as
    spreadsheet values (dates as dates, amounts as numbers)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "Movimientos de cuenta - BBVA"
    ws.merge_cells("A1:G1")
    ws["A2"] = "Cuenta: 0011-0123-0100012345 PEN"
    ws.append([])
    ws.append(["F. Operación", "F. Valor", "Código", "Nº. Doc.", "Concepto", "Importe", "Oficina"])
    ws.append([dt.datetime(2026, 6, 15), dt.datetime(2026, 6, 15), "T12", "00045612",
               "ABONO TRANSFERENCIA F001-00000101", 1180.0, "0123"])
    ws.append([dt.datetime(2026, 6, 16), dt.datetime(2026, 6, 16), "C01", "00045613", "CARGO COMISION", -12.5, "0123"])
    ws.append([dt.datetime(2026, 6, 17), dt.datetime(2026, 6, 17), "D07", "00045614",
               "DEPOSITO 20487654321", 826.0, "0123"])
    ws.append([None, None, None, None, "Saldo final", 13973.5, None])
    wb.save(path)
    return path


CAMT = """<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>STMT-20260630</MsgId><CreDtTm>2026-06-30T23:00:00</CreDtTm></GrpHdr>
    <Stmt>
      <Id>2026-06</Id>
      <Acct><Id><Othr><Id>193-2345678-0-12</Id></Othr></Id><Ccy>PEN</Ccy></Acct>
      <Ntry>
        <Amt Ccy="PEN">1180.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-06-15</Dt></BookgDt><ValDt><Dt>2026-06-15</Dt></ValDt>
        <AcctSvcrRef>BCP-01234567</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <RltdPties><Dbtr><Nm>FERRETERIA LOS ANDES SAC</Nm></Dbtr></RltdPties>
          <RmtInf><Ustrd>PAGO F001-00000101</Ustrd></RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>
      <Ntry>
        <Amt Ccy="PEN">15.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-06-25</Dt></BookgDt><AddtlNtryInf>COMISION MANTENIMIENTO</AddtlNtryInf>
      </Ntry>
      <Ntry>
        <Amt Ccy="PEN">4130.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
        <BookgDt><Dt>2026-06-16</Dt></BookgDt><AcctSvcrRef>BCP-01234601</AcctSvcrRef>
        <AddtlNtryInf>DEPOSITO RUC 20487654321</AddtlNtryInf>
      </Ntry>
    </Stmt>
  </BkToCstmrStmt>
</Document>
"""


def write_camt(path):
    path.write_text(CAMT, encoding="utf-8")
    return path


OFX = """OFXHEADER:100
DATA:OFXSGML
VERSION:102
SECURITY:NONE
ENCODING:USASCII
CHARSET:1252
COMPRESSION:NONE
OLDFILEUID:NONE
NEWFILEUID:NONE

<OFX>
<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20260630120000<LANGUAGE>SPA</SONRS></SIGNONMSGSRSV1>
<BANKMSGSRSV1><STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
<STMTRS><CURDEF>PEN
<BANKACCTFROM><BANKID>002<ACCTID>193-2345678-0-12<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST><DTSTART>20260601<DTEND>20260630
<STMTTRN><TRNTYPE>CREDIT<DTPOSTED>20260615<TRNAMT>1180.00<FITID>01234567<NAME>FERRETERIA LOS ANDES<MEMO>PAGO F001-101</STMTTRN>
<STMTTRN><TRNTYPE>FEE<DTPOSTED>20260625<TRNAMT>-15.00<FITID>01234800<NAME>COMISION MANTENIMIENTO</STMTTRN>
<STMTTRN><TRNTYPE>DEP<DTPOSTED>20260616<TRNAMT>4130.00<FITID>01234601<NAME>DEPOSITO RUC 20487654321</STMTTRN>
</BANKTRANLIST>
<LEDGERBAL><BALAMT>17295.00<DTASOF>20260630</LEDGERBAL>
</STMTRS></STMTTRNRS></BANKMSGSRSV1>
</OFX>
"""


def write_ofx(path):
    """OFX 1.02 (SGML, unclosed elements, a Windows-1252 header) as banks' "download for Quicken/Money" writes it."""
    path.write_bytes(OFX.replace("\n", "\r\n").encode("cp1252"))
    return path
