"""The application plan: which programs to apply to under a budget, where to signal, and what
each improvement (what-if) would change. See ``docs/plan.md``.

- :mod:`.plan`: ``make_plan`` (the result a user sees) over :mod:`.engine` (setup, the walk
  up the budget grid, the totals of a chosen list)
- :mod:`.whatif`: improvement actions re-planned with the same engine
- :mod:`.build`, :mod:`.signals`, :mod:`.fees`: candidates, signal quotas, ERAS fees
- :mod:`.instance`, :mod:`.objective`, :mod:`.search`, :mod:`.curve`: the optimiser over an
  abstract instance
- :mod:`.plots`: the P(match)-budget figure

Sources for the method: Chade & Smith (2006), "Simultaneous Search", Econometrica
74(5); Kapur & Hong, "The college application problem"; Ali & Shorrer on
correlated simultaneous search.
"""

from ..budget import Budget
from .actions import apply_patch
from .curve import CurvePoint, Solution, count_grid, curve, solve, usd_grid
from .engine import resolve_budget
from .instance import (
    ADVANCED,
    MAIN,
    PGY1,
    CostModel,
    Instance,
    cost_model,
    count_model,
    make_instance,
)
from .objective import effective_success, value
from .plan import make_plan
from .plots import check_plot_path, plan_curve_figure
from .results import BudgetPoint, Plan, PlannedProgram, PlanTotals, SignalUse
from .settings import plan_settings
from .whatif import WhatIfResult, evaluate

__all__ = [
    "ADVANCED",
    "Budget",
    "BudgetPoint",
    "CostModel",
    "CurvePoint",
    "Instance",
    "MAIN",
    "PGY1",
    "Plan",
    "PlanTotals",
    "PlannedProgram",
    "SignalUse",
    "Solution",
    "WhatIfResult",
    "apply_patch",
    "check_plot_path",
    "cost_model",
    "count_grid",
    "count_model",
    "curve",
    "effective_success",
    "evaluate",
    "make_instance",
    "make_plan",
    "plan_curve_figure",
    "plan_settings",
    "resolve_budget",
    "solve",
    "usd_grid",
    "value",
]
