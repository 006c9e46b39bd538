"""``smartpick simulate``: Match seasons simulated with the Roth-Peranson engine."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from .common import JsonOption, console, err_console, run

if TYPE_CHECKING:
    from ..service.market import SimulationResult


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
    workers: Annotated[int, typer.Option("--workers", help="Local worker processes.")] = 1,
    json_output: JsonOption = False,
) -> None:
    """Simulate Match seasons per specialty; simulated vs published non-US IMG match rate."""
    from ..service.market import simulate_seasons

    def produce() -> SimulationResult:
        progress = None if json_output else _progress
        return simulate_seasons(_list(specialties), season, seed, runs, workers, progress)

    run(produce, render_simulation, json_output)


def _progress(done: int, total: int) -> None:
    err_console.print(f"simulated {done}/{total} seasons", end="\r" if done < total else "\n")


def render_simulation(result: SimulationResult) -> None:
    from rich.table import Table

    table = Table(
        title=f"Simulated {result.season} Main Match, seed {result.seed}, {result.runs} run(s)"
    )
    columns = (
        "specialty",
        "programs",
        "positions",
        "non-US IMGs",
        "others",
        "simulated %",
        "published %",
        "diff (pp)",
        "IMG interviews",
        "fill %",
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in result.specialties:
        table.add_row(
            r.specialty,
            str(r.programs),
            str(r.positions),
            str(r.img_applicants),
            str(r.competition_applicants),
            f"{100 * r.simulated_img_match_rate:.1f}",
            f"{100 * r.published_img_match_rate:.1f}",
            f"{r.difference_pp:+.1f}",
            f"{r.img_interviews_mean:.1f}",
            f"{100 * r.fill_rate:.1f}",
        )
    console.print(table)
    console.print(
        "Assumed: "
        + ", ".join(
            f"{k} {v['value']} ({v['low']}-{v['high']})" for k, v in result.assumptions.items()
        ),
        markup=False,
    )
    console.print(f"[dim]{result.note}[/dim]")
    for source in result.sources:
        console.print(f"[dim]Source: {source}[/dim]")
