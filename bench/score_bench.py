"""Risk scoring on a large database: the steps of `cobranza score` (and of the app's weekly refresh).

    python -m bench.score_bench DB --as-of 2026-06-30

Times, once each (wall and CPU seconds): loading the payment histories, building the training examples,
fitting the models, and scoring every customer with history in Spanish and English (what the stored
snapshot keeps). Nothing is written. Prints a Markdown table for docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time

from app.collections.features import load_histories
from app.collections.scoring import MIN_EXAMPLES, TrainedModel, _fit, build_examples, score_in_languages
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

    print("| step | wall s | CPU s |\n|---|---:|---:|")
    step("load histories", lambda: load_histories(session, args.as_of))
    histories = results["load histories"]
    step("build examples", lambda: build_examples(histories, args.as_of))
    examples = results["build examples"]
    assert len(examples) >= MIN_EXAMPLES
    step("fit (logistic regression + gradient boosting)", lambda: _fit(examples))
    clf, reg = results["fit (logistic regression + gradient boosting)"]
    model = TrainedModel(args.as_of, "logistic_regression", len(examples), clf, reg, histories=histories)
    step("score every customer, reasons in es and en",
         lambda: score_in_languages(session, as_of=args.as_of, languages=("en", "es"), model=model))
    scored = len(results["score every customer, reasons in es and en"][1]["en"])
    print(f"| **total** ({len(histories):,} customers with history, {len(examples):,} examples, {scored:,} scored) "
          f"| {sum(r[1] for r in rows):.2f} | {sum(r[2] for r in rows):.2f} |")


if __name__ == "__main__":
    main()
