"""Contact rules: when a debtor may be contacted, by which channel and how often.

One profile per country, each citing its source (docs/contact-rules.md has the details):
permitted windows per weekday in the debtor's time zone, public holidays (the `holidays` package),
caps per channel per day and per week, a minimum number of days between written messages and
"one channel a week". `next_permitted` moves a contact to the next moment the rules allow and says why.

Windows apply to e-mail, SMS, WhatsApp and calls; a letter is posted (no hour of delivery to
choose) so it only counts towards the caps and the spacing of written messages.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterable, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import select

from app.ledger.bulk import set_aside
from app.ledger.company import get_setting
from app.models import Activity, ContactLog, CustomerReminderSettings, Reminder

WRITTEN = frozenset({"email", "sms", "whatsapp", "letter"})
WINDOWED = frozenset({"email", "sms", "whatsapp", "call"})

COUNTRY_ZONES = {
    "PE": "America/Lima",
    "CO": "America/Bogota",
    "MX": "America/Mexico_City",
    "CL": "America/Santiago",
    "US": "America/New_York",
}

DAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_NAMES_ES = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")

T = dt.time
Window = tuple[dt.time, dt.time]


def _week(weekdays: Window | None, saturday: Window | None = None, sunday: Window | None = None):
    return (weekdays,) * 5 + (saturday, sunday)


@dataclass(frozen=True)
class Profile:
    code: str
    name_es: str
    name_en: str
    citation: str  # short, shown in reasons: "Ley 2300 art. 3"
    source: str  # the full reference, shown in settings and docs
    zone: str  # the default time zone of debtors under this profile
    windows: tuple[Window | None, ...]  # Monday..Sunday, local time, end exclusive
    no_holidays: bool = True
    holiday_country: str | None = None  # None: the debtor's country
    max_per_day: int | None = None  # contacts per local day, all channels together
    max_calls_per_week: int | None = None  # calls (and visits) in any 7 days
    max_written_per_week: int | None = None  # written messages in any 7 days
    written_gap_days: int | None = None  # days between two written messages
    one_channel_per_week: bool = False  # only one channel used in any 7 days
    citations: dict = field(default_factory=dict)  # rule -> citation when it differs from `citation`

    def cite(self, rule: str) -> str:
        return self.citations.get(rule, self.citation)


PROFILES: dict[str, Profile] = {
    "CO": Profile(
        code="CO", name_es="Colombia", name_en="Colombia",
        citation="Ley 2300 art. 3",
        source="Ley 2300 de 2023 (Colombia), art. 3: contacto de lunes a viernes de 7:00 a 19:00 y sábados de "
               "8:00 a 15:00; nunca domingos ni festivos; una vez establecido contacto, un solo canal por semana y "
               "como máximo una vez al día.",
        zone="America/Bogota",
        windows=_week((T(7), T(19)), (T(8), T(15)), None),
        max_per_day=1, one_channel_per_week=True,
    ),
    "PE": Profile(
        code="PE", name_es="Perú", name_en="Peru",
        citation="Ley 29571 art. 62",
        source="Ley 29571, Código de Protección y Defensa del Consumidor (Perú), art. 62: sin llamadas ni visitas "
               "entre las 20:00 y las 07:00, ni sábados, domingos o feriados. Cobranza aplica la misma ventana a "
               "correos, SMS y WhatsApp.",
        zone="America/Lima",
        windows=_week((T(7), T(20)), None, None),
    ),
    "MX": Profile(
        code="MX", name_es="México", name_en="Mexico",
        citation="CONDUSEF, disposiciones de cobranza",
        source="CONDUSEF, Disposiciones de carácter general aplicables a las entidades financieras y despachos de "
               "cobranza (México): gestiones de cobro de 07:00 a 22:00, hora del deudor.",
        zone="America/Mexico_City",
        windows=_week((T(7), T(22)), (T(7), T(22)), (T(7), T(22))),
        no_holidays=False,
    ),
    "CL": Profile(
        code="CL", name_es="Chile", name_en="Chile",
        citation="Ley 19.496 art. 37",
        source="Ley 19.496 (Chile), art. 37, modificado por la Ley 21.320: de lunes a sábado de 08:00 a 20:00; "
               "a lo más una llamada o visita a la semana y dos mensajes escritos a la semana, con dos días de "
               "diferencia.",
        zone="America/Santiago",
        windows=_week((T(8), T(20)), (T(8), T(20)), None),
        max_calls_per_week=1, max_written_per_week=2, written_gap_days=2,
        citations={"call_week": "Ley 19.496 art. 37 (Ley 21.320)", "written_week": "Ley 19.496 art. 37 (Ley 21.320)",
                   "written_gap": "Ley 19.496 art. 37 (Ley 21.320)"},
    ),
    "US": Profile(
        code="US", name_es="Estados Unidos", name_en="United States",
        citation="Regulation F §1006.6(b)(1)",
        source="Regulation F, 12 CFR part 1006 (United States): no communication before 08:00 or after 21:00 "
               "local time (§1006.6(b)(1)); at most 7 calls in 7 days (§1006.14(b)(2)).",
        zone="America/New_York",
        windows=_week((T(8), T(21)), (T(8), T(21)), (T(8), T(21))),
        no_holidays=False, max_calls_per_week=7,
        citations={"call_week": "Regulation F §1006.14(b)(2)"},
    ),
    "default": Profile(
        code="default", name_es="Estricto (por defecto)", name_en="Strict (default)",
        citation="perfil estricto de Cobranza",
        source="Perfil estricto que cumple todos los anteriores: lunes a viernes de 08:00 a 19:00, sin feriados, "
               "un contacto al día, un canal por semana, una llamada y dos mensajes escritos por semana con dos días "
               "de diferencia.",
        zone="America/Lima",
        windows=_week((T(8), T(19)), None, None),
        max_per_day=1, max_calls_per_week=1, max_written_per_week=2, written_gap_days=2, one_channel_per_week=True,
    ),
}

PROFILE_CODES = ("CO", "PE", "MX", "CL", "US", "default")


class ContactLike(Protocol):
    channel: str
    at: dt.datetime


@dataclass(frozen=True)
class Contact:
    channel: str
    at: dt.datetime


@dataclass(frozen=True)
class Hold:
    """Why a contact was moved: `text` in English, `text_es` in Spanish, `rule` the rule that moved it."""

    until: dt.datetime
    rule: str
    citation: str
    text: str
    text_es: str
    detail: str = ""
    detail_es: str = ""

    def __str__(self) -> str:
        return self.text


def get_profile(code: str | None) -> Profile:
    if not code:
        return PROFILES["default"]
    key = code if code == "default" else code.upper()
    if key not in PROFILES:
        raise KeyError(f"No contact-rule profile '{code}'; use one of {', '.join(PROFILE_CODES)}.")
    return PROFILES[key]


def profile_for(setting: str | None, customer_country: str | None) -> Profile:
    """The company-wide setting `contact_rules.country` when set, else the debtor's country's profile,
    else the strict default."""
    if setting:
        return get_profile(setting)
    if customer_country and customer_country.upper() in PROFILES:
        return PROFILES[customer_country.upper()]
    return PROFILES["default"]


def debtor_zone(profile: Profile, customer_country: str | None, own_zone: str | None = None) -> ZoneInfo:
    """The debtor's time zone: the customer's own, else its country's, else the profile's."""
    if own_zone:
        return ZoneInfo(own_zone)
    if customer_country and customer_country.upper() in COUNTRY_ZONES:
        return ZoneInfo(COUNTRY_ZONES[customer_country.upper()])
    return ZoneInfo(profile.zone)


@lru_cache(maxsize=128)
def _holidays(country: str, year: int, language: str | None = None):
    loading = "holidays.countries" not in sys.modules  # the first table loads every country's module
    import holidays

    try:
        return holidays.country_holidays(country, years=year, language=language)
    except (NotImplementedError, KeyError):
        return {}
    except ValueError:  # no translation in that language
        return holidays.country_holidays(country, years=year) if language else {}
    finally:
        if loading and "holidays.countries" in sys.modules:
            set_aside()  # ~300 modules, 100,000 objects, for good (app.ledger.bulk.set_aside)


def _holiday_country(profile: Profile, country: str | None) -> str | None:
    return profile.holiday_country or (profile.code if profile.code in COUNTRY_ZONES else country)


def holiday_name(profile: Profile, day: dt.date, country: str | None) -> str | None:
    if not profile.no_holidays:
        return None
    where = _holiday_country(profile, country)
    if not where:
        return None
    return _holidays(where.upper(), day.year).get(day)


def _next_day(t: dt.datetime) -> dt.datetime:
    d = t.date() + dt.timedelta(days=1)
    return dt.datetime.combine(d, dt.time(0), tzinfo=t.tzinfo)


def _day_start(d: dt.date, tz) -> dt.datetime:
    return dt.datetime.combine(d, dt.time(0), tzinfo=tz)


def _caps(profile: Profile, channel: str, t: dt.datetime, log: list[Contact]) -> tuple[dt.datetime, str] | None:
    """The later moment the caps require, with the rule's name; None when the caps allow `t`."""
    tz = t.tzinfo
    local = [(c.channel, c.at.astimezone(tz)) for c in log]
    if profile.max_per_day is not None:
        same_day = [a for _, a in local if a.date() == t.date()]
        if len(same_day) >= profile.max_per_day:
            return _next_day(t), "day_cap"
    week_ago = t - dt.timedelta(days=7)
    recent = sorted((a, ch) for ch, a in local if week_ago < a <= t)
    if profile.one_channel_per_week:
        others = [a for a, ch in recent if ch != channel]
        if others:
            return max(others) + dt.timedelta(days=7), "channel_week"
    if channel == "call" and profile.max_calls_per_week is not None:
        calls = [a for a, ch in recent if ch == "call"]
        if len(calls) >= profile.max_calls_per_week:
            return calls[-profile.max_calls_per_week] + dt.timedelta(days=7), "call_week"
    if channel in WRITTEN:
        written = [a for a, ch in recent if ch in WRITTEN]
        if profile.max_written_per_week is not None and len(written) >= profile.max_written_per_week:
            return written[-profile.max_written_per_week] + dt.timedelta(days=7), "written_week"
        if profile.written_gap_days:
            before = [a for ch, a in local if ch in WRITTEN and a.date() <= t.date()]
            if before:
                last = max(before).date()
                allowed = last + dt.timedelta(days=profile.written_gap_days)
                if t.date() < allowed:
                    return _day_start(allowed, tz), "written_gap"
    return None


