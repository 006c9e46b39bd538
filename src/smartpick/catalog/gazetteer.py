"""City and state of each track: by code first, then by name.

1. The track's own code in the Florida Program Results (city of that track).
2. The institution code (first 4 characters) in ``nrmp_institution_locations.csv``
   (one city per institution, SOURCES.md entry 20).
3. Else the name join below (only for the few institutions that file lacks).

The name join compares normalised names with rapidfuzz within the same state;
the best candidate wins when it scores at least ``MIN_SCORE`` and no candidate
in another city comes within ``MARGIN`` of it. Institutions without a state in
the source are not joined (their state stays unknown).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from .names import normalise
from .sources import rows

MIN_SCORE = 90.0
MARGIN = 2.0
FLORIDA = "nrmp_program_results_florida_2020_2026.csv"
INSTITUTIONS = "nrmp_institution_locations.csv"
BY_INSTITUTION_CODE = "nrmp-institution-code"
GAZETTEERS = (
    ("acgme_program_locations_2019.csv", "program_name"),
    ("program_interview_rates_2024_by_signal_and_applicant_type.csv", "program_name"),
)


@dataclass(frozen=True)
class Location:
    city: str | None
    method: str
    score: float | None
    state: str | None = None  # set only by the code joins


NO_STATE = Location(None, "no-state-in-source", None)


def city_by_code() -> dict[str, tuple[str, str]]:
    """Program code -> (city, state), from the Florida NRMP Program Results."""
    return {
        r["nrmp_program_code"]: (r["city"], r["state"])
        for r in rows(FLORIDA)
        if r["city"] and r["state"]
    }


def city_by_institution() -> dict[str, tuple[str, str]]:
    """Institution code -> (city, state), from ``nrmp_institution_locations.csv``."""
    return {
        r["institution_code"]: (r["city"], r["state"])
        for r in rows(INSTITUTIONS)
        if r["city"] and r["state"]
    }


def _places_by_state() -> dict[str, list[tuple[str, str]]]:
    places: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name, column in GAZETTEERS:
        for row in rows(name):
            if row["state"] and row["city"]:
                places[row["state"]].add((normalise(row[column]), row["city"]))
    return {state: sorted(entries) for state, entries in places.items()}


def _best_city(name: str, candidates: list[tuple[str, str]]) -> Location:
    choices = [c[0] for c in candidates]
    found = process.extract(normalise(name), choices, scorer=fuzz.token_set_ratio, limit=8)
    if not found or found[0][1] < MIN_SCORE:
        return Location(None, "unmatched", found[0][1] if found else None)
    best_score, best_city = found[0][1], candidates[found[0][2]][1]
    rivals = [s for _, s, i in found[1:] if candidates[i][1] != best_city]
    if rivals and best_score - max(rivals) < MARGIN:
        return Location(None, "ambiguous", best_score)
    return Location(best_city, "fuzzy-name:token_set_ratio", best_score)


def locate(
    institutions: Mapping[str, tuple[str, str | None]],
) -> dict[str, Location]:
    """Institution code -> location, for ``{code: (name, state)}``."""
    places = _places_by_state()
    found: dict[str, Location] = {}
    for code, (name, state) in institutions.items():
        if not state:
            found[code] = NO_STATE
        else:
            found[code] = _best_city(name, places.get(state, []))
    return found


def track_locations(
    codes: Iterable[tuple[str, str]], by_institution: Mapping[str, Location]
) -> dict[str, Location]:
    """Program code -> location: the track's code, then its institution code, then the name."""
    florida, institutions = city_by_code(), city_by_institution()
    result: dict[str, Location] = {}
    for program_code, institution_code in codes:
        if program_code in florida:
            city, state = florida[program_code]
            result[program_code] = Location(city, "nrmp-code:florida", 100.0, state)
        elif institution_code in institutions:
            city, state = institutions[institution_code]
            result[program_code] = Location(city, BY_INSTITUTION_CODE, 100.0, state)
        else:
            result[program_code] = by_institution[institution_code]
    return result
