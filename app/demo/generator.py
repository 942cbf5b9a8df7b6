"""Realistic demo data at any scale: Latin American SME customers and 18 months of their documents.

Everything is computed in Python with explicit ids and written as plain tuples with the driver's
executemany (app.demo.bulk), customers chunk by chunk, invoices, due lines and allocations from compact
arrays in id order at the end (app.demo.buffers, their rows zipped column by column), so 100,000
customers and 1,000,000 invoices fit in memory and in under a minute. The random draws are Python's
Mersenne Twister, one after another (app.demo.draws draws the integers faster, the same numbers); only
steps that take no draw of their own (bisecting a million draws, sorting by date) are NumPy's. The ledger's per-document functions are not used (they would take hours at
that size); instead the generator keeps the ledger's rules by construction:

- due lines come from the ledger's own terms (due dates, `split_lines`) for the customer's payment
  terms, as `due_schedule` gives them (a test compares), so they sum to the invoice total;
- each due line's paid_minor and each document's applied_minor are the sums of their allocations,
  set from the simulation in the rows themselves;
- every allocation is dated on or after both of its documents and on or before `as_of`;
- nothing is dated after `as_of` (documents, allocations, void dates, created_at);
- no due line receives more than its amount and no payment, credit note or write-off gives more
  than its own amount (what a payment does not allocate stays as unapplied credit);
- void invoices have nothing applied to them.

The caller owns the transaction (`with session.begin(): generate_demo(...)`); the whole run is one
unit of work. The same seed, size and as-of date on an empty database give identical rows.

Customer codes (C000001, ...) skip codes already in the database, and invoice and credit-note
numbers use the first series (F001-, FC01-, ...) that no existing document uses, so demo data can
be added to a database that already has data without colliding with it.
"""

from __future__ import annotations

import bisect
import datetime as dt
import gc
import itertools
import math
import os
import random
import re
import unicodedata
from array import array
from dataclasses import asdict, dataclass
from typing import Callable

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit, balance_keeper
from app.ledger.company import get_company, save_company
from app.ledger.money import exponent
from app.ledger.terms import DEFAULT_TERMS_CODE, ensure_default_terms, get_terms_row, split_lines, terms_lines
from app.models import (
    POSTED,
    VOID,
    Allocation,
    Contact,
    CreditNote,
    Customer,
    DueLine,
    Invoice,
    Payment,
    PaymentTerms,
    WriteOff,
)

from . import buffers, data, taxids
from .draws import DemoRandom
from .bulk import BATCH, BulkWriter, StoredDays

CHUNK_INVOICES = 20_000  # invoices simulated before their rows are written
HISTORY_DAYS = 548  # about 18 months before as_of
# SQLite's page cache while generating (the connection's own size is restored after). Every table is
# written in id order, so the cache need not hold the book: 256 MB was no faster at 1M invoices and
# raised the peak memory from 340 to 560 MB.
SQLITE_CACHE_KIB = 64 * 1024
# SQLite's sorter may use helper threads for a large sort (at most this many): the indexes built again
# after the load and the stored tables' grouping at the end of balance_keeper.deferred each sort millions
# of rows
SQLITE_SORT_THREADS = 4
Progress = Callable[[str], None]


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    as_of: dt.date
    customers: int
    contacts: int
    invoices: int
    due_lines: int
    credit_notes: int
    payments: int
    allocations: int
    write_offs: int
    void_invoices: int
    disputed_invoices: int
    unapplied_payments: int
    customers_on_hold: int
    customers_without_email: int
    company_created: bool
    first_customer_code: str | None
    last_customer_code: str | None
    invoice_series: str
    credit_note_series: str


# --- per-customer behaviour ------------------------------------------------------------------

# name, weight, probability a due line is paid in parts, probability a due line is never paid
PROFILES = (("punctual", 40, 0.03, 0.0), ("slow", 30, 0.08, 0.005), ("late", 20, 0.15, 0.03),
            ("chronic", 10, 0.25, 0.12))
_PROFILE_CUM = list(itertools.accumulate(p[1] for p in PROFILES))

COUNTRIES = (("PE", 50), ("MX", 17), ("CO", 15), ("CL", 15), ("US", 3))
LOCAL_CURRENCY = {"PE": "PEN", "MX": "MXN", "CO": "COP", "CL": "CLP", "US": "USD"}
# share of customers billed in US dollars by default
USD_SHARE = {"PE": 0.30, "MX": 0.5, "CO": 0.5, "CL": 0.5, "US": 1.0}
TERMS_WEIGHTS = (("CONTADO", 6), ("NET15", 10), ("NET30", 32), ("NET45", 10), ("NET60", 14), ("NET90", 4),
                 ("30-60-90", 10), ("EOM30", 9), (None, 5))
# median invoice in major units and the largest plausible one
AMOUNTS = {"PEN": (2_500, 400_000), "USD": (900, 150_000), "MXN": (14_000, 3_000_000),
           "COP": (2_500_000, 20_000_000), "CLP": (750_000, 150_000_000)}
# amount columns are 32-bit INTEGER on PostgreSQL: no document may hold more minor units than this
MAX_MINOR = 2**31 - 1
METHODS = (("transfer", 62), ("deposit", 14), ("cheque", 8), ("card", 6), ("cash", 4), ("yape", 3), ("plin", 3))
CO_MOBILE = ("300", "301", "302", "304", "305", "310", "311", "312", "313", "314", "315", "316", "317", "318",
             "319", "320", "321", "322", "323", "350")
