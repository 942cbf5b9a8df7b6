"""`cobranza import customers|invoices|payments|credit-notes FILE` with column mapping, and
`cobranza import mappings` (the saved ones).

    --format csv|xlsx  --map "Source header=field" (repeatable)  --mapping NAME  --save-mapping NAME
    --date-format dd/mm/yyyy  --decimal , | .  --sheet NAME  --encoding cp1252  --delimiter ;|,|tab
    --skip-invalid FILE  --create-customers  --dry-run  --allow-far-dates

A thin shell over app.importing.api (the same calls as the GUI's import wizard): every problem is printed as
FILE:LINE: column: problem on stderr and the exit code is 2 with nothing written; with --skip-invalid FILE the
valid rows are imported and the bad ones written to FILE. Success prints what changed.
"""

from __future__ import annotations

import sys

from app.importing.fields import FIELDS

from .common import fail, open_session, progress_line

KINDS = tuple(FIELDS)


def _fields_help() -> str:
    return "; ".join(f"{k}: {','.join(f.name + ('*' if f.required else '') for f in fs)}" for k, fs in FIELDS.items())


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "import", help="import customers, invoices, payments or credit notes from a CSV or XLSX file",
        description="Import a CSV or XLSX file as it comes from Excel or an invoicing system: the header row is "
                    "found below title rows, Spanish and English headers are mapped to fields (RUC, Razón social, "
                    "Fecha de emisión, Importe, Moneda ...), a totals row is skipped. A file with any bad row "
                    "imports nothing (every bad row is listed as FILE:LINE: column: problem) unless --skip-invalid. "
                    "Importing the same file again changes nothing. 'cobranza import mappings' lists saved mappings.",
    )
    p.add_argument("kind", choices=KINDS + ("mappings",), metavar="{" + ",".join(KINDS) + ",mappings}",
                   help="what the file holds (fields, * required: " + _fields_help() + ")")
    p.add_argument("file", metavar="FILE", nargs="?", help="a .csv or .xlsx file")
    p.add_argument("--format", choices=("csv", "xlsx"), help="the file's format (default: by its extension)")
    p.add_argument("--map", action="append", default=[], metavar='"Source header=field"',
                   help="map a column of the file to a field (repeatable); wins over the automatic mapping; "
                        "'Header=' ignores the column")
    p.add_argument("--mapping", metavar="NAME", help="use a saved mapping (and the reading options saved with it)")
    p.add_argument("--save-mapping", metavar="NAME",
                   help="save the mapping used (and the options given) under NAME for later files of this source")
    p.add_argument("--date-format", metavar="FORMAT",
                   help="dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd or d-m-yy (default: detected from the column when "
                        "unambiguous; a date that reads two ways is refused)")
    p.add_argument("--decimal", choices=(",", "."),
                   help="the decimal separator of amounts (default: the company's locale, and only amounts that "
                        "read one way)")
    p.add_argument("--sheet", metavar="NAME", help="the XLSX sheet to read (default: the first)")
    p.add_argument("--encoding", metavar="NAME",
                   help="utf-8, cp1252 or latin-1 (default: UTF-8 with or without BOM, else Windows-1252)")
    p.add_argument("--delimiter", choices=(",", ";", "tab"), help="the CSV separator (default: detected)")
    p.add_argument("--skip-invalid", metavar="FILE",
                   help="import the valid rows and write the bad ones (with the reason) to FILE (.csv or .xlsx)")
    p.add_argument("--create-customers", action="store_true",
                   help="invoices: create the customers the file names that do not exist (code and name from "
                        "the mapped columns; the name defaults to the code)")
    p.add_argument("--dry-run", action="store_true", help="check every row and say what would change; write nothing")
    p.add_argument("--allow-far-dates", action="store_true",
                   help="accept document dates more than a year from today (without it such a row is refused, "
                        "as a likely typo in the year); dates outside 1900-2199 are always refused")
    p.set_defaults(handler=run)


def _list_mappings(args) -> int:
    from app.importing.api import list_mappings

    session = open_session(args)
    try:
        saved = list_mappings(session)
    finally:
        session.close()
    if not saved:
        print("no saved mappings (save one with cobranza import KIND FILE --save-mapping NAME)")
    for m in saved:
        cols = ", ".join(f"{s}={f}" for s, f in m.mapping.columns)
        opts = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in sorted(m.options.items()))
        print(f"{m.name}\t{m.kind}\t{cols}{chr(9) + opts if opts else ''}")
    return 0


