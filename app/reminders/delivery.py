"""Wiring the outbox to the channels: the content of each reminder (app.reminders.content), its
templates with the user's overrides (templates), letters (letters) and e-mail (email_send, secrets).

Thin on purpose: each function turns a `DeliveryJob` into `ReminderContent` and hands it to a channel.
Content is read as of the day the reminder goes out (never before its run date), so a reminder held by
the contact rules does not ask for an item paid in the meantime; when nothing is left it is cancelled.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import config
from app.models import ReminderTemplate

from .jobs import DeliveryJob, NothingDue


def template_overrides(session: Session) -> dict[tuple[str, str, str, str], str]:
    """The user's template overrides: (level_key, channel, language, part) -> text."""
    return {(t.level_key, t.channel, t.language, t.part): t.text for t in session.scalars(select(ReminderTemplate))}


def set_template_override(session: Session, *, level_key: str, channel: str, language: str, part: str,
                          text: str | None) -> None:
    """Store (or, with None/empty text, remove) one override, in the audit log.

    The text is checked first (templates.validate_template: it compiles, renders for the sample reminder and
    keeps to the sandbox's limits for any customer); a TemplateError names what is wrong and nothing is saved.
    """
    from app.ledger import audit

    from .templates import validate_template

    row = session.scalars(select(ReminderTemplate).where(
        ReminderTemplate.level_key == level_key, ReminderTemplate.channel == channel,
        ReminderTemplate.language == language, ReminderTemplate.part == part)).first()
    key = {"level_key": level_key, "channel": channel, "language": language, "part": part}
    before = {**key, "text": row.text} if row is not None else None
    if not text:
        if row is not None:
            audit.record(session, action="delete", entity="template", entity_id=row.id, before=before)
            session.delete(row)
        return
    validate_template(text, part, channel=channel, language=language, level_key=level_key)
    if row is None:
        row = ReminderTemplate(level_key=level_key, channel=channel, language=language, part=part, text=text)
        session.add(row)
    row.text, row.updated_at = text, config.now()
    session.flush()
    audit.record(session, action="update" if before else "create", entity="template", entity_id=row.id,
                 before=before, after={**key, "text": text})


def template_source(session: Session, *, level_key: str, channel: str, language: str, part: str) -> tuple[str, bool]:
    """(the text in use, True when it is the user's override rather than the shipped default)."""
    from .templates import default_source

    custom = template_overrides(session).get((level_key, channel, language, part))
    if custom is not None:
        return custom, True
    return default_source(level_key, channel, language, part), False


def largest_overdue_customer(session: Session, as_of) -> str | None:
    """The customer owing the most overdue (in its own currency): the template editor previews with it."""
    from sqlalchemy import and_, func

    from app.ledger.balances import invoice_exists_as_of, open_as_of
    from app.models import Customer, DueLine, Invoice

    o = open_as_of(as_of)
    row = session.execute(
        select(Customer.code, func.sum(o.open).label("overdue"))
        .select_from(DueLine).join(Invoice, DueLine.invoice_id == Invoice.id)
        .join(Customer, and_(Customer.id == Invoice.customer_id, Customer.currency == Invoice.currency))
        .outerjoin(o.later, o.onclause)
        .where(o.may_be_open(), invoice_exists_as_of(as_of), DueLine.due_date < as_of, Invoice.disputed.is_(False))
        .group_by(Customer.code).order_by(func.sum(o.open).desc(), Customer.code).limit(1)).first()
    return row[0] if row and row[1] and row[1] > 0 else None


def preview_template(session: Session, text: str, *, level_key: str, channel: str, language: str, part: str,
                     customer_code: str | None = None, as_of=None) -> tuple[str, str]:
    """The template editor's live preview: (rendering, who it was rendered for). The text is checked against
    the sample reminder first (TemplateError names the line at fault), then rendered for the customer's real
    overdue items when one is given and has any."""
    from dataclasses import replace

    from .content import build_content
    from .policy import list_policies
    from .templates import render, validate_template

    sample = validate_template(text, part, channel=channel, language=language, level_key=level_key)
    if not customer_code:
        return sample, "sample"
    from app.ledger.customers import get_customer

    customer = get_customer(session, customer_code)
    # read only (the editor previews on a reader): the level's number and name from any policy having it
    level = next((lv for p in list_policies(session) for lv in p.levels if lv.key == level_key), None)
    content = build_content(
        session, customer_code=customer.code, currency=customer.currency, as_of=as_of or config.today(),
        level=level.sequence if level else 1, level_name=level.name(language) if level else level_key,
        channel=channel, level_key=level_key)
    if not content.items:
        return sample, "sample"
    content = replace(content, language=language)
    return render(text, content, part=part, name=f"{level_key}/{channel}/{language}/{part} (draft)"), customer.code


def content_for(session: Session, job: DeliveryJob, channel: str):
    """What the message says, read as of the day it goes out: the job's reminder and, in the same message, the
    debtor's reminders of the run in its other currencies (`job.also`). NothingDue when all was settled."""
    from .content import build_content, combine_contents

    contents = []
    for one in (job, *job.also):
        content = build_content(
            session, customer_code=one.customer_code, currency=one.currency, as_of=job.deliver_on or job.as_of,
            level=one.level_sequence, level_name=one.level_name, channel=channel,
            item_due_line_ids=[i.due_line_id for i in one.items], fee_minor=one.fee_minor, level_key=one.level_key)
        if content.items:
            contents.append(content)
    if not contents:
        raise NothingDue(f"reminder #{job.reminder_id}: every item was settled before it went out")
    return combine_contents(contents)


