"""The plan's 80% range of P(match) over the assumptions' ranges, stable between seeds.

Redrawing every assumption and rescoring the list a few dozen times gives a range that
moves by several points with the random seed. Instead, logit P(match) of the chosen list is
expanded in each assumption around the central model (a main-effects surrogate): the list is
rescored with one assumption at a time at the low and at the high end of its range (2 d + 1
scorings), each effect interpolated linearly on either side of its central value, and the
effects added on the logit scale. Each effect's distribution follows from its assumption's
triangular distribution, and the distribution of their sum is computed by numerical
convolution: no random numbers, so the printed range cannot move with a seed. Interactions
between assumptions are left out; docs/plan.md compares the range with brute-force redraws.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

from ..chances import ChanceModel
from .settings import plan_settings

EDGE = 1e-9
QUANTILES = 512  # points per assumption's distribution
GRID = 8192  # steps of the summed effects' distribution


def _logit(p: float) -> float:
    q = min(max(p, EDGE), 1 - EDGE)
    return float(np.log(q / (1 - q)))


def _ranges(model: ChanceModel) -> np.ndarray:
    """(d, 3): low, value, high of every drawn dimension, in ``perturbed_at`` order."""
    out = []
    for item in model.assumptions_.items.values():
        out.append((item.low, item.value, item.high))
        out += [(r.low, r.value, r.high) for r in item.by_specialty.values()]
    return np.asarray(out, dtype=float)


def _triangular(u: np.ndarray, lo: np.ndarray, mode: np.ndarray, hi: np.ndarray) -> np.ndarray:
    width = np.where(hi > lo, hi - lo, 1.0)
    left = u < (mode - lo) / width
    down = lo + np.sqrt(np.clip(u * width * (mode - lo), 0, None))
    up = hi - np.sqrt(np.clip((1 - u) * width * (hi - mode), 0, None))
    return np.where(hi > lo, np.where(left, down, up), mode)


def effects(
    model: ChanceModel,
    score: Callable[[ChanceModel], float],
    scores: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[float, np.ndarray, np.ndarray]:
    """logit ``score`` of the central model, and per dimension its change with that one
    assumption at the low and at the high end of its range (0 where the range is a point);
    ``scores``: ``score`` at every row of uniforms (draws, dimensions) at once, if the
    caller can score a batch (the same numbers)."""
    lo, mode, hi = _ranges(model).T
    centre = np.where(hi > lo, (mode - lo) / np.where(hi > lo, hi - lo, 1.0), 0.5)
    moved = np.flatnonzero(hi > lo)
    design = np.repeat(centre[None, :], 1 + 2 * moved.size, axis=0)
    for i, j in enumerate(moved):
        design[1 + 2 * i, j], design[2 + 2 * i, j] = 0.0, 1.0  # low end, high end
    if scores is None:
        found = [score(model.perturbed_at(u)) for u in design]
    else:
        found = [float(x) for x in scores(design)]
    g0 = _logit(found[0])
    down, up = np.zeros(lo.size), np.zeros(lo.size)
    for i, j in enumerate(moved):
        down[j] = _logit(found[1 + 2 * i]) - g0
        up[j] = _logit(found[2 + 2 * i]) - g0
    return g0, down, up


def _effect_values(j: int, r: np.ndarray, down: np.ndarray, up: np.ndarray) -> np.ndarray:
    """The effect of dimension j at QUANTILES evenly spaced quantiles of its distribution."""
    lo, mode, hi = r[j]
    x = _triangular((np.arange(QUANTILES) + 0.5) / QUANTILES, lo, mode, hi)
    below = (mode - x) / (mode - lo) * down[j] if mode > lo else np.zeros_like(x)
    above = (x - mode) / (hi - mode) * up[j] if hi > mode else np.zeros_like(x)
    return np.where(x < mode, below, above)


def surrogate_range(
    model: ChanceModel,
    score: Callable[[ChanceModel], float],
    level: float,
    scores: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[float, float]:
    """The central ``level`` range of ``score`` over the assumption ranges: the main effects
    added on the logit scale, their sum's distribution by numerical convolution (no random
    draws, so no seed can move it); ``scores``: see ``effects``."""
    g0, down, up = effects(model, score, scores)
    r = _ranges(model)
    parts = [_effect_values(int(j), r, down, up) for j in np.flatnonzero(r[:, 2] > r[:, 0])]
    parts = [v for v in parts if np.ptp(v) > 0]
    if not parts:
        p = float(1 / (1 + np.exp(-g0)))
        return p, p
    h = sum(np.ptp(v) for v in parts) / GRID
    origin = g0 + sum(float(v.min()) for v in parts)
    size = sum(int(np.ptp(v) / h) + 2 for v in parts)
    spectrum = np.ones(size // 2 + 1, dtype=complex)
    for v in parts:
        pmf = np.bincount(np.round((v - v.min()) / h).astype(int)) / v.size
        spectrum *= np.fft.rfft(pmf, size)
    total = np.clip(np.fft.irfft(spectrum, size), 0, None)
    cdf = np.cumsum(total) / total.sum()
    tail = (1 - level) / 2
    grid = origin + h * np.arange(size)
    low, high = np.interp([tail, 1 - tail], cdf, grid)
    return float(1 / (1 + np.exp(-low))), float(1 / (1 + np.exp(-high)))


def list_range(
    model: ChanceModel,
    score_list: Callable[[ChanceModel, Sequence[int], Mapping[str, str]], float],
    rows: Sequence[int],
    signals: Mapping[str, str],
    score_batch: Callable[[ChanceModel], np.ndarray] | None = None,
) -> tuple[float, float]:
    """The plan's range: ``score_list`` of the chosen ``rows`` at planning resolution;
    ``score_batch``: the list's score under every draw of a batch model
    (``ChanceModel.perturbed_batch``) at once, which the range then uses (the same numbers)."""
    settings = plan_settings()

    def score(drawn: ChanceModel) -> float:
        drawn.n_nodes = settings.planning_nodes
        return score_list(drawn, rows, signals)

    def scores(u: np.ndarray) -> np.ndarray:
        assert score_batch is not None
        return score_batch(model.perturbed_batch(u, settings.planning_nodes))

    level = settings.range.level
    return surrogate_range(model, score, level, None if score_batch is None else scores)
