"""The first-start wizard's pages (docs/screenshot-first-run-*.png), in Spanish, filled as a new user would:

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_first_run.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    home = tempfile.mkdtemp()
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")  # the wizard must not see a real book
    os.environ["XDG_DATA_HOME"] = os.path.join(home, "data")

    from app.ui.app import application
    from app.ui.first_run import FirstRunWizard

    app = application("es")
    wizard = FirstRunWizard()
    wizard.show()

    from shot_helpers import spin

    def shot(name: str) -> None:
        spin()
        wizard.grab().save(str(ROOT / "docs" / f"screenshot-first-run-{name}.png"))

    shot("start")
    wizard.next()
    page = wizard.company
    page.name.setText("Ferretería El Tornillo S.A.C.")
    page.tax_id.setText("20100047219")  # one digit wrong: the warning shows
    page.address.setText("Av. Argentina 1450, Lima")
    page.email.setText("cobranzas@tornillo.pe")
    shot("company")
    page.tax_id.setText("20100047218")
    wizard.next()
    wizard.reminders.smtp_box.setChecked(True)
    wizard.reminders.host.setText("smtp.gmail.com")
    wizard.reminders.user.setText("cobranzas@tornillo.pe")
    shot("reminders")
    wizard.next()
    shot("location")
    wizard.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
