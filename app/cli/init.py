"""`cobranza init [--company NAME] [--currency CUR] [--locale es_PE]`: create or upgrade a database.

Safe to re-run: an existing database is upgraded to the current schema (SQLite files are copied to a
.bak first) and keeps its data; only the company settings named on the command line change.
"""

from __future__ import annotations

from app.database import current_revision, head_revision, upgrade
from app.ledger import ensure_default_terms, get_company, list_terms, save_company
from app.ledger.company import territory_currency
from app.ledger.errors import LedgerError

from .common import fail, open_engine

DEFAULT_COMPANY = "Mi empresa"


def register(subparsers) -> None:
    p = subparsers.add_parser("init", help="create a database, or upgrade an existing one keeping its data")
    p.add_argument("--company", metavar="NAME", help="the company's name (shown on letters and reports)")
    p.add_argument("--currency", metavar="CUR", help="the company's currency, ISO 4217 (default PEN)")
    p.add_argument("--locale", metavar="LOCALE", help="formats for amounts and dates, e.g. es_PE, es_MX, en_US")
    p.set_defaults(handler=run)


def _territory(locale: str | None) -> str | None:
    if not locale:
        return None
    from babel import Locale

    try:
        return Locale.parse(locale).territory
    except Exception:
        return None


def run(args) -> int:
    engine = open_engine(args)
    try:
        before = _revision(engine)
        head = head_revision()
        try:
            backup = upgrade(engine)
        except Exception as exc:  # DatabaseError carries the message and the backup's path
            fail(str(exc))
        where = (engine.url.database if engine.url.get_backend_name() == "sqlite"
                 else engine.url.render_as_string(hide_password=True))
        if before is None:
            print(f"created database {where} (schema {head})")
        elif before != head:
            print(f"upgraded database {where} from schema {before} to {head}")
            if backup:
                print(f"backup of the previous file: {backup}")
        else:
            print(f"database {where} is up to date (schema {head})")

        from app.database import session_factory

        session = session_factory(engine)()
        try:
            with session.begin():
                company = get_company(session)
                changes: dict = {}
                if args.company is not None:
                    changes["name"] = args.company
                if args.currency is not None:
                    changes["currency"] = args.currency
                if args.locale is not None:
                    changes["locale"] = args.locale
                    country = _territory(args.locale)
                    if country:
                        changes["country"] = country
                if company is None:
                    changes.setdefault("name", DEFAULT_COMPANY)
                    changes.setdefault("locale", "es_PE")
                    changes.setdefault("country", _territory(changes["locale"]) or "PE")
                    changes.setdefault("currency", territory_currency(changes["country"]) or "PEN")
                if changes:
                    verb = "created" if company is None else "updated"
                    company = save_company(session, **changes)
                    print(f"company {verb}: {company.name} ({company.currency}, {company.locale}, {company.country})")
                else:
                    print(f"company: {company.name} ({company.currency}, {company.locale}, {company.country}); unchanged")
                had = {t.code for t in list_terms(session)}
                ensure_default_terms(session)
                terms = list_terms(session)
                added = len({t.code for t in terms} - had)
                print(f"payment terms: {len(terms)} available" + (f" ({added} added)" if added else ""))
        except LedgerError as exc:
            where_field = f" (--{exc.field})" if exc.field in ("currency", "locale") else ""
            fail(f"{exc}{where_field}", code=2)
        finally:
            session.close()
    finally:
        engine.dispose()
    return 0


def _revision(engine):
    try:
        return current_revision(engine)
    except Exception as exc:
        fail(f"cannot open the database {engine.url.render_as_string(hide_password=True)}: {_reason(exc)}")


def _reason(exc) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
