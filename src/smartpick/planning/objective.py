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
    """Prefix sums of V over one chosen set, in the instance's utility order."""

    total: np.ndarray  # (K,) V(S)
    before: np.ndarray  # (n, K) contribution of chosen items ranked above i
    prefix: np.ndarray  # (n, K) prod (1 - s_j) over chosen j ranked above i
    after: np.ndarray  # (n, K) contribution of chosen items ranked below i


def _order(inst: Instance) -> np.ndarray:
    return np.argsort(-inst.utility, kind="stable")


def ordered(inst: Instance, s: np.ndarray, mask: np.ndarray) -> Ordered:
    """Prefix sums for V over ``mask`` (rows in original order)."""
    order = _order(inst)
    so, mo, uo = s[order], mask[order], inst.utility[order]
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


def _added(
    o: Ordered, s: np.ndarray, u: np.ndarray, rows: np.ndarray | slice = slice(None)
) -> np.ndarray:
    """V after adding each (unchosen) candidate of ``rows``; ``s``, ``u`` are those rows'."""
    return o.before[rows] + o.prefix[rows] * u[:, None] * s + (1.0 - s) * o.after[rows]


def _removed(o: Ordered, s: np.ndarray) -> np.ndarray:
    """V after removing each (chosen) candidate, (n, K)."""
    return o.before + o.after / (1.0 - s)


@dataclass(frozen=True)
class Parts:
    """Everything needed to score moves from one state."""

    s: np.ndarray
    with_adv: Ordered
    main_only: Ordered
    pgy1_fail: np.ndarray  # (K,) prod over chosen PGY-1 of (1 - s)

    @property
    def b(self) -> np.ndarray:
        return 1.0 - self.pgy1_fail

    def node_values(self) -> np.ndarray:
        return self.b * self.with_adv.total + self.pgy1_fail * self.main_only.total


def parts(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> Parts:
    s = effective_success(inst, sig)
    m1 = mask & (inst.role != PGY1)
    m0 = mask & (inst.role == MAIN)
    fail = np.prod(np.where((mask & (inst.role == PGY1))[:, None], 1.0 - s, 1.0), axis=0)
    return Parts(s, ordered(inst, s, m1), ordered(inst, s, m0), fail)


def value(inst: Instance, mask: np.ndarray, sig: np.ndarray) -> float:
    return float(parts(inst, mask, sig).node_values() @ inst.weights)


def add_node_values(inst: Instance, p: Parts, s_rows: np.ndarray | None = None) -> np.ndarray:
    """Per-node objective after adding each candidate (n, K); ``s_rows`` overrides its s."""
    s = p.s if s_rows is None else s_rows
    u = inst.utility
    b, fail = p.b, p.pgy1_fail
    v1_add = _added(p.with_adv, s, u)
    v0_add = _added(p.main_only, s, u)
    v1, v0 = p.with_adv.total, p.main_only.total
    out = np.empty_like(s)
    role = inst.role
    main, adv, pg = role == MAIN, role == ADVANCED, role == PGY1
    out[main] = b * v1_add[main] + fail * v0_add[main]
    out[adv] = b * v1_add[adv] + fail * v0
    new_fail = fail[None, :] * (1.0 - s[pg])
    out[pg] = (1.0 - new_fail) * v1 + new_fail * v0
    return out


def add_values(inst: Instance, p: Parts, s_rows: np.ndarray | None = None) -> np.ndarray:
    return add_node_values(inst, p, s_rows) @ inst.weights


def remove_values(inst: Instance, p: Parts) -> np.ndarray:
    """Objective after removing each candidate (meaningful for chosen ones only)."""
    s, role = p.s, inst.role
    b, fail = p.b, p.pgy1_fail
    v1_rem = _removed(p.with_adv, s)
    v0_rem = _removed(p.main_only, s)
    v1, v0 = p.with_adv.total, p.main_only.total
    out = np.empty_like(s)
    main, adv, pg = role == MAIN, role == ADVANCED, role == PGY1
    out[main] = b * v1_rem[main] + fail * v0_rem[main]
    out[adv] = b * v1_rem[adv] + fail * v0
    new_fail = fail[None, :] / (1.0 - s[pg])
    out[pg] = (1.0 - new_fail) * v1 + new_fail * v0
    return out @ inst.weights


def pair_values(
    inst: Instance, p: Parts, adv_rows: np.ndarray, pgy1_rows: np.ndarray
) -> np.ndarray:
    """Objective after adding advanced track i together with PGY-1 track j, (|adv|, |pgy1|)."""
    v1_add = _added(p.with_adv, p.s[adv_rows], inst.utility[adv_rows], adv_rows)
    v0 = p.main_only.total
    new_fail = p.pgy1_fail[None, :] * (1.0 - p.s[pgy1_rows])
    # F = (1 - f') V1add + f' V0 = V1add - f' (V1add - V0)
    base = v1_add @ inst.weights
    cross = (v1_add - v0[None, :]) @ (new_fail * inst.weights[None, :]).T
    return base[:, None] - cross
