"""How many times the two-writer tests race (issue 11 asks for 1,000): `COBRANZA_RACE_ROUNDS=1000 pytest -m race`.

The suite's default keeps each race test to a few seconds; a repetition count given in the environment
replaces every test's default."""

from __future__ import annotations

import os


def race_rounds(default: int) -> int:
    value = os.environ.get("COBRANZA_RACE_ROUNDS")
    return int(value) if value else default
