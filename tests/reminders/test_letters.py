"""Reminder letters as PDF, checked with poppler (pdftotext, pdfinfo) like a person reading the printout."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import shutil
import subprocess
from xml.etree import ElementTree

import pytest

from app.reminders.content import ReminderItem, build_content, sample_content
from app.reminders.letters import LettersCancelled, render_letters
from app.reminders.templates import TemplateError
from tests.reminders.channel_fixtures import AS_OF, seed_ledger

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

MM = 72 / 25.4


def pdftext(path, *args) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def pages(path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def words_with_boxes(path, page=1):
    """(word, xMin, yMin) in points from the page's top-left corner."""
    xml = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    root = ElementTree.fromstring(xml)
    return [(w.text, float(w.get("xMin")), float(w.get("yMin")))
            for w in root.iter("{http://www.w3.org/1999/xhtml}word")]


def contents_from_ledger(session, logo_path=None):
    seed_ledger(session, logo_path=logo_path)
    es = build_content(session, customer_code="C001", currency="PEN", as_of=AS_OF, level=3,
                       level_name="Segundo recordatorio", channel="letter", level_key="reminder")
    en = build_content(session, customer_code="C002", currency="PEN", as_of=AS_OF, level=4, level_name="Firm notice",
                       channel="letter", level_key="firm", fee_minor=2500)
    return es, en


def test_combined_and_per_customer_letters(session, tmp_path):
    es, en = contents_from_ledger(session)
    done = []
    result = render_letters([es, en], combined_path=tmp_path / "cartas.pdf", per_customer_dir=tmp_path / "each",
                            progress=lambda n, total: done.append((n, total)))
    assert done == [(1, 2), (2, 2)]
    assert result.pages == 2 and pages(result.combined_path) == 2
    assert [f.name for f in result.files] == ["C001_PEN_20260630.pdf", "C002_PEN_20260630.pdf"]
    assert [pages(f) for f in result.files] == [1, 1]

    text = pdftext(result.combined_path)
    es_page, en_page = text.split("\f")[:2]
    # Spanish letter: letterhead, address, date, subject, items, totals, payment instructions, signature
    for expected in ("Distribuidora Andina S.A.C.", "RUC 20512345678", "Ferretería Los Andes S.A.C.",
                     "Jr. Huallaga 355", "Lima, 30 de junio de 2026", "Asunto: Segundo recordatorio de pago",
                     "Estimado cliente:", "F001-100", "F001-101", "1/04/2026", "1/05/2026", "60", "15",
                     "S/ 1,180.00", "S/ 500.00", "S/ 300.00", "Total pendiente", "S/ 1,480.00",
                     "Datos para el pago", "BCP cuenta corriente", "Atentamente,", "Área de Cobranzas"):
        assert expected in es_page, expected
    assert "F001-102" not in es_page and "F001-103" not in es_page  # not yet due / disputed
    assert "Gastos de cobranza" not in es_page
    # English letter: the fee, the foreign address with its country, English dates
    for expected in ("Pacific Imports LLC", "100 Main St", "Suite 5", "Miami, FL 33101", "UNITED STATES",
                     "Lima, June 30, 2026", "Subject: Overdue account", "Dear customer,", "F001-200",
                     "Total outstanding", "S/ 2,500.00", "Collection fee", "S/ 25.00", "Total payable",
                     "S/ 2,525.00", "Kind regards,", "Accounts Receivable"):
        assert expected in en_page, expected
    assert "C002_PEN" not in pdftext(result.files[0]) and "Pacific Imports" in pdftext(result.files[1])


def test_address_sits_in_the_envelope_window(tmp_path):
    content = sample_content("es", channel="letter", level_key="friendly")
    result = render_letters([content], combined_path=tmp_path / "a.pdf")
    boxes = words_with_boxes(result.combined_path)
    name = next((x, y) for word, x, y in boxes if word == "Ferretería")
    street = next((x, y) for word, x, y in boxes if word == "Huallaga")
    for x, y in (name, street):
        # DL/C5 window: 20-110 mm from the left, 45-90 mm from the top
        assert 20 * MM <= x <= 110 * MM and 45 * MM <= y <= 90 * MM, (x / MM, y / MM)
    subject = next(y for word, x, y in boxes if word == "Asunto:")
    assert subject > 90 * MM  # nothing of the letter's body shows through the window


