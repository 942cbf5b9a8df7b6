"""Risk scoring: a logistic regression trained on the company's own paid invoices predicts the
probability that a customer's invoice is paid more than 30 days late; a ridge regression predicts
the expected days late (for the cash-flow forecast). Segments combine ABC by balance with the risk band.

The arithmetic is NumPy alone (app.collections.risk_model), imported inside the functions that need it
so it never slows the app's start.
With too little history to train (fewer than MIN_EXAMPLES outcomes, or only one kind), the score
falls back to the smoothed historical rate of app.collections.risk and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from app.ledger.balances import invoice_exists_as_of, open_as_of
from app.models import Customer, DueLine, Invoice

from .features import FEATURE_NAMES, LATE, LineHistory, features_at, load_histories

MIN_EXAMPLES = 60
MAX_EXAMPLES = 60_000  # the most recent ones: enough to learn a company's habits, quick to fit
BANDS = ((0.15, "low"), (0.35, "medium"), (0.60, "high"), (1.01, "very_high"))


@dataclass(frozen=True)
class CustomerScore:
    code: str
    name: str
    probability: float  # of paying a new invoice more than 30 days late
    score: int  # the probability in percent, 0-100: higher is riskier
    band: str
    segment: str  # ABC class by balance and the band, e.g. "A-high"
    expected_days_late: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Evaluation:
    """Time-based split: trained on older invoices, tested on newer ones."""

    train_examples: int
    test_examples: int
    split_date: dt.date | None
    positive_rate: float
    auc: float | None
    auc_baseline: float | None
    brier: float | None
    brier_baseline: float | None
    calibration: tuple[tuple[float, float, int], ...]  # (mean predicted, observed rate, count) per bin


@dataclass
class TrainedModel:
    as_of: dt.date
    method: str  # "logistic_regression" or "historical_rate"
    examples: int
    classifier: object | None = None
    regressor: object | None = None
    fallback_days_late: float = 0.0
    evaluation: Evaluation | None = None
    histories: dict[int, LineHistory] = field(default_factory=dict, repr=False)

    def probabilities(self, rows: list[list[float]]) -> list[float]:
        """One probability per feature vector, in one call of the model (one call per customer was most of
        the time of scoring 100,000 customers)."""
        if not rows:
            return []
        if self.classifier is None:
            return [x[FEATURE_NAMES.index("late_share")] for x in rows]
        return [float(p) for p in self.classifier.predict_proba(rows)[:, 1]]

    def days_late_each(self, rows: list[list[float]]) -> list[float]:
        if not rows:
            return []
        if self.regressor is None:
            return [x[FEATURE_NAMES.index("weighted_days_late")] if x[-1] > 0 else self.fallback_days_late
                    for x in rows]
        return [float(v) for v in self.regressor.predict(rows)]

    def probability(self, x: list[float]) -> float:
        return self.probabilities([x])[0]

    def days_late(self, x: list[float]) -> float:
        return self.days_late_each([x])[0]

    def expected_days_late(self, customer_id: int) -> float:
        """The forecast's lateness hook: expected days between due date and payment."""
        h = self.histories.get(customer_id)
        return self.days_late(features_at(h, self.as_of)) if h else self.fallback_days_late


def build_examples(histories: dict[int, LineHistory], as_of: dt.date):
    """(issue date, features, late > 30 days?, days late or None) per due line whose outcome is known."""
    known_by = as_of - dt.timedelta(days=LATE)
    known = [(issue, h, due, settled) for h in histories.values()
             for issue, due, settled, _amount in h.lines if due <= known_by]
    known.sort(key=lambda e: e[0])  # stable: same-day lines keep the histories' order
    out = []
    for issue, h, due, settled in known[-MAX_EXAMPLES:]:  # features only for the examples kept
        days = (settled - due).days if settled is not None else None
        out.append((issue, features_at(h, issue), days is None or days > LATE, days))
    return out


def _fit(examples):
    from .risk_model import fit_boosted_trees, fit_logistic

    clf = fit_logistic([e[1] for e in examples], [int(e[2]) for e in examples], C=1.0)
    settled = [e for e in examples if e[3] is not None]
    reg = None
    if len(settled) >= MIN_EXAMPLES // 2:
        reg = fit_boosted_trees([e[1] for e in settled], [max(-30, min(180, e[3])) for e in settled])
    return clf, reg


