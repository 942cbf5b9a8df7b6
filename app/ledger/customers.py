"""Creating, changing and reading customers."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.models import Customer, PaymentTerms

from . import audit
from .email_address import check_email
from .errors import DuplicateCustomerError, InvalidValueError, StaleEditError, UnknownCustomerError
from .money import check_currency, fmt
from .terms import get_active_terms_row, get_terms_row
from .text_input import clean_text
from .views import CustomerView

EDITABLE = ("name", "tax_id", "country", "language", "currency", "email", "phone", "address", "city",
            "payment_terms", "credit_limit_minor", "on_hold", "notes", "collector")
LANGUAGES = ("es", "en")
TEXT_FIELDS = ("name", "tax_id", "phone", "address", "city", "notes", "collector")


def _view(c: Customer) -> CustomerView:
    return CustomerView(
        id=c.id, code=c.code, name=c.name, tax_id=c.tax_id, country=c.country, language=c.language,
        currency=c.currency, email=c.email, phone=c.phone, address=c.address, city=c.city,
        payment_terms=c.payment_terms.code if c.payment_terms else None,
        credit_limit_minor=c.credit_limit_minor, on_hold=c.on_hold, notes=c.notes, collector=c.collector,
        version=c.version or 0,
    )


def _snapshot(c: Customer) -> dict:
    data = audit.snapshot(c)
    data.pop("created_at", None)
    data.pop("version", None)
    return data


def get_customer_row(session: Session, code: str) -> Customer:
    row = session.scalars(select(Customer).where(Customer.code == (code or "").strip())).first()
    if row is None:
        raise UnknownCustomerError(code)
    return row


def get_customer(session: Session, code: str) -> CustomerView:
    return _view(get_customer_row(session, code))


def _clean(session: Session, fields: dict, current_terms_id: int | None = None) -> dict:
    """Validate and normalise editable fields; raises InvalidValueError naming the field."""
    out = {}
    for key, value in fields.items():
        if key not in EDITABLE:
            raise InvalidValueError(f"'{key}' is not a customer field.", field=key)
        if key in TEXT_FIELDS:
            value = clean_text(value, key)  # length and refused characters: one rule (app.ledger.text_input)
        elif isinstance(value, str):
            value = value.strip()
            if value == "" and key != "name":
                value = None
        if key == "name":
            if not value:
                raise InvalidValueError("The customer needs a name.", field="name")
        elif key == "country":
            import babel

            value = (value or "").upper()
            if len(value) != 2 or value not in babel.Locale("en").territories:
                raise InvalidValueError(
                    f"Country '{fields[key]}' is not an ISO 3166 two-letter code (e.g. PE, MX, CO, CL, US).",
                    field="country")
        elif key == "language":
            value = (value or "es").lower()[:2]
            if value not in LANGUAGES:
                raise InvalidValueError(f"Language '{fields[key]}' is not supported; use es or en.", field="language")
        elif key == "currency":
            value = check_currency(value)
        elif key == "email" and value is not None:
            value = check_email(value, field="email")  # one address, nothing that breaks a header
        elif key == "credit_limit_minor" and value is not None:
            if int(value) < 0:
                raise InvalidValueError("The credit limit cannot be negative.", field="credit_limit")
            value = int(value)
        elif key == "payment_terms":
            value = get_terms_row(session, value) if value else None
            if value is not None and value.archived and value.id != current_terms_id:  # a customer keeps its own
                value = get_active_terms_row(session, value.code)  # raises: archived terms are not offered
        elif key == "on_hold":
            value = bool(value)
        out[key] = value
    return out


def check_new_code(session: Session, code: str) -> None:
    """Refuse a code an existing customer has, in any case ("c001" when "C001" exists: the same customer)."""
    existing = session.scalar(select(Customer.code).where(
        (Customer.code == code) | (func.lower(Customer.code) == func.lower(code))).limit(1))
    if existing is not None:
        raise DuplicateCustomerError(code, existing)


def create_customer(
    session: Session,
    *,
    code: str,
    name: str,
    tax_id: str | None = None,
    country: str = "PE",
    language: str = "es",
    currency: str = "PEN",
    email: str | None = None,
    phone: str | None = None,
    address: str | None = None,
    city: str | None = None,
    payment_terms: str | None = None,
    credit_limit_minor: int | None = None,
    on_hold: bool = False,
    notes: str | None = None,
    collector: str | None = None,
) -> CustomerView:
    """The "New customer" action (the dialog, the importer): one customer with its collector, audited."""
    code = clean_text(code, "code")
    if not code:
        raise InvalidValueError("The customer needs a code.", field="code")
    check_new_code(session, code)
    fields = _clean(session, dict(
        name=name, tax_id=tax_id, country=country, language=language, currency=currency, email=email,
        phone=phone, address=address, city=city, payment_terms=payment_terms,
        credit_limit_minor=credit_limit_minor, on_hold=on_hold, notes=notes, collector=collector))
    customer = Customer(code=code, created_at=config.now(), **fields)
    session.add(customer)
    session.flush()
    audit.record(session, action="create", entity="customer", entity_id=customer.id, after=_snapshot(customer))
    return _view(customer)


LABELS = {"tax_id": "tax ID", "credit_limit_minor": "credit limit", "on_hold": "on hold",
          "payment_terms": "payment terms"}


def _shown(key: str, value, currency: str) -> str:
    if value is None or value == "":
        return "(empty)"
    if key == "credit_limit_minor":
        return fmt(value, currency, "en_US", symbol=False)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if not isinstance(value, str):
        return str(value)
    text = " ".join(value.split())
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def stale_changes(seen: CustomerView, now: CustomerView) -> list[tuple[str, str, str]]:
    """What another user changed between the card's `seen` and the row `now`: (label, seen, now)."""
    out = []
    for key in EDITABLE:
        before, after = getattr(seen, key), getattr(now, key)
        if before != after:
            out.append((LABELS.get(key, key), _shown(key, before, seen.currency), _shown(key, after, now.currency)))
    return out


