"""Suggested matches for a statement's credit lines, each with the reasons behind it.

For each new credit line the engine looks, in one snapshot of the open book per currency, for:

- an invoice number in the description or reference ("PAGO F001-123", "FACT 1-123" for F001-00000123);
- the customer's tax id (RUC, NIT, RUT, RFC; with or without dots, dashes and check digit) or name
  ("TRANSF DE FERRETERIA LOS AN" for Ferretería Los Andes S.A.C.; legal forms and short words aside);
- an open invoice of the same amount (the customer's own first, else anyone's);
- combinations of one customer's open invoices that add up to the amount: a bounded subset-sum over the
  customer's `MAX_ITEMS` oldest open invoices, `MAX_COMBINATION` invoices at most in one combination, and at
  most `MAX_STEPS` search steps per customer (`MAX_LINE_STEPS` per line over all customers): past a limit
  the search stops and the match says so, it never runs away on a large book;
- a payment within an invoice's early-payment discount: short of what is open by at most the discount,
  paid by its last day (confirming it takes the discount as a credit note, `app.ledger.discounts`).

A suggestion is *exact* when the customer is named by the line (invoice number, tax id or name), the
amount settles exactly the suggested invoice (or does so with its discount), and no other suggestion is
as good: `cobranza bank match --auto-confirm-exact` confirms only those. Reads only.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import POSTED, Customer, DueLine, Invoice, InvoiceDiscount

from .statements import BankLineView, list_lines

MAX_ITEMS = 20  # a customer's oldest open invoices a combination is drawn from
MAX_COMBINATION = 6  # invoices in one combination
MAX_STEPS = 20_000  # search steps per customer
MAX_LINE_STEPS = 100_000  # search steps per bank line, over every customer tried
MAX_SUGGESTIONS = 5

# the reasons, by code (the GUI translates them; `Reason.text` is the English one the CLI prints)
INVOICE_NUMBER, TAX_ID, NAME, SAME_AMOUNT, COMBINATION, DISCOUNT, OLDEST_FIRST, OVER_OPEN = (
    "invoice_number", "tax_id", "name", "same_amount", "combination", "discount", "oldest_first", "more_than_open")
REASON_TEXT = {
    INVOICE_NUMBER: "invoice number {0} in the description",
    TAX_ID: "tax id {0} in the description",
    NAME: "customer name '{0}' in the description",
    SAME_AMOUNT: "same amount as open on {0}",
    COMBINATION: "{0} add up to the amount",
    DISCOUNT: "within the early-payment discount of {0}",
    OLDEST_FIRST: "applied oldest due first: {0}",
    OVER_OPEN: "more than is open: {0} stays as unapplied credit",
}


@dataclass(frozen=True)
class Reason:
    code: str
    detail: str

    @property
    def text(self) -> str:
        return REASON_TEXT[self.code].format(self.detail)


@dataclass(frozen=True)
class Suggestion:
    customer_code: str
    customer_name: str
    invoices: tuple[tuple[str, int], ...]  # (invoice number, amount the payment would apply to it)
    reasons: tuple[Reason, ...]
    score: int
    exact: bool = False
    unapplied_minor: int = 0  # what would stay as the customer's unapplied credit

    @property
    def invoice_numbers(self) -> tuple[str, ...]:
        return tuple(number for number, _amount in self.invoices)


@dataclass(frozen=True)
class LineMatches:
    line: BankLineView
    suggestions: tuple[Suggestion, ...]
    note: str | None = None  # e.g. the combination search stopped at its limit

    @property
    def best(self) -> Suggestion | None:
        return self.suggestions[0] if self.suggestions else None

    @property
    def exact(self) -> Suggestion | None:
        """The top suggestion when it is exact and no other is as good."""
        best = self.best
        if best is None or not best.exact:
            return None
        if any(s.score >= best.score for s in self.suggestions[1:]):
            return None
        return best


# --- normalising text ------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii").upper()


def number_key(text: str) -> str:
    """'F001-00000123' and 'F1 123' -> 'F-1-123': letters and numbers (without leading zeros) in order."""
    parts = re.findall(r"[A-Z]+|\d+", _plain(text))
    return "-".join(str(int(p)) if p.isdigit() else p for p in parts)


def _number_candidates(text: str) -> set[str]:
    tokens = re.findall(r"[A-Z0-9]+(?:[-/][A-Z0-9]+)*", _plain(text))
    keys = {number_key(t) for t in tokens if any(c.isdigit() for c in t)}
    keys.update(number_key(a + "-" + b) for a, b in zip(tokens, tokens[1:])
                if any(c.isdigit() for c in a + b))
    return {k for k in keys if len(k.replace("-", "")) >= 3}


def tax_keys(tax_id: str | None, country: str | None) -> set[str]:
    key = re.sub(r"[^0-9A-Z]", "", _plain(tax_id or ""))
    if len(key) < 8:
        return set()
    keys = {key}
    if (country or "").upper() in ("CO", "CL"):  # NIT and RUT are often written without the check digit
        keys.add(key[:-1])
    return keys


def _tax_candidates(text: str) -> set[str]:
    compact = re.sub(r"(?<=\d)[.\-](?=[\dK])", "", _plain(text))
    return {re.sub(r"[^0-9A-Z]", "", found)
            for found in re.findall(r"\d{8,}K?|[A-Z&]{3,4}\d{6}[A-Z0-9]{3}", compact)}


STOP_WORDS = frozenset("""S A C SA SAC SAA EIRL SRL SL SAS SPA LTDA LTD CIA CV DE DEL LA LAS LOS EL Y E EN
    SOCIEDAD ANONIMA CERRADA LIMITADA RESPONSABILIDAD EMPRESA INDIVIDUAL COMPANIA INC LLC CORP""".split())


def name_tokens(name: str) -> list[str]:
    return [w for w in re.findall(r"[A-Z0-9]+", _plain(name)) if w not in STOP_WORDS and len(w) >= 3]


def _names_match(wanted: list[str], words: list[str]) -> bool:
    """The name's first two significant words in the description, in order; the second may be cut short
    by the bank at the end of the description ('TRANSF FERRETERIA LOS AND' is Ferretería Los Andes), by
    three letters at least. A one-word name needs five letters or more."""
    need = wanted[:2]
    if len(need) == 1 and len(need[0]) < 5:
        return False
    for i, word in enumerate(words):
        if word != need[0]:
            continue
        if len(need) == 1:
            return True
        for j in range(i + 1, len(words)):
            nxt = words[j]
            last = j == len(words) - 1
            if nxt in STOP_WORDS or (len(nxt) < 3 and not last):  # as name_tokens leaves them out
                continue
            if nxt == need[1] or (last and len(nxt) >= 3 and need[1].startswith(nxt)):
                return True
            break
    return False


# --- the open book ---------------------------------------------------------------------------------


@dataclass
class _Open:
    invoice_id: int
    number: str
    customer_id: int
    issue_date: dt.date
    due_date: dt.date
    open_minor: int
    discount_minor: int = 0
    discount_until: dt.date | None = None


@dataclass
class _Customer:
    id: int
    code: str
    name: str
    invoices: list[_Open] = field(default_factory=list)


class OpenBook:
    """Every open posted invoice in one currency, indexed the ways a bank line names it. Built once per
    match run and currency (one query for the invoices, one for the customers that have them)."""

    def __init__(self, session: Session, currency: str):
        self.currency = currency
        rows = session.execute(
            select(Invoice.id, Invoice.number, Invoice.customer_id, Invoice.issue_date,
                   func.min(DueLine.due_date), func.sum(DueLine.amount_minor - DueLine.paid_minor))
            .join(DueLine, DueLine.invoice_id == Invoice.id)
            .where(Invoice.currency == currency, Invoice.status == POSTED, DueLine.paid_minor < DueLine.amount_minor)
            .group_by(Invoice.id, Invoice.number, Invoice.customer_id, Invoice.issue_date))
        self.invoices = {r[0]: _Open(r[0], r[1], r[2], r[3], r[4], int(r[5])) for r in rows if r[5] and r[5] > 0}
        for invoice_id, amount, until in session.execute(
                select(InvoiceDiscount.invoice_id, InvoiceDiscount.amount_minor, InvoiceDiscount.until)
                .where(InvoiceDiscount.credit_note_id.is_(None))):
            inv = self.invoices.get(invoice_id)
            if inv is not None:
                inv.discount_minor, inv.discount_until = int(amount), until
        self.customers: dict[int, _Customer] = {}
        self.by_tax: dict[str, set[int]] = defaultdict(set)
        self.by_first_word: dict[str, list[tuple[int, list[str]]]] = defaultdict(list)
        ids = sorted({inv.customer_id for inv in self.invoices.values()})
        for start in range(0, len(ids), 500):
            for cid, code, name, tax_id, country in session.execute(
                    select(Customer.id, Customer.code, Customer.name, Customer.tax_id, Customer.country)
                    .where(Customer.id.in_(ids[start:start + 500]))):
                self.customers[cid] = _Customer(cid, code, name)
                for key in tax_keys(tax_id, country):
                    self.by_tax[key].add(cid)
                words = name_tokens(name)
                if words:
                    self.by_first_word[words[0]].append((cid, words))
        self.discounted = [inv for inv in self.invoices.values() if inv.discount_minor > 0]
        self.by_number: dict[str, list[_Open]] = defaultdict(list)
        self.by_amount: dict[int, list[_Open]] = defaultdict(list)
        for inv in sorted(self.invoices.values(), key=lambda i: (i.due_date, i.issue_date, i.invoice_id)):
            self.customers[inv.customer_id].invoices.append(inv)
            self.by_number[number_key(inv.number)].append(inv)
            self.by_amount[inv.open_minor].append(inv)


    def reread(self, session: Session, invoice_numbers) -> None:
        """Bring the named invoices' open amounts up to date after a confirmation (a payment applied to
        them, a discount taken), so the next line is matched against what is left."""
        touched = [inv for key in {number_key(n) for n in invoice_numbers} for inv in self.by_number.get(key, ())
                   if inv.number in set(invoice_numbers)]
        if not touched:
            return
        now = dict(session.execute(
            select(DueLine.invoice_id, func.sum(DueLine.amount_minor - DueLine.paid_minor))
            .where(DueLine.invoice_id.in_([inv.invoice_id for inv in touched])).group_by(DueLine.invoice_id)).all())
        for inv in touched:
            left = int(now.get(inv.invoice_id) or 0)
            if left == inv.open_minor:
                continue
            self.by_amount[inv.open_minor].remove(inv)
            inv.open_minor = left
            if left > 0:
                self.by_amount[left].append(inv)
            # a closed invoice stays in the other indexes with nothing open: `usable` leaves it out


# --- the engine ------------------------------------------------------------------------------------


def _money(amount_minor: int, currency: str) -> str:
    from app.ledger.money import to_str

    return f"{to_str(amount_minor, currency)} {currency}"


def _subsets(items: list[_Open], target: int, budget: list[int]) -> tuple[list[list[_Open]], bool]:
    """Up to 3 combinations (2..MAX_COMBINATION invoices) of `items` whose open amounts sum to `target`.
    `budget` is [steps left for the line]; returns (combinations, stopped at a limit)."""
    items = sorted(items[:MAX_ITEMS], key=lambda i: -i.open_minor)
    suffix = [0] * (len(items) + 1)
    for i in range(len(items) - 1, -1, -1):
        suffix[i] = suffix[i + 1] + items[i].open_minor
    found: list[list[_Open]] = []
    steps = [0]
    stopped = [False]

    def walk(start: int, left: int, chosen: list[_Open]) -> None:
        if len(found) >= 3 or stopped[0]:
            return
        for i in range(start, len(items)):
            steps[0] += 1
            if steps[0] > MAX_STEPS or budget[0] - steps[0] <= 0:
                stopped[0] = True
                return
            amount = items[i].open_minor
            if amount > left:
                continue
            if suffix[i] < left:  # the rest cannot reach the target any more
                return
            if amount == left:
                if len(chosen) >= 1:
                    found.append(chosen + [items[i]])
                    if len(found) >= 3:
                        return
                continue
            if len(chosen) + 1 < MAX_COMBINATION:
                walk(i + 1, left - amount, chosen + [items[i]])
                if stopped[0] or len(found) >= 3:
                    return

    if len(items) >= 2 and suffix[0] >= target:
        walk(0, target, [])
    budget[0] -= steps[0]
    return found, stopped[0]


def _oldest_first(invoices: list[_Open], amount: int) -> tuple[tuple[tuple[str, int], ...], int]:
    applied, left = [], amount
    for inv in invoices:
        if left <= 0:
            break
        take = min(left, inv.open_minor)
        applied.append((inv.number, take))
        left -= take
    return tuple(applied), left


def suggest(book: OpenBook, line: BankLineView) -> LineMatches:
    """The suggestions for one credit line, best first."""
    text = f"{line.description} {line.reference or ''}"
    amount, currency = line.amount_minor, line.currency
    def usable(inv: _Open) -> bool:  # a payment cannot be applied to an invoice issued after it
        return inv.issue_date <= line.date and inv.open_minor > 0
    out: dict[tuple[str, tuple[str, ...]], Suggestion] = {}
    note = None

    def add(cust: _Customer, invoices: tuple[tuple[str, int], ...], reasons: list[Reason], score: int,
            exact: bool = False) -> None:
        key = (cust.code, tuple(sorted(n for n, _a in invoices)))
        applied = sum(a for _n, a in invoices)
        old = out.get(key)
        if old is not None and old.score >= score:
            return
        out[key] = Suggestion(cust.code, cust.name, invoices, tuple(reasons), score, exact, amount - applied)

    # who the line names: invoices by number, customers by tax id or name
    named: dict[int, list[_Open]] = defaultdict(list)
    for key in _number_candidates(text):
        for inv in book.by_number.get(key, ()):
            if usable(inv) and inv not in named[inv.customer_id]:
                named[inv.customer_id].append(inv)
    identified: dict[int, list[Reason]] = defaultdict(list)
    for key in _tax_candidates(text):
        for cid in book.by_tax.get(key, ()):
            if not any(r.code == TAX_ID for r in identified[cid]):
                identified[cid].append(Reason(TAX_ID, key))
    words = re.findall(r"[A-Z0-9]+", _plain(line.description))  # names: the reference is no name
    for word in set(words):
        for cid, wanted in book.by_first_word.get(word, ()):
            if _names_match(wanted, words) and not any(r.code == NAME for r in identified[cid]):
                identified[cid].append(Reason(NAME, book.customers[cid].name))

    # 1. invoices named in the description
    for cid, invoices in named.items():
        cust = book.customers[cid]
        total = sum(i.open_minor for i in invoices)
        numbers = ", ".join(i.number for i in invoices)
        reasons = [Reason(INVOICE_NUMBER, numbers)] + identified.get(cid, [])
        if total == amount:
            add(cust, tuple((i.number, i.open_minor) for i in invoices), reasons + [Reason(SAME_AMOUNT, numbers)], 100,
                exact=True)
        elif len(invoices) == 1 and _in_discount(invoices[0], amount, line.date):
            inv = invoices[0]
            add(cust, ((inv.number, amount),), reasons + [Reason(DISCOUNT, inv.number)], 95, exact=True)
        else:
            applied, left = _oldest_first(invoices, amount)
            extra = [Reason(OVER_OPEN, _money(left, currency))] if left > 0 else []
            add(cust, applied, reasons + extra, 70)

    # 2. customers named by tax id or name: their own invoices of the amount, combinations, discounts
    budget = [MAX_LINE_STEPS]
    for cid, reasons in identified.items():
        cust = book.customers[cid]
        invoices = [i for i in cust.invoices if usable(i)]
        same = [i for i in invoices if i.open_minor == amount]
        for inv in same:
            add(cust, ((inv.number, amount),), reasons + [Reason(SAME_AMOUNT, inv.number)], 90, exact=len(same) == 1)
        for inv in invoices:
            if _in_discount(inv, amount, line.date):
                add(cust, ((inv.number, amount),), reasons + [Reason(DISCOUNT, inv.number)], 85, exact=not same)
        if not same:
            combos, stopped = _subsets(invoices, amount, budget)
            for combo in combos:
                combo.sort(key=lambda i: (i.due_date, i.issue_date, i.invoice_id))
                add(cust, tuple((i.number, i.open_minor) for i in combo),
                    reasons + [Reason(COMBINATION, " + ".join(i.number for i in combo))], 80)
            if stopped:
                note = "combination search stopped at its limit"
        if invoices and not any(x.customer_code == cust.code and x.score >= 80 for x in out.values()):
            applied, left = _oldest_first(invoices, amount)
            extra = [Reason(OVER_OPEN, _money(left, currency))] if left > 0 else []
            add(cust, applied, reasons + [Reason(OLDEST_FIRST, ", ".join(n for n, _a in applied))] + extra, 30)

    # 3. nobody named: an open invoice of the same amount anywhere, a discount, a customer's combination
    if not named and not identified:
        same = [i for i in book.by_amount.get(amount, ()) if usable(i)]
        for inv in same[:MAX_SUGGESTIONS]:
            add(book.customers[inv.customer_id], ((inv.number, amount),), [Reason(SAME_AMOUNT, inv.number)],
                60 if len(same) == 1 else 40)
        for inv in book.discounted:
            if usable(inv) and _in_discount(inv, amount, line.date):
                add(book.customers[inv.customer_id], ((inv.number, amount),), [Reason(DISCOUNT, inv.number)], 55)
        if not same:
            for cust in book.customers.values():
                if budget[0] <= 0:
                    note = "combination search stopped at its limit"
                    break
                invoices = [i for i in cust.invoices if usable(i)]
                if len(invoices) < 2:
                    continue
                combos, stopped = _subsets(invoices, amount, budget)
                for combo in combos[:1]:
                    combo.sort(key=lambda i: (i.due_date, i.issue_date, i.invoice_id))
                    add(cust, tuple((i.number, i.open_minor) for i in combo),
                        [Reason(COMBINATION, " + ".join(i.number for i in combo))], 50)
                if stopped:
                    note = "combination search stopped at its limit"
                if len(out) >= MAX_SUGGESTIONS:
                    break
    ranked = sorted(out.values(), key=lambda s: (-s.score, s.customer_code, s.invoice_numbers))
    return LineMatches(line, tuple(ranked[:MAX_SUGGESTIONS]), note)


def _in_discount(inv: _Open, amount: int, on: dt.date) -> bool:
    return (inv.discount_minor > 0 and inv.discount_until is not None and on <= inv.discount_until
            and inv.open_minor - inv.discount_minor <= amount < inv.open_minor)


def match_lines(session: Session, *, statement_id: int | None = None, line_ids=None) -> list[LineMatches]:
    """Suggestions for every new credit line (of one statement, or the lines named), oldest first."""
    lines = list_lines(session, status="new", statement_id=statement_id, line_ids=line_ids)
    books: dict[str, OpenBook] = {}
    out = []
    for line in lines:
        book = books.get(line.currency)
        if book is None:
            book = books[line.currency] = OpenBook(session, line.currency)
        out.append(suggest(book, line))
    return out
