"""The planning engine: one setup per profile and budget, the walk up the budget grid, and
the scoring of a chosen list (P(match), its range, expected interviews, cost).

``make_plan`` (plan.py) and the what-if (whatif.py) both build on these functions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from ..budget import Budget
from ..chances import ChanceModel, count_range, interview_count_distribution
from ..errors import InputError
from ..profile import Profile
from .build import (
    Candidates,
    Listed,
    build_instance,
    candidates_for,
    chances_for,
    chances_of,
    list_success_batch,
    listed,
    target_specialties,
)
from .curve import Walker, count_grid, plan_at, usd_grid
from .fees import (
    ApplicationCost,
    application_cost,
    fee_schedule,
    has_fee_schedule,
    specialty_fee_usd,
)
from .instance import PGY1, CostModel, Instance, cost_model, count_model, list_instance
from .objective import value
from .ranges import list_range
from .results import BudgetPoint, PlanTotals
from .search import State, empty_state
from .settings import plan_settings
from .utility import worth


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
    profile: Profile,
    catalog: Any,
    budget: Budget | None = None,
    model: ChanceModel | None = None,
    without: frozenset[str] = frozenset(),
) -> Setup:
    """Candidates and instance for the profile's targets; ``budget`` defaults to the profile's."""
    chosen_budget = resolve_budget(profile, budget)
    if not chosen_budget.counts_programs:
        fee_schedule(profile.season)  # a clear error for a season without fee data
    base = model or ChanceModel()
    planning = ChanceModel(base.params_, base.assumptions_, plan_settings().planning_nodes)
    cands = candidates_for(profile, catalog, target_specialties(profile))
    inst, _ = build_instance(planning, cands, worth(profile, cands.programs, without))
    return Setup(profile, cands, inst, base, chosen_budget)


def without_terms(s: Setup, names: frozenset[str]) -> Setup:
    """The same setup with the objective's terms ``names`` left out (their cost)."""
    utility = worth(s.profile, s.cands.programs, names)
    return replace(s, inst=replace(s.inst, utility=utility))


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


def curve_end(s: Setup, costs: CostModel) -> float:
    """Where the curve stops: twice the budget (at least ``min_extra`` beyond it, at most the
    cap), and never past what applying to every candidate would cost."""
    c, amount = plan_settings().curve, s.budget.amount
    cap = s.budget.pick(usd=c.max_usd, programs=c.max_programs)
    least = amount + s.budget.pick(usd=c.min_extra_usd, programs=c.min_extra_programs)
    end = max(amount, min(cap, max(amount * c.max_factor, least)))
    return min(end, costs.cost(costs.sizes()))


FLAT_WINDOWS = 5  # before the budget, the walk stops after this many flat windows


@dataclass(frozen=True)
class Walked:
    """One walk up the budget grid: the plan, the curve, and where spending stops paying."""

    state: State
    curve: list[BudgetPoint]
    spend: float  # the budget the plan is made for: the budget, or less (stop rule, saturation)
    recommended: float | None  # the stop rule's budget; None: still paying at the curve's end
    min_gain: float  # the stop rule's threshold, in points per 100 USD or per program
    spend_all: bool
    method: str
    walker: Walker | None = None  # the walk itself: its plan at another budget (whole_budget)


def min_gain_default(budget: Budget) -> float:
    stop = plan_settings().stop
    return budget.pick(usd=stop.min_gain_pp_per_100_usd, programs=stop.min_gain_pp_per_program)


