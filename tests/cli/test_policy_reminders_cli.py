"""`cobranza policy` and `cobranza reminders`: assigning policies, the stored reminders, approving drafts,
cancelling, WhatsApp chats. Real SQLite file, real CLI entry point."""

import json

from app.cli import main


def cli(db, *args):
    return main(["--db", str(db), *args])


def seed(db, capsys):
    assert cli(db, "init") == 0
    assert cli(db, "demo", "--customers", "25", "--invoices", "300", "--seed", "5", "--as-of", "2026-06-30") == 0
    capsys.readouterr()


def test_policy_list_assign_and_segment(tmp_path, capsys):
    db = tmp_path / "p.sqlite"
    seed(db, capsys)
    assert cli(db, "policy", "list", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["code"] for p in listed["policies"]] == ["STANDARD"] and listed["segments"] == {}
    assert listed["policies"][0]["levels"][0] == {
        "key": "courtesy", "days": -3, "channels": ["email"], "fee_kind": "none", "fee_value": "0",
        "min_overdue_minor": 0, "needs_approval": False, "min_gap_days": 5}
    assert cli(db, "policy", "segment", "c-high", "standard") == 0
    assert "segment C-high: policy STANDARD" in capsys.readouterr().out
    assert cli(db, "policy", "segment", "Z", "STANDARD") == 2
    assert "is not a segment" in capsys.readouterr().err
    assert cli(db, "policy", "assign", "C000001", "NOPE") == 2
    assert "NOPE" in capsys.readouterr().err
    assert cli(db, "policy", "assign", "C000001", "STANDARD", "--default") == 2
    assert cli(db, "policy", "assign", "C000001", "--default") == 0
    capsys.readouterr()
    assert cli(db, "policy", "list") == 0
    assert "segment C-high -> STANDARD" in capsys.readouterr().out


def test_reminders_history_approve_and_cancel(tmp_path, capsys):
    db = tmp_path / "r.sqlite"
    seed(db, capsys)
    assert cli(db, "remind", "--as-of", "2026-06-30", "--at", "10:00", "--send",
               "--letters-dir", str(tmp_path / "letters")) == 0
    capsys.readouterr()
    assert cli(db, "reminders", "history", "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and {"id", "customer_code", "state", "amount", "items", "pending"} <= rows[0].keys()
    # the shipped policy reviews before sending: the run stored drafts, approved one by one
    drafts = [r for r in rows if r["state"] == "draft"]
    assert drafts and len(drafts) == len(rows) and drafts[0]["status"] == "awaiting approval"
    rid = drafts[0]["id"]
    assert cli(db, "reminders", "approve", str(rid)) == 0
    assert "1 draft(s) approved" in capsys.readouterr().out
    assert cli(db, "reminders", "approve", str(rid)) == 2  # not a draft any more
    assert "were not drafts" in capsys.readouterr().out
    assert cli(db, "reminders", "cancel", str(rid), "--reason", "customer called: paying today") == 0
    capsys.readouterr()
    assert cli(db, "reminders", "history", "--state", "cancelled", "--format", "json") == 0
    [cancelled] = json.loads(capsys.readouterr().out)
    assert cancelled["id"] == rid and cancelled["error"] == "customer called: paying today"
    assert cli(db, "reminders", "cancel", str(rid), "--reason", "again") == 2
    assert "only a draft, queued or failed" in capsys.readouterr().err
    assert cli(db, "reminders", "whatsapp") == 0
    assert "no WhatsApp chats waiting" in capsys.readouterr().out
