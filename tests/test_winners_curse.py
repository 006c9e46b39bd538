"""The winner's curse, by simulation (issue 15, item 2).

True program rates are drawn from the fitted prior of internal medicine (chances.shrinkage),
published with the fitted noise, the planner chooses on the published figures, and the
plan's reported expected interviews and P(match) are compared with what the same list is
worth at the true rates. With shrinkage the report must be within 10% of the truth; with
the published rates taken at face value it is not (the test can fail both ways).
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

import numpy as np
import pytest

from smartpick.chances import Applicant, ChanceModel, ProgramFacts, p_match_at_least_one
from smartpick.chances.shrinkage import shrinkage
from smartpick.planning import count_grid, count_model, make_instance, solve

IM = "internal-medicine"
N_PROGRAMS, N_APPLY, SEASONS = 576, 60, 4
MODEL = ChanceModel()
APPLICANT = Applicant(visa="none", applicant_type="non_us_img", step2ck=238.0)


def _season(seed: int) -> tuple[list[ProgramFacts], np.ndarray]:
    fit = shrinkage(IM)
    assert fit is not None and not fit.pooled
    rng = np.random.default_rng(seed)
    theta = rng.normal(fit.mean_logit, np.sqrt(fit.prior_var), N_PROGRAMS)
    published = 1 / (1 + np.exp(-(theta + rng.normal(0, np.sqrt(fit.noise_var), N_PROGRAMS))))
    programs = [
        ProgramFacts(f"{i:04d}140C0", IM, rates=MappingProxyType({"rate_non_us_img": float(r)}))
        for i, r in enumerate(np.round(published, 2))  # the source rounds to 0.01
    ]
    return programs, 1 / (1 + np.exp(-theta))


def _worth(arr, rows: np.ndarray) -> tuple[float, float]:
    """Expected interviews and P(match) of applying to ``rows`` when the rates are ``arr``'s."""
    probs = MODEL.from_stages(arr, MODEL.stages(APPLICANT, arr))
    interviews = float(probs.marginal(probs.interview)[rows].sum())
    return interviews, p_match_at_least_one(probs.success[rows], probs.weights)


def _plan(arr) -> np.ndarray:
    probs = MODEL.from_stages(arr, MODEL.stages(APPLICANT, arr))
    inst = make_instance(probs.success, probs.weights, [IM] * arr.n)
    solution = solve(inst, count_model(inst), N_APPLY, grid=count_grid(N_APPLY), method="greedy")
    return np.array(solution.rows, dtype=int)


def _ratios(shrink: bool) -> tuple[float, float]:
    reported, true = np.zeros(2), np.zeros(2)
    for seed in range(SEASONS):
        programs, truth = _season(seed)
        arr = MODEL.arrays(APPLICANT, programs, {})
        if not shrink:
            arr = dataclasses.replace(arr, rate=arr.rate_published)
        rows = _plan(arr)
        reported += _worth(arr, rows)
        true += _worth(dataclasses.replace(arr, rate=truth), rows)
    return float(reported[0] / true[0]), float(reported[1] / true[1])


def test_a_plan_on_shrunk_rates_reports_what_the_true_rates_give():
    interviews, p_match = _ratios(shrink=True)
    assert interviews == pytest.approx(1.0, abs=0.10)
    assert p_match == pytest.approx(1.0, abs=0.10)


def test_a_plan_on_the_published_rates_overstates_its_worth():
    interviews, _ = _ratios(shrink=False)
    assert interviews > 1.25
