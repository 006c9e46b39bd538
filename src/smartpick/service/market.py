"""Service: Match seasons simulated per specialty (Roth-Peranson engine) vs the published rates."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..errors import InputError
from ..redflags import CHARTING_OUTCOMES_CITATION, MAIN_MATCH_NOTE
from ..specialties import get_specialty

DATA_SEASON = 2026
RATES_CITATION = (
    "Program interview rates, 2024 Match (GitHub datadoc1/signal-analysis; upstream provider "
    "not stated: unverified source)"
)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SpecialtySimulation:
    """One specialty: the market's size and the simulated against the published non-US IMG rate."""

    specialty: str
    programs: int
    positions: int
    img_applicants: int
    competition_applicants: int
    simulated_img_match_rate: float  # mean over runs
    simulated_img_match_rate_sd: float
    published_img_match_rate: float
    difference_pp: float
    img_interviews_mean: float
    competition_match_rate: float
    fill_rate: float


@dataclass(frozen=True)
class SimulationResult:
    season: int
    seed: int
    runs: int
    specialties: tuple[SpecialtySimulation, ...]
    assumptions: dict[str, dict[str, object]]
    sources: tuple[str, ...]
    note: str


def _check(season: int, specialties: Sequence[str] | None, runs: int) -> list[str]:
    from ..market.markets import simulated_specialties

    if season != DATA_SEASON:
        raise InputError(
            f"no figures for the {season} Match are shipped",
            path="season",
            hint=f"use --season {DATA_SEASON} (Charting Outcomes {DATA_SEASON})",
        )
    if runs < 1:
        raise InputError("--runs must be at least 1", path="runs")
    known = simulated_specialties()
    for specialty in specialties or ():
        get_specialty(specialty, path="specialties")
        if specialty not in known:
            raise InputError(
                f"no Charting Outcomes cohort for {specialty}: it cannot be simulated",
                path="specialties",
                hint="simulated specialties: " + ", ".join(known),
            )
    return list(specialties or known)


def _summary(
    outcomes: list, market: object, published: float, programs: int
) -> SpecialtySimulation:
    rates = [o.img_matched / max(o.img_applicants, 1) for o in outcomes]
    first = outcomes[0]
    mean = statistics.fmean(rates)
    return SpecialtySimulation(
        specialty=first.specialty,
        programs=programs,
        positions=first.positions,
        img_applicants=first.img_applicants,
        competition_applicants=first.competition_applicants,
        simulated_img_match_rate=round(mean, 4),
        simulated_img_match_rate_sd=round(statistics.pstdev(rates), 4),
        published_img_match_rate=round(published, 4),
        difference_pp=round(100 * (mean - published), 1),
        img_interviews_mean=round(statistics.fmean(o.img_interviews_mean for o in outcomes), 2),
        competition_match_rate=round(
            statistics.fmean(
                o.competition_matched / max(o.competition_applicants, 1) for o in outcomes
            ),
            4,
        ),
        fill_rate=round(
            statistics.fmean(o.positions_filled / max(o.positions, 1) for o in outcomes), 4
        ),
    )


def simulate_seasons(
    specialties: Sequence[str] | None = None,
    season: int = DATA_SEASON,
    seed: int = 2026,
    runs: int = 1,
    workers: int = 1,
    progress: Progress | None = None,
) -> SimulationResult:
    """Simulate ``runs`` seasons of each specialty's market; compare with Charting Outcomes."""
    import numpy as np

    from ..chances import figures
    from ..market.markets import build_market, market_assumptions, us_md_applications
    from ..market.simulate import run_season

    wanted = _check(season, specialties, runs)
    root = np.random.SeedSequence(seed)
    markets = {}
    for specialty, child in zip(wanted, root.spawn(len(wanted)), strict=True):
        market = build_market(specialty, np.random.default_rng(child))
        if market is not None:
            markets[specialty] = (market, child.spawn(runs))
    tasks = [(m, s) for m, seeds in markets.values() for s in seeds]
    outcomes = _run_all(run_season, tasks, workers, progress)
    by_specialty: dict[str, list] = {}
    for outcome in outcomes:
        by_specialty.setdefault(outcome.specialty, []).append(outcome)
    rows = tuple(
        _summary(by_specialty[s], m, figures.cohort(s).match_rate, int(m.quotas.size))  # type: ignore[union-attr]
        for s, (m, _) in markets.items()
    )
    own = market_assumptions()
    return SimulationResult(
        season=season,
        seed=seed,
        runs=runs,
        specialties=rows,
        assumptions={name: item.model_dump() for name, item in own.assumptions.items()},
        sources=(CHARTING_OUTCOMES_CITATION, RATES_CITATION, us_md_applications()[1]),
        note=MAIN_MATCH_NOTE,
    )


def _run_all(function: Callable, tasks: list, workers: int, progress: Progress | None) -> list:
    done: list = []
    if workers <= 1 or len(tasks) <= 1:
        for market, seed in tasks:
            done.append(function(market, seed))
            if progress:
                progress(len(done), len(tasks))
        return done
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for outcome in pool.map(function, *zip(*tasks, strict=True)):
            done.append(outcome)
            if progress:
                progress(len(done), len(tasks))
    return done
