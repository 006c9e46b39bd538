"""Program size and Main Match fill history, at the grain each source published them.

Two sources, the more precise first:

- the Florida Program Results (2020-2026): quota and matched **per track** (program code);
- the NRMP Program Results 2010-2019: quota and matched **per institution x specialty**,
  the tracks of a specialty summed (SOURCES.md entry 19). Every track of that institution
  and NRMP specialty code gets the same value, with that grain stated: it is the size of
  the whole program, not of the track.

``positions`` is the quota of the most recent year in which the program took part
(quota > 0); ``fill_history`` holds quota and matched for every such year.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .gazetteer import FLORIDA
from .model import TRACK_GRAIN
from .sources import rows, source_line

RESULTS_2010_2019 = "nrmp_program_results_2010_2019_wide.csv"
YEARS = tuple(range(2010, 2020))
TRACK = TRACK_GRAIN
INSTITUTION_SPECIALTY = "institution x specialty (tracks summed)"


@dataclass(frozen=True)
class History:
    """Quota and matched per Match year (years with quota > 0 only), oldest first."""

    by_year: tuple[tuple[int, int, int], ...]  # (year, quota, matched)
    grain: str
    source_file: str

    @property
    def latest(self) -> tuple[int, int, int]:
        return self.by_year[-1]

    def record(self) -> dict[str, Any]:
        filled = sum(1 for _, quota, matched in self.by_year if matched >= quota)
        return {
            "years": len(self.by_year),
            "filled": filled,
            "first_year": self.by_year[0][0],
            "last_year": self.latest[0],
            "by_year": {str(y): [q, m] for y, q, m in self.by_year},
        }


def _history(cells: Mapping[int, tuple[int, int]], grain: str, source: str) -> History | None:
    years = tuple((y, q, m) for y, (q, m) in sorted(cells.items()) if q > 0)
    return History(years, grain, source) if years else None


def _int(text: str) -> int:
    return int(float(text)) if text.strip() else 0


def florida_histories() -> dict[str, History]:
    """Program code -> its Main Match history in the Florida Program Results."""
    cells: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in rows(FLORIDA):
        if row["match_table"] == "Main" and row["quota"].strip():
            cells[row["nrmp_program_code"]][int(row["match_year"])] = (
                _int(row["quota"]),
                _int(row["matched"]),
            )
    found = {code: _history(c, TRACK, FLORIDA) for code, c in cells.items()}
    return {code: h for code, h in found.items() if h}


def _results_rows() -> list[tuple[str, str, str, int, int, int]]:
    """(institution, sub-code, specialty, year, quota, matched) per source row and year."""
    columns = [(year, f"quota_{year}", f"matched_{year}") for year in YEARS]
    return [
        (r["institution_code"], r["source_institution_code"], r["specialty_code"], year,
         int(r[quota] or 0), int(r[matched] or 0))
        for r in rows(RESULTS_2010_2019)
        for year, quota, matched in columns
    ]  # fmt: skip


def results_histories() -> dict[str, History]:
    """Institution code + specialty code (7 characters) -> history, 2010-2019 (the shipped
    file is in the source's wide shape: one row per source row, quota_YYYY, matched_YYYY).

    The source splits 8 institution codes into one sub-code per city: those are summed.
    One sub-code x specialty pair appears twice with different values: the larger quota
    is kept, so a year is never counted twice."""
    per_sub: dict[tuple[str, str, str, int], tuple[int, int]] = {}
    for institution, sub, specialty, year, quota, matched in _results_rows():
        key, value = (institution, sub, specialty, year), (quota, matched)
        per_sub[key] = max(per_sub.get(key, value), value)
    cells: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for (institution, _, specialty, year), (quota, matched) in per_sub.items():
        old = cells[institution + specialty].get(year, (0, 0))
        cells[institution + specialty][year] = (old[0] + quota, old[1] + matched)
    found = {key: _history(c, INSTITUTION_SPECIALTY, RESULTS_2010_2019) for key, c in cells.items()}
    return {key: h for key, h in found.items() if h}


def history_of(
    code: str, florida: Mapping[str, History], results: Mapping[str, History]
) -> History | None:
    """The track's own history if published, else its program's (institution x specialty)."""
    return florida.get(code) or results.get(code[:7])


def size_attributes(codes: Iterable[str], attribute: Any) -> list[dict[str, Any]]:
    """``positions`` and ``fill_history`` rows for every track a source covers.

    ``attribute(code, name, value, source, as_of, grain)`` makes one row."""
    florida, results = florida_histories(), results_histories()
    cites = {f: f"{source_line(f)}; grain: {g}" for f, g in ((FLORIDA, TRACK),
             (RESULTS_2010_2019, INSTITUTION_SPECIALTY))}  # fmt: skip
    found: list[dict[str, Any]] = []
    encoded: dict[int, Any] = {}  # one record per history (shared by a program's tracks)
    for code in codes:
        history = history_of(code, florida, results)
        if history is None:
            continue
        year, quota, _ = history.latest
        cited = cites[history.source_file]
        first = history.by_year[0][0]
        found.append(attribute(code, "positions", quota, cited, f"{year} Match", history.grain))
        record = encoded.get(id(history)) or encoded.setdefault(id(history), history.record())
        found.append(
            attribute(code, "fill_history", record, cited, f"{first}-{year} Match", history.grain)
        )
    return found
