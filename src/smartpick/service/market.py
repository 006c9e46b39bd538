"""Service: Match seasons simulated per specialty (Roth-Peranson engine) vs the published rates."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..citations import CHARTING_OUTCOMES_CITATION, MAIN_MATCH_NOTE
from ..errors import InputError
from ..outputs import output_path
from ..specialties import get_specialty

PLOT_FORMATS = (".png", ".pdf", ".svg")  # the calibration plot of --validate

DATA_SEASON = 2026
RATES_CITATION = (
    "Program interview rates, 2024 Match (GitHub datadoc1/signal-analysis; upstream provider "
    "not stated: unverified source)"
)
# the chance model's assumptions (data/assumptions.yaml) that size the simulated market
SHARED_ASSUMPTIONS = (
    "interviews_per_position",
    "img_interview_slot_share",
    "application_targeting_exponent",
)
Progress = Callable[[int, int], None]

if TYPE_CHECKING:
    from ..market.validation import CalibrationCheck


@dataclass(frozen=True)
class SpecialtySimulation:
    """One specialty: the market's size and the simulated against the published non-US IMG rate."""

    specialty: str
    programs: int
    positions: int
    img_applicants: int  # non-US IMGs applying (the ranking cohort / the model's P(any interview))
    img_ranking: int  # of whom ranked at least one program (mean over runs)
    competition_applicants: int
    simulated_img_match_rate: float  # matched / ranking, mean over runs (as Charting Outcomes)
    simulated_img_match_rate_sd: float
    published_img_match_rate: float
    difference_pp: float
    img_interviews_mean: float  # per non-US IMG applying
    img_interviews_per_ranking: float  # per non-US IMG who ranked a program
    published_ranks_per_ranking: float | None  # Charting Outcomes mean contiguous ranks
    competition_match_rate: float
    fill_rate: float


@dataclass(frozen=True)
class SimulationResult:
    season: int
    seed: int
    runs: int
    strategy: str
    specialties: tuple[SpecialtySimulation, ...]
    assumptions: dict[str, dict[str, object]]
    sources: tuple[str, ...]
    note: str


MAX_RUNS = 1000  # a season takes seconds: more runs than this is a typo, not a study


