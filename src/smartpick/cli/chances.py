"""``smartpick chances PROFILE`` and ``smartpick calibrate``: the chance model."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import printable
from .common import JsonOption, console, field, pct, run

if TYPE_CHECKING:
    from ..service.chances import CalibrationResult, ChancesResult, ProgramChance, Quartiles

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
    """A headline, one compact row per program (best chance first), a legend of reasons."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console.print(_headline(result))
    ranked = sorted(result.programs, key=_best_first)
    shown = ranked[:SHOWN_PROGRAMS]
    keys, legend = reason_legend(ranked)
    table = Table(
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
        collapse_padding=True,
    )
    table.add_column("program", no_wrap=True, min_width=9)
    table.add_column("institution", overflow="fold", min_width=8, max_width=28)  # never cut
    table.add_column("track", no_wrap=True, min_width=5)
    for column in ("filters", "invited", "match if\ninvited", "overall"):
        width = max(len(line) for line in column.split("\n"))
        table.add_column(column, justify="right", no_wrap=True, min_width=width)
    with_why = len(set(keys.values())) > 1
    if with_why:
        table.add_column("why", no_wrap=True, min_width=max(len(k) for k in keys.values()))
    for p in shown:
        cells: list[str | Text] = [
            p.code,
            Text(printable(p.institution)),  # catalog text: no markup
            p.track,
            pct(p.p_pass_filters),
            pct(p.p_interview),
            pct(p.p_match_if_ranked_first),
            "-" if p.track == "P" else pct(p.p_success),
        ]
        table.add_row(*cells, *([keys[p.code]] if with_why else []))
    if shown:
        console.print(table)
    _render_footer(result, shown, legend)


def _best_first(p: ProgramChance) -> tuple[float, float, str]:
    """Highest chance of a successful match first; preliminary years by their own chance."""
    return (-p.p_success, -p.p_interview * p.p_match_if_ranked_first, p.code)


def _headline(result: ChancesResult) -> str:
    n, tracks = result.n_programs, len(result.programs)
    which = "the 1 program" if n == 1 else f"all {n} programs"
    # a program's tracks share its one interview: the rows below are tracks
    scope = f"applying to {which}" + (" below" if tracks == n else f" ({tracks} tracks below)")
    title = f"[bold]Chances[/bold] in {field(result.specialty)}, {result.season} Main Match"
    if result.programs and all(p.track == "P" for p in result.programs):
        return (
            f"{title}\nP(a preliminary or transitional year) {pct(result.p_preliminary_only)}, "
            f"{scope} (one-year positions: never counted as a match); expected interviews "
            f"{_interviews(result)}"
        )
    no_interview = result.interview_distribution[0] if result.interview_distribution else 1.0
    return (
        f"{title}\n[bold]P(match) {pct(result.p_match)}[/bold] "
        f"({result.range_level:.0%} range {pct(result.p_match_low)}-{pct(result.p_match_high)}), "
        f"{scope}; expected interviews {_interviews(result)}, "
        f"P(no interview) {pct(no_interview)}"
    )


def _interviews(result: ChancesResult) -> str:
    return (
        f"{result.expected_interviews:.1f} ({result.range_level:.0%} range "
        f"{result.interviews_low}-{result.interviews_high})"
    )


def _render_footer(result: ChancesResult, shown: list[ProgramChance], legend: list[str]) -> None:
    n = len(result.programs)
    if n > len(shown):
        console.print(f"[dim]{len(shown)} of {n} shown, best chance first; --json lists all.[/dim]")
    console.print(
        "[dim]filters: P(past its screens); invited: P(an interview); match if invited: "
        "P(match there | interviewed, ranked first); overall: all three together "
        "(- for a preliminary year: never a match).[/dim]"
    )
    for line in legend:
        console.print(line, markup=False)
    for line in assumed_summary(result.programs):
        console.print(line, markup=False)
    if result.p_preliminary_only > 0 and any(p.track != "P" for p in result.programs):
        console.print(
            f"P(a preliminary or transitional year) {pct(result.p_preliminary_only)} "
            "(one year of training, not a match)",
            markup=False,
        )
    for note in result.notes:
        console.print(f"Note: {note}", markup=False)
    console.print("Calibrated: " + "; ".join(result.calibrated), markup=False)
    console.print(
        f"Assumed ({len(result.assumptions)} figures, each with a range): "
        "listed with --json and in the web page's chances section",
        markup=False,
    )
    console.print(f"[dim]{result.covers}[/dim]")
    for source in result.sources:
        console.print(f"[dim]Source: {source}[/dim]")


