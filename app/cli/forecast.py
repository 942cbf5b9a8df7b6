"""`cobranza forecast`: expected collections per week after a date, from open due lines shifted by
each customer's usual lateness.

cobranza forecast --as-of YYYY-MM-DD [--weeks 12] [--format json|csv]
"""

from __future__ import annotations

import csv
import json
import sys

from .arguments import read_report, report_parser


def register(subparsers) -> None:
    p = report_parser(subparsers, "forecast", help_text="cash-flow forecast: expected collections per week",
                      description="Expected collections per week for the weeks after the as-of date, per currency.",
                      as_of="forecast from this date: documents and allocations dated later do not exist",
                      formats=("json", "csv"), default="json", handler=run)
    p.add_argument("--weeks", type=int, default=12, help="number of weeks (default 12)")


def run(args) -> int:
    from app.reports.forecast import ForecastOptionError, cash_forecast, forecast_csv_rows, forecast_to_dict

    fc = read_report(args, lambda session: cash_forecast(session, args.as_of, weeks=args.weeks), ForecastOptionError)
    if args.format == "json":
        sys.stdout.write(json.dumps(forecast_to_dict(fc), ensure_ascii=False, indent=2) + "\n")
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(forecast_csv_rows(fc))
    return 0
