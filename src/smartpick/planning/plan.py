"""The plan for a profile: which tracks to apply to, where to signal, at what cost.

``make_plan`` builds the candidates and the instance (``build``), walks the budget
grid (``curve``) to the budget and on to the end of the curve, and reports the
chosen list with its chances, fees, signals, totals, P(match) range and curve.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ..chances import ChanceModel
from ..errors import InputError
from ..fees import ApplicationCost, fee_schedule, specialty_fee_usd
from ..profile import Profile
from .build import Candidates, build_instance, candidates_for, chances_for, target_specialties
from .curve import Walker, count_grid, usd_grid
from .instance import ADVANCED, MAIN, Instance, cost_model, count_model, make_instance
from .objective import value
from .search import State
from .settings import plan_settings

COUNTS_AS = {
    MAIN: "success",
    ADVANCED: "success with a PGY-1 position (advanced track)",
    2: "PGY-1 year for the advanced tracks (not a match by itself)",
}


@dataclass(frozen=True)
class PlannedProgram:
    code: str
    institution: str
    state: str | None
    specialty: str
    track: str
    counts_as: str
    category: str  # reach | target | likely (from p_interview; data/plan.yaml)
    p_interview: float
    p_match: float  # P(match here if ranked first) x P(interview), with the plan's signal
    fee_usd: float  # this application's fee at its position in the specialty's tiers
    signal: str | None  # gold | silver | signal | None


@dataclass(frozen=True)
class SignalUse:
    pool: str
    specialties: tuple[str, ...]
    available: tuple[tuple[str, int], ...]
    used: tuple[tuple[str, int], ...]
    institutions: tuple[tuple[str, str], ...]  # (institution code, tier)
    p_match_added: float  # P(match) lost if these signals were not sent
    assumed: bool
    note: str
    source: str


@dataclass(frozen=True)
class BudgetPoint:
    budget: float
    cost_usd: float
    p_match: float
    n_programs: int


@dataclass(frozen=True)
class PlanTotals:
    n_programs: int
    cost: ApplicationCost
    expected_interviews: float
    p_match: float
    p_match_low: float
    p_match_high: float
    range_level: float
    p_match_without_signals: float


@dataclass(frozen=True)
class Plan:
    season: int
    specialties: tuple[str, ...]
    budget_unit: str  # usd | programs
    budget: float
    programs: tuple[PlannedProgram, ...]
    totals: PlanTotals
    signals: tuple[SignalUse, ...]
    curve: tuple[BudgetPoint, ...]
    marginal_p_match: float  # per next 100 USD (usd budgets) or next program
    marginal_unit: str
    saturation_budget: float | None  # past this, more budget buys almost nothing
    method: str
    candidates: int
    category_rule: str
    notes: tuple[str, ...]
    covers: str
    sources: tuple[str, ...]
    barrier: str | None = None  # why no program is in reach (an empty plan says why)


@dataclass(frozen=True)
class Setup:
    """What one planning run needs; reused by what-if and the baselines."""

    profile: Profile
    cands: Candidates
    inst: Instance
    model: ChanceModel
    unit: str
    budget: float


MAX_BUDGET = {"usd": 1_000_000.0, "programs": 2000.0}  # the profile format's own limits
_BUDGET_FIELDS = {"usd": ("budget_usd", "--budget-usd"), "programs": ("programs", "--programs")}


def resolve_budget(
    profile: Profile, budget_usd: float | None, programs: int | None
) -> tuple[str, float]:
    """The budget's unit and amount: the option given, else the profile's; refused when it
    is not a number above 0 within the profile format's limits (1,000,000 USD, 2,000)."""
    if budget_usd is not None and programs is not None:
        raise InputError(
            "give a budget in USD or a number of programs, not both",
            path="budget",
            hint="use --budget-usd N or --programs N",
        )
    if budget_usd is not None:
        return "usd", _checked("usd", float(budget_usd), given=True)
    if programs is not None:
        return "programs", _checked("programs", float(programs), given=True)
    if profile.budget is not None and profile.budget.usd is not None:
        return "usd", _checked("usd", float(profile.budget.usd), given=False)
    if profile.budget is not None and profile.budget.programs is not None:
        return "programs", _checked("programs", float(profile.budget.programs), given=False)
    raise InputError(
        "no budget: the profile has none and none was given",
        path="budget",
        hint="add 'budget: {usd: 3000}' to the profile, or use --budget-usd N or --programs N",
    )


