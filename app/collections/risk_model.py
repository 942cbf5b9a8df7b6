"""The risk model's arithmetic in NumPy alone: a standardised L2 logistic regression fitted by Newton's
method (IRLS), a ridge regression, and the evaluation measures (ROC AUC, Brier score, a quantile
calibration curve).

scikit-learn and SciPy made up about 90 MB of the installer's bundle for these few lines of algebra
(docs/benchmarks.md, "The installer's bundle"). The logistic regression solves the same problem as
scikit-learn's `LogisticRegression(C=1.0)` behind a `StandardScaler` (the penalty ½‖w‖² on the
coefficients, not on the intercept, plus C times the summed log-loss), so its probabilities agree with
what it replaced to several decimals. NumPy is imported inside the functions, so it never slows the
app's start.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scaler:
    """Per-feature mean and scale (the population standard deviation; 1 for a constant feature)."""

    mean_: tuple[float, ...]
    scale_: tuple[float, ...]

    @classmethod
    def fit(cls, X) -> "Scaler":
        import numpy as np

        X = np.asarray(X, dtype=float)
        mean, std = X.mean(axis=0), X.std(axis=0)
        std[std == 0] = 1.0
        return cls(tuple(float(v) for v in mean), tuple(float(v) for v in std))

    def transform(self, X):
        import numpy as np

        return (np.asarray(X, dtype=float) - np.asarray(self.mean_)) / np.asarray(self.scale_)


@dataclass(frozen=True)
class LogisticModel:
    """P(y = 1 | x) = σ(w · (x − mean) / scale + b)."""

    scaler: Scaler
    coef: tuple[float, ...]
    intercept: float
    iterations: int

    def predict_proba(self, X):
        """(n, 2) like scikit-learn's: column 1 is the probability of the positive class."""
        import numpy as np

        z = self.scaler.transform(X) @ np.asarray(self.coef) + self.intercept
        p = _sigmoid(z)
        return np.column_stack([1.0 - p, p])


def _sigmoid(z):
    import numpy as np

    out = np.empty_like(z, dtype=float)
    pos = z >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1.0 + e)
    return out


def fit_logistic(X, y, C: float = 1.0, max_iter: int = 100, tol: float = 1e-10) -> LogisticModel:
    """Minimise ½‖w‖² + C Σ log-loss over standardised features by Newton steps (the loss is convex and
    smooth: a handful of steps reach the optimum), halving a step that would not decrease it."""
    import numpy as np

    scaler = Scaler.fit(X)
    Z = scaler.transform(X)
    y = np.asarray(y, dtype=float)
    n, k = Z.shape
    A = np.hstack([Z, np.ones((n, 1))])
    reg = np.full(k + 1, 1.0 / C)
    reg[-1] = 0.0  # the intercept is not penalised
    theta = np.zeros(k + 1)

    def objective(t):
        z = A @ t
        # log(1 + e^z) − y z, computed without overflow
        return 0.5 * float(np.sum(reg * t * t)) + float(np.sum(np.logaddexp(0.0, z) - y * z))

    value = objective(theta)
    it = 0
    for it in range(1, max_iter + 1):
        p = _sigmoid(A @ theta)
        grad = A.T @ (p - y) + reg * theta
        hess = (A * (p * (1 - p))[:, None]).T @ A + np.diag(reg) + 1e-12 * np.eye(k + 1)
        step = np.linalg.solve(hess, grad)
        t = 1.0
        while True:
            candidate = theta - t * step
            new = objective(candidate)
            if new <= value or t < 1e-8:
                break
            t /= 2
        theta, done = candidate, value - new <= tol * max(1.0, abs(value))
        value = new
        if done:
            break
    return LogisticModel(scaler, tuple(float(v) for v in theta[:-1]), float(theta[-1]), it)


