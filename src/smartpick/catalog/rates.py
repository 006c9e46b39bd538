"""Join the per-program interview-rate table to NRMP institutions, per specialty.

Names differ between the two (``"U Washington Affil Hosps"`` vs ``"University of
Washington Program"``), so each rate row is compared with rapidfuzz
(``token_set_ratio`` on normalised names) to the institutions that have a
categorical, primary-care or advanced track in that specialty and the same state
(or no state in the source). A row joins when its best score is at least
``MIN_SCORE`` (``MIN_SCORE_NO_STATE`` for an institution without a state) and beats
every other institution by ``MARGIN``; otherwise it is
``ambiguous`` or ``unmatched``. Two rows joining one institution: the higher
score keeps it, the other is a ``conflict``. Every outcome is recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..specialties import all_specialties
from .names import normalise
from .sources import rows

RATES_FILE = "program_interview_rates_2024_by_signal_and_applicant_type.csv"
RATE_COLUMNS = (
    "rate_md",
    "rate_do",
    "rate_us_img",
    "rate_non_us_img",
    "rate_gold_signal",
    "rate_silver_signal",
    "rate_signal",
    "rate_no_signal",
)
JOIN_TRACKS = ("C", "M", "A")
MIN_SCORE = 88.0
MIN_SCORE_NO_STATE = 95.0  # an institution without a state in the source needs a closer name
MARGIN = 3.0
METHOD = "rapidfuzz token_set_ratio, same state"
METHOD_NO_STATE = "rapidfuzz token_set_ratio, institution state not in source"


@dataclass(frozen=True)
class Institution:
    code: str
    name: str
    state: str | None


@dataclass(frozen=True)
class RateJoin:
    line: int
    specialty: str
    program_name: str
    state: str | None
    institution_code: str | None
    status: str
    method: str
    score: float | None
    rates: Mapping[str, float]


def rate_specialty_ids() -> dict[str, str]:
    """Name in the interview-rate file -> our specialty id."""
    return {s.interview_rates: s.id for s in all_specialties().values() if s.interview_rates}


def _rates_of(row: Mapping[str, str]) -> dict[str, float]:
    return {c: float(row[c]) for c in RATE_COLUMNS if row.get(c, "").strip()}


def _match(
    row: Mapping[str, str], pool: Sequence[Institution]
) -> tuple[Institution | None, str, float]:
    state = row["state"] or None
    allowed = [i for i in pool if i.state is None or i.state == state]
    if not allowed:
        return None, "unmatched", 0.0
    names = [normalise(i.name) for i in allowed]
    found = process.extract(normalise(row["program_name"]), names, scorer=fuzz.token_set_ratio)
    best = found[0]
    floor = MIN_SCORE if allowed[best[2]].state else MIN_SCORE_NO_STATE
    if best[1] < floor:
        return None, "unmatched", best[1]
    if len(found) > 1 and best[1] - found[1][1] < MARGIN:
        return None, "ambiguous", best[1]
    return allowed[best[2]], "joined", best[1]


def join_rates(pools: Mapping[str, Sequence[Institution]]) -> list[RateJoin]:
    """Join every rate row; ``pools`` maps a specialty id to its candidate institutions."""
    ids = rate_specialty_ids()
    joins = []
    for index, row in enumerate(rows(RATES_FILE)):
        specialty = ids.get(row["specialty"], "")
        found, status, score = _match(row, pools.get(specialty, ()))
        joins.append(
            RateJoin(
                line=index + 2,
                specialty=specialty or row["specialty"],
                program_name=row["program_name"],
                state=row["state"] or None,
                institution_code=found.code if found else None,
                status=status,
                method=METHOD if found is None or found.state else METHOD_NO_STATE,
                score=round(score, 1),
                rates=_rates_of(row),
            )
        )
    return _resolve_conflicts(joins)


def _resolve_conflicts(joins: list[RateJoin]) -> list[RateJoin]:
    claims: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, join in enumerate(joins):
        if join.institution_code:
            claims[(join.specialty, join.institution_code)].append(i)
    result = list(joins)
    for indexes in claims.values():
        ranked = sorted(indexes, key=lambda i: -(joins[i].score or 0))
        for i in ranked[1:]:
            j = joins[i]
            result[i] = RateJoin(
                j.line, j.specialty, j.program_name, j.state, None, "conflict", j.method,
                j.score, j.rates,
            )  # fmt: skip
    return result


def join_shares(joins: Sequence[RateJoin]) -> dict[str, dict[str, int]]:
    """Per specialty: rows, and how many were joined / ambiguous / unmatched / conflict."""
    shares: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for join in joins:
        shares[join.specialty]["rows"] += 1
        shares[join.specialty][join.status] += 1
    return {s: dict(v) for s, v in shares.items()}
