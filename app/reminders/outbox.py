"""The outbox: delivering queued reminders whose moment has come.

A queued reminder is delivered when its `send_at` (set by the contact rules) has passed, however long
ago: a reminder whose moment passed unsent still goes out. Letters of one delivery are written
together (one combined PDF for printing and one file per customer), SMS texts into one CSV for the
gateway; e-mail goes through `sender(job) -> message_id | None`; a WhatsApp chat is opened by a person
(`open_whatsapp_reminder`), so it stays pending on the reminder until then. A failure is stored on the reminder (error, attempts) and
retried with exponential backoff; after `MAX_ATTEMPTS` the reminder is `failed`. An error retrying cannot
fix (PermanentDeliveryError: a permanent SMTP refusal, an address the server cannot carry, a template past
the sandbox's limits) fails the reminder at once with its reason. One failure does not
stop the others. When sent, the contact log records each channel used and a fee, if any, is posted
as its own fee charge.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email.utils import make_msgid
from pathlib import Path
from typing import Callable

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from app import config
from app.ledger import audit
from app.ledger.errors import LedgerError
from app.ledger.invoices import record_invoice
from app.ledger.money import to_str
from app.models import Activity, ContactLog, Customer, Reminder

from . import delivery
from .errors import PermanentDeliveryError
from .jobs import DeliveryJob, JobItem, NothingDue

ELECTRONIC = ("email", "sms", "whatsapp")
# what a run completes by itself; a WhatsApp chat is opened by a person (open_whatsapp_reminder)
AUTOMATIC = ("email", "letter", "sms")
BY_HAND = ("whatsapp",)
MAX_ATTEMPTS = 6
BASE_DELAY = dt.timedelta(minutes=5)
MAX_DELAY = dt.timedelta(hours=12)


@dataclass
class DeliveryResult:
    sent: int = 0  # reminders delivered (each of a message covering several currencies counts)
    failed: int = 0  # attempts that failed during this delivery (retried later unless given up)
    given_up: int = 0  # reminders that reached MAX_ATTEMPTS and are now `failed`
    waiting_for_means: int = 0  # due but no sender / letters directory for one of their channels
    settled: int = 0  # cancelled at delivery: everything was paid in the meantime
    fees_minor: dict = field(default_factory=dict)
    letters_path: str | None = None
    cancelled: bool = False
    sent_ids: list = field(default_factory=list)
    sms_path: str | None = None  # the CSV of SMS texts for the gateway written by this delivery
    awaiting_user: int = 0  # WhatsApp-only reminders due: a person opens each chat from the Reminders page
    may_have_been_sent: int = 0  # e-mails left "sending" (a crash, a broken connection): a person checks them
    held_at_delivery: int = 0  # due, but the contact rules do not allow it now: waits for the next permitted moment
    # per message, in the words the user reads ("sent" only for what left the building)
    emails_sent: int = 0  # e-mails the SMTP server accepted
    letters_written: int = 0  # letters written to PDF (to print and post)
    sms_exported: int = 0  # SMS texts written to the CSV for the gateway
    calls_planned: int = 0  # call tasks made for a collector


def backoff(attempts: int) -> dt.timedelta:
    """5 min, 10, 20, 40 ... capped at 12 h."""
    return min(BASE_DELAY * (2 ** max(attempts - 1, 0)), MAX_DELAY)


def job_for(r: Reminder, customer: Customer, now: dt.datetime | None = None) -> DeliveryJob:
    lang = customer.language if customer.language in ("es", "en") else "es"
    return DeliveryJob(
        reminder_id=r.id, customer_id=customer.id, customer_code=customer.code, customer_name=customer.name,
        email=customer.email, phone=customer.phone, address=customer.address, city=customer.city, language=lang,
        currency=r.currency, as_of=r.as_of, level_key=r.level_key, level_sequence=r.level.sequence,
        level_name=r.level.name_es if lang == "es" else r.level.name_en, channels=tuple(r.channels.split(",")),
        items=tuple(JobItem(ln.due_line_id, ln.invoice_number, ln.due_date, ln.amount_minor, ln.days_overdue,
                            ln.level_key)
                    for ln in r.lines),
        amount_minor=r.amount_minor, fee_minor=r.fee_minor, call_window=r.call_window, letter_path=r.file_path,
        deliver_on=max(r.as_of, now.date()) if now is not None else r.as_of,
    )


def due_reminders(session: Session, now: dt.datetime) -> list[Reminder]:
    return list(session.scalars(
        select(Reminder).options(selectinload(Reminder.lines), selectinload(Reminder.level))
        .where(Reminder.state == "queued", Reminder.send_at <= now,
               or_(Reminder.next_attempt_at.is_(None), Reminder.next_attempt_at <= now))
        .order_by(Reminder.send_at, Reminder.id)))


def _fail(session: Session, r: Reminder, now: dt.datetime, error: str, result: DeliveryResult, *,
          permanent: bool = False) -> None:
    r.attempts = (r.attempts or 0) + 1
    r.error = error[:2000]
    result.failed += 1
    if permanent or r.attempts >= MAX_ATTEMPTS:
        r.state, r.next_attempt_at = "failed", None
        result.given_up += 1
        audit.record(session, action="fail", entity="reminder", entity_id=r.id, before={"state": "queued"},
                     after={"state": "failed", "error": r.error, "attempts": r.attempts})
    else:
        r.next_attempt_at = now + backoff(r.attempts)


def mark_settled(session: Session, r: Reminder, result: DeliveryResult) -> None:
    """A queued reminder whose items were paid in the meantime: cancelled, never sent (audited)."""
    r.state, r.error, r.next_attempt_at = "cancelled", "settled before it went out", None
    result.settled += 1
    audit.record(session, action="cancel", entity="reminder", entity_id=r.id, before={"state": "queued"},
                 after={"state": "cancelled", "reason": r.error})


def mark_sent(session: Session, r: Reminder, customer: Customer, now: dt.datetime, message_id: str | None,
              result: DeliveryResult, *, contact: bool = True, channels=None) -> None:
    """A reminder that went out on its channels (by the run, or by hand for WhatsApp): sent, logged as activities.
    `contact=False`: it went out in the same message as another reminder of the debtor (another currency),
    which logs the one contact; `channels`: the message's channels (default: the reminder's own)."""
    r.state, r.sent_at, r.error, r.next_attempt_at = "sent", now.astimezone(dt.timezone.utc), None, None
    r.attempts = (r.attempts or 0) + 1
    if message_id:
        r.message_id = str(message_id)[:300]
    done = [ch for ch in r.channels.split(",") if ch not in BY_HAND]
    for ch in ([c for c in channels if c not in BY_HAND] if channels else done) if contact else ():
        if ch != "call":
            session.add(ContactLog(customer_id=r.customer_id, channel=ch, at=now, reminder_id=r.id,
                                   profile=r.contact_profile, note=f"reminder {r.level_key}"))
    log_reminder_activities(session, r, done, now)
    if r.fee_minor and r.fee_invoice_id is None:
        fee = record_invoice(session, customer_code=customer.code, number=f"FEE-{r.id}", issue_date=r.as_of,
                             total_minor=r.fee_minor, currency=r.currency, due_date=r.as_of, kind="fee",
                             reference=f"reminder #{r.id} ({r.level_key})")
        r.fee_invoice_id = fee.id
        result.fees_minor[r.currency] = result.fees_minor.get(r.currency, 0) + r.fee_minor
    result.sent += 1
    result.sent_ids.append(r.id)
    audit.record(session, action="send", entity="reminder", entity_id=r.id, before={"state": "queued"},
                 after={"state": "sent", "message_id": r.message_id, "file_path": r.file_path})


def log_reminder_activities(session: Session, r: Reminder, channels, now: dt.datetime) -> None:
    """The customer's activity log (gestiones) gets one entry per channel a reminder went out through;
    a call level gets a follow-up due on the run's date, so it reaches today's tasks with its window."""
    items = len(r.lines)
    summary = f"Reminder {r.level_key}: {items} item(s), {to_str(r.amount_minor, r.currency)} {r.currency}"
    for ch in channels:
        call = ch == "call"
        notes = summary + (f" (window: {r.call_window})" if call and r.call_window else "")
        session.add(Activity(customer_id=r.customer_id, at=now, channel=ch, direction="out", outcome=None,
                             notes=("Call task: " + notes) if call else notes,
                             next_action_date=r.as_of if call else None, next_action_done=False,
                             user="reminder run", source=f"reminder:{r.id}"))


def deliver_due(sessions: Sessions, *, now: dt.datetime, sender: Callable[[DeliveryJob], str | None] | None,
                letters_dir: str | Path | None = None,
                letter_writer: Callable[[list[DeliveryJob], Path], tuple[dict[int, str], str | None]] | None = None,
                cancel: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None,
                sms_writer: Callable[[list[DeliveryJob], Path], tuple[dict[int, str | None], str | None]] | None = None,
                readers: Callable[[], Session] | None = None,
                ) -> DeliveryResult:
    """Deliver every queued reminder whose send_at <= now (and whose retry time has come).

    `letter_writer(jobs, directory) -> ({reminder_id: file, or None when settled}, combined_file)` writes
    the letters; `sms_writer(jobs, directory) -> ({reminder_id: "ok" | None when settled | a problem}, csv)`
    writes the SMS texts for the gateway next to them. Without a letters directory (or without a sender for
    e-mail) a reminder stays queued. WhatsApp needs a person: the chat is opened from the Reminders page
    (open_whatsapp_reminder), so a WhatsApp-only reminder stays queued and the channel stays pending.

    `sessions`: a factory of writer sessions (`session_factory(engine, write=True)`): the due reminders are
    read in one short transaction, the letters and SMS texts written (read through `readers`, a factory of
    reader sessions, so no write lock is held while the files are made; without it, inside the transaction
    that records them), recorded in one transaction, then each e-mail delivered in its own short ones (see
    `_deliver_email`): no transaction is open while the SMTP server is talked to and a crash never makes an
    e-mail go out twice. A `Session` instead (tests, callers already inside a transaction): the same steps
    in that session's transaction, flushed, not committed (a crash then loses the whole delivery).
    """
    if now.tzinfo is None:
        raise ValueError("deliver_due needs an aware `now`")
    result = DeliveryResult()
    with _step(sessions) as session:
        result.may_have_been_sent = _count_sending(session)
        rows = due_reminders(session, now)
        customers = {c.id: c for c in session.scalars(
            select(Customer).where(Customer.id.in_({r.customer_id for r in rows})))} if rows else {}
        rules = _RulesAtDelivery(session, customers, now)
        jobs: list[DeliveryJob] = []  # what can go out now, in order: one per message
        for bundle in _messages(rows):
            first = bundle[0]
            channels = _union(bundle)
            if not any(ch in AUTOMATIC or ch == "call" for ch in channels):
                result.awaiting_user += len(bundle)  # WhatsApp only: stays queued until a person opens the chat
                continue
            writes = "letter" in channels or "sms" in channels  # the default writers need only a directory
            if ("email" in channels and sender is None) or (writes and letters_dir is None):
                result.waiting_for_means += len(bundle)
                continue
            if rules.hold(bundle, channels, result):  # the contact rules, again, at the moment of delivery
                continue
            customer = customers[first.customer_id]
            jobs.append(replace(job_for(first, customer, now), channels=channels,
                                also=tuple(job_for(r, customer, now) for r in bundle[1:])))
    if not jobs:
        return result
    letters = [j for j in jobs if "letter" in j.channels]
    texts = [j for j in jobs if "sms" in j.channels]
    written = _Written()
    if letters or texts:
        if isinstance(sessions, Session):
            _write_files(sessions, letters, texts, letters_dir, letter_writer, sms_writer, written, progress, cancel)
        elif readers is not None:  # made outside any write transaction, recorded below
            with readers() as reading:
                _write_files(reading, letters, texts, letters_dir, letter_writer, sms_writer, written,
                             progress, cancel)
    if written.cancelled:  # the reminders stay queued for the next delivery
        result.cancelled = True
        return result
    total, done = len(jobs), 0
    emails: list[DeliveryJob] = []
    with _step(sessions) as session:
        if (letters or texts) and not isinstance(sessions, Session) and readers is None:
            _write_files(session, letters, texts, letters_dir, letter_writer, sms_writer, written, progress, cancel)
        if written.cancelled:
            result.cancelled = True
            return result
        failed = _record_files(session, now, letters, texts, written, result)
        for job in jobs:
            if cancel is not None and cancel():
                result.cancelled = True
                break
            if job.reminder_id in failed:
                continue
            if "email" in job.channels:  # after this transaction, one at a time
                emails.append(job)
                continue
            rows = [r for r in (session.get(Reminder, rid) for rid in job.reminder_ids) if r.state == "queued"]
            if not rows:  # another delivery took it meanwhile
                continue
            customer = session.get(Customer, rows[0].customer_id)
            for n, r in enumerate(rows):
                mark_sent(session, r, customer, now, None, result, contact=n == 0, channels=job.channels)
            _count_message(result, job.channels, email=False)
            done += 1
            if progress is not None:
                progress(done, total)
    for job in emails:
        if cancel is not None and cancel():
            result.cancelled = True
            break
        _deliver_email(sessions, job.reminder_id, job, now, sender, result)
        done += 1
        if progress is not None:
            progress(done, total)
    return result


@dataclass
class _Written:
    """What the letter and SMS writers returned (or the exception of a whole batch), to record afterwards."""

    paths: dict = field(default_factory=dict)
    combined: str | None = None
    letters_error: Exception | None = None
    sms: dict = field(default_factory=dict)
    csv: str | None = None
    sms_error: Exception | None = None
    cancelled: bool = False  # Cancel pressed while the letters were written: none was, nothing is recorded


def _write_files(session: Session, letters, texts, letters_dir, letter_writer, sms_writer, out: _Written,
                 progress=None, cancel=None) -> None:
    """Letters and SMS texts written into `letters_dir`; contents read in `session`. Nothing is recorded here.
    `progress(done, total)` counts the letters written; `cancel()` stops them (no file, `out.cancelled`)."""
    from .letters import LettersCancelled

    if letters:
        directory = Path(letters_dir)
        directory.mkdir(parents=True, exist_ok=True)
        try:
            write = letter_writer or default_letter_writer(session, progress=progress, cancel=cancel)
            out.paths, out.combined = write(letters, directory)
        except LettersCancelled:
            out.cancelled = True
            return
        except Exception as exc:  # noqa: BLE001 - one broken batch: every letter in it is retried later
            out.letters_error = exc
    bad_letters = {j.reminder_id for j in letters if out.letters_error is not None
                   or out.paths.get(j.reminder_id) is None or isinstance(out.paths.get(j.reminder_id), Exception)}
    texts = [j for j in texts if j.reminder_id not in bad_letters]
    if texts:
        try:
            out.sms, out.csv = (sms_writer or default_sms_writer(session))(texts, Path(letters_dir))
        except Exception as exc:  # noqa: BLE001 - the whole file failed: every text is retried later
            out.sms_error = exc


def _letter_outcome(written: _Written, job: DeliveryJob) -> tuple[str, object, bool]:
    """("file", path) | ("settled", None) | ("fail", reason, permanent) for one letter (one message)."""
    if written.letters_error is not None:
        return "fail", f"letter: {written.letters_error}", False
    if job.reminder_id not in written.paths:
        return "fail", "the letter was not written", False
    path = written.paths[job.reminder_id]
    if path is None:
        return "settled", None, False
    if isinstance(path, Exception):  # this letter alone could not be made
        return "fail", f"letter: {path}", isinstance(path, PermanentDeliveryError)
    return "file", str(path), False


def _sms_outcome(written: _Written, job: DeliveryJob) -> tuple[str, object, bool]:
    """The same for one SMS text: its file is the CSV for the gateway."""
    if written.sms_error is not None:
        return "fail", f"sms: {written.sms_error}", False
    problem = written.sms.get(job.reminder_id, "the text was not written")
    if problem is None:
        return "settled", None, False
    if isinstance(problem, Exception):  # this text alone could not be made
        return "fail", f"sms: {problem}", isinstance(problem, PermanentDeliveryError)
    if problem != "ok":
        return "fail", f"sms: {problem}", False
    return "file", str(written.csv), False


def _record_files(session: Session, now: dt.datetime, letters, texts, written: _Written,
                  result: DeliveryResult) -> set[int]:
    """The letters' files and the SMS texts' outcome on their reminders (every reminder of each message); returns
    the messages (first reminder ids) that failed or were cancelled (settled), which do not go out on their other
    channels now."""
    failed: set[int] = set()
    if letters:
        result.letters_path = str(written.combined) if written.combined and written.letters_error is None else None
    for job in letters:
        _record_outcome(session, now, job, _letter_outcome(written, job), result, failed, keep_file=False)
    texts = [j for j in texts if j.reminder_id not in failed]
    if texts:
        result.sms_path = str(written.csv) if written.csv and written.sms_error is None else None
    for job in texts:
        _record_outcome(session, now, job, _sms_outcome(written, job), result, failed, keep_file=True)
    return failed


def _record_outcome(session: Session, now: dt.datetime, job: DeliveryJob, outcome, result: DeliveryResult,
                    failed: set[int], *, keep_file: bool) -> None:
    kind, value, permanent = outcome
    for rid in job.reminder_ids:
        r = session.get(Reminder, rid)
        if r is None or r.state != "queued":
            failed.add(job.reminder_id)
        elif kind == "settled":
            failed.add(job.reminder_id)
            mark_settled(session, r, result)
        elif kind == "fail":
            failed.add(job.reminder_id)
            _fail(session, r, now, value, result, permanent=permanent)
        elif not (keep_file and r.file_path):
            r.file_path = value


Sessions = Session | Callable[[], Session]


@contextmanager
def _step(sessions: Sessions):
    """One short transaction from a session factory, committed on leaving; in a given session, a flush."""
    if isinstance(sessions, Session):
        yield sessions
        sessions.flush()
        return
    with sessions() as session, session.begin():
        yield session


def _messages(rows: list[Reminder]) -> list[list[Reminder]]:
    """The due reminders grouped into messages: one per debtor per delivery (its currencies, and a reminder held
    from an earlier run, together, on all their channels), the highest level first; in the order of the first
    reminder of each."""
    groups: dict[int, list[Reminder]] = {}
    for r in rows:
        groups.setdefault(r.customer_id, []).append(r)
    return [sorted(g, key=lambda r: (-(r.level.sequence if r.level else 0), r.id)) for g in groups.values()]


def _union(bundle: list[Reminder]) -> tuple[str, ...]:
    """The channels of one message: those of its reminders together, the first's first."""
    return tuple(dict.fromkeys(ch for r in bundle for ch in r.channels.split(",")))


