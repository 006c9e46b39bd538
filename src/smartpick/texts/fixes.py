"""Fixes built from the text and the profile, never an example from another red flag.

Each finding's fix quotes its sentence; each fix is worded for the flag's kind of event
(``fixes`` in ``data/text_rules.yaml``: "the exam", "the incident", "leaving the program");
with a profile, the evidence fix names what the file has after the event, or says that the
file has no such result yet. The tool proposes what to say; it never writes the sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from ..profile.facts import exam_histories
from .event import EXAM_FLAGS, INCIDENT_FLAGS, SCORE_FLAGS, event_date, later_results
from .model import Finding, StructurePart
from .rules import CompiledRules

if TYPE_CHECKING:
    from ..profile import Profile

QUOTE_WORDS = 10


def _quote(text: str) -> str:
    words = text.split()
    return " ".join(words[:QUOTE_WORDS]) + ("…" if len(words) > QUOTE_WORDS else "")


def _event_words(flag: str | None, rules: CompiledRules) -> tuple[str, dict[str, str]]:
    fixes = rules.rules.fixes
    family = fixes.family_of(flag)
    return (family.event, family.parts) if family else (fixes.default_event, {})


def tailor_findings(
    findings: list[Finding], flag: str | None, rules: CompiledRules
) -> list[Finding]:
    """Each finding's fix worded for ``flag`` and quoting its sentence."""
    event, _ = _event_words(flag, rules)
    return [replace(f, fix=_quoted(f, f.fix.replace("{event}", event))) for f in findings]


def tailor_parts(
    parts: tuple[StructurePart, ...],
    flag: str | None,
    profile: Profile | None,
    rules: CompiledRules,
) -> tuple[StructurePart, ...]:
    """Each part's fix worded for ``flag``; the evidence fix filled from ``profile``."""
    tailored = []
    for part in parts:
        fix = part_fix(part.id, part.fix, flag, rules)
        if part.id == "evidence" and profile is not None and flag is not None:
            fix += _evidence_from_file(profile, flag)
        tailored.append(replace(part, fix=fix))
    return tuple(tailored)


def part_fix(part: str, fix: str, flag: str | None, rules: CompiledRules) -> str:
    """A structure part's fix in ``flag``'s words (its family's own, or the general one with
    the family's event named)."""
    event, own = _event_words(flag, rules)
    return own.get(part, fix).replace("{event}", event)


def _quoted(finding: Finding, fix: str) -> str:
    if finding.quote is None:
        return fix
    return f"In “{_quote(finding.quote)}”: {fix[0].lower()}{fix[1:]}"


def _evidence_from_file(profile: Profile, flag: str) -> str:
    """What the file has after the event, or what to say where it has nothing yet."""
    event = event_date(profile, flag)
    if flag in EXAM_FLAGS | set(SCORE_FLAGS):
        unpassed = [h for h in exam_histories(profile).values() if h.failures and not h.passed]
        later = later_results(profile, event)
        if later:
            return " From your file: " + "; ".join(later) + "."
        if unpassed:
            return " No pass yet: name your next exam date and your NBME practice scores."
        return ""
    if flag in INCIDENT_FLAGS and event is not None:
        since = _clinical_since(profile, event)
        return f" From your file: {since}." if since else ""
    return ""


def _clinical_since(profile: Profile, event: dt.date) -> str:
    entries = [
        e
        for e in profile.experiences
        if e.kind in {"clinical", "residency", "observership"} and e.start >= event
    ]
    return "; ".join(
        f"{e.kind} from {e.start.year:04d}-{e.start.month:02d}"
        + (f" ({e.specialty})" if e.specialty else "")
        for e in entries[:3]
    )