def walk(
    s: Setup,
    *,
    with_curve: bool = True,
    spend_all: bool = False,
    min_gain: float | None = None,
) -> Walked:
    """The plan and the curve from one greedy walk up the grid, local search at the plan's
    own budget only. Without ``spend_all`` the plan stops where the next 100 USD (or
    program) adds less than ``min_gain`` points of the objective (the stop rule); a budget
    past the point where the curve stops rising (saturation) is cut there."""
    costs = costs_for(s)
    amount = s.budget.amount
    end = curve_end(s, costs) if with_curve else min(amount, costs.cost(costs.sizes()))
    grid, ahead = _grid(s.budget, end)
    # the grid point past the end too: a plan between two grid points is the prefix of the
    # extension toward the next one (``Walker.between``), with or without the curve
    walker = Walker(
        s.inst, costs, np.ones(s.inst.n, dtype=bool), [*grid, ahead], local_search=False
    )
    sat = plan_settings().saturation
    flat = s.budget.pick(usd=sat.pp_per_100_usd, programs=sat.pp_per_program)
    unit = s.budget.pick(usd=100.0, programs=1.0)
    window = s.budget.pick(usd=plan_settings().curve.min_extra_usd, programs=20.0)
    plain = replace(s.inst, utility=np.ones(s.inst.n))  # its value is P(match)
    p_match: list[tuple[float, float]] = []  # (grid budget, P(match) of the greedy plan)
    reach = end  # where the walk can plan: its end, or where the curve went flat
    for g in grid:
        walker.step(g)
        p_match.append((g, value(plain, walker.state.mask, walker.state.sig)))
        if _flat(p_match, g, amount, window, flat / 100 / unit):
            reach = g
            break
    threshold = min_gain_default(s.budget) if min_gain is None else min_gain
    within = [(b, p) for b, p in p_match if b <= amount + 1e-9]
    last = within[-1][0] if within else 0.0
    if reach >= amount - 1e-9 and amount <= end + 1e-9 and amount > last + 1e-9:
        # the last step, to a budget between grid points (or under the first), counts too
        within.append((amount, _greedy_value(walker, plain, within, amount)))
    recommended = _stop_point(within, threshold / 100, unit)
    spend = amount if spend_all or recommended is None else min(amount, recommended)
    spend = min(spend, reach)
    state = plan_at(walker, spend)
    curve = _curve(s, walker, costs, state, spend, plain, [p for _, p in p_match])
    method = "greedy by gain per fee up the budget grid, local search at the plan's budget"
    return Walked(state, curve, spend, recommended, threshold, spend_all, method, walker)


def whole_budget(s: Setup, walked: Walked) -> State | None:
    """The plan ``walk(s, with_curve=False, spend_all=True)`` makes, read from a walk with
    the curve (the same grid up to the budget, the same steps), without walking again."""
    if walked.walker is None:
        return None
    costs = walked.walker.costs
    end = min(s.budget.amount, costs.cost(costs.sizes()))
    points = walked.walker.points
    # short of the end only where the curve went flat before it (the same steps stop there)
    spend = points[-1].budget if points and points[-1].budget < end - 1e-9 else end
    if spend == walked.spend:  # the plan the walk made at this spend (plan_at is deterministic)
        return walked.state
    return plan_at(walked.walker, spend)


def _greedy_value(
    walker: Walker, plain: Instance, within: Sequence[tuple[float, float]], amount: float
) -> float:
    """P(match) of the greedy plan at ``amount``, past the last grid point within it: the
    prefix of the extension toward the next point that fits, as ``plan_at`` starts from."""
    if within:
        start, at = walker.states[len(within) - 1], within[-1][0]
    else:
        start, at = empty_state(walker.inst, walker.allowed), 0.0
    st = walker.between(amount, start, at)
    return value(plain, st.mask, st.sig)


def _grid(budget: Budget, end: float) -> tuple[list[float], float]:
    """The grid up to ``end`` and its next point past ``end``."""
    points = budget.pick(usd=usd_grid, programs=count_grid)(max(end, 1e-9) + 1_000.0)
    grid = [g for g in points if g <= max(end, 1e-9) + 1e-9]
    return grid, points[len(grid)]


def _flat(
    points: Sequence[tuple[float, float]], g: float, amount: float, window: float, rate: float
) -> bool:
    """Whether the walk can stop at ``g``: past the budget, P(match) (``points``: budget,
    P(match)) has gained less than ``rate`` per budget unit over the last ``window``; before
    it (a budget the curve cannot use), over the last ``FLAT_WINDOWS`` windows."""
    span = window if g >= amount - 1e-9 else FLAT_WINDOWS * window
    recent = [(b, p) for b, p in points if b >= g - span - 1e-9]
    if g < span or len(recent) < 2:
        return False
    steps = zip(recent, recent[1:], strict=False)
    return all((p1 - p0) / (b1 - b0) < rate for (b0, p0), (b1, p1) in steps)


