"""Risk scoring: a logistic regression trained on the company's own paid invoices predicts the
probability that a customer's invoice is paid more than 30 days late; gradient-boosted trees predict
the expected days late (for the cash-flow forecast). Segments combine ABC by balance with the risk band.
Every customer is scored in one pass of arrays (app.collections.features.PaymentBook), not one at a time.

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

# no cyclic collection while scoring a whole book builds its hundreds of thousands of objects (none in a cycle)
from app.ledger.bulk import bulk_objects  # noqa: F401 - also app.collections.risk_snapshot's

from app.ledger.balances import invoice_exists_as_of, open_as_of_in
from app.models import Customer, DueLine, Invoice

from .features import FEATURE_NAMES, LATE, Examples, PaymentBook, load_book  # noqa: F401 - LATE: part of the API

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
    book: PaymentBook | None = field(default=None, repr=False)

    def probabilities(self, rows) -> list[float]:
        """One probability per feature vector, in one call of the model (one call per customer was most of
        the time of scoring 100,000 customers)."""
        if len(rows) == 0:
            return []
        if self.classifier is None:
            return [float(x[FEATURE_NAMES.index("late_share")]) for x in rows]
        return self.classifier.predict_proba(rows)[:, 1].tolist()

    def days_late_each(self, rows) -> list[float]:
        if len(rows) == 0:
            return []
        if self.regressor is None:
            return [float(x[FEATURE_NAMES.index("weighted_days_late")]) if x[-1] > 0 else self.fallback_days_late
                    for x in rows]
        return self.regressor.predict(rows).tolist()

    def probability(self, x: list[float]) -> float:
        return self.probabilities([x])[0]

    def days_late(self, x: list[float]) -> float:
        return self.days_late_each([x])[0]

    def features_of(self, customer_ids):
        """(n, len(FEATURE_NAMES)): the features of these customers (each with lines) on the as-of date."""
        index = self.book.index_of(customer_ids)
        return self.book.features(index, [0] * len(index))

    def expected_days_late(self, customer_id: int) -> float:
        """The forecast's lateness hook: expected days between due date and payment."""
        if self.book is None or not self.book.positions([customer_id])[0][0]:
            return self.fallback_days_late
        return self.days_late(self.features_of([customer_id])[0])


def build_examples(book: PaymentBook, as_of: dt.date) -> Examples:
    """Per due line whose outcome is known, the most recent MAX_EXAMPLES by issue date: its customer's
    features on its issue date, late > 30 days?, days late (NaN while open)."""
    assert book.as_of == as_of
    return book.examples(MAX_EXAMPLES)


def _fit(examples: Examples):
    import numpy as np

    from .risk_model import fit_boosted_trees, fit_logistic

    clf = fit_logistic(examples.X, examples.late.astype(int), C=1.0)
    settled = ~np.isnan(examples.days_late)
    reg = None
    if int(settled.sum()) >= MIN_EXAMPLES // 2:
        reg = fit_boosted_trees(examples.X[settled], np.clip(examples.days_late[settled], -30, 180))
    return clf, reg


def evaluate(examples: Examples, test_share: float = 0.25) -> Evaluation:
    from .risk_model import brier, calibration_curve, roc_auc

    cut = int(len(examples) * (1 - test_share))
    train, test = examples[:cut], examples[cut:]
    y_test = test.late.astype(int)
    rate = float(examples.late.mean()) if len(examples) else 0.0
    split = examples.issue_date(cut) if len(test) else None
    if len(set(train.late.tolist())) < 2 or len(set(y_test.tolist())) < 2:
        return Evaluation(len(train), len(test), split, rate, None, None, None, None, ())
    clf, _ = _fit(train)
    p = clf.predict_proba(test.X)[:, 1]
    base = test.X[:, FEATURE_NAMES.index("late_share")]
    observed, predicted = calibration_curve(y_test, p, n_bins=10)
    counts = len(test) // max(len(observed), 1)
    return Evaluation(
        len(train), len(test), split, round(rate, 4),
        round(roc_auc(y_test, p), 4), round(roc_auc(y_test, base), 4),
        round(brier(y_test, p), 4), round(brier(y_test, base), 4),
        tuple((round(float(a), 4), round(float(b), 4), counts) for a, b in zip(predicted, observed)),
    )


