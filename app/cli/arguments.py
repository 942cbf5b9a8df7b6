"""Arguments several commands share (--as-of of a report, --allow-far-dates) and reading a report on a
session that is closed afterwards, an option the user got wrong being one line, exit 2."""

from __future__ import annotations

import argparse
from typing import Callable, TypeVar

from .common import fail, iso_date, open_session

T = TypeVar("T")


MAX_ID = 2**63 - 1  # the largest id a database row can have


def whole_number(low: int, high: int, what: str = "a whole number"):
    """argparse type: a whole number from `low` to `high`, else one line naming the range (a 20-digit number
    used to reach the database and overflow there, a traceback)."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"'{text}' is out of range: give {what} from {low} to {high}")
        return value

    parse.__name__ = "number"
    return parse


record_id = whole_number(1, MAX_ID, "a record number")


def add_as_of(parser, help_text: str) -> None:
    parser.add_argument("--as-of", dest="as_of", type=iso_date, required=True, metavar="YYYY-MM-DD",
                        help=help_text)


def report_parser(subparsers, name: str, *, help_text: str, description: str, as_of: str,
                  formats: tuple[str, ...], default: str, handler):
    """The sub-command of a report as of a date: --as-of (required) and --format; the caller adds its own."""
    parser = subparsers.add_parser(name, help=help_text, description=description)
    add_as_of(parser, as_of)
    parser.add_argument("--format", choices=formats, default=default, help=f"output format (default {default})")
    parser.set_defaults(handler=handler)
    return parser


def add_allow_far_dates(parser) -> None:
    parser.add_argument("--allow-far-dates", action="store_true",
                        help="accept dates more than a year from today (refused otherwise, as a likely typo)")


def read_report(args, compute: Callable[..., T], *refused: type[Exception]) -> T:
    """`compute(session)` on a fresh session; an error of a `refused` type exits 2 with its message."""
    session = open_session(args)
    try:
        return compute(session)
    except refused as exc:
        fail(str(exc), 2)
    finally:
        session.close()
