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
least one program) is compared with the published match rate and Step 2 CK means.

Fitted (named, see docs/model.md): ``match_intercept``, ``competition_slope``,
``log_score_slope_per_10``, ``log_latent_sd`` and, per specialty with at least
``MIN_APPLICANTS`` applicants, ``match_offset`` and ``score_slope_log_ratio`` (shrunk to 0).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from ..datafiles import read_text
from . import figures
from . import screening as sc
from .params import Assumptions, FittedParams, SpecialtyFit, load_assumptions
from .quadrature import quadrature
from .shrinkage import shrinkage
from .targeting import application_sets, targeting_weights
from .units import listing_key

MIN_APPLICANTS = 100
SCORE_POINTS = 16
SHRINK_OFFSET = 2.0  # residual cost (pp) of one logit of specialty offset
SHRINK_SLOPE = 2.0
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
TRACKS = ("C", "M", "A")  # the tracks a match counts on (an A track with its PGY-1 year)
SETS = 32  # sampled application lists per specialty (fixed seed: the fit is deterministic)
SET_SEED = 2026
CHECK_SETS = 8  # lists used for the interview-count check (a check, not fitted)
CHECK_NODES = 12


@dataclass(frozen=True)
class SpecialtyInput:
    """What the fit needs of one specialty."""

    specialty: str
    cohort: figures.Cohort
    rates: np.ndarray  # (U,) distinct non-US IMG rates of the specialty's tracks (floored)
    members: np.ndarray  # (S, n) each sampled applicant's tracks, as indices into ``rates``
    counts: np.ndarray  # (S, U) how many of those tracks have each rate
    n_applications: int
    scores: np.ndarray  # cohort Step 2 CK points
    score_weights: np.ndarray
    pass_typical: np.ndarray  # P(pass filters) of a typical file at each score
    reference: float
    log_competition: float


def n_applications(n_programs: int, a: Assumptions) -> int:
    per_img, _ = figures.eras_img_applications()
    return int(min(n_programs, round(per_img * a.get("applications_share_preferred_specialty"))))


def catalog_rates(specialty: str) -> np.ndarray:
    """The non-US IMG interview rate of each ERAS listing (program and kind of track, C and
    M together, A apart) of the specialty in the shipped catalog (NaN where none was
    published): the programs a real applicant applies to. The
    shipped catalog, not the user's (imports would change the fit)."""
    return np.asarray([rate for rate, _ in _shipped_catalog().get(specialty, [])], dtype=float)


def catalog_positions(specialty: str) -> np.ndarray:
    """Positions of each of those tracks: the shipped figure where there is one, else the
    specialty's published positions (Charting Outcomes 2026) spread evenly over the rest."""
    known = np.asarray([q for _, q in _shipped_catalog().get(specialty, [])], dtype=float)
    c = figures.cohort(specialty)
    missing = np.isnan(known)
    if missing.any():
        left = (c.positions if c else 0) - np.nansum(known)
        known[missing] = max(left / int(missing.sum()), 1.0)
    return known


@cache
def _shipped_catalog() -> dict[str, list[tuple[float, float]]]:
    from ..catalog.build import build_rows

    built = build_rows()
    values: dict[str, dict[str, float]] = {"rate_non_us_img": {}, "positions": {}}
    for a in built.attributes:
        if a["name"] in values and a["grain"] in (None, "track"):  # track-level values only
            values[a["name"]][a["code"]] = float(json.loads(a["value"]))
    listings: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for p in built.programs:
        if p["track"] in TRACKS:  # one entry per ERAS listing (chances.units)
            listings.setdefault((p["specialty"], listing_key(p["code"], p["track"])), []).append(
                (
                    values["rate_non_us_img"].get(p["code"], math.nan),
                    values["positions"].get(p["code"], math.nan),
                )
            )
    out: dict[str, list[tuple[float, float]]] = {}
    for (specialty, _), tracks in listings.items():
        rates, positions = np.array(tracks).T
        rate = float(np.nanmax(rates)) if not np.isnan(rates).all() else math.nan
        size = float(np.nansum(positions)) if not np.isnan(positions).all() else math.nan
        out.setdefault(specialty, []).append((rate, size))
    return out


def track_rates(specialty: str, a: Assumptions) -> np.ndarray:
    """Per track of the shipped catalog, the rate the chance model uses (``known_or_prior``)."""
    return known_or_prior(catalog_rates(specialty), specialty, a)


