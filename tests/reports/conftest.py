"""Small histories for the aging tests, built through the ledger's own functions."""

from __future__ import annotations

import datetime as dt

import pytest

from app import ledger

D = dt.date


@pytest.fixture
def book(session):
    """A tiny ledger: customers ACME (PEN), BETA (PEN + USD), CHILE (CLP), and a company."""
    with session.begin():
        ledger.ensure_default_terms(session)
        ledger.save_company(session, name="Comercial Andina SAC", currency="PEN", locale="es_PE")
        ledger.create_customer(session, code="ACME", name="Acme Perú SAC", currency="PEN")
        ledger.create_customer(session, code="BETA", name="=Beta SRL", currency="PEN")
        ledger.create_customer(session, code="CHILE", name="Chile Ltda", country="CL", currency="CLP")
        ledger.create_customer(session, code="IDLE", name="Idle SA", currency="PEN")
    return session
