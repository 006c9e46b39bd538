"""The planning engine: one setup per profile and budget, the walk up the budget grid, and
the scoring of a chosen list (P(match), its range, expected interviews, cost).

``make_plan`` (plan.py) and the what-if (whatif.py) both build on these functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..budget import Budget
from ..chances import ChanceModel, count_range, interview_count_distribution
from ..errors import InputError
from ..profile import Profile
from .build import Candidates, build_instance, candidates_for, chances_for, target_specialties
from .curve import Walker, count_grid, usd_grid
from .fees import (
    ApplicationCost,
    application_cost,
    fee_schedule,
    has_fee_schedule,
    specialty_fee_usd,
)
from .instance import Instance, cost_model, count_model, make_instance
from .objective import value
from .ranges import list_range
from .results import BudgetPoint, PlanTotals
from .search import State
from .settings import plan_settings


@dataclass(frozen=True)
class Setup:
    """What one planning run needs; reused by what-if and the baselines."""

    profile: Profile
    cands: Candidates
    inst: Instance
    model: ChanceModel
    budget: Budget


def resolve_budget(profile: Profile, budget: Budget | None) -> Budget:
    """The budget given (an option or a form field), else the profile's."""
    if budget is not None:
        return budget
    if profile.budget is not None:
        return profile.budget.value()
    raise InputError(
        "no budget: the profile has none and none was given",
        path="budget",
        hint="add 'budget: {usd: 3000}' to the profile, or use --budget-usd N or --programs N",
    )


def setup(
    profile: Profile, catalog: Any, budget: Budget | None = None, model: ChanceModel | None = None
) -> Setup:
    """Candidates and instance for the profile's targets; ``budget`` defaults to the profile's."""
    chosen_budget = resolve_budget(profile, budget)
    if not chosen_budget.counts_programs:
        fee_schedule(profile.season)  # a clear error for a season without fee data
    base = model or ChanceModel()
    planning = ChanceModel(base.params_, base.assumptions_, plan_settings().planning_nodes)
    cands = candidates_for(profile, catalog, target_specialties(profile))
    inst, _ = build_instance(planning, cands)
    return Setup(profile, cands, inst, base, chosen_budget)


@lru_cache(maxsize=8192)
def _fee_usd(season: int, n_programs: int, specialty: str) -> int:
    """``specialty_fee_usd`` remembered: the shipped fee schedules never change at run time."""
    return specialty_fee_usd(season, n_programs, specialty)


def costs_for(s: Setup) -> Any:
    if s.budget.counts_programs:
        return count_model(s.inst)
    season = s.profile.season
    fixed = fee_schedule(season).transcript_fee_usd or 0
    return cost_model(s.inst, lambda g, k: _fee_usd(season, k, g), fixed)


def curve_end(s: Setup) -> float:
    c, amount = plan_settings().curve, s.budget.amount
    cap = s.budget.pick(usd=c.max_usd, programs=c.max_programs)
    least = amount + s.budget.pick(usd=c.min_extra_usd, programs=c.min_extra_programs)
    return max(amount, min(cap, max(amount * c.max_factor, least)))


def walk(s: Setup, with_curve: bool = True) -> tuple[State, list[BudgetPoint], str]:
    """The plan at the budget and the curve to its end, from one walk up the grid."""
    costs = costs_for(s)
    end = curve_end(s)
    amount = s.budget.amount
    grid = s.budget.pick(usd=usd_grid, programs=count_grid)(end)
    walker = Walker(s.inst, costs, np.ones(s.inst.n, dtype=bool), grid)
    walker.step_to(amount)
    on_grid = walker.at >= amount - 1e-9
    state = walker.state.copy() if on_grid else walker.between(amount)
    if with_curve:
        walker.step_to(end)
    points = [BudgetPoint(p.budget, p.cost, p.value, p.n_programs) for p in walker.points]
    if not on_grid:  # the plan's own budget is a point of the curve too
        here = BudgetPoint(
            amount,
            costs.cost(state.counts),
            value(s.inst, state.mask, state.sig),
            int(state.mask.sum()),
        )
        points = sorted([*points, here], key=lambda p: p.budget)
    return state, points, "greedy by gain per fee + local search (grid walk)"


def plan_rows(state: State) -> list[int]:
    return [int(r) for r in np.flatnonzero(state.mask)]


def signals_of(s: Setup, state: State) -> dict[str, str]:
    tiers = s.inst.signal_tiers
    return {
        s.cands.programs[r].code: tiers[state.sig[s.inst.unit[r]]]
        for r in np.flatnonzero(state.mask)
        if state.sig[s.inst.unit[r]] >= 0
    }


def score(
    model: ChanceModel, cands: Candidates, rows: Sequence[int], signals: Mapping[str, str]
) -> float:
    """P(success) of applying to ``rows`` with ``signals`` under ``model``."""
    if not len(rows):
        return 0.0
    idx = np.asarray(rows, dtype=int)
    ch = chances_for(model, cands, signals, idx)
    sub = make_instance(
        ch.success[idx],
        ch.weights,
        [cands.programs[i].specialty for i in idx],
        role=cands.roles[idx].tolist(),
    )
    return value(sub, np.ones(len(idx), dtype=bool), -np.ones(sub.n_units, dtype=int))


def p_match_range(
    s: Setup, rows: Sequence[int], signals: Mapping[str, str]
) -> tuple[float, float]:
    """The central 80% of P(match) of the list over the assumptions' ranges (planning.ranges)."""
    return list_range(s.model, lambda m, r, g: score(m, s.cands, r, g), rows, signals)


@dataclass(frozen=True)
class Chosen:
    """A chosen list: its rows in the candidates, its signals, and its chances per node."""

    rows: list[int]
    signals: dict[str, str]
    chances: Any


def chosen(s: Setup, state: State) -> Chosen:
    rows = plan_rows(state)
    signals = signals_of(s, state)
    idx = np.asarray(rows, dtype=int)
    return Chosen(rows, signals, chances_for(s.model, s.cands, signals, idx))


def fees_known(s: Setup) -> bool:
    """A budget in USD always needs the fees (setup refuses a season without them); a
    budget in programs plans without them."""
    return has_fee_schedule(s.profile.season) or not s.budget.counts_programs


def cost_of(s: Setup, counts: dict[str, int]) -> ApplicationCost | None:
    return application_cost(s.profile.season, counts) if fees_known(s) else None


def plan_totals(s: Setup, c: Chosen, *, with_range: bool = True) -> PlanTotals:
    """Count, cost, expected interviews and P(match) of the chosen list; its range and its
    P(match) without signals only ``with_range`` (the what-if needs neither)."""
    p_match = score(s.model, s.cands, c.rows, c.signals)
    low, high = p_match_range(s, c.rows, c.signals) if with_range and c.rows else (p_match, p_match)
    counts = Counter(s.cands.programs[r].specialty for r in c.rows)
    interview = c.chances.interview[np.asarray(c.rows, dtype=int)]
    i_low, i_high = count_range(interview_count_distribution(interview, c.chances.weights))
    return PlanTotals(
        n_programs=len(c.rows),
        cost=cost_of(s, dict(counts)),
        expected_interviews=float((interview @ c.chances.weights).sum()),
        interviews_low=i_low,
        interviews_high=i_high,
        p_match=p_match,
        p_match_low=min(low, p_match),
        p_match_high=max(high, p_match),
        range_level=plan_settings().range.level,
        p_match_without_signals=score(s.model, s.cands, c.rows, {}) if with_range else p_match,
    )
