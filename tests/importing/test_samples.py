"""The sample files in resources/samples/ (referenced by docs/import.md) import as the docs say."""

import json
from pathlib import Path

from app.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


def test_samples_import_in_order_and_the_error_sample_is_refused(tmp_path, capsys):
    db = str(tmp_path / "s.sqlite")
    assert main(["--db", db, "init", "--company", "Comercial Lima S.A.C."]) == 0
    for kind in ("customers", "invoices", "payments", "credit-notes"):
        assert main(["--db", db, "import", kind, str(SAMPLES / f"{kind}.csv")]) == 0
    out = capsys.readouterr().out
    assert "imported 5 customers" in out and "imported 7 invoices" in out
    assert "imported 4 payments" in out and "imported 2 credit notes" in out
    assert main(["--db", db, "import", "invoices", str(SAMPLES / "invoices-with-errors.csv")]) == 2
    err = capsys.readouterr().err
    assert [line.split(": ")[0].rsplit(":", 1)[1] for line in err.splitlines()[:-1]] == ["3", "4", "5", "6", "7", "8"]
    assert main(["--db", db, "balance", "C002", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # 9000.00 on 30/60/90 (3000 each) + 1500.00, less the 3000.00 payment applied oldest first
    assert data["balances"] == [{"currency": "PEN", "open_items": "7500.00", "unapplied_credit": "0.00",
                                 "balance": "7500.00"}]
    assert main(["--db", db, "balance", "C005", "--as-of", "2026-06-30", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["balances"][0]["balance"] == "700.00"
