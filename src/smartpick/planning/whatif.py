"""What-if: improvement actions (``planning.actions``) re-planned at the same budget.

Each action is a patch (a list of ``set`` / ``add`` operations on the profile's fields,
printed with ``--json`` so it can be applied by hand), an effort in months (assumed,
with a range: ``data/whatif.yaml``) and a cost where the shipped data has one. Every
action is re-planned with the same budget and ranked by gain in P(match) per month.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..audit import flags_for
from ..budget import Budget, BudgetUnit
from ..chances import ChanceModel
from ..chances.adapter import MODELLED_FLAGS
from ..citations import MAIN_MATCH_NOTE
from ..errors import ProfileError
from ..profile import Profile
from .actions import ACTIONS, Action, apply_patch, whatif_settings
from .build import target_specialties
from .engine import Chosen, Setup, chosen, plan_totals, resolve_budget, setup, walk
from .search import State


@dataclass(frozen=True)
class PlanSummary:
    p_match: float
    n_programs: int
    cost_usd: float | None  # None: a budget in programs for a season without fee data
    expected_interviews: float
    specialties: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    action: Action
    p_match_before: float
    p_match_after: float
    gain: float
    gain_per_month: float
    plan: PlanSummary
    no_gain: str = ""  # why the model gives the change no gain, where it can say


@dataclass(frozen=True)
class WhatIfResult:
    season: int
    budget_unit: BudgetUnit
    budget: float
    baseline: PlanSummary
    outcomes: tuple[Outcome, ...]  # best gain per month first
    not_applicable: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    covers: str = MAIN_MATCH_NOTE
    source: str = field(default="")
    not_applicable_named: tuple[tuple[str, str], ...] = ()  # the same, by plain name


def _named(skipped: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """The actions that do not apply, each by its plain name in place of its id."""
    actions = whatif_settings().actions
    return tuple((actions[a].name if a in actions else a, why) for a, why in skipped)


def summarise(
    profile: Profile,
    catalog: Any,
    budget: Budget,
    model: ChanceModel,
    *,
    spend_all: bool = False,
    min_gain: float | None = None,
    prepared: Setup | None = None,
) -> tuple[PlanSummary, tuple[str, str] | None]:
    """The plan's P(match) at this budget and stop rule (as ``smartpick plan`` reports it),
    and the primary-specialty program with the best chance in it; ``prepared``: ``setup``
    of the same profile, budget and model, where the caller has it."""
    s = prepared or setup(profile, catalog, budget, model)
    walked = walk(s, with_curve=False, spend_all=spend_all, min_gain=min_gain)
    return summary_of(s, walked.state)


def summary_of(s: Setup, state: State) -> tuple[PlanSummary, tuple[str, str] | None]:
    """``summarise`` of a plan already made (``state`` under setup ``s``)."""
    c = chosen(s, state)
    totals = plan_totals(s, c, with_range=False)
    summary = PlanSummary(
        p_match=totals.p_match,
        n_programs=totals.n_programs,
        cost_usd=float(totals.cost.total_usd) if totals.cost else None,
        expected_interviews=totals.expected_interviews,
        specialties=tuple(target_specialties(s.profile)),
    )
    return summary, _best_primary(s, c)


def _best_primary(s: Setup, c: Chosen) -> tuple[str, str] | None:
    """The primary-specialty program of the list with the best chance, not yet advocated."""
    profile = s.profile
    advocated = {a.program.strip().upper() for a in profile.advocates}
    primary = [
        r
        for r in c.rows
        if s.cands.programs[r].specialty == profile.targets.primary
        and s.cands.programs[r].code not in advocated
    ]
    best = max(primary, key=lambda r: float(c.chances.success[r] @ c.chances.weights), default=None)
    if best is None:
        return None
    program = s.cands.programs[best]
    return program.code, program.institution


def applicable(
    profile: Profile, best: tuple[str, str] | None
) -> tuple[list[tuple[Action, Profile]], list[tuple[str, str]]]:
    """Each action that applies with its patched profile (validated), and the actions that
    do not apply with the reason (``best``: the plan's best primary-specialty program)."""
    patched, skipped = [], []
    for make in ACTIONS:
        action = make(profile, best)
        if isinstance(action, str):
            skipped.append((make.__name__.replace("_", "-"), action))
            continue
        try:
            patched.append((action, apply_patch(profile, action.patch)))
        except ProfileError as exc:  # said, not hidden: the other actions still count
            skipped.append((action.id, f"the patched profile does not validate: {exc.one_line()}"))
    return patched, skipped


def outcome(action: Action, base: PlanSummary, after: PlanSummary, no_gain: str = "") -> Outcome:
    """The action's outcome: ``after`` (its patched profile planned at the same budget)
    against ``base`` (the profile as it is); ``no_gain`` is kept only where the gain is 0."""
    gain = after.p_match - base.p_match
    per_month = gain / max(action.effort_months, whatif_settings().min_effort_months)
    said = no_gain if abs(gain) < NO_GAIN else ""
    return Outcome(action, base.p_match, after.p_match, gain, per_month, after, said)


NO_GAIN = 0.0005  # under 0.05 points of P(match): shown as +0.00 or so


def why_no_gain(was: dict[str, int], after: Profile) -> str:
    """Where a change moves the audit's other red flags (``was``: the file's, from
    ``other_flags``) but not the chance model's reading of them, the most severe one
    (``chances.adapter.other_flag_severity``), say so: 'explaining a gap' then shows 0 gain."""
    now = other_flags(after)
    if max(was.values(), default=0) != max(now.values(), default=0):
        return ""
    moved = [
        f"{i} {was.get(i, 0)} -> {now.get(i, 0)}"
        for i in sorted(was.keys() | now.keys())
        if was.get(i, 0) != now.get(i, 0)
    ]
    if not moved or not now:
        return ""
    top = max(now, key=lambda i: now[i])
    return (
        "no gain in the chance model: it reads the red flags it does not model through the "
        f"most severe of them ({top}, severity {now[top]}), which this change leaves as it is; "
        f"the audit's flags move ({', '.join(moved)})"
    )


def other_flags(profile: Profile) -> dict[str, int]:
    """The primary specialty's red flags the chance model does not model, by severity."""
    flags, _ = flags_for(profile, profile.targets.primary)
    return {f.id: f.severity for f in flags if f.id not in MODELLED_FLAGS}


def evaluate(
    profile: Profile,
    catalog: Any,
    budget: Budget | None = None,
    model: ChanceModel | None = None,
    *,
    spend_all: bool = True,
    min_gain: float | None = None,
    baseline: tuple[PlanSummary, tuple[str, str] | None] | None = None,
) -> WhatIfResult:
    """Every applicable action re-planned at the same budget, best gain per month first; by
    default each plan spends the whole budget (what the budget buys after the change),
    else up to its own stop rule (``min_gain``). ``baseline``: ``summarise`` of the profile
    as it is, where the caller has it already."""
    budget = resolve_budget(profile, budget)
    model = model or ChanceModel()
    base, best = baseline or summarise(
        profile, catalog, budget, model, spend_all=spend_all, min_gain=min_gain
    )
    patched, skipped = applicable(profile, best)
    stop: dict[str, Any] = {"spend_all": spend_all, "min_gain": min_gain}
    was = other_flags(profile)
    outcomes = [
        outcome(
            action,
            base,
            summarise(after, catalog, budget, model, **stop)[0],
            why_no_gain(was, after),
        )
        for action, after in patched
    ]
    outcomes.sort(key=lambda o: -o.gain_per_month)
    return WhatIfResult(
        season=profile.season,
        budget_unit=budget.unit,
        budget=budget.amount,
        baseline=base,
        outcomes=tuple(outcomes),
        not_applicable=tuple(skipped),
        not_applicable_named=_named(skipped),
        notes=(
            "Each action is applied to a copy of the profile and planned again at the same "
            "budget, spending all of it; the gain is the new plan's P(match) minus the current "
            "plan's at the whole budget (the plan itself may recommend spending less).",
            "Efforts are assumptions with ranges (labelled assumed); costs not in smartpick's "
            "sources are shown as unknown.",
        ),
        source=whatif_settings().source,
    )
