"""The import on a real PostgreSQL server: the same code, all rows or none."""

import json
from pathlib import Path

import pytest

from app.cli import main

pytestmark = pytest.mark.postgres
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def test_samples_import_and_a_bad_file_writes_nothing_on_postgres(pg_url, capsys):
    assert main(["--db", pg_url, "init", "--company", "Comercial Lima S.A.C."]) == 0
    for kind in ("customers", "invoices", "payments", "credit-notes"):
        assert main(["--db", pg_url, "import", kind, str(SAMPLES / f"{kind}.csv")]) == 0
    assert main(["--db", pg_url, "import", "invoices", str(SAMPLES / "invoices-with-errors.csv")]) == 2
    capsys.readouterr()
    assert main(["--db", pg_url, "balance", "C002", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balances"][0]["balance"] == "7500.00"
    assert [i["invoice"] for i in data["open_items"]] == ["F001-00103", "F001-00103", "F001-00104"]
