"""What-if: improvement actions as profile patches, re-planned at the same budget.

Each action is a patch (a list of ``set`` / ``add`` operations on the profile's fields,
printed with ``--json`` so it can be applied by hand), an effort in months (assumed,
with a range: ``data/whatif.yaml``) and a cost where the shipped data has one. Every
action is re-planned with the same budget and ranked by gain in P(match) per month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..audit import flags_for
from ..budget import Budget, BudgetUnit
from ..chances import ChanceModel
from ..chances.adapter import MODELLED_FLAGS, applicant_from_profile
from ..chances.params import load_assumptions
from ..chances.screening import usce_component
from ..citations import MAIN_MATCH_NOTE
from ..datafiles import load_yaml
from ..errors import DataFileError, ProfileError
from ..profile import Profile, check_profile, facts, from_validation_error
from ..results import count
from ..specialties import spoken_name
from .build import target_specialties
from .engine import Chosen, Setup, chosen, plan_totals, resolve_budget, setup, walk
from .search import State


class _Effort(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: float
    low: float
    high: float


class _ActionSpec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    name: str  # a short plain name, for the actions that do not apply
    effort_months: _Effort
    cost_note: str
    reasoning: str
    months: int | None = None
    candidates: tuple[str, ...] = ()


class _WhatIfFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str
    min_effort_months: float
    actions: dict[str, _ActionSpec]


@lru_cache(maxsize=1)
def whatif_settings() -> _WhatIfFile:
    try:
        return _WhatIfFile.model_validate(load_yaml("whatif.yaml"))
    except ValidationError as exc:
        raise DataFileError(f"data/whatif.yaml is invalid: {exc}") from exc


@dataclass(frozen=True)
class PatchOp:
    op: str  # "set" a field | "add" an item to a list
    path: str  # dotted field path, e.g. "visa", "experiences", "targets.backups"
    value: Any


@dataclass(frozen=True)
class Action:
    id: str
    title: str
    effort_months: float
    effort_low: float
    effort_high: float
    effort_label: str
    cost_usd: float | None
    cost_note: str
    note: str
    patch: tuple[PatchOp, ...]


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


def apply_patch(profile: Profile, patch: tuple[PatchOp, ...]) -> Profile:
    """The profile with the patch applied, validated exactly like a loaded file (the same
    field and cross-field checks, errors with the field's path and a hint; letter texts kept).
    """
    data = profile.model_dump(mode="json", exclude_none=True)
    for op in patch:
        *parents, last = op.path.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        if op.op == "set":
            node[last] = op.value
        else:
            node.setdefault(last, []).append(op.value)
    try:
        patched = Profile.model_validate(data)
        check_profile(patched)
    except ValidationError as exc:
        raise _patch_error(from_validation_error(exc, Profile)) from None
    except ProfileError as exc:
        raise _patch_error(exc) from None
    for old, new in zip(profile.letters, patched.letters, strict=False):
        new._text = old._text
    return patched


def _patch_error(exc: ProfileError) -> ProfileError:
    """The same error, said to come from the what-if patch (the file itself is valid)."""
    return type(exc)(
        f"after the what-if patch: {exc.message}",
        path=exc.path or "profile",
        hint=exc.hint or "check the values the action changes in your profile",
    )


def _action(action_id: str, patch: list[PatchOp], note: str = "", **target: str) -> Action:
    """The action, its title naming its ``target`` (the specialty, program, period...)."""
    spec = whatif_settings().actions[action_id]
    e = spec.effort_months
    return Action(
        id=action_id,
        title=spec.title.format(**target),
        effort_months=e.value,
        effort_low=e.low,
        effort_high=e.high,
        effort_label="assumed",
        cost_usd=None,
        cost_note=spec.cost_note,
        note=note or spec.reasoning,
        patch=tuple(patch),
    )


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _months_before_application(profile: Profile, months: int) -> tuple[str, str]:
    """The ``months`` months that end just before the season's application date."""
    end = facts.month_index(facts.application_date(profile)) - 1
    start = facts.month_date(end - months + 1)
    stop = facts.month_date(end)
    return _ym(start.year, start.month), _ym(stop.year, stop.month)


def step3(profile: Profile, _best: object) -> Action | str:
    if facts.step3_passed(profile):
        return "Step 3 already passed"
    hist = facts.exam_histories(profile).get("step2ck")
    score = None if hist is None else hist.latest_score
    last, _ = _months_before_application(profile, 1)
    today = dt.date.today()
    date = min(last, _ym(today.year, today.month))  # an exam result cannot be in the future
    exam: dict[str, Any] = {"exam": "step3", "result": "pass", "date": date}
    if score is not None:
        exam["score"] = int(score)
    return _action("step3", [PatchOp("add", "exams", exam)])


def us_experience(profile: Profile, _best: object) -> Action | str:
    spec = whatif_settings().actions["us-experience"]
    start, end = _months_before_application(profile, spec.months or 3)
    primary = profile.targets.primary
    exp = {
        "kind": "clinical",
        "setting": "hands-on",
        "specialty": primary,
        "country": "US",
        "start": start,
        "end": end,
        "title": "US clinical experience (what-if)",
    }
    letter = {
        "writer_specialty": primary,
        "country": "US",
        "relationship": "supervised",
        "strength": "strong",
    }
    action = _action(
        "us-experience",
        [PatchOp("add", "experiences", exp), PatchOp("add", "letters", letter)],
        specialty=spoken_name(primary),
    )
    return _already_counted(profile) if _adds_nothing(profile, action) else action


def _adds_nothing(profile: Profile, action: Action) -> bool:
    """Whether the chance model reads the patched file as it reads the file: the US
    experience and letters already count in full and no flag changes."""
    try:
        after = apply_patch(profile, action.patch)
    except ProfileError:
        return False  # said by ``applicable``, with the reason
    a = load_assumptions()

    def view(p: Profile) -> tuple[float, float]:
        app = applicant_from_profile(p)
        usce = usce_component(
            app.hands_on_months, app.observership_months, app.strong_us_letters, a
        )
        return float(usce), app.other_flag_severity

    return view(after) == view(profile)


def _already_counted(profile: Profile) -> str:
    a = load_assumptions()
    months = facts.us_clinical_months(profile).hands_on
    letters = facts.letters_summary(profile).strong_us
    return (
        f"the file already has {count(months, 'month')} of hands-on US clinical work and "
        f"{count(letters, 'strong US letter')}, all the model counts (assumed: "
        f"{a.get('usce_full_months'):g} months, {a.get('strong_letters_full'):g} letters)"
    )


def advocate(profile: Profile, best: tuple[str, str] | None) -> Action | str:
    if best is None:
        return "no program in the plan to gain an advocate at"
    code, institution = best
    return _action(
        "advocate",
        [PatchOp("add", "advocates", {"program": code, "strength": "strong"})],
        program=institution,
        code=code,
        specialty=spoken_name(profile.targets.primary),
    )


def explain_gap(profile: Profile, _best: object) -> Action | str:
    gaps = [g for g in facts.timeline_gaps(profile) if g.kind == "uncovered" and g.months >= 3]
    if not gaps:
        return "no unexplained gap of 3 months or more"
    gap = max(gaps, key=lambda g: g.months)
    entry = {
        "kind": "other",
        "start": _ym(gap.start.year, gap.start.month),
        "end": _ym(gap.end.year, gap.end.month),
        "title": "Reason for this period (write it in your own words)",
    }
    return _action(
        "explain-gap",
        [PatchOp("add", "experiences", entry)],
        start=entry["start"],
        end=entry["end"],
    )


def j1(profile: Profile, _best: object) -> Action | str:
    if profile.visa != "h1b":
        return "the profile does not need an H-1B"
    note = (
        "A J-1 physician is subject to the two-year home-country physical presence requirement "
        "(INA 212(e)) unless waived (ECFMG, Exchange Visitor Sponsorship Program regulations)."
    )
    return _action("j1", [PatchOp("set", "visa", "j1")], note)


def backup(profile: Profile, _best: object) -> Action | str:
    """The first listed backup specialty the file shows exposure to (experience or a letter),
    else the first listed, said to have none."""
    taken = {profile.targets.primary, *profile.targets.backups}
    spec = whatif_settings().actions["backup"]
    open_ = [s for s in spec.candidates if s not in taken]
    if not open_:
        return "every listed backup specialty is already a target"
    seen = _exposure(profile)
    choice = next((s for s in open_ if s in seen), open_[0])
    note = spec.reasoning
    if choice not in seen:
        note += (
            f" The file shows no {spoken_name(choice)} experience or letter: programs will ask why "
            f"{spoken_name(choice)}, so a rotation or a letter in it comes with this choice."
        )
    return _action(
        "backup", [PatchOp("add", "targets.backups", choice)], note, specialty=spoken_name(choice)
    )


def _exposure(profile: Profile) -> set[str]:
    """Specialties the file's experiences and letters show."""
    areas = {e.specialty for e in profile.experiences if e.specialty}
    return areas | {x.writer_specialty for x in profile.letters if x.writer_specialty}


def next_season(profile: Profile, _best: object) -> Action | str:
    months = whatif_settings().actions["next-season"].months or 12
    later = profile.model_copy(update={"season": profile.season + 1})
    start, end = _months_before_application(later, months)
    exp = {
        "kind": "clinical",
        "setting": "hands-on",
        "specialty": profile.targets.primary,
        "country": "US",
        "start": start,
        "end": end,
        "title": "US clinical work (what-if)",
    }
    patch = [PatchOp("set", "season", profile.season + 1), PatchOp("add", "experiences", exp)]
    return _action(
        "next-season",
        patch,
        season=str(profile.season + 1),
        specialty=spoken_name(profile.targets.primary),
    )


ACTIONS: tuple[Callable[[Profile, tuple[str, str] | None], Action | str], ...] = (
    step3,
    us_experience,
    advocate,
    explain_gap,
    j1,
    backup,
    next_season,
)


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
