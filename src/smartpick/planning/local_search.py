"""Local search: swap the least useful applications for better ones and move signals.

Starting from a plan the greedy step chose (``planning.search``), drop the applications
that add least, spend what they freed better (the best swap-in, then the greedy rules),
and give each signal tier to the chosen unit where it adds most. Every step is exact:
a trial is kept only if the objective rises.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .instance import CostModel, Instance
from .objective import add_values, parts, remove_values, replace_values
from .search import (
    Move,
    State,
    apply_move,
    greedy_extend,
    moves_from,
    state_cost,
    state_value,
)

SIGNAL_MOVES = 64  # at most this many signal moves in a row in the local search
MANY = 40  # above this many chosen, thorough search drops at most 2, 3 or 4 at once


def _without(inst: Instance, st: State, row: int) -> State:
    out = st.copy()
    out.bounds = None  # gains rise after a removal
    out.mask[row] = False
    out.counts[inst.group[row]] -= 1
    unit = inst.unit[row]
    if out.sig[unit] >= 0 and not (out.mask & (inst.unit == unit)).any():
        out.quota_left[inst.pool[row], out.sig[unit]] += 1
        out.sig[unit] = -1
    return out


def improve(
    inst: Instance,
    costs: CostModel,
    st: State,
    limit: float,
    max_tries: int = 8,
    thorough: bool = True,
    rounds: int = 32,
) -> State:
    """Local search: drop the least useful applications, spend the freed budget better;
    move signals. ``thorough`` adds multi-application drops and every refill rule."""
    best = st
    for _ in range(rounds):
        for _ in range(SIGNAL_MOVES):  # signal moves are cheap: exhaust them first
            moved = move_signals(inst, best)
            if moved is None:
                break
            best = moved
        improved = _improve_once(
            inst, costs, best, state_value(inst, best), limit, max_tries, thorough
        )
        if improved is None:
            return best
        best = improved
    return best


def _improve_once(
    inst: Instance,
    costs: CostModel,
    st: State,
    current: float,
    limit: float,
    max_tries: int,
    thorough: bool,
) -> State | None:
    p = parts(inst, st.mask, st.sig)
    loss = current - remove_values(inst, p)
    chosen = np.flatnonzero(st.mask)
    ranked = chosen[np.argsort(loss[chosen])]
    drops = [ranked[i : i + 1] for i in range(min(max_tries, len(ranked)))]
    if thorough:
        sizes = _drop_sizes(len(ranked))
        drops += [ranked[:m] for m in (sizes if len(ranked) <= MANY else sizes[:3])]
    for rows in drops:
        trial = st
        for row in rows:
            trial = _without(inst, trial, int(row))
        for refill in _refills(inst, costs, trial, limit, rows, thorough):
            if state_value(inst, refill) > current + 1e-10:
                return refill
    return None


def _drop_sizes(n_chosen: int) -> list[int]:
    """How many of the least useful applications to drop at once: 2, 3, 4, 6, 8, 12, ..."""
    sizes, m = [], 2
    while m <= n_chosen:
        sizes.append(m)
        m = m + 1 if m < 4 else m * 3 // 2
    return sizes


def _refills(
    inst: Instance,
    costs: CostModel,
    st: State,
    limit: float,
    dropped: np.ndarray,
    thorough: bool,
) -> Iterator[State]:
    """Ways to spend what a removal freed: the best swap-in, then ratio greedy; gain-first
    greedy and the largest-gain moves when ``thorough``."""
    room = limit - state_cost(costs, st)
    p = parts(inst, st.mask, st.sig)
    fees = costs.marginal(st.counts)[inst.group]
    open_rows = ~st.mask & st.allowed & (fees <= room + 1e-9)
    open_rows[dropped] = False
    if open_rows.any():
        vals = np.where(open_rows, add_values(inst, p), -np.inf)
        best = int(np.argmax(vals))
        swapped = st.copy()
        apply_move(inst, swapped, Move((best,), None, float(vals[best]), float(fees[best])))
        yield greedy_extend(inst, costs, swapped, limit)
    yield greedy_extend(inst, costs, st.copy(), limit)
    if not thorough or int(st.mask.sum()) > MANY:
        return
    yield greedy_extend(inst, costs, st.copy(), limit, first_by_gain=True)
    for mv in sorted(moves_from(inst, costs, st, limit), key=lambda m: -m.gain)[:2]:
        trial = st.copy()
        apply_move(inst, trial, mv)
        yield greedy_extend(inst, costs, trial, limit)


def move_signals(inst: Instance, st: State, shortlist: int = 3) -> State | None:
    """Give a signal tier to the chosen unit where it adds most (from the quota left, or
    taken from the signalled unit where it adds least); the best exact improvement, once."""
    if not inst.has_signals or not st.mask.any():
        return None
    base = state_value(inst, st)
    trials: list[State] = []
    for t in range(len(inst.signal_tiers)):
        gains = _unit_gains(inst, st, t)
        for g in np.flatnonzero(inst.signal_quota[:, t] > 0):
            trials += _tier_trials(inst, st, gains, int(g), t, shortlist)
    best: tuple[float, State] | None = None
    for trial in trials:
        v = state_value(inst, trial)
        if v > base + 1e-10 and (best is None or v > best[0]):
            best = (v, trial)
    return None if best is None else best[1]


def _unit_gains(inst: Instance, st: State, t: int) -> np.ndarray:
    """Approximate change of the objective if each unit's chosen tracks got tier t (or,
    for units that have tier t, if they lost it): summed one track at a time."""
    p = parts(inst, st.mask, st.sig)
    current = float(p.node_values() @ inst.weights)
    has_t = (st.sig == t)[inst.unit]
    target = np.where(has_t[:, None], inst.success, inst.signal_success[t])
    change = np.where(st.mask, replace_values(inst, p, target) - current, 0.0)
    return np.bincount(inst.unit, weights=change, minlength=inst.n_units)


def _tier_trials(
    inst: Instance, st: State, gains: np.ndarray, g: int, t: int, shortlist: int
) -> list[State]:
    pools = inst.unit_pool()
    chosen_units = np.zeros(inst.n_units, dtype=bool)
    chosen_units[inst.unit[st.mask]] = True
    open_units = np.flatnonzero(chosen_units & (pools == g) & (st.sig != t))
    best_open = open_units[np.argsort(-gains[open_units])][:shortlist]
    best_open = best_open[gains[best_open] > 1e-12]
    if st.quota_left[g, t] > 0:
        return [t_ for u in best_open for t_ in _signal_trials(inst, st, int(u), g, t, None)]
    donors = np.flatnonzero((st.sig == t) & (pools == g))
    donors = donors[np.argsort(-gains[donors])][:shortlist]  # gains < 0: least loss first
    return [
        t_
        for u in best_open
        for d in donors
        if gains[u] + gains[d] > 1e-12
        for t_ in _signal_trials(inst, st, int(u), g, t, int(d))
    ]


def _signal_trials(
    inst: Instance, st: State, unit: int, g: int, t: int, donor: int | None
) -> list[State]:
    """Give ``unit`` tier t, from the quota (``donor`` None) or taken from ``donor``."""
    out = st.copy()
    out.bounds = None  # moving a signal can raise gains
    if out.sig[unit] >= 0:
        out.quota_left[g, out.sig[unit]] += 1
    if donor is None:
        out.quota_left[g, t] -= 1
    else:
        out.sig[donor] = -1
    out.sig[unit] = t
    return [out]