def known_or_prior(raw: np.ndarray, specialty: str, a: Assumptions) -> np.ndarray:
    """Per track, the rate the chance model uses for a typical file: the published one shrunk
    toward its specialty (chances.shrinkage; NaN: none), else the specialty's mean (its
    prior), floored at the assumed rounding floor."""
    prior = figures.rate_prior(specialty, "non_us_img")
    fit = shrinkage(specialty, "non_us_img")
    own = raw if fit is None else fit.posterior_rate(raw)
    filled = np.where(np.isnan(raw), prior.mean if prior else math.nan, own)
    filled = np.where(np.isnan(filled), a.get("zero_rate_floor"), filled)
    return np.clip(np.maximum(filled, a.get("zero_rate_floor")), 0.0, 0.995)


def cohort_weights(
    specialty: str, rates: np.ndarray, positions: np.ndarray, applicants: float, a: Assumptions
) -> np.ndarray:
    """How a cohort of ``applicants`` spreads its lists over the specialty's tracks
    (smartpick.chances.targeting): by rate to the targeting exponent, within each track's
    share of interview slots. The calibration's lists and the simulated season's."""
    return targeting_weights(
        rates,
        positions,
        applicants,
        n_applications(rates.size, a),
        a.get("application_targeting_exponent", specialty),
        a.get("interviews_per_position") * a.get("img_interview_slot_share"),
    )


def specialty_input(specialty: str, a: Assumptions) -> SpecialtyInput | None:
    c = figures.cohort(specialty)
    if c is None or c.step2_matched is None or c.step2_unmatched is None:
        return None
    tracks = track_rates(specialty, a)
    if tracks.size == 0:
        return None
    n = n_applications(tracks.size, a)
    rng = np.random.default_rng([SET_SEED, zlib.crc32(specialty.encode())])
    weights = cohort_weights(specialty, tracks, catalog_positions(specialty), c.total, a)
    chosen = application_sets(rng, SETS, weights, n)
    rates, index = np.unique(tracks, return_inverse=True)
    members = index.reshape(-1)[chosen]
    counts = np.stack([np.bincount(row, minlength=rates.size) for row in members])
    scores, score_w = cohort_scores(c)
    return SpecialtyInput(
        specialty=specialty,
        cohort=c,
        rates=rates,
        members=members,
        counts=counts.astype(float),
        n_applications=n,
        scores=scores,
        score_weights=score_w,
        pass_typical=typical_pass(specialty, scores, a),
        reference=figures.step2_reference(specialty),
        log_competition=math.log(c.applicants_per_position),
    )


def cohort_scores(c: figures.Cohort) -> tuple[np.ndarray, np.ndarray]:
    """Step 2 CK points and weights: matched and unmatched normals in the cohort's proportions."""
    nodes, w = quadrature(SCORE_POINTS)
    parts = [(c.step2_matched, c.match_rate), (c.step2_unmatched, 1 - c.match_rate)]
    scores = np.concatenate([m.mean + m.sd * nodes for m, _ in parts if m])
    weights = np.concatenate([share * w for _, share in parts])
    return scores, weights


def typical_pass(specialty: str, scores: np.ndarray, a: Assumptions) -> np.ndarray:
    """A typical cohort file (J-1, no failure, typical years) at programs of unknown policy."""
    visa = a.get("visa_share_accept_j1", specialty)
    yog = a.get("yog_filter_share") * sc.yog_fraction(a.get("typical_years_since_graduation"), a)
    step2 = sc.step2_exclusion(
        scores,
        a.get("step2ck_cutoff_share", specialty),
        a.get("step2ck_cutoff_low"),
        a.get("step2ck_cutoff_high"),
    )
    return visa * (1 - yog) * (1 - step2)


@dataclass(frozen=True)
class CohortOutcome:
    match_rate: float
    matched_step2: float
    unmatched_step2: float
    ranks_matched: float
    ranks_unmatched: float


@dataclass(frozen=True)
class Kernel:
    """Per distinct rate, score point and node of z: P(interview) ``q`` (U, G, K), filters
    included; per node, P(match | interview) ``m`` (K,); the node weights ``omega``."""

    q: np.ndarray
    m: np.ndarray
    omega: np.ndarray


def kernel(si: SpecialtyInput, fit: FittedParams, k_nodes: int = 24) -> Kernel:
    nodes, omega = quadrature(k_nodes)
    sd = fit.latent_sd
    shift = fit.score_slope(si.specialty) * (si.scores - si.reference) / 10.0
    x = sc.logit(si.rates)[:, None, None] + shift[None, :, None] + sd * nodes[None, None, :]
    q = si.pass_typical[None, :, None] * sc.expit(x)
    mu = fit.match_intercept + fit.competition_slope * si.log_competition
    mu += fit.specialty(si.specialty).match_offset
    return Kernel(q, sc.expit(mu + sd * nodes), omega)