CL_MOBILE = tuple(str(p) for p in range(50, 100) if p not in (69, 70, 91, 92))  # ranges in use
STOPWORDS = {"de", "del", "la", "las", "los", "el", "y", "&", "e", "en", "cía.", "s."}


CURRENCIES = tuple(AMOUNTS)
CURRENCY_INDEX = {currency: i for i, currency in enumerate(CURRENCIES)}

# Colombian pesos are billed and paid in whole pesos although the currency has cents
WHOLE = {"COP": 100}


def _round(currency: str, amount_minor: int) -> int:
    """An amount as people write it in that currency (whole pesos for COP), rounded down."""
    unit = WHOLE.get(currency, 1)
    return amount_minor // unit * unit



class _Weights:
    """A weighted choice among the pairs' first items, drawn as `rng.choices(items, weights)[0]` draws it:
    the same single `random()` bisected into the same cumulative weights (CPython's own code for it), so
    the same seed gives the same data (the pinned-rows test says if it ever differs), without the list
    and checks `choices` makes on each of ~2 million calls."""

    __slots__ = ("items", "cum", "total", "hi")

    def __init__(self, pairs):
        self.items = [p[0] for p in pairs]
        self.cum = list(itertools.accumulate(p[1] for p in pairs))
        self.total = self.cum[-1] + 0.0
        self.hi = len(self.cum) - 1

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cum, rng.random() * self.total, 0, self.hi)]


_COUNTRY = _Weights(COUNTRIES)
_TERMS = _Weights(TERMS_WEIGHTS)
_METHOD = _Weights(METHODS)
_LEGAL_FORM = {country: _Weights(forms) for country, forms in data.LEGAL_FORMS.items()}
_CITY = {country: _Weights([(c, c[1]) for c in cities]) for country, cities in data.CITIES.items()}
_CONTACTS = _Weights(((0, 25), (1, 55), (2, 20)))  # contacts per customer


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()


@dataclass(slots=True)
class _Cust:
    """What the simulation needs to remember about a customer (kept small: 100,000 of them)."""

    id: int
    country: str
    currency: str
    terms: str | None
    profile: int
    pay_weekday: int | None
    join: int  # ordinal of the first day the customer can have documents
    size: float


# the columns of each table's rows, in the order of the generator's tuples
CUSTOMER_COLUMNS = ("id", "code", "name", "tax_id", "country", "language", "currency", "email", "phone", "address",
                    "city", "payment_terms_id", "credit_limit_minor", "on_hold", "notes", "created_at")
CONTACT_COLUMNS = ("id", "customer_id", "name", "role", "email", "phone", "is_primary")
INVOICE_COLUMNS = ("id", "number", "customer_id", "issue_date", "currency", "total_minor", "reference", "kind",
                   "disputed", "status", "void_date", "void_reason", "created_at")
DUE_LINE_COLUMNS = ("id", "invoice_id", "sequence", "due_date", "amount_minor", "paid_minor")
CREDIT_NOTE_COLUMNS = ("id", "number", "customer_id", "date", "currency", "amount_minor", "invoice_id", "reason",
                       "status", "created_at", "applied_minor")
PAYMENT_COLUMNS = ("id", "customer_id", "date", "currency", "amount_minor", "method", "reference", "status",
                   "created_at", "applied_minor")
WRITE_OFF_COLUMNS = ("id", "customer_id", "date", "currency", "amount_minor", "reason", "created_at",
                     "applied_minor")
ALLOCATION_COLUMNS = ("id", "due_line_id", "payment_id", "credit_note_id", "write_off_id", "amount_minor", "date",
                      "currency")
TABLES = tuple(m.__table__ for m in (Customer, Contact, Invoice, DueLine, CreditNote, Payment, WriteOff, Allocation))
# indexes whose keys the generator writes in ascending order (or one of a few runs of equal keys): kept up
# during the load (see BulkWriter.indexes_deferred). Codes, numbers and dates of invoices follow the ids;
# credit notes and write-offs are made customer by customer, in id order. Not kept, although in order too:
# the allocations' and payments' (a million rows each). Measured on the 1M book's rows (CPU, insert +
# build after): allocations 5.2 + 2.0 s kept, 2.7 + 3.0 s built after; payments 2.7 + 1.1 s kept, 2.0 +
# 1.3 s built after. A column mostly NULL (credit_note_id, write_off_id: one source per allocation) puts
# each row's entry at the end of the NULL run, before the other keys, not on the index's last page; a
# partial index (ix_payment_unapplied) evaluates its condition for every row written.
IN_ORDER_INDEXES = frozenset({
    "ix_customer_code_lower", "ix_customer_collector", "ix_contact_customer_id",
    "ix_invoice_number_lower", "ix_invoice_issue_sales",
    "ix_credit_note_customer_date", "ix_credit_note_number_lower",
    "ix_credit_note_unapplied", "ix_write_off_customer_id", "ix_write_off_unapplied",
})