class _RulesAtDelivery:
    """The contact rules checked again at the moment of delivery, for each message: the window, the holidays
    and the caps of the debtor's profile against the contacts actually made (and those of this delivery). A
    message the rules do not allow now waits, queued, for the next permitted moment (its send_at moves)."""

    def __init__(self, session: Session, customers: dict[int, Customer], now: dt.datetime):
        from app.ledger.company import get_setting

        from . import contact_rules

        self.rules = contact_rules
        self.session, self.customers, self.now = session, customers, now
        self.setting = get_setting(session, "contact_rules.country")
        self.log = contact_rules.contact_histories(session, list(customers), queued=False) if customers else {}

    def hold(self, bundle: list[Reminder], channels, result: DeliveryResult) -> bool:
        from app.models import CustomerReminderSettings

        first = bundle[0]
        customer = self.customers[first.customer_id]
        profile = self.rules.profile_for(self.setting, customer.country)
        own = self.session.get(CustomerReminderSettings, customer.id)
        zone = self.rules.debtor_zone(profile, customer.country, own.timezone if own else None)
        log = self.log.setdefault(customer.id, [])
        moment = self.rules.contact_moment(profile, channels, self.now, log, zone=zone, country=customer.country)
        if moment.send_at > self.now:
            for r in bundle:
                r.send_at, r.hold_reason, r.hold_reason_es = moment.send_at, moment.hold, moment.hold_es
            result.held_at_delivery += len(bundle)
            return True
        log.extend(self.rules.Contact(ch, self.now) for ch in channels if ch not in ("call",) + BY_HAND)
        return False


