"""GUI test fixtures: a database with a company and terms, the app context, the main window (English)."""

from __future__ import annotations

import pytest

from app import ledger
from app.database import session_factory


@pytest.fixture
def qapp_en(qapp):
    from app.ui.i18n import install_translators

    install_translators(qapp, "en")
    yield qapp
    install_translators(qapp, "en")


@pytest.fixture
def books(engine):
    """The engine of a database with a company (es_PE) and the standard payment terms."""
    with session_factory(engine, write=True)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", currency="PEN", locale="es_PE")
    return engine


@pytest.fixture
def ctx(books, qapp_en):
    from app.ui.context import AppContext

    context = AppContext.create(books)
    context.load_company()
    yield context
    context.runner.wait_for_done()
    qapp_en.processEvents()


@pytest.fixture
def window(books, qapp_en, qtbot):
    from app.ui.app import create_main_window

    win = create_main_window(books)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.ctx.runner.wait_for_done()
    qapp_en.processEvents()


def wait_idle(qtbot, runner, timeout=10000):
    qtbot.waitUntil(lambda: not runner.busy(), timeout=timeout)
