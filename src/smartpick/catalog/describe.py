"""A program's size, fill history, H-1B evidence and grouping in words a person reads.

Never turns "no evidence" into "does not sponsor": the sources cover half a year of
LCA filings and health-care employers' approvals only (SOURCES.md entries 22-24).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..results import count
from .model import Program
from .units import ONE_TRACK, ProgramUnit

NO_EVIDENCE = (
    "H-1B: no evidence in the sources (resident-physician H-1B filings (LCAs) of "
    "2024-09 to 2025-03; USCIS H-1B approvals of health-care employers, FY2019-2023). "
    "This does not mean the program does not sponsor H-1B: about half of the programs that "
    "do had no filing in that window. Ask the program."
)


def _names(employers: list[str], limit: int = 3) -> str:
    shown = ", ".join(employers[:limit])
    more = len(employers) - limit
    return f"{shown} and {more} more" if more > 0 else shown


def _lca_line(lca: Mapping[str, Any]) -> str:
    n = lca["resident_or_fellow_filings"]
    starts = ""
    if lca.get("first_begin_date"):
        starts = f", start dates {lca['first_begin_date']} to {lca['last_begin_date']}"
    return (
        f"{_names(lca['employers'])} filed {n} H-1B labor condition application"
        f"{'s' if n != 1 else ''} (LCA) for resident physicians between "
        f"{lca['filed'].replace(' to ', ' and ')}{starts}. An LCA is a filing, not a visa."
    )


def _uscis_line(uscis: Mapping[str, Any]) -> str:
    years = uscis["fiscal_years"]
    if len(years) == 1:
        span = f"fiscal year {years[0]}"
    else:
        span = f"fiscal years {years[0]}-{years[-1]}" if years else "fiscal years 2019-2023"
    return (
        f"USCIS approved {uscis['initial_approvals']} new and {uscis['continuing_approvals']} "
        f"continuing H-1B petitions for {_names(uscis['employers'])} in {span}; these may be "
        "for nurses, researchers or staff physicians, not residents."
    )


def _match_line(record: Mapping[str, Any]) -> str:
    parts = [
        f"{kind} match: {item['match_method']}, score {item['match_score']:.0f}/100"
        for kind, item in (("LCA", record["lca"]), ("USCIS", record["uscis"]))
        if item
    ]
    return (
        f"Matched to {record['institution']} by employer name within its state "
        f"({'; '.join(parts)}). The evidence is for the whole institution, not this program."
    )


def h1b_lines(program: Program | ProgramUnit) -> list[str]:
    """What the sources say about H-1B sponsorship, in sentences."""
    record = program.known("h1b_evidence")
    if not isinstance(record, dict):
        return [NO_EVIDENCE]
    if record["strength"] == "strong":
        head = (
            "H-1B: strong evidence (a resident LCA filing: in a check on 475 internal-medicine "
            "programs, 3 of 4 programs with one sponsored H-1B)."
        )
    else:
        head = (
            "H-1B: weak evidence only (USCIS approvals, no resident LCA found: in a check on 475 "
            "internal-medicine programs, fewer than half of such programs sponsored H-1B)."
        )
    lines = [head]
    if record["lca"]:
        lines.append(_lca_line(record["lca"]))
    if record["uscis"]:
        lines.append(_uscis_line(record["uscis"]))
    return [*lines, _match_line(record)]


def size_lines(program: Program | ProgramUnit) -> list[str]:
    """Positions (with year and grain) and the Main Match fill history."""
    attr = _attribute(program, "positions")
    history = program.known("fill_history")
    if not attr.known:
        return ["Size: not in the sources (no NRMP Program Results for this program)."]
    grain = (
        "this track"
        if attr.grain == "track"
        else "the whole program: all tracks of the specialty at this institution, summed"
    )
    year = attr.as_of.removesuffix(" Match")
    lines = [f"Size: {count(int(attr.value), 'position')} in the {year} Main Match ({grain})."]
    if isinstance(history, dict):
        lines.append(
            f"Filled in the Main Match {history['filled']} of the last "
            f"{count(int(history['years']), 'year')} "
            f"({history['first_year']}-{history['last_year']}: the years in the data in "
            "which it took part; filled = matched reached the quota before SOAP)."
        )
    return lines


def _attribute(program: Program | ProgramUnit, name: str) -> Any:
    if isinstance(program, ProgramUnit):
        return program.attribute(name)
    return program.attributes[name]


def grouping_lines(unit: ProgramUnit) -> list[str]:
    """Which tracks make the program, and how sure the grouping is."""
    tracks = ", ".join(f"{p.code} ({p.track})" for p in unit.tracks)
    if unit.grouping == ONE_TRACK:
        return [f"Program {unit.key}: one track ({tracks})."]
    line = f"Program {unit.key}: {len(unit.tracks)} tracks ({tracks}), {unit.grouping}"
    return [line + (f": {unit.grouping_note}." if unit.grouping_note else ".")]
