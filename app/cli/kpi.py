"""`cobranza kpi`: receivables KPIs (DSO, CEI, roll rates, ...) over the days up to a date.

cobranza kpi --as-of YYYY-MM-DD [--days 90] [--format json|table]
"""

from __future__ import annotations

import json
import sys

from .arguments import read_report, report_parser

LABELS = {
    "en": {
        "title": "Receivables KPIs",
        "period": "Period",
        "days": "days",
        "credit_sales": "Credit sales",
        "collected": "Collected",
        "ar_begin": "Receivable at start",
        "ar_end": "Receivable at end",
        "current_end": "Not yet due at end",
        "dso": "DSO (days)",
        "dso_countback": "Countback DSO (days)",
        "best_possible_dso": "Best possible DSO (days)",
        "add": "Average days delinquent",
        "cei": "CEI (%)",
        "pct_current": "% not yet due",
        "avg_days_to_pay": "Avg days to pay",
        "avg_days_late": "Avg days late",
        "roll_rates": "Roll rates (% rolling to a later bucket)",
        "nothing": "No receivables, sales or collections in the period.",
    },
    "es": {
        "title": "Indicadores de cobranza",
        "period": "Periodo",
        "days": "días",
        "credit_sales": "Ventas al crédito",
        "collected": "Cobrado",
        "ar_begin": "Por cobrar al inicio",
        "ar_end": "Por cobrar al cierre",
        "current_end": "No vencido al cierre",
        "dso": "DSO (días)",
        "dso_countback": "DSO por recuento (días)",
        "best_possible_dso": "Mejor DSO posible (días)",
        "add": "Días promedio de atraso (ADD)",
        "cei": "CEI (%)",
        "pct_current": "% no vencido",
        "avg_days_to_pay": "Días promedio de pago",
        "avg_days_late": "Días promedio de retraso",
        "roll_rates": "Tasas de traslado (% que pasa a un tramo posterior)",
        "nothing": "Sin cuentas por cobrar, ventas ni cobros en el periodo.",
    },
}
MONEY = ("credit_sales", "collected", "ar_begin", "ar_end", "current_end")
RATIOS = ("dso", "dso_countback", "best_possible_dso", "add", "cei", "pct_current", "avg_days_to_pay",
          "avg_days_late")


def register(subparsers) -> None:
    p = report_parser(subparsers, "kpi",
                      help_text="receivables KPIs: DSO, countback DSO, CEI, %% current, days to pay, roll rates",
                      description="Receivables KPIs per currency over the period (as-of − days, as-of].",
                      as_of="last day of the period: documents and allocations dated later do not exist",
                      formats=("json", "table"), default="table", handler=run)
    p.add_argument("--days", type=int, default=90, help="length of the period in days (default 90)")


def run(args) -> int:
    from app.ledger import get_company
    from app.reports.kpi import KpiOptionError, kpi_report, report_to_dict

    report, company = read_report(
        args, lambda session: (kpi_report(session, args.as_of, days=args.days), get_company(session)), KpiOptionError)
    if args.format == "json":
        sys.stdout.write(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(format_table(report, locale=company.locale if company else "es_PE"))
    return 0


def format_table(report, locale: str = "es_PE", language: str | None = None) -> str:
    """One column per currency, one row per KPI; roll rates below, one line per month pair."""
    from babel.numbers import format_decimal

    from app import config
    from app.ledger.money import fmt
    from app.reports.kpi import ROLL_LABELS

    t = LABELS.get(language or config.ui_language(), LABELS["en"])
    head = (f"{t['title']} — {t['period']} {report.period_start.isoformat()} < d ≤ {report.as_of.isoformat()}"
            f" ({report.days} {t['days']})")
    if not report.currencies:
        return f"{head}\n{t['nothing']}\n"

    def ratio(v):
        return "—" if v is None else format_decimal(v, format="#,##0.00", locale=locale)

    rows = [["", *(c.currency for c in report.currencies)]]
    for key in MONEY:
        rows.append([t[key], *(fmt(getattr(c, f"{key}_minor"), c.currency, locale, symbol=False)
                               for c in report.currencies)])
    for key in RATIOS:
        rows.append([t[key], *(ratio(getattr(c, key)) for c in report.currencies)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [head, ""]
    for r in rows:
        lines.append("  ".join([r[0].ljust(widths[0]), *(v.rjust(w) for v, w in zip(r[1:], widths[1:]))]).rstrip())
    if any(c.roll_rates for c in report.currencies):
        lines += ["", t["roll_rates"]]
        labels = ROLL_LABELS[:-1]
        for c in report.currencies:
            for r in c.roll_rates:
                cells = "  ".join(f"{label} {ratio(v)}" for label, v in r.rates if label in labels)
                lines.append(f"{c.currency}  {r.from_date.isoformat()} → {r.to_date.isoformat()}  {cells}")
    return "\n".join(lines) + "\n"
