"""`cobranza demo`: fill the database with realistic demo customers, invoices and payments.

New customer codes skip the codes already in the database and documents use a series no existing
document uses, so demo data can be added to a database that already has data; nothing collides.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

from app.cli.common import fail, iso_date, open_session

LARGE_RUN = 20_000  # invoices from which progress is printed to stderr


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "demo",
        help="fill the database with demo customers and 18 months of their invoices and payments",
        description="Add realistic demo data: Latin American SME customers (Peru, Mexico, Colombia, Chile) "
                    "with valid-looking tax ids, invoices in PEN and USD (some MXN, COP, CLP) over the ~18 "
                    "months before --as-of, punctual and late payers, partial payments, credit notes, "
                    "disputes, unapplied payments and write-offs. The same --seed gives the same data. "
                    "Existing data is kept: new customer codes and document series do not collide with it.",
    )
    p.add_argument("--customers", type=int, default=300, metavar="N", help="customers to add (default 300)")
    p.add_argument("--invoices", type=int, default=4000, metavar="N", help="invoices to add (default 4000)")
    p.add_argument("--seed", type=int, default=1, metavar="N", help="random seed; same seed, same data (default 1)")
    p.add_argument("--as-of", dest="as_of", type=iso_date, metavar="YYYY-MM-DD",
                   help="last day of the history; nothing is dated after it (default: today)")
    p.set_defaults(handler=run)


def _new_sqlite_file(db) -> bool:
    """Whether --db names a SQLite file that does not exist yet (or is empty): this command makes it."""
    from app import config

    url = config.database_url(db)
    if not url.startswith("sqlite:///"):
        return False
    path = Path(url.removeprefix("sqlite:///"))
    return not path.exists() or path.stat().st_size == 0


def run(args) -> int:
    from app import config
    from app.demo import generate_demo
    from sqlalchemy.orm import Session

    from app.demo.bulk import check_constraints_unchecked, foreign_keys_unchecked, rollback_journal

    if args.customers < 0:
        fail(f"--customers must be 0 or more (got {args.customers}).", 2)
    if args.invoices < 0:
        fail(f"--invoices must be 0 or more (got {args.invoices}).", 2)
    if args.customers > 1_000_000 or args.invoices > 10_000_000:  # a 20-digit size would run for ever
        fail("--customers is at most 1,000,000 and --invoices at most 10,000,000.", 2)
    if not 0 <= args.seed < 2**63:
        fail(f"--seed must be a whole number from 0 to {2**63 - 1}.", 2)
    if args.invoices and not args.customers:
        fail("--invoices needs at least one customer: give --customers 1 or more.", 2)
    as_of = args.as_of or config.today()
    started = time.perf_counter()

    def progress(message: str) -> None:
        print(f"{message} ({time.perf_counter() - started:.1f} s)", file=sys.stderr, flush=True)

    new_file = _new_sqlite_file(args.db)
    session = open_session(args, create=True, write=True)
    with session:
        engine = session.get_bind()
        # a file made by this command: the load needs no WAL, nor a look-up of each row's parents, nor its
        # CHECK constraints evaluated (app.demo.bulk.rollback_journal, foreign_keys_unchecked,
        # check_constraints_unchecked)
        with contextlib.ExitStack() as stack:
            load = session
            if new_file:
                stack.enter_context(rollback_journal(engine))
                conn = stack.enter_context(foreign_keys_unchecked(engine))
                stack.enter_context(check_constraints_unchecked(conn))
                load = stack.enter_context(Session(bind=conn, expire_on_commit=False))
            with load.begin():
                summary = generate_demo(load, customers=args.customers, invoices=args.invoices, seed=args.seed,
                                        as_of=as_of, progress=progress if args.invoices >= LARGE_RUN else None)
        if args.invoices < LARGE_RUN:  # the risk scores the forecast and today's tasks read (cobranza score)
            from app.collections.risk_snapshot import refresh_risk

            with session.begin():
                refresh_risk(session, as_of=as_of)
    elapsed = time.perf_counter() - started
    codes = f" ({summary.first_customer_code} to {summary.last_customer_code})" if summary.customers else ""
    print(f"Demo data as of {summary.as_of.isoformat()} (seed {summary.seed}), written in {elapsed:.1f} s:")
    print(f"  {summary.customers:,} customers{codes}, {summary.customers_on_hold:,} on hold, "
          f"{summary.customers_without_email:,} without e-mail, {summary.contacts:,} contacts")
    print(f"  {summary.invoices:,} invoices (series {summary.invoice_series}) with {summary.due_lines:,} due lines; "
          f"{summary.disputed_invoices:,} disputed, {summary.void_invoices:,} void")
    print(f"  {summary.payments:,} payments ({summary.unapplied_payments:,} with unapplied money), "
          f"{summary.credit_notes:,} credit notes (series {summary.credit_note_series}), "
          f"{summary.write_offs:,} write-offs, {summary.allocations:,} allocations")
    if summary.company_created:
        print("  company: Distribuidora Andina S.A.C. (created; change it in settings)")
    if args.invoices >= LARGE_RUN:
        print("  risk scores not computed for a run this size: run `cobranza score` when you need them")
    return 0
