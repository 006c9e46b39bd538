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
    s = inst.success
    if not inst.signal_tiers or (sig < 0).all():
        return s
    tier_of_row = sig[inst.unit]
    out = s.copy()
    for t, st in enumerate(inst.signal_success):
        rows = tier_of_row == t
        out[rows] = st[rows]
    return out


@dataclass(frozen=True)
class Ordered:
    """Prefix sums of V over one chosen set, in utility order (ties: row order)."""

    total: np.ndarray  # (K,) V(S)
    before: np.ndarray  # (n, K) contribution of chosen items ranked above i
    prefix: np.ndarray  # (n, K) prod (1 - s_j) over chosen j ranked above i
    after: np.ndarray  # (n, K) contribution of chosen items ranked below i

    def added(
        self, s: np.ndarray, u: np.ndarray, rows: np.ndarray | slice = slice(None)
    ) -> np.ndarray:
        """V after adding each (unchosen) candidate of ``rows``; ``s``, ``u`` are its rows'."""
        return self.before[rows] + self.prefix[rows] * u[:, None] * s + (1.0 - s) * self.after[rows]

    def removed(self, s: np.ndarray) -> np.ndarray:
        """V after removing each (chosen) candidate, (n, K)."""
        return self.before + self.after / (1.0 - s)

    def replaced(self, s: np.ndarray, s_new: np.ndarray, u: np.ndarray) -> np.ndarray:
        """V after changing each (chosen) candidate's chances from ``s`` to ``s_new``."""
        return (
            self.before + self.prefix * u[:, None] * s_new + (1.0 - s_new) * self.after / (1.0 - s)
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
    """Prefix sums for V over ``mask`` (rows in original order)."""
    if len(utility) and np.all(utility == utility[0]):
        return Uniform(float(utility[0]), _fail(s, mask))
    order = np.argsort(-utility, kind="stable")
    so, mo, uo = s[order], mask[order], utility[order]
    q = np.where(mo[:, None], 1.0 - so, 1.0)
    incl = np.cumprod(q, axis=0)
    prefix = np.vstack([np.ones((1, s.shape[1])), incl[:-1]])
    contrib = np.where(mo[:, None], uo[:, None] * so * prefix, 0.0)
    csum = np.cumsum(contrib, axis=0)
    total = csum[-1] if len(so) else np.zeros(s.shape[1])
    before = csum - contrib
    after = total[None, :] - csum
    inv = np.empty_like(order)
    inv[order] = np.arange(len(order))
    return Ordered(total, before[inv], prefix[inv], after[inv])


@dataclass(frozen=True)
class Parts:
    """Everything needed to score moves from one state."""

    s: np.ndarray
    with_adv: Ordered | Uniform
    main_only: Ordered | Uniform
    pgy1_fail: np.ndarray  # (K,) prod over chosen PGY-1 of (1 - s)

    @property
    def b(self) -> np.ndarray:
        return 1.0 - self.pgy1_fail

    def node_values(self) -> np.ndarray:
        return self.b * self.with_adv.total + self.pgy1_fail * self.main_only.total


def _fail(s: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """prod over the masked rows of (1 - s), (K,): over those rows only (the same products,
    in the same order, as multiplying every unmasked row by 1)."""
    return np.prod(1.0 - s[np.flatnonzero(mask)], axis=0)


def _parts(s: np.ndarray, role: np.ndarray, utility: np.ndarray, mask: np.ndarray) -> Parts:
    m1 = mask & (role != PGY1)
    m0 = mask & (role == MAIN)
    fail = _fail(s, mask & (role == PGY1))
    return Parts(s, ordered(s, utility, m1), ordered(s, utility, m0), fail)


def parts(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> Parts:
    return _parts(effective_success(inst, sig), inst.role, inst.utility, mask)


def node_values(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> np.ndarray:
    """F(z_k) per node, computed over the chosen rows only."""
    rows = np.flatnonzero(mask)
    if not len(rows):
        return np.zeros(len(inst.weights))
    s = inst.success[rows]
    if inst.signal_tiers:
        tier = sig[inst.unit[rows]]
        for t, st in enumerate(inst.signal_success):
            s = np.where((tier == t)[:, None], st[rows], s)
    sub = _parts(s, inst.role[rows], inst.utility[rows], np.ones(len(rows), dtype=bool))
    return sub.node_values()


def value(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> float:
    return float(node_values(inst, mask, sig) @ inst.weights)


def add_node_values(
    inst: Instance, p: Parts, s_rows: np.ndarray | None = None, rows: np.ndarray | None = None
) -> np.ndarray:
    """Per-node objective after adding each candidate of ``rows`` (default all), (n, K);
    ``s_rows`` (full (n, K)) overrides the candidates' chances (a signal tier)."""
    idx: np.ndarray | slice = slice(None) if rows is None else rows
    s = (p.s if s_rows is None else s_rows)[idx]
    u = inst.utility[idx]
    role = inst.role[idx]
    b, fail = p.b, p.pgy1_fail
    v1_add = p.with_adv.added(s, u, idx)
    v0_add = p.main_only.added(s, u, idx)
    v1, v0 = p.with_adv.total, p.main_only.total
    adv, pg = role == ADVANCED, role == PGY1
    out = b * v1_add + fail * v0_add  # main rows; advanced and PGY-1 rows replaced below
    out[adv] = b * v1_add[adv] + fail * v0
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
    v1_add = p.with_adv.added(p.s[adv_rows], inst.utility[adv_rows], adv_rows)
    v0 = p.main_only.total
    new_fail = p.pgy1_fail[None, :] * (1.0 - p.s[pgy1_rows])
    # F = (1 - f') V1add + f' V0 = V1add - f' (V1add - V0)
    base = v1_add @ inst.weights
    cross = (v1_add - v0[None, :]) @ (new_fail * inst.weights[None, :]).T
    return base[:, None] - cross