_PERCENT = re.compile(r"\d+(?:\.\d+)?%")


def reason_legend(programs: list[ProgramChance]) -> tuple[dict[str, str], list[str]]:
    """Per program code a short key (``A``, or ``A 3%`` where the reason has figures), and
    the legend: each distinct reason once, its figures shown as 'x%', with its count."""
    letters: dict[str, str] = {}
    counts: dict[str, int] = {}
    keys: dict[str, str] = {}
    for p in programs:
        template = _PERCENT.sub("x%", p.reason)
        letter = letters.setdefault(template, _letter(len(letters)))
        counts[template] = counts.get(template, 0) + 1
        figures = " ".join(_PERCENT.findall(p.reason))
        keys[p.code] = f"{letter} {figures}".strip()
    if len(set(keys.values())) == 1:
        return keys, [f"Why (every program): {programs[0].reason}"]
    legend = [
        f"{letter} ({counts[t]} of {len(programs)} tracks): {t}" for t, letter in letters.items()
    ]
    return keys, legend


def _letter(i: int) -> str:
    return chr(ord("A") + i) if i < 26 else f"Z{i - 25}"


def assumed_summary(programs: tuple[ProgramChance, ...]) -> list[str]:
    """Each unknown program fact replaced by a prior, once, with how many programs it hit."""
    counts: dict[str, int] = {}
    for p in programs:
        for item in p.assumed:
            counts[item] = counts.get(item, 0) + 1
    return [
        f"Assumed ({n} of {len(programs)} tracks): {item}"
        for item, n in sorted(counts.items(), key=lambda kv: -kv[1])
    ]


def calibrate_command(
    json_output: JsonOption = False,
    shipped: Annotated[
        bool,
        typer.Option(
            "--shipped",
            help="Check the shipped fit instead of fitting again (about a third of the time).",
        ),
    ] = False,
) -> None:
    """Fit the chance model to Charting Outcomes 2026; print target vs model per specialty.
    Fitting again and the left-out checks take a few minutes."""
    from ..service.chances import calibrate

    run(lambda: calibrate(refit=not shipped), render_calibration, json_output)


def _q(q: Quartiles | None) -> str:
    return "-" if q is None else f"{q.mean:.1f} ({q.q1:g}/{q.median:g}/{q.q3:g})"


def _mean(q: Quartiles | None) -> str:
    return "-" if q is None else f"{q.mean:.1f}"


def render_calibration(result: CalibrationResult) -> None:
    from rich import box
    from rich.table import Table

    fit = Table(title="Charting Outcomes 2026, non-US IMGs: published/model", box=box.SIMPLE_HEAD)
    fit.add_column("specialty", no_wrap=True, overflow="ellipsis", max_width=22)
    for column, width in (("n", 5), ("match %", 9), ("S2CK+", 9), ("S2CK-", 9), ("left out", 8)):
        fit.add_column(column, justify="right", no_wrap=True, min_width=width)
    checks = Table(
        title="Unfitted check: contiguous ranks (published) / interviews (model)",
        box=box.SIMPLE_HEAD,
    )
    checks.add_column("specialty", no_wrap=True, overflow="ellipsis", max_width=24)
    checks.add_column("matched", justify="right", no_wrap=True, min_width=21)
    checks.add_column("unmatched", justify="right", no_wrap=True, min_width=21)
    for r in result.rows:
        name = r.specialty
        fit.add_row(
            name,
            str(r.applicants) if r.fitted else f"{r.applicants}*",
            f"{r.target_match_rate_pct:.1f}/{r.model_match_rate_pct:.1f}",
            f"{r.target_matched_step2:.0f}/{r.model_matched_step2:.1f}",
            f"{r.target_unmatched_step2:.0f}/{r.model_unmatched_step2:.1f}",
            "-" if r.left_out_match_rate_pct is None else f"{r.left_out_match_rate_pct:.1f}",
        )
        checks.add_row(
            name,
            f"{_mean(r.target_ranks_matched)} / {_mean(r.model_interviews_matched)}",
            f"{_mean(r.target_ranks_unmatched)} / {_mean(r.model_interviews_unmatched)}",
        )
    console.print(fit)
    console.print(
        "S2CK+/-: mean Step 2 CK of matched/unmatched. n*: not fitted (under 100 applicants): a "
        "prediction. left out: the match % predicted by a fit that leaves the specialty out.",
        style="dim",
    )
    console.print(checks)
    console.print("means; quartiles are in --json", style="dim")
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