RULE_TEXT = {
    "window": ("outside the permitted hours", "fuera del horario permitido"),
    "day": ("no contact on {day}", "sin contacto el {day}"),
    "holiday": ("public holiday: {name}", "feriado: {name}"),
    "day_cap": ("at most {n} contact a day", "a lo más {n} contacto al día"),
    "channel_week": ("one channel a week", "un solo canal por semana"),
    "call_week": ("at most {n} calls in 7 days", "a lo más {n} llamadas en 7 días"),
    "written_week": ("at most {n} written messages in 7 days", "a lo más {n} mensajes escritos en 7 días"),
    "written_gap": ("{n} days between written messages", "{n} días entre mensajes escritos"),
}


def _detail(profile: Profile, rule: str, at: dt.datetime, holiday: str | None,
            country_for_names: str | None = None) -> tuple[str, str]:
    en, es = RULE_TEXT[rule]
    n = {"day_cap": profile.max_per_day, "call_week": profile.max_calls_per_week,
         "written_week": profile.max_written_per_week, "written_gap": profile.written_gap_days}.get(rule)
    name_es = holiday or ""
    if holiday and country_for_names:
        name_es = _holidays(country_for_names.upper(), at.year, "es").get(at.date()) or holiday
    values = {"n": n, "name": holiday or "", "day": DAY_NAMES_EN[at.weekday()]}
    values_es = {**values, "name": name_es, "day": DAY_NAMES_ES[at.weekday()]}
    return en.format(**values), es.format(**values_es)


