"""Figures for reports: the P(match)-budget curve of a plan (PNG or SVG).

matplotlib is imported inside the function, with the Agg backend, so commands that
draw nothing start fast and no display is needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..outputs import output_path, save_figure
from ..results import percent

if TYPE_CHECKING:
    from .results import Plan

FORMATS = (".png", ".svg")


def check_plot_path(path: Path | str) -> Path:
    """The plot's path if it can be drawn to (.png or .svg in an existing, writable folder)."""
    return output_path(path, field="plot", suffixes=FORMATS)


def plan_curve_figure(plan: Plan, path: Path | str) -> Path:
    """Draw P(match) against the budget, mark the plan and the saturation point; save."""
    out = check_plot_path(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.2))
    xs = [0.0, *[p.budget for p in plan.curve]]
    ys = [0.0, *[100 * p.p_match for p in plan.curve]]
    ax.plot(xs, ys, color="#1f5fa8", lw=2, label="best plan at each budget")
    at = _spend(plan)  # the plan is made for the recommended spend unless it spends all
    ax.axvline(plan.budget, color="#444", ls="--", lw=1, label="your budget")
    ax.scatter(
        [at],
        [100 * plan.totals.p_match],
        color="#c0392b",
        zorder=3,
        label=f"this plan: {percent(plan.totals.p_match)}",  # as in the headline
    )
    ax.vlines(
        at,
        100 * plan.totals.p_match_low,
        100 * plan.totals.p_match_high,
        color="#c0392b",
        lw=3,
        alpha=0.5,
        label=f"{plan.totals.range_level:.0%} range",
    )
    if plan.saturation_budget is not None:
        ax.axvline(
            plan.saturation_budget,
            color="#27ae60",
            ls=":",
            lw=1.5,
            label="more buys almost nothing",
        )
    unit = plan.budget_value.label
    ax.set_xlabel(f"budget ({unit})")
    ax.set_ylabel("P(match), %")
    ax.set_title(f"P(match) against budget, {plan.season} Main Match")
    ax.grid(alpha=0.3)
    ax.legend(loc="lower right", fontsize=8)
    fig.tight_layout()
    try:
        save_figure(fig, out, field="plot")
    finally:
        plt.close(fig)
    return out


def _spend(plan: Plan) -> float:
    """The budget the plan was made for (plans saved before the stop rule: the budget)."""
    spend = getattr(plan.totals, "spend", 0.0)
    return spend if spend > 0 else plan.budget