def _count_message(result: DeliveryResult, channels, *, email: bool) -> None:
    """What left, in the words the user reads: e-mails sent (accepted by the SMTP server), letters written,
    SMS texts exported for the gateway; a call is a task made for a collector."""
    if email and "email" in channels:
        result.emails_sent += 1
    if "letter" in channels:
        result.letters_written += 1
    if "sms" in channels:
        result.sms_exported += 1
    if "call" in channels:
        result.calls_planned += 1


def _count_sending(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Reminder).where(Reminder.state == "sending")) or 0


def new_message_id(sender) -> str:
    """A Message-ID on the sender's domain (the SMTP From), made before the e-mail leaves."""
    return make_msgid(domain=getattr(sender, "message_domain", None) or "cobranza.invalid")


def _deliver_email(sessions: Sessions, reminder_id: int, job: DeliveryJob, now: dt.datetime, sender,
                   result: DeliveryResult) -> None:
    """One e-mail, exactly once: marked "sending" with its Message-ID and committed, sent with no transaction
    open, then marked sent and committed. A crash in between leaves it "sending": never resent by itself,
    listed as "may have been sent" for a person to check and release (`release_reminders`). The e-mail covers
    every reminder of the message (the debtor's currencies in this run): they share its state and Message-ID."""
    with _step(sessions) as session:
        rows = [r for r in (session.get(Reminder, rid) for rid in job.reminder_ids) if r is not None]
        rows = [r for r in rows if r.state == "queued"]
        if not rows or rows[0].id != reminder_id:  # another sender took it meanwhile
            return
        message_id = next((r.message_id for r in rows if r.message_id), None) or new_message_id(sender)
        for r in rows:  # the Message-ID is kept when a released e-mail goes again
            r.message_id, r.state = message_id, "sending"
        ids = [r.id for r in rows]
    job = replace(job, message_id=message_id, also=tuple(j for j in job.also if j.reminder_id in ids))
    try:
        accepted = sender(job)
    except NothingDue:
        with _step(sessions) as session:
            for rid in ids:
                mark_settled(session, session.get(Reminder, rid), result)
        return
    except PermanentDeliveryError as exc:  # retrying cannot fix it: failed now, with the reason
        with _step(sessions) as session:
            for rid in ids:
                r = session.get(Reminder, rid)
                r.state = "queued"
                _fail(session, r, now, str(exc), result, permanent=True)
        return
    except Exception as exc:  # noqa: BLE001 - any channel error is stored and retried
        with _step(sessions) as session:
            if getattr(exc, "maybe_delivered", False):  # the connection broke after the data went out
                for rid in ids:
                    r = session.get(Reminder, rid)
                    r.error = (f"may have been sent: {type(exc).__name__}: {exc}; check the mailbox, then "
                               f"`cobranza reminders release {r.id}` (or --mark-sent)")[:2000]
                result.may_have_been_sent += len(ids)
                result.failed += len(ids)
                return
            for rid in ids:
                r = session.get(Reminder, rid)
                r.state = "queued"
                _fail(session, r, now, f"{type(exc).__name__}: {exc}", result)
        return
    with _step(sessions) as session:
        customer = None
        for n, rid in enumerate(ids):
            r = session.get(Reminder, rid)
            customer = customer or session.get(Customer, r.customer_id)
            mark_sent(session, r, customer, now, accepted or message_id, result, contact=n == 0,
                      channels=job.channels)
        _count_message(result, job.channels, email=True)


