"""The "New customer" action: the ledger's create_customer takes the collector (the dialog used to create,
then update the customer in a helper of its own)."""

from __future__ import annotations

import json

from sqlalchemy import select

from app import ledger
from app.models import AuditEntry


def test_a_new_customer_with_its_collector_is_one_audited_create(session):
    with session.begin():
        view = ledger.create_customer(session, code="C9", name="Ferretería Nueve", collector="  Ana Quispe ")
    assert view.collector == "Ana Quispe"
    entries = session.execute(select(AuditEntry.action, AuditEntry.after)
                              .where(AuditEntry.entity == "customer")).all()
    assert [action for action, _after in entries] == ["create"]
    assert json.loads(entries[0].after)["collector"] == "Ana Quispe"
    session.rollback()
    with session.begin():
        assert ledger.create_customer(session, code="C10", name="Sin Cobrador", collector="").collector is None
