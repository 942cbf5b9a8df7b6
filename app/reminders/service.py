"""The reminder run as the user does it: preview, then run. `cobranza remind --dry-run` / `--send` and the
Reminders page call these two functions, so both decide the same plan at the same moment and store the same
reminders.

- `preview_run` writes nothing, not even the default policy that planning creates the first time (it is
  planned inside a savepoint that is rolled back): a preview is a look, on the CLI and in the GUI.
- `perform_run` stores the reminders (the approved ones queued, the others as drafts), writes the letters
  and sends what may be sent now, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from sqlalchemy.orm import Session

from app import config

from . import outbox
from .run import PlannedReminder, RunSummary, execute_run, plan_run, run_moment


@dataclass(frozen=True)
class RunPreview:
    as_of: dt.date
    at: dt.datetime  # the moment planned for, in the office's zone
    plan: tuple[PlannedReminder, ...]  # reminders first, each skip with its reason


@dataclass(frozen=True)
class RunDone:
    summary: RunSummary
    email_configured: bool  # False: no SMTP server set, e-mails stay queued until one is


def default_letters_dir(as_of: dt.date) -> Path:
    """Where a run's letters go unless the user chooses: letters/<date> in the data directory."""
    return config.data_dir() / "letters" / as_of.isoformat()


def preview_run(session: Session, *, as_of: dt.date, at: str | None = None) -> RunPreview:
    """The plan as of `as_of` at `at` (HH:MM in the office's zone; None: now). Changes nothing."""
    savepoint = session.begin_nested()
    try:
        moment = run_moment(session, as_of, at)
        plan = plan_run(session, as_of=as_of, at=moment)
    finally:
        savepoint.rollback()  # planning may create the default policy: a preview keeps nothing
    return RunPreview(as_of, moment, tuple(plan))


def perform_run(session: Session, *, as_of: dt.date, at: str | None = None, approve: Iterable[str] | None = None,
                letters_dir: str | Path | None = None, progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None) -> RunDone:
    """Run as of `as_of` at `at`: `approve` None approves every reminder whose level does not need manual
    approval, a set of plan keys ("C001/PEN") exactly those; letters go to `letters_dir` (default:
    default_letters_dir). `progress(n, total)` and `cancel()` are for the GUI's bar and Cancel button."""
    moment = run_moment(session, as_of, at)
    sender = outbox.channel_sender(session)
    folder = Path(letters_dir) if letters_dir else default_letters_dir(as_of)
    summary = execute_run(session, as_of=as_of, at=moment, approve=None if approve is None else set(approve),
                          send=sender, letters_dir=folder, progress=progress, cancel=cancel)
    return RunDone(summary, sender is not None)
