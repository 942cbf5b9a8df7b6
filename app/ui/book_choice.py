"""Which book `cobranza gui` opens when none is named, decided without Qt: the first screen's figures are
asked for before Qt is imported (app/ui/first_screen.py) when the book is known; the questions (the
first-run wizard, the missing book) are app/ui/first_run.py's.
"""

from __future__ import annotations

import os
from pathlib import Path

from app import config


def first_run_needed() -> bool:
    """No database named anywhere (--db is checked by the caller) and none at the default place."""
    return (not os.environ.get(config.ENV_DB) and not config.load_user_settings().get("database")
            and not config.default_database_path().exists())


def missing_book() -> Path | None:
    """The book remembered from the first start when its file is gone (moved, renamed, on a drive that is
    not mounted): opening it would silently create an empty book there, one that "owes nothing"."""
    if os.environ.get(config.ENV_DB):
        return None
    remembered = config.load_user_settings().get("database") or ""
    if not remembered or "://" in remembered:
        return None
    path = Path(remembered)
    return None if path.exists() else path


def known_book(db: str | None) -> bool:
    """Whether `cobranza gui` opens `db` (None: the remembered or default one) without asking anything first."""
    return db is not None or (missing_book() is None and not first_run_needed())
