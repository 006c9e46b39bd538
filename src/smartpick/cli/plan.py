"""``smartpick plan PROFILE`` and ``smartpick whatif PROFILE``: the application plan."""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .common import JsonOption, console, run

if TYPE_CHECKING:
    from ..planning.plan import Plan
    from ..whatif import WhatIfResult

SHOWN_PROGRAMS = 40
CSV_COLUMNS = (
    "code",
    "institution",
    "state",
    "specialty",
    "track",
    "counts_as",
    "category",
    "p_interview",
    "p_match",
    "fee_usd",
    "signal",
)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan_command)
    app.command("whatif")(whatif_command)


ProfileArg = Annotated[Path, typer.Argument(help="Profile file (YAML or JSON, format v1).")]
BudgetUsd = Annotated[
    float | None, typer.Option("--budget-usd", help="Budget in USD (default: the profile's).")
]
Programs = Annotated[
    int | None, typer.Option("--programs", help="Budget as a number of applications.")
]


def plan_command(
    profile: ProfileArg,
    budget_usd: BudgetUsd = None,
    programs: Programs = None,
    csv_output: Annotated[
        bool, typer.Option("--csv", help="Print the list as CSV on stdout.")
    ] = False,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Also draw the budget curve (.png or .svg).")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The programs to apply to under the budget, signals, cost and P(match) curve."""
    from ..service.plan import plan_for_profile

    def produce() -> Plan:
        result = plan_for_profile(profile, budget_usd, programs)
        if plot is not None:
            from ..plots import plan_curve_figure

            plan_curve_figure(result, plot)
        return result

    run(produce, render_csv if csv_output and not json_output else render_plan, json_output)


def render_csv(plan: Plan) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in plan.programs:
        writer.writerow(["" if getattr(p, c) is None else getattr(p, c) for c in CSV_COLUMNS])


def render_plan(plan: Plan) -> None:
    from rich.table import Table

    t = plan.totals
    unit = "programs" if plan.budget_unit == "programs" else "USD"
    console.print(
        f"[bold]Plan[/bold] for the {plan.season} Main Match, budget {plan.budget:,.0f} {unit}: "
        f"{t.n_programs} applications, {t.cost.total_usd:,} USD; P(match) {t.p_match:.1%} "
        f"({t.range_level:.0%} range {t.p_match_low:.1%}-{t.p_match_high:.1%}); "
        f"expected interviews {t.expected_interviews:.1f}"
    )
    table = Table()
    for column in (
        "program",
        "specialty",
        "track",
        "category",
        "interview",
        "match",
        "fee",
        "signal",
    ):
        table.add_column(column, overflow="fold")
    for p in plan.programs[:SHOWN_PROGRAMS]:
        table.add_row(
            f"{p.code}\n[dim]{p.institution}[/dim]",
            p.specialty,
            p.track,
            p.category,
            f"{p.p_interview:.1%}",
            f"{p.p_match:.1%}",
            f"{p.fee_usd:,.0f}",
            p.signal or "",
        )
    console.print(table)
    if len(plan.programs) > SHOWN_PROGRAMS:
        console.print(
            f"[dim]{SHOWN_PROGRAMS} of {len(plan.programs)} shown; --csv or --json list all.[/dim]"
        )
    _render_cost_and_signals(plan)
    _render_curve(plan)


def _render_cost_and_signals(plan: Plan) -> None:
    cost = plan.totals.cost
    for s in cost.specialties:
        tiers = ", ".join(f"{c.n_programs} x {c.fee_usd}" for c in s.tiers)
        console.print(f"  {s.specialty}: {s.n_programs} applications, {s.fee_usd:,} USD ({tiers})")
    if cost.assumption:
        console.print(f"  [dim]fees: {cost.assumption} (assumed)[/dim]")
    for u in plan.signals:
        used = ", ".join(f"{n} {tier}" for tier, n in u.used)
        console.print(
            f"  signals {'/'.join(u.specialties)}: {used} sent, adding "
            f"{100 * u.p_match_added:.1f} points of P(match)"
            + (" [dim](counts assumed)[/dim]" if u.assumed else "")
        )


def _render_curve(plan: Plan) -> None:
    console.print(
        f"  next step: {100 * plan.marginal_p_match:+.2f} points of P(match) {plan.marginal_unit}"
    )
    if plan.saturation_budget is not None:
        console.print(f"  past {plan.saturation_budget:,.0f} more budget buys almost nothing")
    else:
        end = plan.curve[-1].budget if plan.curve else plan.budget
        console.print(f"  more budget still helps up to {end:,.0f} (the end of the curve)")
    console.print(f"[dim]{plan.covers}[/dim]")


def whatif_command(
    profile: ProfileArg,
    budget_usd: BudgetUsd = None,
    programs: Programs = None,
    json_output: JsonOption = False,
) -> None:
    """Improvement actions, re-planned at the same budget, ranked by gain per month."""
    from ..service.plan import whatif_for_profile

    run(lambda: whatif_for_profile(profile, budget_usd, programs), render_whatif, json_output)


def render_whatif(result: WhatIfResult) -> None:
    from rich.table import Table

    console.print(
        f"[bold]What-if[/bold], {result.season} Main Match: current plan P(match) "
        f"{result.baseline.p_match:.1%} ({result.baseline.n_programs} applications)"
    )
    table = Table()
    for column in ("action", "effort (months)", "P(match) after", "gain", "gain / month"):
        table.add_column(column, overflow="fold")
    for o in result.outcomes:
        table.add_row(
            o.action.title,
            f"{o.action.effort_months:g} "
            f"({o.action.effort_low:g}-{o.action.effort_high:g}, assumed)",
            f"{o.p_match_after:.1%}",
            f"{100 * o.gain:+.2f} pts",
            f"{100 * o.gain_per_month:+.2f} pts",
        )
    console.print(table)
    for action_id, reason in result.not_applicable:
        console.print(f"  [dim]{action_id}: not applicable ({reason})[/dim]")
    console.print("[dim]--json shows each action's patch to the profile.[/dim]")
