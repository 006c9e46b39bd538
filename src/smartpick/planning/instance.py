"""The abstract planning instance: candidates, their chances per node, fees and the budget.

Nothing here knows about profiles or the catalog: the service layer builds an
:class:`Instance` from the chance model's node probabilities, and the optimiser
works on arrays only. See ``docs/plan.md`` for the model.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

MAIN, ADVANCED, PGY1 = 0, 1, 2
ROLE_NAMES = {"main": MAIN, "advanced": ADVANCED, "pgy1": PGY1}
S_MAX = 1.0 - 1e-9  # success probabilities are clipped below 1 so removals stay invertible


@dataclass(frozen=True)
class Instance:
    """Candidates (rows) with P(success at p | z_k) per quadrature node (columns).

    ``role``: MAIN counts by itself (categorical or primary-care track, or an
    advanced track whose PGY-1 is built in); ADVANCED counts only together with a
    PGY-1 position from the supplemental list; PGY1 (preliminary / transitional)
    counts only as that PGY-1. ``unit`` indexes the signal unit of each candidate
    (one institution within one fee group: signals go to institutions, not tracks).
    ``signal_success[t]`` is the success matrix if the candidate's unit receives a
    signal of tier ``signal_tiers[t]``; ``signal_quota[g, t]`` is how many signals
    of tier t the applicant may send in signal pool g (``pool``: by default the fee
    group; specialties that share their signals, such as diagnostic and
    interventional radiology, share a pool).
    """

    success: np.ndarray
    weights: np.ndarray
    group: np.ndarray
    groups: tuple[str, ...]
    role: np.ndarray
    utility: np.ndarray
    unit: np.ndarray
    keys: tuple[str, ...] = ()
    signal_success: tuple[np.ndarray, ...] = ()
    signal_tiers: tuple[str, ...] = ()
    signal_quota: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=int))
    pool: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))

    @property
    def n(self) -> int:
        return int(self.success.shape[0])

    @property
    def n_units(self) -> int:
        return int(self.unit.max()) + 1 if self.n else 0

    @property
    def has_signals(self) -> bool:
        return bool(self.signal_tiers) and int(self.signal_quota.sum()) > 0

    @cached_property
    def by_tier(self) -> np.ndarray:
        """``success`` then each ``signal_success[t]``, stacked: (1 + tiers, n, K), so the
        chances of rows under their units' tiers are one lookup (tier + 1, row)."""
        return np.stack([self.success, *self.signal_success])

    @cached_property
    def is_advanced(self) -> np.ndarray:
        return self.role == ADVANCED

    @cached_property
    def is_pgy1(self) -> np.ndarray:
        return self.role == PGY1

    @cached_property
    def not_main(self) -> np.ndarray:
        return self.role != MAIN

    @cached_property
    def all_main(self) -> bool:
        return not self.not_main.any()

    @cached_property
    def _by_unit(self) -> tuple[np.ndarray, np.ndarray]:
        order = np.argsort(self.unit, kind="stable")
        return order, np.searchsorted(self.unit[order], np.arange(self.n_units + 1))

    @cached_property
    def pair_shortlists(self) -> dict[tuple[bytes, bytes], np.ndarray]:
        """The search's remembered pair shortlists (search._shortlist), by rows and tiers."""
        return {}

    def rows_of_unit(self, unit: int) -> np.ndarray:
        """The rows of one signal unit."""
        order, starts = self._by_unit
        return order[starts[unit] : starts[unit + 1]]

    def unit_pool(self) -> np.ndarray:
        """The signal pool of each signal unit."""
        out = np.zeros(self.n_units, dtype=int)
        out[self.unit] = self.pool
        return out


def make_instance(
    success: np.ndarray,
    weights: np.ndarray,
    groups: Sequence[str],
    *,
    role: Sequence[int] | None = None,
    utility: Sequence[float] | None = None,
    institution: Sequence[str] | None = None,
    keys: Sequence[str] = (),
    signal_success: Sequence[np.ndarray] = (),
    signal_tiers: Sequence[str] = (),
    signal_quota: dict[tuple[str, str], int] | None = None,
    signal_pool: Sequence[str] | None = None,
) -> Instance:
    """Build an :class:`Instance`; ``groups[i]`` is candidate i's fee group (specialty).

    ``signal_quota[(pool, tier)]`` counts signals per pool (default pool: the group).
    """
    s = np.clip(np.asarray(success, dtype=float), 0.0, S_MAX)
    n = s.shape[0]
    group_names = tuple(dict.fromkeys(groups))
    pools = list(signal_pool) if signal_pool is not None else list(groups)
    pool_names = tuple(dict.fromkeys(pools))
    inst_names = list(institution) if institution is not None else [str(i) for i in range(n)]
    unit_keys = [f"{pools[i]}|{inst_names[i]}" for i in range(n)]
    unit_index = {k: j for j, k in enumerate(dict.fromkeys(unit_keys))}
    quota = np.zeros((len(pool_names), len(signal_tiers)), dtype=int)
    for (pool, tier), count in (signal_quota or {}).items():
        if pool in pool_names and tier in signal_tiers:
            quota[pool_names.index(pool), list(signal_tiers).index(tier)] = count
    w = np.asarray(weights, dtype=float)
    return Instance(
        success=s,
        weights=w / w.sum(),
        group=np.array([group_names.index(x) for x in groups], dtype=int),
        groups=group_names,
        role=np.asarray(role if role is not None else [MAIN] * n, dtype=int),
        utility=np.asarray(utility if utility is not None else [1.0] * n, dtype=float),
        unit=np.array([unit_index[k] for k in unit_keys], dtype=int),
        keys=tuple(keys),
        signal_success=tuple(np.clip(np.asarray(m, float), 0.0, S_MAX) for m in signal_success),
        signal_tiers=tuple(signal_tiers),
        signal_quota=quota,
        pool=np.array([pool_names.index(x) for x in pools], dtype=int),
    )


