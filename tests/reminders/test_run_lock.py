"""One reminder run at a time per database (issue 11, "Concurrency: two writers never corrupt the books").

Found by a probe on the shared PostgreSQL database: two `remind --send` for the same date both sent (17
duplicate e-mails), or one crashed with an IntegrityError traceback. Real parts: a PostgreSQL server and two
threads with their own connections; SQLite files and two OS processes running the CLI; a real SMTP server.
`COBRANZA_RACE_ROUNDS=1000` races 1,000 times (tests/race.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from app import ledger
from app.cli import main
from app.database import open_database, session_factory
from app.models import Reminder
from app.reminders import run_lock
from app.reminders.service import deliver_stored, perform_run
from tests.factories import make_customer, make_invoice, smtp_server, smtp_settings
from tests.race import race_rounds
from tests.reminders.conftest import send_automatically

D = dt.date
AS_OF = D(2026, 6, 30)
REMIND = ["remind", "--as-of", AS_OF.isoformat(), "--at", "10:00", "--send"]


def add_debtors(factory, r: int, per_round: int = 2) -> list[str]:
    """Customers overdue on AS_OF that no run has reminded yet: each must get exactly one e-mail."""
    emails = []
    with factory() as s, s.begin():
        for k in range(per_round):
            code = f"R{r:04d}-{k}"
            emails.append(f"pagos{r}-{k}@cliente.pe")
            make_customer(s, code=code, name=f"Cliente {r}-{k} S.A.C.", email=emails[-1])
            make_invoice(s, number=f"F{r}-{k}", customer=code, issued=D(2026, 5, 1), due=D(2026, 6, 1))
    return emails


def company(db: str, port: int) -> None:
    engine = open_database(db)
    with session_factory(engine)() as s, s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        send_automatically(s)  # the races are about delivery: nothing waits for a review
    engine.dispose()
    for key, value in smtp_settings(port):
        assert main(["--db", db, "settings", "set", key, value]) == 0


def check_exactly_once(handler, factory, expected: Counter) -> None:
    messages = handler.messages()
    ids = Counter(str(m["Message-ID"]) for m in messages)
    to = Counter(address for e in handler.envelopes for address in e.rcpt_tos)
    assert [mid for mid, n in ids.items() if n > 1] == []  # 0 duplicate e-mails
    assert to == expected  # each debtor exactly once
    with factory() as s:
        states = Counter(s.scalars(select(Reminder.state)))
        assert states == {"sent": sum(expected.values())}  # none stored twice, none left behind


@pytest.mark.postgres
@pytest.mark.race
def test_two_runs_at_once_on_postgres_send_each_email_once(pg_url):
    rounds = race_rounds(10)
    engine = open_database(pg_url)
    writers, readers = session_factory(engine, write=True), session_factory(engine)
    errors: list[BaseException] = []
    with smtp_server() as (handler, port):
        company(pg_url, port)
        expected: Counter = Counter()
        barrier = threading.Barrier(2)

        def runner() -> None:
            try:
                barrier.wait(timeout=60)
                with writers() as s:
                    with s.begin():
                        done = perform_run(s, as_of=AS_OF, at="10:00")
                deliver_stored(done, writers=writers, readers=readers)
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)

        for r in range(rounds):
            expected.update(add_debtors(writers, r))
            threads = [threading.Thread(target=runner) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(timeout=300)
            assert errors == []
        check_exactly_once(handler, readers, expected)
    engine.dispose()


# Two processes per round, forked from one driver that imported the app once (starting Python twice a round
# would take most of the time): each child is an OS process of its own running `cobranza remind --send`.
DRIVER = r"""
import json, os, sys
from app.cli import main
import app.reminders.delivery, app.reminders.email_send, app.reports.statement, app.reminders.run  # warm
for line in sys.stdin:
    args, outs = json.loads(line)
    pids = []
    for out in outs:
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
        pids.append(pid)
    codes = []
    for pid in pids:
        _, status = os.waitpid(pid, 0)
        codes.append(-os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status))
    print(json.dumps(codes), flush=True)
