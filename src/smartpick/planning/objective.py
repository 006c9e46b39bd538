"""The objective: expected utility of the best match, averaged over the applicant factor z.

For one node z, outcomes at different programs are independent; the applicant
ranks programs by utility, so the match is the best program that would take them:

    V(S) = sum over S in utility order of u_i s_i prod_{j before i} (1 - s_j).

Advanced tracks count only with a PGY-1 position; with b = 1 - prod_{PGY-1}(1 - s),

    F(z) = b V(main + advanced) + (1 - b) V(main),

and the objective is sum_k w_k F(z_k). With every utility equal to 1 this is
P(success) = 1 - prod_main(1 - s) (1 - a b), a = P(some advanced track matches).
All functions are vectorised over candidates: ``add_values`` gives the objective
after adding each candidate, ``remove_values`` after removing each chosen one.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .instance import ADVANCED, MAIN, PGY1, Instance


def effective_success(inst: Instance, sig: np.ndarray) -> np.ndarray:
    """The success matrix given which signal tier each unit receives (-1: none)."""
    return success_rows(inst, sig, np.arange(inst.n))


def success_rows(inst: Instance, sig: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The same for ``rows`` only, (len(rows), K)."""
    if not inst.signal_tiers:
        return inst.success[rows]
    return inst.by_tier[sig[inst.unit[rows]] + 1, rows]  # a copy (fancy indexing)


@dataclass(frozen=True)
class Ordered:
    """Prefix sums of V over one chosen set, in utility order (ties: row order), kept for the
    chosen rows only; any row reads them at its place (``pos``) in that order."""

    total: np.ndarray  # (K,) V(S)
    incl: np.ndarray  # (m + 1, K) prod (1 - s) over the first j chosen
    csum: np.ndarray  # (m + 1, K) contribution of the first j chosen
    pos: np.ndarray  # (n,) chosen rows ranked above each row
    mask: np.ndarray  # (n,) the chosen rows

    def before(self, rows: np.ndarray | slice) -> np.ndarray:
        """Contribution of chosen items ranked above each row, (len(rows), K)."""
        return self.csum[self.pos[rows]]

    def prefix(self, rows: np.ndarray | slice) -> np.ndarray:
        """prod (1 - s) over chosen items ranked above each row."""
        return self.incl[self.pos[rows]]

    def after(self, rows: np.ndarray | slice) -> np.ndarray:
        """Contribution of chosen items ranked below each row."""
        return self.total[None, :] - self.csum[self.pos[rows] + self.mask[rows]]

    def added(
        self, s: np.ndarray, u: np.ndarray, rows: np.ndarray | slice = slice(None)
    ) -> np.ndarray:
        """V after adding each (unchosen) candidate of ``rows``; ``s``, ``u`` are its rows'."""
        at = self.pos[rows]  # (before, prefix and after, with one lookup of the places)
        after = self.total[None, :] - self.csum[at + self.mask[rows]]
        return self.csum[at] + self.incl[at] * u[:, None] * s + (1.0 - s) * after

    def removed(self, s: np.ndarray) -> np.ndarray:
        """V after removing each (chosen) candidate, (n, K)."""
        every = slice(None)
        return self.before(every) + self.after(every) / (1.0 - s)

    def replaced(self, s: np.ndarray, s_new: np.ndarray, u: np.ndarray) -> np.ndarray:
        """V after changing each (chosen) candidate's chances from ``s`` to ``s_new``."""
        every = slice(None)
        return (
            self.before(every)
            + self.prefix(every) * u[:, None] * s_new
            + (1.0 - s_new) * self.after(every) / (1.0 - s)
        )


@dataclass(frozen=True)
class Uniform:
    """The same for equal utilities u: V = u (1 - prod (1 - s)), whatever the order."""

    u: float
    fail: np.ndarray  # (K,) prod over chosen of (1 - s)

    @property
    def total(self) -> np.ndarray:
        return self.u * (1.0 - self.fail)

    def added(
        self, s: np.ndarray, u: np.ndarray, rows: np.ndarray | slice = slice(None)
    ) -> np.ndarray:
        return self.u * (1.0 - self.fail[None, :] * (1.0 - s))

    def removed(self, s: np.ndarray) -> np.ndarray:
        return self.u * (1.0 - self.fail[None, :] / (1.0 - s))

    def replaced(self, s: np.ndarray, s_new: np.ndarray, u: np.ndarray) -> np.ndarray:
        return self.u * (1.0 - self.fail[None, :] / (1.0 - s) * (1.0 - s_new))