class _Schedule:
    """A terms' due lines for the demo's invoices: what `app.ledger.terms.due_schedule` gives (tests compare),
    with the due dates computed once per issue day and the lines validated once, not twice per invoice."""

    def __init__(self, lines, days: StoredDays):
        self.lines = lines
        self.single = len(lines) == 1  # one line: it takes the whole total (the last line takes the rest)
        self.days = days
        self._dues: dict[int, list[int]] = {}

    def __call__(self, issued: int, total: int) -> list[tuple[int, int]]:
        """(due day ordinal, amount) of each line with an amount above zero."""
        dues = self._dues.get(issued)
        if dues is None:
            day = self.days.day(issued)
            dues = self._dues[issued] = [line.due_date(day).toordinal() for line in self.lines]
        if self.single:
            return [(dues[0], total)]
        return [(due, amount) for due, amount in zip(dues, split_lines(self.lines, total)) if amount > 0]


class _Generator:
    def __init__(self, session: Session, *, customers: int, invoices: int, seed: int, as_of: dt.date,
                 progress: Progress | None):
        self.s = session
        self.n_customers = customers
        self.n_invoices = invoices
        self.seed = seed
        self.as_of = as_of
        self.end = as_of.toordinal()
        self.start = self.end - HISTORY_DAYS + 1
        self.progress = progress or (lambda _msg: None)
        self.rng = DemoRandom(f"cobranza-demo-{seed}")
        self.counts = dict(customers=0, contacts=0, invoices=0, due_lines=0, credit_notes=0, payments=0,
                           allocations=0, write_offs=0, void_invoices=0, disputed_invoices=0,
                           unapplied_payments=0, customers_on_hold=0, customers_without_email=0)

    # --- helpers -----------------------------------------------------------------------

    def next_id(self, model) -> int:
        return int(self.s.scalar(select(func.coalesce(func.max(model.id), 0)))) + 1

    def free_series(self) -> tuple[str, str]:
        """First invoice / credit-note series no existing document uses."""
        b = 1
        while True:
            inv, cn = f"F{b:03d}-", f"FC{b:02d}-"
            used = self.s.scalar(select(Invoice.id).where(Invoice.number.like(inv + "%")).limit(1)) or \
                self.s.scalar(select(CreditNote.id).where(CreditNote.number.like(cn + "%")).limit(1))
            if not used:
                return inv, cn
            b += 1

    # --- the run ----------------------------------------------------------------------------

    def run(self) -> DemoSummary:
        s = self.s
        ensure_default_terms(s)
        s.flush()
        self.terms = {}
        for code, terms_id in s.execute(select(PaymentTerms.code, PaymentTerms.id)):
            self.terms[code] = terms_id
        company_created = self.company()
        self.inv_series, self.cn_series = self.free_series()
        self.ids = {m: self.next_id(m) for m in (Customer, Contact, Invoice, DueLine, CreditNote, Payment,
                                                 WriteOff, Allocation)}
        self.cn_seq = 1
        self.writer = BulkWriter(s)
        self.days = StoredDays(self.writer, Invoice.__table__, "issue_date", "created_at")
        flag = self.writer.processor(Invoice.__table__, "disputed")
        self.true, self.false = flag(True), flag(False)
        self.schedules = {code: _Schedule(terms_lines(get_terms_row(s, code)), self.days)
                          for code, _w in TERMS_WEIGHTS if code}
        self.schedules[None] = self.schedules[DEFAULT_TERMS_CODE]
        self.scale = {currency: 10 ** exponent(currency) for currency in AMOUNTS}
        sqlite = self.writer.sqlite
        if sqlite:  # the connection's settings, not the transaction's: restored below
            cache_size = s.execute(text("PRAGMA cache_size")).scalar()
            threads = s.execute(text("PRAGMA threads")).scalar()
            s.execute(text(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
            s.execute(text(f"PRAGMA threads={min(os.cpu_count() or 1, SQLITE_SORT_THREADS)}"))
        try:  # the stored balances (customer_balance) once, for the whole book, at the end
            with balance_keeper.deferred(s):
                with self.writer.indexes_deferred(TABLES, keep=IN_ORDER_INDEXES):
                    custs = self.customers()
                    self.documents(custs)
                # the rows went past the Session's events: say whose documents were written
                balance_keeper.note(s, self.customer_ids)
        finally:
            if sqlite:
                s.execute(text(f"PRAGMA cache_size={int(cache_size)}"))
                s.execute(text(f"PRAGMA threads={int(threads)}"))
        self.advance_sequences()
        summary = DemoSummary(
            seed=self.seed, as_of=self.as_of, company_created=company_created,
            first_customer_code=self.first_code, last_customer_code=self.last_code,
            invoice_series=self.inv_series.rstrip("-"), credit_note_series=self.cn_series.rstrip("-"),
            **self.counts)
        audit.record(s, action="generate", entity="demo", entity_id=None,
                     after={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in asdict(summary).items()})
        s.flush()
        return summary

    def advance_sequences(self) -> None:
        """Explicit ids do not move PostgreSQL's id sequences: move them past the rows written, or the
        next invoice entered by hand would collide. (SQLite takes max(rowid) + 1 by itself.)"""
        if self.s.get_bind().dialect.name != "postgresql":
            return
        for model in self.ids:
            table = model.__tablename__
            self.s.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"))

    def company(self) -> bool:
        if get_company(self.s) is not None:
            return False
        rng = random.Random(f"cobranza-demo-company-{self.seed}")
        save_company(
            self.s, name="Distribuidora Andina S.A.C.", tax_id=taxids.make_ruc(rng),
            address="Av. Argentina 2415, Cercado de Lima", city="Lima", country="PE", currency="PEN",
            locale="es_PE", email="cobranzas@distribuidoraandina.com.pe", phone="(01) 614-2300",
            payment_instructions="BCP Soles 193-2045871-0-36 · BCP Dólares 193-2045872-1-47 · "
                                 "CCI 002-193-002045871036-18",
        )
        return True

    # --- customers ---------------------------------------------------------------------------

    def customers(self) -> list[_Cust]:
        rng = self.rng
        existing = set(self.s.scalars(select(Customer.code).where(Customer.code.like("C%"))))
        number = 0
        rows: list[tuple] = []
        contacts: list[tuple] = []
        custs: list[_Cust] = []
        self.first_code = self.last_code = None
        next_id = self.ids[Customer]
        for i in range(self.n_customers):
            number += 1
            while f"C{number:06d}" in existing:
                number += 1
            code = f"C{number:06d}"
            self.first_code = self.first_code or code
            self.last_code = code
            cid = next_id + i
            row, cust = self.customer(rng, cid, code)
            rows.append(row)
            custs.append(cust)
            for k in range(_CONTACTS.pick(rng)):
                contacts.append(self.contact(rng, cid, cust.country, row[7], row[8], primary=k == 0))
            if len(rows) >= BATCH:
                self.flush_customers(rows, contacts)
        self.flush_customers(rows, contacts)
        self.customer_ids = range(next_id, next_id + self.n_customers)
        return custs

    def flush_customers(self, rows, contacts) -> None:
        if not rows:
            return
        self.writer.write(Customer.__table__, CUSTOMER_COLUMNS, rows)
        self.writer.write(Contact.__table__, CONTACT_COLUMNS, contacts)
        self.counts["customers"] += len(rows)
        self.counts["contacts"] += len(contacts)
        self.progress(f"demo: {self.counts['customers']:,}/{self.n_customers:,} customers")
        rows.clear()
        contacts.clear()


    def customer(self, rng: random.Random, cid: int, code: str) -> tuple[tuple, _Cust]:
        country = _COUNTRY.pick(rng)
        form = _LEGAL_FORM[country].pick(rng)
        if country == "US":
            base = rng.choice(data.US_NAMES)
        else:
            pattern = rng.random()
            if pattern < 0.45:
                base = f"{rng.choice(data.ACTIVITIES)} {rng.choice(data.DISTINCTIVE)}"
            elif pattern < 0.70:
                base = f"{rng.choice(data.ACTIVITIES)} {rng.choice(data.SURNAMES)}"
                if rng.random() < 0.2:
                    base += " Hermanos"
            elif pattern < 0.85:
                a, b = rng.sample(data.SURNAMES, 2)
                base = f"{a} & {b} {rng.choice(('Asociados', 'Contadores', 'Consultores', 'Abogados'))}" \
                    if rng.random() < 0.4 else f"{rng.choice(data.ACTIVITIES)} {a} {b}"
            else:
                initials = "".join(rng.choice("ABCDEFGHIJLMNPRSTV") for _ in range(rng.choice((2, 3))))
                base = f"{rng.choice(('Grupo', 'Corporación', 'Inversiones', 'Negocios'))} {initials} " \
                       f"{rng.choice(data.DISTINCTIVE)}"
        name = f"{base} {form}"
        words = [w for w in base.split() if w.lower() not in STOPWORDS]
        if country == "PE":
            tax_id = taxids.make_ruc(rng, person=form == "E.I.R.L." and rng.random() < 0.3)
        elif country == "MX":
            letters = "".join(_ascii(w)[0] for w in words[:3]) if len(words) >= 3 else _ascii(words[0])[:3]
            founded = dt.date(1980, 1, 1) + dt.timedelta(days=rng.randrange(15_000))
            tax_id = taxids.make_rfc(rng, letters, founded)
        elif country == "CO":
            tax_id = taxids.make_nit(rng)
        elif country == "CL":
            tax_id = taxids.make_rut(rng)
        else:
            tax_id = taxids.make_ein(rng)
        currency = "USD" if rng.random() < USD_SHARE[country] else LOCAL_CURRENCY[country]
        language = "en" if country == "US" or rng.random() < (0.15 if currency == "USD" else 0.05) else "es"
        city, _w, area, digits = _CITY[country].pick(rng)
        street = f"{rng.choice(data.STREETS[country])} {rng.randint(100, 4999)}"
        if country == "PE" and city == "Lima":
            address = f"{street}, {rng.choice(data.LIMA_DISTRICTS)}"
        elif country == "CO":
            address = f"{rng.choice(data.STREETS['CO'])} # {rng.randint(1, 150)}-{rng.randint(1, 99):02d}"
        else:
            address = street
        if rng.random() < 0.15:
            address += f", Of. {rng.randint(101, 1204)}"
        phone = self.phone(rng, country, area, digits)
        if rng.random() < 0.05:
            email = None
        else:
            slug = ""
            for w in words:  # whole words while the domain stays short
                part = re.sub(r"[^a-z0-9]", "", _ascii(w).lower())
                if slug and len(slug) + len(part) > 22:
                    break
                slug += part
            slug = slug[:30] or "empresa"
            email = f"{rng.choice(data.EMAIL_BOXES)}@{slug}.{data.EMAIL_TLD[country]}"
        terms = _TERMS.pick(rng)
        profile = bisect.bisect_right(_PROFILE_CUM, rng.random() * _PROFILE_CUM[-1])
        on_hold = rng.random() < (0.25 if PROFILES[profile][0] == "chronic" else 0.01)
        notes = rng.choice(data.HOLD_NOTES) if on_hold else (rng.choice(data.NOTES) if rng.random() < 0.1 else None)
        credit_limit = None
        if rng.random() < 0.6:
            median, _top = AMOUNTS[currency]
            credit_limit = min(int(median * rng.choice((2, 3, 5, 10, 20, 50))) * self.scale[currency],
                               MAX_MINOR // 1_000_000 * 1_000_000)
        join = self.start - rng.randrange(2_000) if rng.random() < 0.7 else \
            self.start + rng.randrange(max(HISTORY_DAYS - 7, 1))
        created = self.days.stamp(min(join, self.end))
        self.counts["customers_on_hold"] += on_hold
        self.counts["customers_without_email"] += email is None
        row = (cid, code, name, tax_id, country, language, currency, email, phone, address, city,
               self.terms[terms] if terms else None, credit_limit, self.true if on_hold else self.false, notes,
               created)
        cust = _Cust(id=cid, country=country, currency=currency, terms=terms, profile=profile,
                     pay_weekday=rng.randrange(5) if rng.random() < 0.3 else None,
                     join=max(join, self.start), size=rng.lognormvariate(0, 0.6))
        return row, cust


    @staticmethod
    def phone(rng: random.Random, country: str, area: str, digits: int, mobile: bool | None = None) -> str:
        """A phone number written the way it is written locally (mobile or the city's landline)."""
        def n(k: int) -> str:
            return "".join(str(rng.randrange(10)) for _ in range(k))

        if mobile is None:
            mobile = rng.random() < 0.55
        if country == "PE":
            if mobile:
                return f"9{n(2)} {n(3)} {n(3)}"
            if digits == 7:
                return f"({area}) {rng.randint(2, 7)}{n(2)}-{n(4)}"
            return f"({area}) {rng.randint(2, 6)}{n(1)}-{n(4)}"
        if country == "MX":
            rest = f"{rng.randint(2, 9)}{n(digits - 1)}"
            return f"{area} {rest[:-4]} {rest[-4:]}"
        if country == "CO":
            if mobile:
                return f"{rng.choice(CO_MOBILE)} {rng.randint(2, 9)}{n(2)} {n(4)}"
            return f"{area} {rng.randint(2, 8)}{n(2)} {n(4)}"
        if country == "CL":
            if mobile:
                return f"+56 9 {rng.choice(CL_MOBILE)}{n(2)} {n(4)}"
            rest = f"2{n(digits - 1)}"
            return f"+56 {area} {rest[:-4]} {rest[-4:]}"
        return f"({area}) {rng.randint(2, 9)}{n(2)}-{n(4)}"


    def contact(self, rng: random.Random, cid: int, country: str, customer_email: str | None, customer_phone: str,
                primary: bool) -> tuple:
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.SURNAMES)
        email = None
        if customer_email and rng.random() < 0.8:
            domain = customer_email.split("@", 1)[1]
            email = f"{_ascii(first[0] + last).lower()}@{domain}"
        phone = self.phone(rng, country, "", 0, mobile=True) if country in ("PE", "CO", "CL") \
            and rng.random() < 0.7 else customer_phone
        contact_id = self.ids[Contact]
        self.ids[Contact] += 1
        return (contact_id, cid, f"{first} {last}", rng.choice(data.ROLES), email, phone,
                self.true if primary else self.false)

    # --- documents ---------------------------------------------------------------------------------

    def documents(self, custs: list[_Cust]) -> None:
        rng = self.rng
        n = len(custs)
        if self.n_invoices <= 0 or n == 0:
            return
        import numpy as np  # here: only a demo with invoices needs it

        weights = [rng.lognormvariate(0, 1.0) for _ in range(n)]
        # rng.choices(range(n), weights=weights, k=N), its own steps: the same cumulative sums, the same
        # random() per invoice times their total, bisected as bisect(cum, x, 0, n - 1) does; the bisection
        # of a million draws done by NumPy, not a Python loop
        cum = np.fromiter(itertools.accumulate(weights), dtype=np.float64, count=n)
        del weights
        random_ = rng.random
        draws = np.fromiter((random_() for _ in range(self.n_invoices)), dtype=np.float64, count=self.n_invoices)
        owner = np.searchsorted(cum[:n - 1], draws * (cum[-1] + 0.0), side="right")
        del cum, draws
        randrange = rng.randrange
        join = [c.join for c in custs]
        end = self.end
        issue = array("i")  # 4 bytes a day, not a 28-byte int object: a million of them
        for c in owner.tolist():
            lo = join[c]
            d = lo + randrange(end - lo + 1)
            if d % 7 == 0 and d > lo:  # ordinal % 7 == 0 is a Sunday: bill on Saturday
                d -= 1
            issue.append(d)
        # invoice ids and numbers follow the issue date, as in a real ledger: a stable sort, ties in the
        # order drawn (as sorted() did)
        issue = np.frombuffer(issue, dtype=np.intc)
        order = np.argsort(issue, kind="stable")
        self.dates_by_rank = array("i", issue[order].tobytes())
        # each customer's ranks, ascending: the ranks grouped by owner by another stable sort
        owner_by_rank = owner[order]
        ranks = np.argsort(owner_by_rank, kind="stable").tolist()
        ends = np.cumsum(np.bincount(owner_by_rank, minlength=n)).tolist()
        per_customer: list[list[int] | None] = [ranks[start:stop] for start, stop in zip([0, *ends[:-1]], ends)]
        del owner, issue, order, owner_by_rank, ranks, ends
        self.inv_base = self.ids[Invoice]
        self.dl_base = self.ids[DueLine]
        self.alloc_base = self.ids[Allocation]
        self.invoices = buffers.Invoices(self.n_invoices)
        self.due_lines = buffers.DueLines()
        self.allocations = buffers.Allocations()
        self.credit_note_rows: list[tuple] = []
        self.pending = _Pending()
        done = 0
        for c, ranks in enumerate(per_customer):
            if ranks:
                self.simulate(custs[c], ranks)
            elif rng.random() < 0.03:
                self.advance_payment(custs[c], [])
            per_customer[c] = None  # simulated: its memory goes back as the run goes on
            done += len(ranks)
            if self.pending.invoices >= CHUNK_INVOICES:
                self.flush()
                self.progress(f"demo: {done:,}/{self.n_invoices:,} invoices")
        self.flush()
        self.progress(f"demo: {done:,}/{self.n_invoices:,} invoices")
        self.write_documents()

    def simulate(self, cust: _Cust, ranks: list[int]) -> None:
        """One customer's invoices, credit notes, payments and write-offs, in date order."""
        rng = self.rng
        random_ = rng.random
        dates_by_rank = self.dates_by_rank
        inv = self.invoices
        due_lines = self.due_lines
        dl_invoice, dl_base = due_lines.invoice, self.dl_base
        dl_sequence, dl_due, dl_amount, dl_paid = (due_lines.sequence.append, due_lines.due.append,
                                                   due_lines.amount.append, due_lines.paid.append)
        end = self.end
        counts = self.counts
        profile, _w, p_partial, p_never = PROFILES[cust.profile]
        schedule = self.schedules[cust.terms]
        # (currency, date) -> [(due_line_id, amount)]: one payment per customer, currency and day
        paid: dict[tuple[str, int], list[tuple[int, int]]] = {}
        # due lines: [id, due ordinal, amount, still open, index in self.due_lines]; what was applied to
        # each (paid_minor) is set once the customer is done
        lines: list[list] = []
        for rank in ranks:
            issued = dates_by_rank[rank]
            currency = cust.currency
            if random_() < 0.12:
                currency = "PEN" if cust.country == "PE" and currency == "USD" else \
                    ("USD" if currency != "USD" else currency)
            median, top = AMOUNTS[currency]
            major = min(max(rng.lognormvariate(math.log(median * cust.size), 0.9), median / 50), top)
            total = int(major * self.scale[currency])
            if currency in ("COP", "CLP"):
                total = max(total // 100 * 100, 100)
            inv_id = self.inv_base + rank
            void = random_() < 0.005
            disputed = not void and issued > end - 240 and random_() < 0.015
            void_on = min(issued + rng.randint(0, 7), end) if void else None
            inv.customer[rank] = cust.id
            inv.currency[rank] = CURRENCY_INDEX[currency]
            inv.total[rank] = total
            inv.reference[rank] = rng.randrange(100000) if random_() < 0.4 else -1
            if void:
                inv.void_on[rank] = void_on
                inv.void_reason[rank] = 1 + data.VOID_REASONS.index(rng.choice(data.VOID_REASONS))
            inv.disputed[rank] = disputed
            self.pending.invoices += 1
            counts["void_invoices"] += void
            counts["disputed_invoices"] += disputed
            dls = []
            for seq, (due, amount) in enumerate(schedule(issued, total), start=1):
                index = len(dl_invoice)  # DueLines.add, inlined: 1.2 million lines
                dl_invoice.append(inv_id)
                dl_sequence(seq)
                dl_due(due)
                dl_amount(amount)
                dl_paid(0)
                dls.append([dl_base + index, due, amount, amount, index])
            lines += dls
            if void:
                continue
            earliest_pay = issued
            if random_() < 0.03:
                earliest_pay = self.credit_note(cust, inv_id, issued, currency, total, dls)
            if disputed:
                continue
            for dl in dls:
                if dl[3] <= 0 or random_() < p_never:
                    continue
                delay = self.delay(rng, profile, cust.terms)
                day = max(dl[1] + delay, earliest_pay)
                if cust.pay_weekday is not None:
                    day += (cust.pay_weekday - (day - 1) % 7) % 7  # ordinal 1 is a Monday
                if random_() < p_partial:
                    part = _round(currency, int(dl[3] * rng.uniform(0.3, 0.7)))
                    if 0 < part < dl[3]:
                        if day <= end:
                            paid.setdefault((currency, day), []).append((dl[0], part))
                            dl[3] -= part
                        day += rng.randint(10, 75)
                if day <= end:
                    paid.setdefault((currency, day), []).append((dl[0], dl[3]))
                    dl[3] = 0
            if profile == "chronic" and any(dl[3] for dl in dls) and dls[-1][1] < end - 240 \
                    and random_() < 0.35:
                self.write_off(cust, currency, dls, dls[-1][1] + rng.randint(180, 360))
        for (currency, day) in sorted(paid, key=lambda k: (k[1], k[0])):
            self.payment(cust, currency, day, paid[(currency, day)])
        # every amount taken off a line's open amount above was an allocation of it
        for dl in lines:
            due_lines.paid[dl[4]] = dl[2] - dl[3]
        if random_() < 0.03:
            self.advance_payment(cust, ranks)

    @staticmethod
    def delay(rng: random.Random, profile: str, terms: str | None) -> int:
        """Days after the due date a customer of this profile pays (negative: early)."""
        if profile == "punctual":
            return rng.randint(10, 40) if rng.random() < 0.05 else rng.randint(-7 if terms != "CONTADO" else 0, 3)
        if profile == "slow":
            return rng.randint(0, 30)
        if profile == "late":
            return int(rng.triangular(10, 120, 40))
        return int(rng.triangular(40, 300, 110))

    def credit_note(self, cust: _Cust, inv_id: int, issued: int, currency: str, total: int, dls) -> int:
        """A credit note against the invoice, applied to its oldest lines; returns the day from which the
        rest can be paid (the credit note's date when applied)."""
        rng = self.rng
        day = min(issued + rng.randint(0, 30), self.end)
        amount = total if rng.random() < 0.3 else max(_round(currency, int(total * rng.uniform(0.05, 0.3))),
                                                      WHOLE.get(currency, 1))
        cn_id = self.ids[CreditNote]
        self.ids[CreditNote] += 1
        row = [cn_id, f"{self.cn_series}{self.cn_seq:08d}", cust.id, self.days.date(day), currency, amount, inv_id,
               rng.choice(data.CREDIT_NOTE_REASONS), POSTED, self.days.stamp(day), 0]
        self.cn_seq += 1
        self.counts["credit_notes"] += 1
        if rng.random() < 0.1:  # left unapplied, as credit on the customer's account
            self.credit_note_rows.append(tuple(row))
            return issued
        left = amount
        for dl in dls:
            take = min(left, dl[3])
            if take:
                self.allocation(dl[0], take, day, currency, buffers.CREDIT_NOTE, cn_id)
                dl[3] -= take
                left -= take
        row[-1] = amount - left  # applied_minor: what its allocations took
        self.credit_note_rows.append(tuple(row))
        return day

    def write_off(self, cust: _Cust, currency: str, dls, day: int) -> None:
        if day > self.end:
            return
        amount = sum(dl[3] for dl in dls)
        wo_id = self.ids[WriteOff]
        self.ids[WriteOff] += 1
        # all of it is applied to the lines it writes off
        self.pending.write_off_rows.append((
            wo_id, cust.id, self.days.date(day), currency, amount, self.rng.choice(data.WRITE_OFF_REASONS),
            self.days.stamp(day), amount))
        self.counts["write_offs"] += 1
        for dl in dls:
            if dl[3]:
                self.allocation(dl[0], dl[3], day, currency, buffers.WRITE_OFF, wo_id)
                dl[3] = 0

    def payment(self, cust: _Cust, currency: str, day: int, parts: list[tuple[int, int]]) -> None:
        """One transfer paying all the due lines settled that day (several, if one would be too large)."""
        rng = self.rng
        groups: list[list[tuple[int, int]]] = [[]]
        running = 0
        for part in parts:
            if groups[-1] and running + part[1] > MAX_MINOR // 2:
                groups.append([])
                running = 0
            groups[-1].append(part)
            running += part[1]
        add, kind, currency_index = self.allocations.add, buffers.PAYMENT, CURRENCY_INDEX[currency]
        for group in groups:
            applied = sum(a for _, a in group)
            extra = min(_round(currency, int(applied * rng.uniform(0.01, 0.1))), MAX_MINOR - applied) \
                if rng.random() < 0.01 else 0
            # paid a little too much: the rest stays as credit
            pay_id = self.add_payment(cust, currency, day, applied + extra, applied, extra > 0)
            for dl_id, a in group:
                add(dl_id, kind, pay_id, a, day, currency_index)  # self.allocation, a million times

    def advance_payment(self, cust: _Cust, ranks: list[int]) -> None:
        """Money received on account with nothing applied yet (an advance, or an unidentified transfer)."""
        rng = self.rng
        day = max(self.end - rng.randrange(60), cust.join)
        median, _top = AMOUNTS[cust.currency]
        amount = int(median * rng.choice((0.5, 1, 2, 3))) * self.scale[cust.currency]
        self.add_payment(cust, cust.currency, day, amount, 0, True, reference="Adelanto a cuenta")

    def add_payment(self, cust: _Cust, currency: str, day: int, amount: int, applied: int, unapplied: bool,
                    reference: str | None = None) -> int:
        rng = self.rng
        method = _METHOD.pick(rng)
        if method in ("yape", "plin") and (currency != "PEN" or amount > 50_000):
            method = "transfer"
        if reference is None:  # both numbers are drawn whatever the method (the same seed, the same data)
            cheque, operation = rng.randrange(10**8), rng.randrange(10**8)
            reference = f"CH {cheque:08d}" if method == "cheque" else None if method == "cash" else \
                f"OP {operation:08d}"
        pay_id = self.ids[Payment]
        self.ids[Payment] = pay_id + 1
        self.pending.payment_rows.append((pay_id, cust.id, self.days.date(day), currency, amount, method, reference,
                                          POSTED, self.days.stamp(day), applied))
        self.counts["payments"] += 1
        self.counts["unapplied_payments"] += unapplied
        return pay_id

    def allocation(self, due_line_id: int, amount: int, day: int, currency: str, kind: int, source: int) -> None:
        self.allocations.add(due_line_id, kind, source, amount, day, CURRENCY_INDEX[currency])

    def flush(self) -> None:
        """Write the payments and write-offs simulated so far (they need only their customer); each one's
        applied_minor is already in its row: a customer's allocations never reach another customer's
        documents, and a customer is simulated whole before a flush."""
        p = self.pending
        self.writer.write(Payment.__table__, PAYMENT_COLUMNS, p.payment_rows)
        self.writer.write(WriteOff.__table__, WRITE_OFF_COLUMNS, p.write_off_rows)
        self.pending = _Pending()

    def write_documents(self) -> None:
        """The invoices, credit notes, due lines and allocations, each table in id order (see buffers).
        Each table's rows are zipped from its columns, each column mapped in C (dates and stamps looked
        up in a dict of the days the column holds): a Python call per row and column was most of the
        time spent before the database's own."""
        w, days, c = self.writer, self.days, self.counts
        inv, dates, n = self.invoices, self.dates_by_rank, self.n_invoices
        issued = days.dates(dates)
        void_dates = days.dates(set(inv.void_on) - {0})
        void_dates[0] = None  # not void
        year = {o: days.day(o).year for o in issued}

        def reference(issued: int, ref: int) -> str | None:
            return f"OC-{year[issued]}-{ref:05d}" if ref >= 0 else None

        w.write(Invoice.__table__, INVOICE_COLUMNS, zip(
            range(self.inv_base, self.inv_base + n),
            map((self.inv_series + "%08d").__mod__, range(1, n + 1)),  # the series is letters, digits and "-"
            inv.customer, map(issued.__getitem__, dates), map(CURRENCIES.__getitem__, inv.currency), inv.total,
            map(reference, dates, inv.reference), itertools.repeat("invoice"),
            map((self.false, self.true).__getitem__, inv.disputed),
            map((POSTED, VOID).__getitem__, map(bool, inv.void_on)), map(void_dates.__getitem__, inv.void_on),
            map((None, *data.VOID_REASONS).__getitem__, inv.void_reason), map(days.stamps(dates).__getitem__, dates)))
        self.progress(f"demo: {n:,} invoices written")
        del self.invoices
        w.write(CreditNote.__table__, CREDIT_NOTE_COLUMNS, self.credit_note_rows)
        dl, dl_base = self.due_lines, self.dl_base
        w.write(DueLine.__table__, DUE_LINE_COLUMNS, zip(
            range(dl_base, dl_base + len(dl)), dl.invoice, dl.sequence, map(days.dates(dl.due).__getitem__, dl.due),
            dl.amount, dl.paid))
        a, a_base = self.allocations, self.alloc_base
        w.write(Allocation.__table__, ALLOCATION_COLUMNS, zip(
            range(a_base, a_base + len(a)), a.due_line, *map(buffers.none_for_zero, a.sources), a.amount,
            map(days.dates(a.date).__getitem__, a.date), map(CURRENCIES.__getitem__, a.currency)))
        c["invoices"] = n
        c["due_lines"] = len(dl)
        c["allocations"] = len(a)
        self.ids[DueLine] = dl_base + len(dl)
        self.ids[Allocation] = a_base + len(a)
        del self.due_lines, self.allocations, self.credit_note_rows


class _Pending:
    """Payments and write-offs simulated but not yet written, as tuples in the order of the *_COLUMNS above."""

    def __init__(self):
        self.invoices = 0  # simulated since the last flush
        self.payment_rows: list[tuple] = []
        self.write_off_rows: list[tuple] = []


def generate_demo(session: Session, *, customers: int, invoices: int, seed: int = 1, as_of: dt.date | None = None,
                  progress: Progress | None = None) -> DemoSummary:
    """Fill the database with demo customers and their documents over the ~18 months up to `as_of`
    (default: today). The caller owns the transaction. `progress` gets one line per chunk written."""
    if customers < 0 or invoices < 0:
        raise ValueError("customers and invoices cannot be negative")
    if invoices and not customers:
        raise ValueError("invoices need at least one customer")
    as_of = as_of or config.today()
    generator = _Generator(session, customers=customers, invoices=invoices, seed=seed, as_of=as_of, progress=progress)
    # Millions of row tuples are made and dropped: each of Python's cyclic collections they set off walks
    # every live object, and nothing here makes a reference cycle (reference counts free it all).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return generator.run()
    finally:
        if collecting:
            gc.enable()
