"""`cobranza move-db DEST [--delete-old]`: move the book (an SQLite file) to another folder or file name.

The copy is made with SQLite's backup API while holding the write lock, checked (integrity, the same
schema and row counts) and only then put in place; the book `cobranza` opens without --db becomes the new
file. The old file is kept unless --delete-old is given (after the check passed); `cobranza move-db
--delete-old-only OLD` deletes it later. The same functions as File → Move database… (app/book_location.py).
"""

from __future__ import annotations

from app.book_location import MoveError, move_database, remove_old_book
from app.config import database_url

from .common import fail, require_cobranza_database


LABELS = {"customer": "customers", "invoice": "invoices", "due_line": "due lines", "payment": "payments",
          "credit_note": "credit notes", "allocation": "allocations", "audit_entry": "audit entries"}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "move-db", help="move the book (SQLite file) to another place; the copy is checked, the old file kept",
        description="Copy the book to DEST (a folder, or a file name; .sqlite is added when it has no "
                    "extension), check the copy, and make it the book Cobranza opens without --db. The old "
                    "file is kept until you delete it (--delete-old).")
    p.add_argument("dest", metavar="DEST", nargs="?", help="the new folder or file")
    p.add_argument("--delete-old", action="store_true",
                   help="delete the old file once the copy is checked and in use")
    p.add_argument("--delete-old-only", metavar="OLD",
                   help="only delete OLD, the file left by an earlier move (refused while it is the book in use)")
    p.set_defaults(handler=run)


def run(args) -> int:
    if args.delete_old_only:
        if args.dest or args.delete_old:
            fail("move-db: --delete-old-only OLD goes alone (no DEST, no --delete-old)", 2)
        try:
            remove_old_book(args.delete_old_only)
        except MoveError as exc:
            fail(f"move-db: {exc}", 2)
        print(f"deleted {args.delete_old_only}")
        return 0
    if not args.dest or not args.dest.strip():
        fail("move-db: give DEST, the new folder or file name", 2)
    require_cobranza_database(args)
    try:
        result = move_database(database_url(args.db), args.dest)
    except MoveError as exc:
        fail(f"move-db: {exc}", 2)
    counts = ", ".join(f"{n:,} {LABELS.get(table, table)}" for table, n in result.counts.items())
    print(f"book copied to {result.new} ({result.size:,} bytes) and checked: {counts}")
    if result.remembered:
        print(f"Cobranza now opens {result.new}")
    else:
        print(f"open it with --db {result.new} (the book Cobranza opens by default was not this one, so it "
              "stays as it is)")
    if result.env_names_old:
        print(f"COBRANZA_DB still names the old file: set it to {result.new}")
    if args.delete_old:
        try:
            remove_old_book(result.old)
        except MoveError as exc:
            fail(f"move-db: the book is moved, but {exc}", 2)
        print(f"deleted the old file {result.old}")
    else:
        print(f"the old file {result.old} is kept: delete it when you have checked the new one "
              f"(cobranza move-db --delete-old-only {result.old})")
    return 0
