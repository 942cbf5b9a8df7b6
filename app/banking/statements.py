"""Importing a statement: its credit lines stored once, however often the file is imported.

`import_statement` reads the file (`statement_file.read_statement`), fingerprints every line and stores the
credit lines whose fingerprint is not stored yet; debits (money out) are counted, not stored: there is
nothing to collect in them. Re-importing the same file, or next month's statement that repeats a few days,
stores only what is new and says how many lines were already there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.ledger.company import get_company
from app.ledger.errors import LedgerError, NotFoundError
from app.ledger.progress import Progress, report
from app.models import BankLine, BankStatement, Customer, Payment
from app.models.banking import LINE_CONFIRMED, LINE_NEW, LINE_SKIPPED

from .statement_file import Statement, fingerprints, read_statement

STATUSES = (LINE_NEW, LINE_CONFIRMED, LINE_SKIPPED)


class BankLineStateError(LedgerError):
    """The line is not in the state the action needs (already confirmed, not skipped...)."""

    field = "line"


class StatementImportedMeanwhileError(LedgerError):
    """Another writer stored some of the same lines between this import's look-up and its insert (two
    imports of one statement at once on PostgreSQL; SQLite's write lock serialises them)."""

    field = "file"


@dataclass(frozen=True)
class StatementImport:
    statement_id: int | None  # None when the file brought nothing new
    layout: str
    account: str | None
    currency: str
    new_lines: int
    known_lines: int  # credit lines an earlier import had stored already
    debits: int  # money-out lines, not stored
    ignored_rows: int  # totals, balances and other rows that are not lines
    file_name: str

    def summary(self) -> str:
        text = (f"{self.file_name}: {self.new_lines} new credit line{'s' if self.new_lines != 1 else ''} "
                f"({self.layout}, {self.currency})")
        if self.known_lines:
            text += f"; {self.known_lines} already imported before, not stored again"
        if self.debits:
            text += f"; {self.debits} debit{'s' if self.debits != 1 else ''} (money out) ignored"
        return text


@dataclass(frozen=True)
class BankLineView:
    id: int
    statement_id: int
    line: int
    date: dt.date
    description: str
    reference: str | None
    amount_minor: int
    currency: str
    status: str
    payment_id: int | None = None
    customer_code: str | None = None  # the confirmed payment's
    note: str | None = None


def import_statement(session: Session, path: str | Path, *, layout: str | None = None,
                     currency: str | None = None, progress: Progress | None = None) -> StatementImport:
    """Read a statement file and store its new credit lines (the caller owns the transaction). Raises
    `statement_file.FileProblem` / `StatementError` for a file that cannot be read; nothing is stored then.
    `progress(done, 3)`: read, checked against the lines stored, stored (app.ledger.progress; it may raise
    Cancelled: the caller's transaction rolls back)."""
    company = get_company(session)
    locale = (company.locale if company else None) or "es_PE"
    statement: Statement = read_statement(path, layout=layout, currency=currency, locale=locale,
                                          default_currency=(company.currency if company else None) or "PEN")
    report(progress, 1, 3)
    credits = [(ln, fp) for ln, fp in zip(statement.lines, fingerprints(statement.lines)) if ln.amount_minor > 0]
    debits = sum(1 for ln in statement.lines if ln.amount_minor < 0)
    wanted = [fp for _ln, fp in credits]
    known: set[str] = set()
    for start in range(0, len(wanted), 500):
        known.update(session.scalars(select(BankLine.fingerprint)
                                     .where(BankLine.fingerprint.in_(wanted[start:start + 500]))))
    new = [(ln, fp) for ln, fp in credits if fp not in known]
    report(progress, 2, 3)
    name = Path(path).name[:255]
    statement_id = None
    if new:
        row = BankStatement(layout=statement.layout, account=statement.account, file_name=name,
                            currency=statement.currency, imported_at=config.now(), lines_new=len(new),
                            lines_known=len(credits) - len(new))
        session.add(row)
        session.flush()
        statement_id = row.id
        session.add_all(BankLine(statement_id=row.id, fingerprint=fp, line=ln.line, date=ln.date,
                                 description=ln.description, reference=ln.reference, amount_minor=ln.amount_minor,
                                 currency=ln.currency, status=LINE_NEW) for ln, fp in new)
        try:
            session.flush()
        except IntegrityError as exc:  # the fingerprint's unique index: the caller rolls back, nothing stored
            raise StatementImportedMeanwhileError(
                f"{name}: another import stored lines of this statement at the same moment; nothing was imported "
                "by this one. Import the file again: the lines already stored are skipped.") from exc
        audit.record(session, action="import", entity="bank_statement", entity_id=row.id,
                     after={"file": name, "layout": statement.layout, "lines": len(new)})
    report(progress, 3, 3)
    return StatementImport(statement_id, statement.layout, statement.account, statement.currency, len(new),
                           len(credits) - len(new), debits, statement.ignored_rows, name)


