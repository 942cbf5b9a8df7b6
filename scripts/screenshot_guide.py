"""The user guide's screenshots (docs/guide/<language>/img/*.png), in the guide's language, from the real app
under Xvfb, plus the README's "For users" shots (docs/screenshot-empty-state.png,
docs/screenshot-1366x768.png) when run in Spanish. Run by scripts/screenshots.sh for es and en:

    cobranza --db /tmp/g.sqlite init --company "Distribuidora Andina S.A.C." --currency PEN --locale es_PE
    cobranza --db /tmp/g.sqlite demo --customers 300 --invoices 4000 --seed 7
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_guide.py \\
        --db /tmp/g.sqlite --language en

The demo book is photographed as it is (nothing is written to it but the evaluation of promises the Today
page does, as the app would); the empty book and the first-run wizard use a temporary folder of their own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LAPTOP = (1366, 768 - 40 - 30)  # a 1366×768 screen less a taskbar and the title bar


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--language", default="es", choices=("es", "en"))
    parser.add_argument("--out", help="default: docs/guide/<language>/img")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="cobranza-guide-shots-")
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")  # the wizard must not see a real book
    os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")
    out = Path(args.out) if args.out else ROOT / "docs" / "guide" / args.language / "img"
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    from app import ledger
    from app.database import open_database, session_factory
    from app.ui.app import application, create_main_window

    app = application(args.language)  # noqa: F841 - kept alive

    from shot_helpers import settle, spin

    def save(widget_or_pixmap, name: str) -> None:
        pixmap = widget_or_pixmap if hasattr(widget_or_pixmap, "save") else widget_or_pixmap.grab()
        path = out / name
        pixmap.save(str(path))
        print("wrote", path)

    # --- the first start: the wizard's company page ----------------------------------------------------
    from app.ui.first_run import FirstRunWizard

    wizard = FirstRunWizard()
    wizard.show()
    spin()
    save(wizard, "first-run-start.png")
    wizard.next()
    page = wizard.company
    page.name.setText("Ferretería El Tornillo S.A.C.")
    page.tax_id.setText("20100047218")
    page.address.setText("Av. Argentina 1450, Lima")
    page.email.setText("cobranzas@tornillo.pe")
    spin()
    save(wizard, "first-run-company.png")
    wizard.close()

    # --- a new, empty book: the empty states ------------------------------------------------------------
    empty_path = Path(home) / "nuevo.sqlite"
    empty = open_database(str(empty_path))
    with session_factory(empty, write=True)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Ferretería El Tornillo S.A.C.", currency="PEN", locale="es_PE",
                            tax_id="20100047218", country="PE")
    window = create_main_window(empty)
    runner = window.ctx.runner
    window.resize(*LAPTOP)
    window.move(10, 10)
    window.show()
    settle(runner, 600)
    window.show_view("customers")
    settle(runner, 600)
    save(window, "empty-customers.png")
    window.show_view("dashboard")
    settle(runner, 800)
    save(window, "empty-dashboard.png")
    if args.language == "es":
        window.show_view("customers")
        settle(runner, 300)
        save(window, str(ROOT / "docs" / "screenshot-empty-state.png"))
    window.close()
    settle(runner, 100)
    empty.dispose()

    # --- the demo book ------------------------------------------------------------------------------------
    engine = open_database(args.db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(*LAPTOP)  # every page shot at the size of a 1366×768 laptop
    window.move(10, 10)
    window.show()
    settle(runner, 800)
    window.show_view("dashboard")
    settle(runner, 1500)
    save(window, "window-1366x768.png")
    if args.language == "es":
        save(window, str(ROOT / "docs" / "screenshot-1366x768.png"))

    customers = window.show_view("customers")
    settle(runner, 800)
    save(window, "customers.png")

    rows = [customers.model.row(r) for r in range(customers.model.rowCount())]
    best = max(rows, key=lambda r: r.overdue_minor)
    code = best.code
    inv = window.new_invoice(code)
    settle(runner)
    inv.number.setText("F001-01234")
    inv.terms.setCurrentIndex(max(inv.terms.findData("30-60-90"), 0))
    inv.amount.setText("4,500.00" if args.language == "en" else "4.500,00")
    inv.update_preview()
    settle(runner, 500)
    inv.adjustSize()
    save(inv, "invoice.png")
    inv.reject()

    pay = window.new_payment(code)
    settle(runner)
    pay.amount.setText("1,000.00" if args.language == "en" else "1.000,00")
    pay.reference.setText("OP-458812")
    pay.suggest()
    settle(runner, 500)
    save(pay, "payment.png")
    pay.reject()

    reminders = window.show_view("reminders")
    reminders.letters_dir.setText(os.path.join("~", "Documentos", "Cobranza", "cartas"))  # not the temporary home
    reminders.preview()
    settle(runner, 1000)
    save(window, "reminders.png")

    today = window.show_view("today")
    settle(runner, 1000)
    save(window, "today.png")

    card = customers.open_card(code)
    card.resize(1040, 660)
    settle(runner, 800)
    history = getattr(card, "timeline_table", None)  # calls, promises, agreements and reminders, newest first
    if history is not None:
        card.tabs.setCurrentIndex(card.tabs.indexOf(history))
        settle(runner, 400)
    save(card, "card.png")
    card.close()
    settle(runner, 100)

    aging = window.show_view("aging")
    aging.run()
    settle(runner, 1000)
    save(window, "aging.png")

    window.show_view("audit")
    settle(runner, 800)
    save(window, "audit.png")

    # File menu: back up, restore, move the database (the menu is a popup of its own: painted on the window)
    window.show_view("dashboard")
    settle(runner, 300)
    file_menu = window.menuBar().actions()[0].menu()
    at = window.menuBar().mapToGlobal(QPoint(0, window.menuBar().height()))
    file_menu.popup(at)
    spin(400)
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(window.mapFromGlobal(file_menu.mapToGlobal(QPoint(0, 0))), file_menu.grab())
    painter.end()
    save(shot.copy(0, 0, min(shot.width(), 700), min(shot.height(), 420)), "file-menu.png")
    file_menu.hide()

    window.close()
    engine.dispose()
    QApplication.processEvents()
    sys.stdout.flush()
    os._exit(0)  # skip Python's teardown of the Qt objects (it aborted under xcb)


if __name__ == "__main__":
    sys.exit(main())
