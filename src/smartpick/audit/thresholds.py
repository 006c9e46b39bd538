"""Score bands per specialty, read from the shipped Charting Outcomes distributions.

Source: NRMP Charting Outcomes, Non-U.S. IMGs, 2026 Main Residency Match
(``data/sources/charting_outcomes_nonus_img_2026_distributions.csv``; see SOURCES.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..datafiles import source_csv
from ..specialties import get_specialty

DISTRIBUTIONS = "charting_outcomes_nonus_img_2026_distributions.csv"


@dataclass(frozen=True)
class ScoreBand:
    """Step 2 CK quartiles of matched non-US IMGs who preferred one specialty."""

    specialty: str  # the dataset's name
    n: int
    q1: float
    median: float
    q3: float
    mean: float


@cache
def _matched_step2ck() -> dict[str, ScoreBand]:
    bands = {}
    for row in source_csv(DISTRIBUTIONS):
        if row["measure"] != "step2ck" or row["cohort"] != "matched":
            continue
        if row["suppressed"] == "True" or not row["q1"]:
            continue
        bands[row["specialty"]] = ScoreBand(
            specialty=row["specialty"],
            n=int(row["n"]),
            q1=float(row["q1"]),
            median=float(row["median"]),
            q3=float(row["q3"]),
            mean=float(row["mean"]),
        )
    return bands


def step2ck_band(specialty_id: str) -> ScoreBand | None:
    """The matched Step 2 CK band for a specialty id, or None where NRMP publishes none."""
    name = get_specialty(specialty_id).charting_outcomes
    return _matched_step2ck().get(name) if name else None
