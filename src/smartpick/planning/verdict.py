"""The plan's verdict: apply, apply and fix the file meanwhile, or fix the file first.

Under even odds (``stop.check_fixes_below``, data/plan.yaml) the what-if list is planned
(the same budget and stop rule): the change that adds most P(match) is named when it adds at
least ``stop.fix_min_gain``; under ``stop.floor_p_match`` such a change comes first
(``fix-first``), above it alongside the applications (``apply-and-fix``). The list is
screened with a quick estimate first (planning.quick): only the changes that could be the
best one, or reach the threshold, are planned in full, so the figures are the what-if's.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..profile import Profile
from ..results import percent, points
from .engine import Setup, Walked, setup, whole_budget
from .quick import SCREEN_MARGIN, quick_p_match
from .results import FixAdvice, PlanTotals
from .settings import plan_settings
from .whatif import (
    Outcome,
    PlanSummary,
    WhatIfResult,
    applicable,
    outcome,
    summarise,
    summary_of,
)


def with_verdict(
    s: Setup,
    catalog: Any,
    totals: PlanTotals,
    whatif: WhatIfResult | None = None,
    walked: Walked | None = None,
) -> PlanTotals:
    """``whatif``: the what-if list already planned for this profile and budget (the report
    shows it too), used instead of planning it again; ``walked``: the plan's walk, whose plan
    at the whole budget is the what-if's starting point."""
    stop = plan_settings().stop
    if totals.p_match >= stop.check_fixes_below:
        return _said(totals, "apply", _apply(totals))
    same = whatif is not None and (whatif.budget_unit, whatif.budget) == (
        s.budget.unit,
        s.budget.amount,
    )
    # what the whole budget buys after each change
    if same and whatif:
        best = max(whatif.outcomes, key=lambda o: o.gain, default=None)
    else:
        best = best_change(s, catalog, walked)
    if best is None or best.gain < stop.fix_min_gain:
        if totals.n_programs == 0:  # not one application is worth its fee
            return _said(totals, "fix-first", _nothing(totals))
        return _said(totals, "apply", _apply(totals, checked=True))
    fix = _advice(best)
    if totals.p_match < stop.floor_p_match:
        return _said(totals, "fix-first", _fix_first(totals, fix), fix)
    return _said(totals, "apply-and-fix", _apply_and_fix(totals, fix), fix)


def best_change(s: Setup, catalog: Any, walked: Walked | None = None) -> Outcome | None:
    """The change of the what-if list that adds most P(match) with the whole budget spent,
    as ``whatif.evaluate`` plans it, among the changes whose quick estimate comes within
    ``SCREEN_MARGIN`` of the best estimate and of ``stop.fix_min_gain`` (the others cannot
    be the best one above the threshold unless the estimate is that far off); ``walked``:
    the plan's walk, whose plan at the whole budget is the starting point."""
    state = whole_budget(s, walked) if walked is not None else None
    if state is not None:
        base, program = summary_of(s, state)
    else:
        base, program = summarise(s.profile, catalog, s.budget, s.model, spend_all=True)
    patched, _ = applicable(s.profile, program)
    if not patched:
        return None
    before = quick_p_match(s)
    setups = [setup(after, catalog, s.budget, s.model) for _, after in patched]
    estimates = [quick_p_match(p) - before for p in setups]
    cut = max(max(estimates), plan_settings().stop.fix_min_gain) - SCREEN_MARGIN
    planned = [
        outcome(action, base, _whole(after, catalog, s, ready))
        for (action, after), ready, estimate in zip(patched, setups, estimates, strict=True)
        if estimate >= cut
    ]
    planned.sort(key=lambda o: -o.gain_per_month)  # ties: the first, as in the what-if list
    return max(planned, key=lambda o: o.gain, default=None)


def _whole(profile: Profile, catalog: Any, s: Setup, prepared: Setup) -> PlanSummary:
    """What the whole budget buys for ``profile`` (``prepared``: its setup), as the what-if
    list plans it."""
    return summarise(profile, catalog, s.budget, s.model, spend_all=True, prepared=prepared)[0]


def _said(
    totals: PlanTotals, verdict: str, reason: str, fix: FixAdvice | None = None
) -> PlanTotals:
    return replace(totals, verdict=verdict, verdict_reason=reason, fix=fix)


def _advice(o: Outcome) -> FixAdvice:
    a = o.action
    return FixAdvice(
        a.id, a.title, o.p_match_before, o.p_match_after, o.gain, a.effort_months, a.cost_usd
    )


def _spent(totals: PlanTotals) -> str:
    if totals.cost is not None:
        return f"{totals.cost.total_usd:,.0f} USD on {totals.n_programs} applications"
    return f"{totals.n_programs} applications"


def _worth(fix: FixAdvice) -> str:
    months = f"about {fix.months:g} month{'' if fix.months == 1 else 's'} (assumed)"
    cost = f", {fix.cost_usd:,.0f} USD" if fix.cost_usd is not None else ""
    return (
        f"{fix.title}: with the whole budget spent, P(match) {percent(fix.p_match_after)} "
        f"instead of {percent(fix.p_match_before)} ({points(fix.gain)}); {months}{cost}"
    )


def _fix_first(totals: PlanTotals, fix: FixAdvice) -> str:
    floor = plan_settings().stop.floor_p_match
    return (
        f"Fix first: P(match) is {percent(totals.p_match)}, under {floor:.0%}, for "
        f"{_spent(totals)}. {_worth(fix)}."
    )


def _apply_and_fix(totals: PlanTotals, fix: FixAdvice) -> str:
    return f"Apply (P(match) {percent(totals.p_match)}), and meanwhile: {_worth(fix)}."


def _apply(totals: PlanTotals, checked: bool = False) -> str:
    stop = plan_settings().stop
    text = f"Apply: P(match) {percent(totals.p_match)} for {_spent(totals)}."
    if checked:
        text += (
            f" No change in the what-if list adds {stop.fix_min_gain * 100:.0f} points or more "
            "at this budget; see the audit for what holds the file back."
        )
    return text


def _nothing(totals: PlanTotals) -> str:
    stop = plan_settings().stop
    return (
        f"Fix first: not one application adds {totals.min_gain_pp:g} points of P(match) for "
        f"its fee as the file stands, and no change in the what-if list adds "
        f"{stop.fix_min_gain * 100:.0f} points; the audit shows what screens the file out."
    )
