"""``smartpick chances PROFILE`` and ``smartpick calibrate``: the chance model."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import JsonOption, console, run

if TYPE_CHECKING:
    from ..calibration import CalibrationResult, Quartiles
    from ..service.chances import ChancesResult

SHOWN_PROGRAMS = 25


def register(app: typer.Typer) -> None:
    app.command("chances")(chances_command)
    app.command("calibrate")(calibrate_command)


def _codes(text: str | None) -> list[str] | None:
    if not text:
        return None
    return [c.strip().upper() for c in text.split(",") if c.strip()]


def chances_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON, format v1).")],
    specialty: Annotated[
        str | None,
        typer.Option("--specialty", help="Target specialty id (default: targets.primary)."),
    ] = None,
    programs: Annotated[
        str | None,
        typer.Option(
            "--programs", help="Comma-separated NRMP program codes (default: every track)."
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Per program P(pass filters), P(interview), P(match if ranked first); overall P(match)."""
    from ..service.chances import chances_for_profile

    run(
        lambda: chances_for_profile(profile, specialty, _codes(programs)),
        render_chances,
        json_output,
    )


def render_chances(result: ChancesResult) -> None:
    from rich.table import Table

    console.print(
        f"[bold]Chances[/bold] in {result.specialty}, {result.season} Match: "
        f"P(match) {result.p_match:.0%} "
        f"({result.range_level:.0%} range {result.p_match_low:.0%}-{result.p_match_high:.0%}) "
        f"over {len(result.programs)} programs; "
        f"expected interviews {result.expected_interviews:.1f}"
    )
    table = Table()
    for column in ("program", "track", "filters", "interview", "match if 1st", "dominant reason"):
        table.add_column(column, overflow="fold")
    ranked = sorted(result.programs, key=lambda p: -p.p_success)[:SHOWN_PROGRAMS]
    for p in ranked:
        table.add_row(
            f"{p.code}\n[dim]{p.institution}[/dim]",
            p.track,
            f"{p.p_pass_filters:.0%}",
            f"{p.p_interview:.1%}",
            f"{p.p_match_if_ranked_first:.0%}",
            p.reason,
        )
    console.print(table)
    if len(result.programs) > SHOWN_PROGRAMS:
        console.print(
            f"[dim]{SHOWN_PROGRAMS} of {len(result.programs)} shown; --json lists all.[/dim]"
        )
    if result.p_preliminary_only > 0:
        console.print(
            f"P(a preliminary or transitional year) {result.p_preliminary_only:.0%} "
            "(one year of training, not a match)",
            markup=False,
        )
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    console.print("Calibrated: " + "; ".join(result.calibrated), markup=False)
    console.print(
        f"Assumed ({len(result.assumptions)} figures, each with a range): "
        "see --json or docs/model.md",
        markup=False,
    )
    console.print(f"[dim]{result.covers}[/dim]")
    for source in result.sources:
        console.print(f"[dim]Source: {source}[/dim]")


def calibrate_command(json_output: JsonOption = False) -> None:
    """Fit the chance model to Charting Outcomes 2026; print target vs model per specialty."""
    from ..service.chances import calibrate

    run(calibrate, render_calibration, json_output)


def _q(q: Quartiles | None) -> str:
    return "-" if q is None else f"{q.mean:.1f} ({q.q1:g}/{q.median:g}/{q.q3:g})"


def render_calibration(result: CalibrationResult) -> None:
    from rich.table import Table

    table = Table(title="Charting Outcomes 2026, non-US IMGs: target / model")
    columns = (
        "specialty",
        "n",
        "fit",
        "match %",
        "matched S2CK",
        "unmatched S2CK",
        "ranks matched (mean, q1/med/q3)",
        "ranks unmatched",
        "left-out match %",
    )
    for column in columns:
        table.add_column(column, overflow="fold")
    for r in result.rows:
        table.add_row(
            r.specialty,
            str(r.applicants),
            "yes" if r.fitted else "no",
            f"{r.target_match_rate_pct:.1f} / {r.model_match_rate_pct:.1f}",
            f"{r.target_matched_step2:.0f} / {r.model_matched_step2:.1f}",
            f"{r.target_unmatched_step2:.0f} / {r.model_unmatched_step2:.1f}",
            f"{_q(r.target_ranks_matched)} / {_q(r.model_interviews_matched)}",
            f"{_q(r.target_ranks_unmatched)} / {_q(r.model_interviews_unmatched)}",
            "-" if r.left_out_match_rate_pct is None else f"{r.left_out_match_rate_pct:.1f}",
        )
    console.print(table)
    p = result.params
    console.print(
        f"Fitted: match_intercept {p.match_intercept:.3f}, competition_slope "
        f"{p.competition_slope:.3f}, score_slope_per_10 {p.score_slope(None):.3f}, "
        f"latent_sd {p.latent_sd:.3f} (+ per-specialty offsets, shrunk to 0)",
        markup=False,
    )
    verdict = (
        "all fitted specialties within" if result.all_fitted_within_tolerance else "NOT all within"
    )
    console.print(f"{verdict} {result.tolerance}", markup=False)
    console.print(f"[dim]{result.note}[/dim]")
    for source in result.sources:
        console.print(f"[dim]Source: {source}[/dim]")
