"""The import wizard's pages (docs/screenshot-import-*.png; English ones end in -en), on a sales register
written the way an invoicing system exports it (Windows-1252, semicolons, title rows, decimal commas,
dd/mm/yyyy, a totals row) with two bad rows, into a demo book:

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_import.py \\
        --db BOOK --language es
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def sales_register(path: Path, customers: list[tuple[str, str]], today: dt.date) -> None:
    def day(n: int) -> str:
        return (today - dt.timedelta(days=n)).strftime("%d/%m/%Y")

    lines = ["DISTRIBUIDORA ANDINA S.A.C.;;;;;;;;",
             f"Registro de Ventas - {today.strftime('%m/%Y')};;;;;;;;",
             ";;;;;;;;",
             "Cód. cliente;Razón social;Serie;Número;Fecha de emisión;Vencimiento;Moneda;Importe total;Observada"]
    rows = [
        (customers[0], "F002", "8801", day(20), day(-10), "PEN", "1.234,56", "No"),
        (customers[1], "F002", "8802", day(18), day(-12), "PEN", "980,00", "Sí"),
        (("C9999", "Comercial Desconocida S.R.L."), "F002", "8803", day(15), day(-15), "PEN", "2.500,00", "No"),
        (customers[2], "F002", "8804", "31/02/2026", day(-20), "PEN", "15.000,00", "No"),
        (customers[0], "F002", "8805", day(5), day(-25), "USD", "3.200,00", "No"),
        (customers[3], "F002", "8806", day(2), day(-28), "PEN", "7.450,90", "No"),
    ]
    for (code, name), serie, number, issued, due, currency, amount, disputed in rows:
        lines.append(";".join((code, name, serie, number, issued, due, currency, amount, disputed)))
    lines.append(";;;;;;TOTAL;30.366,02;")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs"))
    parser.add_argument("--language", default="es")
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication, QWizard
    from sqlalchemy import select

    from app import config
    from app.database import open_database, session_factory
    from app.models import Customer
    from app.ui.app import application, create_main_window

    _app = application(args.language)
    out = Path(args.out)
    suffix = "" if args.language == "es" else f"-{args.language}"
    engine = open_database(args.db)
    with session_factory(engine)() as s:
        customers = [tuple(r) for r in s.execute(select(Customer.code, Customer.name)
                                                  .where(Customer.currency == "PEN").order_by(Customer.code).limit(4))]
    work = Path(tempfile.mkdtemp())
    source = work / ("registro_ventas.csv" if args.language == "es" else "sales_register.csv")
    sales_register(source, customers, config.today())

    from shot_helpers import spin

    window = create_main_window(engine)
    runner = window.ctx.runner

    def settle(ms: int = 400) -> None:
        for _ in range(200):
            spin(50)
            if not runner.busy():
                break
        spin(ms)

    def shot(widget, name: str) -> None:
        settle()
        path = out / f"screenshot-import-{name}{suffix}.png"
        widget.grab().save(str(path))
        print("wrote", path)

    window.show()
    settle(600)
    wizard = window.import_file(kind="invoices", path=str(source))
    wizard.move(60, 40)
    shot(wizard, "file")
    wizard.next()
    shot(wizard, "read")
    wizard.next()
    wizard.mapping_page.save_name.setText("Contasis ventas")
    shot(wizard, "mapping")
    wizard.next()  # saves the mapping, then moves on
    settle()
    if wizard.currentPage() is wizard.mapping_page:
        wizard.next()
    shot(wizard, "check")
    wizard.check_page.rejected.setText(str(work / "registro_ventas-rechazadas.csv"))
    wizard.button(QWizard.WizardButton.CommitButton).click()
    shot(wizard, "done")
    wizard.close()
    window.close()
    settle(100)
    engine.dispose()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
