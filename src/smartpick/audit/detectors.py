"""One detector per red-flag id: the default triggers of design.md.

A detector returns a :class:`Hit` (units beyond the threshold, the evidence from the
profile) or None. Thresholds come from the rule (``data/red_flags.yaml``); Step 2 CK
bands from the Charting Outcomes distributions (:mod:`smartpick.thresholds`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..profile import EXAM_NAMES, Profile, facts
from ..specialties import get_specialty
from .rules import FlagRule
from .thresholds import step2ck_band

PROFESSIONALISM_KINDS = {"professionalism", "probation", "dismissal", "integrity"}
GRAVE_KINDS = {"dismissal", "integrity"}
ACADEMIC_KINDS = {"course-failure", "clerkship-failure"}
STALE_UNKNOWN_UNITS = 12.0  # no clinical entry at all reads as 24 months without one


@dataclass(frozen=True)
class Hit:
    units: float
    evidence: tuple[str, ...]
    threshold: str | None = None


@dataclass(frozen=True)
class RuleContext:
    profile: Profile
    specialty: str
    exams: dict[str, facts.ExamHistory]
    clinical: facts.ClinicalMonths
    letters: facts.LettersSummary

    @classmethod
    def build(cls, profile: Profile, specialty: str) -> RuleContext:
        return cls(
            profile=profile,
            specialty=specialty,
            exams=facts.exam_histories(profile),
            clinical=facts.us_clinical_months(profile),
            letters=facts.letters_summary(profile),
        )


def plural(count: float, noun: str) -> str:
    """``plural(1, "month")`` -> ``1 month``; ``plural(3, "month")`` -> ``3 months``."""
    return f"{count:g} {noun}" if count == 1 else f"{count:g} {noun}s"


def ym(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def exam_line(history: facts.ExamHistory) -> str:
    """``Step 1: fail 2017-05, pass 2017-11`` (scores shown where given)."""
    parts = []
    for result, date, score in zip(history.results, history.dates, history.scores, strict=True):
        shown = f"{score} ({result})" if score is not None else result
        parts.append(f"{shown} {ym(date)}")
    return f"{EXAM_NAMES[history.exam]}: {', '.join(parts)}"


def _value(rule: FlagRule) -> float:
    value = rule.threshold.value
    return float(value) if not isinstance(value, str) else 0.0


def exam_failure(c: RuleContext, rule: FlagRule) -> Hit | None:
    failed = [h for h in c.exams.values() if h.failures]
    if not failed:
        return None
    return Hit(0, tuple(exam_line(h) for h in failed))


def multiple_attempts(c: RuleContext, rule: FlagRule) -> Hit | None:
    failures = sum(h.failures for h in c.exams.values())
    if failures < _value(rule):
        return None
    lines = tuple(exam_line(h) for h in c.exams.values() if h.failures)
    return Hit(failures - _value(rule), (f"{plural(failures, 'failed attempt')} in total", *lines))


def attempts_near_limit(c: RuleContext, rule: FlagRule) -> Hit | None:
    limit = _value(rule)
    near = [h for h in c.exams.values() if not h.passed and h.attempts >= limit - 1]
    if not near:
        return None
    evidence = tuple(
        f"{EXAM_NAMES[h.exam]}: {plural(h.attempts, 'attempt')}, not passed (limit {limit:g})"
        for h in near
    )
    return Hit(max(h.attempts for h in near) - (limit - 1), evidence)


def low_step2ck(c: RuleContext, rule: FlagRule) -> Hit | None:
    history = c.exams.get("step2ck")
    if history is None or history.latest_score is None:
        return None
    cut, note = step2ck_cut(rule, c.specialty)
    score = history.latest_score
    if score >= cut:
        return None
    where = "practitioner bar" if step2ck_band(c.specialty) is None else "Charting Outcomes 2026 q1"
    text = f"Step 2 CK {score} (latest), {cut - score:g} below {cut:g} ({where})"
    return Hit(cut - score, (text,), note)


def step2ck_cut(rule: FlagRule, specialty: str) -> tuple[float, str]:
    """The lower quartile of matched non-US IMGs, or the practitioner fallback."""
    band = step2ck_band(specialty)
    if band is not None:
        return band.q1, (
            f"lower quartile {band.q1:g} of matched non-US IMGs in {band.specialty} "
            f"(n={band.n}; published: NRMP Charting Outcomes 2026)"
        )
    fallback = rule.threshold.fallback or 0.0
    name = get_specialty(specialty).name
    return fallback, (
        f"{fallback:g} (practitioner: {rule.threshold.fallback_source}); "
        f"Charting Outcomes 2026 has no Step 2 CK band for {name}"
    )


def low_step1(c: RuleContext, rule: FlagRule) -> Hit | None:
    history = c.exams.get("step1")
    if history is None or history.latest_score is None:
        return None
    if history.latest_score >= _value(rule):
        return None
    units = _value(rule) - history.latest_score
    return Hit(units, (f"Step 1 {history.latest_score} (numeric, before 2022-01-26)",))


def no_step2ck(c: RuleContext, rule: FlagRule) -> Hit | None:
    if "step2ck" in c.exams:
        return None
    return Hit(0, ("no Step 2 CK attempt listed",))


def old_graduate(c: RuleContext, rule: FlagRule) -> Hit | None:
    years = facts.years_since_graduation(c.profile)
    if years <= _value(rule):
        return None
    grad = ym(c.profile.medical_school.graduation)
    match = ym(c.profile.match_date)
    return Hit(years - _value(rule), (f"graduated {grad}: {years:.1f} years at the Match {match}",))


def _gaps(c: RuleContext, kind: str, minimum: float) -> list[facts.Gap]:
    return [g for g in facts.timeline_gaps(c.profile) if g.kind == kind and g.months >= minimum]


def unexplained_gap(c: RuleContext, rule: FlagRule) -> Hit | None:
    gaps = _gaps(c, "uncovered", _value(rule))
    if not gaps:
        return None
    longest = max(g.months for g in gaps)
    evidence = tuple(
        f"no entry {ym(g.start)} to {ym(g.end)} ({plural(g.months, 'month')})" for g in gaps
    )
    return Hit(longest - _value(rule), evidence)


def nonclinical_gap(c: RuleContext, rule: FlagRule) -> Hit | None:
    gaps = _gaps(c, "non-clinical", _value(rule))
    if not gaps:
        return None
    longest = max(g.months for g in gaps)
    evidence = tuple(
        f"only {', '.join(g.covered_by)} {ym(g.start)} to {ym(g.end)} ({plural(g.months, 'month')})"
        for g in gaps
    )
    return Hit(longest - _value(rule), evidence)


def stale_clinical_activity(c: RuleContext, rule: FlagRule) -> Hit | None:
    months = facts.months_since_clinical(c.profile)
    app = ym(c.profile.application_date)
    if months is None:
        return Hit(STALE_UNKNOWN_UNITS, ("no clinical or residency entry in the timeline",))
    if months <= _value(rule):
        return None
    return Hit(
        months - _value(rule), (f"last clinical work {plural(months, 'month')} before {app}",)
    )


def academic_failure(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [i for i in c.profile.incidents if i.kind in ACADEMIC_KINDS]
    if not found:
        return None
    open_ = sum(1 for i in found if i.remediated is not True)
    return Hit(len(found) - 1 + open_, tuple(_incident_line(i) for i in found))


def _incident_line(incident) -> str:
    when = f" {ym(incident.date)}" if incident.date else ""
    state = {True: "remediated", False: "not remediated", None: "remediation not stated"}
    return f"{incident.kind}{when}, {state[incident.remediated]}"


def repeated_year(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [i for i in c.profile.incidents if i.kind == "repeated-year"]
    return Hit(len(found) - 1, tuple(_incident_line(i) for i in found)) if found else None


def professionalism(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [i for i in c.profile.incidents if i.kind in PROFESSIONALISM_KINDS]
    if not found:
        return None
    units = len(found) - 1
    units += any(i.kind in GRAVE_KINDS for i in found)
    units += any(i.remediated is not True for i in found)
    return Hit(units, tuple(_incident_line(i) for i in found))


def _residency_line(exp) -> str:
    end = ym(exp.end) if exp.end else "ongoing"
    why = f", left: {exp.left_because}" if exp.left_because else ""
    done = {True: "completed", False: "not completed", None: "completion not stated"}
    return f"{exp.specialty or 'residency'} residency ({exp.country or 'country not stated'}) {ym(exp.start)} to {end}, {done[exp.completed]}{why}"  # noqa: E501


def prior_residency(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [e for e in c.profile.experiences if e.kind == "residency" and e.completed is not True]
    if not found:
        return None
    dismissed = any(e.left_because == "dismissed" for e in found)
    return Hit(float(dismissed), tuple(_residency_line(e) for e in found))


def reapplicant(c: RuleContext, rule: FlagRule) -> Hit | None:
    unmatched = [p for p in c.profile.previous_cycles if not p.matched]
    if not unmatched:
        return None
    evidence = tuple(
        f"{p.season} Match, {p.specialty}: {_count(p.applications, 'application')}, "
        f"{_count(p.interviews, 'interview')}, not matched"
        for p in unmatched
    )
    return Hit(len(unmatched) - _value(rule), evidence)


def _count(value: int | None, noun: str) -> str:
    return f"{noun}s unknown" if value is None else plural(value, noun)


def specialty_switch(c: RuleContext, rule: FlagRule) -> Hit | None:
    evidence = [
        f"residency in {e.specialty} ({ym(e.start)}), target {c.specialty}"
        for e in c.profile.experiences
        if e.kind == "residency" and e.specialty and e.specialty != c.specialty
    ]
    evidence += [
        f"{p.season} Match in {p.specialty}, target {c.specialty}"
        for p in c.profile.previous_cycles
        if p.specialty != c.specialty
    ]
    return Hit(0, tuple(evidence)) if evidence else None


def limited_usce(c: RuleContext, rule: FlagRule) -> Hit | None:
    m = c.clinical
    if m.hands_on >= _value(rule):
        return None
    text = (
        f"{plural(m.hands_on, 'month')} hands-on US clinical, "
        f"{plural(m.observership, 'month')} observership"
    )
    if m.unspecified:
        text += f", {plural(m.unspecified, 'month')} with the setting not stated"
    return Hit(_value(rule) - m.hands_on, (text,))


def no_specialty_exposure(c: RuleContext, rule: FlagRule) -> Hit | None:
    if get_specialty(c.specialty).is_pgy1_only:
        return None  # a preliminary or transitional year has no specialty of its own
    us_kinds = {"clinical", "observership", "research", "residency"}
    exposed = any(
        e.in_us and e.kind in us_kinds and e.specialty == c.specialty for e in c.profile.experiences
    )
    if exposed:
        return None
    return Hit(0, (f"no US clinical or research entry in {c.specialty}",))


def no_us_letters(c: RuleContext, rule: FlagRule) -> Hit | None:
    if c.letters.us > 0:
        return None
    return Hit(0, (f"{plural(c.letters.total, 'letter')} listed, none from a US writer",))


def weak_letters(c: RuleContext, rule: FlagRule) -> Hit | None:
    evidence = []
    if c.letters.strong_us < _value(rule):
        evidence.append(
            f"{plural(c.letters.strong_us, 'strong US letter')} (fewer than {_value(rule):g})"
        )
    warned = _warning_letters(c.profile, rule.warning_phrases)
    evidence += [f"letters[{i}] text contains '{phrase}'" for i, phrase in warned]
    return Hit(len(warned), tuple(evidence)) if evidence else None


def _warning_letters(profile: Profile, phrases: tuple[str, ...]) -> list[tuple[int, str]]:
    found = []
    for i, letter in enumerate(profile.letters):
        text = " ".join((letter.text or "").lower().split())
        hit = next((p for p in phrases if p in text), None)
        if hit:
            found.append((i, hit))
    return found


def visa_sponsorship(c: RuleContext, rule: FlagRule) -> Hit | None:
    if not facts.needs_visa(c.profile):
        return None
    visa = c.profile.visa or "not stated (counted as needed)"
    return Hit(0, (f"citizenship non-us, visa: {visa}",))


def visa_h1b(c: RuleContext, rule: FlagRule) -> Hit | None:
    if c.profile.citizenship != "non-us" or c.profile.visa != "h1b":
        return None
    if facts.step3_passed(c.profile):
        return Hit(0, ("visa: h1b; Step 3 passed",))
    return Hit(1, ("visa: h1b; Step 3 not passed (required before an H-1B can be filed)",))


def english_proficiency(c: RuleContext, rule: FlagRule) -> Hit | None:
    english = c.profile.english
    if english is None or english.result != "fail":
        return None
    when = f" {ym(english.date)}" if english.date else ""
    return Hit(0, (f"{english.test.upper()}: fail{when}",))


def ecfmg_pending(c: RuleContext, rule: FlagRule) -> Hit | None:
    country = c.profile.medical_school.country.strip().upper()
    if country in {"US", "USA", "UNITED STATES"} or c.profile.ecfmg_certified is True:
        return None
    state = "not stated" if c.profile.ecfmg_certified is None else "not certified"
    return Hit(0, (f"school outside the US; ECFMG certification {state}",))


DETECTORS: dict[str, Callable[[RuleContext, FlagRule], Hit | None]] = {
    "exam-failure": exam_failure,
    "multiple-attempts": multiple_attempts,
    "attempts-near-limit": attempts_near_limit,
    "low-step2ck": low_step2ck,
    "low-step1": low_step1,
    "no-step2ck": no_step2ck,
    "old-graduate": old_graduate,
    "unexplained-gap": unexplained_gap,
    "nonclinical-gap": nonclinical_gap,
    "stale-clinical-activity": stale_clinical_activity,
    "academic-failure": academic_failure,
    "repeated-year": repeated_year,
    "professionalism": professionalism,
    "prior-residency": prior_residency,
    "reapplicant": reapplicant,
    "specialty-switch": specialty_switch,
    "limited-usce": limited_usce,
    "no-specialty-exposure": no_specialty_exposure,
    "no-us-letters": no_us_letters,
    "weak-letters": weak_letters,
    "visa-sponsorship": visa_sponsorship,
    "visa-h1b": visa_h1b,
    "english-proficiency": english_proficiency,
    "ecfmg-pending": ecfmg_pending,
}
