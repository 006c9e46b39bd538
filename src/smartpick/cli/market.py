"""``smartpick simulate``: Match seasons simulated with the Roth-Peranson engine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ..errors import InputError
from .common import JsonOption, console, err_console, run

if TYPE_CHECKING:
    from rich.table import Table

    from ..service.market import SimulationResult, SpecialtySimulation, ValidationResult


T = TypeVar("T")


def register(app: typer.Typer) -> None:
    app.command("simulate")(simulate_command)


def _list(text: str | None) -> list[str] | None:
    return [s.strip() for s in text.split(",") if s.strip()] if text else None


def simulate_command(
    season: Annotated[int, typer.Option("--season", help="Match year (figures: 2026).")] = 2026,
    specialties: Annotated[
        str | None,
        typer.Option(
            "--specialties", help="Comma-separated specialty ids (default: all with data)."
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 2026,
    runs: Annotated[int, typer.Option("--runs", help="Seasons per specialty.")] = 1,
    workers: Annotated[
        int, typer.Option("--workers", help="Local worker processes.", min=1, max=64)
    ] = 1,
    validate: Annotated[
        bool,
        typer.Option("--validate", help="Check the chance model against simulated outcomes."),
    ] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="With --validate: write the calibration plot.")
    ] = None,
    strategy: Annotated[
        str,
        typer.Option(
            "--strategy", help="How non-US IMGs choose: targeted, uniform or model-greedy."
        ),
    ] = "targeted",
    cluster: Annotated[
        str | None,
        typer.Option("--cluster", help="Dask scheduler address (e.g. tcp://host:8786)."),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Simulate Match seasons per specialty; simulated vs published non-US IMG match rate."""
    from ..service.market import simulate_seasons, validate_seasons

    wanted = _list(specialties)
    plot_alone = plot is not None and not validate
    if plot_alone or (validate and strategy != "targeted"):
        run(lambda: _one_mode(plot_alone), lambda _: None, json_output)  # exits 2
    if validate:
        run(
            _with_bar(
                not json_output,
                lambda bar: validate_seasons(
                    wanted, season, seed, workers, plot, bar, cluster, runs
                ),
            ),
            render_validation,
            json_output,
        )
        return
    run(
        _with_bar(
            not json_output,
            lambda bar: simulate_seasons(
                wanted, season, seed, runs, workers, bar, cluster, strategy
            ),
        ),
        render_simulation,
        json_output,
    )


def _one_mode(plot_alone: bool) -> None:
    """An option the other mode reads, given to this one: said, not silently ignored."""
    if plot_alone:
        raise InputError(
            "--plot draws the calibration plot of --validate",
            path="plot",
            hint="add --validate, or leave out --plot",
        )
    raise InputError(
        "--validate simulates its own strategies (each of them); --strategy is for a simulation",
        path="strategy",
        hint="leave out --strategy with --validate",
    )


def _with_bar(enabled: bool, produce: Callable[[Any], T]) -> Callable[[], T]:
    """``produce(progress)`` under a progress bar on stderr over every batch of seasons the
    service runs (validation runs several: one bar, its total growing as each starts). The
    bar shows from the first season (bad input prints none) and is gone before the result."""
    if not enabled:
        return lambda: produce(None)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    bar = Progress(
        "simulating seasons",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
    )
    task = bar.add_task("seasons", total=None)
    finished = 0

    def update(done: int, total: int) -> None:
        nonlocal finished
        if not bar.live.is_started:
            bar.start()
        bar.update(task, total=finished + total, completed=finished + done)
        if done >= total:
            finished += total

    def produce_with_bar() -> T:
        try:
            return produce(update)
        finally:
            if bar.live.is_started:
                bar.stop()

    return produce_with_bar


