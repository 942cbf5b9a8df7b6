"""Take the README/docs screenshots: the customers list, a customer card, the invoice and payment dialogs.

Run by scripts/screenshots.sh under Xvfb with the xcb platform (real fonts and window decorations
differ from offscreen). Builds a small demo-like database unless --db names one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import config, ledger  # noqa: E402
from app.database import open_database, session_factory  # noqa: E402
from app.ledger.money import to_minor  # noqa: E402

TODAY = dt.date(2026, 6, 30)
FIRST = ["Ferretería", "Comercial", "Distribuidora", "Inversiones", "Bodega", "Textiles", "Agroexportadora",
         "Constructora", "Farmacia", "Librería", "Importaciones", "Transportes", "Panadería", "Servicios"]
SECOND = ["Los Andes", "Rivera", "Santa Rosa", "El Progreso", "Gamarra", "Norte Chico", "San Martín", "Huallaga",
          "Del Pacífico", "Misti", "Amazonía", "La Unión", "Vallejo", "Chavín", "Tahuantinsuyo", "Mantaro"]
SUFFIX = ["S.A.C.", "E.I.R.L.", "S.A.", "S.R.L."]
CITIES = ["Lima", "Arequipa", "Trujillo", "Cusco", "Piura", "Chiclayo", "Huancayo", "Iquitos"]


def build_demo(path: str) -> None:
    rng = random.Random(7)
    engine = open_database(path)
    with session_factory(engine)() as s, s.begin():
        ledger.ensure_default_terms(s)
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", currency="PEN", locale="es_PE",
                            tax_id="20601234567", city="Lima", country="PE")
        names = set()
        n = 0
        while len(names) < 60:
            names.add(f"{rng.choice(FIRST)} {rng.choice(SECOND)} {rng.choice(SUFFIX)}")
        terms = ["NET30", "NET30", "NET60", "30-60-90", "CONTADO", "EOM30", "NET15"]
        for i, name in enumerate(sorted(names), start=1):
            code = f"C{i:04d}"
            currency = "USD" if i % 9 == 0 else "PEN"
            slug = name.split()[1].lower().replace("í", "i").replace("á", "a")
            ledger.create_customer(
                s, code=code, name=name, tax_id=f"20{rng.randint(100000000, 999999999)}", city=rng.choice(CITIES),
                currency=currency, email=f"cobranzas@{slug}{i}.pe", phone=f"+51 1 {rng.randint(2000000, 7999999)}",
                address=f"Av. {rng.choice(SECOND)} {rng.randint(100, 2999)}", payment_terms=rng.choice(terms),
                credit_limit_minor=to_minor(str(rng.choice([5000, 10000, 20000, 50000])), currency),
                on_hold=(i % 17 == 0))
            for _ in range(rng.randint(0, 9)):
                n += 1
                issued = TODAY - dt.timedelta(days=rng.randint(1, 200))
                amount = to_minor(f"{rng.randint(150, 9000)}.{rng.randint(0, 99):02d}", currency)
                inv = ledger.record_invoice(s, customer_code=code, number=f"F001-{n:05d}", issue_date=issued,
                                            total_minor=amount, currency=currency)
                if rng.random() < 0.08:
                    ledger.set_disputed(s, inv.number, True)
                due = inv.due_lines[-1].due_date
                if rng.random() < 0.55 and issued + dt.timedelta(days=5) <= TODAY:
                    paid_on = min(TODAY, due + dt.timedelta(days=rng.randint(-10, 40)))
                    paid_on = max(paid_on, issued)
                    part = amount if rng.random() < 0.7 else amount // 2
                    ledger.record_payment(s, customer_code=code, date=paid_on, amount_minor=part, currency=currency,
                                          method=rng.choice(["transfer", "transfer", "deposit", "yape", "cheque"]),
                                          reference=f"OP-{rng.randint(100000, 999999)}", invoice_number=inv.number)
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db")
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--language", default="es")
    args = parser.parse_args()
    config.set_clock(config.FixedClock.at(TODAY))
    db = args.db
    if not db:
        db = str(Path(tempfile.mkdtemp()) / "screenshots.sqlite")
        build_demo(db)

    from PySide6.QtWidgets import QApplication

    from app.ui.app import application, create_main_window

    _app = application(args.language)  # kept: the QApplication lives while this reference does
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    _OUT.append(out)

    from shot_helpers import spin

    def settle(runner, ms: int = 400) -> None:
        for _ in range(100):
            spin(50)
            if not runner.busy():
                break
        spin(ms)

    def save(widget, name: str) -> None:
        widget.activateWindow()
        widget.raise_()
        spin(300)
        path = out / name
        widget.grab().save(str(path))
        print("wrote", path)

    engine = open_database(db)
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(1280, 760)
    window.move(40, 40)
    window.show()
    settle(runner, 800)
    if "dashboard" in window.views:
        window.show_view("dashboard")
        settle(runner, 1500)
        save(window, "screenshot-dashboard.png")
    view = window.show_view("customers")
    settle(runner, 800)
    save(window, "screenshot-customers.png")

    # the card of the customer with most open items
    best = max(range(view.model.rowCount()), key=lambda r: view.model.row(r).overdue_minor)
    code = view.model.row(best).code
    view.table.selectRow(best)
    card = view.open_card(code)
    card.resize(1040, 700)
    card.move(80, 60)
    settle(runner, 600)
    save(card, "screenshot-card.png")

    inv = card.new_invoice()
    settle(runner)
    inv.number.setText("F001-01234")
    inv.terms.setCurrentIndex(max(inv.terms.findData("30-60-90"), 0))
    inv.amount.setText("4,500.00")
    inv.reference.setText("OC-2026-0457")
    inv.update_preview()
    settle(runner, 500)
    inv.adjustSize()
    save(inv, "screenshot-invoice.png")
    inv.reject()

    pay = card.new_payment()
    settle(runner)
    open_total = sum(r.open_minor for r in card.open_model.rows() if r.currency == pay._currency())
    # typed the other common way (1.000,00): the echo beside the field shows how it was read
    typed = window.ctx.formatter.edit_text(max(open_total // 2, 1000), pay._currency())
    pay.amount.setText(typed.translate(str.maketrans(",.", ".,")))
    pay.reference.setText("OP-458812")
    pay.suggest()
    settle(runner, 500)
    save(pay, "screenshot-payment.png")
    pay.reject()

    card_actions_screenshots(card, runner, settle, save)
    card.close()
    settle(runner, 100)
    window.close()
    engine.dispose()
    QApplication.processEvents()
    return 0


def card_actions_screenshots(card, runner, settle, save) -> None:
    """The card's actions (issue 12): the customer picker's completion, the statement preview, the hold
    dialog and the follow-up dialog."""
    from PySide6.QtCore import Qt

    from app.ui.dialogs.invoice import InvoiceDialog

    inv = InvoiceDialog(card.ctx, None, card)
    inv.show()
    settle(runner)
    picker = inv.customer_code
    picker.setFocus()
    picker.setText("ferre")
    picker.search()
    settle(runner, 500)
    popup = picker.completer().popup()
    picker.completer().complete()  # Xvfb gives the dialog no focus: show the list as typing would
    settle(runner, 300)
    # the popup is a window of its own: grab the dialog, then paint the popup where it shows
    from PySide6.QtGui import QPainter

    shot = inv.grab()
    if popup.isVisible():
        painter = QPainter(shot)
        painter.drawPixmap(inv.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft())), popup.grab())
        painter.end()
    save_pixmap(shot, "screenshot-customer-picker.png")
    popup.hide()
    inv.reject()

    statement = card.statement()
    statement.resize(860, 880)
    for _ in range(40):
        settle(runner, 100)
        if statement.preview is not None:
            break
    settle(runner, 300)
    save(statement, "screenshot-statement-preview.png")
    statement.reject()

    hold = card.put_on_hold()
    hold.reason.setText("Cheque devuelto por el banco; espera la reunión con el gerente")
    settle(runner, 200)
    save(hold, "screenshot-hold.png")
    hold.reject()
    card.activateWindow()
    card.btn_statement.setFocus(Qt.FocusReason.OtherFocusReason)
    settle(runner, 300)
    save(card, "screenshot-card-actions.png")


_OUT: list[Path] = []


def save_pixmap(pixmap, name: str) -> None:
    path = _OUT[0] / name
    pixmap.save(str(path))
    print("wrote", path)


if __name__ == "__main__":
    sys.exit(main())
