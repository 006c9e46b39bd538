"""Fit the chance model's global parameters to NRMP Charting Outcomes 2026 (non-US IMGs).

Per specialty, a cohort like the published one: Step 2 CK from the matched and the unmatched
distributions in the published proportions (Gauss-Hermite points, so no sampling noise), the
typical cohort file for everything Charting Outcomes does not report (assumed), applying to
as many programs of the specialty as such applicants do (ERAS figures). Each applicant's list
is real, distinct tracks of the shipped catalog (C, M and A), drawn without replacement in
proportion to the track's non-US IMG interview rate to the assumed targeting exponent (a
fixed sample of ``SETS`` lists, so the fit is deterministic): the same mechanics as a real
applicant's ``smartpick chances`` and as ``smartpick simulate``. A track without a published
rate has the specialty's mean rate, as in the chance model. The model's P(match | ranked at
least one program) is compared with the published match rate, Step 2 CK means and match
rate per Step 2 CK band (:mod:`.bands`); the cohort itself is in :mod:`.cohort`.

Fitted (named, see docs/model.md): ``match_intercept``, ``competition_slope``,
``log_score_slope_per_10``, ``log_latent_sd`` and, per specialty with at least
``MIN_APPLICANTS`` applicants, ``match_offset``, ``score_slope_log_ratio`` (never below the
assumed ``step2_slope_floor_ratio``) and the cohort mix ``cohort_mix_per_10`` and
``cohort_mix_curvature`` (all shrunk to 0).

    python -m smartpick.chances.calibration   # refit; rewrites data/fitted_params.json
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..datafiles import read_text
from . import figures
from .bands import band_errors, fine_input
from .cohort import (
    SET_SEED,
    SETS,
    SpecialtyInput,
    cohort_outcome,
    kernel,
    specialty_input,
)
from .params import Assumptions, FittedParams, SpecialtyFit, load_assumptions

MIN_APPLICANTS = 100
SHRINK_OFFSET = 2.0  # residual cost (pp) of one logit of specialty offset
SHRINK_SLOPE = 2.0
SHRINK_MIX_LINEAR = 10.0  # cost of one logit per 10 points of cohort mix: the score's own
# slope explains the cohort's curve as far as it can (down to its assumed floor), the mix the rest
SHRINK_MIX_CURVATURE = 2.0  # cost of one logit per (10 points)^2
BAND_WEIGHT = 1.0  # a band's residual (pp) against the match rate's (pp)
TOLERANCE_PP = 3.0
TOLERANCE_POINTS = 3.0
INPUT_FILES = (
    figures.CHARTING_SUMMARY,
    figures.CHARTING_DISTRIBUTIONS,
    figures.RATES_BY_PROGRAM,
    "eras_application_volume.csv",
    "nrmp_program_codes_2024.csv",  # the catalog's tracks, which the cohort applies to
    "nrmp_program_results_florida_2020_2026.csv",  # their positions, where shipped
)
LEFT_OUT_TOLERANCE = 1e-4  # looser: these fits only feed an unfitted check
GLOBAL_START = (0.0, 0.0, math.log(0.5), 0.0)
CHECK_SETS = 8  # lists used for the interview-count check (a check, not fitted)
CHECK_NODES = 12


def _params(theta: np.ndarray, names: Sequence[str], **meta: object) -> FittedParams:
    s = len(names)
    specialties = {
        name: SpecialtyFit(
            match_offset=float(theta[4 + i]),
            score_slope_log_ratio=float(theta[4 + s + i]),
            cohort_mix_per_10=float(theta[4 + 2 * s + i]),
            cohort_mix_curvature=float(theta[4 + 3 * s + i]),
        )
        for i, name in enumerate(names)
    }
    return FittedParams(
        match_intercept=float(theta[0]),
        competition_slope=float(theta[1]),
        log_score_slope_per_10=float(theta[2]),
        log_latent_sd=float(theta[3]),
        specialties=specialties,
        **meta,
    )


def residuals(si: SpecialtyInput, fit: FittedParams) -> list[float]:
    out = cohort_outcome(si, fit, interviews=False)
    c = si.cohort
    assert c.step2_matched is not None and c.step2_unmatched is not None
    return [
        100 * (out.match_rate - c.match_rate),
        out.matched_step2 - c.step2_matched.mean,
        out.unmatched_step2 - c.step2_unmatched.mean,
    ]


def fit_inputs(a: Assumptions, specialties: Sequence[str] | None = None) -> list[SpecialtyInput]:
    """The specialties of the fit: every cohort with Step 2 CK data and enough applicants."""
    chosen = specialties or [s for s, c in figures.cohorts().items() if c.total >= MIN_APPLICANTS]
    return [si for s in chosen if (si := specialty_input(s, a)) is not None]


@dataclass(frozen=True)
class FitResult:
    params: FittedParams
    cost: float
    inputs: tuple[SpecialtyInput, ...]


def fit_params(
    a: Assumptions | None = None,
    specialties: Sequence[str] | None = None,
    start: FittedParams | None = None,
    max_nfev: int | None = None,
    tolerance: float = 1e-8,
) -> FitResult:
    """Least squares (scipy) of the match rate (pp) and Step 2 CK means (points), with shrinkage."""
    from scipy.optimize import least_squares

    a = a or load_assumptions()
    inputs = fit_inputs(a, specialties)
    names = [si.specialty for si in inputs]
    fine = [fine_input(si, a) for si in inputs]

    def objective(theta: np.ndarray) -> np.ndarray:
        fit = _params(theta, names)
        res = [r for si in inputs for r in residuals(si, fit)]
        res += [BAND_WEIGHT * r for si in fine for r in band_errors(si, fit)]
        s = len(names)
        shrink = [SHRINK_OFFSET * t for t in theta[4 : 4 + s]]
        shrink += [SHRINK_SLOPE * t for t in theta[4 + s : 4 + 2 * s]]
        shrink += [SHRINK_MIX_LINEAR * t for t in theta[4 + 2 * s : 4 + 3 * s]]
        shrink += [SHRINK_MIX_CURVATURE * t for t in theta[4 + 3 * s :]]
        return np.asarray(res + shrink)

    lower = _lower_bounds(a, len(names))
    theta0 = np.maximum(_start(start, names), lower + 1e-9)
    sol = least_squares(
        objective,
        theta0,
        bounds=(lower, np.inf),
        method="trf",
        max_nfev=max_nfev,
        ftol=tolerance,
        xtol=tolerance,
    )
    meta = fit_metadata(a, names)
    return FitResult(_params(sol.x, names, **meta), float(sol.cost), tuple(inputs))


def _lower_bounds(a: Assumptions, s: int) -> np.ndarray:
    """Only ``score_slope_log_ratio`` is bounded: a specialty's per-applicant Step 2 CK slope
    is at least the assumed ``step2_slope_floor_ratio`` of the all-specialty slope (the
    cohort data cannot tell the score's own effect from who applies at that score)."""
    lower = np.full(4 + 4 * s, -np.inf)
    lower[4 + s : 4 + 2 * s] = math.log(a.get("step2_slope_floor_ratio"))
    return lower


def _start(start: FittedParams | None, names: Sequence[str]) -> np.ndarray:
    if start is None:
        return np.array([*GLOBAL_START, *([0.0] * 4 * len(names))])
    g = [
        start.match_intercept,
        start.competition_slope,
        start.log_score_slope_per_10,
        start.log_latent_sd,
    ]
    off = [start.specialty(n).match_offset for n in names]
    slope = [start.specialty(n).score_slope_log_ratio for n in names]
    mix = [start.specialty(n).cohort_mix_per_10 for n in names]
    curve = [start.specialty(n).cohort_mix_curvature for n in names]
    return np.array(g + off + slope + mix + curve)


def input_digest() -> str:
    h = hashlib.sha256()
    for name in INPUT_FILES:
        h.update(read_text(f"sources/{name}").encode())
    h.update(read_text("assumptions.yaml").encode())
    return h.hexdigest()[:16]


def fit_metadata(a: Assumptions, names: Sequence[str]) -> dict[str, object]:
    per_img, eras_source = figures.eras_img_applications()
    return {
        "fitted_on": dt.date.today().isoformat(),
        "inputs": {
            "source_files": list(INPUT_FILES),
            "assumptions_file": "assumptions.yaml",
            "input_digest": input_digest(),
            "specialties_fitted": list(names),
            "min_applicants": MIN_APPLICANTS,
            "eras_img_applications_per_applicant": per_img,
            "eras_source": eras_source,
            "cohort": figures.CITATIONS[figures.CHARTING_SUMMARY],
            "method": "scipy.optimize.least_squares (trf); quadrature over z and Step 2 CK; "
            f"{SETS} application lists per specialty drawn without replacement from the "
            f"shipped catalog's tracks (fixed seed {SET_SEED}); residuals: match rate (pp), "
            "Step 2 CK means (points), match rate per Step 2 CK band (pp, chances.bands)",
        },
    }


def write_fitted(result: FitResult, path: Path) -> None:
    path.write_text(json.dumps(result.params.model_dump(), indent=2) + "\n", encoding="utf-8")


@dataclass(frozen=True)
class Quartiles:
    q1: float
    median: float
    q3: float
    mean: float


@dataclass(frozen=True)
class CalibrationRow:
    """Target (Charting Outcomes 2026) vs model for one specialty."""

    specialty: str
    applicants: int
    fitted: bool
    target_match_rate_pct: float
    model_match_rate_pct: float
    target_matched_step2: float
    model_matched_step2: float
    target_unmatched_step2: float
    model_unmatched_step2: float
    target_ranks_matched: Quartiles | None
    model_interviews_matched: Quartiles
    target_ranks_unmatched: Quartiles | None
    model_interviews_unmatched: Quartiles
    left_out_match_rate_pct: float | None  # predicted with this specialty left out of the fit

    @property
    def within_tolerance(self) -> bool:
        return (
            abs(self.model_match_rate_pct - self.target_match_rate_pct) <= TOLERANCE_PP
            and abs(self.model_matched_step2 - self.target_matched_step2) <= TOLERANCE_POINTS
            and abs(self.model_unmatched_step2 - self.target_unmatched_step2) <= TOLERANCE_POINTS
        )


@dataclass(frozen=True)
class CalibrationResult:
    rows: tuple[CalibrationRow, ...]
    params: FittedParams
    all_fitted_within_tolerance: bool
    tolerance: str
    sources: tuple[str, ...]
    note: str


def interview_quartiles(si: SpecialtyInput, fit: FittedParams) -> tuple[Quartiles, Quartiles]:
    """Interviews (the model's proxy for contiguous ranks) of matched and of unmatched, over
    the first ``CHECK_SETS`` sampled lists (Poisson-binomial, built track by track)."""
    k = kernel(si, fit, CHECK_NODES)
    members = si.members[:CHECK_SETS]
    q = k.q[members]  # (S, n, G, K)
    dist = np.zeros((*q.shape[:1], *q.shape[2:], si.n_applications + 1))
    dist[..., 0] = 1.0
    for t in range(si.n_applications):
        qt = q[:, t, :, :, None]
        dist[..., 1:] = dist[..., 1:] * (1 - qt) + dist[..., :-1] * qt
        dist[..., :1] *= 1 - qt
    i = np.arange(si.n_applications + 1)
    stay = (1 - k.m[..., None]) ** i  # (G, K, I): no interview turned into a match
    p_any = np.clip(1 - dist[..., 0], 0, None).mean(axis=0) @ k.omega  # (G,)
    scale = si.score_weights / np.clip(p_any, 1e-12, None)
    mean_dist = dist.mean(axis=0)  # (G, K, I)
    matched = np.einsum("g,k,gki->i", scale, k.omega, mean_dist * (1 - stay))
    unmatched = np.einsum("g,k,gki->i", scale, k.omega, mean_dist * stay)
    unmatched[0] = 0.0
    return _quartiles(matched), _quartiles(unmatched)


def _quartiles(mass: np.ndarray) -> Quartiles:
    p = mass / mass.sum()
    cdf = np.cumsum(p)
    q = [float(np.searchsorted(cdf, x)) for x in (0.25, 0.5, 0.75)]
    return Quartiles(q[0], q[1], q[2], float(p @ np.arange(p.size)))


def _published_ranks(moments: figures.Moments | None, spec: str, cohort: str) -> Quartiles | None:
    if moments is None:
        return None
    row = figures.distribution_row(spec, "contiguous_ranks", cohort)
    return Quartiles(row["q1"], row["median"], row["q3"], moments.mean) if row else None


def left_out_rates(a: Assumptions, fitted: Sequence[str], start: FittedParams) -> dict[str, float]:
    """Each fitted specialty's match rate predicted by a fit without it (global parameters only)."""
    out: dict[str, float] = {}
    for name in fitted:
        others = [s for s in fitted if s != name]
        loo = fit_params(a, others, start=start, tolerance=LEFT_OUT_TOLERANCE).params
        si = specialty_input(name, a)
        if si is not None:
            out[name] = cohort_outcome(si, loo).match_rate
    return out


def calibration_report(
    a: Assumptions | None = None, refit: bool = True, left_out: bool = True
) -> CalibrationResult:
    """Fit (or read the shipped fit) and compare target and model per specialty. With the
    shipped assumptions the result is kept for the process (the fits take minutes), keyed on
    the digest of every input file, so an edited input is never answered from memory."""
    if a is None:
        return _report_on_shipped_inputs(refit, left_out, input_digest())
    return _report(a, refit, left_out)


@lru_cache(maxsize=4)
def _report_on_shipped_inputs(refit: bool, left_out: bool, _digest: str) -> CalibrationResult:
    return _report(load_assumptions(), refit, left_out)


def _report(a: Assumptions, refit: bool, left_out: bool) -> CalibrationResult:
    from .params import load_fitted

    params = fit_params(a).params if refit else load_fitted()
    fitted = list(params.specialties)
    loo = left_out_rates(a, fitted, params) if left_out else {}
    rows = [
        _row(si, params, si.specialty in params.specialties, loo.get(si.specialty))
        for s in figures.cohorts()
        if (si := specialty_input(s, a)) is not None
    ]
    return CalibrationResult(
        rows=tuple(rows),
        params=params,
        all_fitted_within_tolerance=all(r.within_tolerance for r in rows if r.fitted),
        tolerance=f"{TOLERANCE_PP:g} pp on match rate, "
        f"{TOLERANCE_POINTS:g} points on each Step 2 CK mean",
        sources=tuple(figures.CITATIONS.values()),
        note="Calibrated to the Main Match only; SOAP is not modelled. Specialties with fewer "
        f"than {MIN_APPLICANTS} non-US IMG applicants are predictions, not fitted.",
    )


def _row(si: SpecialtyInput, fit: FittedParams, fitted: bool, loo: float | None) -> CalibrationRow:
    out = cohort_outcome(si, fit)
    c = si.cohort
    assert c.step2_matched is not None and c.step2_unmatched is not None
    name = figures.charting_name(si.specialty)
    im, iu = interview_quartiles(si, fit)
    return CalibrationRow(
        specialty=si.specialty,
        applicants=c.total,
        fitted=fitted,
        target_match_rate_pct=round(100 * c.match_rate, 1),
        model_match_rate_pct=round(100 * out.match_rate, 1),
        target_matched_step2=c.step2_matched.mean,
        model_matched_step2=round(out.matched_step2, 1),
        target_unmatched_step2=c.step2_unmatched.mean,
        model_unmatched_step2=round(out.unmatched_step2, 1),
        target_ranks_matched=_published_ranks(c.ranks_matched, name, "matched"),
        model_interviews_matched=im,
        target_ranks_unmatched=_published_ranks(c.ranks_unmatched, name, "not_matched"),
        model_interviews_unmatched=iu,
        left_out_match_rate_pct=None if loo is None else round(100 * loo, 1),
    )


SHIPPED = Path(__file__).resolve().parent.parent / "data" / "fitted_params.json"


def main(argv: Sequence[str] | None = None) -> int:
    """Refit the chance model; print the parameters, or write them where asked."""
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m smartpick.chances.calibration",
        description="Refit the chance model to the shipped figures and print the fitted "
        "parameters as JSON on stdout. Nothing is written unless asked: -o writes them to a "
        "file of your choice; --write-shipped rewrites the tracked "
        "src/smartpick/data/fitted_params.json (a maintainer's step, to be committed).",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-o", "--output", type=Path, help="write the parameters to this file")
    where.add_argument(
        "--write-shipped", action="store_true", help="rewrite the shipped fitted_params.json"
    )
    args = parser.parse_args(argv)
    result = fit_params()
    target = SHIPPED if args.write_shipped else args.output
    if target is None:
        print(json.dumps(result.params.model_dump(), indent=2))
        return 0
    write_fitted(result, target)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover - a maintainer tool; tested through main()
    raise SystemExit(main())