def statement_attachment(session: Session, customer_code: str, as_of) -> tuple[str, bytes, str]:
    """The customer's statement of account as of the sending day, as an e-mail attachment."""
    import tempfile

    from app.reports.statement import render_statement, statement_filename

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / statement_filename(customer_code, as_of)
        render_statement(session, customer_code, as_of=as_of, out=path)
        return path.name, path.read_bytes(), "application/pdf"


def _contents(session: Session, jobs: list[DeliveryJob], channel: str, outcome: dict):
    """(job, content) for each job of a letters or SMS batch; a job whose items were all settled meanwhile gets
    None in `outcome` (the outbox cancels it) and is left out."""
    for job in jobs:
        try:
            yield job, content_for(session, job, channel)
        except NothingDue:
            outcome[job.reminder_id] = None


def _batch_file(directory, prefix: str, jobs: list[DeliveryJob], ext: str) -> Path:
    """The one file of a delivery's letters or SMS texts: <prefix>-<run date>-<HHMMSS>.<ext>."""
    stamp = max(j.as_of for j in jobs).isoformat()
    return Path(directory) / f"{prefix}-{stamp}-{config.now():%H%M%S}.{ext}"


def make_letter_writer(session: Session, progress=None, cancel=None):
    """letter_writer(jobs, directory) for the outbox: one combined PDF for printing, one file per customer.
    `progress(done, total)` counts the letters; `cancel()` stops the batch (LettersCancelled, no file)."""
    from .letters import letter_text, render_letters
    from .templates import TemplateLimitError

    overrides = template_overrides(session)

    def write(jobs: list[DeliveryJob], directory: Path):
        paths: dict[int, str | None | Exception] = {}
        contents, kept, texts = [], [], []
        for job, content in _contents(session, jobs, "letter", paths):
            try:
                texts.append(letter_text(content, overrides=overrides))
            except TemplateLimitError as exc:  # that letter alone is skipped, with the reason
                paths[job.reminder_id] = exc
                continue
            contents.append(content)
            kept.append(job)
        if not contents:
            return paths, None
        combined = _batch_file(directory, "letters", jobs, "pdf")
        result = render_letters(contents, combined_path=combined, per_customer_dir=Path(directory) / "customers",
                                texts=texts, progress=progress, cancel=cancel)
        for job, path in zip(kept, result.files):
            paths[job.reminder_id] = str(path)
        return paths, str(result.combined_path)

    return write


def make_sms_writer(session: Session):
    """sms_writer(jobs, directory) for the outbox: one CSV (phone in E.164, customer code, message) for the
    SMS gateway. Per reminder: "ok", None when everything was settled meanwhile, or the problem (a phone
    that cannot be dialled) so that reminder fails alone and the others go out."""
    from .sms import export_sms_csv
    from .templates import TemplateLimitError, render_message
    from .whatsapp import InvalidPhoneError, normalize_phone

    overrides = template_overrides(session)

    def write(jobs: list[DeliveryJob], directory: Path):
        outcome: dict[int, str | None] = {}
        rows = []
        for job, content in _contents(session, jobs, "sms", outcome):
            try:
                phone = normalize_phone(job.phone, content.customer_country or "PE")
            except InvalidPhoneError as exc:
                outcome[job.reminder_id] = str(exc)
                continue
            try:
                text = render_message(job.level_key, "sms", content, overrides=overrides).text
            except TemplateLimitError as exc:  # that text alone is skipped, with the reason
                outcome[job.reminder_id] = exc
                continue
            rows.append((phone, job.customer_code, text))
            outcome[job.reminder_id] = "ok"
        if not rows:
            return outcome, None
        path = _batch_file(directory, "sms", jobs, "csv")
        export_sms_csv(rows, path)
        return outcome, str(path)

    return write


def make_sender(source):
    """sender(job) -> Message-ID for the e-mail channel, over the SMTP settings and the keyring password.
    None when no SMTP server is configured (e-mails then stay queued).

    `source`: a Session, or a factory of (reader) sessions: then each e-mail is built in its own short read
    session, closed before the SMTP connection opens, so no transaction is held while the server answers.
    The message carries `job.message_id` when the outbox stored one before sending."""
    from .email_send import (
        EmailConfigError,
        SendError,
        _domain,
        build_email,
        load_smtp_settings,
        send_email,
    )
    from .errors import PermanentDeliveryError
    from .secrets import SecretStoreError, get_secret
    from .templates import render_message

    with _reading(source) as session:
        try:
            settings = load_smtp_settings(session)
        except EmailConfigError:
            return None
        overrides = template_overrides(session)
    try:
        password = get_secret("smtp")
    except SecretStoreError:
        password = None

    def send(job: DeliveryJob) -> str | None:
        message_id = None
        for channel in job.channels:
            if channel != "email":
                continue  # letters are written by the letter writer; SMS/WhatsApp go out from the Reminders view
            with _reading(source) as session:
                content = content_for(session, job, "email")
                rendered = render_message(job.level_key, "email", content, overrides=overrides)
                attachments = [statement_attachment(session, job.customer_code, content.as_of)]
            message = build_email(content, rendered, sender=settings.sender, attachments=attachments)
            if job.message_id:
                del message["Message-ID"]
                message["Message-ID"] = job.message_id
            try:
                message_id = send_email(message, settings, password)
            except SendError as exc:
                if exc.kind == "rejected" and not exc.temporary:  # a 5xx refusal, an address it cannot carry
                    raise PermanentDeliveryError(f"e-mail refused: {exc}") from exc
                raise
        return message_id

    send.message_domain = _domain(settings.sender)
    return send


@contextmanager
def _reading(source):
    """The given session, or a new one from the factory, closed (its read transaction ended) on leaving."""
    if isinstance(source, Session):
        yield source
        return
    with source() as session:
        yield session
