"""``smartpick plan PROFILE`` and ``smartpick whatif PROFILE``: the application plan."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from ..budget import Budget, BudgetUnit
from ..errors import printable
from ..results import count, points
from .common import JsonOption, console, field, pct, run

if TYPE_CHECKING:
    from ..service.plan import Action, Plan, PlannedProgram, WhatIfResult

SHOWN_PER_SPECIALTY = 20
WIDE = 110  # columns from which two reasons per program fit on one line
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
    "reasons",
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
SpendAll = Annotated[
    bool,
    typer.Option(
        "--spend-all", help="Spend the whole budget, even where the stop rule says it pays little."
    ),
]
MinGain = Annotated[
    float | None,
    typer.Option(
        "--min-gain",
        help="The stop rule: the least P(match), in points, the next 100 USD (or next program) "
        "must add (default 0.25 per 100 USD, 0.1 per program).",
    ),
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
    spend_all: SpendAll = False,
    min_gain: MinGain = None,
    json_output: JsonOption = False,
) -> None:
    """The programs to apply to under the budget, signals, cost, verdict and P(match) curve."""
    from ..service import check_min_gain, check_plot_path, plan_curve_figure, plan_for_profile

    def produce() -> Plan:
        if plot is not None:
            check_plot_path(plot)  # before planning: a wrong path is said at once
        budget = Budget.from_options(budget_usd, programs)
        result = plan_for_profile(
            profile, budget, spend_all=spend_all, min_gain=check_min_gain(min_gain)
        )
        if plot is not None:
            plan_curve_figure(result, plot)
        return result

    run(produce, render_csv if csv_output and not json_output else render_plan, json_output)


def render_csv(plan: Plan) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in plan.programs:
        row = {c: getattr(p, c) for c in CSV_COLUMNS}
        row["reasons"] = "; ".join(p.reasons)
        writer.writerow(["" if row[c] is None else row[c] for c in CSV_COLUMNS])


def render_plan(plan: Plan) -> None:
    """Headline; the barrier when nothing is in reach; per specialty, its best programs."""
    console.print(_plan_headline(plan), markup=False)
    console.print(Text(printable(_verdict_line(plan)), style="bold"))
    if plan.barrier:
        console.print(Text(printable(plan.barrier), style="bold"), soft_wrap=False)
    for line in _preference_lines(plan):
        console.print(line, markup=False)
    if plan.programs:
        console.print(_categories_line(plan), markup=False)
    for specialty in dict.fromkeys(p.specialty for p in plan.programs):
        members = [p for p in plan.programs if p.specialty == specialty]
        _render_specialty(specialty, members, plan)
    if plan.programs:
        console.print(_legend(plan), markup=False, style="dim")
    _render_cost_and_signals(plan)
    _render_curve(plan)


def _legend(plan: Plan) -> str:
    """What the columns mean, and how the tracks in this plan count."""
    from ..service import category_bounds

    reach_below, likely_from = category_bounds()
    text = (
        "invited: P(an interview); match: P(matching there); category from P(interview): "
        f"reach under {reach_below:.0%}, target from {reach_below:.0%} to {likely_from:.0%}, "
        f"likely from {likely_from:.0%}."
    )
    if any(p.state is None for p in plan.programs):
        text += " ? = the program's state is not in the data."
    tracks = {p.track for p in plan.programs}
    if "A" in tracks:
        text += " A (advanced) tracks count only with a PGY-1 position from the plan."
    if "P" in tracks:
        text += " P (preliminary or transitional) tracks are one PGY-1 year, never a match alone."
    from ..results import to_jsonable
    from ..service import signal_rows

    rows, sent = signal_rows(to_jsonable(plan))
    if rows > sent:  # an institution's listings (advanced and categorical, shared pools)
        text += (
            " signal: sent to the institution, not the track, so each of its listings shows it "
            f"({rows} rows show the {count(sent, 'signal')} sent)."
        )
    return text


def _effort(action: Action) -> str:
    """Months and their range ("4 (3-6)"); a fixed time, such as a season's wait, alone."""
    low, high = action.effort_low, action.effort_high
    return f"{action.effort_months:g}" + ("" if low == high else f" ({low:g}-{high:g})")


def _budget_text(unit: BudgetUnit, amount: float) -> str:
    """``3,000 USD`` or ``120 programs``."""
    budget = Budget(unit, amount)
    return budget.pick(usd=f"{amount:,.0f} USD", programs=count(round(amount), "program"))


