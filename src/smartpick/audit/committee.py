"""The committee view: the rank-meeting row and a label (strong / borderline / do-not-rank).

The composite uses the practitioner weights in ``data/committee.yaml``; the label is
capped by stacking rules, quiet filters (a strong advocate can carry a file past them,
and the reasons say so) and hard filters (nothing carries a file past them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from ..datafiles import load_yaml
from ..errors import DataFileError
from ..profile import Profile, facts
from ..profile.checks import USMLE_ATTEMPT_LIMIT
from ..results import percent
from ..specialties import get_specialty, spoken_name
from .model import RedFlag, Stack
from .rules import overall_severity
from .thresholds import step2ck_band

LABELS = ("do-not-rank", "borderline", "strong")  # worst to best


@dataclass(frozen=True)
class CommitteeRow:
    """What the rank meeting's spreadsheet shows for the applicant."""

    country: str
    citizenship: str
    step1: str
    step2ck: str
    step3: str
    yog: int
    years_since_graduation: float
    visa: str
    interview: str
    flags: tuple[str, ...]  # coded: id(severity)


@dataclass(frozen=True)
class CommitteeView:
    specialty: str
    label: str
    reasons: tuple[str, ...]
    row: CommitteeRow
    composite: float
    components: Mapping[str, float]
    hard_filters: tuple[str, ...]
    quiet_filters: tuple[str, ...]
    advocate: str | None
    weights_basis: str = "practitioner (weights); assumed (components and label cut-offs)"
    p_match: float | None = None  # the chance model's, when the label follows it


@lru_cache(maxsize=1)
def committee_rules() -> dict[str, Any]:
    data = load_yaml("committee.yaml")
    weights = data["weights"]
    total = sum(weights[k] for k in ("usmle", "usce_letters", "interview", "red_flags", "advocacy"))
    if total != 100:
        raise DataFileError("data/committee.yaml: the weights must add up to 100")
    return data


def committee_view(
    profile: Profile, specialty: str, flags: tuple[RedFlag, ...], stacks: tuple[Stack, ...]
) -> CommitteeView:
    """The row and label a program in ``specialty`` would give this file."""
    rules = committee_rules()
    advocate = advocate_for(profile, specialty)
    components = _components(profile, specialty, flags, advocate)
    composite = round(sum(rules["weights"][k] * v for k, v in components.items()), 1)
    label, reasons = _label(profile, composite, flags, stacks, advocate)
    return CommitteeView(
        specialty=specialty,
        label=label,
        reasons=tuple(reasons),
        row=committee_row(profile, flags),
        composite=composite,
        components=MappingProxyType(components),
        hard_filters=tuple(hard_filters(profile)),
        quiet_filters=tuple(_quiet(flags)),
        advocate=advocate,
    )


def advocate_for(profile: Profile, specialty: str) -> str | None:
    """The strongest advocate at a program of this specialty (NRMP code digits 5-7).

    A program given by name rather than code counts for the primary target only."""
    code = get_specialty(specialty).nrmp_code
    found = [
        a.strength
        for a in profile.advocates
        if (len(a.program) == 9 and a.program[4:7] == code)
        or (len(a.program) != 9 and specialty == profile.targets.primary)
    ]
    return "strong" if "strong" in found else ("lukewarm" if found else None)


def _components(
    profile: Profile, specialty: str, flags: tuple[RedFlag, ...], advocate: str | None
) -> dict[str, float]:
    c = committee_rules()["components"]
    letters = facts.letters_summary(profile)
    hands_on = facts.us_clinical_months(profile).hands_on
    usce = 0.5 * min(hands_on / c["hands_on_months_full"], 1.0)
    usce += 0.5 * min(letters.strong_us / c["strong_us_letters_full"], 1.0)
    return {
        "usmle": round(usmle_component(profile, specialty), 3),
        "usce_letters": round(usce, 3),
        "interview": float(c["interview"][profile.interview_skill]),
        "red_flags": round(1.0 - overall_severity([f.severity for f in flags]) / 100.0, 3),
        "advocacy": float(c["advocacy"][advocate or "none"]),
    }


def usmle_component(profile: Profile, specialty: str) -> float:
    """0-1: the latest Step 2 CK against the specialty's band, less a share per failure."""
    c = committee_rules()["components"]
    history = facts.exam_histories(profile).get("step2ck")
    score = history.latest_score if history else None
    if score is None:
        return 0.0
    band = step2ck_band(specialty)
    if band is None:
        base = next(v for cut, v in c["usmle_practitioner_bars"] if score < cut)
    else:
        edges = [(band.q1, "below_q1"), (band.median, "q1_to_median"), (band.q3, "median_to_q3")]
        key = next((k for edge, k in edges if score < edge), "above_q3")
        base = c["usmle_by_band"][key]
    return max(0.0, base - c["usmle_per_failure"] * facts.total_failures(profile))


def hard_filters(profile: Profile) -> list[str]:
    found = []
    histories = facts.exam_histories(profile).values()
    if any(not h.passed and h.attempts >= USMLE_ATTEMPT_LIMIT for h in histories):
        found.append("attempts-exhausted")
    if (
        profile.citizenship == "non-us"
        and profile.visa == "h1b"
        and not facts.step3_passed(profile)
    ):
        found.append("h1b-without-step3")
    return found


