"""The CLI's long commands show a progress line on stderr when it is a terminal, and nothing more when it is
a pipe or a log file: each command runs in a process of its own with stderr on a pseudo-terminal (pty)."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys

import pytest

from app import ledger
from app.database import open_database, session_factory
from tests.factories import make_customer, make_invoice

D = dt.date


@pytest.fixture
def dbfile(db_path):
    engine = open_database(str(db_path))
    with session_factory(engine, write=True)() as s, s.begin():
        ledger.save_company(s, name="Distribuidora Andina S.A.C.", country="PE", currency="PEN", locale="es_PE")
        for n in range(3):
            make_customer(s, code=f"C{n}", name=f"Cliente {n}")
            make_invoice(s, number=f"F{n}", customer=f"C{n}", issued=D(2026, 5, 1), due=D(2026, 6, 1))
    engine.dispose()
    return str(db_path)


def _run(dbfile: str, *argv: str, terminal: bool) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `cobranza --db DB argv...`, stderr on a pty when `terminal`."""
    cmd = [sys.executable, "-m", "app.cli", "--db", dbfile, *argv]
    if not terminal:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout, p.stderr
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
        os.close(slave)
        err = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the process closed its end
                break
            if not chunk:
                break
            err += chunk
        out = p.stdout.read().decode()
        p.stdout.close()
        code = p.wait(timeout=120)
    finally:
        os.close(master)
    return code, out, err.decode()


def test_export_all_shows_its_progress_on_a_terminal_only(dbfile, tmp_path):
    rows = 3 + 3 + 3  # customers, invoices, due lines
    code, out, err = _run(dbfile, "export", "--all", "-o", str(tmp_path / "a.xlsx"), terminal=True)
    assert code == 0, err
    assert f"\rexporting (rows): {rows}/{rows} (100%)" in err
    assert "wrote" in out and "exporting" not in out  # the line is on stderr, never in what a script reads
    code, out, err = _run(dbfile, "export", "--all", "-o", str(tmp_path / "b.xlsx"), terminal=False)
    assert code == 0 and err == ""


def test_import_shows_its_progress_on_a_terminal_only(dbfile, tmp_path):
    path = tmp_path / "clientes.csv"
    path.write_text("code,name\n" + "".join(f"K{i:03d},Cliente {i}\n" for i in range(250)), encoding="utf-8")
    code, out, err = _run(dbfile, "import", "customers", str(path), terminal=True)
    assert code == 0, err
    assert "\rimporting customers (rows): 100/250 (40%)" in err
    assert "\rimporting customers (rows): 250/250 (100%)" in err
    path.write_text("code,name\n" + "".join(f"L{i:03d},Cliente {i}\n" for i in range(250)), encoding="utf-8")
    code, out, err = _run(dbfile, "import", "customers", str(path), terminal=False)
    assert code == 0 and "importing" not in err


def test_statements_batch_shows_its_progress_on_a_terminal_only(dbfile, tmp_path):
    code, out, err = _run(dbfile, "statement", "--all", "--as-of", "2026-06-30", "-o", str(tmp_path / "s"),
                          terminal=True)
    assert code == 0, err
    assert "\rstatements: 4/4 (100%)" in err  # three customers and the combined file
    code, out, err = _run(dbfile, "statement", "--all", "--as-of", "2026-06-30", "-o", str(tmp_path / "t"),
                          terminal=False)
    assert code == 0 and "statements:" not in err
