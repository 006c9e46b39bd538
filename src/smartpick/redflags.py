"""The red-flag audit: rules from ``data/red_flags.yaml`` applied to a profile.

``audit(profile, specialty=None) -> Audit`` runs every rule for one target specialty
(default: the primary target), applies the stacking rules, orders the findings
(largest, most objective first) and adds the committee view of every target.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .datafiles import load_yaml
from .errors import DataFileError
from .profile import Profile
from .specialties import get_specialty

if TYPE_CHECKING:
    from .committee import CommitteeView

MAIN_MATCH_NOTE = (
    "Covers the NRMP Main Match only; SOAP (unfilled positions in Match week) is a separate "
    "chance, not modelled here."
)
CHARTING_OUTCOMES_CITATION = (
    "NRMP, Charting Outcomes: Characteristics of Non-U.S. IMGs Who Matched to Their Preferred "
    "Specialty, 2026 Main Residency Match (data (c) NRMP, used with citation)"
)
DOMAIN_CITATION = "Practitioner rules of thumb (smartpick domain brief, docs/red-flags.md)"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fixability(_Data):
    value: int = Field(ge=0, le=100)
    basis: Literal["practitioner", "assumed"]
    note: str | None = None


class Severity(_Data):
    base: float = Field(ge=0, le=100)
    per_unit: float = Field(ge=0)
    max: float = Field(ge=0, le=100)


class Threshold(_Data):
    value: float | Literal["q1"]
    unit: str
    basis: Literal["published", "practitioner"]
    source: str
    fallback: float | None = None
    fallback_basis: Literal["published", "practitioner"] | None = None
    fallback_source: str | None = None


class FlagRule(_Data):
    category: Literal[
        "exam",
        "academic",
        "timeline",
        "professionalism",
        "clinical-performance",
        "us-clinical-experience",
        "trajectory",
        "visa-and-fit",
    ]
    objectivity: int = Field(ge=1, le=3)
    fixability: Fixability
    severity: Severity
    threshold: Threshold
    pd_fears: str
    where_to_address: tuple[str, ...]
    counter_evidence: tuple[str, ...]
    interview_questions: tuple[str, ...]
    warning_phrases: tuple[str, ...] = ()


class StackRule(_Data):
    id: str
    all: tuple[str, ...]
    profile: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    add_to: tuple[str, ...]
    add: int = Field(ge=-50, le=50)
    cap: Literal["borderline", "do-not-rank"] | None = None
    basis: Literal["practitioner", "assumed"]
    reason: str


class RuleFile(_Data):
    version: int
    severity_basis: Literal["assumed"]
    overall: dict[str, float]
    where_labels: dict[str, str]
    flags: dict[str, FlagRule]
    stacking: tuple[StackRule, ...]


@dataclass(frozen=True)
class RedFlag:
    """One finding of the audit."""

    id: str
    category: str
    severity: int
    fixability: int
    evidence: tuple[str, ...]
    pd_fears: str
    where_to_address: tuple[str, ...]
    counter_evidence: tuple[str, ...]
    interview_questions: tuple[str, ...]
    basis: str  # of the threshold: published | practitioner
    threshold: str
    stacked_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stack:
    """A stacking rule that fired: flags that together read worse than one by one."""

    id: str
    flags: tuple[str, ...]
    add: int
    cap: str | None
    basis: str
    reason: str


@dataclass(frozen=True)
class Audit:
    specialty: str
    season: int
    red_flags: tuple[RedFlag, ...]
    stacks: tuple[Stack, ...]
    overall_severity: int
    committee: CommitteeView
    other_targets: tuple[CommitteeView, ...]
    covers: str = MAIN_MATCH_NOTE
    sources: tuple[str, ...] = (CHARTING_OUTCOMES_CITATION, DOMAIN_CITATION)

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.red_flags)


@lru_cache(maxsize=1)
def load_rules() -> RuleFile:
    """The validated rule file (``data/red_flags.yaml``)."""
    try:
        rules = RuleFile.model_validate(load_yaml("red_flags.yaml"))
    except ValidationError as exc:
        raise DataFileError(f"data/red_flags.yaml is invalid: {exc}") from exc
    _check_references(rules)
    return rules


def _check_references(rules: RuleFile) -> None:
    for flag_id, rule in rules.flags.items():
        unknown = set(rule.where_to_address) - set(rules.where_labels)
        if unknown:
            raise DataFileError(f"data/red_flags.yaml: {flag_id} names unknown places {unknown}")
    for stack in rules.stacking:
        if not set(stack.all) | set(stack.add_to) <= set(rules.flags):
            raise DataFileError(f"data/red_flags.yaml: stacking rule {stack.id} names no flag")


def flag_ids() -> tuple[str, ...]:
    """Every red-flag id, in the rule file's order."""
    return tuple(load_rules().flags)