def list_instance(
    success: np.ndarray,
    weights: np.ndarray,
    role: np.ndarray,
    utility: np.ndarray | None = None,
) -> Instance:
    """The instance that scores one list with every row chosen and no signal: the same
    chances, weights, roles and worths as ``make_instance`` would give, one signal unit per
    row, without the fee groups a search needs (a list is scored many times: its range)."""
    n = len(success)
    w = np.asarray(weights, dtype=float)
    return Instance(
        success=np.clip(np.asarray(success, dtype=float), 0.0, S_MAX),
        weights=w / w.sum(),
        group=np.zeros(n, dtype=int),
        groups=("list",),
        role=np.asarray(role, dtype=int),
        utility=np.ones(n) if utility is None else np.asarray(utility, dtype=float),
        unit=np.arange(n),
    )


@dataclass(frozen=True)
class CostModel:
    """Cost of a plan: a fee per group for its number of applications, plus a fixed cost.

    ``totals[g][k]`` is the fee of k applications in group g. The fixed cost (the
    transcript fee) is charged once as soon as any application is made.
    """

    totals: tuple[np.ndarray, ...]
    fixed: float

    def __post_init__(self) -> None:
        width = max((len(t) for t in self.totals), default=1) + 2
        table = np.full((len(self.totals), width), np.inf)
        for g, t in enumerate(self.totals):
            table[g, : len(t)] = t
        object.__setattr__(self, "_table", table)
        object.__setattr__(self, "_rows", np.arange(len(self.totals)))
        object.__setattr__(self, "_marginal", {})  # (counts, extra) -> fees: asked many times

    def cost(self, counts: np.ndarray) -> float:
        if int(counts.sum()) == 0:
            return 0.0
        return float(self._table[self._rows, counts].sum() + self.fixed)  # type: ignore[attr-defined]

    def sizes(self) -> np.ndarray:
        """The largest number of applications in each group (every candidate)."""
        return np.array([len(t) - 1 for t in self.totals], dtype=int)

    def marginal(self, counts: np.ndarray, extra: int = 1) -> np.ndarray:
        """Cost of ``extra`` more applications in each group, from ``counts`` (read-only;
        remembered per counts, as a search asks for the same ones at every move)."""
        known: dict[tuple[bytes, int], np.ndarray] = self._marginal  # type: ignore[attr-defined]
        key = (counts.tobytes(), extra)
        found = known.get(key)
        if found is None:
            table, rows = self._table, self._rows  # type: ignore[attr-defined]
            ahead = np.minimum(counts + extra, table.shape[1] - 1)
            found = table[rows, ahead] - table[rows, counts]
            found = found + (self.fixed if int(counts.sum()) == 0 else 0.0)
            found.setflags(write=False)
            if len(known) > 100_000:
                known.clear()
            known[key] = found
        return found

    def second(self, counts: np.ndarray) -> np.ndarray:
        """Cost of the next application in each group after one more there from ``counts``
        (``marginal`` from ``counts`` + 1 in that group alone)."""
        table, rows = self._table, self._rows  # type: ignore[attr-defined]
        last = table.shape[1] - 1
        with np.errstate(invalid="ignore"):  # a full group: no next application (nan)
            return table[rows, np.minimum(counts + 2, last)] - table[rows, counts + 1]


def cost_model(
    instance: Instance, group_fee: Callable[[str, int], float], fixed: float = 0.0
) -> CostModel:
    """Tabulate ``group_fee(group, k)`` for every group up to its number of candidates."""
    totals = []
    for gi, name in enumerate(instance.groups):
        n_g = int((instance.group == gi).sum())
        totals.append(np.array([float(group_fee(name, k)) for k in range(n_g + 1)]))
    return CostModel(tuple(totals), float(fixed))


def count_model(instance: Instance) -> CostModel:
    """A budget in number of applications: each costs 1, nothing fixed."""
    return cost_model(instance, lambda _g, k: float(k), 0.0)
