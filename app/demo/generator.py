"""Realistic demo data at any scale: Latin American SME customers and 18 months of their documents.

Everything is computed in Python with explicit ids and written with set-based Core inserts
(executemany in batches), customers chunk by chunk, so 100,000 customers and 1,000,000 invoices fit
in memory and in minutes. The ledger's per-document functions are not used (they would take hours at
that size); instead the generator keeps the ledger's rules by construction:

- due lines come from the ledger's own `due_schedule` for the customer's payment terms, so they sum
  to the invoice total;
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
import itertools
import math
import random
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Callable

from sqlalchemy import func, insert, select, text, update
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit, balance_keeper
from app.ledger.company import get_company, save_company
from app.ledger.money import exponent
from app.ledger.terms import DEFAULT_TERMS_CODE, due_schedule, ensure_default_terms, get_terms_row, terms_lines
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

from . import data, taxids

BATCH = 10_000  # rows per executemany
CHUNK_INVOICES = 20_000  # invoices simulated before their rows are written
HISTORY_DAYS = 548  # about 18 months before as_of
SQLITE_CACHE_KIB = 256 * 1024  # page cache while generating (the connection's own size is restored after)

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


# Colombian pesos are billed and paid in whole pesos although the currency has cents
WHOLE = {"COP": 100}


def _round(currency: str, amount_minor: int) -> int:
    """An amount as people write it in that currency (whole pesos for COP), rounded down."""
    unit = WHOLE.get(currency, 1)
    return amount_minor // unit * unit


def _weighted(rng: random.Random, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


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
        self.rng = random.Random(f"cobranza-demo-{seed}")
        self._dates: dict[int, dt.date] = {}
        self._stamps: dict[int, dt.datetime] = {}
        self.counts = dict(customers=0, contacts=0, invoices=0, due_lines=0, credit_notes=0, payments=0,
                           allocations=0, write_offs=0, void_invoices=0, disputed_invoices=0,
                           unapplied_payments=0, customers_on_hold=0, customers_without_email=0)

    # --- helpers -----------------------------------------------------------------------

    def date(self, ordinal: int) -> dt.date:
        d = self._dates.get(ordinal)
        if d is None:
            d = self._dates[ordinal] = dt.date.fromordinal(ordinal)
        return d

    def stamp(self, ordinal: int) -> dt.datetime:
        """created_at for a document of that day: 10:00 in Lima, never after as_of."""
        t = self._stamps.get(ordinal)
        if t is None:
            d = self.date(ordinal)
            t = self._stamps[ordinal] = dt.datetime(d.year, d.month, d.day, 15, tzinfo=dt.timezone.utc)
        return t

    def insert(self, model, rows: list[dict]) -> None:
        table = model.__table__
        for i in range(0, len(rows), BATCH):
            self.s.execute(insert(table), rows[i:i + BATCH])

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
        self.terms_lines = {code: terms_lines(get_terms_row(s, code)) for code, _w in TERMS_WEIGHTS if code}
        self.terms_lines[None] = self.terms_lines[DEFAULT_TERMS_CODE]
        company_created = self.company()
        self.inv_series, self.cn_series = self.free_series()
        self.ids = {m: self.next_id(m) for m in (Customer, Contact, Invoice, DueLine, CreditNote, Payment,
                                                 WriteOff, Allocation)}
        self.cn_seq = 1
        sqlite = s.get_bind().dialect.name == "sqlite"
        if sqlite:  # a bigger page cache for this run: random-order index inserts stop re-reading pages
            cache_size = s.execute(text("PRAGMA cache_size")).scalar()
            s.execute(text(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}"))
        try:  # the stored balances (customer_balance) once, for the whole book, at the end
            with balance_keeper.deferred(s):
                custs = self.customers()
                self.documents(custs)
        finally:
            if sqlite:
                s.execute(text(f"PRAGMA cache_size={int(cache_size)}"))
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
        rows: list[dict] = []
        contacts: list[dict] = []
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
            for k in range(rng.choices((0, 1, 2), weights=(25, 55, 20))[0]):
                contacts.append(self.contact(rng, cid, row, primary=k == 0))
            if len(rows) >= BATCH:
                self.flush_customers(rows, contacts)
        self.flush_customers(rows, contacts)
        return custs

    def flush_customers(self, rows, contacts) -> None:
        if not rows:
            return
        self.insert(Customer, rows)
        for c in contacts:
            c["id"] = self.ids[Contact]
            self.ids[Contact] += 1
        self.insert(Contact, contacts)
        self.counts["customers"] += len(rows)
        self.counts["contacts"] += len(contacts)
        self.progress(f"demo: {self.counts['customers']:,}/{self.n_customers:,} customers")
        rows.clear()
        contacts.clear()

    def customer(self, rng: random.Random, cid: int, code: str) -> tuple[dict, _Cust]:
        country = _weighted(rng, COUNTRIES)
        form = _weighted(rng, data.LEGAL_FORMS[country])
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
        city, _w, area, digits = _weighted(rng, [(c, c[1]) for c in data.CITIES[country]])
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
        terms = _weighted(rng, TERMS_WEIGHTS)
        profile = bisect.bisect_right(_PROFILE_CUM, rng.random() * _PROFILE_CUM[-1])
        on_hold = rng.random() < (0.25 if PROFILES[profile][0] == "chronic" else 0.01)
        notes = rng.choice(data.HOLD_NOTES) if on_hold else (rng.choice(data.NOTES) if rng.random() < 0.1 else None)
        credit_limit = None
        if rng.random() < 0.6:
            median, _top = AMOUNTS[currency]
            credit_limit = min(int(median * rng.choice((2, 3, 5, 10, 20, 50))) * 10 ** exponent(currency),
                               MAX_MINOR // 1_000_000 * 1_000_000)
        join = self.start - rng.randrange(2_000) if rng.random() < 0.7 else \
            self.start + rng.randrange(max(HISTORY_DAYS - 7, 1))
        created = self.stamp(min(join, self.end))
        self.counts["customers_on_hold"] += on_hold
        self.counts["customers_without_email"] += email is None
        row = dict(id=cid, code=code, name=name, tax_id=tax_id, country=country, language=language,
                   currency=currency, email=email, phone=phone, address=address, city=city,
                   payment_terms_id=self.terms[terms] if terms else None, credit_limit_minor=credit_limit,
                   on_hold=on_hold, notes=notes, created_at=created)
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

    def contact(self, rng: random.Random, cid: int, customer: dict, primary: bool) -> dict:
        first, last = rng.choice(data.FIRST_NAMES), rng.choice(data.SURNAMES)
        email = None
        if customer["email"] and rng.random() < 0.8:
            domain = customer["email"].split("@", 1)[1]
            email = f"{_ascii(first[0] + last).lower()}@{domain}"
        phone = self.phone(rng, customer["country"], "", 0, mobile=True) if customer["country"] in ("PE", "CO", "CL") \
            and rng.random() < 0.7 else customer["phone"]
        return dict(id=None, customer_id=cid, name=f"{first} {last}", role=rng.choice(data.ROLES), email=email,
                    phone=phone, is_primary=primary)

    # --- documents ---------------------------------------------------------------------------------

    def documents(self, custs: list[_Cust]) -> None:
        rng = self.rng
        n = len(custs)
        if self.n_invoices <= 0 or n == 0:
            return
        weights = [rng.lognormvariate(0, 1.0) for _ in range(n)]
        owner = rng.choices(range(n), weights=weights, k=self.n_invoices)
        issue = []
        for c in owner:
            lo = custs[c].join
            d = lo + rng.randrange(self.end - lo + 1)
            if d % 7 == 0 and d > lo:  # ordinal % 7 == 0 is a Sunday: bill on Saturday
                d -= 1
            issue.append(d)
        # invoice ids and numbers follow the issue date, as in a real ledger
        order = sorted(range(self.n_invoices), key=issue.__getitem__)
        per_customer: list[list[int]] = [[] for _ in range(n)]
        for rank, i in enumerate(order):
            per_customer[owner[i]].append(rank)
        dates_by_rank = [issue[i] for i in order]
        del owner, issue, order
        self.inv_base = self.ids[Invoice]
        self.pending = _Pending()
        done = 0
        for c, ranks in enumerate(per_customer):
            if ranks:
                self.simulate(custs[c], ranks, dates_by_rank)
            elif rng.random() < 0.03:
                self.advance_payment(custs[c], [])
            done += len(ranks)
            if self.pending.invoices >= CHUNK_INVOICES:
                self.flush()
                self.progress(f"demo: {done:,}/{self.n_invoices:,} invoices")
        self.flush()
        self.progress(f"demo: {done:,}/{self.n_invoices:,} invoices")

    def simulate(self, cust: _Cust, ranks: list[int], dates_by_rank: list[int]) -> None:
        """One customer's invoices, credit notes, payments and write-offs, in date order."""
        rng = self.rng
        p = self.pending
        end = self.end
        profile, _w, p_partial, p_never = PROFILES[cust.profile]
        lines = self.terms_lines[cust.terms]
        # (currency, date) -> [(due_line_id, amount)]: one payment per customer, currency and day
        paid: dict[tuple[str, int], list[tuple[int, int]]] = {}
        for rank in ranks:
            issued = dates_by_rank[rank]
            currency = cust.currency
            if rng.random() < 0.12:
                currency = "PEN" if cust.country == "PE" and currency == "USD" else \
                    ("USD" if currency != "USD" else currency)
            median, top = AMOUNTS[currency]
            scale = 10 ** exponent(currency)
            major = min(max(rng.lognormvariate(math.log(median * cust.size), 0.9), median / 50), top)
            total = int(major * scale)
            if currency in ("COP", "CLP"):
                total = max(total // 100 * 100, 100)
            inv_id = self.inv_base + rank
            issue_date = self.date(issued)
            void = rng.random() < 0.005
            disputed = not void and issued > end - 240 and rng.random() < 0.015
            void_on = min(issued + rng.randint(0, 7), end) if void else None
            p.invoice_rows.append(dict(
                id=inv_id, number=f"{self.inv_series}{rank + 1:08d}", customer_id=cust.id, issue_date=issue_date,
                currency=currency, total_minor=total,
                reference=f"OC-{issue_date.year}-{rng.randrange(100000):05d}" if rng.random() < 0.4 else None,
                kind="invoice", disputed=disputed, status=VOID if void else POSTED,
                void_date=self.date(void_on) if void else None,
                void_reason=rng.choice(data.VOID_REASONS) if void else None, created_at=self.stamp(issued)))
            p.invoices += 1
            self.counts["invoices"] += 1
            self.counts["void_invoices"] += void
            self.counts["disputed_invoices"] += disputed
            # due lines: [id, due ordinal, amount, still open]
            dls = []
            for seq, (due, amount) in enumerate(due_schedule(lines, issue_date, total), start=1):
                dl_id = self.ids[DueLine]
                self.ids[DueLine] += 1
                p.due_line_rows.append(dict(id=dl_id, invoice_id=inv_id, sequence=seq, due_date=due,
                                            amount_minor=amount))
                dls.append([dl_id, due.toordinal(), amount, amount])
            self.counts["due_lines"] += len(dls)
            if void:
                continue
            earliest_pay = issued
            if rng.random() < 0.03:
                earliest_pay = self.credit_note(cust, inv_id, issued, currency, total, dls)
            if disputed:
                continue
            for dl in dls:
                if dl[3] <= 0 or rng.random() < p_never:
                    continue
                delay = self.delay(rng, profile, cust.terms)
                day = max(dl[1] + delay, earliest_pay)
                if cust.pay_weekday is not None:
                    day += (cust.pay_weekday - (day - 1) % 7) % 7  # ordinal 1 is a Monday
                if rng.random() < p_partial:
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
                    and rng.random() < 0.35:
                self.write_off(cust, currency, dls, dls[-1][1] + rng.randint(180, 360))
        for (currency, day) in sorted(paid, key=lambda k: (k[1], k[0])):
            self.payment(cust, currency, day, paid[(currency, day)])
        if rng.random() < 0.03:
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
        self.pending.credit_note_rows.append(dict(
            id=cn_id, number=f"{self.cn_series}{self.cn_seq:08d}", customer_id=cust.id, date=self.date(day),
            currency=currency, amount_minor=amount, invoice_id=inv_id, reason=rng.choice(data.CREDIT_NOTE_REASONS),
            status=POSTED, created_at=self.stamp(day)))
        self.cn_seq += 1
        self.counts["credit_notes"] += 1
        if rng.random() < 0.1:  # left unapplied, as credit on the customer's account
            return issued
        left = amount
        for dl in dls:
            take = min(left, dl[3])
            if take:
                self.allocation(dl[0], take, day, currency, credit_note_id=cn_id)
                dl[3] -= take
                left -= take
        return day

    def write_off(self, cust: _Cust, currency: str, dls, day: int) -> None:
        if day > self.end:
            return
        amount = sum(dl[3] for dl in dls)
        wo_id = self.ids[WriteOff]
        self.ids[WriteOff] += 1
        self.pending.write_off_rows.append(dict(
            id=wo_id, customer_id=cust.id, date=self.date(day), currency=currency, amount_minor=amount,
            reason=self.rng.choice(data.WRITE_OFF_REASONS), created_at=self.stamp(day)))
        self.counts["write_offs"] += 1
        for dl in dls:
            if dl[3]:
                self.allocation(dl[0], dl[3], day, currency, write_off_id=wo_id)
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
        for group in groups:
            amount = sum(a for _, a in group)
            extra = min(_round(currency, int(amount * rng.uniform(0.01, 0.1))), MAX_MINOR - amount) \
                if rng.random() < 0.01 else 0
            amount += extra  # paid a little too much: the rest stays as credit
            self.add_payment(cust, currency, day, amount, extra > 0)
            pay_id = self.ids[Payment] - 1
            for dl_id, a in group:
                self.allocation(dl_id, a, day, currency, payment_id=pay_id)

    def advance_payment(self, cust: _Cust, ranks: list[int]) -> None:
        """Money received on account with nothing applied yet (an advance, or an unidentified transfer)."""
        rng = self.rng
        day = max(self.end - rng.randrange(60), cust.join)
        median, _top = AMOUNTS[cust.currency]
        amount = int(median * rng.choice((0.5, 1, 2, 3))) * 10 ** exponent(cust.currency)
        self.add_payment(cust, cust.currency, day, amount, True, reference="Adelanto a cuenta")

    def add_payment(self, cust: _Cust, currency: str, day: int, amount: int, unapplied: bool,
                    reference: str | None = None) -> None:
        rng = self.rng
        method = _weighted(rng, METHODS)
        if method in ("yape", "plin") and (currency != "PEN" or amount > 50_000):
            method = "transfer"
        if reference is None:
            reference = {"cheque": f"CH {rng.randrange(10**8):08d}", "cash": None}.get(
                method, f"OP {rng.randrange(10**8):08d}")
        self.pending.payment_rows.append(dict(
            id=self.ids[Payment], customer_id=cust.id, date=self.date(day), currency=currency, amount_minor=amount,
            method=method, reference=reference, status=POSTED, created_at=self.stamp(day)))
        self.ids[Payment] += 1
        self.counts["payments"] += 1
        self.counts["unapplied_payments"] += unapplied

    def allocation(self, due_line_id: int, amount: int, day: int, currency: str, *, payment_id=None,
                   credit_note_id=None, write_off_id=None) -> None:
        self.pending.allocation_rows.append(dict(
            id=self.ids[Allocation], due_line_id=due_line_id, payment_id=payment_id, credit_note_id=credit_note_id,
            write_off_id=write_off_id, amount_minor=amount, date=self.date(day), currency=currency))
        self.ids[Allocation] += 1
        self.counts["allocations"] += 1

    def flush(self) -> None:
        p = self.pending
        p.invoice_rows.sort(key=lambda r: r["id"])
        self.insert(Invoice, p.invoice_rows)
        # each due line's paid_minor is the sum of its allocations (the ledger keeps it the same way)
        paid: dict[int, int] = {}
        for a in p.allocation_rows:
            paid[a["due_line_id"]] = paid.get(a["due_line_id"], 0) + a["amount_minor"]
        for row in p.due_line_rows:
            row["paid_minor"] = paid.pop(row["id"], 0)
        self.insert(DueLine, p.due_line_rows)
        for line_id, amount in paid.items():  # lines written by an earlier chunk, if any
            self.s.execute(update(DueLine).where(DueLine.id == line_id)
                           .values(paid_minor=DueLine.paid_minor + amount))
        # and each payment's, credit note's and write-off's applied_minor the sum of its allocations
        for table, rows, column in ((CreditNote, p.credit_note_rows, "credit_note_id"),
                                    (Payment, p.payment_rows, "payment_id"), (WriteOff, p.write_off_rows, "write_off_id")):
            applied: dict[int, int] = {}
            for a in p.allocation_rows:
                if a[column] is not None:
                    applied[a[column]] = applied.get(a[column], 0) + a["amount_minor"]
            for row in rows:
                row["applied_minor"] = applied.pop(row["id"], 0)
            self.insert(table, rows)
            for source_id, amount in applied.items():  # documents written by an earlier chunk
                self.s.execute(update(table).where(table.id == source_id)
                               .values(applied_minor=table.applied_minor + amount))
        self.insert(Allocation, p.allocation_rows)
        self.pending = _Pending()


class _Pending:
    """Rows simulated but not yet written."""

    def __init__(self):
        self.invoices = 0
        self.invoice_rows: list[dict] = []
        self.due_line_rows: list[dict] = []
        self.credit_note_rows: list[dict] = []
        self.payment_rows: list[dict] = []
        self.write_off_rows: list[dict] = []
        self.allocation_rows: list[dict] = []


def generate_demo(session: Session, *, customers: int, invoices: int, seed: int = 1, as_of: dt.date | None = None,
                  progress: Progress | None = None) -> DemoSummary:
    """Fill the database with demo customers and their documents over the ~18 months up to `as_of`
    (default: today). The caller owns the transaction. `progress` gets one line per chunk written."""
    if customers < 0 or invoices < 0:
        raise ValueError("customers and invoices cannot be negative")
    if invoices and not customers:
        raise ValueError("invoices need at least one customer")
    as_of = as_of or config.today()
    return _Generator(session, customers=customers, invoices=invoices, seed=seed, as_of=as_of,
                      progress=progress).run()
