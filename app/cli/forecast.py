"""`cobranza forecast`: expected collections per week after a date, from open due lines shifted by
each customer's usual lateness.

cobranza forecast --as-of YYYY-MM-DD [--weeks 12] [--format json|csv]
"""

from __future__ import annotations

import csv
import json
import sys

from .common import fail, iso_date, open_session


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "forecast",
        help="cash-flow forecast: expected collections per week",
        description="Expected collections per week for the weeks after the as-of date, per currency.",
    )
    p.add_argument("--as-of", dest="as_of", type=iso_date, required=True, metavar="YYYY-MM-DD",
                   help="forecast from this date: documents and allocations dated later do not exist")
    p.add_argument("--weeks", type=int, default=12, help="number of weeks (default 12)")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default json)")
    p.set_defaults(handler=run)


def run(args) -> int:
    from app.reports.forecast import ForecastOptionError, cash_forecast, forecast_csv_rows, forecast_to_dict

    session = open_session(args)
    try:
        try:
            fc = cash_forecast(session, args.as_of, weeks=args.weeks)
        except ForecastOptionError as exc:
            fail(str(exc), 2)
    finally:
        session.close()
    if args.format == "json":
        sys.stdout.write(json.dumps(forecast_to_dict(fc), ensure_ascii=False, indent=2) + "\n")
    else:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows(forecast_csv_rows(fc))
    return 0
