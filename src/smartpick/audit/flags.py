"""Red flags of one profile for one target specialty: every rule's detector, the stacking
rules, and the order of the findings (largest, most objective first).

``flags_for(profile, specialty)`` is what the chance model needs; ``run.audit`` adds the
committee view of every target.
"""

from __future__ import annotations

from dataclasses import replace

from ..profile import Profile
from .context import RuleContext
from .detectors import detector_for
from .model import RedFlag, Stack
from .rules import FlagRule, StackRule, flag_severity, load_rules


def detect_flags(profile: Profile, specialty: str) -> list[RedFlag]:
    """Every rule's finding for one target specialty, before stacking."""

    rules = load_rules()
    context = RuleContext.build(profile, specialty)
    found = []
    for flag_id, rule in rules.flags.items():
        hit = detector_for(flag_id, rule)(context, rule)
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