def evaluate(examples, test_share: float = 0.25) -> Evaluation:
    from .risk_model import brier, calibration_curve, roc_auc

    cut = int(len(examples) * (1 - test_share))
    train, test = examples[:cut], examples[cut:]
    y_test = [int(e[2]) for e in test]
    rate = sum(int(e[2]) for e in examples) / len(examples) if examples else 0.0
    if len({int(e[2]) for e in train}) < 2 or len(set(y_test)) < 2:
        return Evaluation(len(train), len(test), test[0][0] if test else None, rate, None, None, None, None, ())
    clf, _ = _fit(train)
    p = clf.predict_proba([e[1] for e in test])[:, 1]
    base = [e[1][FEATURE_NAMES.index("late_share")] for e in test]
    observed, predicted = calibration_curve(y_test, p, n_bins=10)
    counts = len(test) // max(len(observed), 1)
    return Evaluation(
        len(train), len(test), test[0][0], round(rate, 4),
        round(roc_auc(y_test, p), 4), round(roc_auc(y_test, base), 4),
        round(brier(y_test, p), 4), round(brier(y_test, base), 4),
        tuple((round(float(a), 4), round(float(b), 4), counts) for a, b in zip(predicted, observed)),
    )


def train(session: Session, *, as_of: dt.date, with_evaluation: bool = False) -> TrainedModel:
    histories = load_histories(session, as_of)
    examples = build_examples(histories, as_of)
    settled_days = [e[3] for e in examples if e[3] is not None]
    fallback = sum(settled_days) / len(settled_days) if settled_days else 0.0
    labels = {e[2] for e in examples}
    if len(examples) < MIN_EXAMPLES or len(labels) < 2:
        return TrainedModel(as_of, "historical_rate", len(examples), fallback_days_late=fallback,
                            histories=histories)
    clf, reg = _fit(examples)
    return TrainedModel(as_of, "logistic_regression", len(examples), clf, reg, fallback,
                        evaluate(examples) if with_evaluation else None, histories)


def band_of(probability: float) -> str:
    return next(name for limit, name in BANDS if probability < limit)


REASON_TEXT = {
    "en": {
        "weighted_days_late": "pays on average {v:.0f} days late",
        "late_share": "{v:.0%} of its recent invoices were paid more than 30 days late",
        "trend": "has been paying later lately (+{v:.0f} days)",
        "broken_promises": "{v:.0f} broken promise(s) to pay in the last year",
        "disputes": "{v:.0f} dispute(s) in the last year",
        "overdue_share": "{v:.0%} of what it owes is overdue",
        "credit_use": "uses {v:.0%} of its credit limit",
        "relationship_years": "a recent customer ({v:.1f} years)",
        "history_lines": "little payment history",
        "none": "pays on time",
        "fallback": "not enough paid invoices to train a model: historical rate",
    },
    "es": {
        "weighted_days_late": "paga en promedio {v:.0f} días tarde",
        "late_share": "{v:.0%} de sus facturas recientes se pagaron con más de 30 días de atraso",
        "trend": "está pagando más tarde últimamente (+{v:.0f} días)",
        "broken_promises": "{v:.0f} promesa(s) de pago incumplida(s) en el último año",
        "disputes": "{v:.0f} reclamo(s) en el último año",
        "overdue_share": "el {v:.0%} de lo que debe está vencido",
        "credit_use": "usa el {v:.0%} de su línea de crédito",
        "relationship_years": "cliente reciente ({v:.1f} años)",
        "history_lines": "poco historial de pagos",
        "none": "paga a tiempo",
        "fallback": "no hay suficientes facturas pagadas para entrenar un modelo: tasa histórica",
    },
}


# the words above say "more is riskier" except for these two, where less is
LESS_IS_RISKIER = {"relationship_years", "history_lines"}