@dataclass(frozen=True)
class RidgeModel:
    """ŷ = w · (x − mean) / scale + b, clipped to the range of the targets it learnt from (a straight
    line would otherwise promise days late no customer ever took)."""

    scaler: Scaler
    coef: tuple[float, ...]
    intercept: float
    low: float
    high: float

    def predict(self, X):
        import numpy as np

        return np.clip(self.scaler.transform(X) @ np.asarray(self.coef) + self.intercept, self.low, self.high)


def fit_ridge(X, y, alpha: float = 1.0) -> RidgeModel:
    import numpy as np

    scaler = Scaler.fit(X)
    Z = scaler.transform(X)
    y = np.asarray(y, dtype=float)
    mean = float(y.mean())
    w = np.linalg.solve(Z.T @ Z + alpha * np.eye(Z.shape[1]), Z.T @ (y - mean))
    return RidgeModel(scaler, tuple(float(v) for v in w), mean, float(y.min()), float(y.max()))


@dataclass(frozen=True)
class BoostedTrees:
    """Least-squares gradient boosting of depth-limited trees on binned features (the idea of
    scikit-learn's HistGradientBoostingRegressor, without its dependencies): the mean, plus the sum of
    `rate` times each tree's leaf value. A tree of depth d is stored level by level as arrays: node i's
    children are 2i+1 and 2i+2; a node that did not split sends every sample left."""

    edges: tuple  # per feature, the sorted bin edges (a value's bin: how many edges are <= it)
    base: float
    rate: float
    depth: int
    features: object  # (trees, 2^d − 1) int: the feature each node splits on
    splits: object  # (trees, 2^d − 1) int: samples whose bin is <= this go left
    leaves: object  # (trees, 2^d) float
    low: float
    high: float

    def _bins(self, X):
        import numpy as np

        X = np.asarray(X, dtype=float)
        return np.column_stack([np.searchsorted(e, X[:, j], side="right") for j, e in enumerate(self.edges)])

    def predict(self, X):
        """Every row down every tree, a level at a time; the bins read from one flat array of bytes (the
        gather of each row's split feature is most of the time: bytes stay in the cache)."""
        import numpy as np

        B = self._bins(X)
        n, k = B.shape
        flat = B.ravel().astype(np.uint8) if B.size and B.max() < 256 else B.ravel()
        rows = np.arange(n) * k  # where row i's bins start in `flat`
        out = np.full(n, self.base)
        inner = 2 ** self.depth - 1
        for f, s, leaf in zip(self.features, self.splits, self.leaves):
            node = np.zeros(n, dtype=np.intp)
            for _level in range(self.depth):
                node = 2 * node + 1 + (flat[rows + f[node]] > s[node])
            out += self.rate * leaf[node - inner]
        return np.clip(out, self.low, self.high)


