"""A customer history for statement tests (and the docs screenshot): invoices on 30/60/90 and net terms,
partial payments, a credit note, a write-off, a void, a fee, a disputed invoice, a USD and a PEN invoice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app import ledger
from app.ledger.money import to_minor

D = dt.date


def make_logo(path: Path) -> Path:
    """A small PNG logo drawn with Pillow (ReportLab reads PNGs through it)."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (360, 120), "white")
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle((4, 4, 116, 116), radius=18, fill=(29, 78, 137))
    draw.polygon([(30, 90), (60, 30), (90, 90)], fill=(255, 255, 255))
    draw.rectangle((130, 40, 350, 58), fill=(29, 78, 137))
    draw.rectangle((130, 70, 300, 84), fill=(140, 160, 190))
    img.save(path)
    return path


def make_company(session, logo: Path | None = None, locale: str = "es_PE"):
    return ledger.save_company(
        session, name="Distribuidora Andina S.A.C.", tax_id="20512345678", currency="PEN", locale=locale,
        address="Av. Javier Prado Este 1234, Of. 502", city="San Isidro, Lima", phone="+51 1 422 5555",
        email="cobranzas@andina.pe", logo_path=str(logo) if logo else None,
        payment_instructions="BCP Soles 193-1234567-0-12 (CCI 002-193-001234567012-15)\n"
                             "BCP Dólares 193-7654321-1-98 · Indique su código de cliente en la operación.")


def pen(amount: str) -> int:
    return to_minor(amount, "PEN")


def usd(amount: str) -> int:
    return to_minor(amount, "USD")


def build_history(session, code: str = "C001", language: str = "es") -> None:
    """Period used by the tests: 2026-03-01 .. 2026-06-30.

    Before the period (opening PEN 1,000.00 + 600.00 - 400.00 = 1,200.00; USD 0):
      F001-1  2026-01-10 NET30 PEN 1,000.00
      F001-2  2026-02-05 NET30 PEN   600.00 ; payment 2026-02-20 PEN 400.00 applied to F001-1
      F001-X  2026-02-10 PEN 250.00 voided 2026-02-15 (not in the statement at all)
    In the period:
      F001-3  2026-03-05 30-60-90 PEN 900.00 (three due lines of 300.00)
      P       2026-03-20 PEN 700.00 (oldest first: F001-1 600.00, F001-2 100.00)
      NC-1    2026-04-02 PEN 150.00 against F001-2
      F001-4  2026-04-10 NET30 PEN 500.00, voided 2026-04-12
      F001-5  2026-04-15 NET30 USD 2,000.00
      P       2026-05-02 USD 800.00 (partial, to F001-5)
      WO      2026-05-30 write-off of F001-2's rest (350.00)
      F001-6  2026-06-01 NET15 PEN 1,250.50, disputed
      P       2026-06-20 PEN 100.00 left unapplied (recorded with no allocations)
    """
    ledger.ensure_default_terms(session)
    ledger.create_customer(session, code=code, name="Ferretería Los Ángeles E.I.R.L." if language == "es"
                           else "Pacific Hardware Imports LLC", tax_id="20601234567", language=language,
                           currency="PEN", email="pagos@losangeles.pe", phone="+51 44 123 456",
                           address="Jr. Pizarro 455, Urb. El Recreo", city="Trujillo, La Libertad",
                           payment_terms="NET30")
    inv = ledger.record_invoice
    inv(session, customer_code=code, number=f"{code}-F001-1", issue_date=D(2026, 1, 10), total_minor=pen("1000.00"),
        reference="OC 4512")
    inv(session, customer_code=code, number=f"{code}-F001-2", issue_date=D(2026, 2, 5), total_minor=pen("600.00"))
    ledger.record_payment(session, customer_code=code, date=D(2026, 2, 20), amount_minor=pen("400.00"),
                          reference="OP-1001")
    inv(session, customer_code=code, number=f"{code}-F001-X", issue_date=D(2026, 2, 10), total_minor=pen("250.00"))
    ledger.void_invoice(session, f"{code}-F001-X", reason="Duplicada", on_date=D(2026, 2, 15))

    inv(session, customer_code=code, number=f"{code}-F001-3", issue_date=D(2026, 3, 5), total_minor=pen("900.00"),
        payment_terms="30-60-90")
    ledger.record_payment(session, customer_code=code, date=D(2026, 3, 20), amount_minor=pen("700.00"),
                          method="cheque", reference="CH-55821")
    ledger.record_credit_note(session, customer_code=code, number=f"{code}-NC-1", date=D(2026, 4, 2),
                              amount_minor=pen("150.00"), invoice_number=f"{code}-F001-2",
                              reason="Devolución de mercadería")
    inv(session, customer_code=code, number=f"{code}-F001-4", issue_date=D(2026, 4, 10), total_minor=pen("500.00"))
    ledger.void_invoice(session, f"{code}-F001-4", reason="Error en el precio", on_date=D(2026, 4, 12))
    inv(session, customer_code=code, number=f"{code}-F001-5", issue_date=D(2026, 4, 15), total_minor=usd("2000.00"),
        currency="USD")
    ledger.record_payment(session, customer_code=code, date=D(2026, 5, 2), amount_minor=usd("800.00"),
                          currency="USD", reference="SWIFT 88231")
    ledger.write_off(session, invoice_number=f"{code}-F001-2", on_date=D(2026, 5, 30),
                     reason="Saldo incobrable")
    inv(session, customer_code=code, number=f"{code}-F001-6", issue_date=D(2026, 6, 1), total_minor=pen("1250.50"),
        payment_terms="NET15")
    ledger.set_disputed(session, f"{code}-F001-6", True)
    # a payment with nothing to pay yet: invoices open, but the customer pays a specific one later
    ledger.record_payment(session, customer_code=code, date=D(2026, 6, 20), amount_minor=pen("100.00"),
                          reference="OP-2040", allocations=[])


def main(argv: list[str] | None = None) -> int:
    """Write the sample statement used for docs/statement.png:

    python -m tests.reports.statement_history /tmp/statement.pdf [es|en]
    pdftoppm -r 80 -png -f 1 -l 1 -singlefile /tmp/statement.pdf docs/statement
    """
    import sys
    import tempfile

    from app import config
    from app.database import open_database, session_factory
    from app.reports.statement import render_statement

    args = sys.argv[1:] if argv is None else argv
    out, language = Path(args[0]), (args[1] if len(args) > 1 else "es")
    config.set_clock(config.FixedClock.at(D(2026, 6, 30)))
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_database(str(Path(tmp) / "sample.sqlite"))
        with session_factory(engine)() as session:
            with session.begin():
                make_company(session, make_logo(Path(tmp) / "logo.png"))
                build_history(session, "C001", language)
            result = render_statement(session, "C001", as_of=D(2026, 6, 30), out=out)
        engine.dispose()
    print(f"{result.path}: {result.pages} page(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
