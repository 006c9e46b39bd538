"""Build a specialty's market for the season simulation from the catalog and the shipped figures."""

from __future__ import annotations

import math
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
from pydantic import BaseModel, ConfigDict

from ..datafiles import load_validated, source_csv
from ..errors import DataFileError
from .simulate import Market, fill_rates, spread_quotas

if TYPE_CHECKING:
    from ..chances import Assumptions, FittedParams

MARKET_FILE = "market.yaml"
TRACKS = ("C", "M", "A")


class MarketAssumption(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    low: float
    high: float
    unit: str
    label: str
    reasoning: str
    source: str


class MarketFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: str
    assumptions: dict[str, MarketAssumption]


@cache
def market_assumptions() -> MarketFile:
    """The simulation's own assumptions (data/market.yaml), validated."""
    parsed = load_validated(MARKET_FILE, MarketFile)
    for name, item in parsed.assumptions.items():
        if item.label != "assumed" or not item.low <= item.value <= item.high:
            raise DataFileError(f"data/{MARKET_FILE}: {name} must be labelled assumed and in range")
    return parsed


def us_md_applications() -> tuple[float, str]:
    """Mean ERAS applications per US MD applicant, all specialties, latest season published."""
    rows = [
        r
        for r in source_csv("eras_application_volume.csv")
        if r["applicant_group"] in ("md", "us_md")
        and r["specialty"] == "All"
        and r["metric"] == "mean_applications_per_applicant"
    ]
    latest = max(rows, key=lambda r: int(r["eras_season"]))
    return float(latest["value"]), f"ERAS {latest['eras_season']}: {latest['source_title']}"


def simulated_specialties() -> list[str]:
    """Specialties with a Charting Outcomes cohort (Step 2 CK distributions) and tracks."""
    from ..chances import figures
    from ..specialties import all_specialties

    found = []
    for specialty in all_specialties():
        cohort = figures.cohort(specialty)
        if cohort and cohort.step2_matched and cohort.step2_unmatched and cohort.total > 0:
            found.append(specialty)
    return found


def perturbed_market_values(rng: np.random.Generator) -> dict[str, float]:
    """The simulation's own assumptions drawn from their ranges (triangular, mode = value)."""
    items = market_assumptions().assumptions
    return {
        k: float(rng.triangular(v.low, v.value, v.high)) if v.high > v.low else v.value
        for k, v in items.items()
    }


def build_market(
    specialty: str,
    rng: np.random.Generator,
    assumptions: Assumptions | None = None,
    own: Mapping[str, float] | None = None,
) -> Market | None:
    """The market of one specialty, or None when the shipped data cannot size it.

    ``assumptions`` (the chance model's) and ``own`` (data/market.yaml's) default to the
    central values; pass drawn ones to simulate a perturbed "true" market."""
    from ..catalog import open_catalog
    from ..chances import figures, load_assumptions, load_fitted
    from ..chances.cohort import n_applications

    catalog = open_catalog()
    cohort = figures.cohort(specialty)
    tracks = catalog.programs_for([specialty], tracks=TRACKS)
    published = catalog.specialty_figures(specialty).figures
    positions, everyone = published.get("positions"), published.get("all_applicants_preferred")
    if cohort is None or not tracks or positions is None or everyone is None:
        return None
    if cohort.step2_matched is None or cohort.step2_unmatched is None:
        return None
    a, fit = assumptions or load_assumptions(), load_fitted()
    values = own or {k: v.value for k, v in market_assumptions().assumptions.items()}
    img_prior = np.maximum(figures.program_rates(specialty), a.get("zero_rate_floor"))
    md_prior = figures.program_rates(specialty, "md") if _has_md_rates() else np.zeros(0)
    quotas = spread_quotas(
        [_int(p.known_for_track("positions")) for p in tracks], int(positions.value or 0), rng
    )
    md_mean, _ = us_md_applications()
    known_rates = [_float(p.known("rate_non_us_img")) for p in tracks]
    competition_share = values["competition_applications_share"]
    return Market(
        specialty=specialty,
        quotas=quotas,
        img_rates=np.maximum(fill_rates(known_rates, img_prior, rng), a.get("zero_rate_floor")),
        img_targeting=_targeting(specialty, known_rates, quotas, cohort.total, a),
        md_rates=fill_rates(
            [_float(p.known("rate_md")) for p in tracks],
            md_prior if md_prior.size else img_prior,
            rng,
        ),
        img_applicants=int(round(cohort.total / _p_any_interview(specialty, a, fit))),
        competition_applicants=max(int(everyone.value or 0) - int(cohort.total), 0),
        img_applications=n_applications(len(tracks), a),
        competition_applications=int(min(len(tracks), round(md_mean * competition_share))),
        step2=(
            cohort.match_rate,
            cohort.step2_matched.mean,
            cohort.step2_matched.sd,
            cohort.step2_unmatched.mean,
            cohort.step2_unmatched.sd,
        ),
        step2_reference=figures.step2_reference(specialty),
        score_slope=fit.score_slope(specialty),
        latent_sd=fit.latent_sd,
        interviews_per_position=a.get("interviews_per_position"),
        interviews_per_applicant=values["interviews_per_applicant"],
        drawn=tuple(sorted(a.drawn.items())),
        model_order=_model_order(tracks, cohort.step2_mean, a),
        img_rank_logit=fit.match_intercept
        + fit.competition_slope * math.log(cohort.applicants_per_position)
        + fit.specialty(specialty).match_offset,
    )


def _targeting(
    specialty: str, known: list[float | None], quotas: np.ndarray, applicants: int, a: Assumptions
) -> np.ndarray:
    """The targeted strategy's weights: the calibration's (``cohort_weights``), from what an
    applicant can know of each track's rate (the published one, else the specialty's mean,
    the chance model's prior; floored as the chance model does) and this season's quotas."""
    from ..chances.cohort import cohort_weights, known_or_prior

    raw = np.array([math.nan if r is None else r for r in known], dtype=float)
    rates = known_or_prior(raw, specialty, a)
    return cohort_weights(specialty, rates, quotas.astype(float), applicants, a)


def _model_order(tracks: list, step2ck: float | None, a: Assumptions) -> np.ndarray:
    """Tracks by the chance model's P(success) for a typical cohort file, best first."""
    from ..chances import Applicant, ChanceModel, as_program_facts

    applicant = Applicant(
        step2ck=step2ck,
        years_since_graduation=a.get("typical_years_since_graduation"),
        hands_on_months=a.get("typical_hands_on_months"),
        strong_us_letters=int(a.get("typical_strong_us_letters")),
    )
    success = ChanceModel().predict_proba(applicant, [as_program_facts(p) for p in tracks])
    return np.argsort(-success, kind="stable")


def _p_any_interview(specialty: str, a: Assumptions, fit: FittedParams) -> float:
    """The chance model's P(at least one interview) for the specialty's cohort: Charting
    Outcomes counts only applicants who ranked programs, so the pool that applies is larger."""
    from ..chances.cohort import p_any_interview, specialty_input

    si = specialty_input(specialty, a)
    if si is None:
        return 1.0
    return float(np.clip(si.score_weights @ p_any_interview(si, fit), 0.05, 1.0))


@cache
def _has_md_rates() -> bool:
    from ..chances import figures

    first = next(iter(source_csv(figures.RATES_BY_PROGRAM)), {})
    return "rate_md" in first


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _int(value: object) -> int | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)  # type: ignore[call-overload]
