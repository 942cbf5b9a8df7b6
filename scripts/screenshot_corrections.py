"""Screenshots of corrections (issue 12): the card's right-click correction menu on a payment
(docs/screenshot-corrections-menu.png), the Undo announcement after unapplying it
(docs/screenshot-corrections-undo.png) and the Audit log page (docs/screenshot-audit.png).

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_corrections.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from screenshots import TODAY, build_demo  # noqa: E402

from app import config  # noqa: E402
from app.database import open_database  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--language", default="es")
    args = parser.parse_args()
    config.set_clock(config.FixedClock.at(TODAY))
    db = args.db
    if not db:
        db = str(Path(tempfile.mkdtemp()) / "corrections.sqlite")
        build_demo(db)

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QApplication

    from app.ui.app import application, create_main_window

    app = application(args.language)  # noqa: F841 - kept alive
    out = Path(args.out)

    from shot_helpers import spin

    def settle(runner, ms: int = 400) -> None:
        for _ in range(200):
            spin(50)
            if not runner.busy():
                break
        spin(ms)

    def shot(x, y, w, h, name):
        QApplication.primaryScreen().grabWindow(0, x, y, w, h).save(str(out / name))
        print("wrote", out / name)

    engine = open_database(db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(1280, 760)
    window.move(40, 40)
    window.show()
    settle(runner, 800)
    view = window.show_view("customers")
    settle(runner, 800)
    # a customer with payments and open items
    best = max(range(view.model.rowCount()), key=lambda r: view.model.row(r).overdue_minor)
    card = view.open_card(view.model.row(best).code)
    card.resize(1040, 640)
    card.move(80, 60)
    settle(runner, 800)
    card.tabs.setCurrentWidget(card.payments_table)
    settle(runner, 300)
    rows = card.payments_model.rows()
    row = next((i for i, r in enumerate(rows) if r.kind == "payment" and r.open_minor < r.amount_minor), 0)
    table = card.payments_table
    rect = table.visualRect(card.payments_model.index(row, 2))
    menu = card.corrections.popup(table, rect.center() + QPoint(0, 0))
    settle(runner, 500)
    top = card.frameGeometry().topLeft()
    shot(top.x(), top.y(), card.frameGeometry().width(), card.frameGeometry().height(),
         "screenshot-corrections-menu.png")
    menu.close()

    # unapply it from its invoices: the card reloads, the status bar offers Undo
    t = card.corrections.selected()
    dialog = card.corrections.unapply(t)
    settle(runner, 400)
    dialog.reason.setText("Aplicado a la factura equivocada" if args.language == "es" else "Applied to the wrong invoice")
    settle(runner, 200)
    dialog.move(300, 200)
    settle(runner, 200)
    shot(dialog.frameGeometry().x(), dialog.frameGeometry().y(), dialog.frameGeometry().width(),
         dialog.frameGeometry().height(), "screenshot-corrections-unapply.png")
    dialog.submit()
    settle(runner, 800)
    card.close()
    settle(runner, 300)
    audit = window.show_view("audit")
    audit.refresh()
    settle(runner, 800)
    window.grab().save(str(out / "screenshot-audit.png"))
    print("wrote", out / "screenshot-audit.png")
    window.close()
    engine.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
