"""The Reminders page screenshot (docs/screenshot-reminders.png), Settings → E-mail
(docs/screenshot-settings-email.png), Settings → Reminder policies and Templates
(docs/screenshot-policy-editor.png, docs/screenshot-template-editor.png) and a customer card's Disputes tab
(docs/screenshot-dispute.png), the run confirmation (docs/screenshot-run-confirm.png): a preview of the run on a demo database,
then a run (letters to a temporary folder; no SMTP server is set, so e-mails stay queued) with its history.

    cobranza --db /tmp/rg.sqlite init && cobranza --db /tmp/rg.sqlite demo --customers 300 --invoices 4000 --seed 7
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_reminders.py \
        --db /tmp/rg.sqlite
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot-reminders.png"))
    parser.add_argument("--language", default="es")
    parser.add_argument("--run", action="store_true", help="run before the screenshot (fills the history)")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from app.database import open_database
    from app.ui.app import application, create_main_window

    app = application(args.language)  # noqa: F841 - kept alive

    from shot_helpers import settle, spin

    engine = open_database(args.db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(1360, 860)
    window.move(20, 20)
    window.show()
    settle(runner, 500)
    view = window.show_view("reminders")
    view.at.setTime(view.at.time().fromString("10:00", "HH:mm"))
    if args.run:  # a run a week earlier, so the history has something and today's plan climbs levels
        today = view.as_of.date()
        view.as_of.setDate(today.addDays(-7))
        view.letters_dir.setText(tempfile.mkdtemp(prefix="letters-"))
        view.preview()
        settle(runner, 300)
        view.all_button.click()  # the shipped policy reviews before sending: the bookkeeper approves them all
        view.run()  # asks first: answer with its Run button
        spin(100)
        view.confirm_box.button(view.confirm_box.StandardButton.Yes).click()
        settle(runner, 500)
        view.as_of.setDate(today)
    view.preview()
    settle(runner, 800)
    window.activateWindow()
    spin(300)
    window.grab().save(args.out)
    print("wrote", args.out, "plan rows", view.model.rowCount(), "history rows", view.history_model.rowCount(),
          "summary", view.summary.text())
    # Run asks first, with what leaves per channel (docs/screenshot-run-confirm.png); answered No here
    view.all_button.click()
    view.run()
    spin(300)
    confirm_out = str(Path(args.out).with_name("screenshot-run-confirm.png"))
    view.confirm_box.grab().save(confirm_out)
    print("wrote", confirm_out)
    view.confirm_box.button(view.confirm_box.StandardButton.No).click()
    settle(runner, 200)
    # the E-mail tab of Settings, next to it
    dialog = window.open_settings()
    settle(runner, 500)
    dialog.tabs.setCurrentIndex(1)
    if not dialog.smtp_host.text():
        dialog.smtp_host.setText("smtp.gmail.com")
        dialog.smtp_from.setText("cobranzas@andina.pe")
    dialog.contact_country.setCurrentIndex(max(dialog.contact_country.findData("PE"), 0))
    dialog.resize(660, dialog.sizeHint().height())
    spin(400)
    settings_png = Path(args.out).with_name("screenshot-settings-email.png")
    dialog.grab().save(str(settings_png))
    print("wrote", settings_png)
    # the policy editor and the template editor
    dialog.resize(1180, 760)
    dialog.tabs.setCurrentIndex(dialog.tabs.indexOf(dialog.policies_tab))
    settle(runner, 600)
    if dialog.policies_tab.segments.rowCount() == 0:
        dialog.policies_tab._append_segment("C-high", dialog.policies_tab.current.code if dialog.policies_tab.current
                                            else None)
    spin(300)
    policy_png = Path(args.out).with_name("screenshot-policy-editor.png")
    dialog.grab().save(str(policy_png))
    print("wrote", policy_png)
    dialog.tabs.setCurrentIndex(dialog.tabs.indexOf(dialog.templates_tab))
    tab = dialog.templates_tab
    settle(runner, 600)
    tab.part.setCurrentIndex(max(tab.part.findData("text"), 0))
    settle(runner, 1200)
    template_png = Path(args.out).with_name("screenshot-template-editor.png")
    dialog.grab().save(str(template_png))
    print("wrote", template_png, "preview for", tab.preview_for)
    dialog.reject()
    # a customer card with a dispute
    from app.collections.disputes import open_dispute
    from app.database import session_factory
    from app.ledger.balances import open_items
    from app.ui.dialogs.card import CustomerCard
    from sqlalchemy import select

    from app.models import Customer

    with session_factory(engine)() as s:
        code = next(c for c in s.scalars(select(Customer.code).order_by(Customer.code))
                    if len(open_items(s, c, window.ctx.today())) >= 3)
        items = open_items(s, code, window.ctx.today())
    with session_factory(engine)() as s, s.begin():
        open_dispute(s, invoice_number=items[0].invoice_number, reason="Mercadería devuelta: 12 cajas dañadas",
                     amount_minor=items[0].open_minor // 2)
    card = CustomerCard(window.ctx, code, window)
    card.resize(1100, 720)
    card.show()
    settle(runner, 800)
    card.tabs.setCurrentIndex(card.tabs.indexOf(card.disputes_tab))
    card.disputes_table.selectRow(0)
    spin(400)
    dispute_png = Path(args.out).with_name("screenshot-dispute.png")
    card.grab().save(str(dispute_png))
    print("wrote", dispute_png, code)
    card.close()
    window.close()
    engine.dispose()
    QApplication.processEvents()
    sys.stdout.flush()
    os._exit(0)  # skip Python's teardown of the Qt objects (it aborted under xcb)


if __name__ == "__main__":
    sys.exit(main())