def next_permitted(profile: Profile, channel: str, at: dt.datetime, contact_log: Iterable[ContactLike] = (),
                   *, zone: str | ZoneInfo | None = None, country: str | None = None
                   ) -> tuple[dt.datetime, Hold | None]:
    """The first moment at or after `at` when `channel` may be used on this debtor, and why it was held
    (None when `at` itself is permitted). `contact_log` holds the debtor's earlier (and already scheduled)
    contacts. The moment comes back in UTC."""
    if at.tzinfo is None:
        raise ValueError("next_permitted needs an aware datetime")
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone or profile.zone)
    log = [Contact(c.channel, c.at) for c in contact_log]
    start = at.astimezone(tz)
    t = start
    first_rule: str | None = None
    first_holiday: str | None = None
    first_at = t
    held: dict[str, list] = {}
    for _ in range(1000):
        rule = None
        holiday = None
        capped = _caps(profile, channel, t, log)
        if capped is not None and capped[0] > t:
            new_t, rule = capped
        elif channel in WINDOWED:
            holiday = holiday_name(profile, t.date(), country)
            window = profile.windows[t.weekday()]
            if holiday:
                new_t, rule = _next_day(t), "holiday"
            elif window is None:
                new_t, rule = _next_day(t), "day"
            elif t.time() < window[0]:
                new_t, rule = dt.datetime.combine(t.date(), window[0], tzinfo=tz), "window"
            elif t.time() >= window[1]:
                new_t, rule = _next_day(t), "window"
        if rule is None:
            break
        # the reason shown is the rule that held the contact longest in all (from its first occurrence)
        if rule not in held:
            held[rule] = [dt.timedelta(0), holiday, t]
        held[rule][0] += new_t - t
        t = new_t.astimezone(tz)
    else:  # pragma: no cover - a profile with no open window at all
        raise ValueError(f"profile {profile.code} never permits {channel}")
    if held:
        first_rule = max(held, key=lambda r: held[r][0])
        _, first_holiday, first_at = held[first_rule]
    if first_rule is None:
        return t.astimezone(dt.timezone.utc), None
    citation = profile.cite(first_rule)
    hhmm = t.strftime("%H:%M")
    text = f"held until {DAY_NAMES_EN[t.weekday()]} {hhmm} — {citation}"
    text_es = f"retenido hasta el {DAY_NAMES_ES[t.weekday()]} {hhmm} — {citation}"
    detail_en, detail_es = _detail(profile, first_rule, first_at, first_holiday, _holiday_country(profile, country))
    hold = Hold(until=t.astimezone(dt.timezone.utc), rule=first_rule, citation=citation, text=text,
                text_es=text_es, detail=detail_en, detail_es=detail_es)
    return hold.until, hold


