"""Hostile markup in user text never becomes markup in a PDF (issue 11).

ReportLab's Paragraph reads <font>, <a href>, <b> and & in its text: an unescaped customer name printed a large
red "PAGADO - DEUDA CONDONADA" line or a clickable link on the agreement, and "Bad <b markup" was a traceback.
Every user-text field of every document (agreement, statement, aging, letters) gets each hostile string; the
text must come out literally (pdftotext) and no link annotation may exist.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest

from app import ledger
from app.collections.agreement_pdf import render_agreement_pdf
from app.collections.agreements import create_agreement
from app.reminders.content import build_content
from app.reminders.letters import render_letters
from app.reports.aging import aging_report
from app.reports.aging_pdf import write_pdf as write_aging_pdf
from app.reports.statement import render_statement
from tests.factories import make_customer, make_invoice

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is needed")

HOSTILE = [
    '<font size="30" color="red">PAGADO - DEUDA CONDONADA</font>',
    '<a href="http://evil.example/pay">Pague aqui</a>',
    "Bad <b markup",
    "A & B <Ltd>",
]
AS_OF = dt.date(2026, 7, 1)


def squash(text: str) -> str:
    """Without whitespace and hyphens: a long value wraps over lines (pdftotext joins "PAGADO -" + "DEUDA")."""
    return "".join(text.split()).replace("-", "")


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def assert_literal(path, values, *, prefix: int | None = None):
    data = path.read_bytes()
    assert b"/URI" not in data and b"/Annots" not in data, f"{path.name} has a link annotation"
    text = squash(pdf_text(path))
    for value in values:
        expected = squash(value if prefix is None else value[:prefix])
        assert expected in text, f"{value!r} is not printed literally in {path.name}"


@pytest.fixture(params=range(len(HOSTILE)), ids=["font", "link", "unclosed", "ampersand"])
def hostile_books(request, session):
    """Every user-text field holds a hostile string; the strings rotate so each field gets each one."""
    k = request.param
    h = [HOSTILE[(k + i) % len(HOSTILE)] for i in range(len(HOSTILE))]
    with session.begin():
        # tax id and phone are bounded (40, 50 characters: app.ledger.text_input): their share of the markup
        ledger.save_company(session, name=h[0], tax_id=h[1][:40], address=h[2], city=h[3], country="PE",
                            currency="PEN", locale="es_PE", email="cobranzas@andina.pe", phone=h[1][:50],
                            payment_instructions=f"{h[1]}\n{h[2]}")
        make_customer(session, code="C001", name=h[0], tax_id=h[3][:40], address=h[1], city=h[2],
                      email="pagos@losandes.pe", phone=h[3][:50], notes=h[2])
        make_invoice(session, number="F<1> & co", amount="600.00", issued=dt.date(2026, 3, 1),
                     due=dt.date(2026, 4, 1))
        ledger.record_invoice(session, customer_code="C001", number="F-2", issue_date=dt.date(2026, 3, 2),
                              total_minor=40000, currency="PEN", due_date=dt.date(2026, 4, 2), reference=h[1])
        create_agreement(session, customer_code="C001", invoice_numbers=["F<1> & co"], installments=2,
                         every="month", start=dt.date(2026, 7, 15))
    return session, h


def test_agreement_prints_user_text_literally(hostile_books, tmp_path):
    session, h = hostile_books
    from app.collections.agreements import list_agreements

    number = list_agreements(session, customer_code="C001")[0].number
    out = render_agreement_pdf(session, number, tmp_path / "agreement.pdf")
    assert_literal(out, [h[0], h[1], h[2], h[3], "F<1> & co"])


def test_statement_prints_user_text_literally(hostile_books, tmp_path):
    session, h = hostile_books
    out = tmp_path / "statement.pdf"
    render_statement(session, "C001", as_of=AS_OF, date_from=dt.date(2026, 1, 1), out=out)
    assert_literal(out, [h[0], h[1], h[2], h[3], "F<1> & co"])


def test_aging_pdf_prints_user_text_literally(hostile_books, tmp_path):
    session, h = hostile_books
    out = tmp_path / "aging.pdf"
    write_aging_pdf(aging_report(session, AS_OF, detail=True), out, company=h[0], lang="es")
    assert_literal(out, [h[0]])
    assert_literal(out, [h[0]], prefix=40)  # the name column is clipped at 48 characters


def test_letters_print_user_text_and_template_output_literally(hostile_books, tmp_path):
    session, h = hostile_books
    content = build_content(session, customer_code="C001", currency="PEN", as_of=AS_OF, level=3,
                            level_name="Segundo recordatorio", channel="letter", level_key="reminder")
    body = "{{ customer.name }} / {{ company.name }} / " + h[2]
    result = render_letters([content], combined_path=tmp_path / "letters.pdf",
                            overrides={("reminder", "letter", "es", "body"): body})
    # the address window keeps two lines of the name; the body (a template) prints it whole
    assert_literal(result.combined_path, [h[0], h[1], h[2], f"{h[0]} / {h[0]} / {h[2]}", "F<1> & co"])
