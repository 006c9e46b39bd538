"""Join the per-program interview-rate table to NRMP institution codes, per specialty.

The rate file has no program code. Each row is compared with the institutions that
have a categorical, primary-care or advanced track in that specialty and are located
(by institution code) in the row's state. An institution is compared under every name
its code has in the code-keyed files (``aliases.py``: 2024 list, 2010-2019 results,
locations, IM crosswalk), so a renamed hospital still joins. A candidate must share
a distinctive word with the row's name (``GENERIC`` words and the row's city aside).
The score is rapidfuzz ``token_set_ratio`` on normalised names. The location is the
check: a row joins at ``MIN_SCORE`` when its city is one of the institution's cities,
at ``MIN_SCORE_OTHER_CITY`` otherwise (``MIN_SCORE_NO_STATE`` without a state), and
must beat every other institution by ``MARGIN``; else it is ``ambiguous`` or
``unmatched``. Two rows joining one institution: the higher score keeps it, the other
is a ``conflict``. Every outcome is recorded.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..specialties import all_specialties
from .names import normalise
from .sources import rows

RATES_FILE = "program_interview_rates_2024_by_signal_and_applicant_type.csv"
JOIN_TRACKS = ("C", "M", "A")
MIN_SCORE = 88.0
MIN_SCORE_NO_STATE = 95.0  # an institution without a state in the source needs a closer name
MIN_SCORE_OTHER_CITY = 95.0  # the row's city is none of the institution's known cities
MARGIN = 3.0
METHOD = "institution code's names, token_set_ratio, same state"
METHOD_NO_STATE = "institution code's names, token_set_ratio, institution state not in source"
# Words that do not identify an institution: an institution must share one of a rate row's
# other words ("Naval Medical Center (San Diego)" never joins UC San Diego Med Ctr).
GENERIC = frozenset(
    "university medical center centers hospital hospitals health healthcare system systems "
    "school medicine college affiliated regional community general clinic clinics institute "
    "sciences science network graduate education consortium campus services residency "
    "osteopathic program programs department sponsor".split()
)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: cheap cache keys
class Institution:
    code: str
    name: str
    state: str | None
    aliases: tuple[str, ...] = ()  # other names of the same institution code
    cities: frozenset[str] = frozenset()  # city_key of its sites' cities; empty: not checked

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


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


def _rates_of(row: Mapping[str, str], columns: Mapping[str, str]) -> dict[str, float]:
    """Attribute -> value of the row's non-empty columns (``columns``: column -> attribute)."""
    return {name: float(row[c]) for c, name in columns.items() if row.get(c, "").strip()}


def city_key(city: str) -> str:
    """``"St. Louis"``, ``"ST LOUIS"``, ``"Saint Louis"`` -> ``"saint louis"``."""
    return normalise(city) if city.strip() else ""


def _key(name: str) -> str:
    """Normalised name for comparing; NRMP's "Med" stands for medical or medicine."""
    return normalise(name).replace("medicine", "medical")


def _distinct_words(name: str, city: str) -> set[str]:
    """Words of a rate row's name that identify an institution (not generic, not its city)."""
    place = set(_key(city).split()) if city else set()
    return {w for w in _key(name).split() if w not in GENERIC and w not in place}


def _candidates(row: Mapping[str, str], pool: Sequence[Institution]) -> list[tuple[float, int]]:
    """(best score over the institution's names, index), best first, for the institutions of
    the row's state that share a distinctive word with the row's name (if it has any). When
    some are in the row's city, only those are candidates: the location is the check."""
    state, city = row["state"] or None, city_key(row.get("city", ""))
    wanted = _distinct_words(row["program_name"], city)
    target = _key(row["program_name"])
    found = []
    for index, inst in enumerate(pool):
        if inst.state is not None and inst.state != state:
            continue
        names, words = _prepared(inst)
        if wanted and not wanted & words:
            continue
        score = max(fuzz.token_set_ratio(target, n) for n in names)
        found.append((city in inst.cities, score, index))
    local = [f for f in found if f[0]] or found
    return sorted(((score, index) for _, score, index in local), reverse=True)


@lru_cache(maxsize=8192)
def _prepared(inst: Institution) -> tuple[tuple[str, ...], frozenset[str]]:
    names = tuple({_key(n) for n in inst.names()})
    return names, frozenset(" ".join(names).split())


def _floor(inst: Institution, city: str) -> float:
    if inst.state is None:
        return MIN_SCORE_NO_STATE
    if inst.cities and city_key(city) not in inst.cities:
        return MIN_SCORE_OTHER_CITY
    return MIN_SCORE


def _match(
    row: Mapping[str, str], pool: Sequence[Institution]
) -> tuple[Institution | None, str, float]:
    found = _candidates(row, pool)
    if not found:
        return None, "unmatched", 0.0
    score, index = found[0]
    if score < _floor(pool[index], row.get("city", "")):
        return None, "unmatched", score
    if len(found) > 1 and score - found[1][0] < MARGIN:
        return None, "ambiguous", score
    return pool[index], "joined", score


def _method(inst: Institution | None, city: str) -> str:
    if inst is None or inst.state is None:
        return METHOD if inst is None else METHOD_NO_STATE
    return METHOD + (", same city" if city_key(city) in inst.cities else ", other city")


def _by_state(pool: Sequence[Institution]) -> dict[str | None, list[Institution]]:
    found: dict[str | None, list[Institution]] = defaultdict(list)
    for inst in pool:
        found[inst.state].append(inst)
    return found


def join_rates(
    pools: Mapping[str, Sequence[Institution]], file: str, columns: Mapping[str, str]
) -> list[RateJoin]:
    """Join every row of ``file`` (a ``join: name`` source); ``pools`` maps a specialty id to
    its candidate institutions; ``columns`` maps a column to the attribute it gives."""
    ids = rate_specialty_ids()
    by_state = {s: _by_state(pool) for s, pool in pools.items()}
    joins = []
    for index, row in enumerate(rows(file)):
        specialty = ids.get(row["specialty"], "")
        states = by_state.get(specialty, {})
        pool = [*states.get(row["state"] or None, ()), *states.get(None, ())]
        found, status, score = _match(row, pool)
        joins.append(
            RateJoin(
                line=index + 2,
                specialty=specialty or row["specialty"],
                program_name=row["program_name"],
                state=row["state"] or None,
                institution_code=found.code if found else None,
                status=status,
                method=_method(found, row.get("city", "")),
                score=round(score, 1),
                rates=_rates_of(row, columns),
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