@dataclass(frozen=True)
class Moment:
    """When a message on `channels` may go out, and why it was held (English, Spanish), with the call window."""

    send_at: dt.datetime
    hold: str | None = None
    hold_es: str | None = None
    call_window: str | None = None
    rule: str | None = None


def contact_moment(profile: Profile, channels, at: dt.datetime, contact_log: Iterable[ContactLike] = (), *,
                   zone: ZoneInfo, country: str | None = None) -> Moment:
    """The first moment at or after `at` when one message on all of `channels` may reach this debtor: the
    latest of the written channels' permitted moments (a call is a task with its window, not a send). The run
    plans with it and the outbox checks it again at the moment of delivery."""
    log = list(contact_log)
    moments = [(*next_permitted(profile, ch, at, log, zone=zone, country=country), ch) for ch in channels]
    written = [m for m in moments if m[2] != "call"] or moments
    send_at, why, _ = max(written, key=lambda m: m[0])
    hold = hold_es = None
    if why is not None:
        hold, hold_es = f"{why.text} ({why.detail})", f"{why.text_es} ({why.detail_es})"
    call = next((m for m in moments if m[2] == "call"), None)
    window = window_text(profile, call[0].astimezone(zone).date()) if call is not None else None
    return Moment(send_at, hold, hold_es, window, why.rule if why is not None else None)


