"""`cobranza remind --send` never sends an e-mail twice, and never holds the write lock while the SMTP server
talks (issue 12, "Storing the run and delivering it are separate steps").

Real parts only: the CLI in its own process against a SQLite file on disk and a real SMTP server (aiosmtpd),
killed with SIGKILL at random points of its delivery, then run again.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
from collections import Counter

from sqlalchemy import select

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.models import Reminder
from tests.factories import SmtpCollector, make_customer, make_invoice, smtp_settings, start_smtp

D = dt.date
CLI = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"
REMIND = ["remind", "--as-of", "2026-06-30", "--at", "10:00", "--send", "--approve-all"]


def cobranza(db: str, *args: str) -> subprocess.Popen:
    """The CLI in a process of its own (no keyring there: the local server needs no password)."""
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.Popen([sys.executable, "-c", CLI, "--db", db, *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


# Starting Python and importing the app takes most of a second on a busy machine, fifty times over: the kill
# test forks each sender from a process that imported the app once. Each sender is still a process of its own
# running the CLI against the file, killed with SIGKILL.
FORK_SERVER = r"""
import json, os, sys
from app.cli import main
import app.reminders.delivery, app.reminders.email_send, app.reports.statement, app.reminders.run  # warm
for line in sys.stdin:
    args, out = json.loads(line)
    pid = os.fork()
    if pid == 0:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(fd, 1)
        os.dup2(fd, 2)
        try:
            code = main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback; traceback.print_exc(); code = 70
        sys.stdout.flush(); sys.stderr.flush()
        os._exit(code or 0)
    print(pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status), flush=True)