"""


class Driver:
    """Runs the CLI in two forked processes at once, as many times as asked."""

    def __init__(self):
        env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
        self.proc = subprocess.Popen([sys.executable, "-c", DRIVER], env=env, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def both(self, args: list[str], outs: list[str]) -> list[int]:
        self.proc.stdin.write(json.dumps([args, outs]) + "\n")
        self.proc.stdin.flush()
        return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


@pytest.mark.race
def test_two_remind_send_processes_at_once_on_sqlite_send_each_email_once(tmp_path):
    rounds = race_rounds(3)  # a round is two CLI processes, ~3 s on 2 busy cores
    db = str(tmp_path / "books.sqlite")
    outs = [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    driver = Driver()
    try:
        with smtp_server() as (handler, port):
            company(db, port)
            engine = open_database(db)
            writers = session_factory(engine, write=True)
            expected: Counter = Counter()
            for r in range(rounds):
                expected.update(add_debtors(writers, r))
                engine.dispose()  # no connection of ours open while the two processes run
                codes = driver.both(["--db", db, *REMIND], outs)
                assert codes == [0, 0], [open(o).read() for o in outs]
            check_exactly_once(handler, session_factory(engine), expected)
            engine.dispose()
    finally:
        driver.close()


def test_a_second_delivery_waits_then_says_who_holds_the_run_on_sqlite(tmp_path, capsys, monkeypatch):
    """While another process delivers (it holds the lock file), a run stores, waits, then says who holds it
    in one line; its reminders stay queued and go out with the next run."""
    monkeypatch.setenv("COBRANZA_USER", "ana")
    with smtp_server() as (handler, port):
        db = str(tmp_path / "books.sqlite")
        company(db, port)
        engine = open_database(db)
        add_debtors(session_factory(engine, write=True), 1)
        holder = subprocess.Popen(
            [sys.executable, "-c", "import sys, time\nfrom app.database import open_database\n"
             "from app.reminders import run_lock\n"
             "with run_lock.delivering(open_database(sys.argv[1])):\n"
             "    print('held', flush=True); sys.stdin.readline()\n", db],
            env=dict(os.environ, COBRANZA_USER="beto"), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert holder.stdout.readline() == "held\n"
            monkeypatch.setattr(run_lock, "WAIT_SECONDS", 0.3)
            capsys.readouterr()
            assert main(["--db", db, *REMIND]) == 2
            err = capsys.readouterr().err
        finally:
            holder.communicate("\n", timeout=60)
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "another reminder run is in progress (started " in err
        assert f"by user beto on host {socket.gethostname()})" in err and "stay queued" in err
        assert handler.messages() == []
        with session_factory(engine)() as s:
            assert Counter(s.scalars(select(Reminder.state))) == {"queued": 2}
        # the holder has finished: the next run delivers them, once
        assert main(["--db", db, *REMIND]) == 0
        assert sorted(a for e in handler.envelopes for a in e.rcpt_tos) == ["pagos1-0@cliente.pe", "pagos1-1@cliente.pe"]
        engine.dispose()
    assert not os.path.getsize(run_lock.lock_path(engine))  # released: no holder left in the file


@pytest.mark.postgres
def test_a_second_run_waits_then_says_who_holds_it_on_postgres(pg_url, capsys, monkeypatch):
    """A run storing while another delivers waits; after the wait, one line naming the holder, nothing stored."""
    engine = open_database(pg_url)
    with smtp_server() as (handler, port):
        company(pg_url, port)
        add_debtors(session_factory(engine, write=True), 1)
        monkeypatch.setenv("COBRANZA_USER", "josé")
        with run_lock.delivering(engine):
            monkeypatch.setenv("COBRANZA_USER", "ana")
            monkeypatch.setattr(run_lock, "WAIT_SECONDS", 0.3)
            capsys.readouterr()
            with pytest.raises(SystemExit) as exit_:
                main(["--db", pg_url, *REMIND])
            assert exit_.value.code == 2
            err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert "another reminder run is in progress (started " in err
        assert f"by user josé on host {socket.gethostname()}); nothing was stored" in err
        with session_factory(engine)() as s:
            assert s.scalar(select(func.count()).select_from(Reminder)) == 0
        assert main(["--db", pg_url, *REMIND]) == 0  # released: the run goes
        assert len(handler.messages()) == 2
    engine.dispose()