def window_text(profile: Profile, on: dt.date, language: str = "en") -> str:
    """A call task's window on a day: 'call between 07:00 and 19:00 — Ley 2300 art. 3'."""
    window = profile.windows[on.weekday()]
    if window is None:
        return ("no calls on " if language == "en" else "sin llamadas el ") + (
            DAY_NAMES_EN if language == "en" else DAY_NAMES_ES)[on.weekday()]
    a, b = window[0].strftime("%H:%M"), window[1].strftime("%H:%M")
    if language == "es":
        return f"llamar entre las {a} y las {b} — {profile.citation}"
    return f"call between {a} and {b} — {profile.citation}"


# --- the debtor's contact history, and the check the collector's activity log asks for ----------------

PERSON_CHANNELS = {"call": "call", "visit": "call", "email": "email", "letter": "letter", "sms": "sms",
                   "whatsapp": "whatsapp"}


def contact_histories(session, customer_ids=None, *, exclude_at: dt.datetime | None = None,
                      queued: bool = True, exclude_reminder: int | None = None) -> dict[int, list[Contact]]:
    """Per customer, the contacts that count for the caps: the contact log (reminders sent), reminders queued
    but not yet sent (at their moment; with `queued=False` only those "sending", which may have gone out: what
    the outbox checks at delivery, where the queued ones are what it is deciding about), and the outbound
    calls, visits and messages collectors logged.
    All customers when `customer_ids` is None (three queries whatever the number of customers)."""
    def only(q, column):
        return q if customer_ids is None else q.where(column.in_(list(customer_ids)))

    out: dict[int, list[Contact]] = {}
    made = select(ContactLog.customer_id, ContactLog.channel, ContactLog.at)
    if exclude_reminder is not None:  # the other channels of the same message are not another contact
        made = made.where((ContactLog.reminder_id.is_(None)) | (ContactLog.reminder_id != exclude_reminder))
    for cust, ch, at in session.execute(only(made, ContactLog.customer_id)):
        out.setdefault(cust, []).append(Contact(ch, at))
    queued = only(select(Reminder.customer_id, Reminder.channels, Reminder.send_at)
                  .where(Reminder.state.in_(("queued", "sending") if queued else ("sending",)),
                         Reminder.send_at.is_not(None)), Reminder.customer_id)
    for cust, channels, send_at in session.execute(queued):
        out.setdefault(cust, []).extend(Contact(ch, send_at) for ch in channels.split(",") if ch != "call")
    rows = session.execute(only(select(Activity.customer_id, Activity.channel, Activity.at).where(
        Activity.direction == "out", Activity.source.is_(None), Activity.channel.in_(list(PERSON_CHANNELS))),
        Activity.customer_id))
    for cust, ch, at in rows:
        if exclude_at is not None and at == exclude_at:
            continue
        out.setdefault(cust, []).append(Contact(PERSON_CHANNELS[ch], at))
    return out


def contact_history(session, customer_id: int, *, exclude_at: dt.datetime | None = None) -> list[Contact]:
    """One customer's contacts that count for the caps (see contact_histories)."""
    return contact_histories(session, [customer_id], exclude_at=exclude_at).get(customer_id, [])


def profile_for_customer(session, customer):
    """(profile, zone) for a customer row: the setting, its country, its own time zone."""
    profile = profile_for(get_setting(session, "contact_rules.country"), customer.country)
    own = session.get(CustomerReminderSettings, customer.id)
    return profile, debtor_zone(profile, customer.country, own.timezone if own else None)


def warning_for_contact(session, customer, channel: str, at: dt.datetime) -> str | None:
    """Why contacting `customer` by `channel` at `at` breaks the contact rules (None when it does not).
    Used by the collector's activity log (app.collections.activities.contact_warning)."""
    channel = PERSON_CHANNELS.get(channel)
    if channel is None or at is None:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.timezone.utc)
    profile, zone = profile_for_customer(session, customer)
    history = contact_history(session, customer.id, exclude_at=at)
    _, hold = next_permitted(profile, channel, at, history, zone=zone, country=customer.country)
    if hold is None:
        return None
    until = hold.until.astimezone(zone)
    return (f"{hold.detail} — {hold.citation}; next permitted moment "
            f"{DAY_NAMES_EN[until.weekday()]} {until:%Y-%m-%d %H:%M} ({zone.key})")
