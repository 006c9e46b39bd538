"""The three screening stages, vectorised over programs: filters, invite, rank.

Logit-scale pieces are kept apart from the latent factor z, which the model adds per node.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import figures
from .inputs import Applicant, ProgramArrays
from .params import Assumptions, FittedParams
from .units import first_tracks, program_key
from .visa import posterior_share

FILTERS = ("visa", "years_since_graduation", "attempts", "step2ck", "step1")


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def expit(x: np.ndarray) -> np.ndarray:
    e = np.exp(-x)
    if not isinstance(e, np.ndarray):
        return 1.0 / (1.0 + e)
    e += 1.0  # in place: the same arithmetic as 1 / (1 + exp(-x)), fewer temporaries
    return np.divide(1.0, e, out=e)


def per_specialty(arr: ProgramArrays, value: Callable[[str], float]) -> np.ndarray:
    """``value(specialty)`` for each program, computed once per distinct specialty: (n,), or
    (draws, n) when the values are (draws, 1) arrays (a batch of assumption draws)."""
    distinct = np.array([value(s) for s in arr.specialty_names], dtype=float)
    if distinct.ndim == 1:
        return distinct[arr.specialty_index]
    return distinct.reshape(len(arr.specialty_names), -1).T[:, arr.specialty_index]


def step2_exclusion(score: np.ndarray | float, share: float, low: float, high: float) -> np.ndarray:
    """Share of programs whose unknown cutoff (spread evenly low..high) is above ``score``."""
    width = np.maximum(high - low, 1e-9)
    return share * np.clip((high - np.asarray(score, dtype=float)) / width, 0.0, 1.0)


def yog_fraction(years: float, a: Assumptions) -> float:
    """0 up to the start threshold, 1 at the full threshold, linear between."""
    start, full = a.get("yog_filter_start_years"), a.get("yog_filter_full_years")
    return np.clip((years - start) / np.maximum(full - start, 1e-9), 0.0, 1.0)


def step2_value(applicant: Applicant, specialty: str) -> float:
    if applicant.step2ck is not None:
        return float(applicant.step2ck)
    return figures.step2_missing_value(specialty)


def visa_exclusion(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    if not app.needs_visa:
        return np.zeros(arr.n)
    h1b_only = app.visa == "h1b"
    if h1b_only and not app.step3_passed:
        return np.ones(arr.n)
    h1b = posterior_share(
        per_specialty(arr, lambda s: a.get("visa_share_sponsor_h1b", s)), arr.h1b_ratio
    )
    # J-1 acceptance is the specialty prior; a program likely to sponsor H-1B takes J-1 too
    j1 = np.maximum(per_specialty(arr, lambda s: a.get("visa_share_accept_j1", s)), h1b)
    unknown = 1.0 - (h1b if h1b_only else j1)
    known_pass = arr.visa_policy >= (2 if h1b_only else 1)
    return np.where(arr.visa_policy < 0, unknown, np.where(known_pass, 0.0, 1.0))


def yog_exclusion(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    unknown = a.get("yog_filter_share") * yog_fraction(app.years_since_graduation, a)
    known = (app.years_since_graduation > arr.max_yog).astype(float)
    return np.where(np.isnan(arr.max_yog), unknown, known)


def attempts_exclusion(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    one = a.get("attempts_filter_share_one_failure")
    two = np.maximum(one, a.get("attempts_filter_share_two_failures"))
    unknown = 0.0 if app.failures == 0 else (one if app.failures == 1 else two)
    allowed = np.where(arr.attempts_policy == 2, 0, np.where(arr.attempts_policy == 1, 1, 99))
    known = (app.failures > allowed).astype(float)
    return np.where(arr.attempts_policy < 0, unknown, known)


def step2_exclusion_for(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    low, high = a.get("step2ck_cutoff_low"), a.get("step2ck_cutoff_high")
    share = per_specialty(arr, lambda s: a.get("step2ck_cutoff_share", s))
    if app.step2ck is None:
        unknown = share
        known = np.ones(arr.n)
    else:
        unknown = step2_exclusion(app.step2ck, 1.0, low, high) * share
        known = (app.step2ck < arr.step2ck_min).astype(float)
    return np.where(np.isnan(arr.step2ck_min), unknown, known)


def step1_exclusion(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    if app.step1 is None:
        return np.zeros(arr.n)
    low = app.step1 < a.get("step1_cutoff")  # an array in a batch of draws
    return np.zeros(arr.n) + np.where(low, a.get("step1_cutoff_share"), 0.0)


def exclusions(app: Applicant, arr: ProgramArrays, a: Assumptions) -> dict[str, np.ndarray]:
    """Per filter, the probability (n,) that the program's policy screens this file out."""
    return {
        "visa": visa_exclusion(app, arr, a),
        "years_since_graduation": yog_exclusion(app, arr, a),
        "attempts": attempts_exclusion(app, arr, a),
        "step2ck": step2_exclusion_for(app, arr, a),
        "step1": step1_exclusion(app, arr, a),
    }


