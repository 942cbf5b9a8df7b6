"""The bank page (docs/screenshot-bank-matching.png): a BCP statement of the demo book imported, its credit
lines with their best match, and the suggestions for a line paid by a combination of one customer's
invoices, with the reasons.

    cobranza --db /tmp/bk.sqlite init --company "Distribuidora Andina S.A.C." --currency PEN --locale es_PE
    cobranza --db /tmp/bk.sqlite demo --customers 300 --invoices 4000 --seed 7
    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshot_bank.py \
        --db /tmp/bk.sqlite
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def statement_lines(engine) -> list[tuple[str, str, str, str]]:
    """Eight lines as a bookkeeper's June statement would have them, from what the demo book has open."""
    from sqlalchemy import func, select

    from app.database import session_factory
    from app.models import Customer, DueLine, Invoice

    with session_factory(engine)() as s:
        rows = s.execute(
            select(Invoice.number, Customer.code, Customer.name, Customer.tax_id, Invoice.issue_date,
                   func.sum(DueLine.amount_minor - DueLine.paid_minor).label("open"))
            .join(DueLine, DueLine.invoice_id == Invoice.id).join(Customer, Customer.id == Invoice.customer_id)
            .where(Invoice.currency == "PEN", Invoice.status == "posted", Customer.country == "PE")
            .group_by(Invoice.id, Invoice.number, Customer.code, Customer.name, Customer.tax_id, Invoice.issue_date)
            .having(func.sum(DueLine.amount_minor - DueLine.paid_minor) > 0)
            .order_by(Invoice.issue_date)).all()
    import datetime as dt

    from app import config

    start = config.today() - dt.timedelta(days=16)  # the last two weeks, as a statement downloaded today
    day = lambda n: (start + dt.timedelta(days=n)).strftime("%d/%m/%Y")  # noqa: E731
    rows = [r for r in rows if r.issue_date <= start]
    money = lambda minor: f"{minor / 100:,.2f}"  # noqa: E731 - a bank's file, not the app's money
    by_customer: dict[str, list] = {}
    for r in rows:
        by_customer.setdefault(r.code, []).append(r)
    singles = [r for r in rows if len(by_customer[r.code]) == 1 or r is by_customer[r.code][0]]
    pair_owner = next(code for code, items in by_customer.items() if len(items) >= 3 and items[0].tax_id)
    a, b = by_customer[pair_owner][0], by_customer[pair_owner][2]
    named, taxed, anonymous, over = singles[3], singles[8], singles[15], singles[21]
    short = named.number.replace("00000", "")
    return [
        (day(2), f"TRANSF.BCO {short} {named.name.upper()[:22]}", money(named.open), "04411020"),
        (day(3), f"DEP.EFECTIVO RUC {taxed.tax_id}", money(taxed.open), "04411187"),
        (day(5), f"TRAN.CTAS.TERC. {a.name.upper()[:26]}", money(a.open + b.open), "04411342"),
        (day(8), "ABONO INTERBANCARIO BBVA", money(anonymous.open), "04411500"),
        (day(9), "COMISION MANTENIMIENTO", "-15.00", "04411521"),
        (day(12), f"TRANSF {over.number} {over.name.upper()[:20]}", money(over.open + 50000), "04411777"),
        (day(15), "INTERES GANADO", "0.42", "04411901"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshot-bank-matching.png"))
    parser.add_argument("--language", default="es")
    args = parser.parse_args()


    from app.database import open_database
    from app.ui.app import application, create_main_window
    from tests.banking.samples import write_bcp_csv

    app = application(args.language)  # noqa: F841 - kept alive

    from shot_helpers import settle, spin

    engine = open_database(args.db)
    path = write_bcp_csv(Path(tempfile.mkdtemp()) / "movimientos-bcp.csv", statement_lines(engine))
    window = create_main_window(engine)
    runner = window.ctx.runner
    window.resize(1380, 860)
    window.show()
    settle(runner, 500)
    view = window.show_view("bank")
    settle(runner)
    view.import_file(str(path))
    settle(runner, 800)
    combo = next(i for i, m in enumerate(view.lines.rows()) if m.line.description.startswith("TRAN.CTAS.TERC."))
    view.lines_table.selectRow(combo)
    spin(400)
    window.grab().save(args.out)
    print("wrote", args.out, "status:", view.status.text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
