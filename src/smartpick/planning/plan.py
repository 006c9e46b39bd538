"""The plan for a profile: which programs to apply to, where to signal, at what cost.

``make_plan`` sets up the candidates and instance (``engine.setup``), walks the budget grid
to the budget and on to the end of the curve (``engine.walk``), and reports the chosen list
with its chances, fees, signals, totals, P(match) range and curve.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ..budget import Budget
from ..chances import ChanceModel
from ..citations import MAIN_MATCH_NOTE
from ..profile import Profile, facts
from ..results import count
from .build import target_specialties
from .engine import (
    Chosen,
    Setup,
    Walked,
    chosen,
    fees_known,
    plan_totals,
    score,
    setup,
    walk,
    without_terms,
)
from .fees import application_cost
from .fees import marginal_fees_usd as fees_by_position
from .reasons import RATE_OF, rate_medians, reasons_for
from .results import (
    COUNTS_AS,
    BudgetPoint,
    Plan,
    PlannedProgram,
    PlanTotals,
    PreferenceCost,
    SignalUse,
)
from .settings import category, plan_settings
from .utility import active_terms
from .verdict import with_verdict
from .whatif import WhatIfResult

CITATIONS = (
    "AAMC, Fees for ERAS Residency Applications (fee tiers per season)",
    "ERAS program signals per specialty and season (AAMC and specialty organisations)",
    "Program interview rates with and without a signal, 2024 Match (unverified source)",
    "Method: Chade & Smith (2006), Simultaneous Search, Econometrica 74(5); Kapur & Hong, "
    "The college application problem; Ali & Shorrer, correlated simultaneous search",
)


def make_plan(
    profile: Profile,
    catalog: Any,
    budget: Budget | None = None,
    model: ChanceModel | None = None,
    *,
    spend_all: bool = False,
    min_gain: float | None = None,
    advice: bool = True,
    whatif: WhatIfResult | None = None,
) -> Plan:
    """The plan at ``budget`` (default: the profile's), with the curve to its end. It spends
    up to the stop rule's point (``min_gain`` points per 100 USD or per program; default in
    data/plan.yaml) unless ``spend_all``; ``advice``: the verdict (fix first or apply) and
    what the preferences cost, which plan again (``whatif``: the what-if list already
    planned for this profile and budget, reused by the verdict)."""
    s = setup(profile, catalog, budget, model)
    walked = walk(s, spend_all=spend_all, min_gain=min_gain)
    return plan_from(s, walked, catalog if advice else None, whatif)


def plan_from(
    s: Setup, walked: Walked, catalog: Any | None = None, whatif: WhatIfResult | None = None
) -> Plan:
    c = chosen(s, walked.state)
    totals = _with_stop(s, plan_totals(s, c), walked)
    if catalog is not None:
        totals = replace(totals, preference_costs=preference_costs(s, walked, totals.p_match))
        totals = with_verdict(s, catalog, totals, whatif, walked)
    curve = walked.curve
    marginal, unit = _marginal(s, curve, walked.spend)
    return Plan(
        season=s.profile.season,
        specialties=tuple(target_specialties(s.profile)),
        budget_unit=s.budget.unit,
        budget=s.budget.amount,
        programs=_programs(s, c),
        totals=totals,
        signals=_signal_uses(s, c, totals.p_match),
        curve=tuple(curve),
        marginal_p_match=marginal,
        marginal_unit=unit,
        saturation_budget=_saturation(s, curve),
        method=walked.method,
        candidates=s.cands.n,
        category_rule=plan_settings().categories.reasoning,
        notes=_notes(s),
        covers=MAIN_MATCH_NOTE,
        sources=CITATIONS,
        barrier=barrier(s.profile, s.budget) if totals.p_match <= 0 else None,
    )


def _with_stop(s: Setup, totals: PlanTotals, walked: Walked) -> PlanTotals:
    rec = walked.recommended
    return replace(
        totals,
        spend=walked.spend,
        recommended_budget=rec,
        recommended_spend_usd=_usd_at(s, walked.curve, rec),
        min_gain_pp=walked.min_gain,
        spend_all=walked.spend_all,
    )


def _usd_at(s: Setup, curve: Sequence[BudgetPoint], budget: float | None) -> float | None:
    """The recommended spend in USD: the budget itself, or the fees of the plan at that
    number of programs (None where the season has no fee data)."""
    if budget is None:
        return None
    if not s.budget.counts_programs:
        return budget
    if not fees_known(s):
        return None
    return next((p.cost_usd for p in curve if abs(p.budget - budget) < 1e-9), None)


def preference_costs(s: Setup, walked: Walked, p_match: float) -> tuple[PreferenceCost, ...]:
    """Each active preference's cost: P(match) of the plan made without it, at the same spend,
    minus the plan's."""
    if walked.spend <= 0:
        return ()
    out = []
    same = replace(s, budget=Budget(s.budget.unit, walked.spend))
    for term in active_terms(s.profile):
        other = without_terms(same, frozenset({term.name}))
        if np.array_equal(other.inst.utility, s.inst.utility):  # it weighs no candidate here
            out.append(PreferenceCost(term.name, term.label, p_match, 0.0))
            continue
        alt = chosen(other, walk(other, with_curve=False, spend_all=True).state)
        p_without = score(s.model, s.cands, alt.rows, alt.signals)
        points = round((p_without - p_match) * 100, 1)
        out.append(PreferenceCost(term.name, term.label, p_without, max(points, 0.0) + 0.0))
    return tuple(out)


