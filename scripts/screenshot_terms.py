"""Settings → Payment terms (docs/screenshot-settings-terms.png): a 30/70 term with an early-payment
discount being typed, the preview of its due dates for a sample invoice beside it.

    cobranza --db /tmp/tt.sqlite init
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_terms.py \
        --db /tmp/tt.sqlite
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot-settings-terms.png"))
    parser.add_argument("--language", default="es")
    args = parser.parse_args()


    from app.database import open_database
    from app.ui.app import application, create_main_window

    app = application(args.language)  # noqa: F841 - kept alive

    from shot_helpers import settle, spin

    engine = open_database(args.db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.show()
    settle(runner, 500)
    dialog = window.open_settings()
    dialog.resize(1100, 860)
    tab = dialog.terms_tab
    dialog.tabs.setCurrentWidget(tab)
    settle(runner, 500)
    tab.new_terms()
    tab.code.setText("30/70")
    tab.name.setText("30 % a 15 días, 70 % a 45 días fin de mes")
    tab.set_line(0, "30%", "15d")
    tab.add_line("rest", "eom+45d")
    tab.discount.setText("2%:10d")
    tab.sample_date.set_date(dt.date(2026, 1, 31))
    tab.sample_amount.setText("1180.00")
    spin(400)
    dialog.grab().save(args.out)
    print("wrote", args.out, "preview:", tab.preview.text().replace("\n", " | "))
    dialog.reject()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
