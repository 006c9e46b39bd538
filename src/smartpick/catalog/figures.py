"""Per-specialty base figures that priors come from, each with its source line."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from ..specialties import get_specialty
from .db import RateJoinRow
from .model import Figure, RateDistribution, SpecialtyFigures
from .rates import rate_specialty_ids
from .sources import rows, source_line

if TYPE_CHECKING:
    from .query import Catalog

CHARTING = "charting_outcomes_nonus_img_2026_specialty_summary.csv"
RATE_SUMMARY = "program_interview_rates_2024_specialty_summary.csv"
VISA = "img_visa_sponsorship_figures.csv"
CHARTING_COLUMNS = {
    "positions": ("positions", "positions, 2026 Main Match"),
    "all_applicants_preferred": ("applicants", "applicants preferring the specialty, 2026"),
    "nonus_img_matched": ("applicants", "non-US IMGs matched, 2026"),
    "nonus_img_total": ("applicants", "non-US IMGs preferring the specialty, 2026"),
    "nonus_img_match_rate_pct_derived": (
        "percent",
        "non-US IMG match rate, 2026 (matched / total, derived by the transcriber)",
    ),
    "all_applicants_per_position": ("ratio", "applicants per position, 2026"),
    "nonus_img_per_position": ("ratio", "non-US IMGs per position, 2026"),
}


def _number(text: str) -> float | int | None:
    text = text.strip()
    if not text:
        return None
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def charting_figures(specialty_id: str) -> dict[str, Figure]:
    """NRMP Charting Outcomes (non-US IMGs, 2026) figures for a specialty; {} if not published."""
    name = get_specialty(specialty_id).charting_outcomes
    row = next((r for r in rows(CHARTING) if r["specialty"] == name), None)
    if row is None:
        return {}
    cited = source_line(CHARTING)
    return {
        column: Figure(_number(row[column]), unit, cited, label)
        for column, (unit, label) in CHARTING_COLUMNS.items()
    }


def rate_distributions(specialty_id: str) -> tuple[RateDistribution, ...]:
    """Spread of program interview rates per applicant type and signal (2024)."""
    names = {n for n, s in rate_specialty_ids().items() if s == specialty_id}
    cited = source_line(RATE_SUMMARY)
    return tuple(
        RateDistribution(
            group=r["group"],
            n_programs=int(r["n_programs_derived"]),
            mean=_float(r["mean_derived"]),
            p25=_float(r["p25_derived"]),
            median=_float(r["median_derived"]),
            p75=_float(r["p75_derived"]),
            source=cited,
        )
        for r in rows(RATE_SUMMARY)
        if r["specialty"] in names
    )


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def visa_figures(specialty_id: str) -> tuple[Figure, ...]:
    """Published IMG visa figures for the specialty (only IM and a few others have any)."""
    name = get_specialty(specialty_id).name
    return tuple(
        Figure(
            _number(r["value"]),
            r["unit"],
            f"{r['source_title']} ({r['source_url']})",
            f"{r['metric']} ({r['scope']}, {r['data_year']})",
        )
        for r in rows_of_visa()
        if r["specialty"] == name and r["value"].strip()
    )


def rows_of_visa() -> tuple[dict[str, str], ...]:
    from ..datafiles import source_csv

    return source_csv(VISA)


def specialty_figures(catalog: Catalog, specialty_id: str) -> SpecialtyFigures:
    spec = get_specialty(specialty_id)
    tracks = Counter(p.track for p in catalog.programs_for([specialty_id]))
    return SpecialtyFigures(
        specialty=spec.id,
        name=spec.name,
        tracks_by_type=dict(sorted(tracks.items())),
        figures=charting_figures(specialty_id),
        interview_rates=rate_distributions(specialty_id),
        visa_figures=visa_figures(specialty_id),
        interview_rate_join=join_counts(catalog, specialty_id),
    )


def join_counts(catalog: Catalog, specialty_id: str) -> dict[str, int]:
    """How the specialty's interview-rate rows joined: rows, joined, ambiguous, ..."""
    table = RateJoinRow.__table__
    query = (
        select(table.c.status, func.count())
        .where(table.c.specialty == specialty_id)
        .group_by(table.c.status)
    )
    with catalog.engine.connect() as conn:
        counts = {status: int(n) for status, n in conn.execute(query)}
    return {"rows": sum(counts.values()), **dict(sorted(counts.items()))}