def _check(season: int, specialties: Sequence[str] | None, runs: int, seed: int = 0) -> list[str]:
    from ..market.markets import simulated_specialties

    if seed < 0:
        raise InputError(
            f"--seed must be 0 or more, got {seed}",
            path="seed",
            hint="e.g. --seed 2026 (the same seed gives the same seasons)",
        )

    if season != DATA_SEASON:
        raise InputError(
            f"no figures for the {season} Match are shipped",
            path="season",
            hint=f"use --season {DATA_SEASON} (Charting Outcomes {DATA_SEASON})",
        )
    if not 1 <= runs <= MAX_RUNS:
        raise InputError(
            f"--runs must be from 1 to {MAX_RUNS}, got {runs}",
            path="runs",
            hint="e.g. --runs 4 (each run simulates one whole season)",
        )
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
    rates = [o.img_matched / max(o.img_ranking, 1) for o in outcomes]
    first = outcomes[0]
    mean = statistics.fmean(rates)
    return SpecialtySimulation(
        specialty=first.specialty,
        programs=programs,
        positions=first.positions,
        img_applicants=first.img_applicants,
        img_ranking=round(statistics.fmean(o.img_ranking for o in outcomes)),
        competition_applicants=first.competition_applicants,
        simulated_img_match_rate=round(mean, 4),
        simulated_img_match_rate_sd=round(statistics.pstdev(rates), 4),
        published_img_match_rate=round(published, 4),
        difference_pp=round(100 * (mean - published), 1),
        img_interviews_mean=round(statistics.fmean(o.img_interviews_mean for o in outcomes), 2),
        img_interviews_per_ranking=round(
            statistics.fmean(
                o.img_interviews_mean * o.img_applicants / max(o.img_ranking, 1) for o in outcomes
            ),
            2,
        ),
        published_ranks_per_ranking=_ranks_mean(first.specialty),
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


def _ranks_mean(specialty: str) -> float | None:
    from ..chances import figures

    cohort = figures.cohort(specialty)
    mean = cohort.ranks_mean if cohort else None
    return None if mean is None else round(mean, 2)


def _markets(
    wanted: Sequence[str], seeds: Any, assumptions: Any = None, own: Any = None
) -> dict[str, tuple[Any, Any]]:
    """Each specialty's market and its seed sequence (specialties without data left out)."""
    import numpy as np

    from ..market.markets import build_market

    markets = {}
    for specialty, child in zip(wanted, seeds.spawn(len(wanted)), strict=True):
        market = build_market(specialty, np.random.default_rng(child), assumptions, own)
        if market is not None:
            markets[specialty] = (market, child)
    return markets


def _rows(markets: dict[str, tuple[Any, Any]], outcomes: list) -> tuple[SpecialtySimulation, ...]:
    from ..chances import figures

    by_specialty: dict[str, list] = {}
    for outcome in outcomes:
        by_specialty.setdefault(outcome.specialty, []).append(outcome)
    rows = []
    for specialty, (market, _) in markets.items():
        cohort = figures.cohort(specialty)
        published = cohort.match_rate if cohort else float("nan")
        rows.append(_summary(by_specialty[specialty], market, published, int(market.quotas.size)))
    return tuple(rows)


def _assumption_table() -> dict[str, dict[str, object]]:
    """The simulation's own assumptions, and the chance model's that set its capacity."""
    from ..chances import load_assumptions
    from ..market.markets import market_assumptions

    own = {name: item.model_dump() for name, item in market_assumptions().assumptions.items()}
    model = load_assumptions().items
    shared = {name: model[name].model_dump(exclude={"by_specialty"}) for name in SHARED_ASSUMPTIONS}
    return {**shared, **own}


def _sources() -> tuple[str, ...]:
    from ..chances import load_assumptions
    from ..market.markets import us_md_applications

    share = load_assumptions().items["img_interview_slot_share"]
    return (
        CHARTING_OUTCOMES_CITATION,
        RATES_CITATION,
        us_md_applications()[1],
        f"img_interview_slot_share (assumed) from {share.source}",
    )


def simulate_seasons(
    specialties: Sequence[str] | None = None,
    season: int = DATA_SEASON,
    seed: int = 2026,
    runs: int = 1,
    workers: int = 1,
    progress: Progress | None = None,
    cluster: str | None = None,
    strategy: str = "targeted",
) -> SimulationResult:
    """Simulate ``runs`` seasons of each specialty's market; compare with Charting Outcomes."""
    import numpy as np

    from ..market.simulate import STRATEGIES, run_season

    wanted = _check(season, specialties, runs, seed)
    if strategy not in STRATEGIES:
        raise InputError(
            f"unknown strategy '{strategy}'",
            path="strategy",
            hint="one of: " + ", ".join(STRATEGIES),
        )
    markets = _markets(wanted, np.random.SeedSequence(seed))
    markets = {k: (replace(m, strategy=strategy), c) for k, (m, c) in markets.items()}
    tasks = [(m, s) for m, child in markets.values() for s in child.spawn(runs)]
    outcomes = _run_all(run_season, tasks, workers, progress, cluster)
    return SimulationResult(
        season=season,
        seed=seed,
        runs=runs,
        strategy=strategy,
        specialties=_rows(markets, outcomes),
        assumptions=_assumption_table(),
        sources=_sources(),
        note=MAIN_MATCH_NOTE,
    )


@dataclass(frozen=True)
class ValidationResult:
    """The chance model against simulated seasons, with its own and with perturbed parameters."""

    season: int
    seed: int
    runs: int  # seasons per specialty and scenario
    specialties: tuple[SpecialtySimulation, ...]  # the model-parameter seasons
    perturbed_specialties: tuple[SpecialtySimulation, ...]
    checks: tuple[CalibrationCheck, ...]
    strategies: tuple[StrategyRow, ...]
    perturbed_values: tuple[dict[str, float], ...]  # the simulation's draws, one per run
    plot: str | None
    assumptions: dict[str, dict[str, object]]
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class StrategyRow:
    """One way of choosing where to apply, everyone playing it, at equal cost (the same
    number of applications per specialty, so the same ERAS fees)."""

    scenario: str
    strategy: str
    description: str
    img_applicants: int
    img_match_rate: float  # matched / every non-US IMG who applied
    img_match_rate_ranking: float  # matched / those who ranked at least one program


def _strategy_row(scenario: str, strategy: str, outcomes: list) -> StrategyRow:
    from ..market.simulate import STRATEGIES

    applicants = sum(o.img_applicants for o in outcomes)
    matched = sum(o.img_matched for o in outcomes)
    ranking = sum(o.img_ranking for o in outcomes)
    return StrategyRow(
        scenario,
        strategy,
        STRATEGIES[strategy],
        applicants,
        round(matched / max(applicants, 1), 4),
        round(matched / max(ranking, 1), 4),
    )


def _season_seeds(child: Any, runs: int) -> list[Any]:
    """One run uses the market's own seed (so --runs 1 repeats the single-season figures);
    more runs use that many seeds spawned from it."""
    return [child] if runs == 1 else list(child.spawn(runs))


def _own_seasons(markets: dict[str, tuple[Any, Any]], runs: int) -> list[tuple[str, Any, Any]]:
    """(specialty, market, season seed) for ``runs`` seasons of each market."""
    return [(k, m, s) for k, (m, child) in markets.items() for s in _season_seeds(child, runs)]


def _perturbed_seasons(
    wanted: Sequence[str], truth_seeds: Any, rng: Any, runs: int
) -> tuple[list[tuple[str, Any, Any]], tuple[dict[str, float], ...]]:
    """``runs`` perturbed truths, each with its own draw of the assumptions (the chance
    model's and the simulation's) and one season of each specialty's market under it."""
    from ..chances import load_assumptions
    from ..market.markets import perturbed_market_values

    seasons, drawn = [], []
    for run_seeds in [truth_seeds] if runs == 1 else truth_seeds.spawn(runs):
        truth = (load_assumptions().perturbed(rng), perturbed_market_values(rng))
        markets = _markets(wanted, run_seeds, *truth)
        seasons += [(k, m, child) for k, (m, child) in markets.items()]
        shown = {name: truth[0].get(name) for name in SHARED_ASSUMPTIONS} | truth[1]
        drawn.append({k: round(v, 4) for k, v in shown.items()})
    return seasons, tuple(drawn)


def _scenario(
    name: str,
    seeded: list[tuple[str, Any, Any]],
    workers: int,
    progress: Progress | None,
    cluster: str | None,
) -> tuple[tuple[SpecialtySimulation, ...], CalibrationCheck, list[StrategyRow]]:
    """Every (specialty, market, season seed): the seasons, the chance model's P(match) for
    each simulated non-US IMG against its outcome, and each strategy at equal cost."""
    import numpy as np

    from ..catalog import open_catalog
    from ..chances import ChanceModel, as_program_facts
    from ..market.markets import TRACKS
    from ..market.simulate import STRATEGIES, run_season, season_detail
    from ..market.validation import calibration_check, predicted_p_match

    markets: dict[str, tuple[Any, Any]] = {}
    for specialty, market, child in seeded:
        markets.setdefault(specialty, (market, child))
    details = _run_all(season_detail, [(m, s) for _, m, s in seeded], workers, progress, cluster)
    model, catalog = ChanceModel(), open_catalog()
    facts = {
        k: [as_program_facts(p) for p in catalog.programs_for([k], tracks=TRACKS)] for k in markets
    }
    predicted, outcome = [], []
    for (specialty, _, _), (_, records) in zip(seeded, details, strict=True):
        predicted.append(predicted_p_match(model, facts[specialty], records))
        outcome.append(records.matched)
    check = calibration_check(name, np.concatenate(predicted), np.concatenate(outcome))
    seasons = [o for o, _ in details]
    strategies = [_strategy_row(name, "targeted", seasons)]
    for strategy in STRATEGIES:
        if strategy != "targeted":
            tasks = [(replace(m, strategy=strategy), s) for _, m, s in seeded]
            strategies.append(
                _strategy_row(
                    name, strategy, _run_all(run_season, tasks, workers, progress, cluster)
                )
            )
    return _rows(markets, seasons), check, strategies


def validate_seasons(
    specialties: Sequence[str] | None = None,
    season: int = DATA_SEASON,
    seed: int = 2026,
    workers: int = 1,
    plot: Path | None = None,
    progress: Progress | None = None,
    cluster: str | None = None,
    runs: int = 1,
) -> ValidationResult:
    """``runs`` seasons per specialty with the model's parameters and as many under "true"
    markets, each drawn from the assumption ranges; the model's P(match) against the
    simulated outcomes."""
    import numpy as np

    from ..market.validation import plot_calibration

    wanted = _check(season, specialties, runs, seed)
    if plot is not None:  # before the seasons are simulated: a wrong path is said at once
        output_path(plot, field="plot", suffixes=PLOT_FORMATS)
    own_seeds, truth_seeds, draw_seeds = np.random.SeedSequence(seed).spawn(3)
    own = _own_seasons(_markets(wanted, own_seeds), runs)
    rows, check, strategies = _scenario("model parameters", own, workers, progress, cluster)
    rng = np.random.default_rng(draw_seeds)
    drawn, values = _perturbed_seasons(wanted, truth_seeds, rng, runs)
    perturbed_rows, perturbed_check, more = _scenario(
        "perturbed truth", drawn, workers, progress, cluster
    )
    if plot is not None:
        plot_calibration((check, perturbed_check), plot)
    return ValidationResult(
        season=season,
        seed=seed,
        runs=runs,
        specialties=rows,
        perturbed_specialties=perturbed_rows,
        checks=(check, perturbed_check),
        strategies=tuple(strategies + more),
        perturbed_values=values,
        plot=str(plot) if plot is not None else None,
        assumptions=_assumption_table(),
        sources=_sources(),
        note=MAIN_MATCH_NOTE,
    )


def _run_all(
    function: Callable, tasks: list, workers: int, progress: Progress | None, cluster: str | None
) -> list:
    """Run ``function(market, seed)`` for each task, in order: here, in local processes, or
    on the Dask cluster at ``cluster``."""
    if cluster:
        return _run_on_dask(function, tasks, cluster, progress)
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


def _run_on_dask(function: Callable, tasks: list, address: str, progress: Progress | None) -> list:
    try:
        from distributed import Client, as_completed
    except ImportError as exc:
        raise InputError(
            "running on a Dask cluster needs the dask.distributed package",
            path="cluster",
            hint="install it with: pip install 'smartpick[cluster]'",
        ) from exc
    try:
        client = Client(address, timeout=3)
    except OSError as exc:
        raise InputError(
            f"no Dask scheduler answers at {address}",
            path="cluster",
            hint="start one with: dask scheduler (and dask worker ADDRESS)",
        ) from exc
    with client:
        futures = client.map(function, *zip(*tasks, strict=True), pure=False) if tasks else []
        for count, _ in enumerate(as_completed(futures), start=1):
            if progress:
                progress(count, len(tasks))
        return client.gather(futures)
