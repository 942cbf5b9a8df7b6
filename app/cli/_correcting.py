"""What the correction commands (`invoice`, `payment`, `credit-note`, `write-off`) share: one unit of work
per command, rule errors as one line with exit 2 (nothing written), the `void` action's arguments;
amounts are read by common.amount_option."""

from __future__ import annotations

from .common import in_transaction, iso_date


def add_void(sub, *, help: str, dest: str, metavar: str, what: str, handler):
    """The `void` action every correction command has: the document, a required --reason (kept in the audit
    log) and --date (void from it, default today)."""
    v = sub.add_parser("void", help=help)
    v.add_argument(dest, metavar=metavar, help=what)
    v.add_argument("--reason", required=True, help="why it is voided (kept in the audit log)")
    v.add_argument("--date", type=iso_date, metavar="YYYY-MM-DD", help="void from this date (default: today)")
    v.set_defaults(handler=handler)
    return v


def run(args, command: str, work):
    """`work(session)` in one write transaction; a rule error is one line (`cobranza: COMMAND: ...`), exit 2,
    and the transaction is rolled back whole."""
    return in_transaction(args, work, write=True, command=command)


def done(correction) -> int:
    print(correction.summary)
    return 0