def ordered(s: np.ndarray, utility: np.ndarray, mask: np.ndarray) -> Ordered | Uniform:
    """Prefix sums for V over ``mask`` (rows in original order; ``s`` full, (n, K))."""
    return _ordered(s[np.flatnonzero(mask)], np.flatnonzero(mask), utility, mask)


def _ordered(
    s_chosen: np.ndarray, chosen: np.ndarray, utility: np.ndarray, mask: np.ndarray
) -> Ordered | Uniform:
    """The same from the chosen rows' chances only (``chosen`` in row order)."""
    k = s_chosen.shape[1]
    order, rank, uniform = _ranking(utility)
    if uniform:
        return Uniform(float(utility[0]), np.prod(1.0 - s_chosen, axis=0))
    by_rank = np.argsort(rank[chosen], kind="stable")  # the chosen, best utility first
    rows, sc = chosen[by_rank], s_chosen[by_rank]
    incl, csum = np.empty((len(rows) + 1, k)), np.empty((len(rows) + 1, k))
    incl[0], csum[0] = 1.0, 0.0
    np.cumprod(1.0 - sc, axis=0, out=incl[1:])
    np.cumsum(utility[rows, None] * sc * incl[:-1], axis=0, out=csum[1:])
    pos = np.searchsorted(rank[rows], rank)
    return Ordered(csum[-1], incl, csum, pos, mask.astype(int))


_RANKINGS: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray, bool]] = {}


def _ranking(utility: np.ndarray) -> tuple[np.ndarray, np.ndarray, bool]:
    """Rows in utility order (ties: row order), each row's place in it, and whether every
    utility is the same; remembered for the few utility arrays a run uses (an instance's
    never changes)."""
    hit = _RANKINGS.get(id(utility))
    if hit is not None and hit[0] is utility:
        return hit[1], hit[2], hit[3]
    order = np.argsort(-utility, kind="stable")
    rank = np.empty(len(order), dtype=int)
    rank[order] = np.arange(len(order))
    uniform = bool(len(utility) and np.all(utility == utility[0]))
    if len(_RANKINGS) > 64:
        _RANKINGS.clear()
    _RANKINGS[id(utility)] = (utility, order, rank, uniform)
    return order, rank, uniform


class Parts:
    """Everything needed to score moves from one state: sums over the chosen rows, and each
    row's chances (with the state's signals) computed when asked for."""

    def __init__(self, inst: Instance, mask: np.ndarray, sig: np.ndarray) -> None:
        self.inst, self.sig = inst, sig
        role = inst.role
        chosen = np.flatnonzero(mask)
        sc = success_rows(inst, sig, chosen)
        self._s: np.ndarray | None = None
        if inst.all_main:  # no advanced or PGY-1 track: one set of sums, nothing to pair
            self.pgy1_fail = np.ones(sc.shape[1])
            self.with_adv = self.main_only = _ordered(sc, chosen, inst.utility, mask)
            return
        self.pgy1_fail = np.prod(1.0 - sc[role[chosen] == PGY1], axis=0)  # (K,)
        m1 = role[chosen] != PGY1
        self.with_adv = _ordered(sc[m1], chosen[m1], inst.utility, mask & (role != PGY1))
        if not (role[chosen] == ADVANCED).any():  # one set of sums serves both
            self.main_only = self.with_adv
        else:
            m0 = role[chosen] == MAIN
            self.main_only = _ordered(sc[m0], chosen[m0], inst.utility, mask & (role == MAIN))

    @property
    def s(self) -> np.ndarray:
        """Every row's chances with the state's signals, (n, K)."""
        if self._s is None:
            self._s = effective_success(self.inst, self.sig)
        return self._s

    def s_rows(self, rows: np.ndarray) -> np.ndarray:
        return success_rows(self.inst, self.sig, rows)

    @property
    def b(self) -> np.ndarray:
        return 1.0 - self.pgy1_fail

    def node_values(self) -> np.ndarray:
        return self.b * self.with_adv.total + self.pgy1_fail * self.main_only.total


