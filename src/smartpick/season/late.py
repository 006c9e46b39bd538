"""Late applications: whether sending more now helps, which, and at what cost.

The candidates are the specialty's tracks not yet applied to. Sent on ``as_of``, an
application competes only for the invitations still to come (the timing curve), and the
file is read at the posterior over z. The choice is the planner's greedy walk (largest
marginal gain in P(match) first, as in ``smartpick.planning``), on what remains: each
candidate's gain is measured against the applications already out.
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
) -> LateAdvice:
    """``probs``: the candidates' node probabilities; ``now``: (n, K) chances of the
    applications already out."""
    base_none = np.prod(1.0 - np.clip(now, 0.0, 1.0), axis=0) if now.size else np.ones(post.size)
    s = probs.match_if_ranked_first * probs.success_factor[:, None]
    chance = probs.interview * open_share * s
    picked = greedy(
        base_none, chance, post, int(settings["max_programs"]), float(settings["min_gain"])
    )
    marginal = fees(season, already, len(picked), specialty)
    rows = tuple(
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
    known = [r.fee_usd for r in rows if r.fee_usd is not None]
    total = sum(known) if rows and len(known) == len(rows) else None
    with_them = 1.0 - float(
        post @ (base_none * np.prod(1.0 - chance[[j for j, _ in picked]], axis=0))
    )
    return LateAdvice(
        helps=bool(rows),
        programs=rows,
        p_match_with=round(with_them, 4),
        fees_usd=total,
        open_share=round(open_share, 3),
        note=(
            f"Sent today an application can still get {open_share:.0%} of a program's "
            "invitations (assumed timing curve)."
            + ("" if rows else " No further application adds half a point of P(match).")
        ),
    )
