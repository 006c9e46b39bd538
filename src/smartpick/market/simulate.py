"""One Match season per specialty: applications, interviews, rank lists, the match.

A specialty's market (``build_market``) holds its catalog tracks (C, M and A; an A track
counts as a position, its PGY-1 year taken as secured), their quotas (``positions`` where
the catalog has it, else the specialty's published positions spread over the other
tracks), and two applicant groups sized from Charting Outcomes 2026: the non-US IMGs who
preferred the specialty, and everyone else who preferred it ("competition": US MD and DO
graduates and US IMGs together).

A season (``run_season``, a pure function of the market and a seed):

1. Non-US IMGs draw a Step 2 CK from the published matched/unmatched distributions and a
   latent factor z; each applies to as many programs as the calibration assumes, chosen
   without replacement in proportion to the program's non-US IMG interview rate as an
   applicant can know it (published, else the specialty mean; to the targeting exponent),
   within each program's share of interview slots, in that order of preference: the
   calibration's own mechanics (``smartpick.chances.targeting``). Competition applicants apply
   to the published mean number of US MD applications times the assumed share for the
   preferred specialty, chosen at random.
2. Interview offers follow the chance model's mechanics for a typical cohort file: pass the
   filters with the calibration's typical probability, then an invite with probability
   expit(logit(rate) + score effect + latent_sd * z) (competition: the program's US MD rate,
   no score effect). Each applicant attends at most ``interviews_per_applicant`` (the ones
   it prefers); then each program interviews at most ``interviews_per_position`` x quota,
   keeping a random subset of its invitees when over (the published rates per type already
   say whom it prefers).
3. Applicants rank every program that interviewed them, in their order of preference. Each
   interview leaves an impression latent_sd * z + logistic noise; a program ranks a non-US
   IMG to match when the chance model's rank-stage logit plus that impression is above 0
   (the model's P(match if ranked first)), placing it above the competition, which it
   always ranks; each group in the order of the impression. Then the match: ``stable_match``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..chances.targeting import application_sets
from .algorithm import stable_match

LOGIT_FLOOR = 1e-4
STRATEGIES = {
    "targeted": "in proportion to the track's non-US IMG interview rate (the calibration's)",
    "uniform": "at random among the specialty's tracks (a naive list)",
    "model-greedy": "the tracks with the highest P(success) by the chance model, for everyone",
}


@dataclass(frozen=True)
class Market:
    """One specialty's market: arrays only, so that it can be sent to a worker process."""

    specialty: str
    quotas: np.ndarray  # (m,) seats per track
    img_rates: np.ndarray  # (m,) non-US IMG interview rate (floored; unknown drawn)
    md_rates: np.ndarray  # (m,) US MD interview rate (unknown drawn)
    img_applicants: int
    competition_applicants: int
    img_applications: int
    competition_applications: int
    step2: tuple[float, float, float, float, float]  # match share, mean/sd matched, unmatched
    step2_reference: float
    score_slope: float
    latent_sd: float
    interviews_per_position: float
    interviews_per_applicant: float = math.inf  # interviews an applicant attends, at most
    img_rank_logit: float | None = None  # the chance model's rank stage (None: rank everyone)
    img_targeting: np.ndarray | None = None  # (m,) Gumbel weights of the targeted strategy,
    # from what applicants can know (smartpick.chances.targeting); None: ``img_rates``
    strategy: str = "targeted"  # how non-US IMGs choose where to apply: see STRATEGIES
    model_order: np.ndarray | None = None  # tracks by the chance model's P(success), best first
    drawn: tuple[tuple[str, float], ...] = ()  # chance-model assumptions drawn ("true" values)


@dataclass(frozen=True)
class SeasonOutcome:
    specialty: str
    img_matched: int
    img_applicants: int
    img_ranking: int  # non-US IMGs with at least one interview (who submit a rank list)
    img_interviews_mean: float
    competition_matched: int
    competition_applicants: int
    positions_filled: int
    positions: int


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, LOGIT_FLOOR, 1 - LOGIT_FLOOR)
    return np.log(p / (1 - p))


def _img_scores(market: Market, rng: np.random.Generator) -> np.ndarray:
    share, mean_m, sd_m, mean_u, sd_u = market.step2
    matched = rng.random(market.img_applicants) < share
    return np.where(
        matched,
        rng.normal(mean_m, sd_m, market.img_applicants),
        rng.normal(mean_u, sd_u, market.img_applicants),
    )


@dataclass(frozen=True)
class _Offers:
    """Invited (applicant, program) pairs with the invite propensity and preference order."""

    applicant: np.ndarray
    program: np.ndarray
    propensity: np.ndarray
    preference: np.ndarray