def parts(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> Parts:
    return Parts(inst, mask, sig)


def node_values(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> np.ndarray:
    """F(z_k) per node, computed over the chosen rows only."""
    if not mask.any():
        return np.zeros(len(inst.weights))
    return Parts(inst, mask, sig).node_values()


def value(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> float:
    return float(node_values(inst, mask, sig) @ inst.weights)


def add_node_values(
    inst: Instance, p: Parts, s_rows: np.ndarray | None = None, rows: np.ndarray | None = None
) -> np.ndarray:
    """Per-node objective after adding each candidate of ``rows`` (default all), (n, K);
    ``s_rows`` (full (n, K)) overrides the candidates' chances (a signal tier)."""
    idx: np.ndarray | slice = slice(None) if rows is None else rows
    if s_rows is not None:
        s = s_rows[idx]
    else:
        s = p.s if rows is None else p.s_rows(rows)
    u = inst.utility[idx]
    v1_add = p.with_adv.added(s, u, idx)
    if inst.all_main:  # no PGY-1 row: b = 0, and the two sums are one
        return v1_add
    b, fail = p.b, p.pgy1_fail
    v0_add = v1_add if p.main_only is p.with_adv else p.main_only.added(s, u, idx)
    v1, v0 = p.with_adv.total, p.main_only.total
    adv, pg = inst.is_advanced[idx], inst.is_pgy1[idx]
    out = b * v1_add + fail * v0_add  # main rows; advanced and PGY-1 rows replaced below
    if adv.any():
        out[adv] = b * v1_add[adv] + fail * v0
    if pg.any():
        new_fail = fail[None, :] * (1.0 - s[pg])
        out[pg] = (1.0 - new_fail) * v1 + new_fail * v0
    return out


def add_values(
    inst: Instance, p: Parts, s_rows: np.ndarray | None = None, rows: np.ndarray | None = None
) -> np.ndarray:
    return add_node_values(inst, p, s_rows, rows) @ inst.weights


def remove_values(inst: Instance, p: Parts) -> np.ndarray:
    """Objective after removing each candidate (meaningful for chosen ones only)."""
    s, role = p.s, inst.role
    b, fail = p.b, p.pgy1_fail
    v1_rem = p.with_adv.removed(s)
    v0_rem = p.main_only.removed(s)
    v1, v0 = p.with_adv.total, p.main_only.total
    out = np.empty_like(s)
    main, adv, pg = role == MAIN, role == ADVANCED, role == PGY1
    out[main] = b * v1_rem[main] + fail * v0_rem[main]
    out[adv] = b * v1_rem[adv] + fail * v0
    new_fail = fail[None, :] / (1.0 - s[pg])
    out[pg] = (1.0 - new_fail) * v1 + new_fail * v0
    return out @ inst.weights


def replace_values(inst: Instance, p: Parts, s_new: np.ndarray) -> np.ndarray:
    """Objective after changing each chosen candidate's chances to ``s_new`` (one at a time)."""
    s, role, u = p.s, inst.role, inst.utility
    b, fail = p.b, p.pgy1_fail
    v1_rep = p.with_adv.replaced(s, s_new, u)
    v0_rep = p.main_only.replaced(s, s_new, u)
    v1, v0 = p.with_adv.total, p.main_only.total
    out = np.empty_like(s)
    main, adv, pg = role == MAIN, role == ADVANCED, role == PGY1
    out[main] = b * v1_rep[main] + fail * v0_rep[main]
    out[adv] = b * v1_rep[adv] + fail * v0
    new_fail = fail[None, :] / (1.0 - s[pg]) * (1.0 - s_new[pg])
    out[pg] = (1.0 - new_fail) * v1 + new_fail * v0
    return out @ inst.weights


def pair_values(
    inst: Instance, p: Parts, adv_rows: np.ndarray, pgy1_rows: np.ndarray
) -> np.ndarray:
    """Objective after adding advanced track i together with PGY-1 track j, (|adv|, |pgy1|)."""
    v1_add = p.with_adv.added(p.s_rows(adv_rows), inst.utility[adv_rows], adv_rows)
    v0 = p.main_only.total
    new_fail = p.pgy1_fail[None, :] * (1.0 - p.s_rows(pgy1_rows))
    # F = (1 - f') V1add + f' V0 = V1add - f' (V1add - V0)
    base = v1_add @ inst.weights
    cross = (v1_add - v0[None, :]) @ (new_fail * inst.weights[None, :]).T
    return base[:, None] - cross
