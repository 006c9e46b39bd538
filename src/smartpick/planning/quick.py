"""A quick estimate of what the whole budget buys, for screening the what-if list.

The verdict (planning.verdict) needs only the change that adds most P(match), and whether
it adds ``stop.fix_min_gain``. Planning every change exactly costs one full walk each, so
the list is screened first with this estimate: ratio greedy in batches (one evaluation of
every move's gain, then up to ``BATCH`` of the best moves by gain per fee, as if their
gains did not interact), no budget grid and no local search. The changes whose estimate
comes within ``SCREEN_MARGIN`` of the best estimate (or of the threshold) are then planned
exactly, as the what-if plans them, so the verdict's figures are the exact ones.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .engine import Setup, costs_for
from .instance import CostModel, Instance
from .objective import add_values, parts, value
from .search import EPS, Move, State, apply_move, empty_state, pair_moves

BATCH = 4  # moves taken from one evaluation of every gain
SCREEN_MARGIN = 0.04  # estimates within 4 points of the best (or of the threshold) are planned


def quick_p_match(s: Setup) -> float:
    """Estimated P(match) of the plan for the whole budget (planning nodes, the plan's
    objective), typically within a point of the engine's."""
    inst, costs = s.inst, costs_for(s)
    limit = min(s.budget.amount, costs.cost(costs.sizes()))
    st = empty_state(inst)
    while True:
        moves = _batch(inst, costs, st, limit)
        taken = _take(inst, costs, st, limit, moves)
        if not taken:
            break
    plain = replace(inst, utility=np.ones(inst.n))
    return value(plain, st.mask, st.sig)


def _batch(inst: Instance, costs: CostModel, st: State, limit: float) -> list[Move]:
    """The best moves by gain per fee from one evaluation: per row its best option (no
    signal, or a tier its unit can still get), and the best advanced + PGY-1 pair."""
    room = limit - costs.cost(st.counts)
    p = parts(inst, st.mask, st.sig)
    current = float(p.node_values() @ inst.weights)
    fees = costs.marginal(st.counts)[inst.group]
    open_rows = ~st.mask & st.allowed & (fees <= room + 1e-9)
    if not open_rows.any():
        return []
    gains = np.where(open_rows, add_values(inst, p) - current, -np.inf)
    tier = np.full(inst.n, -1)
    unsignalled = open_rows & (st.sig[inst.unit] < 0)
    for t in range(len(inst.signal_tiers)):
        can = np.flatnonzero(unsignalled & (st.quota_left[inst.pool, t] > 0))
        if len(can):  # only the rows of a pool with this tier left
            with_t = np.full(inst.n, -np.inf)
            with_t[can] = add_values(inst, p, inst.signal_success[t], can) - current
            better = with_t > gains
            gains, tier = np.where(better, with_t, gains), np.where(better, t, tier)
    ratio = np.full(inst.n, -np.inf)  # closed rows: no ratio (their fee may be infinite)
    np.divide(gains, np.maximum(fees, 1e-6), out=ratio, where=open_rows)
    order = np.argsort(-ratio, kind="stable")[: 4 * BATCH]
    moves = [
        Move((int(r),), None if tier[r] < 0 else (int(inst.unit[r]), int(tier[r])), g, fees[r])
        for r, g in ((r, float(gains[r])) for r in order)
        if g > EPS
    ]
    moves += pair_moves(inst, costs, st, room, p)
    return sorted(moves, key=lambda m: -m.ratio)


def _take(inst: Instance, costs: CostModel, st: State, limit: float, moves: list[Move]) -> int:
    """Apply up to ``BATCH`` of ``moves`` in order, each while it fits, its rows are still
    open and its signal still available; the number applied."""
    taken = 0
    for mv in moves:
        if taken == BATCH:
            break
        if st.mask[list(mv.rows)].any() or not _signal_free(inst, st, mv):
            continue
        counts = st.counts.copy()
        for r in mv.rows:
            counts[inst.group[r]] += 1
        if costs.cost(counts) > limit + 1e-9:
            continue
        apply_move(inst, st, mv)
        taken += 1
    return taken


def _signal_free(inst: Instance, st: State, mv: Move) -> bool:
    if mv.signal is None:
        return True
    unit, tier = mv.signal
    return bool(st.sig[unit] < 0 and st.quota_left[inst.pool[mv.rows[0]], tier] > 0)