def _checked(unit: str, amount: float, *, given: bool) -> float:
    """``amount`` if it is a finite number above 0 and within the limit, else an InputError."""
    field, option = _BUDGET_FIELDS[unit]
    limit = MAX_BUDGET[unit]
    if math.isfinite(amount) and 0 < amount <= limit:
        return amount
    what = "USD" if unit == "usd" else "programs"
    shown = f"{amount:g}" if math.isfinite(amount) else str(amount)
    problem = "must be more than 0" if not amount > 0 else f"must be at most {limit:,.0f} {what}"
    example = "3000" if unit == "usd" else "120"
    raise InputError(
        f"the budget {problem}, got {shown}",
        path=field if given else f"budget.{unit}",
        hint=f"give {option} a number from 1 to {limit:,.0f}, e.g. {option} {example}"
        if given
        else f"set budget: {{{unit}: {example}}} in the profile, or give {option} N",
    )


def setup(
    profile: Profile,
    catalog: Any,
    budget_usd: float | None = None,
    programs: int | None = None,
    model: ChanceModel | None = None,
) -> Setup:
    unit, budget = resolve_budget(profile, budget_usd, programs)
    base = model or ChanceModel()
    planning = ChanceModel(base.params_, base.assumptions_, plan_settings().planning_nodes)
    cands = candidates_for(profile, catalog, target_specialties(profile))
    inst, _ = build_instance(planning, cands)
    return Setup(profile, cands, inst, base, unit, budget)


@lru_cache(maxsize=8192)
def _fee_usd(season: int, n_programs: int, specialty: str) -> int:
    """``specialty_fee_usd`` remembered: the shipped fee schedules never change at run time."""
    return specialty_fee_usd(season, n_programs, specialty)


def costs_for(s: Setup) -> Any:
    if s.unit == "programs":
        return count_model(s.inst)
    season = s.profile.season
    fixed = fee_schedule(season).transcript_fee_usd or 0
    return cost_model(s.inst, lambda g, k: _fee_usd(season, k, g), fixed)


def curve_end(s: Setup) -> float:
    c = plan_settings().curve
    cap = c.max_programs if s.unit == "programs" else c.max_usd
    least = s.budget + (c.min_extra_programs if s.unit == "programs" else c.min_extra_usd)
    return max(s.budget, min(cap, max(s.budget * c.max_factor, least)))


def walk(s: Setup, with_curve: bool = True) -> tuple[State, list[BudgetPoint], str]:
    """The plan at the budget and the curve to its end, from one walk up the grid."""
    costs = costs_for(s)
    end = curve_end(s)
    grid = count_grid(end) if s.unit == "programs" else usd_grid(end)
    walker = Walker(s.inst, costs, np.ones(s.inst.n, dtype=bool), grid)
    walker.step_to(s.budget)
    on_grid = walker.at >= s.budget - 1e-9
    state = walker.state.copy() if on_grid else walker.between(s.budget)
    if with_curve:
        walker.step_to(end)
    points = [BudgetPoint(p.budget, p.cost, p.value, p.n_programs) for p in walker.points]
    if not on_grid:  # the plan's own budget is a point of the curve too
        here = BudgetPoint(
            s.budget,
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
    s: Setup, rows: Sequence[int], signals: Mapping[str, str], seed: int = 0
) -> tuple[float, float]:
    r = plan_settings().range
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(r.draws):
        drawn = s.model.perturbed(rng)
        drawn.n_nodes = plan_settings().planning_nodes
        draws.append(score(drawn, s.cands, rows, signals))
    tail = (1 - r.level) / 2
    low, high = np.quantile(draws, [tail, 1 - tail])
    return float(low), float(high)
