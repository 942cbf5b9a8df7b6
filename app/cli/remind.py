"""`cobranza remind`: the reminder run.

    cobranza remind --as-of YYYY-MM-DD [--at HH:MM] [--dry-run | --send [--approve KEY ... | --approve-all]]
                    [--letters-dir DIR]

--dry-run (the default) prints one JSON object per line and changes nothing; --send stores the run
(committed), then writes the letters, sends what may be sent now (each e-mail committed as "sending" before
it leaves and as sent right after: never sent twice, see `cobranza reminders release`) and prints the summary.

What --send approves follows the policy: "review before sending" (the default) approves nothing, so the
reminders are stored as drafts for `cobranza reminders approve`; "send automatically" (`cobranza policy
sending CODE --automatic`) approves those whose level needs no approval. --approve KEY (the "key" of a
--dry-run line, CUSTOMER/CURRENCY) approves exactly those; --approve-all every planned reminder.
"""

from __future__ import annotations

import json

from app.ledger.errors import LedgerError

from .common import fail, iso_date, open_session, progress_line


def register(subparsers) -> None:
    p = subparsers.add_parser("remind", help="the reminder run: preview (--dry-run) or perform it (--send)")
    p.add_argument("--as-of", type=iso_date, required=True, metavar="YYYY-MM-DD", help="the date of the run")
    p.add_argument("--at", metavar="HH:MM", help="local time of the run (default: now)")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="print what the run would do, one JSON object a line")
    mode.add_argument("--send", action="store_true", help="perform the run and print its summary")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--approve", action="append", metavar="KEY",
                       help="with --send: approve this reminder (the key of a --dry-run line, CUSTOMER/CURRENCY); "
                            "repeat for more. Default: what the policy approves (nothing under review before sending)")
    which.add_argument("--approve-all", action="store_true",
                       help="with --send: approve every planned reminder (you reviewed the --dry-run)")
    p.add_argument("--letters-dir", metavar="DIR", help="where letters go (default: letters/<date> in the data dir)")
    p.set_defaults(handler=run)


def run(args) -> int:
    """The same preview and run the Reminders page calls (app.reminders.service)."""
    from app.database import session_factory
    from app.reminders.run import APPROVE_ALL
    from app.reminders.service import deliver_stored, perform_run, preview_run

    if (args.approve or args.approve_all) and not args.send:
        fail("--approve and --approve-all go with --send (a --dry-run approves nothing).", 2)
    session = open_session(args, write=True)
    try:
        if not args.send:
            try:
                line = progress_line("planning reminders (customers)")
                with session.begin():  # a preview changes nothing (not even the default policy)
                    preview = preview_run(session, as_of=args.as_of, at=args.at, progress=line)
                if line is not None:
                    line.end()
            except LedgerError as exc:
                fail(str(exc), 2)
            for p in preview.plan:
                print(json.dumps(p.as_json(), ensure_ascii=False))
            return 0
        approve = APPROVE_ALL if args.approve_all else args.approve
        bar = progress_line("storing reminders")  # on stderr, when it is a terminal
        try:
            with session.begin():  # the run is stored (its reminders queued) and committed first
                done = perform_run(session, as_of=args.as_of, at=args.at, letters_dir=args.letters_dir,
                                   approve=approve, progress=bar)
        except LedgerError as exc:
            fail(str(exc), 2)
        finally:
            if bar is not None:
                bar.end()
        # then delivered: each e-mail in its own short transactions, none open while the SMTP server talks
        engine = session.get_bind()
        bar = progress_line("delivering (letters, e-mails)")
        done = deliver_stored(done, writers=session_factory(engine, write=True), readers=session_factory(engine),
                              progress=bar)
        if bar is not None:
            bar.end()
        summary = done.summary
        for line in summary.lines():
            print(line)
        if not done.email_configured and summary.waiting_for_means:
            print("e-mail is not configured (cobranza settings set smtp.host ..., cobranza secret set smtp): "
                  "e-mails stay queued until a run or the outbox can send them")
        return 0
    finally:
        session.close()
