"""The reminder run: who gets which reminder today, through which channel, and when.

`plan_run` decides (and writes nothing but, when missing, the default policy); `execute_run` stores
the reminders of a plan (queued, or draft when they wait for approval), then hands the ones whose
moment has come to the outbox. The rules (docs/reminders.md):

- one reminder per customer per currency per run, covering its overdue items, at the highest level
  any of them has reached;
- an item climbs one level at a time, and only after its previous level was actually sent; levels
  before the due date are skipped for items already past due;
- a customer's reminders keep a minimum gap (per level, default 5 days);
- skipped, with the reason: disputed items, items in an active payment agreement, customers on hold or
  paused, customers whose unapplied credit covers the overdue amount, amounts under the level's minimum,
  items already reminded at their level (or waiting for a reminder not yet sent);
- no e-mail address: a letter instead; the moment of sending obeys the contact rules;
- a run may not be dated before the latest run; a fee is charged at most once per item and level.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from operator import itemgetter
from typing import Callable, NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import BigInteger, Date, cast, func, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from app import config
from app.collections.agreements import invoices_in_active_agreements
from app.collections.timeline import TimelineEntry
from app.ledger import audit
from app.ledger import company as company_mod
from app.ledger.bulk import bulk_objects, release
from app.ledger.balances import open_as_of_in, unapplied_credit_by_customer, unindexed
from app.ledger.customers import get_customer_row
from app.ledger.errors import LedgerError
from app.ledger.money import percent_of, to_str
from app.ledger.sqlfuncs import days_between
from app.ledger.progress import Progress, report
from app.models import (
    Customer,
    CustomerReminderSettings,
    DueLine,
    Invoice,
    Reminder,
    ReminderLevel,
    ReminderLine,
    ReminderPolicy,
    ReminderRun,
)

from . import contact_rules, outbox
from .errors import UnknownReminderError
from .preview_lines import plan_json
from .policy import LevelView, ensure_default_policy, level_view
from .segment_policy import PolicyChooser
from .whatsapp_send import pending_whatsapp_links
from .words import status_text

PENDING_STATES = ("draft", "queued")
APPROVE_ALL = "all"  # execute_run(approve=APPROVE_ALL): every planned reminder, the user having reviewed them
LIVE_STATES = ("draft", "queued", "sending", "sent")  # "sending": may have gone out, waits for a person
CHARGE_KINDS = ("fee", "interest")


PROGRESS_EVERY = 1000  # customers planned between two progress reports
# reminders stored between two flushes: the Session writes them in multi-row INSERTs (a flush per reminder made a
# run of 64,675 reminders at 1M invoices take 73 s)
STORE_FLUSH_EVERY = 500


class RunBeforeLatestError(LedgerError):
    field = "as_of"

    def __init__(self, as_of: dt.date, latest: dt.date):
        super().__init__(
            f"A reminder run cannot be dated {as_of.isoformat()}, before the latest run ({latest.isoformat()}): "
            f"it would decide on a state already acted upon. Run it as of {latest.isoformat()} or later.")
        self.as_of, self.latest = as_of, latest


# --- what a plan looks like -----------------------------------------------------------------------


class PlannedItem(NamedTuple):
    """One item of a planned reminder. Immutable like the plan's dataclasses, but a tuple: a run over a large
    book plans hundreds of thousands of them (a frozen dataclass costs ten object.__setattr__ each)."""

    due_line_id: int
    invoice_number: str
    kind: str
    due_date: dt.date
    open_minor: int
    days_overdue: int
    level_sequence: int | None
    level_key: str | None
    climbed: bool  # True: this reminder moves the item up to level_key
    fee_minor: int = 0


class PlannedReminder(NamedTuple):
    """One line of the preview: a reminder to be stored, or a skip with its reason (`blocked`). A tuple built once
    with every field, like PlannedItem: a run over a large book plans 76,000 of them (as frozen dataclasses, each
    an object and its __dict__, completed field by field, then copied into the preview's columns)."""

    key: str  # "CUSTOMER/CURRENCY" (a skip of some items: "CUSTOMER/CURRENCY/reason")
    customer_id: int
    customer_code: str
    customer_name: str
    language: str
    currency: str
    level_id: int | None
    level_key: str | None
    level_sequence: int | None
    level_name: str | None
    channels: tuple[str, ...]
    items: tuple[PlannedItem, ...]
    amount_minor: int
    fee_minor: int
    blocked: str | None
    blocked_es: str | None = None
    send_at: dt.datetime | None = None
    hold_reason: str | None = None
    hold_reason_es: str | None = None
    call_window: str | None = None
    contact_profile: str | None = None
    needs_approval: bool = False  # the level needs manual approval
    # approved by itself: the policy sends automatically and the level needs no approval; otherwise the
    # preview leaves it unticked ("review before sending") and a run without explicit approval stores a draft
    pre_approved: bool = False
    policy_code: str | None = None
    # which policy applied and why ("policy STRICT by segment C-high"): the preview shows it
    policy_reason: str | None = None
    policy_reason_es: str | None = None
    # the level's name in both languages (level_name is the customer's): the preview shows the UI's
    level_name_es: str | None = None
    level_name_en: str | None = None

    def as_json(self) -> dict:
        """The CLI's --dry-run contract."""
        return plan_json(self, [i.invoice_number for i in self.items])


@dataclass(frozen=True)
class RunSummary:
    run_id: int | None
    as_of: dt.date
    at: dt.datetime
    planned: int  # reminders the plan proposed
    blocked: int  # preview lines skipped with a reason
    queued: int  # new reminders queued
    drafts: int  # new reminders waiting for approval
    held: int  # new reminders whose moment is later (contact rules)
    sent: int  # reminders done during this run (new and earlier ones whose moment came): see emails_sent etc.
    failed: int  # delivery failures (will be retried) during this run
    fees_minor: dict = field(default_factory=dict)  # currency -> fee charged on reminders sent in this run
    letters_path: str | None = None
    cancelled: bool = False
    reminder_ids: tuple[int, ...] = ()
    waiting_for_means: int = 0  # due, but no letters directory or e-mail settings for one of their channels
    settled: int = 0  # cancelled at delivery: paid in the meantime
    sms_path: str | None = None  # the CSV of SMS texts for the gateway
    whatsapp_links: tuple[tuple[int, str, str], ...] = ()  # (reminder id, customer code, wa.me link) to open
    may_have_been_sent: int = 0  # e-mails left "sending" by a crash or a broken connection: a person checks
    held_at_delivery: int = 0  # due, but the contact rules checked at delivery say later: they wait, queued
    # what left, per message, in the words the user reads: "sent" only for e-mails the SMTP server accepted
    emails_sent: int = 0
    letters_written: int = 0
    sms_exported: int = 0
    calls_planned: int = 0

    def delivered_words(self) -> str:
        """'3 e-mail(s) sent, 2 letter(s) written, 0 SMS exported' (the WhatsApp chats are opened by a person)."""
        parts = [f"{self.emails_sent} e-mail(s) sent", f"{self.letters_written} letter(s) written"]
        if self.sms_exported:
            parts.append(f"{self.sms_exported} SMS exported for the gateway")
        if self.calls_planned:
            parts.append(f"{self.calls_planned} call task(s) made")
        return ", ".join(parts)

    def lines(self) -> list[str]:
        out = [f"run {self.run_id or '-'} as of {self.as_of.isoformat()}: {self.planned} reminder(s) planned, "
               f"{self.queued} queued, {self.drafts} awaiting approval, {self.held} held by contact rules, "
               f"{self.blocked} skipped",
               f"delivered: {self.delivered_words()}; {self.sent} reminder(s) done, {self.failed} failed (will retry)"
               + (f", {self.settled} cancelled (settled meanwhile)" if self.settled else "")
               + (f", {self.held_at_delivery} held at delivery by the contact rules (they wait for the next "
                  f"permitted moment)" if self.held_at_delivery else "")
               + (f", {self.waiting_for_means} waiting for e-mail settings or a letters directory"
                  if self.waiting_for_means else "")]
        if self.drafts:
            out.append(f"{self.drafts} reminder(s) wait for your review: `cobranza reminders approve ID...` (see "
                       "`cobranza reminders history --state draft`), or run with --approve KEY / --approve-all")
        for cur, amount in sorted(self.fees_minor.items()):
            out.append(f"fees charged: {to_str(amount, cur)} {cur}")
        if self.letters_path:
            out.append(f"letters: {self.letters_path}")
        if self.sms_path:
            out.append(f"SMS texts for the gateway: {self.sms_path}")
        if self.whatsapp_links:
            out.append(f"WhatsApp chats to open ({len(self.whatsapp_links)}; open each from the Reminders page or "
                       f"with `cobranza reminders whatsapp --open ID`, which records it as opened):")
            out.extend(f"  #{rid} {code}: {link}" for rid, code, link in self.whatsapp_links)
        if self.may_have_been_sent:
            out.append(f"{self.may_have_been_sent} e-mail(s) may have been sent (interrupted while sending): they "
                       "are not sent again by themselves; see `cobranza reminders history --state sending`, check "
                       "the mailbox, then `cobranza reminders release ID...` (send again) or add --mark-sent")
        if self.cancelled:
            out.append("the run was cancelled before it finished")
        return out


@dataclass(frozen=True)
class HistoryLine:
    invoice_number: str
    due_date: dt.date
    amount_minor: int
    days_overdue: int
    level_key: str
    climbed: bool
    fee_minor: int


@dataclass(frozen=True)
class ReminderHistory:
    id: int
    run_id: int
    as_of: dt.date
    customer_code: str
    currency: str
    level_key: str
    level_name_es: str
    level_name_en: str
    channels: tuple[str, ...]
    state: str
    amount_minor: int
    fee_minor: int
    send_at: dt.datetime | None
    sent_at: dt.datetime | None
    hold_reason: str | None
    call_window: str | None
    file_path: str | None
    message_id: str | None
    error: str | None
    attempts: int
    lines: tuple[HistoryLine, ...]
    pending_channels: tuple[str, ...] = ()  # what a person still has to do (open the WhatsApp chat)


# --- helpers ----------------------------------------------------------------------------------------


def local_zone(session: Session) -> dt.tzinfo:
    """The zone the office works in: the company's country's, else the machine's (UTC when unknown)."""
    company = company_mod.get_company(session)
    if company and company.country in contact_rules.COUNTRY_ZONES:
        return ZoneInfo(contact_rules.COUNTRY_ZONES[company.country])
    return config.now().astimezone().tzinfo  # the machine's own zone


def run_moment(session: Session, as_of: dt.date, hhmm: str | None) -> dt.datetime:
    """`--at HH:MM` on `as_of` in the office's zone (default: now), as an aware datetime."""
    zone = local_zone(session)
    if hhmm is None:
        now = config.now().astimezone(zone)
        return dt.datetime.combine(as_of, now.time().replace(microsecond=0), tzinfo=zone)
    try:
        hour, minute = (int(x) for x in hhmm.split(":"))
        moment = dt.time(hour, minute)
    except ValueError:
        raise LedgerError(f"'{hhmm}' is not a time; write it as HH:MM (e.g. 09:30).", field="at") from None
    return dt.datetime.combine(as_of, moment, tzinfo=zone)


def latest_run_date(session: Session) -> dt.date | None:
    return session.scalar(select(func.max(ReminderRun.as_of)))


def check_run_date(session: Session, as_of: dt.date) -> None:
    latest = latest_run_date(session)
    if latest is not None and as_of < latest:
        raise RunBeforeLatestError(as_of, latest)


def _policy_levels(session: Session) -> tuple[int, dict[int, list[LevelView]], dict[int, str], dict[int, bool]]:
    """(default policy id, levels per policy id, code per policy id, "send automatically" per policy id)."""
    default = ensure_default_policy(session)
    by_policy: dict[int, list[LevelView]] = {}
    codes: dict[int, str] = {}
    auto: dict[int, bool] = {}
    for policy in session.scalars(select(ReminderPolicy).options(selectinload(ReminderPolicy.levels))):
        by_policy[policy.id] = [level_view(lv) for lv in policy.levels]
        codes[policy.id] = policy.code
        auto[policy.id] = bool(policy.send_automatically)
    return default.id, by_policy, codes, auto


@dataclass
class _ItemHistory:
    sent_seq: int = 0
    pending: tuple[int, str, dt.datetime | None, str] | None = None  # (reminder id, state, send_at, level key)
    fee_levels: set = field(default_factory=set)  # level ids a fee was charged for


def _history(session: Session, customer_ids: list[int]) -> tuple[dict[int, _ItemHistory], dict[int, dt.date]]:
    """Per due line: the highest level sent, a reminder still pending, the levels already charged.
    Per customer: the date of the latest live reminder (for the gap). Every live reminder is read, not those
    of `customer_ids` (the planner looks up only its customers' lines): at 1M invoices those were 70,000 bound
    parameters, a third of a second to compile for tables that may be empty."""
    items: dict[int, _ItemHistory] = {}
    last: dict[int, dt.date] = {}
    if not customer_ids:
        return items, last
    # the reminders not sent yet once each, with their moment; the lines (270,000 after a run at 1M invoices) as
    # the driver's rows: a Row per line, its moment and date converted, took a second
    pending = {rid: (rid, state, send_at, key) for rid, state, send_at, key in session.execute(
        select(Reminder.id, Reminder.state, Reminder.send_at, Reminder.level_key)
        .where(Reminder.state.in_([s for s in LIVE_STATES if s != "sent"])))}
    rows = session.connection().execute(
        select(ReminderLine.due_line_id, ReminderLine.level_sequence, ReminderLine.level_id, ReminderLine.fee_minor,
               ReminderLine.climbed, Reminder.id, Reminder.state)
        .join(Reminder, ReminderLine.reminder_id == Reminder.id)
        .where(Reminder.state.in_(LIVE_STATES))
    ).cursor.fetchall()
    for line_id, seq, level_id, fee, climbed, rid, state in rows:
        h = items.get(line_id)
        if h is None:
            h = items[line_id] = _ItemHistory()
        if state == "sent":
            if seq > h.sent_seq:
                h.sent_seq = seq
            if fee:
                h.fee_levels.add(level_id)
        elif climbed:
            h.pending = pending[rid]
    for cust, as_of in session.execute(
        select(Reminder.customer_id, func.max(Reminder.as_of))
        .where(Reminder.state.in_(("queued", "sending", "sent")))
        .group_by(Reminder.customer_id)
    ):
        last[cust] = as_of
    return items, last


def _channels(level: LevelView, customer: _Debtor, settings: CustomerReminderSettings | None) -> tuple[str, ...]:
    """The level's channels the customer can receive: no e-mail address (or phone) -> a letter instead."""
    allowed = set(settings.authorised_channels.split(",")) if settings and settings.authorised_channels else None
    out: list[str] = []
    for ch in level.channels:
        if allowed is not None and ch not in allowed and ch != "letter":
            ch = "letter"
        if ch == "email" and not (customer.email or "").strip():
            ch = "letter"
        if ch in ("sms", "whatsapp", "call") and not (customer.phone or "").strip():
            ch = "letter"
        if ch not in out:
            out.append(ch)
    return tuple(out)


def _fee(level: LevelView, climbing: list[PlannedItem], history: dict[int, _ItemHistory]) -> list[int]:
    """Fee per climbing item (0 where the item was already charged at this level)."""
    fees = [0] * len(climbing)
    if level.fee_kind not in ("percent", "fixed"):  # no fee at this level (the default policy's levels)
        return fees
    none: frozenset = frozenset()
    charged = {it.due_line_id: h.fee_levels if (h := history.get(it.due_line_id)) is not None else none
               for it in climbing}
    chargeable = [i for i, it in enumerate(climbing)
                  if it.kind not in CHARGE_KINDS and level.id not in charged[it.due_line_id]]
    if level.fee_kind == "percent":
        for i in chargeable:
            fees[i] = percent_of(climbing[i].open_minor, Decimal(level.fee_value))
    elif level.fee_kind == "fixed" and chargeable:
        fees[chargeable[0]] = int(level.fee_value)
    return fees


def _money(amount: int, currency: str) -> str:
    return f"{to_str(amount, currency)} {currency}"


class _Open(NamedTuple):
    """The fields of an open item as planning reads it, in the order of the driver's row: the rows are kept as
    the driver gives them (plain tuples, read by position: a run reads every open line of the book); their first
    four fields are each customer's order (SQLite's rows are sorted in Python: see _open_items_all)."""

    due_date: dt.date | str  # as the driver gives it: ISO text on SQLite (_Dates makes it a date)
    invoice_number: str
    sequence: int
    due_line_id: int
    kind: str
    currency: str
    open_minor: int
    days_overdue: int
    disputed: bool | int  # 0/1 on SQLite
    invoice_id: int
    customer_id: int


_CURRENCY = _Open._fields.index("currency")  # the rows are the driver's tuples: by position
_CUSTOMER = _Open._fields.index("customer_id")


class _Dates(dict):
    """A due date as the driver gives it -> the date (ISO text converted once per date)."""

    def __missing__(self, due):
        date = self[due] = due if isinstance(due, dt.date) else dt.date.fromisoformat(due[:10])
        return date


def _open_items_all(session: Session, as_of: dt.date,
                    due_by: dt.date | None = None) -> tuple[dict[int, list[_Open]], set[int]]:
    """Every customer's open items as of a date in one query, read through the receivable engine
    (app.ledger.balances: `open_as_of_in(...).lines`, the covering index of open lines alone when nothing
    is allocated after the date). `due_by`: only the items due by then or already in a reminder (the others
    cannot reach any level yet): a filter on the open lines read, not an index walk over every line due by
    then (the due date unindexed). Each customer's items by due date, invoice number and line; and the customers
    whose items are in more than one currency."""
    o = open_as_of_in(session, as_of)
    q = o.lines(DueLine.due_date, Invoice.number, DueLine.sequence, DueLine.id, Invoice.kind, Invoice.currency,
                cast(o.open, BigInteger).label("open"), days_between(literal(as_of, Date), DueLine.due_date),
                Invoice.disputed, Invoice.id, Invoice.customer_id)
    if due_by is not None:
        q = q.where(or_(unindexed(DueLine.due_date) <= due_by, DueLine.id.in_(select(ReminderLine.due_line_id))))
    connection = session.connection()
    in_python = connection.dialect.name == "sqlite"
    if not in_python:  # the database's collation orders the invoice numbers: it sorts
        q = q.order_by(Invoice.customer_id, DueLine.due_date, Invoice.number, DueLine.sequence)
    # the driver's own rows (the result's cursor), not SQLAlchemy's, and kept as they are (_Open): 270,000 rows at
    # 1M invoices, where making a Row, then an item, per row and converting each date cost half the read
    rows = connection.execute(q).cursor.fetchall()
    by_customer: dict[int, list] = {}
    for row in rows:  # the rows by customer, each customer's in the order read
        group = by_customer.get(row[_CUSTOMER])
        if group is None:
            by_customer[row[_CUSTOMER]] = [row]
        else:
            group.append(row)
    del rows  # the list only: its rows are in the groups
    several: set[int] = set()
    currency = itemgetter(_CURRENCY)
    for cust, group in by_customer.items():
        if len(group) > 1:
            if in_python:
                # SQLite compares text by its bytes, as Python does: each customer's few lines sorted here rather
                # than all 270,000 in a temporary B-tree; (due date 'YYYY-MM-DD', number, sequence, line id)
                # leaves no ties
                group.sort()
            if len(set(map(currency, group))) > 1:
                several.add(cust)
    return by_customer, several


def _credits_all(session: Session, as_of: dt.date) -> dict[tuple[int, str], int]:
    """Unapplied credit per (customer, currency) as of a date: what payments, credit notes and write-offs
    dated by then leave unapplied then (app.ledger.balances.unapplied_credit_by_customer: only the documents with
    credit left today and the allocations dated after the date are read)."""
    rows = session.execute(select(unapplied_credit_by_customer(as_of)))
    return {(cust, cur): int(amount) for cust, cur, amount in rows if amount}


class _Debtor(NamedTuple):
    """What planning needs of a customer (read as plain rows, not ORM objects: 100,000 of them)."""

    id: int
    code: str
    name: str
    language: str
    country: str
    on_hold: bool
    email: str | None
    phone: str | None


def _debtors(session: Session, ids) -> list[_Debtor]:
    """The customers with these ids, by code (the driver's rows: see _open_items_all)."""
    wanted = set(ids)
    rows = session.connection().execute(
        select(Customer.id, Customer.code, Customer.name, Customer.language, Customer.country, Customer.on_hold,
               Customer.email, Customer.phone).order_by(Customer.code)).cursor.fetchall()
    make = tuple.__new__
    return [make(_Debtor, (i, code, name, lang, country, bool(hold), email, phone))
            for i, code, name, lang, country, hold, email, phone in rows if i in wanted]


# --- the plan ---------------------------------------------------------------------------------------


def plan_run(session: Session, *, as_of: dt.date, at: dt.datetime,
             extra_contacts: dict[int, list] | None = None, progress: Progress | None = None) -> list[PlannedReminder]:
    """Decide the run without storing reminders. Reminders first (by customer code, currency), each
    skip with its reason. `progress(done, total)` counts the customers planned (it may raise Cancelled)."""
    if at.tzinfo is None:
        raise ValueError("plan_run needs an aware `at`")
    # at 1M invoices a plan reads 270,000 open lines and makes 76,000 lines of hundreds of thousands of items,
    # none in a reference cycle: the cyclic collector, walking the whole heap again and again as it grew,
    # took as long as the planning itself
    with bulk_objects():
        return _plan(session, as_of, at, extra_contacts, progress)


class _Policy(NamedTuple):
    """A policy as planning applies it to a customer, with why it applies (one per policy choice)."""

    levels: list[LevelView]
    by_seq: dict[int, LevelView]
    candidates: dict  # (last level sent, past due) -> the next level an item may climb to, met so far
    code: str
    automatic: bool  # the policy sends automatically
    reason: str
    reason_es: str
    courtesy: bool  # a level before the due date


def _plan(session: Session, as_of: dt.date, at: dt.datetime, extra_contacts, progress) -> list[PlannedReminder]:
    check_run_date(session, as_of)
    default_id, levels_by_policy, policy_codes, policy_auto = _policy_levels(session)
    chooser = PolicyChooser(session)
    setting = company_mod.get_setting(session, "contact_rules.country")
    # an item with no reminder yet matters once it reaches the lowest level of any policy (a courtesy level
    # may come before the due date) or, a fee or interest charge, once past due
    earliest = min([lv.days for levels in levels_by_policy.values() for lv in levels] + [1])
    all_items, several = _open_items_all(session, as_of, as_of - dt.timedelta(days=earliest))
    presorted = session.connection().dialect.name == "sqlite"  # each customer's items in Python's order
    customers = _debtors(session, all_items)  # only those with something open can get a reminder
    settings = {s.customer_id: s for s in session.scalars(select(CustomerReminderSettings))}
    history, last_reminder = _history(session, [c.id for c in customers])
    in_agreement = invoices_in_active_agreements(session)
    planned_contacts: dict[int, list] = {k: list(v) for k, v in (extra_contacts or {}).items()}
    credits = _credits_all(session, as_of)
    contacts = contact_rules.contact_histories(session)
    moments: dict = {}  # contact moments of debtors with no contact yet, per profile, channels, zone, country
    level_maps: dict[int, tuple[dict, dict]] = {}  # per policy: its levels by sequence, the next levels met so far
    policies: dict = {}  # policy choice -> _Policy (one choice for most customers)
    by_segment = bool(chooser.mapping)
    default_choice = chooser.choose(0, None) if not by_segment else None
    places: dict = {}  # (country, own zone) -> contact profile and debtor zone (the same for most debtors)
    channel_sets: dict = {}  # (level, e-mail?, phone?, authorised channels) -> the channels
    no_contacts: list = []
    dates = _Dates()
    out: list[PlannedReminder] = []
    make = tuple.__new__
    report(progress, 0, len(customers))
    for done, customer in enumerate(customers, 1):
        if done % PROGRESS_EVERY == 0:
            report(progress, done, len(customers))
        items = all_items[customer.id]
        own = settings.get(customer.id)
        # no policy of its own and no policies by segment: the default choice (one object for all of them)
        own_policy = own.policy_id if own else None
        choice = chooser.choose(customer.id, own_policy) if own_policy or by_segment else default_choice
        policy = policies.get(choice)
        if policy is None:
            policy_id = choice.policy_id if choice.policy_id in levels_by_policy else default_id
            levels = levels_by_policy[policy_id]
            if policy_id not in level_maps:
                level_maps[policy_id] = ({lv.sequence: lv for lv in levels}, {})
            code = policy_codes[policy_id]
            policy = policies[choice] = _Policy(levels, *level_maps[policy_id], code, policy_auto[policy_id],
                                                choice.describe(code), choice.describe_es(code),
                                                any(lv.days < 0 for lv in levels))
        if customer.id in several:
            groups = [(cur, [i for i in items if i[_CURRENCY] == cur]) for cur in sorted({i[_CURRENCY] for i in items})]
        else:
            groups = ((items[0][_CURRENCY], items),)
        lines: list[list] = []
        proposals: list[list] = []
        for currency, group in groups:
            main, skips = _plan_group(customer, own, currency, group, policy, history, last_reminder, in_agreement,
                                      credits.get((customer.id, currency), 0), as_of, channel_sets, dates,
                                      presorted)
            if main is not None:
                lines.append(main)
                if main[_BLOCKED] is None:
                    proposals.append(main)
            if skips:
                lines.extend(skips)
        if proposals:
            _schedule(customer, own, proposals, at, setting, planned_contacts, contacts.get(customer.id, no_contacts),
                      moments, places)
        for values in lines:
            out.append(make(PlannedReminder, values))
    report(progress, len(customers), len(customers))
    release(customers)
    release(all_items)
    return out


_BLOCKED = PlannedReminder._fields.index("blocked")
_LEVEL_SEQUENCE = PlannedReminder._fields.index("level_sequence")
_CHANNELS = PlannedReminder._fields.index("channels")
_SEND_AT = PlannedReminder._fields.index("send_at")  # send_at, hold_reason(_es), call_window, contact_profile
_SCHEDULED = slice(_SEND_AT, _SEND_AT + 5)
assert PlannedReminder._fields[_SCHEDULED] == ("send_at", "hold_reason", "hold_reason_es", "call_window",
                                               "contact_profile")


def _line(customer, currency, policy: _Policy, level: LevelView | None, items, amount_minor: int, fee_minor: int,
          blocked: str | None, blocked_es: str | None, key: str, channels: tuple[str, ...] = (),
          needs_approval: bool = False) -> list:
    """A PlannedReminder's fields in order, as a list: scheduling fills send_at..contact_profile in place."""
    return [key, customer.id, customer.code, customer.name, customer.language, currency,
            level.id if level else None, level.key if level else None, level.sequence if level else None,
            level.name(customer.language) if level else None, channels, items, amount_minor, fee_minor,
            blocked, blocked_es, None, None, None, None, None, needs_approval,
            policy.automatic and not needs_approval, policy.code, policy.reason, policy.reason_es,
            level.name_es if level else None, level.name_en if level else None]



def _skip(customer, currency, items, reason, reason_es, suffix, policy: _Policy,
          level: LevelView | None = None) -> list:
    return _line(customer, currency, policy, level, tuple(items), sum(i.open_minor for i in items), 0, reason,
                 reason_es, f"{customer.code}/{currency}/{suffix}")


_tuple = tuple.__new__  # PlannedItem(...) without its Python-level __new__
_NO_HISTORY = _ItemHistory()  # an item never reminded (read only)


def _item_as_sent(it: _Open, sent_level: LevelView | None, dates: _Dates) -> PlannedItem:
    """The item (an _Open's fields: the driver's row) at the level last sent for it (None: never reminded), not
    climbing."""
    due_date, number, _seq, line_id, kind, _cur, open_minor, days_overdue, *_rest = it
    return _tuple(PlannedItem, (line_id, number, kind, dates[due_date], open_minor, days_overdue,
                                sent_level.sequence if sent_level else None, sent_level.key if sent_level else None,
                                False, 0))


def _plan_group(customer, own, currency, group, policy: _Policy, history, last_reminder, in_agreement,
                credit_minor, as_of, channel_sets: dict, dates: _Dates,
                presorted: bool = False) -> tuple[list | None, list]:
    """One customer's items in one currency: (the reminder, or None; the skips), each a PlannedReminder's fields
    (see _line). `channel_sets`: the channels per level and means of contact, kept across customers.
    `presorted`: the group is by due date and invoice number as Python compares them (SQLite's, see
    _open_items_all), so a part of it in its order needs no sorting."""
    levels, by_seq, candidates = policy.levels, policy.by_seq, policy.candidates
    skips: list[list] = []
    disputed: list[PlannedItem] = []
    agreed: list[PlannedItem] = []
    waiting: list[tuple[PlannedItem, tuple]] = []
    already: list[PlannedItem] = []  # overdue, already reminded at their level: listed again in a reminder
    climbing: list[PlannedItem] = []
    charges: list[PlannedItem] = []  # fee/interest charges: listed, never drive a level
    get_history = history.get if history else None  # no reminder history at all (a first run): no look-ups
    for it in group:
        due_date, number, _seq, line_id, kind, _cur, open_minor, days_overdue, is_disputed, invoice_id, _cust = it
        h = get_history(line_id, _NO_HISTORY) if get_history is not None else _NO_HISTORY
        past_due = days_overdue > 0
        if kind in CHARGE_KINDS:
            if past_due:
                charges.append(_item_as_sent(it, by_seq.get(h.sent_seq), dates))
            continue
        # the next level this item may climb to: one above the last sent; pre-due levels skipped once past due
        sent_seq = h.sent_seq
        known = (sent_seq, past_due)
        candidate = candidates.get(known, candidates)
        if candidate is candidates:  # not met yet for this policy
            candidate = candidates[known] = next(
                (lv for lv in levels if lv.sequence > sent_seq and not (past_due and lv.days < 0)), None)
        reached = candidate is not None and days_overdue >= candidate.days
        if not reached and sent_seq == 0:
            continue  # not yet due for any reminder
        if is_disputed:
            disputed.append(_item_as_sent(it, by_seq.get(sent_seq), dates))
        elif invoice_id in in_agreement:
            agreed.append(_item_as_sent(it, by_seq.get(sent_seq), dates))
        elif h.pending is not None:
            waiting.append((_item_as_sent(it, by_seq.get(sent_seq), dates), h.pending))
        elif reached:
            climbing.append(_tuple(PlannedItem, (line_id, number, kind, dates[due_date], open_minor, days_overdue,
                                                 candidate.sequence, candidate.key, True, 0)))
        elif past_due:
            already.append(_item_as_sent(it, by_seq.get(sent_seq), dates))
    if disputed:
        skips.append(_skip(customer, currency, disputed, "disputed items", "partidas en disputa", "disputed", policy))
    if agreed:
        skips.append(_skip(customer, currency, agreed, "items in an active payment agreement",
                           "partidas en un convenio de pago activo", "agreement", policy))
    if waiting:
        rid, state, send_at, pending_key = waiting[0][1]
        when = f" (due {send_at.isoformat()})" if send_at and state == "queued" else ""
        what = {"draft": "awaiting approval", "sending": "may have been sent (check and release it)"}.get(
            state, "not sent yet")
        what_es = {"draft": "pendiente de aprobación", "sending": "quizá enviado (revíselo y libérelo)"}.get(
            state, "aún no enviado")
        skips.append(_skip(customer, currency, [w for w, _ in waiting],
                           f"previous reminder #{rid} {what}{when}: an item climbs only after its level was sent",
                           f"recordatorio anterior #{rid} {what_es}{when}", "waiting", policy,
                           next((lv for lv in levels if lv.key == pending_key), None)))
    if not climbing:
        if already:
            top = max((by_seq[i.level_sequence] for i in already if i.level_sequence in by_seq),
                      key=lambda lv: lv.sequence, default=levels[-1])  # default: sent under another policy
            skips.append(_skip(customer, currency, already, f"already reminded at level {top.key}",
                               f"ya recordado en el nivel {top.key}", "already", policy, top))
        return None, skips
    # the highest level reached
    level = by_seq[climbing[0].level_sequence if len(climbing) == 1 else max(i.level_sequence for i in climbing)]
    if level.days < 0:
        included = climbing  # a courtesy notice covers only what falls due soon
    else:
        if policy.courtesy:  # items that reached only the courtesy level (not yet due) are not in this one
            climbing = [i for i in climbing if by_seq[i.level_sequence].days >= 0]
        if presorted and not already and not charges:
            included = climbing  # a part of the group, in its order: by due date and number already
        else:
            included = sorted(climbing + already + charges, key=lambda i: (i.due_date, i.invoice_number))
    amount = overdue = 0
    for i in included:
        amount += i.open_minor
        if i.days_overdue > 0:
            overdue += i.open_minor
    overdue_amount = overdue or amount
    if level.fee_kind in ("percent", "fixed"):
        fees = _fee(level, climbing, history)
        fee_minor = sum(fees)
        if fee_minor:
            fee_by_line = {it.due_line_id: f for it, f in zip(climbing, fees)}
            included = [i._replace(fee_minor=fee_by_line.get(i.due_line_id, 0)) if i.climbed else i
                        for i in included]
    else:  # no fee at this level (the default policy's levels)
        fee_minor = 0
    blocked = blocked_es = None
    paused = own.paused_until if own else None
    last = last_reminder.get(customer.id)
    if customer.on_hold:
        blocked, blocked_es = "customer on hold", "cliente en espera (on hold)"
    elif paused is not None and paused >= as_of:
        blocked = f"reminders paused until {paused.isoformat()}"
        blocked_es = f"recordatorios en pausa hasta el {paused.isoformat()}"
    elif credit_minor > 0 and credit_minor >= overdue_amount:
        blocked = (f"unapplied credit {_money(credit_minor, currency)} covers the overdue "
                   f"{_money(overdue_amount, currency)}")
        blocked_es = (f"el saldo a favor {_money(credit_minor, currency)} cubre lo vencido "
                      f"{_money(overdue_amount, currency)}")
    elif amount < level.min_overdue_minor:
        blocked = (f"amount {_money(amount, currency)} under the level's minimum "
                   f"{_money(level.min_overdue_minor, currency)}")
        blocked_es = (f"importe {_money(amount, currency)} bajo el mínimo del nivel "
                      f"{_money(level.min_overdue_minor, currency)}")
    elif last is not None and (as_of - last).days < level.min_gap_days:
        blocked = (f"minimum gap of {level.min_gap_days} days since the reminder of {last.isoformat()}")
        blocked_es = f"separación mínima de {level.min_gap_days} días desde el recordatorio del {last.isoformat()}"
    # the channels depend on the level, whether there is an e-mail address and a phone, and the authorised ones
    means = (level.id, bool((customer.email or "").strip()), bool((customer.phone or "").strip()),
             own.authorised_channels if own else None)
    channels = channel_sets.get(means)
    if channels is None:
        channels = channel_sets[means] = _channels(level, customer, own)
    main = _line(customer, currency, policy, level, tuple(included), amount, fee_minor, blocked, blocked_es,
                 f"{customer.code}/{currency}", channels, level.needs_approval)
    return main, skips


def _schedule(customer, own, proposals: list[list], at, setting, planned_contacts, contact_log, moments: dict,
              places: dict) -> None:
    """One message per debtor per run: the customer's reminders of this run (one per currency, not blocked: each
    a PlannedReminder's fields, see _line) go out together, on the channels of the highest level among them, at
    one moment the contact rules permit; they count as one contact. Fills their scheduling fields in place."""
    top = proposals[0] if len(proposals) == 1 else max(proposals, key=lambda p: p[_LEVEL_SEQUENCE] or 0)
    channels = top[_CHANNELS]
    place = (customer.country, own.timezone if own else None)
    known = places.get(place)
    if known is None:
        profile = contact_rules.profile_for(setting, customer.country)
        known = places[place] = (profile, contact_rules.debtor_zone(profile, customer.country, place[1]))
    profile, zone = known
    extra = planned_contacts.get(customer.id)
    log = contact_log + extra if extra else contact_log
    if log:
        m = contact_rules.contact_moment(profile, channels, at, log, zone=zone, country=customer.country)
        scheduled = (m.send_at, m.hold, m.hold_es, m.call_window, profile.code)
    else:  # no contact yet: the moment depends on the rules only, the same for every such debtor
        key = (profile.code, channels, zone, customer.country)
        scheduled = moments.get(key)
        if scheduled is None:
            m = contact_rules.contact_moment(profile, channels, at, log, zone=zone, country=customer.country)
            scheduled = moments[key] = (m.send_at, m.hold, m.hold_es, m.call_window, profile.code)
    # (the contact this message makes is not noted for the customer: each customer is scheduled once a plan)
    for p in proposals:
        p[_CHANNELS] = channels
        p[_SCHEDULED] = scheduled


# --- executing a plan -------------------------------------------------------------------------------


def execute_run(session: Session, *, as_of: dt.date, at: dt.datetime, approve: set[str] | None = None,
                send: Callable | None = None, letters_dir=None, progress: Callable[[int, int], None] | None = None,
                cancel: Callable[[], bool] | None = None, letter_writer: Callable | None = None,
                deliver: bool = True) -> RunSummary:
    """Plan, store the reminders (queued; draft when the level needs approval and it was not given),
    then deliver every queued reminder whose moment has come (this run's and earlier ones).

    `approve`: None approves what the plan pre-approves (`PlannedReminder.pre_approved`: the policy sends
    automatically and the level needs no approval; a "review before sending" policy approves nothing); a set of
    plan keys ("C001/PEN") approves exactly those; APPROVE_ALL every reminder planned (the user reviewed the
    preview and says so: `remind --send --approve-all`). `send(job) -> message_id` delivers e-mail/SMS/WhatsApp;
    letters go to `letters_dir`. Nothing is delivered for a channel without its means.

    `deliver=False` only stores the run: the caller commits it, then calls `deliver_run` with a session
    factory, so each e-mail is delivered in its own short transactions (never twice after a crash) and no
    transaction is held during the SMTP conversation. With `deliver=True` all happens in `session`.
    """
    plan = plan_run(session, as_of=as_of, at=at)
    proposals = [p for p in plan if p.blocked is None]
    if approve is not None and approve != APPROVE_ALL:
        unknown = sorted(set(approve) - {p.key for p in proposals})
        if unknown:
            raise LedgerError(f"No reminder planned with key {', '.join(unknown)} as of {as_of.isoformat()}: "
                              f"see the keys of `cobranza remind --dry-run` (CUSTOMER/CURRENCY).", field="approve")
    run = ReminderRun(as_of=as_of, at=at.astimezone(dt.timezone.utc), created_at=config.now(), state="done",
                      created_by=config.current_user())
    session.add(run)
    session.flush()
    created: list[Reminder] = []
    cancelled = False
    total = len(proposals)
    for n, p in enumerate(proposals, start=1):
        if cancel is not None and cancel():
            cancelled = True
            break
        approved = p.pre_approved if approve is None else (approve == APPROVE_ALL or p.key in approve)
        created.append(_store(session, run, p, as_of, "queued" if approved else "draft"))
        if n % STORE_FLUSH_EVERY == 0:
            session.flush()
        if progress is not None:
            progress(n, total)
    if cancelled:
        run.state = "cancelled"
    session.flush()
    audit.record(session, action="run", entity="reminder_run", entity_id=run.id,
                 after={"as_of": as_of, "at": at, "reminders": [r.id for r in created], "state": run.state})
    utc_at = at.astimezone(dt.timezone.utc)
    stored = RunSummary(
        run_id=run.id, as_of=as_of, at=at, planned=total, blocked=len(plan) - len(proposals),
        queued=sum(1 for r in created if r.state != "draft"), drafts=sum(1 for r in created if r.state == "draft"),
        held=sum(1 for r in created if r.state != "draft" and r.send_at and r.send_at > utc_at),
        sent=0, failed=0, cancelled=cancelled, reminder_ids=tuple(r.id for r in created),
    )
    if not deliver:
        return stored
    return deliver_run(session, stored, send=send, letters_dir=letters_dir, letter_writer=letter_writer,
                       cancel=cancel)


def deliver_run(sessions, stored: RunSummary, *, send: Callable | None = None, letters_dir=None,
                letter_writer: Callable | None = None, cancel: Callable[[], bool] | None = None,
                progress: Callable[[int, int], None] | None = None, readers=None) -> RunSummary:
    """After a run is stored (and committed): deliver what is due (`outbox.deliver_due`; `sessions` a factory
    of writer sessions, or the run's own session; `readers` reader sessions to write letters with) and
    complete the summary."""
    if stored.cancelled:
        return stored
    result = outbox.deliver_due(sessions, now=stored.at, sender=send, letters_dir=letters_dir,
                                letter_writer=letter_writer, cancel=cancel, progress=progress, readers=readers)
    if isinstance(sessions, Session):
        links = tuple(pending_whatsapp_links(sessions, stored.at))
    else:
        with sessions() as session:
            links = tuple(pending_whatsapp_links(session, stored.at))
    return replace(stored, sent=result.sent, failed=result.failed, fees_minor=result.fees_minor,
                   letters_path=result.letters_path, cancelled=result.cancelled,
                   waiting_for_means=result.waiting_for_means, settled=result.settled, sms_path=result.sms_path,
                   whatsapp_links=links, may_have_been_sent=result.may_have_been_sent,
                   held_at_delivery=result.held_at_delivery, emails_sent=result.emails_sent,
                   letters_written=result.letters_written, sms_exported=result.sms_exported,
                   calls_planned=result.calls_planned)


def _store(session: Session, run: ReminderRun, p: PlannedReminder, as_of: dt.date, state: str) -> Reminder:
    r = Reminder(
        run_id=run.id, customer_id=p.customer_id, currency=p.currency, level_id=p.level_id, level_key=p.level_key,
        channels=",".join(p.channels), state=state, as_of=as_of, amount_minor=p.amount_minor, fee_minor=p.fee_minor,
        send_at=p.send_at, hold_reason=p.hold_reason, hold_reason_es=p.hold_reason_es, call_window=p.call_window,
        contact_profile=p.contact_profile, attempts=0, created_at=config.now(),
        pending_channels=",".join(ch for ch in p.channels if ch in outbox.BY_HAND) or None,
    )
    for it in p.items:
        r.lines.append(ReminderLine(
            due_line_id=it.due_line_id, invoice_number=it.invoice_number, due_date=it.due_date,
            level_id=_level_id(session, p, it), level_sequence=it.level_sequence or p.level_sequence,
            level_key=it.level_key or p.level_key,
            climbed=it.climbed, amount_minor=it.open_minor, days_overdue=it.days_overdue, fee_minor=it.fee_minor,
        ))
    session.add(r)
    return r


def _level_id(session: Session, p: PlannedReminder, it: PlannedItem) -> int:
    if it.level_sequence is None or it.level_sequence == p.level_sequence:
        return p.level_id
    # the same policy's level at the item's sequence (the session's identity map spares the queries)
    policy = session.get(ReminderLevel, p.level_id).policy
    level_id = next((lv.id for lv in policy.levels if lv.sequence == it.level_sequence), None)
    return level_id or p.level_id


# --- after the run: approval, cancelling, history ------------------------------------------------------


def approve_reminders(session: Session, ids, *, at: dt.datetime | None = None) -> int:
    """Drafts -> queued. Returns how many were approved."""
    n = 0
    for r in session.scalars(select(Reminder).where(Reminder.id.in_(list(ids)), Reminder.state == "draft")):
        r.state = "queued"
        if at is not None and (r.send_at is None or r.send_at < at):
            r.send_at = at
        n += 1
        audit.record(session, action="approve", entity="reminder", entity_id=r.id, before={"state": "draft"},
                     after={"state": "queued"})
    session.flush()
    return n


def cancel_reminder(session: Session, reminder_id: int, *, reason: str) -> None:
    """A draft or queued reminder is not sent; its items may be reminded again."""
    r = session.get(Reminder, reminder_id)
    if r is None:
        raise UnknownReminderError(reminder_id)
    if r.state not in PENDING_STATES and r.state != "failed":
        raise LedgerError(f"Reminder #{r.id} is {r.state}; only a draft, queued or failed reminder can be cancelled.",
                          field="state")
    before = r.state
    r.state, r.error = "cancelled", (reason or "").strip() or None
    session.flush()
    audit.record(session, action="cancel", entity="reminder", entity_id=r.id, before={"state": before},
                 after={"state": "cancelled", "reason": reason})


def cancel_reminders(session: Session, ids, *, reason: str) -> int:
    """Cancel several reminders at once (all or none: one that cannot be cancelled stops the lot)."""
    ids = list(ids)
    if not (reason or "").strip():
        raise LedgerError("Say why the reminder is cancelled.", field="reason")
    for reminder_id in ids:
        cancel_reminder(session, reminder_id, reason=reason)
    return len(ids)


def _history_view(r: Reminder, code: str) -> ReminderHistory:
    return ReminderHistory(
        id=r.id, run_id=r.run_id, as_of=r.as_of, customer_code=code, currency=r.currency, level_key=r.level_key,
        level_name_es=r.level.name_es, level_name_en=r.level.name_en, channels=tuple(r.channels.split(",")),
        state=r.state, amount_minor=r.amount_minor, fee_minor=r.fee_minor, send_at=r.send_at, sent_at=r.sent_at,
        hold_reason=r.hold_reason, call_window=r.call_window, file_path=r.file_path, message_id=r.message_id,
        error=r.error, attempts=r.attempts, pending_channels=tuple(filter(None, (r.pending_channels or "").split(","))),
        lines=tuple(HistoryLine(ln.invoice_number, ln.due_date, ln.amount_minor, ln.days_overdue,
                                ln.level_key, ln.climbed, ln.fee_minor) for ln in r.lines),
    )


def customer_reminders(session: Session, code: str) -> list[ReminderHistory]:
    """Every reminder of the customer, newest first, with its state and items as sent."""
    customer = get_customer_row(session, code)
    rows = session.scalars(
        select(Reminder).options(selectinload(Reminder.lines), selectinload(Reminder.level))
        .where(Reminder.customer_id == customer.id).order_by(Reminder.as_of.desc(), Reminder.id.desc()))
    return [_history_view(r, customer.code) for r in rows]


def reminder_timeline_entries(session: Session, code: str) -> list[TimelineEntry]:
    """The customer's reminders as entries of the collections timeline: the card passes this function to
    `app.collections.timeline.customer_timeline(sources=...)` (collections does not import reminders)."""
    entries = []
    for r in customer_reminders(session, code):
        day = r.sent_at.date() if r.sent_at else r.as_of
        entries.append(TimelineEntry(day, "reminder", f"{r.level_key} · {status_text(r.state, r.channels, r.pending_channels)}",
                                     ",".join(r.channels), r.amount_minor, r.currency))
    return entries


def recent_reminders(session: Session, *, limit: int = 500, state: str | None = None,
                     customer_code: str | None = None, pending_channel: str | None = None) -> list[ReminderHistory]:
    """The latest reminders, newest first: the Reminders page's history and `cobranza reminders history`.
    `pending_channel="whatsapp"`: only those whose WhatsApp chat a person still has to open."""
    q = (select(Reminder, Customer.code).join(Customer, Customer.id == Reminder.customer_id)
         .options(selectinload(Reminder.lines), selectinload(Reminder.level))
         .order_by(Reminder.as_of.desc(), Reminder.id.desc()).limit(limit))
    if state:
        q = q.where(Reminder.state == state)
    if customer_code:
        q = q.where(Customer.code == get_customer_row(session, customer_code).code)
    if pending_channel:
        q = q.where(Reminder.pending_channels.contains(pending_channel), Reminder.state.in_(("queued", "sent")))
    return [_history_view(r, code) for r, code in session.execute(q)]
