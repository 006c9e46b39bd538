"""Random planning instances and an independent brute-force reference for the planner tests.

The generator draws node probabilities directly: it exercises the optimiser, not
the chance model. The reference objective is written from the definition in
docs/plan.md, separately from ``smartpick.planning.objective``.
"""

from __future__ import annotations

import itertools

import numpy as np

from smartpick.planning import ADVANCED, MAIN, PGY1, Instance, cost_model, make_instance

SCHEDULES = {
    # (first tier size, first-tier fee, flat?, later fee): scaled-down ERAS-like tiers
    "flat-then-each": (3, 99.0, True, 19.0),
    "each-then-dearer": (3, 11.0, False, 30.0),
}


def tier_fee(schedule: str):
    size, first, flat, later = SCHEDULES[schedule]

    def fee(_group: str, k: int) -> float:
        if k == 0:
            return 0.0
        head = first if flat else first * min(k, size)
        return head + later * max(0, k - size)

    return fee


def random_instance(rng: np.random.Generator, n: int, *, roles: bool, utilities: bool) -> Instance:
    k = int(rng.integers(1, 6))
    z = rng.normal(size=k)
    base = rng.uniform(-3.0, 1.5, size=n)
    slope = rng.uniform(0.2, 1.5, size=n)
    success = 1.0 / (1.0 + np.exp(-(base[:, None] + slope[:, None] * z[None, :])))
    groups = [f"g{int(g)}" for g in rng.integers(0, int(rng.integers(1, 4)), size=n)]
    role = [MAIN] * n
    if roles:
        role = [int(r) for r in rng.choice([MAIN, ADVANCED, PGY1], size=n, p=[0.5, 0.25, 0.25])]
    utility = rng.uniform(0.3, 1.0, size=n) if utilities else None
    return make_instance(success, rng.dirichlet(np.ones(k)), groups, role=role, utility=utility)


def reference_value(inst: Instance, rows: list[int]) -> float:
    """E_z of the utility of the best usable match, by its definition (loops)."""
    total = 0.0
    for kz, w in enumerate(inst.weights):
        s = {r: float(inst.success[r, kz]) for r in rows}
        fail_pgy1 = np.prod([1 - s[r] for r in rows if inst.role[r] == PGY1])
        total += w * (
            (1 - fail_pgy1) * _best(inst, s, [r for r in rows if inst.role[r] != PGY1])
            + fail_pgy1 * _best(inst, s, [r for r in rows if inst.role[r] == MAIN])
        )
    return float(total)


def _best(inst: Instance, s: dict[int, float], rows: list[int]) -> float:
    """E[max utility over the programs that take the applicant], outcomes independent."""
    ranked = sorted(rows, key=lambda r: -inst.utility[r])
    out, none_above = 0.0, 1.0
    for r in ranked:
        out += inst.utility[r] * s[r] * none_above
        none_above *= 1 - s[r]
    return out


def exhaustive(inst: Instance, fee, fixed: float, limit: float) -> float:
    """Best reference value over every subset whose cost is within ``limit``."""
    costs = cost_model(inst, fee, fixed)
    best = 0.0
    for size in range(1, inst.n + 1):
        for rows in itertools.combinations(range(inst.n), size):
            counts = np.bincount(inst.group[list(rows)], minlength=len(inst.groups))
            if costs.cost(counts) <= limit + 1e-9:
                best = max(best, reference_value(inst, list(rows)))
    return best


def exhaustive_p_match(inst: Instance, fee, fixed: float, limit: float) -> float:
    """Best P(success) over every affordable subset, vectorised (utilities all 1)."""
    n = inst.n
    masks = ((np.arange(1 << n)[:, None] >> np.arange(n)[None, :]) & 1).astype(float)
    log_fail = np.log1p(-inst.success)
    by_role = {r: masks * (inst.role == r)[None, :] for r in (MAIN, ADVANCED, PGY1)}
    fail = {r: np.exp(m @ log_fail) for r, m in by_role.items()}
    p_fail = fail[MAIN] * (1 - (1 - fail[ADVANCED]) * (1 - fail[PGY1]))
    p_match = (1 - p_fail) @ inst.weights
    counts = masks @ np.eye(len(inst.groups))[inst.group]
    cost = np.zeros(len(masks))
    for g, name in enumerate(inst.groups):
        cost += np.array([fee(name, int(k)) for k in counts[:, g]])
    cost += np.where(masks.sum(axis=1) > 0, fixed, 0.0)
    return float(np.max(np.where(cost <= limit + 1e-9, p_match, 0.0)))
