"""A throwaway PostgreSQL cluster for the shared-database tests (Debian's binaries, trust auth, fsync off).

initdb refuses to run as root, so as root the cluster is owned by the `postgres` system user.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time

from tests.factories import free_port


def _bindir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


class PostgresCluster:
    def __init__(self):
        self.bindir = _bindir()
        if self.bindir is None:
            raise RuntimeError("PostgreSQL is not installed (make install-system-deps installs it)")
        self.root = tempfile.mkdtemp(prefix="cobranza-pg-")
        self.data = os.path.join(self.root, "data")
        self.port = free_port()
        self.as_user = "postgres" if os.geteuid() == 0 else None

    def _run(self, *cmd: str) -> None:
        full = list(cmd)
        if self.as_user:
            shutil.chown(self.root, self.as_user)
            full = ["runuser", "-u", self.as_user, "--", *full]
        subprocess.run(full, check=True, capture_output=True, text=True)

    def start(self) -> "PostgresCluster":
        self._run(f"{self.bindir}/initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--locale=C")
        self._run(f"{self.bindir}/pg_ctl", "-D", self.data, "-w", "-l", os.path.join(self.root, "log"), "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                  "-c synchronous_commit=off -c full_page_writes=off", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(f"{self.bindir}/pg_ctl", "-D", self.data, "-m", "immediate", "stop")
        finally:
            time.sleep(0.1)
            shutil.rmtree(self.root, ignore_errors=True)
