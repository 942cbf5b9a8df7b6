"""Statement of account: the numbers agree with the ledger, and the PDF says them (read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app import ledger
from app.ledger.errors import InvalidValueError, UnknownCustomerError
from app.ledger.money import fmt, fmt_date, to_minor
from app.reports import statement
from app.reports.statement import (
    BUCKET_KEYS,
    StatementCancelled,
    build_statement,
    combined_filename,
    customers_with_balance,
    default_date_from,
    render_statement,
    render_statements,
    statement_filename,
    statement_labels,
    statement_languages,
)

from .statement_history import D, build_history, make_company, make_logo, pen

AS_OF = D(2026, 6, 30)
FROM = D(2026, 3, 1)
LOCALE = "es_PE"


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def m(amount: str) -> str:
    """How the PDF shows a PEN amount in the table columns (company locale es_PE, no symbol)."""
    return fmt(pen(amount), "PEN", LOCALE, symbol=False)


def d(value: dt.date) -> str:
    return fmt_date(value, LOCALE)


@pytest.fixture
def history(session, tmp_path):
    with session.begin():
        make_company(session, make_logo(tmp_path / "logo.png"))
        build_history(session, "C001", "es")
        build_history(session, "C002", "en")
    return session


def line_with(text: str, *parts: str) -> str:
    """The one line of the PDF text holding all the parts in this order, each starting a word."""
    pattern = ".*".join(r"(?<!\S)" + re.escape(p) for p in parts)
    found = [ln for ln in text.splitlines() if re.search(pattern, ln)]
    assert len(found) == 1, f"expected one line with {parts!r}, found {found!r}"
    return found[0]


# --- the numbers ---------------------------------------------------------------------------------------


def test_default_period_starts_three_months_before_the_as_of_month():
    assert default_date_from(D(2026, 6, 30)) == D(2026, 3, 1)
    assert default_date_from(D(2026, 2, 14)) == D(2025, 11, 1)
    assert default_date_from(D(2026, 3, 1)) == D(2025, 12, 1)


def test_sections_agree_with_the_ledger(history):
    data = build_statement(history, "C001", as_of=AS_OF)
    assert data.date_from == FROM and data.language == "es"
    closing = {b.currency: b for b in ledger.customer_balance(history, "C001", AS_OF)}
    opening = {b.currency: b.balance_minor for b in ledger.customer_balance(history, "C001", D(2026, 2, 28))}
    assert [s.currency for s in data.sections] == ["PEN", "USD"]
    for s in data.sections:
        assert s.opening_minor == opening.get(s.currency, 0)
        assert s.closing_minor == closing[s.currency].balance_minor
        assert s.opening_minor + s.debits_minor - s.credits_minor == s.closing_minor
        assert s.movements[-1].balance_minor == s.closing_minor
        assert sum(v for _, v in s.aging) == s.open_items_minor == closing[s.currency].open_items_minor
        assert s.unapplied_credit_minor == closing[s.currency].unapplied_credit_minor
    pen_section = data.sections[0]
    assert pen_section.opening_minor == pen("1200.00")
    assert pen_section.closing_minor == pen("2050.50")
    assert [(mv.kind, mv.document, mv.debit_minor, mv.credit_minor) for mv in pen_section.movements] == [
        ("invoice", "C001-F001-3", pen("900.00"), 0),
        ("payment", "CH-55821", 0, pen("700.00")),
        ("credit_note", "C001-NC-1", 0, pen("150.00")),
        ("invoice", "C001-F001-4", pen("500.00"), 0),
        ("void", "C001-F001-4", 0, pen("500.00")),
        ("write_off", "C001-F001-2", 0, pen("350.00")),
        ("invoice", "C001-F001-6", pen("1250.50"), 0),
        ("payment", "OP-2040", 0, pen("100.00")),
    ]
    assert dict(pen_section.aging) == {"current": 0, "1-30": pen("1550.50"), "31-60": pen("300.00"),
                                       "61-90": pen("300.00"), "91+": 0}


@pytest.mark.parametrize("as_of, date_from", [
    (D(2026, 4, 11), D(2026, 4, 1)),   # the invoice voided on 04-12 still exists: a debit, no void yet
    (D(2026, 4, 12), D(2026, 4, 11)),  # void date: the invoice stops existing, the void is a credit
    (D(2026, 4, 12), D(2026, 4, 12)),  # opening includes it, the void is the period's only movement
    (D(2026, 2, 28), D(2026, 1, 1)),   # a period before the default, with the invoice voided in February
    (D(2026, 12, 31), D(2026, 7, 1)),  # nothing happens in the period
])
def test_as_of_rules_hold_at_any_date(history, as_of, date_from):
    data = build_statement(history, "C001", as_of=as_of, date_from=date_from)
    closing = {b.currency: b.balance_minor for b in ledger.customer_balance(history, "C001", as_of)}
    opening = {b.currency: b.balance_minor
               for b in ledger.customer_balance(history, "C001", date_from - dt.timedelta(days=1))}
    for s in data.sections:
        assert s.opening_minor == opening.get(s.currency, 0)
        assert s.closing_minor == closing.get(s.currency, 0)
        assert s.opening_minor + s.debits_minor - s.credits_minor == s.closing_minor
        assert all(date_from <= mv.date <= as_of for mv in s.movements)
    kinds = [(mv.kind, mv.document) for s in data.sections for mv in s.movements]
    if as_of == D(2026, 4, 11):
        assert ("invoice", "C001-F001-4") in kinds and ("void", "C001-F001-4") not in kinds
    if date_from == D(2026, 4, 12):
        assert kinds == [("void", "C001-F001-4")]


def test_wrong_customer_or_period_is_an_error(history, tmp_path):
    with pytest.raises(UnknownCustomerError):
        render_statement(history, "NOPE", as_of=AS_OF, out=tmp_path / "x.pdf")
    with pytest.raises(InvalidValueError) as err:
        render_statement(history, "C001", as_of=AS_OF, date_from=D(2026, 7, 1), out=tmp_path / "x.pdf")
    assert err.value.field == "date_from"
    assert not (tmp_path / "x.pdf").exists()


# --- the PDF ---------------------------------------------------------------------------------------------


def test_spanish_statement_pdf(history, tmp_path):
    out = tmp_path / "c001.pdf"
    result = render_statement(history, "C001", as_of=AS_OF, out=out)
    text = pdf_text(out)
    assert result.pages == pdf_pages(out) == 2
    assert result.language == "es"
    for label in ("ESTADO DE CUENTA", "Distribuidora Andina S.A.C.", "RUC 20512345678", "San Isidro, Lima",
                  "Ferretería Los Ángeles E.I.R.L.", "Jr. Pizarro 455, Urb. El Recreo", "Trujillo, La Libertad",
                  "Movimientos del período", "Documentos pendientes al 30/06/2026", "Antigüedad de saldos",
                  "Por vencer", "INSTRUCCIONES DE PAGO", "BCP Soles 193-1234567-0-12", "Página 1 de 2",
                  "Página 2 de 2", "Moneda: PEN", "Moneda: USD", "* Documento en disputa."):
        assert label in text, label
    for english in ("STATEMENT OF ACCOUNT", "Page 1", "Opening balance", "Open items"):
        assert english not in text
    assert "F001-X" not in text  # issued and voided before the period: not in the opening, not a movement

    # opening balance, each movement with its running balance, closing balance (PEN section)
    line_with(text, d(FROM), "Saldo inicial al 28/02/2026", m("1200.00"))
    line_with(text, d(D(2026, 3, 5)), "C001-F001-3", "Factura · 3 cuotas", m("900.00"), m("2100.00"))
    line_with(text, d(D(2026, 3, 20)), "CH-55821", "Pago (cheque)", m("700.00"), m("1400.00"))
    line_with(text, d(D(2026, 4, 2)), "C001-NC-1", "Nota de crédito · aplica a C001-F001-2", m("150.00"),
              m("1250.00"))
    line_with(text, d(D(2026, 4, 10)), "C001-F001-4", "Factura", m("500.00"), m("1750.00"))
    line_with(text, d(D(2026, 4, 12)), "C001-F001-4", "Anulación de factura · Error en el precio", m("500.00"),
              m("1250.00"))
    line_with(text, d(D(2026, 5, 30)), "C001-F001-2", "Castigo · Saldo incobrable", m("350.00"), m("900.00"))
    line_with(text, d(D(2026, 6, 1)), "C001-F001-6", "Factura", m("1250.50"), m("2150.50"))
    line_with(text, d(D(2026, 6, 20)), "OP-2040", "Pago (transferencia)", m("100.00"), m("2050.50"))
    balances = {b.currency: b for b in ledger.customer_balance(history, "C001", AS_OF)}
    pen_closing = fmt(balances["PEN"].balance_minor, "PEN", LOCALE, symbol=False)
    usd_closing = fmt(balances["USD"].balance_minor, "USD", LOCALE, symbol=False)
    closing_lines = [ln for ln in text.splitlines() if "Saldo final al 30/06/2026" in ln]
    assert len(closing_lines) == 2
    assert closing_lines[0].split()[-3:] == [m("2650.50"), m("1800.00"), pen_closing]
    assert closing_lines[1].split()[-1] == usd_closing == "1,200.00"
    # the summary box carries the same balances with the currency symbol
    assert fmt(balances["PEN"].balance_minor, "PEN", LOCALE).replace("\xa0", " ") in text
    # open items with days overdue, installments numbered, disputed marked
    line_with(text, "C001-F001-3 (cuota 1/3)", d(D(2026, 3, 5)), d(D(2026, 4, 4)), m("300.00"), m("300.00"), "87")
    line_with(text, "C001-F001-6 *", d(D(2026, 6, 1)), d(D(2026, 6, 16)), m("1250.50"), m("1250.50"), "14")
    line_with(text, "Saldo a favor no aplicado", "-" + m("100.00"))

    # aging rows: the buckets add up to the open total, which is the ledger's open amount
    aging_heads = [i for i, ln in enumerate(text.splitlines()) if re.search(r"Por vencer\s+1-30\s+31-60", ln)]
    assert len(aging_heads) == 2
    lines = text.splitlines()
    for head, cur in zip(aging_heads, ("PEN", "USD")):
        values = [to_minor(v.replace(",", ""), cur) for v in lines[head + 1].split()]
        assert len(values) == len(BUCKET_KEYS) + 1
        assert sum(values[:-1]) == values[-1] == balances[cur].open_items_minor


def test_english_statement_pdf(history, tmp_path):
    out = tmp_path / "c002.pdf"
    result = render_statement(history, "C002", as_of=AS_OF, out=out)
    text = pdf_text(out)
    assert result.language == "en"
    for label in ("STATEMENT OF ACCOUNT", "Pacific Hardware Imports LLC", "Opening balance at 28/02/2026",
                  "Closing balance at 30/06/2026", "Movements in the period", "Open items at 30/06/2026",
                  "Aging at 30/06/2026", "Current", "Unapplied credit", "Balance due", "PAYMENT INSTRUCTIONS",
                  "Page 1 of 2", "Page 2 of 2", "Invoice · 3 installments", "Payment (cheque)",
                  "Void of invoice", "Write-off", "Credit note", "(installment 2/3)", "Currency: USD — US Dollar"):
        assert label in text, label
    for spanish in ("ESTADO DE CUENTA", "Página", "Saldo inicial", "Documentos pendientes"):
        assert spanish not in text


def test_every_language_has_every_statement_text_with_the_same_placeholders():
    es, en = statement_labels("es"), statement_labels("en")
    assert statement_languages() >= {"es", "en"}
    assert set(es) == set(en) and "method.cheque" in es
    for key in es:
        assert re.findall(r"{(\w+)}", es[key]) == re.findall(r"{(\w+)}", en[key]), key


def test_statement_texts_are_read_from_the_resources_file(history, tmp_path, monkeypatch):
    texts = tmp_path / "texts"
    shutil.copytree(statement.texts_dir(), texts)
    path = texts / "en" / "statement.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Open items at {date}"', '"Still to pay at {date}"'),
                    encoding="utf-8")
    monkeypatch.setattr(statement, "texts_dir", lambda: texts)
    statement.statement_labels.cache_clear()
    try:
        render_statement(history, "C002", as_of=AS_OF, out=tmp_path / "c002.pdf")
    finally:
        statement.statement_labels.cache_clear()
    text = pdf_text(tmp_path / "c002.pdf")
    assert "Still to pay at 30/06/2026" in text and "Open items at" not in text


def test_company_locale_formats_amounts_and_dates(session, tmp_path):
    with session.begin():
        make_company(session, None, locale="es_CO")
        build_history(session, "C001", "es")
    out = tmp_path / "co.pdf"
    render_statement(session, "C001", as_of=AS_OF, out=out)
    text = pdf_text(out)
    assert "2.050,50" in text and "1.250,50" in text
    assert "2,050.50" not in text


def test_long_history_runs_over_many_pages(session, tmp_path):
    with session.begin():
        make_company(session)
        ledger.ensure_default_terms(session)
        ledger.create_customer(session, code="BIG", name="Cliente con historia larga S.A.", language="es")
        for i in range(150):
            day = D(2025, 1, 1) + dt.timedelta(days=2 * i)
            ledger.record_invoice(session, customer_code="BIG", number=f"F{i:04d}", issue_date=day,
                                  total_minor=10_000 + i, payment_terms="NET30")
            ledger.record_payment(session, customer_code="BIG", date=day + dt.timedelta(days=1),
                                  amount_minor=9_000, reference=f"OP{i:04d}")
    out = tmp_path / "big.pdf"
    as_of = D(2025, 12, 31)
    result = render_statement(session, "BIG", as_of=as_of, date_from=D(2025, 1, 1), out=out)
    data = build_statement(session, "BIG", as_of=as_of, date_from=D(2025, 1, 1))
    assert len(data.sections[0].movements) == 300
    pages = pdf_pages(out)
    assert result.pages == pages >= 6
    text = pdf_text(out)
    for n in range(1, pages + 1):
        assert f"Página {n} de {pages}" in text
    # the running header names the customer on every page after the first, the table header repeats
    assert text.count("BIG · Cliente con historia larga S.A.") == pages - 1
    assert text.count("Descripción") >= pages - 1
    assert all(f"F{i:04d}" in text and f"OP{i:04d}" in text for i in range(150))
    balance = ledger.customer_balance(session, "BIG", as_of)[0].balance_minor
    assert data.sections[0].closing_minor == balance
    assert f"Saldo final al {d(as_of)}" in text and fmt(balance, "PEN", LOCALE, symbol=False) in text


def test_logo_is_drawn_when_readable_and_skipped_when_missing(session, tmp_path):
    with session.begin():
        make_company(session, make_logo(tmp_path / "logo.png"))
        build_history(session, "C001", "es")
    with_logo = tmp_path / "with.pdf"
    render_statement(session, "C001", as_of=AS_OF, out=with_logo)
    listing = subprocess.run(["pdfimages", "-list", str(with_logo)], capture_output=True, text=True,
                             check=True).stdout
    assert len(listing.strip().splitlines()) == 3  # two header lines and the logo
    session.rollback()  # end the read transaction the render began
    with session.begin():
        ledger.save_company(session, logo_path=str(tmp_path / "gone.png"))
    without = tmp_path / "without.pdf"
    render_statement(session, "C001", as_of=AS_OF, out=without)
    listing = subprocess.run(["pdfimages", "-list", str(without)], capture_output=True, text=True,
                             check=True).stdout
    assert len(listing.strip().splitlines()) == 2
    assert "Distribuidora Andina S.A.C." in pdf_text(without)


def test_statement_without_company_or_movements(session, tmp_path):
    with session.begin():
        ledger.create_customer(session, code="NEW", name="Cliente Nuevo", language="en", currency="USD")
    out = tmp_path / "new.pdf"
    result = render_statement(session, "NEW", as_of=AS_OF, out=out)
    text = pdf_text(out)
    assert result.pages == 1 and [t.currency for t in result.totals] == ["USD"]
    assert "No movements in the period." in text and "Nothing is open." in text and "Page 1 of 1" in text


def test_page_one_renders_to_png(history, tmp_path):
    """The layout check is done by eye (docs/statement.png); here: the page rasterises and is not blank."""
    from PIL import Image

    out = tmp_path / "c001.pdf"
    render_statement(history, "C001", as_of=AS_OF, out=out)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(out), str(tmp_path / "page")],
                   check=True)
    png = next(tmp_path.glob("page*.png"))
    image = Image.open(png).convert("L")
    assert image.size == (662, 936)  # A4 at 80 dpi
    dark = sum(image.histogram()[:128])
    assert dark > 5_000


# --- the batch -------------------------------------------------------------------------------------------


def _paid_up_customer(session):
    ledger.create_customer(session, code="ZERO", name="Cliente al día", language="es")
    ledger.record_invoice(session, customer_code="ZERO", number="Z-1", issue_date=D(2026, 5, 1),
                          total_minor=pen("100.00"))
    ledger.record_payment(session, customer_code="ZERO", date=D(2026, 5, 10), amount_minor=pen("100.00"))


def test_batch_writes_one_file_per_customer_with_a_balance_and_a_combined_file(history, tmp_path):
    with history.begin():
        _paid_up_customer(history)
    assert customers_with_balance(history, AS_OF) == ["C001", "C002"]
    assert customers_with_balance(history, D(2026, 5, 5)) == ["C001", "C002", "ZERO"]
    calls = []
    out_dir = tmp_path / "out"
    results = render_statements(history, as_of=AS_OF, out_dir=out_dir,
                                progress=lambda done, total: calls.append((done, total)))
    assert [r.customer_code for r in results] == ["C001", "C002"]
    assert calls == [(1, 3), (2, 3), (3, 3)]
    names = sorted(p.name for p in out_dir.iterdir())
    assert names == sorted([statement_filename("C001", AS_OF), statement_filename("C002", AS_OF),
                            combined_filename(AS_OF)])
    for r in results:
        assert r.path.exists() and pdf_pages(r.path) == r.pages
    combined = out_dir / combined_filename(AS_OF)
    assert pdf_pages(combined) == sum(r.pages for r in results)
    text = pdf_text(combined)
    assert text.count("Página 1 de 2") == 1 and text.count("Page 1 of 2") == 1  # numbering restarts
    assert "ESTADO DE CUENTA" in text and "STATEMENT OF ACCOUNT" in text and "ZERO" not in text


def test_cancelled_batch_leaves_nothing(history, tmp_path):
    out_dir = tmp_path / "out"
    with pytest.raises(StatementCancelled):
        render_statements(history, as_of=AS_OF, out_dir=out_dir, progress=lambda done, total: False)
    assert list(out_dir.iterdir()) == []


def test_overpaid_customer_shows_a_credit_balance(session, tmp_path):
    with session.begin():
        make_company(session)
        ledger.create_customer(session, code="OVER", name="Cliente que pagó de más", language="es")
        ledger.record_invoice(session, customer_code="OVER", number="O-1", issue_date=D(2026, 5, 1),
                              total_minor=pen("100.00"))
        ledger.record_payment(session, customer_code="OVER", date=D(2026, 5, 10), amount_minor=pen("150.00"))
    out = tmp_path / "over.pdf"
    result = render_statement(session, "OVER", as_of=AS_OF, out=out)
    assert result.totals[0].closing_minor == ledger.customer_balance(session, "OVER", AS_OF)[0].balance_minor \
        == -pen("50.00")
    text = pdf_text(out)
    assert "Saldo a su favor (PEN)" in text
    line_with(text, "Saldo a favor no aplicado", "-" + m("50.00"))
    line_with(text, "Saldo final al 30/06/2026", m("100.00"), m("150.00"), "-" + m("50.00"))
    assert customers_with_balance(session, AS_OF) == ["OVER"]  # a credit balance is a balance too
