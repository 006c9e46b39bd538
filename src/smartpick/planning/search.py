"""Search: greedy by marginal gain per marginal fee, and exact enumeration.

The greedy step considers three kinds of move: apply to one track; apply to one
track and send its institution a signal of some tier (while the group's quota of
that tier lasts); apply to an advanced track together with a PGY-1 track (an
advanced track alone is worth nothing until a PGY-1 application exists). Each
move's gain is divided by its marginal fee under the tiered per-group schedule, so
the allocation across specialties follows the tiers. Local search
(``planning.local_search``) then improves what the greedy step chose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .instance import CostModel, Instance
from .objective import (
    Parts,
    add_values,
    pair_values,
    parts,
    value,
)

EPS = 1e-12
PAIR_SHORTLIST = 60
LAZY_CHUNK = 32  # rows whose exact gain is computed at once (doubling) in the lazy greedy


@dataclass
class State:
    """A plan under construction: which candidates, which units get which signal tier."""

    mask: np.ndarray
    sig: np.ndarray
    counts: np.ndarray
    allowed: np.ndarray
    quota_left: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=int))
    # (1 + tiers, n): the gain of adding each row (without a signal, then with each tier)
    # when last computed; gains only fall as a list grows, so these bound them (lazy greedy).
    # None: unknown (after a removal or a signal moved, gains can rise).
    bounds: np.ndarray | None = None

    def copy(self) -> State:
        return State(
            self.mask.copy(),
            self.sig.copy(),
            self.counts.copy(),
            self.allowed,
            self.quota_left.copy(),
            None if self.bounds is None else self.bounds.copy(),
        )


def empty_state(inst: Instance, allowed: np.ndarray | None = None) -> State:
    allow = np.ones(inst.n, dtype=bool) if allowed is None else np.asarray(allowed, dtype=bool)
    return State(
        mask=np.zeros(inst.n, dtype=bool),
        sig=-np.ones(inst.n_units, dtype=int),
        counts=np.zeros(len(inst.groups), dtype=int),
        allowed=allow,
        quota_left=inst.signal_quota.copy(),
    )


def state_value(inst: Instance, st: State) -> float:
    return value(inst, st.mask, st.sig)


def state_cost(costs: CostModel, st: State) -> float:
    return costs.cost(st.counts)


@dataclass(frozen=True)
class Move:
    rows: tuple[int, ...]
    signal: tuple[int, int] | None  # (unit, tier)
    gain: float
    fee: float

    @property
    def ratio(self) -> float:
        return self.gain / max(self.fee, 1e-6)


def apply_move(inst: Instance, st: State, mv: Move) -> None:
    for r in mv.rows:
        st.mask[r] = True
        st.counts[inst.group[r]] += 1
    if mv.signal is not None:
        unit, tier = mv.signal
        st.sig[unit] = tier
        st.quota_left[inst.pool[mv.rows[0]], tier] -= 1
    if st.bounds is not None:
        _forget_raised(inst, st.bounds, mv.rows)


def _forget_raised(inst: Instance, bounds: np.ndarray, added: tuple[int, ...]) -> None:
    """After ``added``, the gains that can rise are no longer bounded: advanced and PGY-1
    tracks (each makes the other count), and the rows of the added rows' signal units (a
    signal there now lifts the added rows too)."""
    bounds[:, inst.not_main] = np.inf
    for unit in {int(inst.unit[r]) for r in added}:
        bounds[:, inst.rows_of_unit(unit)] = np.inf


def _bounds(inst: Instance, st: State) -> np.ndarray:
    if st.bounds is None:
        st.bounds = np.full((1 + len(inst.signal_tiers), inst.n), np.inf)
    return st.bounds


def _single_moves(
    inst: Instance, costs: CostModel, st: State, room: float, p: Parts, blocks: bool = True
) -> list[Move]:
    current = float(p.node_values() @ inst.weights)
    fees = costs.marginal(st.counts)[inst.group]
    fee = np.maximum(fees, 1e-6)
    open_rows = ~st.mask & st.allowed & (fees <= room + 1e-9)
    bounds = _bounds(inst, st)
    moves = _lazy_best(inst, p, bounds[0], None, open_rows, fees, fee, current, None)
    if blocks:
        moves += _block_moves(inst, costs, st, room)
    if len(inst.signal_tiers):
        unsignalled = open_rows & (st.sig[inst.unit] < 0)
        for t in range(len(inst.signal_tiers)):
            can = unsignalled & (st.quota_left[inst.pool, t] > 0)
            tier = inst.signal_success[t]
            moves += _lazy_best(inst, p, bounds[t + 1], tier, can, fees, fee, current, t)
    return moves


def _lazy_best(
    inst: Instance,
    p: Parts,
    bound: np.ndarray,
    s_full: np.ndarray | None,
    open_rows: np.ndarray,
    fees: np.ndarray,
    fee: np.ndarray,
    current: float,
    tier: int | None,
) -> list[Move]:
    """The open row with the best gain per fee: exact gains are computed, best bound first,
    only until no bound left can beat the best found (lazy greedy, Minoux 1978); ``bound``
    is updated in place. ``fee``: ``fees`` kept away from 0."""
    rows = np.flatnonzero(open_rows)
    if not len(rows):
        return []
    keys = -(bound[rows] / fee[rows])
    # rows without a bound come first and are all computed: the chunks that hold them at once
    unbounded, size, first = int(np.count_nonzero(keys == -np.inf)), LAZY_CHUNK, 0
    while first < unbounded:
        first, size = first + size, size * 2
    first = max(first, LAZY_CHUNK)
    size = size if first > LAZY_CHUNK else 2 * LAZY_CHUNK
    order = _first_in_order(rows, keys, first + size)  # most searches end in two chunks
    best, best_ratio, start, length = -1, -np.inf, 0, first
    while start < len(rows):
        if start + length > len(order) and len(order) < len(rows):
            order = rows[np.argsort(keys, kind="stable")]
        if best >= 0 and bound[order[start]] / fee[order[start]] <= best_ratio:
            break
        chunk = order[start : start + length]
        gains = add_values(inst, p, s_full, chunk) - current
        bound[chunk] = gains
        ratios = gains / fee[chunk]
        j = int(np.argmax(ratios))
        if ratios[j] > best_ratio:
            best, best_ratio = int(chunk[j]), float(ratios[j])
        start, length, size = start + length, size, size * 2
    signal = None if tier is None else (int(inst.unit[best]), tier)
    return [Move((best,), signal, float(bound[best]), float(fees[best]))]


def _first_in_order(rows: np.ndarray, keys: np.ndarray, least: int) -> np.ndarray:
    """The first ``least`` or more of ``rows`` in the order of a stable sort by ``keys``
    (ties: row order), exactly as that sort puts them, without sorting them all: the rows
    with a key up to the ``least``-th smallest (every tie with it included)."""
    if len(rows) <= 2 * least:
        return rows[np.argsort(keys, kind="stable")]
    cut = np.partition(keys, least - 1)[least - 1]
    head = np.flatnonzero(keys <= cut)
    return rows[head[np.argsort(keys[head], kind="stable")]]


def _block_moves(inst: Instance, costs: CostModel, st: State, room: float) -> list[Move]:
    """Where a flat tier starts, open it with its best block of free applications."""
    moves = []
    marginal = costs.marginal(st.counts)
    opens = (marginal > 0) & (marginal <= room + 1e-9) & ~(costs.second(st.counts) > 0)
    for g in np.flatnonzero(opens):
        in_group = st.allowed & (inst.group == g)
        block = _fill_block(inst, costs, st, in_group, float(marginal[g]))
        if block is not None:
            moves.append(block)
    return moves


def _fill_block(
    inst: Instance, costs: CostModel, st: State, in_group: np.ndarray, first: float
) -> Move | None:
    """Greedy by gain within one group (single tracks or advanced + PGY-1 pairs) while
    the next application is free after the first: one move for the whole block."""
    trial = st.copy()
    trial.allowed = in_group
    start = state_value(inst, st)
    taken: list[int] = []
    limit = state_cost(costs, st) + first
    while True:
        moves = moves_from(inst, costs, trial, limit, blocks=False)
        moves = [m for m in moves if m.signal is None]
        if not moves:
            break
        best = max(moves, key=lambda m: m.gain)
        apply_move(inst, trial, best)
        taken += best.rows
        limit = state_cost(costs, trial)
    if not taken:
        return None
    return Move(tuple(taken), None, state_value(inst, trial) - start, first)


def pair_moves(inst: Instance, costs: CostModel, st: State, room: float, p: Parts) -> list[Move]:
    if inst.all_main:
        return []
    open_rows = ~st.mask & st.allowed
    adv = np.flatnonzero(open_rows & inst.is_advanced)
    pg = np.flatnonzero(open_rows & inst.is_pgy1)
    if not len(adv) or not len(pg):
        return []
    current = float(p.node_values() @ inst.weights)
    adv, pg = _shortlist(inst, p, adv), _shortlist(inst, p, pg)
    gains = pair_values(inst, p, adv, pg) - current
    fees = _pair_fees(costs, st)[np.ix_(inst.group[adv], inst.group[pg])]
    ratio = np.where(fees <= room + 1e-9, gains / np.maximum(fees, 1e-6), -np.inf)
    i, j = np.unravel_index(int(np.argmax(ratio)), ratio.shape)
    if not np.isfinite(ratio[i, j]):
        return []
    return [Move((int(adv[i]), int(pg[j])), None, float(gains[i, j]), float(fees[i, j]))]


def _shortlist(inst: Instance, p: Parts, rows: np.ndarray) -> np.ndarray:
    """The ``PAIR_SHORTLIST`` of ``rows`` with the best chance (weighted over the nodes) under
    the state's signals, best first. Remembered per instance for the rows and their units'
    tiers: most steps of a walk change neither, and the same inputs give the same list."""
    tiers = p.sig[inst.unit[rows]].tobytes() if inst.signal_tiers else b""
    key = (rows.tobytes(), tiers)
    memo = inst.pair_shortlists
    found = memo.get(key)
    if found is None:
        found = rows[np.argsort(-(p.s_rows(rows) @ inst.weights))[:PAIR_SHORTLIST]]
        if len(memo) >= 8:  # a walk needs two (advanced, PGY-1); a few more for local search
            memo.clear()
        memo[key] = found
    return found


def _pair_fees(costs: CostModel, st: State) -> np.ndarray:
    """Marginal fee of one more application in group a and one in group b, (G, G)."""
    one = costs.marginal(st.counts)
    fees = one[:, None] + one[None, :]
    if int(st.counts.sum()) == 0:
        fees -= costs.fixed  # the fixed cost is charged once
    np.fill_diagonal(fees, costs.marginal(st.counts, 2))
    return fees


def moves_from(
    inst: Instance, costs: CostModel, st: State, limit: float, blocks: bool = True
) -> list[Move]:
    """Every candidate move with a positive gain that fits within ``limit``."""
    room = limit - state_cost(costs, st)
    if not _any_fits(inst, costs, st, room):
        return []  # where a walk reaches its grid point: nothing to compute
    p = parts(inst, st.mask, st.sig)
    moves = _single_moves(inst, costs, st, room, p, blocks) + pair_moves(inst, costs, st, room, p)
    return [m for m in moves if m.gain > EPS]


def _any_fits(inst: Instance, costs: CostModel, st: State, room: float) -> bool:
    """Whether one more application fits in ``room``: else no move does (a pair or a block
    costs at least what its first application does)."""
    fits = costs.marginal(st.counts) <= room + 1e-9  # per group
    return bool((fits[inst.group] & ~st.mask & st.allowed).any())


def greedy_extend(
    inst: Instance,
    costs: CostModel,
    st: State,
    limit: float,
    log: list[Move] | None = None,
    first_by_gain: bool = False,
) -> State:
    """Add the best move per marginal fee while one fits within ``limit``.

    ``first_by_gain``: make the first move the one with the largest gain instead
    (the classic companion of ratio greedy for budgets, Khuller et al. 1999).
    """
    by_gain = first_by_gain
    while True:
        moves = moves_from(inst, costs, st, limit)
        if not moves:
            return st
        if by_gain:
            best = max(moves, key=lambda m: (m.gain, m.ratio))
            by_gain = False
        else:
            best = max(moves, key=lambda m: (m.ratio, m.gain))
        apply_move(inst, st, best)
        if log is not None:
            log.append(best)


def exact(inst: Instance, costs: CostModel, limit: float, allowed: np.ndarray) -> State:
    """Best plan by enumerating every subset of the allowed candidates (no signals)."""
    rows = np.flatnonzero(allowed)
    if len(rows) > 16:
        raise ValueError("exact search is limited to 16 candidates")
    best = empty_state(inst, allowed)
    best_value = 0.0
    for bits in range(1, 1 << len(rows)):
        st = empty_state(inst, allowed)
        for k, r in enumerate(rows):
            if bits >> k & 1:
                st.mask[r] = True
                st.counts[inst.group[r]] += 1
        if costs.cost(st.counts) > limit + 1e-9:
            continue
        v = state_value(inst, st)
        if v > best_value + 1e-12:
            best, best_value = st, v
    return best
