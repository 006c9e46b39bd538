"""The calibration cohort: a cohort like Charting Outcomes' applying to real tracks.

Per specialty (:func:`specialty_input`): Step 2 CK from the published matched and unmatched
distributions (Gauss-Hermite points), the typical file for what the report does not
describe, ``SETS`` application lists of distinct catalog tracks. :func:`kernel` and
:func:`cohort_outcome` give the model's P(interview), P(match) and the cohort's Step 2 CK
means; :mod:`.calibration` fits the parameters to them, :mod:`.bands` checks them by band.
"""

from __future__ import annotations

import json
import math
import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np

from . import figures
from . import screening as sc
from .params import Assumptions, FittedParams, SpecialtyFit
from .quadrature import quadrature
from .shrinkage import shrinkage
from .targeting import application_sets, targeting_weights
from .units import listing_key

SCORE_POINTS = 16
TRACKS = ("C", "M", "A")  # the tracks a match counts on (an A track with its PGY-1 year)
SETS = 32  # sampled application lists per specialty (fixed seed: the fit is deterministic)
SET_SEED = 2026


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


def cohort_mix(c: figures.Cohort, scores: np.ndarray, fit: SpecialtyFit) -> np.ndarray:
    """The shift of the cohort's shared factor z at each Step 2 CK from who applies there
    (the parts of the file other than the score, so at the invite and the rank stage alike):
    linear and quadratic in the distance, per 10 points, from the cohort's mean score, less
    its cohort average (the mix moves no mean)."""
    parts = [(c.step2_matched, c.match_rate), (c.step2_unmatched, 1 - c.match_rate)]
    mean = sum(w * m.mean for m, w in parts if m)
    var = sum(w * (m.sd**2 + (m.mean - mean) ** 2) for m, w in parts if m)
    d = (scores - mean) / 10.0
    return fit.cohort_mix_per_10 * d + fit.cohort_mix_curvature * (d**2 - var / 100.0)


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
    included; per score point and node, P(match | interview) ``m`` (G, K); the node
    weights ``omega``."""

    q: np.ndarray
    m: np.ndarray
    omega: np.ndarray


def kernel(si: SpecialtyInput, fit: FittedParams, k_nodes: int = 24) -> Kernel:
    nodes, omega = quadrature(k_nodes)
    sd = fit.latent_sd
    mix = cohort_mix(si.cohort, si.scores, fit.specialty(si.specialty))[:, None]  # (G, 1)
    shift = fit.score_slope(si.specialty) * (si.scores - si.reference) / 10.0
    x = sc.logit(si.rates)[:, None, None] + (shift[:, None] + mix + sd * nodes)[None]
    q = si.pass_typical[None, :, None] * sc.expit(x)
    mu = fit.match_intercept + fit.competition_slope * si.log_competition
    mu += fit.specialty(si.specialty).match_offset
    return Kernel(q, sc.expit(mu + mix + sd * nodes[None, :]), omega)


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
    qm = k.q * k.m[None]
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
        qm = k.q * k.m[None]
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
