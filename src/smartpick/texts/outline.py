"""A fill-in outline for one red flag's explanation, with the profile's own facts in place.

It never writes prose for the applicant (ERAS expects their own words): each part lists the
facts from the profile and a ``[write: ...]`` prompt for what only the applicant can say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..audit import RedFlag, audit
from ..profile import EXAM_NAMES, Profile
from ..profile.facts import last_clinical_end, months_since_clinical
from ..results import count
from ..specialties import spoken_name
from .event import (
    event_date,
    flag_gaps,
    later_results,
    open_prompts,
    what_happened,
)
from .fixes import part_fix
from .layout import structure_for
from .review import check_flag
from .rules import load_rules


@dataclass(frozen=True)
class OutlinePart:
    id: str
    label: str
    facts: tuple[str, ...]  # from the profile, to use as they are
    prompt: str  # what the applicant must write, in their own words


@dataclass(frozen=True)
class Outline:
    flag: str
    fired: bool  # whether the audit found this flag in the profile
    where: tuple[str, ...]
    length: str
    evidence: tuple[str, ...]
    parts: tuple[OutlinePart, ...]
    note: str = "An outline, not a text: write every [write: ...] part in your own words."


def _d(value: dt.date | None) -> str:
    return f"{value.year:04d}-{value.month:02d}" if value else "ongoing"


def _period(start: dt.date, end: dt.date, months: int) -> str:
    span = _d(start) if _d(start) == _d(end) else f"{_d(start)} to {_d(end)}"
    return f"{span} ({months} month{'' if months == 1 else 's'})"


def _gap_facts(profile: Profile, flag: str) -> list[str]:
    """The gaps the audit reads (each kind from its flag's threshold: a one-month gap between
    graduation and a residency is none), only the flag's own kind for a gap flag."""
    facts = [
        f"{g.kind} period {_period(g.start, g.end, g.months)}"
        + (f", covered only by {', '.join(g.covered_by)}" if g.covered_by else "")
        for g in flag_gaps(profile, flag)
    ]
    return facts + [f"graduation {_d(profile.medical_school.graduation)}"]


def _last_clinical(profile: Profile, flag: str) -> list[str]:
    """For stale clinical activity: when the last clinical work ended, and how long before
    the application."""
    end = last_clinical_end(profile) if flag == "stale-clinical-activity" else None
    months = months_since_clinical(profile)
    if end is None or months is None:
        return []
    return [
        f"last clinical work ended {_d(end)}, {count(round(months), 'month')} before the "
        f"application date {_d(profile.application_date)}"
    ]


def _experience_facts(
    profile: Profile, kinds: set[str] | None = None, after: dt.date | None = None
) -> list[str]:
    return [
        f"{e.kind} {_d(e.start)} to {_d(e.end)}"
        + "".join(
            f", {x}" for x in (e.title, e.specialty and spoken_name(e.specialty), e.country) if x
        )
        + (f", left because: {e.left_because}" if e.left_because else "")
        for e in sorted(profile.experiences, key=lambda e: e.start)
        if (kinds is None or e.kind in kinds) and (after is None or (e.end or e.start) >= after)
    ]


def _counted(n: int | None, noun: str) -> str:
    """``3 applications``, ``1 interview``; ``? applications`` where the file does not say."""
    return f"? {noun}s" if n is None else count(n, noun)


def _flag_facts(profile: Profile, flag: str) -> dict[str, list[str]]:
    """Profile facts for each part id of the flag's structure, filtered to the flag's event."""
    event = event_date(profile, flag)
    cycles = [
        f"{c.season} {spoken_name(c.specialty)}: {_counted(c.applications, 'application')}, "
        f"{_counted(c.interviews, 'interview')}"
        for c in profile.previous_cycles
    ]
    recent = _experience_facts(profile, {"clinical", "observership", "research", "teaching"}, event)
    return {
        "what-happened": what_happened(profile, flag),
        "evidence": later_results(profile, event) + recent[-3:],
        "changed": recent[-3:],
        "timeframe": _last_clinical(profile, flag) + _gap_facts(profile, flag),
        "activity": _during_gaps(profile, flag),
        "reason": [e for e in _experience_facts(profile) if e.split()[0] in _NON_CLINICAL],
        "last-cycle": cycles,
        "what-changed": _since_last_cycle(profile),
        "honest-reason": _experience_facts(profile, {"residency"}),
        "engagement": recent,
    }


_NON_CLINICAL = {"exam-prep", "caregiving", "health", "other", "military"}


def _during_gaps(profile: Profile, flag: str) -> list[str]:
    """Entries that overlap a gap the flag reads (what kept the applicant connected)."""
    gaps = flag_gaps(profile, flag)
    chosen = [
        e
        for e in profile.experiences
        if e.kind not in _NON_CLINICAL
        and any(e.start <= g.end and (e.end is None or e.end >= g.start) for g in gaps)
    ]
    if gaps and not chosen:
        return ["no clinical, research or teaching entry in your timeline during the gap"]
    return _facts_of(profile, chosen)


def _facts_of(profile: Profile, chosen: list) -> list[str]:
    ids = {id(e) for e in chosen}
    ordered = sorted(profile.experiences, key=lambda e: e.start)
    facts = _experience_facts(profile)
    return [f for e, f in zip(ordered, facts, strict=True) if id(e) in ids]


def _since_last_cycle(profile: Profile) -> list[str]:
    """Entries and exams after the last unmatched cycle's application date."""
    cycles = [c.season for c in profile.previous_cycles if not c.matched]
    if not cycles:
        return []
    cutoff = dt.date(max(cycles) - 1, 9, 1)
    new = [e for e in profile.experiences if e.end is None or e.end >= cutoff]
    exams = [
        f"{EXAM_NAMES.get(x.exam, x.exam)} {_d(x.date)} " + (x.result or str(x.score))
        for x in profile.exams
        if x.date >= cutoff
    ]
    return _facts_of(profile, new) + exams


def build_outline(profile: Profile, flag: str) -> Outline:
    """The outline for ``flag``'s explanation, filled with this profile's facts."""
    check_flag(flag)
    rules = load_rules()
    found: RedFlag | None = next((f for f in audit(profile).red_flags if f.id == flag), None)
    name = structure_for("additional-info", flag, rules)
    facts = _flag_facts(profile, flag)
    extra = open_prompts(profile, flag)
    parts: tuple[OutlinePart, ...]
    if name is None:
        prompt = "[write: the fact in one neutral sentence, then what you have done about it]"
        evidence = tuple(found.evidence) if found else ()
        parts = (OutlinePart("statement", "what the committee should know", evidence, prompt),)
    else:
        parts = tuple(
            OutlinePart(
                p.id,
                p.label,
                tuple(facts.get(p.id, [])),
                extra.get(p.id, f"[write: {part_fix(p.id, p.fix, flag, rules)}]"),
            )
            for p in rules.rules.structures[name].parts
            if not (p.only_if or p.only_if_findings)  # owed only where a text tells of it
        )
    info = rules.rules.kinds.additional_info
    return Outline(
        flag=flag,
        fired=found is not None,
        where=found.where_to_address if found else (),
        length=f"ERAS Additional Information: {info.min_sentences} to {info.max_sentences} "
        f"sentences ({info.min_sentences} to {info.max_sentences_exam} for an exam failure); "
        "personal statement: 2 to 3 sentences, not in the opening (practitioner rule of thumb).",
        evidence=found.evidence if found else (),
        parts=parts,
    )