"""


class ForkServer:
    def __init__(self):
        env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
        self.proc = subprocess.Popen([sys.executable, "-c", FORK_SERVER], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def start(self, args: list[str], out: str) -> int:
        self.proc.stdin.write(json.dumps([args, out]) + "\n")
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline())

    def wait(self) -> int:
        return int(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def make_books(db: str, port: int, customers: int) -> None:
    engine = open_database(db)
    s = session_factory(engine)()
    with s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        for n in range(1, customers + 1):
            make_customer(s, code=f"C{n:03d}", name=f"Cliente {n} S.A.C.", email=f"pagos{n}@cliente{n}.pe")
            make_invoice(s, number=f"F{n}", customer=f"C{n:03d}", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    s.close()
    engine.dispose()
    for key, value in smtp_settings(port):
        assert main(["--db", db, "settings", "set", key, value]) == 0


def reminders(db: str) -> list[tuple[int, str, str | None]]:
    engine = open_database(db)
    with session_factory(engine)() as s:
        rows = [(r.id, r.state, r.message_id) for r in s.scalars(select(Reminder).order_by(Reminder.id))]
    engine.dispose()
    return rows


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:  # it had finished already
        pass


class KillingCollector(SmtpCollector):
    """Keeps every message; when the k-th message of the current sender arrives, kills the sender: at once
    (before the server's 250, so the sender never hears it was accepted) or a moment after the 250."""

    def __init__(self):
        super().__init__()
        self.victim: int | None = None
        self.kill_at: int | None = None
        self.delay = 0.0
        self.arrived = 0

    def aim(self, pid: int | None, kill_at: int | None, delay: float = 0.0) -> None:
        self.victim, self.kill_at, self.delay, self.arrived = pid, kill_at, delay, 0

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.arrived += 1
        if self.victim is not None and self.arrived == self.kill_at:
            if self.delay:
                asyncio.get_running_loop().call_later(self.delay, _kill, self.victim)
            else:
                _kill(self.victim)
        return "250 Message accepted for delivery"

    def message_ids(self) -> Counter:
        return Counter(str(m["Message-ID"]) for m in self.messages())


def run_until_done(db: str, handler: KillingCollector, rng: random.Random, kills_wanted: int,
                   forks: ForkServer, out: str) -> int:
    """Runs `remind --send`, killing it at random points, until nothing is left queued or enough kills."""
    kills, first = 0, True
    while first or (kills < kills_wanted and any(state == "queued" for _, state, _ in reminders(db))):
        first = False
        kill_at = rng.randint(1, 3)
        delay = rng.choice((0.0, 0.0, rng.uniform(0.0, 0.05)))
        handler.aim(None, None)
        pid = forks.start(["--db", db, *REMIND], out)
        handler.aim(pid, kill_at, delay)  # before its first message: the run is stored first
        code = forks.wait()
        handler.aim(None, None)
        if code == -signal.SIGKILL:
            kills += 1
        else:
            assert code == 0, open(out).read()
    return kills


def check_at_most_once(db: str, handler: KillingCollector) -> list[int]:
    """Every message received at most once; every reminder received and sent, or flagged (left "sending").
    Returns the flagged reminders."""
    received = handler.message_ids()
    assert received and max(received.values()) == 1, [mid for mid, n in received.items() if n > 1]
    rows = reminders(db)
    assert set(received) <= {mid for _, _, mid in rows}
    flagged = []
    for rid, state, mid in rows:
        assert state in ("sent", "sending"), (rid, state)
        if state == "sent":
            assert mid in received, (rid, mid)
        else:
            flagged.append(rid)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return flagged


def test_killed_senders_never_send_an_email_twice(tmp_path):
    total_kills, books = 0, 0
    handler = KillingCollector()
    controller = start_smtp(handler)
    forks = ForkServer()
    out = str(tmp_path / "out.txt")
    try:
        for seed in (1, 2, 3, 4, 5):
            rng = random.Random(seed)
            kills = 0
            while kills < 10:  # ten kills a seed, over as many small books (ten e-mails each) as it takes
                handler.envelopes.clear()
                books += 1
                db = str(tmp_path / f"seed{seed}-{books}.sqlite")
                make_books(db, controller.port, customers=10)
                kills += run_until_done(db, handler, rng, 10 - kills, forks, out)
                forks.start(["--db", db, *REMIND], out)  # a rerun after the last kill completes the rest
                assert forks.wait() == 0, open(out).read()
                flagged = check_at_most_once(db, handler)
                printed = open(out).read()
                assert (f"{len(flagged)} e-mail(s) may have been sent" in printed) == bool(flagged), printed
            total_kills += kills
    finally:
        forks.close()
        controller.stop()
    assert total_kills >= 50


def test_a_flagged_email_is_listed_and_released_by_a_person(tmp_path):
    """A sender killed before the server's answer: that e-mail is "sending", listed as may have been sent and
    not resent by the next run; released, it goes again with the same Message-ID; --mark-sent records it."""
    handler = KillingCollector()
    controller = start_smtp(handler)
    try:
        db = str(tmp_path / "books.sqlite")
        make_books(db, controller.port, customers=3)
        proc = cobranza(db, *REMIND)
        handler.aim(proc.pid, 1)
        proc.communicate(timeout=300)
        handler.aim(None, None)
        assert proc.returncode == -signal.SIGKILL
        [first] = handler.messages()
        rerun = cobranza(db, *REMIND)
        out, err = rerun.communicate(timeout=300)
        assert rerun.returncode == 0, err
        assert "1 e-mail(s) may have been sent" in out and "cobranza reminders release" in out
        assert len(handler.messages()) == 3  # the other two, not the first again
        [(flagged, mid)] = [(rid, m) for rid, state, m in reminders(db) if state == "sending"]
        assert mid == str(first["Message-ID"])
        history = cobranza(db, "reminders", "history", "--state", "sending", "--format", "json")
        [listed] = json.loads(history.communicate(timeout=300)[0])
        assert listed["id"] == flagged and listed["may_have_been_sent"] and listed["message_id"] == mid
        table = cobranza(db, "reminders", "history")
        assert "may have been sent" in table.communicate(timeout=300)[0]

        # the person found it was not delivered: released, it goes again under the same Message-ID
        assert main(["--db", db, "reminders", "release", str(flagged)]) == 0
        assert main(["--db", db, *REMIND]) == 0
        assert [str(m["Message-ID"]) for m in handler.messages()].count(mid) == 2  # the release was the person's call
        assert {state for _, state, _ in reminders(db)} == {"sent"}
    finally:
        controller.stop()


def test_mark_sent_records_a_flagged_email_without_sending_it(tmp_path, capsys):
    handler = KillingCollector()
    controller = start_smtp(handler)
    try:
        db = str(tmp_path / "books.sqlite")
        make_books(db, controller.port, customers=1)
        proc = cobranza(db, *REMIND)
        handler.aim(proc.pid, 1)
        proc.communicate(timeout=300)
        assert proc.returncode == -signal.SIGKILL
        [(flagged, state, _)] = reminders(db)
        assert state == "sending"
        assert main(["--db", db, "reminders", "release", str(flagged), "--mark-sent"]) == 0
        assert main(["--db", db, *REMIND]) == 0
        assert len(handler.messages()) == 1 and [s for _, s, _ in reminders(db)] == ["sent"]
        capsys.readouterr()
        # only a reminder that may have been sent can be released
        assert main(["--db", db, "reminders", "release", str(flagged)]) == 2
        assert "only a reminder that may have been sent" in capsys.readouterr().err
    finally:
        controller.stop()


class SlowCollector(SmtpCollector):
    """Holds its answer to the message until the test lets it go."""

    def __init__(self):
        super().__init__()
        self.arrived = threading.Event()
        self.release = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.arrived.set()
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 120)
        return await super().handle_DATA(server, session, envelope)