def train(session: Session, *, as_of: dt.date, with_evaluation: bool = False) -> TrainedModel:
    import numpy as np

    book = load_book(session, as_of)
    examples = build_examples(book, as_of)
    settled_days = examples.days_late[~np.isnan(examples.days_late)]
    fallback = float(settled_days.astype(np.int64).sum()) / len(settled_days) if len(settled_days) else 0.0
    if len(examples) < MIN_EXAMPLES or len(set(examples.late.tolist())) < 2:
        return TrainedModel(as_of, "historical_rate", len(examples), fallback_days_late=fallback, book=book)
    clf, reg = _fit(examples)
    return TrainedModel(as_of, "logistic_regression", len(examples), clf, reg, fallback,
                        evaluate(examples) if with_evaluation else None, book)


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
_LESS_IS_RISKIER_MASK = tuple(name in LESS_IS_RISKIER for name in FEATURE_NAMES)
_NAME_RANK = tuple(sorted(FEATURE_NAMES).index(name) for name in FEATURE_NAMES)  # alphabetical


def _pushing(model: TrainedModel, X, probabilities, top: int = 3) -> list[tuple[tuple[str, float], ...]] | None:
    """Per row of features: the (feature, value) pairs that push the risk up most, most first, by their
    contribution to the logit; () for a low-risk customer or when nothing pushes. None: no model.
    One pass over every customer in NumPy (one at a time was a second or two at 100,000)."""
    import numpy as np

    if model.classifier is None:
        return None
    X = np.asarray(X, dtype=float).reshape(-1, len(FEATURE_NAMES))
    clf = model.classifier
    mean, scale = np.asarray(clf.scaler.mean_), np.asarray(clf.scaler.scale_)
    contribution = np.asarray(clf.coef) * (X - mean) / np.where(scale != 0, scale, 1.0)
    riskier = np.where(_LESS_IS_RISKIER_MASK, X < mean, X > mean)
    pushes = (contribution > 0.05) & riskier
    # most first; equal contributions by name, then value, both descending (as sorting the tuples did)
    name_rank = np.broadcast_to(-np.asarray(_NAME_RANK), X.shape)
    order = np.lexsort((-X, name_rank, -np.where(pushes, contribution, -np.inf)), axis=1)[:, :top]
    counts = np.minimum(pushes.sum(axis=1), top).tolist()
    low = (np.asarray(probabilities, dtype=float) < BANDS[0][0]).tolist()
    values = np.take_along_axis(X, order, axis=1).tolist()
    return [() if is_low else tuple((FEATURE_NAMES[j], v) for j, v in zip(ranks[:k], row[:k]))
            for is_low, k, ranks, row in zip(low, counts, order.tolist(), values)]


def _in_words(pushing: tuple[tuple[str, float], ...] | None, texts: dict[str, str]) -> tuple[str, ...]:
    if pushing is None:
        return (texts["fallback"],)
    if not pushing:
        return (texts["none"],)
    return tuple(texts[name].format(v=value) for name, value in pushing)


def reasons_for(model: TrainedModel, x: list[float], lang: str = "en", top: int = 3,
                probability: float | None = None) -> tuple[str, ...]:
    """The features that push this customer's risk up most, in words (none for a low-risk customer).
    `probability`: the model's, when the caller has it already."""
    texts = REASON_TEXT.get(lang, REASON_TEXT["en"])
    if model.classifier is None:
        return (texts["fallback"],)
    p = model.probability(x) if probability is None else probability
    return _in_words(_pushing(model, [x], [p], top)[0], texts)


