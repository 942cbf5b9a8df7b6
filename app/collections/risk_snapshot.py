"""The stored risk snapshot: every customer's latest score, written by one action and read by the
forecast (expected days late), today's tasks (probability), the reminder run (segment) and the card.

Training the model reads the whole payment history (seconds at 100,000 customers), so it is done when
the user asks (`cobranza score`, the card's "Recalculate", `cobranza demo`) or in the background when
the snapshot is older than STALE_AFTER_DAYS, never on every report.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import config
from app.ledger import audit
from app.models import Customer, CustomerRisk

from .scoring import CustomerScore, TrainedModel, bulk_objects, score_all, score_customers, train

STALE_AFTER_DAYS = 7


@dataclass(frozen=True)
class StoredRisk:
    customer_code: str
    as_of: dt.date
    probability: float
    score: int
    expected_days_late: float
    band: str
    segment: str
    method: str
    reasons: tuple[str, ...]


def compute_risk(session: Session, *, as_of: dt.date, model: TrainedModel | None = None):
    """Read only (a reader thread may run it): train, score every customer with history, and return
    (model, the scores, rows for store_risk)."""
    model = model or train(session, as_of=as_of)
    with bulk_objects():
        scored = score_all(session, model, as_of)
        now = config.now()
        rows = [
            {"customer_id": cid, "as_of": as_of, "probability": p, "expected_days_late": days, "band": band,
             "segment": segment, "method": model.method, "reasons_en": "\n".join(en), "reasons_es": "\n".join(es),
             "computed_at": now}
            for cid, p, days, band, segment, en, es in zip(scored.customer_ids, scored.probabilities, scored.days_late,
                                                         scored.bands, scored.segments, scored.reasons("en"),
                                                         scored.reasons("es"))
        ]
    return model, scored, rows


def store_risk(session: Session, rows: list[dict], *, method: str = "", examples: int = 0) -> int:
    """Replace the snapshot with `rows` (quick: the writer is not held while the model trains). Written
    through the table, executemany in chunks: the ORM's bulk insert handled each row in Python (seconds
    at 100,000 customers)."""
    table = CustomerRisk.__table__
    connection = session.connection()
    connection.execute(table.delete())
    for start in range(0, len(rows), 10_000):
        connection.execute(table.insert(), rows[start:start + 10_000])
    audit.record(session, action="refresh", entity="customer_risk", entity_id=None,
                 after={"as_of": rows[0]["as_of"] if rows else None, "customers": len(rows), "method": method,
                        "examples": examples})
    return len(rows)


def refresh_risk(session: Session, *, as_of: dt.date, lang: str = "en",
                 model: TrainedModel | None = None) -> tuple[TrainedModel, list[CustomerScore]]:
    """Train on the history as of the date, score every customer with history and replace the snapshot.
    Returns the model and the scores in `lang` (what `cobranza score` prints)."""
    model, scored, rows = compute_risk(session, as_of=as_of, model=model)
    with bulk_objects():
        store_risk(session, rows, method=model.method, examples=model.examples)
        return model, scored.in_language(lang)


def snapshot_as_of(session: Session) -> dt.date | None:
    """The date the stored scores were computed for, or None when there are none."""
    return session.scalar(select(func.max(CustomerRisk.as_of)))


def is_stale(session: Session, today: dt.date | None = None) -> bool:
    """No snapshot, or one older than STALE_AFTER_DAYS: time to refresh it in the background."""
    day = snapshot_as_of(session)
    today = today or config.today()
    return day is None or (today - day).days > STALE_AFTER_DAYS


def compute_risk_if_stale(session: Session, *, today: dt.date | None = None) -> list[dict] | None:
    """What the app runs on a reader at start: the rows of a fresh snapshot when the stored one is missing
    or stale (then written by store_risk on the writer), else None."""
    today = today or config.today()
    if not is_stale(session, today):
        return None
    return compute_risk(session, as_of=today)[2]


def stored_risk(session: Session, customer_code: str, lang: str = "es") -> StoredRisk | None:
    row = session.execute(select(CustomerRisk, Customer.code).join(Customer, Customer.id == CustomerRisk.customer_id)
                          .where(Customer.code == customer_code)).first()
    if row is None:
        return None
    r, code = row
    reasons = r.reasons_es if lang == "es" else r.reasons_en
    return StoredRisk(code, r.as_of, float(r.probability), int(round(float(r.probability) * 100)),
                      float(r.expected_days_late), r.band, r.segment, r.method,
                      tuple(x for x in (reasons or "").split("\n") if x))


def stored_probabilities(session: Session, customer_ids=None, as_of: dt.date | None = None) -> dict[int, float]:
    """customer id -> probability of paying late, from the snapshot (today's tasks); with `as_of`, only a
    snapshot computed on or before that date counts (a look at the past must not learn from its future)."""
    q = select(CustomerRisk.customer_id, CustomerRisk.probability)
    if as_of is not None:
        q = q.where(CustomerRisk.as_of <= as_of)
    if customer_ids is not None:
        q = q.where(CustomerRisk.customer_id.in_(list(customer_ids)))
    return {cid: float(p) for cid, p in session.execute(q)}



class TrainedModels:
    """Models trained on demand, one per database and day, reused by later asks (training reads every
    customer's history). Thread-safe: the card asks from reader threads. The caller owns the instance
    (the GUI keeps one for the session of the app); nothing is kept at module level."""

    def __init__(self):
        self._models: dict[tuple[str, dt.date], TrainedModel] = {}
        self._lock = threading.Lock()

    def get(self, session: Session, as_of: dt.date) -> TrainedModel:
        key = (str(session.get_bind().url), as_of)
        with self._lock:
            model = self._models.get(key)
            if model is None:
                model = train(session, as_of=as_of)
                self._models.clear()
                self._models[key] = model
            return model


def customer_risk(session: Session, code: str, *, as_of: dt.date, lang: str = "es",
                  models: TrainedModels | None = None) -> StoredRisk | CustomerScore | None:
    """One customer's score for the card: the stored snapshot when there is one not newer than `as_of`
    (what Today and the reminder segments use too); otherwise scored with a model trained as of the date
    (from `models` when given, so it is trained once per database and day). None: no invoices yet."""
    stored = stored_risk(session, code, lang)
    if stored is not None and stored.as_of <= as_of:
        return stored
    model = models.get(session, as_of) if models is not None else train(session, as_of=as_of)
    _, scores = score_customers(session, as_of=as_of, lang=lang, customer_codes=[code], model=model)
    return scores[0] if scores else None
