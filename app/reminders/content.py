"""What one reminder says: the customer, the items it covers and the totals, read from the ledger.

Every channel (e-mail, letter, SMS, WhatsApp, call script) renders the same `ReminderContent`, so the
amounts a customer reads in a letter are the amounts in the e-mail and in the reminder record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Iterable

from babel import Locale, UnknownLocaleError
from sqlalchemy.orm import Session

from app.ledger import get_company, get_customer, open_items
from app.ledger.discounts import offered_discounts
from app.ledger.money import check_currency, fmt
from app.ledger.views import CompanyView, CustomerView

CHANNELS = ("email", "letter", "sms", "whatsapp", "call")
LANGUAGES = ("es", "en")


class ContentError(Exception):
    """The reminder cannot be built (no company details, unknown channel, ...)."""


@dataclass(frozen=True)
class ReminderItem:
    invoice_number: str
    issue_date: dt.date
    due_date: dt.date
    days_overdue: int
    amount_minor: int
    open_minor: int
    currency: str
    # an early-payment discount still on offer for the invoice (app.ledger.discounts): pay
    # `discount_pay_minor` by `discount_until` and `discount_minor` is credited
    discount_until: dt.date | None = None
    discount_minor: int = 0
    discount_pay_minor: int = 0


@dataclass(frozen=True)
class ReminderContent:
    customer_code: str
    customer_name: str
    customer_tax_id: str | None
    customer_email: str | None
    customer_phone: str | None
    customer_address: str | None
    customer_city: str | None
    customer_country: str
    language: str
    currency: str
    level: int
    level_name: str
    channel: str
    as_of: dt.date
    items: tuple[ReminderItem, ...]
    total_open_minor: int
    fee_minor: int
    company: CompanyView
    payment_instructions: str | None
    level_key: str | None = field(default=None)
    # one message covering several currencies (combine_contents): (currency, open, fee) per currency, this
    # content's own first; `items` then holds every currency's items and the totals above are its own currency's
    sections: tuple[tuple[str, int, int], ...] = ()

    @property
    def total_due_minor(self) -> int:
        """What the customer is asked to pay: the open items plus the fee, if any."""
        return self.total_open_minor + self.fee_minor

    @property
    def max_days_overdue(self) -> int:
        return max((i.days_overdue for i in self.items), default=0)

    @property
    def locale(self) -> str:
        return content_locale(self.company, self.language)

    def money(self, amount_minor: int, currency: str | None = None) -> str:
        return format_money(amount_minor, currency or self.currency, self.locale, self.company.locale)

    def date(self, value: dt.date | None, format: str = "long") -> str:  # noqa: A002
        return format_day(value, format, self.locale)


def format_money(amount_minor: int, currency: str, locale: str, company_locale: str | None = None) -> str:
    """An amount as the customer reads it: "S/ 1,234.50" in Lima, "$ 1.234.567" in Bogotá.

    In the company's own locale Babel's currency format is used. In another language (an English letter
    from a Peruvian company) the number follows that language and the symbol stays the one used where the
    company is ("S/ 1,234.50"), rather than Babel's "PEN1,234.50".
    """
    from babel.numbers import get_currency_symbol

    if company_locale is None or locale == company_locale:
        return fmt(amount_minor, currency, babel_locale(locale))
    number = fmt(amount_minor, currency, babel_locale(locale), symbol=False)
    symbol = get_currency_symbol(currency, babel_locale(company_locale))
    if symbol.startswith("-"):
        symbol = currency
    return f"{symbol} {number}"


def format_day(value: dt.date | None, format: str, locale: str) -> str:  # noqa: A002
    """A date in words or digits for the locale: "30 de junio de 2026", "June 30, 2026", "30/06/2026"."""
    if value is None:
        return ""
    return _format_day(value, format, locale)


@lru_cache(maxsize=4096)
def _format_day(value: dt.date, format: str, locale: str) -> str:  # noqa: A002
    from app.ledger.dates import fmt_date  # four-digit years, whatever the locale's short format says

    return fmt_date(value, babel_locale(locale), format)


def content_locale(company: CompanyView, language: str) -> str:
    """The Babel locale for amounts and dates in a document written in `language`.

    The company's locale (es_PE: "S/ 1,234.50", "30 de junio de 2026") when it is in the document's
    language; otherwise the same country in that language if Babel knows it (es_MX for a Mexican company
    writing in Spanish), else en_US for English and es for Spanish.
    """
    return _content_locale(company.locale or "es_PE", (company.country or "").upper(), language)


@lru_cache(maxsize=256)
def _content_locale(company_locale: str, country: str, language: str) -> str:
    if company_locale.split("_")[0].lower() == language:
        return company_locale
    candidate = f"{language}_{country}"
    try:
        Locale.parse(candidate)
        return candidate
    except (UnknownLocaleError, ValueError):
        return "en_US" if language == "en" else "es"


@lru_cache(maxsize=256)
def babel_locale(name: str) -> Locale:
    """Parsed once: Babel's parse is the slowest step of formatting an amount (it dominated letter time)."""
    return Locale.parse(name)


def _item(o) -> ReminderItem:
    return ReminderItem(invoice_number=o.invoice_number, issue_date=o.issue_date, due_date=o.due_date,
                        days_overdue=o.days_overdue, amount_minor=o.amount_minor, open_minor=o.open_minor,
                        currency=o.currency)


