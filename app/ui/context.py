"""What every window and dialog shares: the database engine, the task runner, the formatter."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app import config
from app.database import session_factory

from .formatting import Formatter
from .tasks import TaskRunner


@dataclass
class AppContext:
    engine: Engine
    sessions: sessionmaker[Session]
    runner: TaskRunner
    formatter: Formatter = field(default_factory=Formatter)
    company_name: str = ""
    company_currency: str = "PEN"
    _risk_models: object = field(default=None, repr=False)
    #: reads started before the page that shows them was built (app/ui/first_screen.py), by page key
    early: dict = field(default_factory=dict)

    @classmethod
    def create(cls, engine: Engine, parent=None, sessions: sessionmaker[Session] | None = None) -> "AppContext":
        sessions = sessions or session_factory(engine)
        return cls(engine=engine, sessions=sessions,
                   runner=TaskRunner(sessions, parent, write_sessions=session_factory(engine, write=True)))

    @property
    def risk_models(self):
        """Risk models the customer card trained, one per database and day (held by the app, not a module);
        made on first use: the scoring modules are not imported for the first screen."""
        if self._risk_models is None:
            from app.collections.risk_snapshot import TrainedModels

            self._risk_models = TrainedModels()
        return self._risk_models

    def today(self) -> dt.date:
        return config.today()

    def load_company(self) -> None:
        """Read the company once at start (on the GUI thread: it is one tiny row)."""
        from app.ledger.company import get_company

        with self.sessions() as session:
            company = get_company(session)
        if company is not None:
            self.apply_company(company)

    def apply_company(self, company) -> None:
        self.company_name = company.name
        self.company_currency = company.currency
        self.formatter = Formatter(company.locale)
