"""Properties of the plan optimiser on random instances (random node probabilities).

Budget never exceeded; P(match) never falls when the budget grows; within 0.5
percentage points of exhaustive search up to 14 programs. The worst gap over a
larger sample is printed by ``benchmarks/bench_planner_gap.py``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner_instances import (
    SCHEDULES,
    exhaustive,
    exhaustive_p_match,
    random_instance,
    reference_value,
    tier_fee,
)
from smartpick.planning import cost_model, count_grid, count_model, solve, usd_grid

GAP_LIMIT = 0.005  # 0.5 percentage points

seeds = st.integers(min_value=0, max_value=2**32 - 1)
schedules = st.sampled_from(sorted(SCHEDULES))


def _setup(seed: int, n: int, schedule: str, roles: bool = True, utilities: bool = False):
    rng = np.random.default_rng(seed)
    inst = random_instance(rng, n, roles=roles, utilities=utilities)
    fee = tier_fee(schedule)
    return rng, inst, fee, cost_model(inst, fee, 80.0)


@settings(max_examples=25, deadline=None)
@given(seed=seeds, schedule=schedules, n=st.integers(1, 40))
def test_budget_never_exceeded(seed, schedule, n):
    rng, inst, fee, costs = _setup(seed, n, schedule)
    limit = float(rng.uniform(0, 900))
    sol = solve(inst, costs, limit)
    counts = np.bincount(inst.group[list(sol.rows)], minlength=len(inst.groups))
    by_hand = sum(fee(g, int(c)) for g, c in zip(inst.groups, counts, strict=True))
    by_hand += 80.0 if sol.rows else 0.0
    assert by_hand <= limit + 1e-9
    assert sol.cost == pytest.approx(by_hand)
    assert sol.value == pytest.approx(reference_value(inst, list(sol.rows)))


@settings(max_examples=12, deadline=None)
@given(seed=seeds, schedule=schedules, n=st.integers(1, 40))
def test_p_match_never_falls_when_budget_grows(seed, schedule, n):
    rng, inst, _fee, costs = _setup(seed, n, schedule)
    budgets = np.sort(rng.uniform(0, 900, size=4))
    values = [solve(inst, costs, float(b), grid=usd_grid(float(b))).value for b in budgets]
    assert all(b >= a - 1e-12 for a, b in zip(values, values[1:], strict=False))


@settings(max_examples=8, deadline=None)
@given(seed=seeds, n=st.integers(1, 40))
def test_program_count_budget_respected_and_monotone(seed, n):
    rng = np.random.default_rng(seed)
    inst = random_instance(rng, n, roles=True, utilities=False)
    costs = count_model(inst)
    values = []
    for k in range(0, min(n, 12) + 1):
        sol = solve(inst, costs, k, grid=count_grid(k))
        assert len(sol.rows) <= k
        values.append(sol.value)
    assert all(b >= a - 1e-12 for a, b in zip(values, values[1:], strict=False))


# The gap tests are derandomised (the same instances every run) so CI is not flaky;
# benchmarks/bench_planner_gap.py explores thousands of fresh instances.
@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=seeds, schedule=schedules, n=st.integers(2, 9), utilities=st.booleans())
def test_within_half_a_point_of_exhaustive_search(seed, schedule, n, utilities):
    rng, inst, fee, costs = _setup(seed, n, schedule, utilities=utilities)
    limit = float(rng.uniform(90, 450))
    sol = solve(inst, costs, limit, method="greedy")
    assert exhaustive(inst, fee, 80.0, limit) - sol.value <= GAP_LIMIT


@settings(max_examples=8, deadline=None, derandomize=True)
@given(seed=seeds, schedule=schedules)
def test_fourteen_programs_within_half_a_point_of_exhaustive_search(seed, schedule):
    rng, inst, fee, costs = _setup(seed, 14, schedule)
    limit = float(rng.uniform(150, 500))
    sol = solve(inst, costs, limit, method="greedy")
    assert exhaustive_p_match(inst, fee, 80.0, limit) - sol.value <= GAP_LIMIT


@settings(max_examples=10, deadline=None)
@given(seed=seeds, schedule=schedules, n=st.integers(1, 9))
def test_exact_method_matches_exhaustive_search(seed, schedule, n):
    rng, inst, fee, costs = _setup(seed, n, schedule, utilities=True)
    limit = float(rng.uniform(90, 450))
    sol = solve(inst, costs, limit, method="exact")
    assert sol.value == pytest.approx(exhaustive(inst, fee, 80.0, limit))


@settings(max_examples=20, deadline=None)
@given(seed=seeds, schedule=schedules, n=st.integers(2, 30))
def test_advanced_tracks_come_with_a_pgy1_application(seed, schedule, n):
    from smartpick.planning import ADVANCED, PGY1

    rng, inst, _fee, costs = _setup(seed, n, schedule)
    sol = solve(inst, costs, float(rng.uniform(100, 700)))
    roles = {int(inst.role[r]) for r in sol.rows}
    # an advanced track without a PGY-1 application (or the reverse) adds nothing
    assert (ADVANCED in roles) == (PGY1 in roles)
