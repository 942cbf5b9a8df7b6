"""Reminder policies by risk segment (issue 5): the customers of a segment get its policy unless they
have one of their own.

A segment is what the risk snapshot stores for each customer: the ABC class by balance and the risk
band, e.g. "A-high". A mapping may name the whole segment, just the class ("A") or just the band
("high"); the most specific one wins. Segments are read from the stored snapshot
(app.collections.risk_snapshot, table customer_risk) so a run never trains the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.ledger import audit
from app.ledger.errors import InvalidValueError
from app.models import CustomerRisk, ReminderPolicy, SegmentPolicy

CLASSES = ("A", "B", "C")
BANDS = ("low", "medium", "high", "very_high")


@dataclass(frozen=True)
class PolicyChoice:
    policy_id: int | None  # None: the default policy
    source: str  # "customer" | "segment" | "default"
    segment: str | None = None  # the mapping that matched ("A-high", "A" or "high")

    def describe(self, code: str) -> str:
        if self.source == "segment":
            return f"policy {code} by segment {self.segment}"
        return f"policy {code} ({'own' if self.source == 'customer' else 'default'})"

    def describe_es(self, code: str) -> str:
        if self.source == "segment":
            return f"política {code} por segmento {self.segment}"
        return f"política {code} ({'propia' if self.source == 'customer' else 'por defecto'})"


def normalise_segment(text: str) -> str:
    """'a-HIGH' -> 'A-high'; raises InvalidValueError naming the valid forms."""
    raw = (text or "").strip()
    abc, _, band = raw.partition("-")
    if not band and abc.lower() in BANDS:
        return abc.lower()
    if abc.upper() in CLASSES and (not band or band.lower() in BANDS):
        return abc.upper() + (f"-{band.lower()}" if band else "")
    raise InvalidValueError(
        f"'{raw}' is not a segment: use an ABC class (A, B, C), a band ({', '.join(BANDS)}) or both, e.g. A-high.",
        field="segment")


def set_segment_policy(session: Session, segment: str, policy_code: str | None) -> None:
    """Assign a policy to a segment, class or band (None removes the mapping)."""
    from .policy import policy_row

    segment = normalise_segment(segment)
    row = session.get(SegmentPolicy, segment)
    before = {"policy_id": row.policy_id if row else None}
    if policy_code is None:
        if row is not None:
            session.delete(row)
    else:
        policy = policy_row(session, policy_code)
        if row is None:
            row = SegmentPolicy(segment=segment, policy_id=policy.id)
            session.add(row)
        row.policy_id = policy.id
    session.flush()
    audit.record(session, action="segment_policy", entity="segment_policy", entity_id=None,
                 before={"segment": segment, **before},
                 after={"segment": segment, "policy_id": row.policy_id if policy_code else None})


def segment_policies(session: Session) -> dict[str, str]:
    """segment -> policy code, for the settings table and `cobranza policy list`."""
    rows = session.execute(select(SegmentPolicy.segment, ReminderPolicy.code)
                           .join(ReminderPolicy, ReminderPolicy.id == SegmentPolicy.policy_id)
                           .order_by(SegmentPolicy.segment))
    return dict(rows.all())


def customer_segments(session: Session) -> dict[int, str]:
    """customer id -> segment from the stored risk snapshot (empty when no scores are stored)."""
    return dict(session.execute(select(CustomerRisk.customer_id, CustomerRisk.segment)).all())


class PolicyChooser:
    """Which policy each customer gets: its own > its segment's (most specific mapping) > the default."""

    def __init__(self, session: Session):
        self.mapping = dict(session.execute(select(SegmentPolicy.segment, SegmentPolicy.policy_id)).all())
        self.segments = customer_segments(session) if self.mapping else {}

    def choose(self, customer_id: int, own_policy_id: int | None) -> PolicyChoice:
        if own_policy_id:
            return PolicyChoice(own_policy_id, "customer")
        segment = self.segments.get(customer_id)
        if segment:
            abc, _, band = segment.partition("-")
            for key in (segment, abc, band):
                if key and key in self.mapping:
                    return PolicyChoice(self.mapping[key], "segment", key)
        return PolicyChoice(None, "default")
