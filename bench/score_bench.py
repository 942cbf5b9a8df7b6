"""Risk scoring on a large database: the steps of `cobranza score` (and of the app's weekly refresh).

    python -m bench.score_bench DB --as-of 2026-06-30

Times, once each (wall and CPU seconds): reading the payment book, building the training examples,
fitting the models, scoring every customer with history, wording the reasons in Spanish and English
(what the stored snapshot keeps), writing the snapshot (rolled back) and printing the JSON `cobranza
score` prints (to nowhere). Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import time

from app.cli.score import write_json
from app.collections.features import load_book
from app.collections.risk_snapshot import store_risk
from app.collections.scoring import MIN_EXAMPLES, TrainedModel, _fit, build_examples, score_all
from app.database import open_database, session_factory


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--as-of", type=dt.date.fromisoformat, required=True)
    args = parser.parse_args()
    session = session_factory(open_database(args.db))()
    rows, results = [], {}

    def step(name, fn):
        w, c = time.perf_counter(), time.process_time()
        results[name] = fn()
        rows.append((name, time.perf_counter() - w, time.process_time() - c))
        print(f"| {name} | {rows[-1][1]:.2f} | {rows[-1][2]:.2f} |", flush=True)
        return results[name]

    print("| step | wall s | CPU s |\n|---|---:|---:|")
    book = step("read the payment book", lambda: load_book(session, args.as_of))
    examples = step("build examples", lambda: build_examples(book, args.as_of))
    assert len(examples) >= MIN_EXAMPLES
    clf, reg = step("fit (logistic regression + gradient boosting)", lambda: _fit(examples))
    model = TrainedModel(args.as_of, "logistic_regression", len(examples), clf, reg, book=book)
    scored = step("score every customer", lambda: score_all(session, model, args.as_of))
    en, es = step("reasons in es and en", lambda: (scored.in_language("en"), scored.in_language("es")))
    snapshot = [{"customer_id": cid, "as_of": args.as_of, "probability": s.probability,
                 "expected_days_late": s.expected_days_late, "band": s.band, "segment": s.segment,
                 "method": model.method, "reasons_en": "\n".join(s.reasons), "reasons_es": "\n".join(e.reasons),
                 "computed_at": dt.datetime.now(dt.timezone.utc)}
                for cid, s, e in zip(scored.customer_ids, en, es)]
    step("write the snapshot (rolled back)", lambda: store_risk(session, snapshot))
    session.rollback()
    step("print the JSON", lambda: write_json(io.StringIO(), en))
    print(f"| **total** ({len(book):,} customers with history, {len(examples):,} examples, {len(en):,} scored) "
          f"| {sum(r[1] for r in rows):.2f} | {sum(r[2] for r in rows):.2f} |")


if __name__ == "__main__":
    main()
