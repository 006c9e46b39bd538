"""Service: the application plan for a profile, what-if improvements, and the plan's figure
(docs/plan.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..budget import Budget
from ..profile import Profile, load_profile

if TYPE_CHECKING:
    from ..planning import Plan, PlannedProgram, WhatIfResult

__all__ = [
    "Budget",
    "Plan",
    "PlannedProgram",
    "WhatIfResult",
    "category_bounds",
    "check_plot_path",
    "plan_curve_figure",
    "plan_for_profile",
    "whatif_for_profile",
]


def _profile(profile_or_path: Profile | Path | str) -> Profile:
    if isinstance(profile_or_path, Profile):
        return profile_or_path
    return load_profile(Path(profile_or_path))


def plan_for_profile(
    profile: Profile | Path | str, budget: Budget | None = None, model: Any | None = None
) -> Plan:
    """The list to apply to under the budget (default: the profile's), with signals, fees,
    categories, totals and the P(match)-budget curve."""
    from ..catalog import open_catalog
    from ..planning import make_plan

    return make_plan(_profile(profile), open_catalog(), budget, model)


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
