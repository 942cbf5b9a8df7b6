"""A 1366×768 laptop: the window fits in both languages on every page and after a reminders preview, and
no widget is cut off by its parent."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.database import session_factory
from app.demo import generate_demo

from .conftest import wait_idle

SCREEN_W, SCREEN_H = 1366, 768
USABLE_H = SCREEN_H - 40 - 30  # a taskbar and the window's title bar


@pytest.fixture
def demo_books(books):
    with session_factory(books, write=True)() as s, s.begin():
        generate_demo(s, customers=40, invoices=300, seed=3)
    return books


def cut_widgets(root: QWidget) -> list[str]:
    """Visible widgets that stick out of their parent (inside a scroll area's viewport, scrolling is fine)."""
    out = []
    for w in root.findChildren(QWidget):
        parent = w.parentWidget()
        if not w.isVisible() or parent is None or not parent.isVisible() or w.isWindow():
            continue
        if isinstance(parent.parentWidget(), QAbstractScrollArea):
            continue  # a scroll area's content widget or viewport child: it scrolls
        inside = parent.rect().adjusted(-1, -1, 1, 1)
        if not inside.contains(w.geometry()):
            out.append(f"{type(w).__name__}#{w.objectName()} {w.geometry().getRect()} "
                       f"outside {type(parent).__name__}#{parent.objectName()} {parent.rect().getRect()}")
    return out


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_fits_a_1366x768_laptop(language, demo_books, qapp, qtbot):
    from app.ui.app import create_main_window
    from app.ui.i18n import install_translators

    install_translators(qapp, language)
    try:
        window = create_main_window(demo_books)
        qtbot.addWidget(window)
        window.resize(SCREEN_W, USABLE_H)
        window.show()
        problems = []
        for spec in window.specs:
            window.show_view(spec.key)
            wait_idle(qtbot, window.ctx.runner, timeout=60000)
            qapp.processEvents()
            hint = window.minimumSizeHint()
            if hint.width() > SCREEN_W or hint.height() > USABLE_H:
                problems.append(f"{spec.key}: needs at least {hint.width()}×{hint.height()}")
            problems += [f"{spec.key}: {p}" for p in cut_widgets(window) + elided_labels(window)]
        reminders = window.show_view("reminders")
        reminders.preview()
        wait_idle(qtbot, window.ctx.runner, timeout=60000)
        # the counts of the 1M demo (38,293 planned): the line must wrap, not widen the window
        reminders.count.setText(re.sub(r"\d+", "38,293", reminders.count.text()))
        window.show_view("today")
        today = window.view("today")
        today.count.setText(re.sub(r"\d+", "38,293", today.count.text() or "38 tareas · 38 clientes"))
        window.show_view("reminders")
        qapp.processEvents()
        hint = window.minimumSizeHint()
        if hint.width() > SCREEN_W or hint.height() > USABLE_H:
            problems.append(f"after a reminders preview: needs at least {hint.width()}×{hint.height()}")
        problems += [f"reminders after preview: {p}" for p in cut_widgets(window) + elided_labels(window)]
        assert window.width() <= SCREEN_W and window.height() <= USABLE_H
        assert problems == [], "\n".join(problems)
        window.ctx.runner.wait_for_done()
    finally:
        install_translators(qapp, "en")


def test_the_check_finds_a_widget_cut_by_its_parent(qtbot):
    from PySide6.QtWidgets import QLabel

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(200, 100)
    label = QLabel("Total adeudado al 31/12/2026", parent)
    label.setObjectName("total")
    label.setGeometry(150, 10, 120, 20)
    parent.show()
    assert cut_widgets(parent) == ["QLabel#total (150, 10, 120, 20) outside QWidget# (0, 0, 200, 100)"]
    label.setGeometry(10, 10, 120, 20)
    assert cut_widgets(parent) == []


def test_the_first_window_fits_the_screen_it_opens_on(books, qapp_en, qtbot):
    from app.ui.app import create_main_window

    window = create_main_window(books)
    qtbot.addWidget(window)
    available = window.screen().availableGeometry()
    assert window.width() <= available.width() and window.height() <= available.height()


# --- every dialog, in both languages ------------------------------------------------------------------


def elided_labels(root: QWidget) -> list[str]:
    """Visible labels whose text does not fit (Qt clips a QLabel's text, it never elides it) and that carry no
    tooltip with the whole text: one line wider than the label, or wrapped lines taller than it."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import Qt as QtGuiNamespace
    from PySide6.QtWidgets import QLabel

    out = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or label.toolTip() or not label.text():
            continue
        if label.textFormat() == Qt.TextFormat.RichText or QtGuiNamespace.mightBeRichText(label.text()):
            continue  # links and markup: Qt lays them out as a document, wrapped
        metrics = label.fontMetrics()
        rect = label.contentsRect()
        text = label.text().replace("&&", "\0").replace("&", "").replace("\0", "&") if label.buddy() else label.text()
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                out.append(f"QLabel#{label.objectName()} “{text[:40]}” needs {needed} px of height, has "
                           f"{label.height()}")
            continue
        widest = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        if widest > rect.width() + 1:
            out.append(f"QLabel#{label.objectName()} “{text[:40]}” needs {widest} px, has {rect.width()}")
    out += clipped_combos(root)
    return out


def clipped_combos(root: QWidget) -> list[str]:
    """Visible combo boxes with an item that, once chosen, would not fit their text field."""
    from PySide6.QtWidgets import QComboBox, QStyle, QStyleOptionComboBox

    out = []
    for combo in root.findChildren(QComboBox):
        if not combo.isVisible() or not combo.count():
            continue
        if combo.isEditable():
            continue  # a line edit: it scrolls
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                             QStyle.SubControl.SC_ComboBoxEditField, combo)
        widest = max(range(combo.count()), key=lambda i: combo.fontMetrics().horizontalAdvance(combo.itemText(i)))
        needed = combo.fontMetrics().horizontalAdvance(combo.itemText(widest))
        if needed > field.width() + 1:
            out.append(f"QComboBox#{combo.objectName()} “{combo.itemText(widest)[:40]}” needs {needed} px, "
                       f"has {field.width()}")
    return out


def dialog_problems(name: str, dialog: QWidget, qapp) -> list[str]:
    """Open `dialog` as the app does; it must open within the laptop's screen, and once there no widget may be
    cut nor any label clipped without a tooltip."""
    dialog.show()
    qapp.processEvents()
    problems = []
    hint = dialog.minimumSizeHint()
    if hint.width() > SCREEN_W or hint.height() > USABLE_H:
        problems.append(f"{name}: needs at least {hint.width()}×{hint.height()}")
    if dialog.width() > SCREEN_W or dialog.height() > USABLE_H:
        problems.append(f"{name}: opens at {dialog.width()}×{dialog.height()}")
    dialog.resize(min(dialog.width(), SCREEN_W), min(dialog.height(), USABLE_H))
    qapp.processEvents()
    problems += [f"{name}: {p}" for p in cut_widgets(dialog) + elided_labels(dialog)]
    return problems


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_dialog_fits_a_1366x768_laptop(language, demo_books, qapp, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QMessageBox, QWizard

    from app.ui import screen_fit

    monkeypatch.setattr(screen_fit, "available_size", lambda _w: QSize(SCREEN_W, SCREEN_H - 40))  # a taskbar

    from app.backup import inspect_backup, make_backup
    from app.ui.app import create_main_window
    from app.ui.dialogs.card_actions import HoldDialog
    from app.ui.dialogs.card_disputes import DisputeDialog
    from app.ui.dialogs.credit_note import CreditNoteDialog
    from app.ui.dialogs.customer import CustomerDialog
    from app.ui.dialogs.follow_up import FollowUpDoneDialog
    from app.ui.dialogs.invoice import InvoiceDialog
    from app.ui.dialogs.payment import PaymentDialog
    from app.ui.dialogs.settings import SettingsDialog
    from app.ui.first_run import FirstRunWizard
    from app.ui.i18n import install_translators
    from app.ui.views.today import LogCallDialog

    install_translators(qapp, language)
    try:
        window = create_main_window(demo_books)
        qtbot.addWidget(window)
        window.resize(SCREEN_W, USABLE_H)
        window.show()
        ctx = window.ctx
        runner = ctx.runner
        customers = window.show_view("customers")
        wait_idle(qtbot, runner, timeout=60000)
        qtbot.waitUntil(lambda: customers.model.rowCount() > 0, timeout=20000)
        rows = [customers.model.row(r) for r in range(customers.model.rowCount())]
        code = max(rows, key=lambda r: r.overdue_minor).code
        problems = []

        def check(name, dialog, wait=True):
            if wait:
                wait_idle(qtbot, runner, timeout=60000)
            problems.extend(dialog_problems(name, dialog, qapp))
            return dialog

        check("new customer", CustomerDialog(ctx, None, window)).reject()
        check("invoice", InvoiceDialog(ctx, code, window)).reject()
        check("payment", PaymentDialog(ctx, code, window)).reject()
        check("credit note", CreditNoteDialog(ctx, code, window)).reject()
        check("follow-up done", FollowUpDoneDialog(ctx, code, None, "", window)).reject()
        check("log a call", LogCallDialog(ctx, code, "PEN", window)).reject()
        check("hold", HoldDialog(ctx, code, None, window)).reject()

        settings = SettingsDialog(ctx, window)
        qtbot.addWidget(settings)
        for i in range(settings.tabs.count()):
            settings.tabs.setCurrentIndex(i)
            check(f"settings tab “{settings.tabs.tabText(i)}”", settings)
        settings.reject()

        card = customers.open_card(code)
        qtbot.waitUntil(lambda: card.data is not None, timeout=20000)
        for i in range(card.tabs.count()):
            card.tabs.setCurrentIndex(i)
            # its data is there; the risk model the card trains meanwhile (a minute on a loaded machine) is not waited for
            check(f"card tab “{card.tabs.tabText(i)}”", card, wait=False)
        check("dispute", DisputeDialog(card, card), wait=False).reject()
        card.close()

        wizard = FirstRunWizard()
        qtbot.addWidget(wizard)
        check("first run: start", wizard, wait=False)
        wizard.next()
        wizard.company.name.setText("Ferretería El Tornillo S.A.C.")
        wizard.company.tax_id.setText("20100047219")  # the warning and "keep it as typed" show
        check("first run: company", wizard, wait=False)
        wizard.company.tax_id.setText("20100047218")
        for page in ("reminders", "location"):
            wizard.next()
            if page == "reminders":
                wizard.reminders.smtp_box.setChecked(True)
            check(f"first run: {page}", wizard, wait=False)
        wizard.reject()

        backup = make_backup(demo_books, tmp_path / "copia.cobranza").path
        box = window.backup_actions.confirmation_box(inspect_backup(backup))
        check("restore confirmation", box, wait=False)
        box.done(QMessageBox.StandardButton.No)

        from app.book_location import MoveResult

        old = tmp_path / "cobranza.sqlite"
        new = tmp_path / "Documentos" / "Cobranza" / "cobranza.sqlite"
        window.move_book.result = MoveResult(old=old, new=new, size=1)
        box = window.move_book.ask_to_delete_old(
            window.move_book.tr("The book is now %1 (checked: %n customer(s)).", "", 40).replace("%1", str(new)))
        check("move: delete the old file?", box, wait=False)
        box.done(QMessageBox.StandardButton.No)
        assert isinstance(wizard, QWizard)
        assert problems == [], "\n".join(problems)
        runner.wait_for_done()
    finally:
        install_translators(qapp, "en")


def test_the_check_finds_a_label_clipped_without_a_tooltip(qtbot):
    from PySide6.QtWidgets import QLabel

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(300, 100)
    label = QLabel("Química Ospina Salazar & Cía. S. en C. · C0042 · 900.373.913-4", parent)
    label.setObjectName("customer_name")
    label.setGeometry(10, 10, 120, 20)
    parent.show()
    assert [p.split(" needs")[0] for p in elided_labels(parent)] == [
        "QLabel#customer_name “Química Ospina Salazar & Cía. S. en C. ·”"]
    label.setToolTip(label.text())
    assert elided_labels(parent) == []
    label.setToolTip("")
    label.setWordWrap(True)
    label.setGeometry(10, 10, 120, label.heightForWidth(120))
    assert elided_labels(parent) == []