def _rates_table(title: str, rows: tuple[SpecialtySimulation, ...]) -> Table:
    from rich import box
    from rich.table import Table  # noqa: F811

    from .programs import hyphen_wrap

    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, padding=(0, 0))
    longest = max((len(r.specialty) for r in rows), default=9)
    table.add_column("specialty", no_wrap=True, min_width=min(longest, 20))  # id never cut
    columns = ["pro-\ngrams", "posi-\ntions", "IMGs\nranking", "others"]
    columns += ["sim.\n%", "publ.\n%", "diff\n(pp)", "ranks\nsim/pub", "fill\n%"]
    for column in columns:
        width = max(len(line) for line in column.split("\n"))
        table.add_column(column, justify="right", no_wrap=True, min_width=width)
    for r in rows:
        table.add_row(
            hyphen_wrap(r.specialty, 20),
            str(r.programs),
            str(r.positions),
            str(r.img_ranking),
            str(r.competition_applicants),
            f"{100 * r.simulated_img_match_rate:.1f}",
            f"{100 * r.published_img_match_rate:.1f}",
            f"{r.difference_pp:+.1f}",
            _ranks(r.img_interviews_per_ranking, r.published_ranks_per_ranking),
            f"{100 * r.fill_rate:.1f}",
        )
    return table


def _ranks(simulated: float, published: float | None) -> str:
    return f"{simulated:.1f}/" + ("-" if published is None else f"{published:.1f}")


def _footer(result: SimulationResult | ValidationResult) -> None:
    assumed = ", ".join(
        f"{k} {v['value']} ({v['low']}-{v['high']})" for k, v in result.assumptions.items()
    )
    console.print(f"Assumed: {assumed}", markup=False)
    console.print(result.note, markup=False, style="dim")
    for source in result.sources:
        console.print(f"Source: {source}", markup=False, style="dim")


def render_simulation(result: SimulationResult) -> None:
    title = (
        f"Simulated {result.season} Main Match, seed {result.seed}, "
        f"{result.runs} run{'' if result.runs == 1 else 's'}, "
        f"non-US IMGs apply {result.strategy}"
    )
    console.print(_rates_table(title, result.specialties))
    console.print(
        "IMGs ranking: non-US IMGs who rank a program; others: US MD/DO and US IMG "
        "competitors; sim./publ.: simulated and published non-US IMG match rate; "
        "ranks sim/pub: programs a ranking non-US IMG interviewed at (simulated) and "
        "ranked (Charting Outcomes mean contiguous ranks)",
        markup=False,
        style="dim",
    )
    _footer(result)


def _strategies_table(result: ValidationResult) -> Table:
    from rich.table import Table  # noqa: F811

    table = Table(title="Strategies at equal cost (everyone plays it), non-US IMGs pooled")
    for column in ("scenario", "strategy", "applicants", "matched % of all", "% of ranking"):
        table.add_column(column)
    for row in result.strategies:
        table.add_row(
            row.scenario,
            row.strategy,
            str(row.img_applicants),
            f"{100 * row.img_match_rate:.1f}",
            f"{100 * row.img_match_rate_ranking:.1f}",
        )
    return table


def render_validation(result: ValidationResult) -> None:
    from rich.table import Table

    runs = f"{result.runs} run{'' if result.runs == 1 else 's'}"
    title = f"Simulated {result.season} Main Match, seed {result.seed}, {runs}, model parameters"
    console.print(_rates_table(title, result.specialties))
    draws = len(result.perturbed_values)
    console.print(
        _rates_table(
            f"Perturbed truth (assumptions drawn from their ranges, {draws} "
            f"draw{'' if draws == 1 else 's'}, one season each)",
            result.perturbed_specialties,
        )
    )
    for number, drawn in enumerate(result.perturbed_values, start=1):
        values = ", ".join(f"{k} {v:g}" for k, v in drawn.items())
        console.print(f"Draw {number}: {values}", markup=False, style="dim")
    for check in result.checks:
        table = Table(
            title=f"{check.scenario}: predicted P(match) vs simulated, non-US IMGs "
            f"(n {check.applicants}, Brier {check.brier:.3f})"
        )
        for column in ("decile", "applicants", "predicted %", "simulated %"):
            table.add_column(column)
        for row in check.deciles:
            table.add_row(
                str(row.decile),
                str(row.applicants),
                f"{100 * row.predicted_mean:.1f}",
                f"{100 * row.simulated_share:.1f}",
            )
        console.print(table)
    console.print(_strategies_table(result))
    if result.plot:
        console.print(f"Plot: {result.plot}", markup=False)
    _footer(result)