def reasons_for(model: TrainedModel, x: list[float], lang: str = "en", top: int = 3,
                probability: float | None = None) -> tuple[str, ...]:
    """The features that push this customer's risk up most, in words (none for a low-risk customer).
    `probability`: the model's, when the caller has it already."""
    texts = REASON_TEXT.get(lang, REASON_TEXT["en"])
    if model.classifier is None:
        return (texts["fallback"],)
    if (model.probability(x) if probability is None else probability) < BANDS[0][0]:
        return (texts["none"],)
    clf = model.classifier
    contributions = [(float(c) * (xi - m) / (s or 1.0), name, xi, xi < m if name in LESS_IS_RISKIER else xi > m)
                     for c, xi, m, s, name in zip(clf.coef, x, clf.scaler.mean_, clf.scaler.scale_, FEATURE_NAMES)]
    pushing = sorted((c[:3] for c in contributions if c[0] > 0.05 and c[3]), reverse=True)[:top]
    if not pushing:
        return (texts["none"],)
    return tuple(texts[name].format(v=value) for _c, name, value in pushing)


def _open_balances(session: Session, as_of: dt.date) -> dict[int, tuple[str, int]]:
    """Each customer's open amount in its own currency, as of the date."""
    o = open_as_of(as_of)
    rows = session.execute(
        select(Invoice.customer_id, Customer.currency, func.sum(o.open))
        .join(Invoice, DueLine.invoice_id == Invoice.id)
        .join(Customer, and_(Customer.id == Invoice.customer_id, Customer.currency == Invoice.currency))
        .outerjoin(o.later, o.onclause)
        .where(invoice_exists_as_of(as_of))
        .group_by(Invoice.customer_id, Customer.currency))
    return {cid: (cur, int(v)) for cid, cur, v in rows}


def abc_classes(balances: dict[int, tuple[str, int]]) -> dict[int, str]:
    """A: the customers making up the first 80% of the open balance (per currency), B the next 15%, C the rest."""
    out = {}
    by_currency: dict[str, list[tuple[int, int]]] = {}
    for cid, (cur, amount) in balances.items():
        by_currency.setdefault(cur, []).append((cid, max(amount, 0)))
    for rows in by_currency.values():
        rows.sort(key=lambda r: (-r[1], r[0]))
        total = sum(a for _, a in rows) or 1
        running = 0
        for cid, amount in rows:
            share_before = running / total
            out[cid] = "A" if share_before < 0.80 else ("B" if share_before < 0.95 else "C")
            running += amount
    return out


@dataclass(frozen=True)
class _Scored:
    code: str
    name: str
    x: list[float]
    probability: float
    days_late: float
    abc: str


def _score(session: Session, model: TrainedModel, as_of: dt.date, customer_codes=None) -> list[_Scored]:
    customers = session.execute(select(Customer.id, Customer.code, Customer.name).order_by(Customer.code)).all()
    if customer_codes:
        wanted = set(customer_codes)
        customers = [c for c in customers if c.code in wanted]
    abc = abc_classes(_open_balances(session, as_of))
    # customers without invoices yet have nothing to score
    with_history = [(cid, code, name, model.histories[cid]) for cid, code, name in customers
                    if cid in model.histories]
    rows = [features_at(h, as_of) for _cid, _code, _name, h in with_history]
    return [_Scored(code, name, x, p, d, abc.get(cid, "C"))
            for (cid, code, name, _h), x, p, d in zip(with_history, rows, model.probabilities(rows),
                                                        model.days_late_each(rows))]


def _as_score(s: _Scored, model: TrainedModel, lang: str) -> CustomerScore:
    band = band_of(s.probability)
    return CustomerScore(s.code, s.name, round(s.probability, 4), int(round(s.probability * 100)), band,
                         f"{s.abc}-{band}", round(s.days_late, 1),
                         reasons_for(model, s.x, lang, probability=s.probability))


def score_customers(session: Session, *, as_of: dt.date, lang: str = "en", customer_codes=None,
                    model: TrainedModel | None = None) -> tuple[TrainedModel, list[CustomerScore]]:
    model, by_language = score_in_languages(session, as_of=as_of, languages=(lang,), customer_codes=customer_codes,
                                            model=model)
    return model, by_language[lang]


def score_in_languages(session: Session, *, as_of: dt.date, languages=("en", "es"), customer_codes=None,
                       model: TrainedModel | None = None) -> tuple[TrainedModel, dict[str, list[CustomerScore]]]:
    """Score once, word the reasons in each language (the snapshot keeps both)."""
    model = model or train(session, as_of=as_of)
    scored = _score(session, model, as_of, customer_codes)
    return model, {lang: [_as_score(s, model, lang) for s in scored] for lang in languages}
