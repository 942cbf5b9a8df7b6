"""Small factories and helpers shared by the tests: readable amounts in, ledger calls out; a free port and a
real SMTP server (aiosmtpd) that keeps what it receives."""

from __future__ import annotations

import contextlib
import datetime as dt
import socket
from email import message_from_bytes, policy

from app import ledger
from app.ledger.money import to_minor


def make_customer(session, code="C001", name="Ferretería Los Andes S.A.C.", currency="PEN", terms="NET30", **kw):
    ledger.ensure_default_terms(session)
    return ledger.create_customer(session, code=code, name=name, currency=currency, payment_terms=terms, **kw)


def make_invoice(session, number="F001-1", customer="C001", amount="120.00", issued=dt.date(2026, 1, 1),
                 due=None, currency="PEN", terms=None):
    return ledger.record_invoice(session, customer_code=customer, number=number, issue_date=issued,
                                 total_minor=to_minor(amount, currency), currency=currency,
                                 due_date=due, payment_terms=terms)


def make_payment(session, amount="50.00", customer="C001", date=dt.date(2026, 2, 1), currency="PEN", **kw):
    return ledger.record_payment(session, customer_code=customer, date=date,
                                 amount_minor=to_minor(amount, currency), currency=currency, **kw)


# --- one write per call, in minor units (the report tests) ----------------------------------------


def make_three_currency_debts(s):
    """PEN 68.26, USD 16,097.37 and COP 4,083,395.00 owed (customers SOL, DOL, PES, invoices S1, U1, P1):
    in minor units the pesos are by far the largest, in any company currency the dollars are."""
    make_customer(s, code="SOL", name="Soles")
    make_customer(s, code="DOL", name="Dólares", currency="USD")
    make_customer(s, code="PES", name="Pesos", currency="COP")
    make_invoice(s, number="S1", customer="SOL", amount="68.26", issued=dt.date(2026, 3, 1))
    make_invoice(s, number="U1", customer="DOL", amount="16097.37", issued=dt.date(2026, 3, 1), currency="USD")
    make_invoice(s, number="P1", customer="PES", amount="4083395.00", issued=dt.date(2026, 3, 1), currency="COP")


def write_text(path, text):
    """A UTF-8 file for the importer; returns its path."""
    path.write_text(text, encoding="utf-8")
    return path


def count_rows(session, model) -> int:
    from sqlalchemy import func, select

    return session.scalar(select(func.count()).select_from(model))


def fresh(session):
    """End the read-only transaction a report left open (reads autobegin) before writing again."""
    if session.in_transaction():
        session.rollback()


def invoice(session, code, number, issued, total, due=None, *, terms=None, currency=None, kind="invoice"):
    """Record one invoice of `total` minor units in its own transaction."""
    fresh(session)
    with session.begin():
        return ledger.record_invoice(session, customer_code=code, number=number, issue_date=issued,
                                     total_minor=total, due_date=due, payment_terms=terms, currency=currency,
                                     kind=kind)


def pay(session, code, on, amount, invoice_number=None, *, allocations=None, currency=None):
    """Record one payment of `amount` minor units in its own transaction."""
    fresh(session)
    with session.begin():
        return ledger.record_payment(session, customer_code=code, date=on, amount_minor=amount,
                                     invoice_number=invoice_number, allocations=allocations, currency=currency)


# --- network --------------------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nobody listens on right now (for a server started by the test, or to get a refusal)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpCollector:
    """aiosmtpd handler: keeps every message it accepts; with `reject`, refuses recipients whose address
    contains that text (550)."""

    def __init__(self, reject: str | None = None):
        self.envelopes = []
        self.reject = reject

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.reject and self.reject in address:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [message_from_bytes(e.content, policy=policy.default) for e in self.envelopes]


def start_smtp(handler, **kwargs):
    """Start a real SMTP server on 127.0.0.1 with `handler`; the caller stops the returned controller."""
    from aiosmtpd.controller import Controller

    controller = Controller(handler, hostname="127.0.0.1", port=free_port(), **kwargs)
    controller.start()
    return controller


@contextlib.contextmanager
def smtp_server(**kwargs):
    """A running SMTP server for the `with` block: yields (collector, port)."""
    handler = SmtpCollector()
    controller = start_smtp(handler, **kwargs)
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def smtp_settings(port: int) -> tuple[tuple[str, str], ...]:
    """The settings (key, value) that point the app at a plain local SMTP server on `port`."""
    return (("smtp.host", "127.0.0.1"), ("smtp.port", str(port)), ("smtp.security", "none"),
            ("smtp.from", "cobranzas@andina.pe"))
