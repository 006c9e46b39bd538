"""Worst gap between the planner's heuristic and exhaustive search on random instances.

Usage: python benchmarks/bench_planner_gap.py [N_INSTANCES] [SEED]

Instances have 2 to 14 candidate tracks in 1 to 3 fee groups with ERAS-shaped
tiers (flat first tier, or cheap then dearer), a fixed transcript fee, 1 to 5
quadrature nodes (correlated outcomes), advanced / PGY-1 roles and, for up to 9
candidates, utility weights. The heuristic is forced (method="greedy"); the
exhaustive reference is written independently in tests/planner_instances.py.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from planner_instances import (  # noqa: E402
    SCHEDULES,
    exhaustive,
    exhaustive_p_match,
    random_instance,
    tier_fee,
)
from smartpick.planning import cost_model, solve  # noqa: E402


def one_gap(rng: np.random.Generator, i: int) -> tuple[float, int]:
    n = int(rng.integers(2, 15))
    utilities = n <= 9 and bool(rng.integers(0, 2))
    inst = random_instance(rng, n, roles=bool(rng.integers(0, 2)), utilities=utilities)
    schedule = sorted(SCHEDULES)[i % 2]
    fee = tier_fee(schedule)
    costs = cost_model(inst, fee, 80.0)
    limit = float(rng.uniform(90, 500))
    sol = solve(inst, costs, limit, method="greedy")
    assert sol.cost <= limit
    best = (
        exhaustive(inst, fee, 80.0, limit)
        if utilities
        else exhaustive_p_match(inst, fee, 80.0, limit)
    )
    return best - sol.value, n


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500, help="random instances")
    parser.add_argument("seed", nargs="?", type=int, default=2026, help="random seed")
    args = parser.parse_args()
    count, rng = args.count, np.random.default_rng(args.seed)
    start = time.perf_counter()
    gaps = [one_gap(rng, i) for i in range(count)]
    worst, n_worst = max(gaps)
    values = np.array([g for g, _ in gaps])
    print(f"instances: {count} (2-14 candidates)  time: {time.perf_counter() - start:.1f} s")
    print(f"worst gap: {100 * worst:.3f} percentage points (instance with {n_worst} candidates)")
    print(f"mean gap: {100 * values.mean():.4f} pp; optimal in {np.mean(values < 1e-9):.1%}")
    print(f"gap > 0.5 pp: {int((values > 0.005).sum())}")


if __name__ == "__main__":
    main()