def _plan_headline(plan: Plan) -> str:
    t = plan.totals
    budget = _budget_text(plan.budget_unit, plan.budget)
    primary = field(plan.specialties[0]) if plan.specialties else ""
    return (
        f"Plan for the {plan.season} Main Match, budget {budget}: "
        f"{count(t.n_programs, 'application')}, {_cost(plan)}{_spend_note(plan)}\n"
        f"P(match) {pct(t.p_match)} ({t.range_level:.0%} range {pct(t.p_match_low)}-"
        f"{pct(t.p_match_high)}), in {primary} {pct(t.p_match_primary)}; expected interviews "
        f"{t.expected_interviews:.1f} ({t.range_level:.0%} range "
        f"{t.interviews_low}-{t.interviews_high})"
    )


def _spend_note(plan: Plan) -> str:
    """Why the plan spends less than the budget, if it does."""
    t = plan.totals
    if t.spend_all or t.spend >= plan.budget - 1e-9:
        return ""
    per = plan.budget_value.pick(usd="per next 100 USD", programs="per next program")
    return (
        f"\nRecommended spend {_budget_text(plan.budget_unit, t.spend)}: past it each step adds "
        f"under {t.min_gain_pp:g} points of P(match) {per} (--min-gain to change, "
        "--spend-all to spend the whole budget)"
    )


def _verdict_line(plan: Plan) -> str:
    return f"Verdict: {plan.totals.verdict}. {plan.totals.verdict_reason}"


def _preference_lines(plan: Plan) -> list[str]:
    """What each preference costs in P(match), when it costs anything."""
    return [
        f"  {c.label} costs {c.points:.1f} points of P(match) (without it: "
        f"{pct(c.p_match_without)})"
        for c in plan.totals.preference_costs
        if c.points >= 0.05
    ]


def _cost(plan: Plan) -> str:
    if plan.totals.cost is None:
        return f"fees unknown (no ERAS fee schedule for season {plan.season})"
    return f"{plan.totals.cost.total_usd:,} USD"


def _categories_line(plan: Plan) -> str:
    counts = Counter(p.category for p in plan.programs)
    parts = [f"{counts[c]} {c}" for c in ("likely", "target", "reach") if counts[c]]
    return f"Categories (by P(interview)): {', '.join(parts)}"


def _render_specialty(specialty: str, members: list[PlannedProgram], plan: Plan) -> None:
    from rich import box
    from rich.table import Table

    shown = members[:SHOWN_PER_SPECIALTY]
    table = Table(
        header_style="bold",
        pad_edge=False,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
    )
    table.title = f"{field(specialty)}: {count(len(members), 'application')}"
    table.add_column("program", no_wrap=True, min_width=9)
    table.add_column("institution, state; why", ratio=1, min_width=14, overflow="fold")
    table.add_column("track", no_wrap=True, min_width=5)
    table.add_column("category", no_wrap=True, min_width=8)
    for column in ("invited", "match", "fee"):
        table.add_column(column, justify="right", no_wrap=True, min_width=len(column))
    table.add_column("signal", no_wrap=True, min_width=6)
    for p in shown:
        table.add_row(
            p.code,
            _place_and_reasons(p),
            p.track,
            p.category,
            pct(p.p_interview),
            pct(p.p_match),
            "?" if p.fee_usd is None else f"{p.fee_usd:,.0f}",
            p.signal or "",
        )
    console.print(table)
    if len(members) > len(shown):
        console.print(
            f"{len(shown)} of {len(members)} shown (best chance first); --csv or --json list all.",
            markup=False,
            style="dim",
        )


def _place_and_reasons(p: PlannedProgram) -> Text:
    """The whole name and state (``?`` if unknown; catalog text, so no markup), then the
    program's first reasons (two on a wide terminal, one on a narrow one), dimmed."""
    text = Text(printable(f"{p.institution}, {p.state or '?'}"))
    shown = 2 if console.width >= WIDE else 1
    reasons = [r for r in p.reasons if not r.endswith(" sent")]  # the signal has its column
    if reasons:
        text.append("\n" + printable("; ".join(reasons[:shown])), style="dim")
    return text


