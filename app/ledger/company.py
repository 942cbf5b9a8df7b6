"""The company's own details and database-wide settings."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Company, Setting

from . import audit
from .email_address import check_email
from .errors import InvalidValueError
from .money import check_currency
from .text_input import clean_text
from .views import CompanyView

COMPANY_FIELDS = ("name", "tax_id", "address", "city", "country", "currency", "locale", "email", "phone",
                  "logo_path", "payment_instructions")


def _view(c: Company) -> CompanyView:
    return CompanyView(**{f: getattr(c, f) for f in COMPANY_FIELDS})


def get_company(session: Session) -> CompanyView | None:
    row = session.scalars(select(Company).order_by(Company.id).limit(1)).first()
    return _view(row) if row else None


def save_company(session: Session, **fields) -> CompanyView:
    """Create or update the company row. Unknown keys are an error, not silently dropped."""
    unknown = set(fields) - set(COMPANY_FIELDS)
    if unknown:
        raise InvalidValueError(f"Unknown company field(s): {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    for key in ("name", "tax_id", "address", "city", "phone", "payment_instructions"):
        if key in fields and fields[key] is not None:  # length and refused characters (app.ledger.text_input)
            fields[key] = clean_text(fields[key], key) or ("" if key == "name" else None)
    if "currency" in fields and fields["currency"] is not None:
        fields["currency"] = check_currency(fields["currency"])
    if "email" in fields:  # it goes into every reminder's Reply-To: one address, nothing that breaks a header
        fields["email"] = check_email(fields["email"], field="email")
    if "country" in fields and fields["country"] is not None:
        fields["country"] = fields["country"].strip().upper()
    if "locale" in fields and fields["locale"]:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(fields["locale"])
        except (UnknownLocaleError, ValueError):
            raise InvalidValueError(f"'{fields['locale']}' is not a known locale (e.g. es_PE, es_MX, en_US)",
                                    field="locale") from None
    row = session.scalars(select(Company).order_by(Company.id).limit(1)).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        if not (fields.get("name") or "").strip():
            raise InvalidValueError("The company needs a name.", field="name")
        row = Company(name=fields["name"].strip(), country="PE", currency="PEN", locale="es_PE")
        session.add(row)
    for key, value in fields.items():
        if key == "name" and not (value or "").strip():
            raise InvalidValueError("The company needs a name.", field="name")
        if value is not None or key not in ("name", "country", "currency", "locale"):
            setattr(row, key, value)
    session.flush()
    audit.record(session, action="save", entity="company", entity_id=row.id, before=before,
                 after=audit.snapshot(row))
    return _view(row)


def territory_currency(country: str | None) -> str | None:
    """The legal-tender currency of a country (PE → PEN), for a new company's default; None when unknown."""
    if not country:
        return None
    from babel.numbers import get_territory_currencies

    try:
        found = get_territory_currencies(country, tender=True)
    except Exception:  # noqa: BLE001 - an unknown territory simply has no default
        return None
    return found[0] if found else None


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else default


def set_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    before = {"value": row.value} if row else None
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit.record(session, action="set", entity=f"setting:{key}", entity_id=None, before=before,
                 after={"value": value})
