"""`cobranza gui --self-check`: open the main window, visit every page, wait for what each page loads,
and exit 0 only when nothing went wrong. It is how an installed bundle proves it works on a machine with
no one watching (make dist-test): a missing Qt plugin, translation, icon, template or migration shows up
here as a non-zero exit and a line saying which, instead of as a user's blank window."""

from __future__ import annotations

import logging
import sys
import time

from PySide6.QtCore import QtMsgType, qInstallMessageHandler, qVersion
from PySide6.QtWidgets import QApplication

PAGE_TIMEOUT_S = 120.0  # a page of the 1M demo loads in seconds; this is for a stuck one, not a slow one


class _Problems(logging.Handler):
    """Every error logged while the check runs (background tasks log their failures)."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage().splitlines()[0]}")


def _resources() -> list[str]:
    """What the bundle must carry besides code; each missing one is a problem line."""
    from app.reminders.templates import templates_dir
    from app.reports.statement import texts_dir

    from .i18n import LANGUAGES, translations_dir
    from .mainwindow import ICONS_DIR, VIEWS

    missing = [f"translation {lang}" for lang in LANGUAGES
               if not (translations_dir() / f"cobranza_{lang}.qm").is_file()]
    missing += [f"icon {name}" for name in ["cobranza.svg", *(spec.icon for spec in VIEWS)]
                if not (ICONS_DIR / name).is_file()]
    if not any(templates_dir().glob("*/*")):
        missing.append(f"letter templates in {templates_dir()}")
    from .help import chapters

    missing += [f"user guide ({lang})" for lang in LANGUAGES if len(chapters(lang)) < 2]
    if not any(texts_dir().glob("*/statement.toml")):
        missing.append(f"statement texts in {texts_dir()}")
    return [f"missing: {what}" for what in missing]


def _settle(app: QApplication, window, deadline: float) -> bool:
    """Let the page's background reads finish and their answers arrive; False if it never settles."""
    runner = window.ctx.runner
    while time.monotonic() < deadline:
        app.processEvents()
        if not runner.busy():
            app.processEvents()
            return True
        time.sleep(0.01)
    return False


def run_self_check(db: str | None, out=sys.stdout) -> int:
    from app.database import open_database

    from .app import application, create_main_window

    problems = _Problems()
    logging.getLogger().addHandler(problems)
    qt_problems: list[str] = []

    def qt_message(kind, _context, text):
        if kind in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            qt_problems.append(f"Qt: {text}")

    previous_handler = qInstallMessageHandler(qt_message)
    hook_problems: list[str] = []
    previous_hook = sys.excepthook
    # an exception in a slot reaches sys.excepthook and the window carries on: still a failed check
    sys.excepthook = lambda kind, exc, tb: hook_problems.append(f"{kind.__name__}: {exc}")
    try:
        app = application()
        print(f"platform: {QApplication.platformName()}, Qt {qVersion()}", file=out)
        engine = open_database(db)
        window = create_main_window(engine)
        window.show()
        lines = _resources()
        for spec in window.specs:
            view = window.show_view(spec.key)
            settled = _settle(app, window, time.monotonic() + PAGE_TIMEOUT_S)
            shown = view.isVisible() and view.width() > 0 and view.height() > 0
            status = "ok" if settled and shown else ("still loading" if shown else "not shown")
            print(f"page {spec.key}: {status}", file=out)
            if status != "ok":
                lines.append(f"page {spec.key}: {status}")
        window.close()
        window.ctx.runner.wait_for_done()
        app.processEvents()
        engine.dispose()
    finally:
        sys.excepthook = previous_hook
        qInstallMessageHandler(previous_handler)
        logging.getLogger().removeHandler(problems)
    lines += problems.lines + qt_problems + hook_problems
    for line in lines:
        print(f"problem: {line}", file=out)
    print("self-check: ok" if not lines else f"self-check: {len(lines)} problem(s)", file=out)
    return 0 if not lines else 1
