"""The plan's verdict: apply, apply and fix the file meanwhile, or fix the file first.

Under even odds (``stop.check_fixes_below``, data/plan.yaml) the what-if list is planned
(the same budget and stop rule): the change that adds most P(match) is named when it adds at
least ``stop.fix_min_gain``; under ``stop.floor_p_match`` such a change comes first
(``fix-first``), above it alongside the applications (``apply-and-fix``). The list is
screened with a quick estimate first (planning.quick): only the changes that could be the
best one, or reach the threshold, are planned in full, so the figures are the what-if's.
Under the floor, where no single change adds the threshold, the changes that add something
are planned together (at most ``TOGETHER``, best first): a file that needs two changes is
told so, rather than to apply for a season it is more likely to lose than not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..errors import ProfileError
from ..profile import Profile
from ..results import count, percent, points
from .actions import Action, apply_patch
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

TOGETHER = 3  # the most changes planned together under the floor


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
    together = totals.p_match < stop.floor_p_match
    if same and whatif:
        best = max(whatif.outcomes, key=lambda o: o.gain, default=None)
        if together and (best is None or best.gain < stop.fix_min_gain):
            adding = sorted((o for o in whatif.outcomes if o.gain > 0), key=lambda o: -o.gain)
            actions = [o.action for o in adding]
            best = _better(best, _together(s, catalog, whatif.baseline, actions))
    else:
        best = best_change(s, catalog, walked, together=together)
    if best is None or best.gain < stop.fix_min_gain:
        if totals.n_programs == 0:  # not one application is worth its fee
            return _said(totals, "fix-first", _nothing(totals, together))
        return _said(totals, "apply", _apply(totals, checked=True, together=together))
    fix = _advice(best)
    if totals.p_match < stop.floor_p_match:
        return _said(totals, "fix-first", _fix_first(totals, fix), fix)
    return _said(totals, "apply-and-fix", _apply_and_fix(totals, fix), fix)


def best_change(
    s: Setup, catalog: Any, walked: Walked | None = None, *, together: bool = False
) -> Outcome | None:
    """The change of the what-if list that adds most P(match) with the whole budget spent,
    as ``whatif.evaluate`` plans it, among the changes whose quick estimate comes within
    ``SCREEN_MARGIN`` of the best estimate and of ``stop.fix_min_gain`` (the others cannot
    be the best one above the threshold unless the estimate is that far off); ``walked``:
    the plan's walk, whose plan at the whole budget is the starting point. ``together``:
    where no change adds ``stop.fix_min_gain``, the changes estimated to add something are
    also planned together, and the better of the two is returned."""
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
    best = max(planned, key=lambda o: o.gain, default=None)
    if together and (best is None or best.gain < plan_settings().stop.fix_min_gain):
        gains = {o.action.id: o.gain for o in planned}  # planned in full where it was
        ranked = sorted(
            ((gains.get(a.id, e), a) for (a, _), e in zip(patched, estimates, strict=True)),
            key=lambda pair: -pair[0],
        )
        adding = [a for g, a in ranked if g > 0]
        best = _better(best, _together(s, catalog, base, adding))
    return best


def _together(s: Setup, catalog: Any, base: PlanSummary, actions: list[Action]) -> Outcome | None:
    """The first ``TOGETHER`` of ``actions`` applied to the profile at once and planned as the
    what-if plans one change; None for fewer than two, or where the changes cannot be
    combined (the patched profile does not validate)."""
    chosen = actions[:TOGETHER]
    if len(chosen) < 2:
        return None
    action = combined(chosen)
    try:
        after = apply_patch(s.profile, action.patch)
    except ProfileError:
        return None
    ready = setup(after, catalog, s.budget, s.model)
    return outcome(action, base, _whole(after, catalog, s, ready))


def combined(actions: list[Action]) -> Action:
    """Several what-if actions as one change: every patch; the effort at least the longest
    of theirs (all pursued at once, its value) and at most the sum of their upper ends (one
    after the other), assumed like theirs; the cost where each is known."""
    costs = [a.cost_usd for a in actions]
    return Action(
        id="+".join(a.id for a in actions),
        title=f"{len(actions)} changes together: " + "; ".join(a.title for a in actions),
        effort_months=max(a.effort_months for a in actions),
        effort_low=max(a.effort_low for a in actions),
        effort_high=sum(a.effort_high for a in actions),
        effort_label="assumed",
        cost_usd=None if any(c is None for c in costs) else sum(c for c in costs if c is not None),
        cost_note="; ".join(dict.fromkeys(a.cost_note for a in actions if a.cost_note)),
        note="The changes planned together: " + " ".join(a.note for a in actions),
        patch=tuple(op for a in actions for op in a.patch),
    )


def _better(best: Outcome | None, other: Outcome | None) -> Outcome | None:
    if other is None or (best is not None and best.gain >= other.gain):
        return best
    return other


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
        return f"{totals.cost.total_usd:,.0f} USD on {count(totals.n_programs, 'application')}"
    return count(totals.n_programs, "application")


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


def _apply(totals: PlanTotals, checked: bool = False, together: bool = False) -> str:
    stop = plan_settings().stop
    text = f"Apply: P(match) {percent(totals.p_match)} for {_spent(totals)}."
    if checked:
        text += (
            f" No change in the what-if list{_alone(together)} adds "
            f"{stop.fix_min_gain * 100:.0f} points or more at this budget; see the audit for "
            "what holds the file back."
        )
    return text


def _nothing(totals: PlanTotals, together: bool = False) -> str:
    stop = plan_settings().stop
    return (
        f"Fix first: not one application adds {totals.min_gain_pp:g} points of P(match) for "
        f"its fee as the file stands, and no change in the what-if list{_alone(together)} adds "
        f"{stop.fix_min_gain * 100:.0f} points; the audit shows what screens the file out."
    )


def _alone(together: bool) -> str:
    """Under the floor the changes were also planned together: the reason says so."""
    return ", alone or together," if together else ""