def _img_offers(
    market: Market, rng: np.random.Generator, z: np.ndarray, pass_typical: Callable
) -> tuple[_Offers, np.ndarray, np.ndarray]:
    k = min(market.img_applications, market.quotas.size)
    chosen = _strategy_choices(market, rng, k)
    scores = _img_scores(market, rng)
    shift = market.score_slope * (scores - market.step2_reference) / 10.0 + market.latent_sd * z
    propensity = _logit(market.img_rates[chosen]) + shift[:, None] + rng.logistic(size=chosen.shape)
    passed = rng.random(chosen.shape) < pass_typical(scores)[:, None]
    return _pairs(chosen, propensity, passed & (propensity > 0), offset=0), chosen, scores


def _strategy_choices(market: Market, rng: np.random.Generator, k: int) -> np.ndarray:
    """(n, k) tracks each non-US IMG applies to, in its order of preference."""
    if market.strategy == "model-greedy" and market.model_order is not None:
        return np.tile(market.model_order[:k], (market.img_applicants, 1))
    if market.strategy == "uniform":
        return application_sets(rng, market.img_applicants, np.ones(market.quotas.size), k)
    weights = market.img_rates if market.img_targeting is None else market.img_targeting
    return application_sets(rng, market.img_applicants, np.maximum(weights, LOGIT_FLOOR), k)


def _competition_offers(market: Market, rng: np.random.Generator, z: np.ndarray) -> _Offers:
    n = market.competition_applicants
    k = min(market.competition_applications, market.quotas.size)
    chosen = application_sets(rng, n, np.ones(market.quotas.size), k)
    propensity = _logit(market.md_rates[chosen]) + market.latent_sd * z[:, None]
    propensity = propensity + rng.logistic(size=chosen.shape)
    return _pairs(chosen, propensity, propensity > 0, offset=market.img_applicants)


def _pairs(chosen: np.ndarray, propensity: np.ndarray, invited: np.ndarray, offset: int) -> _Offers:
    rows, cols = np.nonzero(invited)
    return _Offers(rows + offset, chosen[rows, cols], propensity[rows, cols], cols)


def _interview_limit(offers: _Offers, limits: np.ndarray, rng: np.random.Generator) -> _Offers:
    """A program invited beyond its ``limit`` keeps a random ``limit`` of its invitees: the
    published rates per applicant type already say whom it prefers, so the limit does not
    favour one type (cutting by propensity would push non-US IMGs below their published rate)."""
    order = np.lexsort((rng.random(offers.program.size), offers.program))
    program = offers.program[order]
    starts = np.searchsorted(program, np.arange(limits.size))
    within = np.arange(program.size) - starts[program]
    keep = np.sort(order[within < limits[program]])
    return _Offers(*(a[keep] for a in _fields(offers)))


def _applicant_limit(offers: _Offers, limit: float) -> _Offers:
    """An applicant invited to more interviews than it can attend keeps the ``limit`` it
    prefers most and declines the rest (their seats on the program's schedule go to others)."""
    if math.isinf(limit):
        return offers
    order = np.lexsort((offers.preference, offers.applicant))
    applicant = offers.applicant[order]
    starts = np.searchsorted(applicant, applicant, side="left")
    within = np.arange(applicant.size) - starts
    keep = np.sort(order[within < int(limit)])
    return _Offers(*(a[keep] for a in _fields(offers)))


def _rank_lists(
    offers: _Offers,
    n_applicants: int,
    n_programs: int,
    impression: np.ndarray,
    tier: np.ndarray | None = None,
) -> tuple[list[list[int]], list[list[int]]]:
    """Applicants rank their interviews in their order of preference; programs rank their
    interviewees by tier, then by the rank-meeting impression (best first)."""
    by_applicant = np.lexsort((offers.preference, offers.applicant))
    applicant_prefs = _split(
        offers.program[by_applicant], offers.applicant[by_applicant], n_applicants
    )
    tier = np.zeros(impression.size) if tier is None else tier
    by_program = np.lexsort((-impression, -tier, offers.program))
    program_prefs = _split(offers.applicant[by_program], offers.program[by_program], n_programs)
    return applicant_prefs, program_prefs


def _split(values: np.ndarray, owners: np.ndarray, n: int) -> list[list[int]]:
    bounds = np.concatenate(([0], np.cumsum(np.bincount(owners, minlength=n)))).tolist()
    flat = values.tolist()
    return [flat[bounds[i] : bounds[i + 1]] for i in range(n)]


@dataclass(frozen=True)
class ImgRecords:
    """Per simulated non-US IMG: Step 2 CK, the tracks applied to (best first), matched or not."""

    step2ck: np.ndarray
    applied: np.ndarray
    matched: np.ndarray
    interviewed: np.ndarray | None = None  # (n, k) aligned with ``applied``: interviews held


def run_season(market: Market, seed: int | np.random.SeedSequence) -> SeasonOutcome:
    """Simulate one season of one specialty's market (deterministic given ``seed``)."""
    return season_detail(market, seed)[0]


