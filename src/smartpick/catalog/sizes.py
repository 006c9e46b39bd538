"""Program size and Main Match fill history, at the grain each source published them.

Two sources (``data/catalog.yaml``, ``sources:``: readers ``florida-history`` and
``results-history``), the more precise first:

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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .gazetteer import FLORIDA
from .model import TRACK_GRAIN, SourceSpec, SourceValue
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


def florida_histories(file: str = FLORIDA) -> dict[str, History]:
    """Program code -> its Main Match history in the Florida Program Results."""
    cells: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for row in rows(file):
        if row["match_table"] == "Main" and row["quota"].strip():
            cells[row["nrmp_program_code"]][int(row["match_year"])] = (
                _int(row["quota"]),
                _int(row["matched"]),
            )
    found = {code: _history(c, TRACK, file) for code, c in cells.items()}
    return {code: h for code, h in found.items() if h}


def _results_rows(file: str) -> list[tuple[str, str, str, int, int, int]]:
    """(institution, sub-code, specialty, year, quota, matched) per source row and year."""
    columns = [(year, f"quota_{year}", f"matched_{year}") for year in YEARS]
    return [
        (r["institution_code"], r["source_institution_code"], r["specialty_code"], year,
         int(r[quota] or 0), int(r[matched] or 0))
        for r in rows(file)
        for year, quota, matched in columns
    ]  # fmt: skip


def results_histories(file: str = RESULTS_2010_2019) -> dict[str, History]:
    """Institution code + specialty code (7 characters) -> history, 2010-2019 (the shipped
    file is in the source's wide shape: one row per source row, quota_YYYY, matched_YYYY).

    The source splits 8 institution codes into one sub-code per city: those are summed.
    One sub-code x specialty pair appears twice with different values: the larger quota
    is kept, so a year is never counted twice."""
    per_sub: dict[tuple[str, str, str, int], tuple[int, int]] = {}
    for institution, sub, specialty, year, quota, matched in _results_rows(file):
        key, value = (institution, sub, specialty, year), (quota, matched)
        per_sub[key] = max(per_sub.get(key, value), value)
    cells: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
    for (institution, _, specialty, year), (quota, matched) in per_sub.items():
        old = cells[institution + specialty].get(year, (0, 0))
        cells[institution + specialty][year] = (old[0] + quota, old[1] + matched)
    found = {key: _history(c, INSTITUTION_SPECIALTY, file) for key, c in cells.items()}
    return {key: h for key, h in found.items() if h}


def _values(history: History) -> list[SourceValue]:
    """``positions`` (the latest quota) and ``fill_history`` of one history."""
    (year, quota, _), first = history.latest, history.by_year[0][0]
    cited, grain = f"{source_line(history.source_file)}; grain: {history.grain}", history.grain
    return [
        SourceValue("positions", quota, cited, f"{year} Match", grain),
        SourceValue("fill_history", history.record(), cited, f"{first}-{year} Match", grain),
    ]


def florida_values(source: SourceSpec) -> dict[str, list[SourceValue]]:
    """The ``florida-history`` reader: program code -> its size and fill history."""
    return {code: _values(h) for code, h in florida_histories(source.file).items()}


def results_values(source: SourceSpec) -> dict[str, list[SourceValue]]:
    """The ``results-history`` reader: program key (7 characters) -> size and fill history."""
    return {key: _values(h) for key, h in results_histories(source.file).items()}
