"""The reminder run as the user does it: preview, then run. `cobranza remind --dry-run` / `--send` and the
Reminders page call these two functions, so both decide the same plan at the same moment and store the same
reminders.

- `preview_run` writes nothing, not even the default policy that planning creates the first time (it is
  planned inside a savepoint that is rolled back): a preview is a look, on the CLI and in the GUI.
- `perform_run` stores the run (the approved reminders queued, the others as drafts) in the caller's
  transaction and delivers nothing; once the caller has committed, `deliver_stored` delivers what is due:
  each e-mail in its own short transactions, marked "sending" with its Message-ID before the SMTP
  conversation and "sent" right after, so a crash never sends it twice and no transaction (no SQLite write
  lock) is held while the server talks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy.orm import Session

from app import config
from app.ledger.bulk import bulk_objects, release

from . import outbox, run_lock
from .preview_lines import PreviewLines, preview_lines
from .run import APPROVE_ALL, PlannedReminder, RunSummary, deliver_run, execute_run, plan_run, run_moment


@dataclass(frozen=True)
class RunPreview:
    as_of: dt.date
    at: dt.datetime  # the moment planned for, in the office's zone
    plan: tuple[PlannedReminder, ...]  # reminders first, each skip with its reason


@dataclass(frozen=True)
class RunReview:
    """The plan as the Reminders page shows it (app.reminders.preview_lines)."""

    as_of: dt.date
    at: dt.datetime
    lines: PreviewLines  # reminders first, each skip with its reason


@dataclass(frozen=True)
class RunDone:
    summary: RunSummary
    email_configured: bool  # False: no SMTP server set, e-mails stay queued until one is
    letters_dir: Path | None = None  # where the run's letters go


def default_letters_dir(as_of: dt.date) -> Path:
    """Where a run's letters go unless the user chooses: letters/<date> in the data directory."""
    return config.data_dir() / "letters" / as_of.isoformat()


def preview_run(session: Session, *, as_of: dt.date, at: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> RunPreview:
    """The plan as of `as_of` at `at` (HH:MM in the office's zone; None: now). Changes nothing.
    `progress(done, total)`: customers planned (app.ledger.progress; it may raise Cancelled)."""
    moment, plan = _planned(session, as_of, at, progress)
    return RunPreview(as_of, moment, tuple(plan))


def _planned(session: Session, as_of: dt.date, at: str | None, progress) -> tuple[dt.datetime, list[PlannedReminder]]:
    savepoint = session.begin_nested()
    try:
        moment = run_moment(session, as_of, at)
        return moment, plan_run(session, as_of=as_of, at=moment, progress=progress)
    finally:
        savepoint.rollback()  # planning may create the default policy: a preview keeps nothing


def review_run(session: Session, *, as_of: dt.date, at: str | None = None,
                progress: Callable[[int, int], None] | None = None) -> RunReview:
    """preview_run for the Reminders page: the same plan, as flat PreviewLines; the planned lines are handed to
    app.ledger.bulk.release (in a GUI job, freed a slice at a time once the page has the lines)."""
    with bulk_objects():
        moment, plan = _planned(session, as_of, at, progress)
        review = RunReview(as_of, moment, preview_lines(plan))
        release(plan)
    return review


def perform_run(session: Session, *, as_of: dt.date, at: str | None = None, approve: Iterable[str] | None = None,
                letters_dir: str | Path | None = None, progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> RunDone:
    """Store the run as of `as_of` at `at`: `approve` None approves what the policy pre-approves (nothing under
    "review before sending"; under "send automatically", every reminder whose level needs no approval), a set of
    plan keys ("C001/PEN") exactly those, APPROVE_ALL ("all") every planned reminder; letters will go to `letters_dir`
    (default: default_letters_dir). Nothing is delivered: commit, then `deliver_stored`. `progress(n, total)`
    and `cancel()` are for the GUI's bar and Cancel button."""
    run_lock.lock_storing(session)  # one run at a time: a second waits, or says who holds it (run_lock.py)
    moment = run_moment(session, as_of, at)
    folder = Path(letters_dir) if letters_dir else default_letters_dir(as_of)
    summary = execute_run(session, as_of=as_of, at=moment,
                          approve=approve if approve is None or approve == APPROVE_ALL else set(approve),
                          letters_dir=folder, progress=progress, cancel=cancel, deliver=False)
    return RunDone(summary, outbox.channel_sender(session) is not None, folder)


def deliver_stored(done: RunDone, *, writers, readers, progress: Callable[[int, int], None] | None = None,
                   cancel: Callable[[], bool] | None = None) -> RunDone:
    """After `perform_run` was committed: deliver what is due (this run's and earlier queued reminders).
    `writers` and `readers` are session factories (writers begin as SQLite writers); no session of the
    caller is held, so other writers go on while e-mails are sent."""
    with run_lock.delivering(writers):  # one delivery at a time: never the same queued e-mail twice
        summary = deliver_run(writers, done.summary, send=outbox.channel_sender(readers),
                              letters_dir=done.letters_dir, progress=progress, cancel=cancel, readers=readers)
    return RunDone(summary, done.email_configured, done.letters_dir)