def release_reminders(session: Session, ids, *, mark_as_sent: bool = False, now: dt.datetime | None = None) -> int:
    """Reminders left "sending" (they may have gone out): after a person checked, back to the queue (sent
    again, with the same Message-ID) or, with `mark_as_sent`, recorded as sent. All or none."""
    ids = list(ids)
    rows = {r.id: r for r in session.scalars(select(Reminder).where(Reminder.id.in_(ids)))}
    for reminder_id in ids:
        r = rows.get(reminder_id)
        if r is None:
            raise LedgerError(f"There is no reminder #{reminder_id}: see `cobranza reminders history`.", field="id")
        if r.state != "sending":
            raise LedgerError(f"Reminder #{r.id} is {r.state}; only a reminder that may have been sent "
                              "(state sending) can be released or marked sent.", field="state")
    now = now or config.now()
    logged: set = set()  # one message (one Message-ID) covering several currencies is one contact
    for reminder_id in ids:
        r = rows[reminder_id]
        if mark_as_sent:
            first = r.message_id is None or r.message_id not in logged
            logged.add(r.message_id)
            mark_sent(session, r, session.get(Customer, r.customer_id), now, r.message_id, DeliveryResult(),
                      contact=first)
        else:
            r.state, r.error, r.next_attempt_at = "queued", None, None
            audit.record(session, action="release", entity="reminder", entity_id=r.id,
                         before={"state": "sending"}, after={"state": "queued", "message_id": r.message_id})
    session.flush()
    return len(ids)





def default_letter_writer(session: Session, progress=None, cancel=None):
    """Letters through app.reminders.letters (see delivery.make_letter_writer)."""
    return delivery.make_letter_writer(session, progress=progress, cancel=cancel)


def default_sms_writer(session: Session):
    """SMS texts into a CSV for the gateway (see delivery.make_sms_writer)."""
    return delivery.make_sms_writer(session)


def channel_sender(session: Session):
    """A sender for e-mail over the SMTP settings; None when no SMTP server is set (e-mails then stay queued)."""
    return delivery.make_sender(session)
