"""The application-plan optimiser over an abstract instance (see ``docs/plan.md``).

Sources for the method: Chade & Smith (2006), "Simultaneous Search", Econometrica
74(5); Kapur & Hong, "The college application problem"; Ali & Shorrer on
correlated simultaneous search.
"""

from .curve import CurvePoint, Solution, count_grid, curve, solve, usd_grid
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

__all__ = [
    "ADVANCED",
    "MAIN",
    "PGY1",
    "CostModel",
    "CurvePoint",
    "Instance",
    "Solution",
    "cost_model",
    "count_grid",
    "count_model",
    "curve",
    "effective_success",
    "make_instance",
    "solve",
    "usd_grid",
    "value",
]
