"""`cobranza gui --self-check` is what the installer's test runs on the bundle: it must pass on a demo book
and fail, naming the part, when the bundle lacks something the window needs."""

import os
import subprocess
import sys

import pytest


def _cobranza(db, *args, env=None):
    return subprocess.run([sys.executable, "-m", "app", "--db", str(db), *args], capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}, timeout=300)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("selfcheck") / "book.sqlite"
    assert _cobranza(db, "init", "--company", "Prueba S.A.C.", "--currency", "PEN", "--locale", "es_PE").returncode == 0
    assert _cobranza(db, "demo", "--customers", "30", "--invoices", "200", "--seed", "3").returncode == 0
    return db


def test_self_check_visits_every_page_and_passes(demo_db):
    from app.ui.mainwindow import VIEWS

    done = _cobranza(demo_db, "gui", "--self-check")
    assert done.returncode == 0, done.stdout + done.stderr
    for spec in VIEWS:
        assert f"page {spec.key}: ok" in done.stdout
    assert done.stdout.rstrip().endswith("self-check: ok")


def test_self_check_fails_and_names_what_the_bundle_lacks(demo_db, tmp_path):
    empty = tmp_path / "no-templates"
    empty.mkdir()
    done = _cobranza(demo_db, "gui", "--self-check", env={"COBRANZA_TEMPLATES": str(empty)})
    assert done.returncode == 1
    assert f"problem: missing: letter templates in {empty}" in done.stdout
    assert "self-check: 1 problem(s)" in done.stdout


def test_self_check_refuses_a_path_that_is_not_a_cobranza_database(tmp_path):
    done = _cobranza(tmp_path / "typo.sqlite", "gui", "--self-check")
    assert done.returncode == 2
    assert not (tmp_path / "typo.sqlite").exists()
