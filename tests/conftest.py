"""Shared fixtures: offscreen Qt, a fixed clock, real SQLite files on disk, a test keyring."""

from __future__ import annotations

import os

# Must be set before anything imports Qt, or the qapp fixture aborts the whole run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("COBRANZA_USER", "tester")

import datetime as dt  # noqa: E402

import keyring  # noqa: E402
import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402
from keyring.backend import KeyringBackend  # noqa: E402

from app import config  # noqa: E402
from app.database import open_database, session_factory  # noqa: E402

# By hand, property tests draw new examples each run (they found real edge cases); in CI they replay a
# fixed, derandomized set so a landing does not depend on luck (.ci/run sets the profile).
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("COBRANZA_HYPOTHESIS_PROFILE", "default"))

TODAY = dt.date(2026, 6, 30)


class MemoryKeyring(KeyringBackend):
    """A keyring for tests: secrets in a dict, never on disk."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path, monkeypatch):
    """Every test: its own config/data dirs, a fixed clock and a memory keyring."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("COBRANZA_DB", raising=False)
    previous_clock = config.set_clock(config.FixedClock.at(TODAY))
    previous_keyring = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous_keyring)
    config.set_clock(previous_clock)


@pytest.fixture(autouse=True)
def _collect_cycles_on_the_gui_thread(request):
    """Tests with Qt collect reference cycles on the GUI thread only, as the app does (app/ui/main_thread_gc.py):
    a collection on a task's worker thread that frees a widget left by an earlier test kills the process."""
    if "qapp" not in request.fixturenames:
        yield
        return
    from app.ui.main_thread_gc import pin_collection_to_gui_thread

    collector = pin_collection_to_gui_thread(request.getfixturevalue("qapp"))
    yield
    collector.stop()  # last of the teardowns: the widgets are closed and the workers done
    collector.setParent(None)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "cobranza.sqlite"


@pytest.fixture
def engine(db_path):
    eng = open_database(str(db_path))
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine):
    with session_factory(engine)() as s:
        yield s


@pytest.fixture(scope="session")
def pg_cluster():
    """A real PostgreSQL server for the whole test session (one per xdist worker)."""
    from tests.pg import PostgresCluster

    cluster = PostgresCluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster, request):
    """A fresh, empty PostgreSQL database for one test."""
    import hashlib
    import re

    # the test's name for reading, the hash of its whole id for uniqueness: two files may hold tests of the
    # same name, and one worker's cluster runs both
    digest = hashlib.sha1(request.node.nodeid.encode()).hexdigest()[:8]
    name = "t_" + re.sub(r"[^a-z0-9]+", "_", request.node.name.lower())[:45] + "_" + digest
    return pg_cluster.create_database(name)