def fit_boosted_trees(X, y, *, trees: int = 150, depth: int = 4, rate: float = 0.1, min_leaf: int = 10,
                      max_bins: int = 64) -> BoostedTrees:
    """Each round fits a tree to the residuals: at every level, for every node and feature at once, the
    residual sums and counts per bin, and the split of largest least-squares gain
    G_L²/n_L + G_R²/n_R − G²/n that leaves at least `min_leaf` samples on each side.

    The sums of every feature come from one bincount over (node, feature, bin) slots, not one per feature
    (a third of the time at 55,000 examples, same sums: each slot still adds its samples in order), and
    the root's counts, the same for every tree, are counted once."""
    import numpy as np

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n, k = X.shape
    edges = []
    for j in range(k):
        qs = np.unique(np.quantile(X[:, j], np.linspace(0, 1, max_bins + 1)[1:-1]))
        edges.append(qs)
    B = np.column_stack([np.searchsorted(e, X[:, j], side="right") for j, e in enumerate(edges)])
    nb = max(len(e) for e in edges) + 1
    slots = B + np.arange(k) * nb  # sample i's bin of feature j, among the k × nb slots of a node
    rows = np.arange(n) * k  # where sample i's bins start in B.ravel()
    flat_bins = B.ravel()
    root_counts = np.bincount(slots.ravel(), minlength=k * nb).reshape(1, k, nb)
    inner = 2 ** depth - 1
    base = float(y.mean())
    pred = np.full(n, base)
    feats = np.zeros((trees, inner), dtype=np.int64)
    splits = np.full((trees, inner), nb, dtype=np.int64)  # nb: no split, everything left
    leaves = np.zeros((trees, 2 ** depth))
    for t in range(trees):
        r = y - pred
        weights = np.repeat(r, k)
        node = np.zeros(n, dtype=np.int64)  # index within the current level
        for level in range(depth):
            width = 2 ** level
            key = (slots if level == 0 else node[:, None] * (k * nb) + slots).ravel()
            g = np.bincount(key, weights=weights, minlength=width * k * nb).reshape(width, k, nb)
            c = root_counts if level == 0 else np.bincount(key, minlength=width * k * nb).reshape(width, k, nb)
            gl, cl = np.cumsum(g, axis=2)[:, :, :-1], np.cumsum(c, axis=2)[:, :, :-1]
            gt, ct = g.sum(axis=2, keepdims=True), c.sum(axis=2, keepdims=True)
            gr, cr = gt - gl, ct - cl
            ok = (cl >= min_leaf) & (cr >= min_leaf)
            with np.errstate(divide="ignore", invalid="ignore"):
                gain = np.where(ok, gl * gl / np.maximum(cl, 1) + gr * gr / np.maximum(cr, 1)
                                - gt * gt / np.maximum(ct, 1), 0.0)
            b = gain.argmax(axis=2)
            g_best = np.take_along_axis(gain, b[:, :, None], axis=2)[:, :, 0]
            best_gain = np.zeros(width)
            for j in range(k):  # a later feature takes a node only if clearly better: the first wins ties
                better = g_best[:, j] > best_gain + 1e-12
                ids = width - 1 + np.flatnonzero(better)
                feats[t, ids] = j
                splits[t, ids] = b[better, j]
                best_gain[better] = g_best[better, j]
            at = width - 1 + node
            node = 2 * node + (flat_bins[rows + feats[t, at]] > splits[t, at])
        sums = np.bincount(node, weights=r, minlength=2 ** depth)
        counts = np.bincount(node, minlength=2 ** depth)
        leaves[t] = np.where(counts > 0, sums / np.maximum(counts, 1), 0.0)
        pred += rate * leaves[t][node]
    return BoostedTrees(tuple(edges), base, rate, depth, feats, splits, leaves, float(y.min()), float(y.max()))


# --- evaluation ----------------------------------------------------------------------------------


def roc_auc(y, p) -> float:
    """The probability that a random positive scores above a random negative (ties count half): the
    Mann-Whitney statistic from average ranks."""
    import numpy as np

    y = np.asarray(y, dtype=bool)
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    sorted_p = p[order]
    # average rank of each run of equal scores
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_p)) + 1]
    ends = np.r_[starts[1:], len(p)]
    for s, e in zip(starts, ends):
        ranks[order[s:e]] = (s + e + 1) / 2.0
    pos, neg = int(y.sum()), int((~y).sum())
    return float((ranks[y].sum() - pos * (pos + 1) / 2.0) / (pos * neg))


def brier(y, p) -> float:
    import numpy as np

    return float(np.mean((np.asarray(p, dtype=float) - np.asarray(y, dtype=float)) ** 2))


def calibration_curve(y, p, n_bins: int = 10):
    """(observed rate, mean predicted) per quantile bin of the predictions, empty bins left out (the
    definition of scikit-learn's `calibration_curve(strategy="quantile")`)."""
    import numpy as np

    y = np.asarray(y, dtype=float)
    p = np.asarray(p, dtype=float)
    bins = np.percentile(p, np.linspace(0, 100, n_bins + 1))
    ids = np.searchsorted(bins[1:-1], p, side="right")
    sums = np.bincount(ids, weights=p, minlength=len(bins))
    trues = np.bincount(ids, weights=y, minlength=len(bins))
    totals = np.bincount(ids, minlength=len(bins))
    nonzero = totals != 0
    return trues[nonzero] / totals[nonzero], sums[nonzero] / totals[nonzero]
