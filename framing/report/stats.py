"""Statistics for comparing outlets: log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words": for term w, outlet i and the
pooled other outlets j,

    delta_w = log((y_iw + a_w) / (n_i + a0 - y_iw - a_w))
            - log((y_jw + a_w) / (n_j + a0 - y_jw - a_w))
    var(delta_w) ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)

with the informative prior a_w = a0 * (y_w / n), the term's share of the whole
corpus scaled by ``a0``. Uncertainty comes from a bootstrap over articles within
each outlet with a fixed seed, so the intervals are reproducible to the byte.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from framing.report.options import DEFAULT_PRIOR_SCALE


@dataclass(frozen=True)
class LogOdds:
    term: str
    delta: float
    variance: float

    @property
    def z(self) -> float:
        return self.delta / math.sqrt(self.variance) if self.variance > 0 else 0.0


def log_odds_dirichlet(
    counts_i: Mapping[str, int],
    counts_j: Mapping[str, int],
    prior_scale: float = DEFAULT_PRIOR_SCALE,
    vocabulary: Sequence[str] | None = None,
) -> dict[str, LogOdds]:
    """Log-odds ratio of each term, group i against group j, with the pooled prior."""
    terms = sorted(vocabulary if vocabulary is not None else set(counts_i) | set(counts_j))
    n_i = sum(counts_i.values())
    n_j = sum(counts_j.values())
    pooled = {t: counts_i.get(t, 0) + counts_j.get(t, 0) for t in terms}
    total = sum(pooled.values())
    results: dict[str, LogOdds] = {}
    if total == 0:
        return results
    for term in terms:
        alpha = prior_scale * pooled[term] / total
        if alpha <= 0:
            continue
        y_i, y_j = counts_i.get(term, 0), counts_j.get(term, 0)
        odds_i = (y_i + alpha) / (n_i + prior_scale - y_i - alpha)
        odds_j = (y_j + alpha) / (n_j + prior_scale - y_j - alpha)
        delta = math.log(odds_i) - math.log(odds_j)
        variance = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
        results[term] = LogOdds(term, delta, variance)
    return results


def bootstrap_log_odds(
    articles_i: Sequence[Counter[str]],
    articles_j: Sequence[Counter[str]],
    terms: Sequence[str],
    replicates: int,
    seed: int,
    prior_scale: float = DEFAULT_PRIOR_SCALE,
) -> dict[str, tuple[float, float]]:
    """95% percentile intervals of delta, resampling articles within each group.

    The prior is held at the full-sample pooled shares, so that the interval
    reflects sampling variation of the outlets' articles only.
    """
    if replicates <= 0 or not articles_i or not articles_j:
        return {}
    rng = np.random.default_rng(seed)
    terms = sorted(terms)
    index = {t: k for k, t in enumerate(terms)}
    matrix_i = _article_matrix(articles_i, index)
    matrix_j = _article_matrix(articles_j, index)
    pooled = matrix_i.sum(axis=0) + matrix_j.sum(axis=0)
    total = pooled.sum()
    if total == 0:
        return {}
    alpha = prior_scale * pooled / total
    deltas = np.empty((replicates, len(terms)))
    for r in range(replicates):
        sample_i = matrix_i[rng.integers(0, len(articles_i), len(articles_i))].sum(axis=0)
        sample_j = matrix_j[rng.integers(0, len(articles_j), len(articles_j))].sum(axis=0)
        n_i, n_j = sample_i.sum(), sample_j.sum()
        odds_i = (sample_i + alpha) / (n_i + prior_scale - sample_i - alpha)
        odds_j = (sample_j + alpha) / (n_j + prior_scale - sample_j - alpha)
        deltas[r] = np.log(odds_i) - np.log(odds_j)
    low = np.percentile(deltas, 2.5, axis=0)
    high = np.percentile(deltas, 97.5, axis=0)
    return {t: (float(low[k]), float(high[k])) for t, k in index.items() if alpha[k] > 0}


def _article_matrix(articles: Sequence[Counter[str]], index: Mapping[str, int]) -> np.ndarray:
    matrix = np.zeros((len(articles), len(index)))
    for row, counts in enumerate(articles):
        for term, count in counts.items():
            if term in index:
                matrix[row, index[term]] = count
    return matrix


def bootstrap_share(
    articles: Sequence[tuple[int, int]], replicates: int, seed: int
) -> tuple[float, float] | None:
    """95% interval of a ratio sum(a)/sum(b), resampling articles (a, b)."""
    usable = [(a, b) for a, b in articles]
    if replicates <= 0 or not usable or sum(b for _, b in usable) == 0:
        return None
    rng = np.random.default_rng(seed)
    data = np.array(usable, dtype=float)
    shares = []
    for _ in range(replicates):
        sample = data[rng.integers(0, len(data), len(data))]
        denominator = sample[:, 1].sum()
        if denominator > 0:
            shares.append(sample[:, 0].sum() / denominator)
    if not shares:
        return None
    return float(np.percentile(shares, 2.5)), float(np.percentile(shares, 97.5))
