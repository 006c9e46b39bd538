"""The what-if's improvement actions: each a patch on the profile (``set`` / ``add``
operations on its fields), with an effort in months (assumed, with a range:
``data/whatif.yaml``). An action that cannot apply to a file says why in a string.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from ..chances.adapter import applicant_from_profile
from ..chances.params import load_assumptions
from ..chances.screening import usce_component
from ..datafiles import load_validated
from ..errors import ProfileError
from ..profile import Profile, check_profile, facts, from_validation_error
from ..results import count
from ..specialties import spoken_name


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
    return load_validated("whatif.yaml", _WhatIfFile)


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