def _stop_point(points: Sequence[tuple[float, float]], gain: float, unit: float) -> float | None:
    """The smallest grid budget after which every step of P(match) (``points``: budget,
    P(match)) adds less than ``gain`` per ``unit``, the first step counted from nothing;
    None if the last step still adds that much."""
    path = [(0.0, 0.0), *points]
    slopes = [
        (v1 - v0) * unit / (b1 - b0) for (b0, v0), (b1, v1) in zip(path, path[1:], strict=False)
    ]
    if not slopes or slopes[-1] >= gain:
        return None
    i = len(slopes)
    while i > 0 and slopes[i - 1] < gain:
        i -= 1
    return path[i][0]


def _curve(
    s: Setup,
    walker: Walker,
    costs: CostModel,
    plan: State,
    spend: float,
    plain: Instance,
    p_match: Sequence[float],
) -> list[BudgetPoint]:
    """The curve: the greedy plan per grid budget, or the plan itself where it is better (it
    fits every budget from ``spend`` on), and the plan's own point; ``p_match``: P(match)
    of the greedy plan at each grid point, as the walk measured it."""
    plan_value = value(s.inst, plan.mask, plan.sig)
    out = []
    for p, p_greedy in zip(walker.points, p_match, strict=True):
        if p.budget >= spend - 1e-9 and plan_value > p.value:
            out.append(_point(s, costs, p.budget, plan, plain))
        else:  # the walk's own figures for its plan there
            out.append(BudgetPoint(p.budget, p.cost, p_greedy, p.n_programs, p.value))
    if not any(abs(p.budget - spend) < 1e-9 for p in out) and spend > 0:
        out.append(_point(s, costs, spend, plan, plain))
    return sorted(out, key=lambda p: p.budget)


def _point(s: Setup, costs: CostModel, budget: float, st: State, plain: Instance) -> BudgetPoint:
    return BudgetPoint(
        budget=budget,
        cost_usd=costs.cost(st.counts),
        p_match=value(plain, st.mask, st.sig),
        n_programs=int(st.mask.sum()),
        value=value(s.inst, st.mask, st.sig),
    )


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
    model: ChanceModel,
    cands: Candidates,
    rows: Sequence[int],
    signals: Mapping[str, str],
    utility: np.ndarray | None = None,
    lst: Listed | None = None,
) -> float:
    """P(success) of applying to ``rows`` with ``signals`` under ``model`` (the expected
    worth of the match with ``utility``, per candidate); ``lst``: ``listed`` for these rows
    and signals, where the caller scores them under many models."""
    if not len(rows):
        return 0.0
    idx = np.asarray(rows, dtype=int)
    ch = chances_of(model, cands, lst or listed(model, cands, signals, idx))
    sub = list_instance(
        ch.success[idx], ch.weights, cands.roles[idx], None if utility is None else utility[idx]
    )
    return value(sub, np.ones(len(idx), dtype=bool), -np.ones(sub.n_units, dtype=int))


def p_match_range(s: Setup, rows: Sequence[int], signals: Mapping[str, str]) -> tuple[float, float]:
    """The central 80% of P(match) of the list over the assumptions' ranges (planning.ranges)."""
    lst = listed(s.model, s.cands, signals, rows)  # the same for every draw
    idx = np.asarray(rows, dtype=int)
    roles = s.cands.roles[idx]
    chosen_all = np.ones(len(idx), dtype=bool)

    def scores(batch: ChanceModel) -> np.ndarray:
        """``score`` under every draw of the batch: the chances of all draws at once."""
        success, weights = list_success_batch(batch, s.cands, lst, idx)
        out = np.empty(len(success))
        for d, rows_d in enumerate(success):
            sub = list_instance(rows_d, weights, roles)
            out[d] = value(sub, chosen_all, -np.ones(sub.n_units, dtype=int))
        return out

    return list_range(
        s.model, lambda m, r, g: score(m, s.cands, r, g, lst=lst), rows, signals, scores
    )


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
        p_match_primary=score(s.model, s.cands, primary_rows(s, c.rows), c.signals),
        value=score(s.model, s.cands, c.rows, c.signals, s.inst.utility),
    )


def primary_rows(s: Setup, rows: Sequence[int]) -> list[int]:
    """The rows that can give a match in the primary specialty: its own, and the PGY-1
    years its advanced tracks need."""
    primary = s.profile.targets.primary
    return [r for r in rows if s.cands.programs[r].specialty == primary or s.cands.roles[r] == PGY1]
