"""Per-program interview rates shrunk toward their specialty (empirical Bayes, logit-normal).

A program's published non-US IMG (or US IMG) interview rate is one season's figure from an
unverified source with unknown denominators, rounded to 0.01. A planner that picks the
highest published rates picks partly noise (the winner's curse), so the model uses each
program's posterior mean instead:

    theta_i ~ N(m, tau^2)              the program's true logit rate, within its specialty
    x_i = theta_i + e_i, e_i ~ N(0, s^2)   the published logit rate (floored at 0.005)
    E[theta_i | x_i] = m + w (x_i - m),    w = tau^2 / (tau^2 + s^2)

The prior's spread tau^2 (and so the weight w a program's own figure gets) is fitted, not
chosen: the same source publishes, for each program, the rate of US IMGs and of non-US
IMGs, two readings of one program's openness to IMGs with separate noise, so their
covariance estimates tau^2 (method of moments; an error in one is independent of the other).
What differs truly between the two groups at one program counts as noise here, so ``w`` is
if anything too small (more shrinkage than needed). Specialties with fewer than
``MIN_PAIRS`` programs with both rates use the weight pooled over all specialties.
docs/model.md ("Shrinkage of the per-program rates") lists the fitted weights.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import numpy as np

from ..datafiles import source_csv
from ..specialties import all_specialties
from .figures import RATES_BY_PROGRAM

FLOOR = 0.005  # half the source's rounding step: a published 0.00 is "under 0.005"
MIN_PAIRS = 40
GROUPS = ("non_us_img", "us_img")


def logit(p: np.ndarray) -> np.ndarray:
    q = np.clip(np.asarray(p, dtype=float), FLOOR, 1 - FLOOR)
    return np.log(q / (1 - q))


@dataclass(frozen=True)
class Shrinkage:
    """The fitted prior of one specialty and applicant group, on the logit scale."""

    specialty: str
    group: str
    n_programs: int  # programs with both rates published
    mean_logit: float  # m
    prior_var: float  # tau^2 (fitted)
    noise_var: float  # s^2
    pooled: bool  # the weight is the all-specialty one (too few programs)

    @property
    def weight(self) -> float:
        """How far a program's own (logit) figure moves its estimate: 0 none, 1 fully."""
        total = self.prior_var + self.noise_var
        return self.prior_var / total if total > 0 else 0.0

    def posterior_rate(self, rate: np.ndarray) -> np.ndarray:
        """E[true rate | published rate] (probit approximation of the logit-normal mean);
        NaN (unpublished) stays NaN."""
        x = logit(rate)
        mean = self.mean_logit + self.weight * (x - self.mean_logit)
        var = self.weight * self.noise_var
        out = 1.0 / (1.0 + np.exp(-mean / math.sqrt(1.0 + math.pi * var / 8.0)))
        return np.where(np.isnan(np.asarray(rate, dtype=float)), np.nan, out)


def moments(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Mean of x, tau^2 = cov(x, y) (at least 0) and s^2 = var(x) - tau^2 (at least 0)."""
    c = np.cov(x, y)
    tau2 = float(max(c[0, 1], 0.0))
    return float(np.mean(x)), tau2, float(max(c[0, 0] - tau2, 0.0))


@cache
def _pairs() -> dict[str, np.ndarray]:
    """Source specialty name -> (k, 2) published (non-US IMG, US IMG) rates of its programs."""
    found: dict[str, list[tuple[float, float]]] = {}
    for row in source_csv(RATES_BY_PROGRAM):
        if row["rate_non_us_img"] and row["rate_us_img"]:
            pair = (float(row["rate_non_us_img"]), float(row["rate_us_img"]))
            found.setdefault(row["specialty"], []).append(pair)
    return {name: np.asarray(v, dtype=float) for name, v in found.items()}


def _columns(pairs: np.ndarray, group: str) -> tuple[np.ndarray, np.ndarray]:
    own, other = (0, 1) if group == "non_us_img" else (1, 0)
    return logit(pairs[:, own]), logit(pairs[:, other])


@cache
def pooled_weight(group: str) -> float:
    """The weight over all specialties: each specialty's moments, weighted by its programs."""
    tau = noise = n = 0.0
    for pairs in _pairs().values():
        if len(pairs) >= 3:
            _, t, s = moments(*_columns(pairs, group))
            tau, noise, n = tau + t * len(pairs), noise + s * len(pairs), n + len(pairs)
    return tau / (tau + noise) if tau + noise > 0 else 0.0


@cache
def shrinkage(specialty: str, group: str = "non_us_img") -> Shrinkage | None:
    """The fitted prior of ``specialty`` (an id) for ``group``; None without published rates."""
    spec = all_specialties().get(specialty)
    pairs = _pairs().get(spec.interview_rates or "") if spec else None
    if pairs is None or group not in GROUPS or len(pairs) < 3:
        return None
    x, y = _columns(pairs, group)
    mean, tau2, noise2 = moments(x, y)
    pooled = len(pairs) < MIN_PAIRS
    if pooled:  # keep the specialty's spread, split by the pooled weight
        w, total = pooled_weight(group), tau2 + noise2
        tau2, noise2 = w * total, (1 - w) * total
    return Shrinkage(specialty, group, len(pairs), mean, tau2, noise2, pooled)


def shrunk(rates: np.ndarray, specialties: tuple[str, ...], group: str) -> np.ndarray:
    """Each published rate replaced by its posterior mean (NaN stays NaN)."""
    out = np.asarray(rates, dtype=float).copy()
    for name in dict.fromkeys(specialties):
        fit = shrinkage(name, group)
        if fit is None:
            continue
        rows = np.array([s == name for s in specialties], dtype=bool)
        out[rows] = fit.posterior_rate(out[rows])
    return out
