"""Plans along a budget grid: the optimiser's entry point and the P(match)-budget curve.

``solve`` walks a fixed grid of budgets upward. At each grid point it extends the
previous point's plan greedily, then improves it by local search; a budget between
two grid points gets the longest prefix of the next extension that fits. Because
every plan starts from (a superset of) the plan of the smaller budget and the
objective is monotone, the value never falls when the budget grows, by
construction (tested as a property). Small instances are solved exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .instance import CostModel, Instance
from .local_search import improve
from .search import (
    Move,
    State,
    apply_move,
    empty_state,
    exact,
    greedy_extend,
    state_cost,
    state_value,
)

EXACT_MAX = 12


@dataclass(frozen=True)
class Solution:
    """A plan: chosen rows, each unit's signal tier (-1 none), its value, cost and method."""

    rows: tuple[int, ...]
    sig: np.ndarray
    value: float
    cost: float
    method: str


@dataclass(frozen=True)
class CurvePoint:
    budget: float
    value: float
    cost: float
    n_programs: int


def usd_grid(limit: float) -> list[float]:
    """Budgets of the USD grid up to ``limit``: 100s to 2,000, 250s to 10,000, then 500s."""
    grid: list[float] = []
    b = 0.0
    while b < limit - 1e-9:
        b += 100.0 if b < 2000 else 250.0 if b < 10000 else 500.0
        grid.append(b)
    return [g for g in grid if g <= limit + 1e-9]


def count_grid(limit: float) -> list[float]:
    """Budgets of the program-count grid: every count to 30, 5s to 200, then 10s."""
    grid: list[float] = []
    b = 0.0
    while b < limit - 1e-9:
        b += 1.0 if b < 30 else 5.0 if b < 200 else 10.0
        grid.append(b)
    return [g for g in grid if g <= limit + 1e-9]


def achievable_grid(
    inst: Instance, costs: CostModel, max_points: int = 3000, max_grid: int = 200
) -> list[float] | None:
    """Every cost a plan can have (small instances only): then every budget is a grid point."""
    sizes = [int((inst.group == g).sum()) + 1 for g in range(len(inst.groups))]
    if int(np.prod(sizes)) > max_points:
        return None
    values = {0.0}
    for counts in np.ndindex(*sizes):
        values.add(costs.cost(np.array(counts)))
    grid = sorted(v for v in values if v > 0)
    return grid if len(grid) <= max_grid else None


def _solution(inst: Instance, costs: CostModel, st: State, method: str) -> Solution:
    return Solution(
        rows=tuple(int(r) for r in np.flatnonzero(st.mask)),
        sig=st.sig.copy(),
        value=state_value(inst, st),
        cost=state_cost(costs, st),
        method=method,
    )


@dataclass
class Walker:
    """Walks the grid upward, keeping the plan at the last grid point reached."""

    inst: Instance
    costs: CostModel
    allowed: np.ndarray
    grid: list[float]
    swap_tries: int = 8
    thorough: bool = False  # thorough local search at every grid point, not just the last
    local_search: bool = True  # False: greedy only (the caller improves where it plans)

    def __post_init__(self) -> None:
        self.state = empty_state(self.inst, self.allowed)
        self.at = 0.0
        self.points: list[CurvePoint] = []
        self.states: list[State] = []  # the plan at each grid point reached

    def step_to(self, budget: float) -> None:
        """Advance through every grid point up to ``budget`` (inclusive)."""
        for g in self.grid:
            if self.at < g <= budget + 1e-9:
                self.step(g, g == max(x for x in self.grid if x <= budget + 1e-9))

    def step(self, g: float, last: bool = False) -> None:
        """Advance to grid point ``g`` (the next one), with local search if ``last``."""
        st = greedy_extend(self.inst, self.costs, self.state.copy(), g)
        if self.local_search:
            last = self.thorough or last
            tries, rounds = (self.swap_tries, 32) if last else (2, 1)
            st = improve(self.inst, self.costs, st, g, tries, last, rounds)
        self.state = st
        self.at = g
        self.states.append(st)
        value, cost = state_value(self.inst, st), state_cost(self.costs, st)
        self.points.append(CurvePoint(g, value, cost, int(st.mask.sum())))

    def between(self, budget: float, start: State | None = None, at: float = 0.0) -> State:
        """Longest prefix fitting ``budget`` of the extension toward the next grid point, from
        the last grid point reached (or from ``start``, the plan at budget ``at``)."""
        if start is None:
            start, at = self.state, self.at
        nxt = next((g for g in self.grid if g > at + 1e-9), budget)
        log: list[Move] = []
        greedy_extend(self.inst, self.costs, start.copy(), max(nxt, budget), log)
        st = start.copy()
        for mv in log:
            trial = st.copy()
            apply_move(self.inst, trial, mv)
            if state_cost(self.costs, trial) > budget + 1e-9:
                break
            st = trial
        return st


def plan_at(walker: Walker, spend: float) -> State:
    """The plan the engine reports at ``spend``: the greedy walk's plan at the last grid point
    within it (or the prefix of the next extension that fits), improved by local search."""
    below = [i for i, p in enumerate(walker.points) if p.budget <= spend + 1e-9]
    if below and walker.points[below[-1]].budget >= spend - 1e-9:
        st = walker.states[below[-1]].copy()
    elif below:
        st = walker.between(spend, walker.states[below[-1]], walker.points[below[-1]].budget)
    else:
        st = walker.between(spend, empty_state(walker.inst, walker.allowed), 0.0)
    return improve(walker.inst, walker.costs, st, spend, walker.swap_tries, True, 32)


def solve(
    inst: Instance,
    costs: CostModel,
    limit: float,
    *,
    allowed: np.ndarray | None = None,
    grid: list[float] | None = None,
    method: str = "auto",
    swap_tries: int = 8,
) -> Solution:
    """The plan for budget ``limit`` (USD or programs, as ``costs`` counts them).

    ``method``: "auto" (exact when at most EXACT_MAX candidates and no signals,
    otherwise the grid walk), "exact" or "greedy" (the grid walk).
    """
    allow = np.ones(inst.n, dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool)
    small = int(allow.sum()) <= EXACT_MAX and not inst.has_signals
    if method == "exact" or (method == "auto" and small):
        return _solution(inst, costs, exact(inst, costs, limit, allow), "exact")
    if grid is None:
        grid = achievable_grid(inst, costs) or usd_grid(limit)
    walker = Walker(inst, costs, allow, grid, swap_tries, local_search=False)
    walker.step_to(limit)
    return _solution(inst, costs, plan_at(walker, limit), "greedy+local-search")


def curve(
    inst: Instance,
    costs: CostModel,
    limit: float,
    *,
    allowed: np.ndarray | None = None,
    grid: list[float] | None = None,
    swap_tries: int = 8,
) -> list[CurvePoint]:
    """Value and cost of the plan at every grid budget up to ``limit``."""
    allow = np.ones(inst.n, dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool)
    walker = Walker(
        inst,
        costs,
        allow,
        grid if grid is not None else usd_grid(limit),
        swap_tries,
        local_search=False,
    )
    walker.step_to(limit)
    return walker.points
