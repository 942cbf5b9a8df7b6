"""Starting the desktop application: `run_gui(db)` is what `cobranza gui` calls."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app import config
from app.database import DatabaseError, open_database

from .context import AppContext
from .first_screen import OpenFailed, PreparedStart, ask_dashboard_early
from .i18n import install_translators
from .main_thread_gc import MainThreadCollector, pin_collection_to_gui_thread
from .mainwindow import MainWindow


def application(language: str | None = None) -> QApplication:
    """The QApplication with the translators for `language` (default: settings, else the system's)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Cobranza")
    app.setApplicationDisplayName("Cobranza")
    app.setOrganizationName("Cobranza")
    install_translators(app, language or config.ui_language())
    if app.findChild(MainThreadCollector) is None:
        pin_collection_to_gui_thread(app)
    return app


def prepare_database(session) -> None:
    """What a usable database needs before the window opens (the standard payment terms)."""
    from app.ledger.terms import ensure_default_terms

    ensure_default_terms(session)


def create_main_window(engine, prepared: PreparedStart | None = None) -> MainWindow:
    """The main window on `engine`; `prepared`: the dashboard's figures asked for before Qt was imported
    (app/ui/first_screen.py), on the same engine."""
    ctx = AppContext.create(engine, sessions=prepared.sessions if prepared is not None else None)
    # so quitting can interrupt the reads still running (the early one's connections included)
    ctx.runner.watch_reads(engine, prepared.reading if prepared is not None else None)
    if MainWindow.first_page() == "dashboard":
        if prepared is not None:
            prepared.hand_over(ctx)
        else:
            ask_dashboard_early(ctx)  # computed on a reader while the window is built (app/ui/first_screen.py)
    with ctx.sessions() as session, session.begin():
        prepare_database(session)
    ctx.load_company()
    window = MainWindow(ctx)
    ctx.runner.setParent(window)
    return window


def after_first_screen(window, fn) -> None:
    """Call `fn` once the reads the first page asked for at start have answered (the dashboard's figures,
    or its error), now when none is running: work that can wait (the risk worker's start, the daily
    backup) must not compete with the first screen for the two cores and the database."""
    runner = window.ctx.runner
    if not runner.busy():
        fn()
        return

    def once() -> None:
        runner.idle.disconnect(once)
        fn()

    runner.idle.connect(once)


def refresh_risk_in_background(window, *, wait_for_first_screen: bool = True):
    """The forecast, today's tasks and the reminder segments read the stored risk scores: when they are
    missing or stale a separate process at a lower priority trains the model (half a minute at 100,000
    customers) and replaces them (app/ui/risk_process.py); the window never waits for it, and the pages
    showing risk reload when it has stored them. The check (one small read) and the worker wait until
    the first screen is filled: starting a second Python process took CPU the dashboard needed, even
    when the stored scores were fresh and the worker had nothing to do. Returns the RiskRefresher
    (quitting stops it)."""
    from .risk_process import RiskRefresher

    ctx = window.ctx
    refresher = RiskRefresher(ctx.runner, ctx.engine.url.render_as_string(hide_password=False), window)
    window.risk_refresher = refresher
    today = ctx.today()
    if wait_for_first_screen:
        after_first_screen(window, lambda: refresher.start_if_stale(today))
    else:
        refresher.start_if_stale(today)
    from .risk_status import show_risk_status

    show_risk_status(window, refresher)  # a busy bar and Cancel in the status bar while the worker trains
    return refresher


def apply_company_setup(engine, choice) -> str | None:
    """The first-run wizard's company, contact rules and e-mail, before the window reads them."""
    from app.database import session_factory

    from .first_run import save_company_setup

    with session_factory(engine, write=True)() as session, session.begin():
        prepare_database(session)
        return save_company_setup(session, choice)


def fill_demo_in_background(window) -> None:
    """The demo's customers arrive while the window is already open; the pages reload when they land."""
    from .first_run import fill_demo

    status = window.statusBar()
    status.showMessage(QCoreApplication.translate("App", "Preparing the demo: customers, invoices and payments…"))
    window.ctx.runner.write(
        fill_demo, window.ctx.today(),
        on_done=lambda n: (window.ctx.load_company(), window.retranslate_window(), status.showMessage(
            QCoreApplication.translate("App", "Demo ready: %n customer(s).", "", n), 10000)),
        on_error=lambda exc: status.showMessage(
            QCoreApplication.translate("App", "The demo could not be prepared: %1").replace("%1", str(exc))))


def run_gui(db: str | None, open_backup: str | None = None,
            prepared: PreparedStart | OpenFailed | None = None) -> int:
    """`prepared`: the book `db` opened and the dashboard asked for before Qt was imported
    (first_screen.prepare_first_screen, which `cobranza gui` calls first)."""
    app = application()
    translate = QCoreApplication.translate
    choice = None
    if db is None:  # the first-run wizard and the missing-book question only without a named book
        from . import first_run

        missing = first_run.missing_book()
        if missing is not None:
            found = first_run.ask_for_missing_book(missing)
            if found is None:
                return 0
            if found != "wizard":
                db = found
    if db is None and first_run.first_run_needed():
        choice = first_run.ask_first_run()
        if choice is None:
            return 0  # closed before finishing: nothing created, the wizard comes back next time
        first_run.remember(choice)
        install_translators(app, choice.language)
        db = choice.database
    if prepared is not None and choice is not None:  # not the book the window opens after all
        if not isinstance(prepared, OpenFailed):
            prepared.engine.dispose()
        prepared = None
    try:
        if isinstance(prepared, OpenFailed):  # opened once already, before Qt: not again (see OpenFailed)
            raise prepared.error
        engine = prepared.engine if prepared is not None else open_database(db)
        if choice is not None and choice.mode == "company":
            problem = apply_company_setup(engine, choice)
            if problem:
                QMessageBox.warning(None, translate("App", "Cobranza"), problem)
        window = create_main_window(engine, prepared)
    except DatabaseError as exc:
        QMessageBox.critical(None, translate("App", "Cobranza"),
                             translate("App", "The database could not be opened.") + "\n\n" + str(exc))
        return 1
    except Exception as exc:  # noqa: BLE001 - e.g. a PostgreSQL server that cannot be reached
        QMessageBox.critical(None, translate("App", "Cobranza"),
                             translate("App", "The database could not be opened.") + "\n\n"
                             + f"{type(exc).__name__}: {exc}\n\n"
                             + translate("App", "Check the --db path or URL (or COBRANZA_DB) and try again."))
        return 1
    window.show()
    from .probe import install_from_env

    install_from_env(window)  # COBRANZA_PROBE: bench/gui_start.py times this start
    if choice is not None and choice.mode == "demo":
        fill_demo_in_background(window)
    else:
        refresh_risk_in_background(window)
    if choice is not None and choice.import_data:  # the first start's "import my data"
        window.import_file(kind="customers")
    # daily, on a reader, once the first screen is filled: the window does not wait, and the copy of a
    # large book does not take the reader and the disk from the dashboard
    after_first_screen(window, window.backup_actions.start_automatic_backup)
    if open_backup:  # a double-clicked .cobranza file: checked, then the confirmation with its details
        window.backup_actions.check(open_backup)
    code = app.exec()
    window.ctx.runner.shutdown()  # the window has closed: reads interrupted, the writer finishes its write
    engine.dispose()  # closes the connections: SQLite writes the WAL back into the book's file
    return int(code)


def end_process(code: int) -> None:
    """End `cobranza gui`'s process once run_gui has returned (the writer done, the database closed):
    the Qt application is shut down (its clipboard handed to the system's clipboard manager), output
    and logs flushed, and the process ends without Python's own teardown of every module and object,
    which took 0.05-0.15 s of the quit (Ctrl+Q) at 100,000 customers and has nothing left to save."""
    import logging
    import os

    app = QApplication.instance()
    if app is not None:
        app.shutdown()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, OSError, ValueError):  # no console (a windowed executable), or closed
            pass
    os._exit(code)