def lock_customer(session: Session, code: str) -> None:
    """Lock the customer's row until the transaction ends (FOR UPDATE; SQLite writers hold the write lock):
    two saves of one card are checked one after the other."""
    session.scalars(select(Customer.id).where(Customer.code == (code or "").strip()).with_for_update()).first()


def refuse_stale(pairs: list[tuple[str, object, object]]) -> None:
    """A card's other settings compared by value (e.g. its reminder policy and pause), after lock_customer:
    StaleEditError when any (label, seen, now) differs."""
    changed = [(label, _shown(label, seen, ""), _shown(label, now, "")) for label, seen, now in pairs if seen != now]
    if changed:
        raise StaleEditError("customer", changed)


def update_customer(session: Session, code: str, *, seen: CustomerView | None = None, **changes) -> CustomerView:
    """The card's Save. `seen`: the customer as the user's card loaded it; when the row changed since (its
    version moved on), nothing is written and StaleEditError names what changed. The row is locked first
    (FOR UPDATE on PostgreSQL; SQLite writers hold the write lock), so the check cannot race another save;
    any other UPDATE of a customer is guarded by the version too (version_id_col)."""
    if seen is not None:
        customer = session.scalars(select(Customer).where(Customer.code == (code or "").strip())
                                   .with_for_update().execution_options(populate_existing=True)).first()
        if customer is None:
            raise UnknownCustomerError(code)
        if customer.version != seen.version:
            raise StaleEditError("customer", stale_changes(seen, _view(customer)))
    else:
        customer = get_customer_row(session, code)
    before = _snapshot(customer)
    for key, value in _clean(session, changes, customer.payment_terms_id).items():
        setattr(customer, key, value)
    session.flush()
    audit.record(session, action="update", entity="customer", entity_id=customer.id, before=before,
                 after=_snapshot(customer))
    return _view(customer)


def terms_for(session: Session, customer: Customer) -> PaymentTerms:
    """The customer's terms, else the default (NET30)."""
    from .terms import DEFAULT_TERMS_CODE, ensure_default_terms

    if customer.payment_terms is not None:
        return customer.payment_terms
    try:
        return get_terms_row(session, DEFAULT_TERMS_CODE)
    except Exception:
        ensure_default_terms(session)
        return get_terms_row(session, DEFAULT_TERMS_CODE)