def build_content(session: Session, *, customer_code: str, currency: str, as_of: dt.date, level: int,
                  level_name: str, channel: str, item_due_line_ids: Iterable[int] | None = None,
                  fee_minor: int = 0, level_key: str | None = None) -> ReminderContent:
    """Read the customer, the company and the open items from the ledger as of `as_of`.

    `item_due_line_ids`: the due lines the reminder covers (the run passes them). Lines that are no longer
    open as of `as_of` are left out: a reminder never asks for an item already paid. None means every
    open, undisputed item of the currency that is past due.
    """
    if channel not in CHANNELS:
        raise ContentError(f"Unknown channel '{channel}'; use one of {', '.join(CHANNELS)}.")
    currency = check_currency(currency)
    company = get_company(session)
    if company is None:
        raise ContentError("The company details are missing. Set them first (cobranza settings set company.name ...).")
    customer = get_customer(session, customer_code)
    opened = open_items(session, customer_code, as_of, currency)
    if item_due_line_ids is None:
        chosen = [o for o in opened if o.days_overdue > 0 and not o.disputed]
    else:
        wanted = set(item_due_line_ids)
        chosen = [o for o in opened if o.due_line_id in wanted]
    offers = {d.invoice_number: d for d in offered_discounts(session, customer.code, as_of=as_of, currency=currency)}
    items = [_item(o) for o in chosen]
    items = [replace(i, discount_until=offers[i.invoice_number].until, discount_minor=offers[i.invoice_number]
                     .amount_minor, discount_pay_minor=offers[i.invoice_number].pay_minor)
             if i.invoice_number in offers else i for i in items]
    return make_content(company, customer, currency=currency, as_of=as_of, level=level, level_name=level_name,
                        channel=channel, items=items, fee_minor=fee_minor, level_key=level_key)


def make_content(company: CompanyView, customer: CustomerView, *, currency: str, as_of: dt.date, level: int,
                 level_name: str, channel: str, items: Iterable[ReminderItem], fee_minor: int = 0,
                 level_key: str | None = None) -> ReminderContent:
    """The same content from values the caller already has (e.g. the items and amounts stored with a
    reminder when it was queued), without reading the ledger."""
    if channel not in CHANNELS:
        raise ContentError(f"Unknown channel '{channel}'; use one of {', '.join(CHANNELS)}.")
    items = tuple(items)
    language = customer.language if customer.language in LANGUAGES else "es"
    return ReminderContent(
        customer_code=customer.code, customer_name=customer.name, customer_tax_id=customer.tax_id,
        customer_email=customer.email, customer_phone=customer.phone, customer_address=customer.address,
        customer_city=customer.city, customer_country=customer.country, language=language,
        currency=currency.upper(), level=level, level_name=level_name, channel=channel, as_of=as_of, items=items,
        total_open_minor=sum(i.open_minor for i in items), fee_minor=int(fee_minor or 0), company=company,
        payment_instructions=company.payment_instructions, level_key=level_key,
    )


def combine_contents(contents: Iterable[ReminderContent]) -> ReminderContent:
    """One message for a debtor's reminders in several currencies: the first content (the highest level) with
    every currency's items (by due date) and a section per currency for the totals."""
    contents = list(contents)
    first = contents[0]
    if len(contents) == 1:
        return first
    from dataclasses import replace

    items = tuple(sorted((i for c in contents for i in c.items), key=lambda i: (i.due_date, i.invoice_number)))
    sections = tuple((c.currency, c.total_open_minor, c.fee_minor) for c in contents)
    return replace(first, items=items, sections=sections)


def sample_content(language: str = "es", *, channel: str = "email", level: int = 3, level_key: str = "reminder",
                   company: CompanyView | None = None, items: int = 3, fee_minor: int = 0) -> ReminderContent:
    """A realistic made-up reminder for previews (the template editor) and tests."""
    company = company or CompanyView(
        name="Distribuidora Andina S.A.C.", tax_id="20512345678", address="Av. Javier Prado Este 4200, Of. 801",
        city="Lima", country="PE", currency="PEN", locale="es_PE", email="cobranzas@andina.pe",
        phone="+51 1 555 0100", logo_path=None,
        payment_instructions="BCP cuenta corriente S/ 193-1234567-0-89 (CCI 002-193-001234567089-12) "
                             "a nombre de Distribuidora Andina S.A.C.")
    as_of = dt.date(2026, 6, 30)
    rows = []
    for n in range(items):
        due = (as_of + dt.timedelta(days=3 + 7 * n) if level_key == "courtesy"
               else as_of - dt.timedelta(days=15 + 12 * n))
        amount = 118000 + 23550 * n
        rows.append(ReminderItem(invoice_number=f"F001-{1040 + n:05d}", issue_date=due - dt.timedelta(days=30),
                                 due_date=due, days_overdue=(as_of - due).days, amount_minor=amount,
                                 open_minor=amount if n % 2 == 0 else amount // 2, currency="PEN"))
    rows.reverse()
    names = {"es": "Recordatorio de pago", "en": "Payment reminder"}
    return ReminderContent(
        customer_code="C0042", customer_name="Ferretería Los Andes S.A.C.", customer_tax_id="20601234567",
        customer_email="pagos@ferreterialosandes.pe", customer_phone="+51 987 654 321",
        customer_address="Jr. Huallaga 355, Cercado de Lima", customer_city="Lima", customer_country="PE",
        language=language, currency="PEN", level=level, level_name=names.get(language, names["es"]),
        channel=channel, as_of=as_of, items=tuple(rows), total_open_minor=sum(r.open_minor for r in rows),
        fee_minor=fee_minor, company=company, payment_instructions=company.payment_instructions,
        level_key=level_key,
    )
