"""Late applications: whether sending more now helps, which, and at what cost.

The candidates are the specialty's programs not yet applied to, one per ERAS listing (no
track of the listing in the season file; one fee and one interview draw each, as the plan
counts them: ``chances.units``). Sent on ``as_of``, an
application competes only for the invitations still to come (the timing curve), and the
file is read at the posterior over z. The planner (``smartpick.planning.solve``) chooses
them under the budget left, on what remains: with N(z) the chance that none of the
applications already out ends in a match, P(match) with new ones is
P(now) + E_post[N] x E_w[1 - prod_new (1 - s_j)] with weights w ~ post x N, so the plain
planning instance with those weights is the late-application problem. The chosen are then
listed by marginal gain, and those adding less than ``min_gain`` dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..errors import SmartpickError


@dataclass(frozen=True)
class LateApplication:
    code: str
    institution: str
    state: str | None
    p_invite: float  # posterior, with only the invitations still to come
    gain: float  # P(match) added, given those before it
    fee_usd: int | None


@dataclass(frozen=True)
class LateAdvice:
    helps: bool
    programs: tuple[LateApplication, ...]
    p_match_with: float
    fees_usd: int | None
    open_share: float  # share of a program's invitations still to come if sent today
    note: str


def greedy(
    base_none: np.ndarray, chance: np.ndarray, post: np.ndarray, limit: int, min_gain: float
) -> list[tuple[int, float]]:
    """(row, gain) picked one by one, the largest E_post[none(z) x c_j(z)] first."""
    none = base_none.copy()
    picked: list[tuple[int, float]] = []
    free = np.ones(chance.shape[0], dtype=bool)
    for _ in range(min(limit, chance.shape[0])):
        gains = np.where(free, (chance * none[None, :]) @ post, -1.0)
        j = int(np.argmax(gains))
        if gains[j] < min_gain:
            break
        picked.append((j, float(gains[j])))
        free[j] = False
        none = none * (1.0 - chance[j])
    return picked


def planned_rows(
    chance: np.ndarray, weights: np.ndarray, specialty: str, fee: Any, limit: float
) -> list[int]:
    """The planner's choice among the candidates under ``limit`` (USD of further fees)."""
    from ..planning import cost_model, make_instance, solve

    if chance.shape[0] == 0 or limit <= 0:
        return []
    inst = make_instance(chance, weights, [specialty] * chance.shape[0])
    return list(solve(inst, cost_model(inst, lambda _g, k: fee(k)), limit).rows)


def fees(season: int, already: int, extra: int, specialty: str) -> list[int | None]:
    """The fee of each further application after ``already`` in one specialty."""
    from ..planning.fees import specialty_fee_usd

    try:
        totals = [specialty_fee_usd(season, already + k, specialty) for k in range(extra + 1)]
    except SmartpickError:
        return [None] * extra
    return [b - a for a, b in zip(totals, totals[1:], strict=False)]


def late_advice(
    candidates: Sequence[Any],
    probs: Any,
    now: np.ndarray,
    post: np.ndarray,
    open_share: float,
    settings: dict[str, Any],
    season: int,
    already: int,
    specialty: str,
    budget_usd: float | None = None,
) -> LateAdvice:
    """``probs``: the candidates' node probabilities; ``now``: (n, K) chances of the
    applications already out; ``budget_usd``: the profile's budget (its rest is the limit;
    without one, the fees of ``max_programs`` more applications)."""
    base_none = np.prod(1.0 - np.clip(now, 0.0, 1.0), axis=0) if now.size else np.ones(post.size)
    s = probs.match_if_ranked_first * probs.success_factor[:, None]
    chance = probs.interview * open_share * s
    limit, fee = _limit(season, already, specialty, budget_usd, int(settings["max_programs"]))
    weights = post * base_none
    chosen = planned_rows(chance, weights, specialty, fee, limit) if weights.sum() > 0 else []
    next_fee = fee(1) if fee is not None else 100.0
    min_gain = float(settings["min_gain_per_100_usd"]) * max(next_fee, 1.0) / 100.0
    order = greedy(base_none, chance[chosen], post, len(chosen), min_gain)
    picked = [(chosen[j], gain) for j, gain in order]
    rows = _applications(
        candidates, probs, post, open_share, picked, fees(season, already, len(picked), specialty)
    )
    known = [r.fee_usd for r in rows if r.fee_usd is not None]
    with_them = 1.0 - float(
        post @ (base_none * np.prod(1.0 - chance[[j for j, _ in picked]], axis=0))
    )
    return LateAdvice(
        helps=bool(rows),
        programs=rows,
        p_match_with=round(with_them, 4),
        fees_usd=sum(known) if rows and len(known) == len(rows) else None,
        open_share=round(open_share, 3),
        note=_note(open_share, bool(rows), limit),
    )


def _applications(
    candidates: Sequence[Any],
    probs: Any,
    post: np.ndarray,
    open_share: float,
    picked: list[tuple[int, float]],
    marginal: list[int | None],
) -> tuple[LateApplication, ...]:
    return tuple(
        LateApplication(
            candidates[j].code,
            candidates[j].institution,
            candidates[j].state,
            round(float((probs.interview[j] * open_share) @ post), 4),
            round(gain, 4),
            marginal[k],
        )
        for k, (j, gain) in enumerate(picked)
    )


def _note(open_share: float, helps: bool, limit: float) -> str:
    note = (
        f"Sent today an application can still get {open_share:.0%} of a program's "
        f"invitations (assumed timing curve); the planner chose within ${limit:,.0f} of "
        "further fees (the profile's budget left, at most 20 more applications)."
    )
    if limit <= 0:
        return note + " The budget is spent: no late application proposed."
    return note + (
        "" if helps else " No further application adds half a point of P(match) per 100 USD."
    )


def _limit(
    season: int, already: int, specialty: str, budget_usd: float | None, most: int
) -> tuple[float, Any]:
    """The USD limit for further fees and the fee of the k-th further application."""
    from ..planning.fees import specialty_fee_usd

    def fee(k: int) -> float:
        return float(specialty_fee_usd(season, already + k, specialty) - spent)

    try:
        spent = specialty_fee_usd(season, already, specialty)
        cap = fee(most)
    except SmartpickError:
        return 0.0, None
    if budget_usd is None:
        return cap, fee
    return min(max(budget_usd - spent, 0.0), cap), fee