def flag_severity(rule: FlagRule, units: float) -> int:
    """base + per_unit x units, capped at the rule's max, within 0-100."""
    raw = rule.severity.base + rule.severity.per_unit * max(units, 0.0)
    return int(round(min(rule.severity.max, raw, 100.0)))


def overall_severity(severities: list[int]) -> int:
    """The largest severity + rest_weight x the sum of the others, capped at 100 (assumed)."""
    if not severities:
        return 0
    ordered = sorted(severities, reverse=True)
    rest = load_rules().overall["rest_weight"] * sum(ordered[1:])
    return int(round(min(100.0, ordered[0] + rest)))


def detect_flags(profile: Profile, specialty: str) -> list[RedFlag]:
    """Every rule's finding for one target specialty, before stacking."""
    from .redflag_rules import DETECTORS, RuleContext

    rules = load_rules()
    context = RuleContext.build(profile, specialty)
    found = []
    for flag_id, rule in rules.flags.items():
        hit = DETECTORS[flag_id](context, rule)
        if hit is not None:
            found.append(_finding(flag_id, rule, hit.units, hit.evidence, hit.threshold))
    return found


def _finding(
    flag_id: str, rule: FlagRule, units: float, evidence: tuple[str, ...], threshold: str | None
) -> RedFlag:
    t = rule.threshold
    return RedFlag(
        id=flag_id,
        category=rule.category,
        severity=flag_severity(rule, units),
        fixability=rule.fixability.value,
        evidence=evidence,
        pd_fears=rule.pd_fears,
        where_to_address=rule.where_to_address,
        counter_evidence=rule.counter_evidence,
        interview_questions=rule.interview_questions,
        basis=t.basis,
        threshold=threshold or f"{t.value:g} {t.unit} ({t.basis}: {t.source})",
    )


def apply_stacking(profile: Profile, flags: list[RedFlag]) -> tuple[list[RedFlag], list[Stack]]:
    """Raise (or, for overlaps, lower) severities where the stacking rules say so."""
    present = {flag.id for flag in flags}
    fired = [s for s in load_rules().stacking if _stack_applies(s, present, profile)]
    updated = []
    for flag in flags:
        mine = [s for s in fired if flag.id in s.add_to]
        if mine:
            severity = max(0, min(100, flag.severity + sum(s.add for s in mine)))
            flag = replace(flag, severity=severity, stacked_by=tuple(s.id for s in mine))
        updated.append(flag)
    stacks = [Stack(s.id, s.all, s.add, s.cap, s.basis, s.reason) for s in fired]
    return updated, stacks


def _stack_applies(stack: StackRule, present: set[str], profile: Profile) -> bool:
    if not set(stack.all) <= present:
        return False
    return all(str(getattr(profile, key)) in values for key, values in stack.profile.items())


def order_flags(flags: list[RedFlag]) -> tuple[RedFlag, ...]:
    """Largest first; on equal severity the more objective (scores, dates) first."""
    rules = load_rules().flags
    return tuple(sorted(flags, key=lambda f: (-f.severity, rules[f.id].objectivity, f.id)))


def flags_for(profile: Profile, specialty: str) -> tuple[tuple[RedFlag, ...], tuple[Stack, ...]]:
    """Ordered, stacked findings for one specialty."""
    flags, stacks = apply_stacking(profile, detect_flags(profile, specialty))
    return order_flags(flags), tuple(stacks)


def audit(profile: Profile, specialty: str | None = None) -> Audit:
    """The red-flag audit and committee view for ``specialty`` (default: the primary target)."""
    from .committee import committee_view

    target = specialty or profile.targets.primary
    get_specialty(target, path="specialty")
    flags, stacks = flags_for(profile, target)
    others = [s for s in _targets(profile) if s != target]
    return Audit(
        specialty=target,
        season=profile.season,
        red_flags=flags,
        stacks=stacks,
        overall_severity=overall_severity([f.severity for f in flags]),
        committee=committee_view(profile, target, flags, stacks),
        other_targets=tuple(committee_view(profile, s, *flags_for(profile, s)) for s in others),
    )


def _targets(profile: Profile) -> list[str]:
    seen: list[str] = []
    for s in [profile.targets.primary, *profile.targets.backups]:
        if s not in seen:
            seen.append(s)
    return seen