def barrier(profile: Profile, budget: Budget) -> str:
    """Why the plan has no chance of a match, in plain words, with what removes it."""
    if profile.visa == "h1b" and not facts.step3_passed(profile):
        return (
            "No program is in reach: the profile needs an H-1B visa and has no passed Step 3, "
            "and programs cannot file an H-1B for a resident without it (9 FAM 41.53; "
            "University of Michigan International Center, H-1B Health Care Positions). "
            "Passing Step 3, or switching the visa need to J-1, removes this barrier: "
            "see 'smartpick whatif' for what each would change."
        )
    if not budget.counts_programs and budget.amount < (
        one := application_cost(profile.season, {profile.targets.primary: 1}).total_usd
    ):
        return (
            f"The budget of {budget.amount:,.0f} USD does not cover one application ({one:,} USD "
            "with the fixed fees): raise it with --budget-usd."
        )
    return (
        "No program in the target specialties gives this file a chance of a match at this "
        "budget: see 'smartpick audit' for the red flags that screen it out and "
        "'smartpick whatif' for what would change it."
    )


def _programs(s: Setup, c: Chosen) -> tuple[PlannedProgram, ...]:
    rows, signals, ch = c.rows, c.signals, c.chances
    p_int = {r: float(ch.interview[r] @ ch.weights) for r in rows}
    p_match = {r: float(ch.success[r] @ ch.weights) for r in rows}
    fees = _fees(s, rows, p_match)
    kind = next(iter(s.cands.applicants.values())).applicant_type
    medians = rate_medians(s.cands.programs, RATE_OF[kind][0])
    out = []
    for r in sorted(rows, key=lambda r: (s.cands.programs[r].specialty, -p_match[r])):
        p = s.cands.programs[r]
        out.append(
            PlannedProgram(
                code=p.code,
                institution=p.institution,
                state=p.state,
                specialty=p.specialty,
                track=p.track,
                counts_as=COUNTS_AS[int(s.cands.roles[r])],
                category=category(round(p_int[r], 4)),  # as shown
                p_interview=round(p_int[r], 4),
                p_match=round(p_match[r], 4),
                fee_usd=fees[r],
                signal=signals.get(p.code),
                reasons=reasons_for(s.profile, p, kind, signals.get(p.code), medians),
            )
        )
    return tuple(out)


