"""Service: the application plan for a profile, what-if improvements, and the plan's figure
(docs/plan.md)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..budget import Budget
from ..errors import InputError
from ..profile import Profile, load_profile

if TYPE_CHECKING:
    from ..planning import Plan, PlannedProgram, WhatIfResult
    from ..planning.actions import Action

__all__ = [
    "Action",
    "Budget",
    "Plan",
    "PlannedProgram",
    "WhatIfResult",
    "category_bounds",
    "check_min_gain",
    "check_plot_path",
    "plan_curve_figure",
    "plan_for_profile",
    "signal_rows",
    "whatif_for_profile",
]


def signal_rows(plan: Any) -> tuple[int, int]:
    """(rows of the list that show a signal, signals sent) of a plan in its JSON form (a
    stored plan is one): the CLI's legend and the web page's note say it from here."""
    from ..planning.results import signal_rows as rows_and_sent

    return rows_and_sent(plan)


def _profile(profile_or_path: Profile | Path | str) -> Profile:
    if isinstance(profile_or_path, Profile):
        return profile_or_path
    return load_profile(Path(profile_or_path))


def plan_for_profile(
    profile: Profile | Path | str,
    budget: Budget | None = None,
    model: Any | None = None,
    *,
    spend_all: bool = False,
    min_gain: float | None = None,
    advice: bool = True,
    whatif: WhatIfResult | None = None,
) -> Plan:
    """The list to apply to under the budget (default: the profile's), with signals, fees,
    categories, totals, the verdict and the P(match)-budget curve. The list stops where the
    next 100 USD (or program) adds under ``min_gain`` points of P(match) unless ``spend_all``;
    ``advice=False`` leaves out the verdict and the preferences' costs (each plans again);
    ``whatif``: ``whatif_for_profile``'s result for the same profile and budget, which the
    verdict then reuses instead of planning the what-if list again."""
    from ..catalog import open_catalog
    from ..planning import make_plan

    return make_plan(
        _profile(profile),
        open_catalog(),
        budget,
        model,
        spend_all=spend_all,
        min_gain=min_gain,
        advice=advice,
        whatif=whatif,
    )


MAX_MIN_GAIN = 100.0


def check_min_gain(value: float | None) -> float | None:
    """The stop rule's threshold as given, or an InputError naming the option and the fix."""
    if value is None or (math.isfinite(value) and 0.0 <= value <= MAX_MIN_GAIN):
        return value
    raise InputError(
        f"the least gain must be between 0 and {MAX_MIN_GAIN:g} points of P(match), got {value:g}",
        path="min_gain",
        hint="e.g. --min-gain 0.25 (points per 100 USD); --spend-all ignores the stop rule",
    )


def whatif_for_profile(
    profile: Profile | Path | str, budget: Budget | None = None, model: Any | None = None
) -> WhatIfResult:
    """Improvement actions, each re-planned at the same budget, ranked by gain per month."""
    from ..catalog import open_catalog
    from ..planning import evaluate

    return evaluate(_profile(profile), open_catalog(), budget, model)


def check_plot_path(path: Path | str) -> Path:
    """The plot's path if the plan's figure can be drawn there (.png/.svg, folder exists)."""
    from ..planning import check_plot_path as check

    return check(path)


def plan_curve_figure(plan: Plan, path: Path | str) -> Path:
    """Draw the plan's P(match)-budget curve to ``path`` (.png or .svg)."""
    from ..planning import plan_curve_figure as draw

    return draw(plan, path)


def category_bounds() -> tuple[float, float]:
    """P(interview) below which a program is a reach, and from which it is likely."""
    from ..planning import plan_settings

    c = plan_settings().categories
    return c.reach_below, c.likely_from
