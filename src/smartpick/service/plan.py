"""Service: the application plan for a profile, and what-if improvements (docs/plan.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..profile import Profile, load_profile

if TYPE_CHECKING:
    from ..planning.plan import Plan
    from ..whatif import WhatIfResult


def _profile(profile_or_path: Profile | Path | str) -> Profile:
    if isinstance(profile_or_path, Profile):
        return profile_or_path
    return load_profile(Path(profile_or_path))


def plan_for_profile(
    profile: Profile | Path | str,
    budget_usd: float | None = None,
    programs: int | None = None,
    model: Any | None = None,
) -> Plan:
    """The list to apply to under the budget (USD or a number of programs; default: the
    profile's), with signals, fees, categories, totals and the P(match)-budget curve."""
    from ..catalog import open_catalog
    from ..planning.report import make_plan

    return make_plan(_profile(profile), open_catalog(), budget_usd, programs, model)


def whatif_for_profile(
    profile: Profile | Path | str,
    budget_usd: float | None = None,
    programs: int | None = None,
    model: Any | None = None,
) -> WhatIfResult:
    """Improvement actions, each re-planned at the same budget, ranked by gain per month."""
    from ..catalog import open_catalog
    from ..whatif import evaluate

    return evaluate(_profile(profile), open_catalog(), budget_usd, programs, model)