def _render_cost_and_signals(plan: Plan) -> None:
    cost = plan.totals.cost
    if cost is None:
        console.print(f"  fees: {_cost(plan)}", markup=False, style="dim")
    for s in cost.specialties if cost else ():
        tiers = ", ".join(f"{c.n_programs} x {c.fee_usd}" for c in s.tiers)
        console.print(
            f"  {field(s.specialty)} (via {s.service}): {count(s.n_programs, 'application')}, "
            f"{s.fee_usd:,} USD ({tiers})",
            markup=False,
        )
    if cost and cost.assumption:
        console.print(f"  fees: {cost.assumption} (assumed)", markup=False, style="dim")
    planned = {p.specialty for p in plan.programs}
    for u in plan.signals:
        if not planned & set(u.specialties):
            continue  # no application in this signal pool: nothing to place
        used = ", ".join(
            f"{n} {tier}{'s' if tier == 'signal' and n != 1 else ''}" for tier, n in u.used
        )
        console.print(
            f"  signals {'/'.join(field(x) for x in u.specialties)}: {used} sent, "
            f"{points(u.p_match_added)} of P(match)" + (" (counts assumed)" if u.assumed else ""),
            markup=False,
        )


def _saturation_text(plan: Plan, unit: str) -> str:
    """Where more budget buys almost nothing, and how that relates to the recommended spend
    (two thresholds: the stop rule's and the lower one of saturation)."""
    sat, t = plan.saturation_budget, plan.totals
    past = f"past {sat:,.0f} {unit}, more budget buys almost nothing"
    if sat is None or t.spend_all or sat <= t.spend + 1e-9:
        return past
    return (
        f"from the recommended spend up to {sat:,.0f} {unit} each step still adds a little "
        f"(under {t.min_gain_pp:g} points of P(match)); {past}"
    )


def _render_curve(plan: Plan) -> None:
    unit = plan.budget_value.label
    console.print(
        f"  next step: {points(plan.marginal_p_match)} of P(match) {plan.marginal_unit}",
        markup=False,
    )
    if plan.saturation_budget is not None and plan.programs:
        console.print(f"  {_saturation_text(plan, unit)}", markup=False)
    elif plan.programs:
        end = plan.curve[-1].budget if plan.curve else plan.budget
        console.print(
            f"  more budget still helps up to {end:,.0f} {unit} (the end of the curve)",
            markup=False,
        )
    console.print(plan.covers, markup=False, style="dim")
    for source in plan.sources:
        console.print(f"Source: {source}", markup=False, style="dim")


def whatif_command(
    profile: ProfileArg,
    budget_usd: BudgetUsd = None,
    programs: Programs = None,
    json_output: JsonOption = False,
) -> None:
    """Improvement actions, re-planned at the same budget, ranked by gain per month."""
    from ..service import whatif_for_profile

    def produce() -> WhatIfResult:
        return whatif_for_profile(profile, Budget.from_options(budget_usd, programs))

    run(produce, render_whatif, json_output)


def _whatif_headline(result: WhatIfResult) -> str:
    base, budget = result.baseline, _budget_text(result.budget_unit, result.budget)
    head = f"What-if, {result.season} Main Match: "
    tail = "; each action below is planned again the same way"
    if base.n_programs == 0:  # nothing was worth a fee: not "spending the whole budget"
        return (
            f"{head}with the whole budget of {budget} the current plan applies to no program "
            f"(P(match) {pct(base.p_match)}; `smartpick plan` says why){tail}"
        )
    cost = "fees unknown" if base.cost_usd is None else f"{base.cost_usd:,.0f} USD"
    return (
        f"{head}the current plan has P(match) {pct(base.p_match)} with "
        f"{count(base.n_programs, 'application')} ({cost}) spending the whole budget of "
        f"{budget}{tail}"
    )


def render_whatif(result: WhatIfResult) -> None:
    """Headline, one row per action (best gain per month first), the actions left out."""
    from rich.table import Table

    console.print(_whatif_headline(result), markup=False)
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("action", ratio=1, min_width=20)  # wraps at word boundaries
    table.add_column("months\n(assumed)", no_wrap=True, min_width=9)
    for column in ("P(match)\nafter", "gain", "per\nmonth"):
        table.add_column(column, justify="right", no_wrap=True, min_width=8)
    for o in result.outcomes:
        a = o.action
        table.add_row(
            Text(printable(a.title)),
            _effort(a),
            pct(o.p_match_after),
            points(o.gain),
            points(o.gain_per_month),
        )
    if result.outcomes:
        console.print(table)
    for o in result.outcomes:
        if o.no_gain:
            console.print(f"  {o.action.title}: {o.no_gain}", markup=False, style="dim")
    for name, reason in result.not_applicable_named:
        line = f"  {name[:1].upper()}{name[1:]}: not applicable ({reason})"
        console.print(line, markup=False, style="dim")
    console.print("--json shows each action's patch to the profile.", markup=False, style="dim")
    console.print(result.covers, markup=False, style="dim")