def run(args) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from app.importing.api import (
        FileProblem, ImportOptions, MappingError, apply_overrides, detect_mapping, load_mapping, make_mapping,
        open_file, parse_map_args, run_import, save_mapping,
    )

    if args.kind == "mappings":
        return _list_mappings(args)
    if not args.file:
        fail(f"import {args.kind}: name the file to import (cobranza import {args.kind} FILE)", 2)
    session = open_session(args, write=True)
    try:
        saved = None
        options = {}
        if args.mapping:
            try:
                saved = load_mapping(session, args.mapping)
            except MappingError as exc:
                fail(str(exc), 2)
            if saved.kind != args.kind:
                fail(f"the mapping '{saved.name}' is for {saved.kind}, not {args.kind}", 2)
            options.update(saved.options)
        given = {"format": args.format, "date_format": args.date_format, "decimal": args.decimal,
                 "sheet": args.sheet, "encoding": args.encoding, "delimiter": args.delimiter}
        options.update({k: v for k, v in given.items() if v})
        opts = ImportOptions(**options, allow_far_dates=args.allow_far_dates,
                             create_customers=args.create_customers)
        try:
            table = open_file(args.file, opts)  # streamed: the rows are read as the import goes
        except FileProblem as exc:
            print(f"{args.file}:{exc.line}: {exc.column}: {exc.message}", file=sys.stderr)
            print(f"cobranza: {args.file}: the file cannot be imported; nothing was imported", file=sys.stderr)
            return 2
        try:
            overrides = parse_map_args(args.map)
            guess = detect_mapping(args.kind, table.headers)
            mapping = guess.mapping
            if saved is not None:
                mapping = make_mapping(args.kind, table.headers, saved.mapping.as_dict())
            mapping = apply_overrides(mapping, table.headers, overrides)
        except MappingError as exc:
            fail(f"{args.file}: {exc}", 2)
        mapped = {h for h, _f in mapping.columns}
        for header in table.headers:
            if header and header not in mapped:
                print(f"cobranza: warning: {args.file}:{table.header_line}: column '{header}' is not mapped to a "
                      f"field; ignored (map it with --map \"{header}=FIELD\")", file=sys.stderr)
        for line, why in table.skipped:  # title rows (the totals row is found as the rows are read)
            print(f"cobranza: note: {args.file}:{line}: skipped ({why})", file=sys.stderr)
        bar = progress_line(f"importing {args.kind} (rows)")  # on stderr, when it is a terminal
        noted = set(table.skipped)
        try:
            result = run_import(session, args.kind, table, mapping, opts, valid_only=bool(args.skip_invalid),
                                rejected_path=args.skip_invalid, dry_run=args.dry_run, progress=bar)
        except SQLAlchemyError as exc:  # locked or lost database: nothing was committed
            if bar is not None:
                bar.end()
            fail(f"database error, nothing was imported: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
        if bar is not None:
            bar.end()
        if args.save_mapping and result.ok and not args.dry_run:
            try:
                save_mapping(session, args.save_mapping, mapping, opts.as_dict())
            except MappingError as exc:
                fail(str(exc), 2)
    finally:
        session.close()
    for line, why in result.skipped:
        if "repeats" in why:
            print(f"cobranza: warning: {args.file}:{line}: row {why}", file=sys.stderr)
        elif (line, why) not in noted:
            print(f"cobranza: note: {args.file}:{line}: skipped ({why})", file=sys.stderr)
    for warning in result.warnings:
        print(f"cobranza: warning: {warning}", file=sys.stderr)
    if not result.ok:
        for message in result.messages():
            print(message, file=sys.stderr)
        count = len({p.line for p in result.problems if p.line > table.header_line and p.column != "file"})
        what = f"{count} bad row{'s' if count != 1 else ''}" if count else "the file cannot be imported"
        print(f"cobranza: {args.file}: {what}{'' if args.dry_run else '; nothing was imported'}", file=sys.stderr)
        return 2
    for p in result.rejected_problems:
        print(f"cobranza: rejected: {p.format(args.file)}", file=sys.stderr)
    for change in result.changes:
        if change.action not in ("create", "unchanged"):  # updates, disputes, customers created: shown one by one
            print(change.text())
    print(result.summary())
    if args.save_mapping and not args.dry_run:
        print(f"mapping saved as '{args.save_mapping}'")
    return 0
