"""Where a cohort of non-US IMGs sends its applications within one specialty.

The calibration's cohort and the simulated season share this assumption. Each applicant
draws its list without replacement (Gumbel top-k), in proportion to each track's non-US
IMG interview rate to the targeting exponent. A track's published rate was realised at
the volume it really received, within its interview slots. So no track is drawn so often
that its expected non-US IMG interviews exceed its share of those slots:

    applicants x P(track on a list) x rate  <=  slots per position x positions.

The probability that a track is on a list of k drawn by Gumbel top-k from weights w is,
for many tracks, 1 - exp(-w / lam), with lam such that the probabilities sum to k (Rosen's
approximation of successive sampling). The cap is applied to those probabilities
(water-filling: the applications a capped track cannot take go to the others in
proportion), and the result is turned back into weights.
"""

from __future__ import annotations

import numpy as np

RATE_FLOOR = 1e-4
SURE = 1 - 1e-12  # a probability of 1 as a finite weight
BISECTIONS = 200


def list_probabilities(weights: np.ndarray, k: int, cap: np.ndarray | None = None) -> np.ndarray:
    """P(each track is on a list of ``k`` drawn by Gumbel top-k from ``weights``), each at
    most ``cap``; they sum to ``k`` (or to the caps' sum, when the caps allow fewer)."""
    w = np.asarray(weights, dtype=float)
    limit = np.ones(w.size) if cap is None else np.clip(np.asarray(cap, dtype=float), 0.0, 1.0)
    if k >= int(np.count_nonzero(w > 0)):
        return (w > 0).astype(float)  # every track on every list: no cap can hold
    if limit.sum() <= k:
        return limit
    lo, hi = np.log(w[w > 0].min()) - 40.0, np.log(w.max()) + 40.0
    for _ in range(BISECTIONS):  # the sum falls as log(lam) grows
        mid = (lo + hi) / 2
        if _total(w, mid, limit) > k:
            lo = mid
        else:
            hi = mid
    return np.minimum(limit, -np.expm1(-w / np.exp(hi)))


def _total(w: np.ndarray, log_lam: float, limit: np.ndarray) -> float:
    return float(np.minimum(limit, -np.expm1(-w / np.exp(log_lam))).sum())


def slot_cap(
    rates: np.ndarray, positions: np.ndarray, applicants: float, slots_per_position: float
) -> np.ndarray:
    """The largest P(on a list) per track for which ``applicants`` x P x rate stays within
    ``slots_per_position`` x positions."""
    rates = np.maximum(np.asarray(rates, dtype=float), RATE_FLOOR)
    room = slots_per_position * np.asarray(positions, dtype=float)
    return np.clip(room / (max(applicants, 1.0) * rates), 0.0, 1.0)


def targeting_weights(
    rates: np.ndarray,
    positions: np.ndarray,
    applicants: float,
    k: int,
    exponent: float,
    slots_per_position: float,
) -> np.ndarray:
    """Gumbel top-k weights for the cohort's lists of ``k``: in proportion to rate to the
    ``exponent``, with each track's share of lists capped by its interview slots."""
    rates = np.maximum(np.asarray(rates, dtype=float), RATE_FLOOR)
    if k >= rates.size:  # every track on every list: the weights only order the list
        return rates**exponent
    cap = slot_cap(rates, positions, applicants, slots_per_position)
    p = list_probabilities(rates**exponent, k, cap)
    return np.maximum(-np.log1p(-np.minimum(p, SURE)), np.finfo(float).tiny)


def application_sets(rng: np.random.Generator, n: int, weights: np.ndarray, k: int) -> np.ndarray:
    """(n, k) distinct track indices per applicant, drawn without replacement in proportion
    to ``weights`` (Gumbel top-k), in that order of preference (best first)."""
    keys = np.log(weights)[None, :] + rng.gumbel(size=(n, weights.size))
    top = np.argpartition(-keys, k - 1, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(keys, top, axis=1), axis=1)
    return np.take_along_axis(top, order, axis=1)
