"""What a write changed: the tracker watches a Session's unit of work and names the areas it touched."""

import datetime as dt

from sqlalchemy import update

from app import ledger
from app.ledger.changes import AREAS, NOTHING, ChangeTracker, Changes, TABLE_AREAS, areas_of
from app.ledger.company import set_setting
from app.models import Base, Customer
from app.reminders.service import preview_run
from tests.factories import make_customer, make_invoice, make_payment


def tracked(session, fn, *args, **kwargs):
    with ChangeTracker(session) as tracker:
        with session.begin():
            fn(session, *args, **kwargs)
    return tracker.changes()


def _books(session):
    with session.begin():
        make_customer(session)
        make_invoice(session)


def test_a_payment_changes_documents(session):
    _books(session)
    changes = tracked(session, make_payment)
    assert changes.areas - {"audit"} == {"documents"}
    assert changes.concerns({"documents"}) and not changes.concerns({"settings", "reminders", "customers"})
    assert changes.concerns({"documents"}, customer_code="C001")


def test_a_customer_edit_names_its_customer(session):
    _books(session)
    with session.begin():
        make_customer(session, code="C999", name="Otro")
    changes = tracked(session, ledger.update_customer, "C001", phone="+51 44 123456")
    assert changes.areas - {"audit"} == {"customers"} and changes.customer_codes == {"C001"}
    assert changes.concerns({"customers"}, customer_code="C001")
    assert not changes.concerns({"customers"}, customer_code="C999")


def test_a_settings_change_is_a_settings_change(session):
    changes = tracked(session, set_setting, "reminders.sender", "x@y.pe")
    assert changes.areas - {"audit"} == {"settings"}
    assert not changes.concerns({"documents", "customers"})


def test_a_rolled_back_preview_changes_nothing(session):
    _books(session)
    changes = tracked(session, preview_run, as_of=dt.date(2026, 3, 15), at="10:00")
    assert changes == NOTHING and not changes


def test_a_released_savepoint_counts(session):
    _books(session)

    def inside_savepoint(s):
        with s.begin_nested():
            make_payment(s)

    assert "documents" in tracked(session, inside_savepoint).areas


def test_a_core_bulk_update_is_seen_with_its_table(session):
    _books(session)
    changes = tracked(session, lambda s: s.execute(update(Customer).where(Customer.code == "C001")
                                                   .values(phone="+51 1 234")))
    assert changes.areas == {"customers"}
    assert changes.customer_codes is None  # a bulk statement does not say which customers
    assert changes.concerns({"customers"}, customer_code="C999")


def test_reading_changes_nothing(session):
    _books(session)
    assert tracked(session, lambda s: ledger.get_customer(s, "C001")) == NOTHING


def test_every_table_has_an_area():
    assert set(Base.metadata.tables) <= set(TABLE_AREAS), set(Base.metadata.tables) - set(TABLE_AREAS)
    assert areas_of({"a_table_nobody_mapped"}) == AREAS
    assert Changes.everything().concerns({"risk"}, customer_code="C1")