def hard_exclusion(app: Applicant, arr: ProgramArrays) -> np.ndarray:
    """Out of reach whatever: reserved track without prior residency; H-1B without Step 3."""
    reserved = arr.reserved & (not app.prior_residency)
    h1b = app.needs_visa and app.visa == "h1b" and not app.step3_passed
    return (reserved | h1b).astype(float)


def _by_advocate(app: Applicant, arr: ProgramArrays, strong: float, lukewarm: float) -> np.ndarray:
    if not app.advocates:
        return np.zeros(arr.n)
    kind = np.zeros(arr.n, dtype=int)  # 2 strong, 1 lukewarm, 0 none
    for code, strength in app.advocates.items():  # an advocate speaks for their program
        rows = list(arr.program_rows.get(program_key(code), ()))
        kind[rows] = {"strong": 2, "lukewarm": 1}.get(strength, 0)
    return np.where(kind == 2, strong, np.where(kind == 1, lukewarm, 0.0))


def advocacy(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    """Advocacy component (n,): 1 strong, the lukewarm share, 0 none."""
    return _by_advocate(app, arr, 1.0, a.get("advocate_lukewarm_component"))


def carry(app: Applicant, arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    """Chance (n,) that an advocate carries a filtered file past the filters."""
    return _by_advocate(app, arr, a.get("advocate_carry_strong"), a.get("advocate_carry_lukewarm"))


def pass_probability(
    excl: dict[str, np.ndarray], hard: np.ndarray, carried: np.ndarray
) -> np.ndarray:
    passed = 1.0 - hard
    for e in excl.values():
        passed = passed * (1.0 - e * (1.0 - carried))
    return passed


def usce_component(hands_on: float, observership: float, letters: float, a: Assumptions) -> float:
    months = hands_on + a.get("observership_month_value") * observership
    usce = np.minimum(1.0, months / a.get("usce_full_months"))
    return 0.5 * usce + 0.5 * np.minimum(1.0, letters / a.get("strong_letters_full"))


def typical_usce(a: Assumptions) -> float:
    return usce_component(
        a.get("typical_hands_on_months"), 0.0, a.get("typical_strong_us_letters"), a
    )


def severity(app: Applicant, a: Assumptions) -> float:
    """Combined severity 0..1 of the flags the model treats (never lower with more flags)."""
    keep = (1.0 - a.get("severity_exam_failure") / 100) ** max(app.failures, 0)
    keep *= 1.0 - a.get("severity_old_graduate") / 100 * yog_fraction(app.years_since_graduation, a)
    beyond = np.maximum(app.years_since_graduation - a.get("yog_filter_full_years"), 0.0)
    keep *= (1.0 - a.get("severity_per_year_beyond_full") / 100) ** beyond
    keep *= 1.0 - (a.get("severity_professionalism") / 100 if app.professionalism else 0.0)
    keep *= 1.0 - a.get("other_flags_weight") * min(max(app.other_flag_severity, 0.0), 100) / 100
    return 1.0 - keep


def step3_logor(app: Applicant, a: Assumptions) -> float:
    """The interview log-odds of a passed Step 3, for every visa (0 without)."""
    return a.get("step3_invite_logor") if app.step3_passed else 0.0


def typical_severity(a: Assumptions) -> float:
    return severity(Applicant(years_since_graduation=a.get("typical_years_since_graduation")), a)


def weight_logit(name: str, a: Assumptions) -> float:
    """Logit span of one composite factor: its practitioner weight / 100 of the composite span."""
    return a.get(name) / 100 * a.get("composite_span_logit")


def interview_component(skill: str, a: Assumptions) -> float:
    if skill == "weak":
        return a.get("interview_skill_weak")
    if skill == "strong":
        return a.get("interview_skill_strong")
    return 0.5


def interview_components(skills: np.ndarray, a: Assumptions) -> np.ndarray:
    """``interview_component`` per draw of a batch: ``skills`` (draws, 1) of names."""
    weak, strong = a.get("interview_skill_weak"), a.get("interview_skill_strong")
    return np.where(skills == "weak", weak, np.where(skills == "strong", strong, 0.5))


def match_intercept(specialty: str, fit: FittedParams) -> float:
    """Calibrated log-odds of matching at a program after an interview (typical file)."""
    competition = math.log(figures.applicants_per_position(specialty))
    return (
        fit.match_intercept
        + fit.competition_slope * competition
        + fit.specialty(specialty).match_offset
    )


def score_effect(score: np.ndarray, arr: ProgramArrays, fit: FittedParams) -> np.ndarray:
    slope = per_specialty(arr, fit.score_slope)
    ref = per_specialty(arr, figures.step2_reference)
    return slope * (np.asarray(score, dtype=float) - ref) / 10.0


@dataclass(frozen=True)
class Stages:
    """Everything but the latent factor, per program (n,)."""

    pass_filters: np.ndarray
    exclusions: dict[str, np.ndarray]
    invite_logit: np.ndarray
    match_logit: np.ndarray
    success_factor: np.ndarray
    latent_sd: float


def base_rate(
    arr: ProgramArrays,
    a: Assumptions,
    rng: np.random.Generator | None,
    prior: np.ndarray | None = None,
) -> np.ndarray:
    """The published rate, or the specialty prior (its mean; a Beta draw when ``rng`` is
    given; ``prior`` when the draws were made beforehand, :func:`prior_draw`)."""
    if prior is None:
        prior = arr.prior_mean.copy() if rng is None else prior_draw(arr, rng)
    rate = np.where(np.isnan(arr.rate), prior, arr.rate)
    rate = np.where(np.isnan(rate), a.get("zero_rate_floor"), rate)
    return np.clip(np.maximum(rate, a.get("zero_rate_floor")), 0.0, 0.995)


def prior_draw(
    arr: ProgramArrays, rng: np.random.Generator, shape: tuple[np.ndarray, np.ndarray] | None = None
) -> np.ndarray:
    """One Beta draw of each listing's specialty prior (programs without a published rate),
    shared by its tracks; ``shape``: its parameters (:func:`beta_shape`), when drawing many
    times."""
    alpha, beta = beta_shape(arr.prior_mean, arr.prior_sd) if shape is None else shape
    index, first = listings_of(arr)
    return rng.beta(alpha[first], beta[first])[index]


def filter_uniforms(arr: ProgramArrays, rng: np.random.Generator, filters: int) -> np.ndarray:
    """One uniform per filter and listing, shared by its tracks: (filters, n). A filter is
    a program's rule, so the tracks of one listing pass or fail it together."""
    index, first = listings_of(arr)
    return rng.random(filters * first.size).reshape(filters, first.size)[:, index]


def listings_of(arr: ProgramArrays) -> tuple[np.ndarray, np.ndarray]:
    """Per track its listing, and per listing its first track (arrays built without
    listings: each track its own)."""
    index = arr.listing if arr.listing.size == arr.n else np.arange(arr.n)
    return index, first_tracks(index)


def beta_shape(mean: np.ndarray, sd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The Beta parameters of a prior with this mean and SD (NaN: a small default mean)."""
    m = np.clip(np.nan_to_num(mean, nan=0.02), 1e-3, 0.99)
    var = np.clip(np.nan_to_num(sd, nan=0.0) ** 2, 1e-8, m * (1 - m) * 0.99)
    k = m * (1 - m) / var - 1
    return m * k, (1 - m) * k


def signal_logor(arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    gold, silver = a.get("signal_odds_ratio_gold"), a.get("signal_odds_ratio_silver")
    if not arr.any_signal:
        return np.zeros(arr.n)
    kind = np.asarray(arr.signal_kind, dtype=object)
    is_gold = (kind == "gold") | (kind == "signal")
    fallback = np.where(is_gold, np.log(gold), np.where(kind == "silver", np.log(silver), 0.0))
    own = np.minimum(arr.program_signal_logor, np.log(a.get("signal_odds_ratio_cap")))
    return np.where(np.isnan(own), fallback, own)


def success_factor(arr: ProgramArrays, a: Assumptions) -> np.ndarray:
    """1 for categorical / primary care, the PGY-1 chance for advanced, 0 for preliminary."""
    factor = np.where(arr.needs_pgy1, a.get("pgy1_secured_with_advanced"), 1.0)
    return np.where(arr.tracks == "P", 0.0, factor)
