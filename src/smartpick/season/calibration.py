"""The update tested on simulated seasons (``smartpick.market``): each simulated non-US IMG's
interviews get invitation dates from the timing curve; at a date of the season the update
reads the invitations so far and the silence of the other applications, and its P(match)
now is compared with whether the simulated applicant matched (deciles)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..chances import Applicant, ChanceModel
from ..market.simulate import ImgRecords
from .timing import timing
from .update import Observed, chances_now, open_invites, posterior_weights

DECILES = 10


@dataclass(frozen=True)
class Decile:
    decile: int
    applicants: int
    predicted: float
    simulated: float


@dataclass(frozen=True)
class DateCheck:
    day: int  # days after the release
    applicants: int
    predicted_mean: float
    simulated_share: float
    prior_mean: float
    max_gap_pp: float  # the largest |predicted - simulated| over the deciles, in points
    brier: float
    brier_prior: float
    deciles: tuple[Decile, ...]


@dataclass(frozen=True)
class SeasonCalibration:
    specialties: tuple[str, ...]
    seed: int
    runs: int
    checks: tuple[DateCheck, ...]
    note: str


def p_now(probs: object, interviewed: np.ndarray, days: np.ndarray, as_of: int) -> float:
    """P(match) now for one simulated applicant: invitations dated by ``as_of`` observed."""
    from ..chances import p_match_at_least_one

    seen = float(timing().sent(as_of))
    observed = [
        Observed("invited" if held and day <= as_of else "applied", seen, 1.0)
        for held, day in zip(interviewed, days, strict=True)
    ]
    q = open_invites(probs, observed)  # type: ignore[arg-type]
    post = posterior_weights(probs, q, observed)  # type: ignore[arg-type]
    return p_match_at_least_one(chances_now(probs, q, observed), post)  # type: ignore[arg-type]


def deciles(predicted: np.ndarray, outcome: np.ndarray) -> tuple[Decile, ...]:
    order = np.argsort(predicted, kind="stable")
    return tuple(
        Decile(
            k, int(g.size), round(float(predicted[g].mean()), 4), round(float(outcome[g].mean()), 4)
        )
        for k, g in enumerate(np.array_split(order, DECILES), start=1)
        if g.size
    )


def date_check(
    day: int, predicted: np.ndarray, prior: np.ndarray, outcome: np.ndarray
) -> DateCheck:
    rows = deciles(predicted, outcome)
    y = outcome.astype(float)
    return DateCheck(
        day=day,
        applicants=int(predicted.size),
        predicted_mean=round(float(predicted.mean()), 4),
        simulated_share=round(float(y.mean()), 4),
        prior_mean=round(float(prior.mean()), 4),
        max_gap_pp=round(100 * max(abs(r.predicted - r.simulated) for r in rows), 1),
        brier=round(float(np.mean((predicted - y) ** 2)), 4),
        brier_prior=round(float(np.mean((prior - y) ** 2)), 4),
        deciles=rows,
    )


def _records(specialty: str, seed: np.random.SeedSequence, runs: int) -> list[ImgRecords]:
    from ..market.markets import build_market
    from ..market.simulate import season_detail

    market_seed, *season_seeds = seed.spawn(runs + 1)
    market = build_market(specialty, np.random.default_rng(market_seed))
    if market is None:
        return []
    return [season_detail(market, s)[1] for s in season_seeds]


def _typical(model: ChanceModel) -> Callable[[float], Applicant]:
    """A typical cohort file (the calibration's typical years, US months and letters)."""
    a = model.assumptions_
    years, months = a.get("typical_years_since_graduation"), a.get("typical_hands_on_months")
    letters = int(a.get("typical_strong_us_letters"))
    return lambda score: Applicant(
        step2ck=score,
        years_since_graduation=years,
        hands_on_months=months,
        strong_us_letters=letters,
    )


def _season_rows(
    records: ImgRecords,
    facts: list[Any],
    model: ChanceModel,
    as_of_days: Sequence[int],
    rng: np.random.Generator,
) -> Iterator[tuple[float, list[float], bool]]:
    """(prior P(match), P(match) now at each date, matched) per simulated applicant."""
    from ..chances import p_match_at_least_one

    applicant = _typical(model)
    held_all = records.interviewed
    if held_all is None:
        return
    for i, applied in enumerate(records.applied):
        probs = model.node_probabilities(
            applicant(float(records.step2ck[i])), [facts[j] for j in applied]
        )
        held = held_all[i]
        days = timing().day_of_share(rng.random(held.size))
        now = [p_now(probs, held, days, d) for d in as_of_days]
        yield p_match_at_least_one(probs.success, probs.weights), now, bool(records.matched[i])


def calibrate_update(
    specialties: Sequence[str], as_of_days: Sequence[int], seed: int, runs: int
) -> SeasonCalibration:
    from ..catalog import open_catalog
    from ..chances import as_program_facts
    from ..market.markets import TRACKS

    model, catalog = ChanceModel(), open_catalog()
    rng = np.random.default_rng(seed)
    rows: list[tuple[float, list[float], bool]] = []
    seeds = np.random.SeedSequence(seed).spawn(len(specialties))
    for specialty, child in zip(specialties, seeds, strict=True):
        facts = [as_program_facts(p) for p in catalog.programs_for([specialty], tracks=TRACKS)]
        for records in _records(specialty, child, runs):
            rows.extend(_season_rows(records, facts, model, as_of_days, rng))
    prior = np.array([r[0] for r in rows])
    now = np.array([r[1] for r in rows]).reshape(len(rows), len(as_of_days))
    y = np.array([r[2] for r in rows], dtype=bool)
    return SeasonCalibration(
        specialties=tuple(specialties),
        seed=seed,
        runs=runs,
        checks=tuple(date_check(d, now[:, k], prior, y) for k, d in enumerate(as_of_days)),
        note=(
            "Simulated non-US IMGs (a typical cohort file with their Step 2 CK, over the "
            "tracks they applied to); interviews dated by the assumed timing curve; "
            "silence elsewhere. Predicted: the update's P(match) now; simulated: matched."
        ),
    )