def _per_set(si: SpecialtyInput, values: np.ndarray) -> np.ndarray:
    """Sum over each sampled list's tracks of a per-rate (U, G, K) array: (S, G, K)."""
    return np.einsum("su,ugk->sgk", si.counts, values)


def _over_sets(si: SpecialtyInput, values: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """Mean over the sampled application sets and E over z of a (S, G, K) array: (G,)."""
    return values.mean(axis=0) @ omega


def p_any_interview(si: SpecialtyInput, fit: FittedParams) -> np.ndarray:
    """P(at least one interview) at each cohort score point (G,)."""
    return _match_by_score(si, kernel(si, fit))[0]


def _match_by_score(si: SpecialtyInput, k: Kernel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """P(at least one interview), P(match | at least one) per score point (G,), and the
    per-list P(no match) (S, G, K)."""
    qm = k.q * k.m[None, None, :]
    none_int = np.exp(_per_set(si, np.log1p(-k.q)))
    none_match = np.exp(_per_set(si, np.log1p(-qm)))
    p_any = np.clip(_over_sets(si, 1 - none_int, k.omega), 1e-12, None)
    return p_any, _over_sets(si, 1 - none_match, k.omega) / p_any, none_match


def cohort_outcome(si: SpecialtyInput, fit: FittedParams, interviews: bool = True) -> CohortOutcome:
    """The model's match rate, Step 2 CK means and (with ``interviews``) mean interviews of
    the ranked cohort (Charting Outcomes counts only applicants who ranked a program)."""
    k = kernel(si, fit)
    p_any, p_match, none_match = _match_by_score(si, k)
    w, x = si.score_weights, si.scores
    rate = float(w @ p_match)
    ranks = (math.nan, math.nan)
    if interviews:
        qm = k.q * k.m[None, None, :]
        lost = _per_set(si, (k.q - qm) / (1 - qm))
        i_unmatched = _over_sets(si, none_match * lost, k.omega) / p_any
        i_matched = _over_sets(si, _per_set(si, k.q), k.omega) / p_any - i_unmatched
        ranks = (
            float(w @ i_matched) / max(rate, 1e-12),
            float(w @ i_unmatched) / max(1 - rate, 1e-12),
        )
    return CohortOutcome(
        match_rate=rate,
        matched_step2=float(w @ (p_match * x)) / max(rate, 1e-12),
        unmatched_step2=float(w @ ((1 - p_match) * x)) / max(1 - rate, 1e-12),
        ranks_matched=ranks[0],
        ranks_unmatched=ranks[1],
    )


def _params(theta: np.ndarray, names: Sequence[str], **meta: object) -> FittedParams:
    s = len(names)
    specialties = {
        name: SpecialtyFit(
            match_offset=float(theta[4 + i]), score_slope_log_ratio=float(theta[4 + s + i])
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

    def objective(theta: np.ndarray) -> np.ndarray:
        fit = _params(theta, names)
        res = [r for si in inputs for r in residuals(si, fit)]
        s = len(names)
        shrink = [SHRINK_OFFSET * t for t in theta[4 : 4 + s]]
        shrink += [SHRINK_SLOPE * t for t in theta[4 + s :]]
        return np.asarray(res + shrink)

    theta0 = _start(start, names)
    sol = least_squares(
        objective, theta0, method="trf", max_nfev=max_nfev, ftol=tolerance, xtol=tolerance
    )
    meta = fit_metadata(a, names)
    return FitResult(_params(sol.x, names, **meta), float(sol.cost), tuple(inputs))


def _start(start: FittedParams | None, names: Sequence[str]) -> np.ndarray:
    if start is None:
        return np.array([*GLOBAL_START, *([0.0] * 2 * len(names))])
    g = [
        start.match_intercept,
        start.competition_slope,
        start.log_score_slope_per_10,
        start.log_latent_sd,
    ]
    off = [start.specialty(n).match_offset for n in names]
    slope = [start.specialty(n).score_slope_log_ratio for n in names]
    return np.array(g + off + slope)


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
            f"shipped catalog's tracks (fixed seed {SET_SEED})",
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
    stay = (1 - k.m[:, None]) ** i[None, :]  # (K, I): no interview turned into a match
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
    """Fit (or read the shipped fit) and compare target and model per specialty."""
    from .params import load_fitted

    a = a or load_assumptions()
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
