"""Published figures the chance model needs, per specialty id, read from the shipped sources.

- Charting Outcomes 2026, non-US IMGs (NRMP): the calibration cohort and its Step 2 CK.
- Program interview rates 2024 (unverified source): the prior distribution of a program's
  interview rate per applicant type and signal status, and the per-program rates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

from ..datafiles import source_csv
from ..specialties import all_specialties

CHARTING_SUMMARY = "charting_outcomes_nonus_img_2026_specialty_summary.csv"
CHARTING_DISTRIBUTIONS = "charting_outcomes_nonus_img_2026_distributions.csv"
RATES_BY_PROGRAM = "program_interview_rates_2024_by_signal_and_applicant_type.csv"
RATES_SUMMARY = "program_interview_rates_2024_specialty_summary.csv"
RATE_GROUPS = ("non_us_img", "us_img", "gold_signal", "silver_signal", "signal", "no_signal")

CITATIONS = {
    CHARTING_SUMMARY: "NRMP, Charting Outcomes: Non-U.S. IMGs, 2026 Main Residency Match",
    RATES_BY_PROGRAM: "Program interview rates, 2024 Match (datadoc1/signal-analysis; "
    "upstream provider unverified)",
    "eras_application_volume.csv": "AAMC ERAS statistics (mean applications per IMG), as quoted in "
    "AAIM 2016, Am J Med and Ann Fam Med",
}


@dataclass(frozen=True)
class Moments:
    n: int
    mean: float
    sd: float
    q1: float | None = None


@dataclass(frozen=True)
class Cohort:
    """The Charting Outcomes non-US IMG cohort that ranked this specialty first."""

    specialty: str
    total: int
    match_rate: float
    applicants_per_position: float
    step2_matched: Moments | None
    step2_unmatched: Moments | None
    ranks_matched: Moments | None
    ranks_unmatched: Moments | None
    positions: int = 0  # positions offered in the specialty (0: not published)

    @property
    def step2_mean(self) -> float | None:
        """Mean Step 2 CK of the whole cohort (matched and unmatched in their proportions)."""
        return self._pooled(self.step2_matched, self.step2_unmatched)

    @property
    def ranks_mean(self) -> float | None:
        """Mean contiguous ranks of the whole cohort (matched and unmatched in their
        proportions): the programs they ranked, at most their interviews."""
        return self._pooled(self.ranks_matched, self.ranks_unmatched)

    def _pooled(self, matched: Moments | None, unmatched: Moments | None) -> float | None:
        if matched is None or unmatched is None:
            return None
        return self.match_rate * matched.mean + (1 - self.match_rate) * unmatched.mean


def _float(text: str | None) -> float | None:
    return float(text) if text not in (None, "") else None


@lru_cache(maxsize=1)
def _charting_names() -> dict[str, str]:
    return {s.charting_outcomes: s.id for s in all_specialties().values() if s.charting_outcomes}


@lru_cache(maxsize=1)
def cohorts() -> dict[str, Cohort]:
    """Every specialty id with a Charting Outcomes row."""
    names = _charting_names()
    moments = _distribution_moments()
    result: dict[str, Cohort] = {}
    for row in source_csv(CHARTING_SUMMARY):
        sid = names.get(row["specialty"])
        if sid is None:
            continue
        matched, total = int(row["nonus_img_matched"]), int(row["nonus_img_total"])
        result[sid] = Cohort(
            specialty=sid,
            total=total,
            match_rate=matched / total,
            applicants_per_position=float(row["all_applicants_per_position"]),
            step2_matched=moments.get((row["specialty"], "step2ck", "matched")),
            step2_unmatched=moments.get((row["specialty"], "step2ck", "not_matched")),
            ranks_matched=moments.get((row["specialty"], "contiguous_ranks", "matched")),
            ranks_unmatched=moments.get((row["specialty"], "contiguous_ranks", "not_matched")),
            positions=int(row["positions"] or 0),
        )
    return result


def _distribution_moments() -> dict[tuple[str, str, str], Moments]:
    out: dict[tuple[str, str, str], Moments] = {}
    for row in source_csv(CHARTING_DISTRIBUTIONS):
        mean, sd = _float(row["mean"]), _float(row["sd"])
        if mean is None or sd is None:
            continue
        key = (row["specialty"], row["measure"], row["cohort"])
        out[key] = Moments(int(row["n"]), mean, sd, _float(row["q1"]))
    return out


def cohort(specialty: str | None) -> Cohort | None:
    return cohorts().get(specialty) if specialty else None


@lru_cache(maxsize=1)
def pooled_cohort() -> Cohort:
    """All specialties with Step 2 CK data, weighted by size (for specialties without one)."""
    usable = [c for c in cohorts().values() if c.step2_mean is not None]
    total = sum(c.total for c in usable)
    w = [c.total / total for c in usable]
    apps = math.exp(
        sum(wi * math.log(c.applicants_per_position) for wi, c in zip(w, usable, strict=False))
    )
    step2 = sum(wi * (c.step2_mean or 0.0) for wi, c in zip(w, usable, strict=False))
    q1 = sum(
        wi * ((c.step2_unmatched.q1 if c.step2_unmatched else None) or step2)
        for wi, c in zip(w, usable, strict=False)
    )
    matched = sum(c.match_rate * c.total for c in usable) / total
    return Cohort(
        specialty="pooled",
        total=total,
        match_rate=matched,
        applicants_per_position=apps,
        step2_matched=None,
        step2_unmatched=Moments(total, step2, 0.0, q1),
        ranks_matched=None,
        ranks_unmatched=None,
    )


def step2_reference(specialty: str | None) -> float:
    """The Step 2 CK of the specialty's typical cohort applicant (where the score effect is 0)."""
    c = cohort(specialty)
    if c is not None and c.step2_mean is not None:
        return c.step2_mean
    unmatched = pooled_cohort().step2_unmatched
    assert unmatched is not None
    return unmatched.mean


