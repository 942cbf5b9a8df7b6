"""Every CLI command, nested ones too (found from app.cli.build_parser(), so a new command is walked without
editing this file): `--help` exits 0 with its usage, and one wrong argument exits 2 with one line on stderr
naming the command; never a traceback."""

from __future__ import annotations

import argparse

import pytest

from app.cli import build_parser, main


def _commands(parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out.append((*prefix, name))
                out.extend(_commands(sub, (*prefix, name)))
    return out


COMMANDS = _commands(build_parser())


def test_the_walk_finds_the_nested_commands():
    assert ("promise", "add") in COMMANDS and ("settings", "set") in COMMANDS and ("aging",) in COMMANDS
    assert len(COMMANDS) >= 30


def _run(argv, capsys) -> tuple[int, str, str]:
    try:
        code = main(argv)
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_help_and_one_wrong_argument(command, tmp_path, capsys):
    db = str(tmp_path / "never-created.sqlite")
    code, out, err = _run(["--db", db, *command, "--help"], capsys)
    assert code == 0 and err == ""
    assert out.startswith("usage: cobranza " + " ".join(command))

    code, out, err = _run(["--db", db, *command, "--no-such-option"], capsys)
    assert code == 2, err
    assert "Traceback" not in err and err.count("\n") == 1, err
    assert err.startswith(f"cobranza: {command[0]}") and "--no-such-option" not in out
    assert not (tmp_path / "never-created.sqlite").exists()  # a wrong argument creates nothing