def season_detail(
    market: Market, seed: int | np.random.SeedSequence
) -> tuple[SeasonOutcome, ImgRecords]:
    """One season, with each non-US IMG's record (for validating the chance model)."""
    from ..chances import load_assumptions
    from ..chances.cohort import typical_pass

    rng = np.random.default_rng(seed)
    assumptions = load_assumptions().with_values(**dict(market.drawn))
    n_img, n_all = market.img_applicants, market.img_applicants + market.competition_applicants
    z = rng.normal(size=n_all)
    img, applied, scores = _img_offers(
        market, rng, z[:n_img], lambda s: typical_pass(market.specialty, s, assumptions)
    )
    rest = _competition_offers(market, rng, z[n_img:])
    offers = _Offers(
        *(np.concatenate(pair) for pair in zip(_fields(img), _fields(rest), strict=True))
    )
    offers = _applicant_limit(offers, market.interviews_per_applicant)
    limits = np.ceil(market.interviews_per_position * market.quotas).astype(np.int64)
    offers = _interview_limit(offers, limits, rng)
    img_interviews = int(np.sum(offers.applicant < n_img))
    interviewed = _interviewed(offers, applied.shape, n_img)
    ranking = int(np.unique(offers.applicant[offers.applicant < n_img]).size)
    offers, impression, tier = _rank_meeting(market, offers, z, rng)
    applicant_prefs, program_prefs = _rank_lists(
        offers, n_all, market.quotas.size, impression, tier
    )
    matched = np.asarray(stable_match(applicant_prefs, program_prefs, market.quotas.tolist())) >= 0
    outcome = SeasonOutcome(
        specialty=market.specialty,
        img_matched=int(matched[:n_img].sum()),
        img_applicants=n_img,
        img_ranking=ranking,
        img_interviews_mean=img_interviews / max(n_img, 1),
        competition_matched=int(matched[n_img:].sum()),
        competition_applicants=n_all - n_img,
        positions_filled=int(matched.sum()),
        positions=int(market.quotas.sum()),
    )
    return outcome, ImgRecords(scores, applied, matched[:n_img], interviewed)


def _interviewed(offers: _Offers, shape: tuple[int, ...], n_img: int) -> np.ndarray:
    """(n, k) which of each non-US IMG's applications ended in an interview (after both
    limits): what the applicant saw as invitations it took."""
    img = offers.applicant < n_img
    held = np.zeros(shape, dtype=bool)
    held[offers.applicant[img], offers.preference[img]] = True
    return held


def _rank_meeting(
    market: Market, offers: _Offers, z: np.ndarray, rng: np.random.Generator
) -> tuple[_Offers, np.ndarray, np.ndarray]:
    """The rank meeting, as the chance model's rank stage. Each interview leaves an
    impression latent_sd * z + logistic noise. A program ranks an interviewed non-US IMG
    *to match* when img_rank_logit + impression > 0, which happens with the chance model's
    P(match if ranked first), expit(img_rank_logit + latent_sd * z): such an IMG goes on the
    list above the competition (``tier`` 1), so that clearing the stage means what the model
    says it means and is not a second hurdle against the competition's seats; an IMG below
    the bar is not ranked. The competition is always ranked, below those IMGs (``tier`` 0).
    Within a tier the impression orders the list (not re-drawn).

    Returns the ranked offers, their impression and their tier."""
    is_img = offers.applicant < market.img_applicants
    impression = market.latent_sd * z[offers.applicant] + rng.logistic(size=is_img.size)
    if market.img_rank_logit is None:
        return offers, impression, np.zeros(is_img.size)
    keep = ~is_img | (market.img_rank_logit + impression > 0)
    tier = is_img.astype(float)
    return _Offers(*(a[keep] for a in _fields(offers))), impression[keep], tier[keep]


def _fields(offers: _Offers) -> tuple[np.ndarray, ...]:
    return (offers.applicant, offers.program, offers.propensity, offers.preference)


def spread_quotas(
    known: Sequence[int | None], total_positions: int, rng: np.random.Generator
) -> np.ndarray:
    """Known quotas as given; the rest of the published total spread evenly at random over
    the other tracks (at least one seat each)."""
    unknown = [i for i, q in enumerate(known) if q is None]
    quotas = np.array([q or 0 for q in known], dtype=np.int64)
    left = total_positions - int(quotas.sum()) - len(unknown)
    if unknown:
        extra = rng.multinomial(max(left, 0), np.full(len(unknown), 1 / len(unknown)))
        quotas[unknown] = 1 + extra
    return quotas


def fill_rates(
    known: Sequence[float | None], prior: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Known rates as given; unknown ones drawn from the specialty's published rates."""
    rates = np.array([math.nan if r is None else float(r) for r in known])
    missing = np.isnan(rates)
    if missing.any():
        rates[missing] = rng.choice(prior, size=int(missing.sum())) if prior.size else 0.0
    return rates
