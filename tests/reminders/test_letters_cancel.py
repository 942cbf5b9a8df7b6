"""Cancel pressed while a reminder run's letters are written (the long part of a run with thousands of
letters): the letters report their progress, no letter file is left, and the reminders stay queued for the
next delivery, their attempts untouched."""

from sqlalchemy import select

from app.models import Reminder
from app.reminders import outbox as ob
from app.reminders.run import execute_run
from tests.factories import make_customer, make_invoice

from .conftest import D, at


def _letters_due(s):
    with s.begin():
        for code in ("L1", "L2", "L3"):  # no e-mail: each gets a letter
            make_customer(s, code=code, name=f"Cliente {code}", address="Av. Arequipa 100", city="Lima")
            make_invoice(s, number=f"F-{code}", customer=code, issued=D(2026, 5, 1), due=D(2026, 6, 1))
        execute_run(s, as_of=D(2026, 6, 30), at=at(D(2026, 6, 30)))  # no letters folder: they stay queued


def _states(s):
    with s.begin():
        return sorted((r.customer.code, r.state, r.attempts) for r in s.scalars(select(Reminder))
                      if r.customer.code.startswith("L"))


def test_cancel_while_the_letters_are_written_leaves_no_file_and_the_reminders_queued(books, tmp_path):
    s = books
    _letters_due(s)
    assert _states(s) == [("L1", "queued", 0), ("L2", "queued", 0), ("L3", "queued", 0)]
    steps = []
    with s.begin():
        result = ob.deliver_due(s, now=at(D(2026, 6, 30), 11), sender=None, letters_dir=tmp_path / "letters",
                                progress=lambda done, total: steps.append((done, total)),
                                cancel=lambda: bool(steps))  # Cancel pressed once the first letter is drawn
    assert result.cancelled and result.sent == 0 and result.failed == 0
    assert steps == [(1, 3)]
    assert [p for p in (tmp_path / "letters").rglob("*") if p.is_file()] == []
    assert _states(s) == [("L1", "queued", 0), ("L2", "queued", 0), ("L3", "queued", 0)]


def test_letters_not_cancelled_report_each_letter_and_are_written(books, tmp_path):
    s = books
    _letters_due(s)
    steps = []
    with s.begin():
        result = ob.deliver_due(s, now=at(D(2026, 6, 30), 11), sender=None, letters_dir=tmp_path / "letters",
                                progress=lambda done, total: steps.append((done, total)))
    assert not result.cancelled and result.letters_written == 3
    assert steps[:3] == [(1, 3), (2, 3), (3, 3)]  # the letters, then the deliveries recorded
    assert len([p for p in (tmp_path / "letters").rglob("*.pdf")]) == 4  # one per customer and the combined one
