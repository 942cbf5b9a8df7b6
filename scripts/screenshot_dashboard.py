"""The dashboard screenshot on a given database (docs/screenshot-dashboard-1m.png on the 1M demo).

    cobranza --db /tmp/1m.sqlite init --company "Distribuidora Andina S.A.C." --currency PEN --locale es_PE
    cobranza --db /tmp/1m.sqlite demo --customers 100000 --invoices 1000000 --seed 7
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshot_dashboard.py \
        --db /tmp/1m.sqlite --out docs/screenshot-dashboard-1m.png

The first dashboard on a fresh 1M database takes half a minute or so; this waits for it (up to --wait s).
Prints what each card shows beside its tooltip, to check by eye that the amounts are whole.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot-dashboard-1m.png"))
    parser.add_argument("--language", default="es")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=760)
    parser.add_argument("--wait", type=float, default=300, help="seconds to wait for the dashboard")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from app.database import open_database
    from app.ui.app import application, create_main_window

    app = application(args.language)  # noqa: F841 - kept alive

    from shot_helpers import spin

    engine = open_database(args.db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(args.width, args.height)
    window.move(20, 20)
    window.show()
    view = window.show_view("dashboard")
    start = time.monotonic()
    while (view.data is None or runner.busy()) and time.monotonic() - start < args.wait:
        spin(200)
    if view.data is None:
        print(f"the dashboard was not ready after {args.wait:.0f} s", file=sys.stderr)
        return 1
    print(f"dashboard ready after {time.monotonic() - start:.1f} s")
    spin(1500)
    for card in (view.card_receivable, view.card_overdue, view.card_pct, view.card_dso, view.card_cei):
        print(f"{card.objectName()}: {card.value.text()!r} at {card.value.font().pointSizeF()} pt "
              f"(tooltip {card.value.toolTip()!r}); note {card.note.text()!r}")
    window.activateWindow()
    window.raise_()
    spin(300)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print("wrote", out)
    window.close()
    runner.wait_for_done()
    engine.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