def step2_missing_value(specialty: str | None) -> float:
    """A missing Step 2 CK is read as the lower quartile of the specialty's unmatched applicants."""
    c = cohort(specialty)
    if c is not None and c.step2_unmatched is not None and c.step2_unmatched.q1 is not None:
        return c.step2_unmatched.q1
    unmatched = pooled_cohort().step2_unmatched
    assert unmatched is not None and unmatched.q1 is not None
    return unmatched.q1


def applicants_per_position(specialty: str | None) -> float:
    c = cohort(specialty)
    return c.applicants_per_position if c is not None else pooled_cohort().applicants_per_position


@dataclass(frozen=True)
class RatePrior:
    """The specialty's distribution of program interview rates for one group."""

    mean: float
    sd: float
    n_programs: int


@lru_cache(maxsize=1)
def _rates_names() -> dict[str, str]:
    return {s.interview_rates: s.id for s in all_specialties().values() if s.interview_rates}


@lru_cache(maxsize=1)
def rate_priors() -> dict[tuple[str, str], RatePrior]:
    names = _rates_names()
    out: dict[tuple[str, str], RatePrior] = {}
    for row in source_csv(RATES_SUMMARY):
        sid = names.get(row["specialty"])
        mean, sd = _float(row["mean_derived"]), _float(row["sd_derived"])
        if sid is None or mean is None or row["group"] not in RATE_GROUPS:
            continue
        out[(sid, row["group"])] = RatePrior(mean, sd or 0.0, int(row["n_programs_derived"]))
    return out


def rate_prior(specialty: str | None, group: str) -> RatePrior | None:
    """The specialty's prior; for specialties without data, the program-weighted mean of all."""
    priors = rate_priors()
    if specialty and (specialty, group) in priors:
        return priors[(specialty, group)]
    same = [p for (_, g), p in priors.items() if g == group]
    if not same:
        return None
    n = sum(p.n_programs for p in same)
    mean = sum(p.mean * p.n_programs for p in same) / n
    sd = math.sqrt(sum(p.sd**2 * p.n_programs for p in same) / n)
    return RatePrior(mean, sd, n)


@cache
def program_rates(specialty: str, group: str = "non_us_img") -> np.ndarray:
    """Every published program rate of one group in one specialty (blank cells left out)."""
    name = all_specialties()[specialty].interview_rates
    values = [
        float(row[f"rate_{group}"])
        for row in source_csv(RATES_BY_PROGRAM)
        if row["specialty"] == name and row[f"rate_{group}"] not in ("", None)
    ]
    return np.asarray(values, dtype=float)


def eras_img_applications() -> tuple[float, str]:
    """Mean ERAS applications per IMG applicant, all specialties, latest season published."""
    rows = [
        r
        for r in source_csv("eras_application_volume.csv")
        if r["applicant_group"] == "img"
        and r["specialty"] == "All"
        and r["metric"] == "mean_applications_per_applicant"
    ]
    latest = max(rows, key=lambda r: int(r["eras_season"]))
    return float(latest["value"]), f"ERAS {latest['eras_season']}: {latest['source_title']}"


def charting_name(specialty: str) -> str:
    return all_specialties()[specialty].charting_outcomes or specialty


def distribution_row(name: str, measure: str, cohort_name: str) -> dict[str, float] | None:
    """q1 / median / q3 of one published distribution (None if suppressed)."""
    for row in source_csv(CHARTING_DISTRIBUTIONS):
        if (row["specialty"], row["measure"], row["cohort"]) == (name, measure, cohort_name):
            values = {k: _float(row[k]) for k in ("q1", "median", "q3")}
            if any(v is None for v in values.values()):
                return None
            return {k: float(v or 0.0) for k, v in values.items()}
    return None