def test_many_items_flow_to_a_second_page(tmp_path):
    content = sample_content("es", channel="letter", level_key="reminder", items=40)
    result = render_letters([content], combined_path=tmp_path / "long.pdf")
    assert result.pages == 2 and pages(result.combined_path) == 2
    first, second = pdftext(result.combined_path).split("\f")[:2]
    assert "Continúa en la página siguiente" in first and "Página 1" in first
    assert "(continuación)" in second and "Página 2" in second
    assert "Factura" in second  # the table header is repeated
    numbers = re.findall(r"F001-\d{5}", first + second)
    assert len(numbers) == 40 and len(set(numbers)) == 40  # every item once, none lost at the break
    assert "Total pendiente" in second
    assert content.money(content.total_open_minor).replace("\xa0", " ") in second.replace("\xa0", " ")
    assert "Atentamente," in second


@pytest.mark.parametrize("language", ["es", "en"])
@pytest.mark.parametrize("level_key", ["courtesy", "friendly", "reminder", "firm", "final"])
def test_fifteen_items_fit_on_one_page(tmp_path, language, level_key):
    content = sample_content(language, channel="letter", level_key=level_key, items=15, fee_minor=2500)
    result = render_letters([content], combined_path=tmp_path / "x.pdf")
    assert result.pages == 1


def test_logo_is_drawn_and_a_missing_logo_is_skipped(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 120), (31, 78, 121)).save(logo)
    base = sample_content("es", channel="letter")
    with_logo = dataclasses.replace(base, company=dataclasses.replace(base.company, logo_path=str(logo)))
    missing = dataclasses.replace(base, company=dataclasses.replace(base.company, logo_path=str(tmp_path / "no.png")))
    a = render_letters([with_logo, with_logo], combined_path=tmp_path / "logo.pdf")
    b = render_letters([missing], combined_path=tmp_path / "nologo.pdf")
    assert a.pages == 2 and b.pages == 1
    images = subprocess.run(["pdfimages", "-list", str(a.combined_path)], capture_output=True, text=True).stdout
    assert len([line for line in images.splitlines()[2:] if line.strip()]) == 2  # one per page
    # the company name moves right of the logo
    x_logo = next(x for w, x, y in words_with_boxes(a.combined_path) if w == "Distribuidora")
    x_plain = next(x for w, x, y in words_with_boxes(b.combined_path) if w == "Distribuidora")
    assert x_logo > x_plain + 20 * MM


def test_broken_template_writes_nothing(tmp_path):
    content = sample_content("es", channel="letter", level_key="firm")
    overrides = {("firm", "letter", "es", "body"): "Estimado cliente:\n{{ deuda_total }}"}
    with pytest.raises(TemplateError, match="line 2"):
        render_letters([content], combined_path=tmp_path / "x.pdf", per_customer_dir=tmp_path / "each",
                       overrides=overrides)
    assert not (tmp_path / "x.pdf").exists() and not list((tmp_path).glob("**/*.pdf*"))


def test_override_is_used_in_the_letter(tmp_path):
    content = sample_content("es", channel="letter", level_key="firm")
    overrides = {("firm", "letter", "es", "subject"): "Cuenta {{ customer.code }} — aviso"}
    result = render_letters([content], combined_path=tmp_path / "x.pdf", overrides=overrides)
    assert "Asunto: Cuenta C0042 — aviso" in pdftext(result.combined_path)


def test_cancel_leaves_no_file(tmp_path):
    contents = [sample_content("es", channel="letter")] * 5
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(LettersCancelled):
        render_letters(contents, combined_path=tmp_path / "x.pdf", per_customer_dir=tmp_path / "each",
                       cancel=cancel)
    assert not list(tmp_path.glob("**/*.pdf*"))


def test_no_letters_no_file(tmp_path):
    result = render_letters([], combined_path=tmp_path / "x.pdf")
    assert result.pages == 0 and result.files == () and not (tmp_path / "x.pdf").exists()


def test_characters_outside_helvetica_do_not_break_the_letter(tmp_path):
    content = dataclasses.replace(sample_content("es", channel="letter"), customer_name="Comercial Ñandú 北京 S.A.",
                                  items=(ReminderItem("F→1", dt.date(2026, 1, 1), dt.date(2026, 2, 1), 149, 100, 100,
                                                      "PEN"),), total_open_minor=100)
    result = render_letters([content], combined_path=tmp_path / "x.pdf")
    text = pdftext(result.combined_path)
    assert "Comercial Ñandú ?? S.A." in text and "F?1" in text


def test_letter_size_paper(tmp_path):
    result = render_letters([sample_content("en", channel="letter")], combined_path=tmp_path / "x.pdf",
                            page_size="letter")
    out = subprocess.run(["pdfinfo", str(result.combined_path)], capture_output=True, text=True).stdout
    assert "612 x 792 pts (letter)" in out
