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
            problems += [f"{spec.key}: {p}" for p in cut_widgets(window)]
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
        problems += [f"reminders after preview: {p}" for p in cut_widgets(window)]
        assert window.width() <= SCREEN_W and window.height() <= USABLE_H
        assert problems == []
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