def test_another_process_writes_while_the_smtp_server_is_slow(tmp_path):
    handler = SlowCollector()
    controller = start_smtp(handler)
    try:
        db = str(tmp_path / "books.sqlite")
        make_books(db, controller.port, customers=2)
        sender = cobranza(db, *REMIND)
        try:
            assert handler.arrived.wait(120), sender.communicate()
            # the sender waits for the server's answer; a writer must not wait for it (busy timeout 10 s)
            other = cobranza(db, "settings", "set", "company.phone", "+51 1 555 0101")
            out, err = other.communicate(timeout=120)
            assert other.returncode == 0, err
        finally:
            handler.release.set()
            sender.communicate(timeout=300)
        assert sender.returncode == 0
        assert len(handler.messages()) == 2
        assert main(["--db", db, "settings", "get", "company.phone"]) == 0
    finally:
        controller.stop()


def test_letters_are_written_while_another_writer_can_write(tmp_path):
    """Letters are files, not sent: they are made outside any write transaction, then recorded."""
    from app.models import Customer
    from app.reminders import outbox
    from app.reminders.run import APPROVE_ALL, execute_run

    db = str(tmp_path / "books.sqlite")
    engine = open_database(db)
    try:
        with session_factory(engine)() as s:
            with s.begin():
                ledger.save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN",
                                    locale="es_PE")
                make_customer(s, address="Av. Arequipa 100", city="Lima")  # no e-mail: a letter
                make_invoice(s, number="F1", issued=D(2026, 5, 1), due=D(2026, 6, 1))
            when = dt.datetime(2026, 6, 30, 10, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
            with s.begin():
                execute_run(s, as_of=D(2026, 6, 30), at=when, deliver=False, approve=APPROVE_ALL)
        writers = session_factory(engine, write=True)

        def letters_while_someone_writes(jobs, directory):
            with writers() as other, other.begin():  # waits 10 s and fails if the delivery held the lock
                other.scalars(select(Customer)).one().phone = "+51 1 555 0101"
            path = directory / "C001.pdf"
            path.write_bytes(b"%PDF-1.4 test")
            return {job.reminder_id: str(path) for job in jobs}, str(path)

        result = outbox.deliver_due(writers, now=when, sender=None, letters_dir=tmp_path / "letters",
                                    letter_writer=letters_while_someone_writes, readers=session_factory(engine))
        assert result.sent == 1 and result.failed == 0
        assert [(state, customer_phone) for _, state, _ in reminders(db)
                for customer_phone in [_phone(engine)]] == [("sent", "+51 1 555 0101")]
    finally:
        engine.dispose()


def _phone(engine) -> str:
    from app.models import Customer

    with session_factory(engine)() as s:
        return s.scalars(select(Customer.phone)).one()
