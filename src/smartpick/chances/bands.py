"""The calibration by Step 2 CK band (fitted since December 2026: residuals of the fit).

Charting Outcomes publishes, per specialty, the Step 2 CK distribution of matched and of
unmatched non-US IMGs (n, mean, SD) and the match rate m. With each distribution read as
normal, the published match rate within a band B follows by Bayes' rule:

    P(match | B) = m P_matched(B) / (m P_matched(B) + (1 - m) P_unmatched(B)).

The model's rate in B is its P(match | score), averaged over the cohort's scores in B
(the same normal mixture, on a 1-point grid), with the cohort's fitted mix of who applies
at each score (``cohort.cohort_mix``; never part of one applicant's chance). Bands are 10
points wide (<220, 220-229, 230-239, 240-249, 250+); a band is used where it holds at least
``MIN_SHARE`` of the cohort, since a band's published rate rests on the tails of two
fitted normals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from .cohort import SpecialtyInput, _match_by_score, kernel, typical_pass
from .params import Assumptions, FittedParams

EDGES = (-math.inf, 220.0, 230.0, 240.0, 250.0, math.inf)
MIN_SHARE = 0.05
TOLERANCE_PP = 5.0
GRID = np.arange(180.0, 290.0, 1.0)


def _normal_cdf(x: np.ndarray | float, mean: float, sd: float) -> np.ndarray:
    z = (np.asarray(x, dtype=float) - mean) / (sd * math.sqrt(2))
    return 0.5 * (1 + np.vectorize(math.erf)(z))


@dataclass(frozen=True)
class BandRow:
    specialty: str
    band: str
    share: float  # of the cohort
    target_pct: float
    model_pct: float

    @property
    def within_tolerance(self) -> bool:
        return abs(self.model_pct - self.target_pct) <= TOLERANCE_PP


def _label(lo: float, hi: float) -> str:
    if math.isinf(lo):
        return f"<{hi:.0f}"
    return f"{lo:.0f}+" if math.isinf(hi) else f"{lo:.0f}-{hi - 1:.0f}"


def _mass(lo: float, hi: float, moments: object) -> float:
    return _normal_mass(lo, hi, moments.mean, moments.sd)  # type: ignore[attr-defined]


@lru_cache(maxsize=1024)  # a fit asks for the same few bands thousands of times
def _normal_mass(lo: float, hi: float, mean: float, sd: float) -> float:
    return float(_normal_cdf(hi, mean, sd) - _normal_cdf(lo, mean, sd))


def _density(moments: object) -> np.ndarray:
    edges = np.append(GRID - 0.5, GRID[-1] + 0.5)
    return np.diff(_normal_cdf(edges, moments.mean, moments.sd))  # type: ignore[attr-defined]


def fine_input(si: SpecialtyInput, a: Assumptions) -> SpecialtyInput:
    """The cohort on a 1-point Step 2 CK grid (the published normal mixture's mass per point)."""
    c = si.cohort
    assert c.step2_matched is not None and c.step2_unmatched is not None
    m = c.match_rate
    weights = m * _density(c.step2_matched) + (1 - m) * _density(c.step2_unmatched)
    return replace(
        si, scores=GRID, score_weights=weights, pass_typical=typical_pass(si.specialty, GRID, a)
    )


def band_rows(si: SpecialtyInput, fit: FittedParams, a: Assumptions) -> list[BandRow]:
    """Published (derived) and model match rate per Step 2 CK band of one specialty."""
    return fine_band_rows(fine_input(si, a), fit)


def fine_band_rows(fine: SpecialtyInput, fit: FittedParams) -> list[BandRow]:
    """The band rows of a cohort already on the grid (:func:`fine_input`)."""
    c = fine.cohort
    matched, unmatched, m = c.step2_matched, c.step2_unmatched, c.match_rate
    assert matched is not None and unmatched is not None
    weights = fine.score_weights
    p_match = _match_by_score(fine, kernel(fine, fit))[1]
    rows = []
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        pm, pu = _mass(lo, hi, matched), _mass(lo, hi, unmatched)
        share = m * pm + (1 - m) * pu
        if share < MIN_SHARE:
            continue
        inside = (GRID >= lo) & (GRID < hi)
        model = float(weights[inside] @ p_match[inside] / weights[inside].sum())
        rows.append(
            BandRow(fine.specialty, _label(lo, hi), share, 100 * m * pm / share, 100 * model)
        )
    return rows


def band_errors(fine: SpecialtyInput, fit: FittedParams) -> list[float]:
    """Model minus published match rate (pp) per checked band: residuals of the fit."""
    return [r.model_pct - r.target_pct for r in fine_band_rows(fine, fit)]


def all_band_rows() -> list[BandRow]:
    """Every fitted specialty's bands, with the shipped parameters."""
    from .cohort import specialty_input
    from .params import load_assumptions, load_fitted

    a, fit = load_assumptions(), load_fitted()
    return [
        row
        for name in fit.specialties
        if (si := specialty_input(name, a)) is not None
        for row in band_rows(si, fit, a)
    ]


if __name__ == "__main__":  # pragma: no cover - maintainer tool: print the band check
    found = all_band_rows()
    for r in found:
        flag = "" if r.within_tolerance else "  outside"
        print(
            f"{r.specialty:22s} {r.band:8s} share {100 * r.share:3.0f}%  published "
            f"{r.target_pct:3.0f}%  model {r.model_pct:3.0f}%{flag}"
        )
    inside = sum(r.within_tolerance for r in found)
    print(f"{inside} of {len(found)} bands within {TOLERANCE_PP:g} points")
