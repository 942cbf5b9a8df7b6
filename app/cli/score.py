"""`cobranza score`: each customer's payment risk, band, segment and the reasons in words."""

from __future__ import annotations

import json
import math

from app import config

from .common import iso_date, open_session


def register(subparsers) -> None:
    p = subparsers.add_parser("score", help="payment risk per customer from its own history")
    p.add_argument("--as-of", type=iso_date)
    p.add_argument("--format", choices=["json", "table"], default="json")
    p.add_argument("--customer", action="append", metavar="CODE", help="only these customers (repeatable)")
    p.add_argument("--lang", choices=["es", "en"], help="language of the reasons (default: the app's)")
    p.add_argument("--evaluate", action="store_true",
                   help="also report the model's time-split evaluation (AUC, calibration) on stderr")
    p.add_argument("--no-save", action="store_true",
                   help="do not store the scores (by default they replace the stored snapshot that the forecast, "
                        "today's tasks and the reminder policies by segment read)")
    p.set_defaults(handler=run)


def run(args) -> int:
    import sys

    from app.collections.risk_snapshot import refresh_risk
    from app.collections.scoring import score_customers, train

    as_of = args.as_of or config.today()
    lang = args.lang or config.ui_language()
    session = open_session(args, write=True)
    with session, session.begin():
        model = train(session, as_of=as_of, with_evaluation=args.evaluate)
        if args.no_save or args.customer:
            _, scores = score_customers(session, as_of=as_of, lang=lang, customer_codes=args.customer, model=model)
        else:
            _, scores = refresh_risk(session, as_of=as_of, lang=lang, model=model)
    if args.evaluate:
        print(json.dumps({"method": model.method, "examples": model.examples,
                          "evaluation": model.evaluation.__dict__ if model.evaluation else None},
                         default=str, indent=2), file=sys.stderr)
    if args.format == "json":
        write_json(sys.stdout, scores)
    else:
        for s in scores:
            print(f"{s.code:<12} {s.name[:32]:<32} {s.score:>3} {s.band:<9} {s.segment:<12} {'; '.join(s.reasons)}")
    return 0


def _number(value) -> str:
    """A number as json spells it (NaN and the infinities through json itself)."""
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return json.dumps(value)


def write_json(out, scores) -> None:
    """Write, line for line, what `print(json.dumps(rows, ensure_ascii=False, indent=2))` prints for the
    scores: json's encoder is pure Python when it indents (seconds at 100,000 customers); here each row is
    one f-string around json's C string encoder. tests/collections/test_scoring.py holds the two equal."""
    from json.encoder import encode_basestring as quoted

    rows = []
    for s in scores:
        reasons = "[\n" + ",\n".join(f"      {quoted(r)}" for r in s.reasons) + "\n    ]" if s.reasons else "[]"
        rows.append("  {\n"
                    f'    "code": {quoted(s.code)},\n'
                    f'    "score": {_number(s.score)},\n'
                    f'    "band": {quoted(s.band)},\n'
                    f'    "segment": {quoted(s.segment)},\n'
                    f'    "reasons": {reasons},\n'
                    f'    "probability": {_number(s.probability)},\n'
                    f'    "expected_days_late": {_number(s.expected_days_late)}\n'
                    "  }")
    out.write("[\n" + ",\n".join(rows) + "\n]\n" if rows else "[]\n")