def _fees(s: Setup, rows: Sequence[int], p_match: Mapping[int, float]) -> dict[int, float | None]:
    """Each application's fee: its position (best first) in its specialty's tiers."""
    if not fees_known(s):
        return dict.fromkeys(rows)
    by_spec: dict[str, list[int]] = {}
    for r in rows:
        by_spec.setdefault(s.cands.programs[r].specialty, []).append(r)
    out: dict[int, float | None] = {}
    for specialty, members in by_spec.items():
        members.sort(key=lambda r: -p_match[r])
        fees = fees_by_position(s.profile.season, len(members), specialty)
        out.update({r: float(f) for r, f in zip(members, fees, strict=True)})
    return out


def _signal_uses(s: Setup, c: Chosen, p_match: float) -> tuple[SignalUse, ...]:
    rows, signals = c.rows, c.signals
    out = []
    for pool, quota in s.cands.quotas.items():
        if not quota.tiers:
            continue
        members = [r for r in rows if s.cands.pools[r] == pool]
        codes = {s.cands.programs[r].code for r in members}
        sent = {code[:4]: tier for code, tier in signals.items() if code in codes}
        others = {c: t for c, t in signals.items() if c not in codes}
        used = Counter(sent.values())
        pairs = zip(s.cands.programs, s.cands.pools, strict=True)
        specs = sorted({p.specialty for p, q in pairs if q == pool})
        out.append(
            SignalUse(
                pool=pool,
                specialties=tuple(specs),
                available=quota.tiers,
                used=tuple((t, used.get(t, 0)) for t, _ in quota.tiers),
                institutions=tuple(sorted(sent.items())),
                p_match_added=p_match - score(s.model, s.cands, rows, others) if sent else 0.0,
                assumed=quota.assumed,
                note=quota.note,
                source=quota.source,
            )
        )
    return tuple(out)


def _marginal(s: Setup, curve: Sequence[BudgetPoint], amount: float) -> tuple[float, str]:
    """Slope of the curve from the plan's spend to the next grid point, per 100 USD or
    program."""
    here = next((p for p in reversed(curve) if p.budget <= amount + 1e-9), None)
    after = next((p for p in curve if p.budget > amount + 1e-9), None)
    step, unit = s.budget.pick(usd=(100.0, "per next 100 USD"), programs=(1.0, "per next program"))
    if here is None or after is None:
        return 0.0, unit
    return (after.p_match - here.p_match) * step / (after.budget - here.budget), unit


def _saturation(s: Setup, curve: Sequence[BudgetPoint]) -> float | None:
    """The smallest budget after which every further step adds less than the threshold."""
    sat = plan_settings().saturation
    step, limit = s.budget.pick(usd=(100.0, sat.pp_per_100_usd), programs=(1.0, sat.pp_per_program))
    slopes = [
        (b.p_match - a.p_match) * 100 * step / (b.budget - a.budget)
        for a, b in zip(curve, curve[1:], strict=False)
    ]
    for i in range(len(slopes)):
        if all(x < limit for x in slopes[i:]):
            return curve[i].budget
    return None


def _notes(s: Setup) -> tuple[str, ...]:
    notes = [
        "P(match) counts a categorical or primary-care match, or an advanced track together "
        "with a PGY-1 (preliminary / transitional) application in the same plan.",
        "A signal goes to a program (one institution's training program in one specialty): "
        "one signal covers every planned track of that program.",
        "The P(match) range covers the chance model's assumptions over their ranges (each "
        "one's effect on this list, added on the logit scale, no random draws); unknown "
        "program facts enter through the specialty priors.",
    ]
    if s.cands.left_out_avoided_state:
        notes.append(
            f"{count(s.cands.left_out_avoided_state, 'track')} in avoided states left out; "
            f"{count(s.cands.kept_unknown_state, 'track')} with no state in the data kept."
        )
    if s.cands.reserved_left_out:
        notes.append(
            f"{s.cands.reserved_left_out} reserved (R) tracks left out: they need prior "
            "residency training."
        )
    if any(q.assumed for q in s.cands.quotas.values() if q.tiers):
        notes.append("Signal counts for this season are assumed (the latest published reused).")
    return tuple(notes)