def _view(line: BankLine, customer_code: str | None) -> BankLineView:
    return BankLineView(line.id, line.statement_id, line.line, line.date, line.description, line.reference,
                        line.amount_minor, line.currency, line.status, line.payment_id, customer_code, line.note)


def list_lines(session: Session, *, status: str | None = LINE_NEW, statement_id: int | None = None,
               line_ids=None, limit: int | None = None) -> list[BankLineView]:
    """Stored credit lines, oldest first (`status` None: all)."""
    q = (select(BankLine, Customer.code).outerjoin(Payment, Payment.id == BankLine.payment_id)
         .outerjoin(Customer, Customer.id == Payment.customer_id).order_by(BankLine.date, BankLine.id))
    if status:
        q = q.where(BankLine.status == status)
    if statement_id is not None:
        q = q.where(BankLine.statement_id == statement_id)
    if line_ids is not None:
        q = q.where(BankLine.id.in_(list(line_ids)))
    if limit:
        q = q.limit(limit)
    return [_view(line, code) for line, code in session.execute(q)]


def get_line_row(session: Session, line_id: int) -> BankLine:
    line = session.get(BankLine, int(line_id))
    if line is None:
        raise NotFoundError(f"No bank line {line_id}. `cobranza bank match` lists the lines and their numbers.",
                            field="line")
    return line


def _change(session: Session, line: BankLine, expected: str, **values) -> None:
    """Change a line's state only if it is still `expected` (another writer may have acted on it since it was
    read); otherwise refuse, and the caller's unit of work is rolled back."""
    done = session.execute(update(BankLine).where(BankLine.id == line.id, BankLine.status == expected)
                           .values(**values).execution_options(synchronize_session=False))
    if done.rowcount != 1:
        raise BankLineStateError(f"Bank line {line.id} was changed by someone else a moment ago; reload the lines.")
    session.refresh(line)


def skip_line(session: Session, line_id: int, *, reason: str) -> BankLineView:
    """Leave a credit line out of matching (a loan, an internal transfer, a refund), with the reason."""
    line = get_line_row(session, line_id)
    if line.status != LINE_NEW:
        raise BankLineStateError(f"Bank line {line.id} is {line.status} already; only a new line can be skipped.")
    reason = " ".join((reason or "").split())
    if not reason:
        raise LedgerError("Say why the line is skipped (e.g. 'loan from the owner').", field="reason")
    _change(session, line, LINE_NEW, status=LINE_SKIPPED, note=reason[:500], decided_at=config.now())
    audit.record(session, action="skip", entity="bank_line", entity_id=line.id, after={"reason": line.note})
    return _view(line, None)


def reopen_line(session: Session, line_id: int) -> BankLineView:
    """A skipped line back to new, to be matched after all."""
    line = get_line_row(session, line_id)
    if line.status != LINE_SKIPPED:
        what = ("it became a payment; void that payment with `cobranza payment void`" if line.status == LINE_CONFIRMED
                else "it is new already")
        raise BankLineStateError(f"Bank line {line.id} cannot be reopened: {what}.")
    before = line.note
    _change(session, line, LINE_SKIPPED, status=LINE_NEW, note=None, decided_at=None)
    audit.record(session, action="reopen", entity="bank_line", entity_id=line.id, before={"reason": before})
    return _view(line, None)
