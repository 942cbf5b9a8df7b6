"""Each screen reloads only for writes that change what it shows; a look that writes nothing announces nothing,
so opening Today or previewing reminders cannot start a round of refreshes."""

from app import ledger
from app.database import session_factory
from app.ledger.company import set_setting
from tests.factories import make_customer, make_invoice
from tests.ui.conftest import wait_idle


def _two_customers(engine):
    with session_factory(engine, write=True)() as s, s.begin():
        make_customer(s, code="C001")
        make_customer(s, code="C002", name="Otro S.A.C.")
        make_invoice(s, customer="C001")


def _count(signal):
    seen = []
    signal.connect(lambda *a: seen.append(a))
    return seen


def test_the_card_reloads_for_its_customer_and_its_areas_only(books, window, qtbot):
    _two_customers(books)
    runner = window.ctx.runner
    card = window.view("customers").open_card("C001")
    qtbot.waitUntil(lambda: card.data is not None, timeout=10000)
    wait_idle(qtbot, runner)
    loads = _count(card.loaded)

    runner.write(ledger.update_customer, "C002", phone="+51 1 111")  # another customer
    runner.write(set_setting, "reminders.sender", "x@y.pe")  # nothing the card shows
    wait_idle(qtbot, runner)
    qtbot.wait(100)
    assert loads == []

    with qtbot.waitSignal(card.loaded, timeout=5000):
        runner.write(ledger.update_customer, "C001", phone="+51 44 123456")
    assert card.facts["phone"].text() == "+51 44 123456"
    card.reject()


def test_opening_today_and_previewing_reminders_settle(books, window, qtbot):
    _two_customers(books)
    runner = window.ctx.runner
    wait_idle(qtbot, runner, timeout=30000)
    announced = _count(runner.data_changed)

    today = window.show_view("today")
    today_loads = _count(today.loaded)
    today.evaluate()  # a write (promises and agreements brought up to date) that finds nothing to change
    qtbot.waitUntil(lambda: len(today_loads) == 1, timeout=10000)
    wait_idle(qtbot, runner)
    qtbot.wait(300)
    assert announced == [] and len(today_loads) == 1 and not runner.busy()

    reminders = window.show_view("reminders")
    wait_idle(qtbot, runner)
    history_loads = _count(reminders.history_loaded)
    with qtbot.waitSignal(reminders.previewed, timeout=10000):
        reminders.preview()  # planned inside a savepoint that is rolled back: no change
    wait_idle(qtbot, runner)
    qtbot.wait(300)
    assert announced == [] and history_loads == [] and not runner.busy()


def test_a_write_the_page_shows_reloads_it_once(books, window, qtbot):
    _two_customers(books)
    runner = window.ctx.runner
    reminders = window.show_view("reminders")
    wait_idle(qtbot, runner, timeout=30000)
    history_loads = _count(reminders.history_loaded)
    runner.write(ledger.update_customer, "C002", name="Otro nombre S.A.C.")  # reminders show customer names
    qtbot.waitUntil(lambda: len(history_loads) == 1, timeout=10000)
    wait_idle(qtbot, runner)
    qtbot.wait(300)
    assert len(history_loads) == 1 and not runner.busy()