def _open_balances(session: Session, as_of: dt.date) -> dict[int, tuple[str, int]]:
    """Each customer's open amount in its own currency, as of the date (customers with something open).
    Summed per invoice over the open lines first (ix_due_line_open, a quarter of the book), then joined
    to the invoices: joined line by line, SQLite read every invoice of the book first."""
    o = open_as_of_in(session, as_of)
    per_invoice = (o.join(select(DueLine.invoice_id.label("invoice_id"), func.sum(o.open).label("open"))
                          .where(o.may_be_open()))
                   .group_by(DueLine.invoice_id).subquery())
    rows = session.execute(
        select(Invoice.customer_id, Customer.currency, func.sum(per_invoice.c.open))
        .select_from(per_invoice)
        .join(Invoice, Invoice.id == per_invoice.c.invoice_id)
        .join(Customer, and_(Customer.id == Invoice.customer_id, Customer.currency == Invoice.currency))
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
class Scored:
    """Every customer scored once, before the reasons are worded in a language: per customer, in code
    order, what the scores share in every language."""

    customer_ids: list[int]
    codes: list[str]
    names: list[str]
    probabilities: list[float]  # rounded to 4 decimals, as shown and stored
    scores: list[int]
    bands: list[str]
    segments: list[str]
    days_late: list[float]  # rounded to 1 decimal
    pushing: list | None  # per customer, what _pushing gives; None: no model (historical rate)

    def reasons(self, lang: str) -> list[tuple[str, ...]]:
        texts = REASON_TEXT.get(lang, REASON_TEXT["en"])
        worded: dict = {}  # the same reasons recur (every "pays on time"): word each once
        out = []
        for push in self.pushing or [None] * len(self.codes):
            reasons = worded.get(push)
            if reasons is None:
                reasons = worded[push] = _in_words(push, texts)
            out.append(reasons)
        return out

    def in_language(self, lang: str) -> list[CustomerScore]:
        return list(map(CustomerScore, self.codes, self.names, self.probabilities, self.scores, self.bands,
                        self.segments, self.days_late, self.reasons(lang)))


def score_all(session: Session, model: TrainedModel, as_of: dt.date, customer_codes=None) -> Scored:
    """Score every customer with lines (or those of `customer_codes`), by code: features on `as_of`,
    probabilities, expected days late and the reasons' features in one pass each."""
    import numpy as np

    ids, codes, names = _customers(session)
    if customer_codes:
        wanted = set(customer_codes)
        ids, codes, names = _columns([c for c in zip(ids, codes, names) if c[1] in wanted], 3)
    abc = abc_classes(_open_balances(session, as_of))
    # customers without invoices yet have nothing to score
    known, index = model.book.positions(np.asarray(ids, dtype=np.int64))
    ids, codes, names = _columns([c for c, k in zip(zip(ids, codes, names), known.tolist()) if k], 3)
    index = index[known]
    X = model.book.features(index, np.full(len(index), (as_of - model.as_of).days))
    probabilities = model.probabilities(X)
    band_names = [name for _limit, name in BANDS]
    bands = [band_names[i] for i in np.searchsorted([limit for limit, _ in BANDS], probabilities, "right").tolist()]
    return Scored(ids, codes, names, [round(p, 4) for p in probabilities],
                  [int(round(p * 100)) for p in probabilities], bands,
                  [f"{abc.get(cid, 'C')}-{band}" for cid, band in zip(ids, bands)],
                  [round(d, 1) for d in model.days_late_each(X)], _pushing(model, X, probabilities))


def _customers(session: Session) -> tuple[list[int], list[str], list[str]]:
    """Every customer's id, code and name, by code, as three lists."""
    result = session.connection().execute(select(Customer.id, Customer.code, Customer.name).order_by(Customer.code))
    return _columns(result.all(), 3)


def _columns(rows, width: int) -> tuple[list, ...]:
    return tuple(map(list, zip(*rows))) if rows else tuple([] for _ in range(width))


def score_customers(session: Session, *, as_of: dt.date, lang: str = "en", customer_codes=None,
                    model: TrainedModel | None = None) -> tuple[TrainedModel, list[CustomerScore]]:
    model, by_language = score_in_languages(session, as_of=as_of, languages=(lang,), customer_codes=customer_codes,
                                            model=model)
    return model, by_language[lang]


def score_in_languages(session: Session, *, as_of: dt.date, languages=("en", "es"), customer_codes=None,
                       model: TrainedModel | None = None) -> tuple[TrainedModel, dict[str, list[CustomerScore]]]:
    """Score once, word the reasons in each language (the snapshot keeps both)."""
    model = model or train(session, as_of=as_of)
    with bulk_objects():
        scored = score_all(session, model, as_of, customer_codes)
        return model, {lang: scored.in_language(lang) for lang in languages}