def _quiet(flags: tuple[RedFlag, ...]) -> list[str]:
    quiet = set(committee_rules()["quiet_filter_flags"])
    return [f.id for f in flags if f.id in quiet]


def _label(
    profile: Profile,
    composite: float,
    flags: tuple[RedFlag, ...],
    stacks: tuple[Stack, ...],
    advocate: str | None,
) -> tuple[str, list[str]]:
    cuts = committee_rules()["labels"]
    label = "strong" if composite >= cuts["strong"] else "borderline"
    if composite < cuts["borderline"]:
        label = "do-not-rank"
    reasons = [
        f"composite {composite:g}/100 reads {label} (strong from {cuts['strong']}, "
        f"borderline from {cuts['borderline']}; assumed cut-offs)"
    ]
    label = _apply_caps(profile, label, flags, stacks, advocate, reasons)
    if advocate is None and label != "strong":
        reasons.append("no advocate: with a red flag the room's default is to move on")
    return label, reasons


def model_label(p_match: float) -> str:
    """The label the chance model's P(match) for the specialty reads (cut-offs: committee.yaml)."""
    cuts = committee_rules()["model_labels"]
    if p_match >= cuts["strong"]["value"]:
        return "strong"
    return "borderline" if p_match >= cuts["borderline"]["value"] else "do-not-rank"


def label_from_chances(view: CommitteeView, p_match: float) -> CommitteeView:
    """The view with its label set by the model's P(match) for the specialty, so label and
    number cannot contradict; the composite's reading, if different, stays in the reasons."""
    label = model_label(p_match)
    cuts = committee_rules()["model_labels"]
    reasons = [
        f"the chance model gives {percent(p_match)} P(match) in {spoken_name(view.specialty)} "
        f"(every program of it): reads {label} (strong from {cuts['strong']['value']:.0%}, "
        f"borderline from {cuts['borderline']['value']:.0%}; assumed cut-offs)",
        *view.reasons,
    ]
    if label != view.label:
        reasons.append(
            f"the composite and its caps alone read {view.label}; the label follows the "
            "chance model, which weighs the same file against each program's published rates"
        )
    return replace(view, label=label, reasons=tuple(reasons), p_match=p_match)


def _cap(label: str, cap: str) -> str:
    return min(label, cap, key=LABELS.index)


def _apply_caps(
    profile: Profile,
    label: str,
    flags: tuple[RedFlag, ...],
    stacks: tuple[Stack, ...],
    advocate: str | None,
    reasons: list[str],
) -> str:
    """Cap the label: stacks, then quiet filters, then hard filters (reasons for each)."""
    label = _stack_caps(label, stacks, advocate, reasons)
    label = _quiet_caps(label, _quiet(flags), advocate, reasons)
    for filter_id in hard_filters(profile):
        reason = committee_rules()["hard_filters"][filter_id]["reason"]
        reasons.append(
            f"hard filter {filter_id}: {reason}; no advocate or letter can carry the file past it"
        )
        label = "do-not-rank"
    return label


def _stack_caps(
    label: str, stacks: tuple[Stack, ...], advocate: str | None, reasons: list[str]
) -> str:
    for stack in stacks:
        if stack.cap is None:
            continue
        cap = stack.cap
        if cap == "do-not-rank" and advocate == "strong":
            cap = "borderline"
            reasons.append(
                f"stack {stack.id}: do-not-rank lifted to borderline by a strong advocate"
            )
        else:
            reasons.append(f"stack {stack.id}: at most {cap} ({stack.reason})")
        label = _cap(label, cap)
    return label


def _quiet_caps(label: str, quiet: list[str], advocate: str | None, reasons: list[str]) -> str:
    if not quiet:
        return label
    names = ", ".join(quiet)
    if advocate == "strong":
        reasons.append(
            f"passes the quiet filters ({names}) only through a strong advocate at the "
            "program; elsewhere the file is often screened out"
        )
        return label
    reasons.append(
        f"quiet filters ({names}): screened out at many programs before a person reads "
        "the file; at most borderline"
    )
    return _cap(label, "borderline")


def _score_text(history: facts.ExamHistory | None) -> str:
    if history is None:
        return "none"
    shown = [
        str(s) if s is not None else r for s, r in zip(history.scores, history.results, strict=True)
    ]
    return ", ".join(shown)


def committee_row(profile: Profile, flags: tuple[RedFlag, ...]) -> CommitteeRow:
    exams = facts.exam_histories(profile)
    return CommitteeRow(
        country=profile.medical_school.country,
        citizenship=profile.citizenship,
        step1=_score_text(exams.get("step1")),
        step2ck=_score_text(exams.get("step2ck")),
        step3=_score_text(exams.get("step3")),
        yog=profile.medical_school.graduation.year,
        years_since_graduation=round(facts.years_since_graduation(profile), 1),
        visa=profile.visa or ("not stated" if profile.citizenship == "non-us" else "none"),
        interview=profile.interview_skill,
        flags=tuple(f"{f.id}({f.severity})" for f in flags),
    )
