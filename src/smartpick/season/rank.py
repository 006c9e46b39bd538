"""Rank-list advice: true preference order (with a worked deferred-acceptance example),
P(match) by the number of programs ranked, PGY-1 tracks beside advanced ones, couples."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..chances import NodeProbabilities, p_match_at_least_one
from ..citations import CHARTING_OUTCOMES_CITATION
from .file import SeasonFile

WHY = (
    "The Match runs applicant-proposing deferred acceptance (Roth-Peranson): you are offered "
    "to your first choice first, and a program holding you can only be replaced by one you "
    "ranked higher. Ranking a program you want more above one you think likelier never costs "
    "you the likelier one, so rank in your true order of preference and leave out only "
    "programs you would rather not train at than go unmatched."
)
NRMP_CITATION = "NRMP: How the Matching Algorithm Works (applicant-proposing, Roth-Peranson)"


@dataclass(frozen=True)
class RankedProgram:
    code: str
    institution: str
    track: str
    p_match_if_ranked: float


@dataclass(frozen=True)
class RankPoint:
    ranked: int
    p_match: float


@dataclass(frozen=True)
class RankAdvice:
    order: tuple[RankedProgram, ...]
    order_from: str  # "preference" | "file"
    why: str
    example: tuple[str, ...]
    p_match_by_count: tuple[RankPoint, ...]
    published_ranks: str
    add_tracks: tuple[str, ...]
    couples: tuple[str, ...]
    sources: tuple[str, ...]


def worked_example() -> tuple[str, ...]:
    """Two applicants, two programs of one seat, run through the real engine twice."""
    from ..market import stable_match

    # applicant 0 (you) prefers X (0) to Y (1); applicant 1 wants X only.
    # X prefers applicant 1; Y takes you.
    programs = [[1, 0], [0]]
    true_order = stable_match([[0, 1], [0]], programs, [1, 1])
    safe_first = stable_match([[1, 0], [0]], programs, [1, 1])
    liked = stable_match([[0, 1], [0]], [[0, 1], [0]], [1, 1])
    name = {0: "X", 1: "Y", -1: "no match"}
    return (
        "You prefer X to Y; X prefers another applicant, Y ranks you.",
        f"Ranking X then Y: you match {name[true_order[0]]} (X tentatively holds you, then "
        "takes the other applicant; your offer moves on to Y).",
        f"Ranking Y then X ('safe first'): you match {name[safe_first[0]]}: the same outcome.",
        f"Had X preferred you, ranking X first gives {name[liked[0]]}: only the true order "
        "could get it.",
    )


def rank_advice(
    season: SeasonFile,
    probs: NodeProbabilities,
    posterior: np.ndarray,
    programs: Sequence[Any],
    specialty: str,
    catalog: Any,
) -> RankAdvice:
    rows = [i for i, a in enumerate(season.applications) if a.invited]
    order, source = _order(season, rows)
    s = probs.match_if_ranked_first * probs.success_factor[:, None]
    ranked = tuple(
        RankedProgram(
            probs.codes[i],
            getattr(programs[i], "institution", ""),
            str(probs.tracks[i]),
            round(float(s[i] @ posterior), 4),
        )
        for i in order
    )
    points = tuple(
        RankPoint(k, round(p_match_at_least_one(s[order[:k]], posterior), 4))
        for k in range(1, len(order) + 1)
    )
    return RankAdvice(
        order=ranked,
        order_from=source,
        why=WHY,
        example=worked_example(),
        p_match_by_count=points,
        published_ranks=_published(specialty),
        add_tracks=_add_tracks(programs, rows, catalog),
        couples=_couples(season),
        sources=(NRMP_CITATION, CHARTING_OUTCOMES_CITATION),
    )


def _order(season: SeasonFile, rows: list[int]) -> tuple[list[int], str]:
    apps = season.applications
    if rows and all(apps[i].preference is not None for i in rows):
        return sorted(rows, key=lambda i: apps[i].preference or 0), "preference"
    return rows, "file"


def _published(specialty: str) -> str:
    from ..chances import figures

    cohort = figures.cohort(specialty)
    if cohort is None or cohort.ranks_matched is None or cohort.ranks_unmatched is None:
        return "No published contiguous-ranks figures for this specialty."
    return (
        f"Non-US IMGs who preferred this specialty and matched ranked "
        f"{cohort.ranks_matched.mean:.1f} programs on average (contiguous ranks); those who "
        f"did not match ranked {cohort.ranks_unmatched.mean:.1f}. Charting Outcomes shows "
        "P(match) rising with the number of contiguous ranks; the rows above are the "
        "model's for your interviews."
    )


def _add_tracks(programs: Sequence[Any], rows: list[int], catalog: Any) -> tuple[str, ...]:
    advanced = [programs[i] for i in rows if getattr(programs[i], "track", "") == "A"]
    if not advanced:
        return ()
    lines = [
        "You have advanced (PGY-2 start) interviews: rank a supplemental list of preliminary "
        "or transitional (PGY-1) programs for each, or an advanced match leaves you without "
        "a first year."
    ]
    for program in advanced:
        same = [
            p.code
            for p in catalog.all_programs()
            if p.institution_code == program.institution_code and p.track == "P"
        ]
        where = ", ".join(same[:6]) if same else "none in the catalog: look nearby"
        lines.append(f"{program.code} ({program.institution}): PGY-1 tracks there: {where}.")
    return tuple(lines)


def _couples(season: SeasonFile) -> tuple[str, ...]:
    partner = season.partner
    if partner is None or not partner.couples_match:
        return ()
    return (
        f"Couples Match with a partner in {partner.specialty}: you rank pairs of programs "
        "(yours, your partner's); the pair matches only if both halves do.",
        "List many pairs: every geographic combination you accept, and pairs with 'no match' "
        "for one partner where you would accept that, else a couple goes unmatched together.",
        "Rank pairs in your joint true preference order; the same deferred-acceptance logic "
        "applies to the pair.",
    )
