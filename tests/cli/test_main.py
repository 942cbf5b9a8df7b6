import pytest

from app.cli import build_parser, command_modules, main


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("cobranza ")


def test_help_of_every_command_renders(capsys):
    parser = build_parser()
    assert "COMMAND" in parser.format_help()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    assert len(subparsers.choices) >= len(command_modules()) - 1
    for name, sub in subparsers.choices.items():
        assert name in parser.format_help()
        sub.format_help()  # a stray % in a help string raises here
        for action in sub._actions:
            if getattr(action, "choices", None) and hasattr(action.choices, "items"):
                for nested in action.choices.values():
                    nested.format_help()
