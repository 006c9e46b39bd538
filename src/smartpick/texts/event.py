"""The event a red flag's explanation answers, from the profile: when it happened, what the
file says about it, which later results can serve as evidence, and what is still open.

An outline cites as evidence only what came after the event (a pass before the failure
shows nothing changed), and says so where the file has no such result yet.
"""

from __future__ import annotations

import datetime as dt

from ..audit import load_rules as load_flag_rules
from ..audit.detectors import GAP_KINDS, gaps_read
from ..profile import EXAM_NAMES, Profile
from ..profile.facts import Gap, exam_histories

EXAM_FLAGS = frozenset({"exam-failure", "multiple-attempts", "attempts-near-limit"})
SCORE_FLAGS = {"low-step2ck": "step2ck", "low-step1": "step1"}
INCIDENT_FLAGS = frozenset({"professionalism", "academic-failure", "repeated-year"})


# the audit's flag for each kind of timeline gap
GAP_FLAG_OF_KIND = {kind: flag for flag, kind in GAP_KINDS.items()}


def flag_gaps(profile: Profile, flag: str) -> list[Gap]:
    """The timeline's gaps the audit reads for ``flag`` (a gap flag: its own kind; any other:
    both kinds), each at least its flag's threshold long, in time order."""
    rules = load_flag_rules().flags
    flags = [flag] if flag in GAP_KINDS else list(GAP_KINDS)
    found = [g for f in flags for g in gaps_read(profile, rules[f], GAP_KINDS[f])]
    return sorted(found, key=lambda g: g.start)


def _d(value: dt.date | None) -> str:
    return f"{value.year:04d}-{value.month:02d}" if value else "ongoing"


def event_date(profile: Profile, flag: str) -> dt.date | None:
    """The first failure (exam flags), the low score's date, or the first incident's date."""
    if flag in EXAM_FLAGS:
        return min((x.date for x in profile.exams if not x.passed), default=None)
    if flag in SCORE_FLAGS:
        return min((x.date for x in profile.exams if x.exam == SCORE_FLAGS[flag]), default=None)
    if flag in INCIDENT_FLAGS:
        return min((i.date for i in profile.incidents if i.date), default=None)
    return None


def exam_facts(profile: Profile, only: set[str] | None = None) -> list[str]:
    facts = []
    for exam, history in exam_histories(profile).items():
        if only is not None and exam not in only:
            continue
        attempts = [
            f"{_d(d)} {r}" + (f" {s}" if s is not None else "")
            for d, r, s in zip(history.dates, history.results, history.scores, strict=True)
        ]
        facts.append(f"{EXAM_NAMES.get(exam, exam)}: " + "; ".join(attempts))
    return facts


def _remediated(value: bool | None) -> str:
    if value is None:
        return ""
    return " (remediated)" if value else " (not remediated)"


def incident_facts(profile: Profile) -> list[str]:
    return [
        f"{i.kind} {_d(i.date) if i.date else 'date unknown'}"
        + (f": {i.summary}" if i.summary else "")
        + _remediated(i.remediated)
        for i in profile.incidents
    ]


def what_happened(profile: Profile, flag: str) -> list[str]:
    """The file's facts about the event itself: the failed exam, the low score, the incident."""
    if flag in EXAM_FLAGS:
        failed = {e for e, h in exam_histories(profile).items() if h.failures}
        return exam_facts(profile, failed)
    if flag in SCORE_FLAGS:
        return exam_facts(profile, {SCORE_FLAGS[flag]})
    if flag in INCIDENT_FLAGS:
        return incident_facts(profile)
    return exam_facts(profile) + incident_facts(profile)


def later_results(profile: Profile, event: dt.date | None) -> list[str]:
    """Exams passed (or scored) after the event: the results that can show a change."""
    if event is None:
        return []
    return [
        f"{EXAM_NAMES.get(x.exam, x.exam)} {_d(x.date)} "
        + ("pass" if x.passed else "fail")
        + (f" {x.score}" if x.score is not None else "")
        for x in sorted(profile.exams, key=lambda x: x.date)
        if x.date > event and x.passed
    ]


def open_prompts(profile: Profile, flag: str) -> dict[str, str]:
    """Prompts for what the file shows still open: no pass yet, an incident not remediated."""
    prompts: dict[str, str] = {}
    unpassed = [
        EXAM_NAMES.get(e, e)
        for e, h in exam_histories(profile).items()
        if h.failures and not h.passed
    ]
    if flag in EXAM_FLAGS and unpassed:
        prompts["evidence"] = (
            f"[write: no pass yet ({', '.join(unpassed)}): name your next exam date and your "
            "NBME practice scores, in your own words]"
        )
    open_incidents = [i for i in profile.incidents if i.remediated is False]
    if flag in INCIDENT_FLAGS and open_incidents:
        first = open_incidents[0]
        when = f" ({_d(first.date)})" if first.date else ""
        prompts["changed"] = (
            f"[write: the {first.kind}{when} is not remediated: say what remains to be done, "
            "by when, and what you have already changed]"
        )
    return prompts
