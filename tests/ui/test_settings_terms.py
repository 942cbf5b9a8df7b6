"""Settings → Payment terms: a new 30/70 term typed line by line with the preview following, saved through
the same function as `cobranza terms add`; a bad line said in the preview and refused; archive."""

import datetime as dt

from app.database import session_factory
from app.ledger import terms as T
from app.ui.dialogs.customer import fill_terms_combo

D = dt.date


def stored(engine):
    with session_factory(engine)() as s:
        return {t.code: t for t in T.list_terms(s)}


def test_add_preview_save_archive(window, qtbot):
    dialog = window.open_settings()
    tab = dialog.terms_tab
    assert "Payment terms" in [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    qtbot.waitUntil(lambda: tab.table.rowCount() >= 8, timeout=10000)
    assert "NET30" in [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]

    tab.new_button.click()
    tab.code.setText("30/70")
    tab.name.setText("30 % a 15 días, 70 % a 45")
    tab.sample_date.set_date(D(2026, 1, 31))
    tab.sample_amount.setText("1000.01")
    tab.set_line(0, "30%", "15d")
    assert "100" in tab.preview.text() and "30" in tab.preview.text()  # the percents do not add up yet
    tab.add_line("70%", "45d")
    text = tab.preview.text()
    assert "1. due 02/15/2026" in text or "1. due" in text
    assert "300.00" in text and "700.01" in text
    tab.discount.setText("2%:10d")
    assert "980.01" in tab.preview.text()  # paid by the discount date
    tab.set_line(1, "70%", "45x")
    assert "'70%:45x' is not understood" in tab.preview.text()
    tab.submit()
    assert not tab.error.isHidden() and "45x" in tab.error.text()
    assert "30/70" not in stored(window.ctx.engine)
    tab.set_line(1, "rest", "eom+45d")
    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.submit()
    assert tab.error.isHidden(), tab.error.text()
    saved = stored(window.ctx.engine)["30/70"]
    assert [line.spec for line in saved.lines] == ["30%:15d", "rest:eom+45d"]
    assert T.discount_spec(saved.discount_percent, saved.discount_days) == "2%:10d"
    assert tab.current is not None and tab.current.code == "30/70"  # selected after saving

    with qtbot.waitSignal(tab.loaded, timeout=10000):
        tab.archive_button.click()
    assert stored(window.ctx.engine)["30/70"].archived
    assert "30/70" not in [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    tab.show_archived.setChecked(True)
    assert "30/70" in [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())]
    dialog.reject()


def test_archived_terms_are_offered_only_to_who_has_them(qapp_en):
    from PySide6.QtWidgets import QComboBox

    terms = [T.TermsView("NET30", "Net 30", ()), T.TermsView("OLD", "Old", (), archived=True)]
    combo = QComboBox()
    fill_terms_combo(combo, terms, None, "Default")
    assert [combo.itemData(i) for i in range(combo.count())] == [None, "NET30"]
    fill_terms_combo(combo, terms, "OLD", "Default")
    assert combo.currentData() == "OLD"
