"""The detectors of the red-flag rules: the generic one for threshold rules declared in
data, and one hand-written detector per rule that needs code.

A rule with ``detect:`` in ``data/red_flags.yaml`` (a named fact, a comparison, the
threshold, evidence templates) is run by :func:`declared`; every other rule by its entry in
``HAND_WRITTEN``. A detector returns a :class:`Hit` (units beyond the threshold, the evidence
from the profile) or None. Step 2 CK bands come from the Charting Outcomes distributions
(:mod:`.thresholds`).
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import DataFileError
from ..profile import EXAM_NAMES, Profile, facts
from ..specialties import get_specialty, spoken_name
from .context import RuleContext, incident_line, plural, ym
from .named_facts import FACTS
from .rules import FlagRule
from .thresholds import step2ck_band

PROFESSIONALISM_KINDS = {"professionalism", "probation", "dismissal", "integrity"}
GRAVE_KINDS = {"dismissal", "integrity"}
ACADEMIC_KINDS = {"course-failure", "clerkship-failure"}


@dataclass(frozen=True)
class Hit:
    units: float
    evidence: tuple[str, ...]
    threshold: str | None = None


Detector = Callable[[RuleContext, FlagRule], Hit | None]


class _Templates(string.Formatter):
    """``str.format`` plus one spec: ``{months:plural month}`` -> ``3 months``."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("plural "):
            return plural(value, format_spec.removeprefix("plural "))
        return super().format_field(value, format_spec)


_TEMPLATES = _Templates()


class _Facts(dict):
    """Named facts of one context, read when a template first names them."""

    def __init__(self, c: RuleContext, known: Mapping[str, Any]):
        super().__init__(known)
        self.context = c

    def __missing__(self, name: str) -> Any:
        self[name] = FACTS[name].read(self.context)
        return self[name]


def evidence_lines(templates: tuple[str, ...], values: Mapping[str, Any]) -> tuple[str, ...]:
    """Each template filled in; a template that is only ``{name}`` of a tuple adds its lines."""
    lines: list[str] = []
    for template in templates:
        parsed = list(_TEMPLATES.parse(template))
        if len(parsed) == 1 and parsed[0][0] == "" and parsed[0][1] and not parsed[0][2]:
            value = values[parsed[0][1]]
            if isinstance(value, tuple):
                lines += value
                continue
        lines.append(_TEMPLATES.vformat(template, (), values))
    return tuple(lines)


_FIRES: dict[str, Callable[[float, float], bool]] = {
    "below": lambda value, limit: value < limit,
    "above": lambda value, limit: value > limit,
    "at_least": lambda value, limit: value >= limit,
    "at_most": lambda value, limit: value <= limit,
}


def declared(c: RuleContext, rule: FlagRule) -> Hit | None:
    """The generic threshold detector: fires when the rule's fact compares with its
    threshold (the target specialty's own where it has one); units = the distance."""
    assert rule.detect is not None
    detect, limit = rule.detect, rule.threshold.for_specialty(c.specialty)
    value = FACTS[detect.fact].read(c)
    values = _Facts(c, {"value": value, "threshold": limit})
    if value is None:
        unknown = detect.unknown
        return Hit(unknown.units, evidence_lines(unknown.evidence, values)) if unknown else None
    number = _number(detect.fact, value)
    if not _FIRES[detect.compare](number, limit):
        return None
    lines = evidence_lines(detect.evidence, values)
    return Hit(abs(number - limit), lines, _specialty_threshold(rule, c.specialty))


def _number(name: str, value: Any) -> float:
    if isinstance(value, str | tuple):
        raise DataFileError(f"data/red_flags.yaml: fact {name!r} is a text, not a number")
    return float(value)


def _specialty_threshold(rule: FlagRule, specialty: str) -> str | None:
    """The threshold line of a finding whose specialty has its own value (else the rule's)."""
    t = rule.threshold
    if specialty not in t.by_specialty:
        return None
    return f"{t.by_specialty[specialty]:g} {t.unit} for {specialty} ({t.basis}: {t.source})"


def _value(rule: FlagRule) -> float:
    value = rule.threshold.value
    return float(value) if not isinstance(value, str) else 0.0


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


# the kind of timeline gap each gap flag reads (facts.timeline_gaps)
GAP_KINDS = {"unexplained-gap": "uncovered", "nonclinical-gap": "non-clinical"}


def gaps_read(profile: Profile, rule: FlagRule, kind: str) -> list[facts.Gap]:
    """The timeline's gaps of ``kind`` at least the rule's threshold long: the ones its flag
    reads (a one-month gap between graduation and a residency is none)."""
    minimum = _value(rule)
    return [g for g in facts.timeline_gaps(profile) if g.kind == kind and g.months >= minimum]


def _gap_hit(
    c: RuleContext, rule: FlagRule, kind: str, describe: Callable[[facts.Gap], str]
) -> Hit | None:
    """The gaps of ``kind`` at least the rule's threshold long, the longest beyond it."""
    gaps = gaps_read(c.profile, rule, kind)
    if not gaps:
        return None
    longest = max(g.months for g in gaps)
    return Hit(longest - _value(rule), tuple(describe(g) for g in gaps))


def unexplained_gap(c: RuleContext, rule: FlagRule) -> Hit | None:
    return _gap_hit(
        c,
        rule,
        GAP_KINDS["unexplained-gap"],
        lambda g: f"no entry {ym(g.start)} to {ym(g.end)} ({plural(g.months, 'month')})",
    )


def nonclinical_gap(c: RuleContext, rule: FlagRule) -> Hit | None:
    return _gap_hit(
        c,
        rule,
        GAP_KINDS["nonclinical-gap"],
        lambda g: (
            f"only {', '.join(g.covered_by)} {ym(g.start)} to {ym(g.end)} "
            f"({plural(g.months, 'month')})"
        ),
    )


def academic_failure(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [i for i in c.profile.incidents if i.kind in ACADEMIC_KINDS]
    if not found:
        return None
    open_ = sum(1 for i in found if i.remediated is not True)
    return Hit(len(found) - 1 + open_, tuple(incident_line(i) for i in found))


def professionalism(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [i for i in c.profile.incidents if i.kind in PROFESSIONALISM_KINDS]
    if not found:
        return None
    units = len(found) - 1
    units += any(i.kind in GRAVE_KINDS for i in found)
    units += any(i.remediated is not True for i in found)
    return Hit(units, tuple(incident_line(i) for i in found))


def _residency_line(exp) -> str:
    end = ym(exp.end) if exp.end else "ongoing"
    why = f", left: {exp.left_because}" if exp.left_because else ""
    done = {True: "completed", False: "not completed", None: "completion not stated"}
    field = f"{spoken_name(exp.specialty)} " if exp.specialty else ""
    where = exp.country or "country not stated"
    return f"{field}residency ({where}) {ym(exp.start)} to {end}, {done[exp.completed]}{why}"


def prior_residency(c: RuleContext, rule: FlagRule) -> Hit | None:
    found = [e for e in c.profile.experiences if e.kind == "residency" and e.completed is not True]
    if not found:
        return None
    dismissed = any(e.left_because == "dismissed" for e in found)
    return Hit(float(dismissed), tuple(_residency_line(e) for e in found))


def no_specialty_exposure(c: RuleContext, rule: FlagRule) -> Hit | None:
    if get_specialty(c.specialty).is_pgy1_only:
        return None  # a preliminary or transitional year has no specialty of its own
    us_kinds = {"clinical", "observership", "research", "residency"}
    exposed = any(
        e.in_us and e.kind in us_kinds and e.specialty == c.specialty for e in c.profile.experiences
    )
    if exposed:
        return None
    return Hit(0, (f"no US clinical or research entry in {spoken_name(c.specialty)}",))


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


def visa_h1b(c: RuleContext, rule: FlagRule) -> Hit | None:
    if c.profile.citizenship != "non-us" or c.profile.visa != "h1b":
        return None
    if facts.step3_passed(c.profile):
        return Hit(0, ("visa: h1b; Step 3 passed",))
    return Hit(1, ("visa: h1b; Step 3 not passed (required before an H-1B can be filed)",))


HAND_WRITTEN: dict[str, Detector] = {
    "attempts-near-limit": attempts_near_limit,
    "low-step2ck": low_step2ck,
    "unexplained-gap": unexplained_gap,
    "nonclinical-gap": nonclinical_gap,
    "academic-failure": academic_failure,
    "professionalism": professionalism,
    "prior-residency": prior_residency,
    "no-specialty-exposure": no_specialty_exposure,
    "weak-letters": weak_letters,
    "visa-h1b": visa_h1b,
}


def detector_for(flag_id: str, rule: FlagRule) -> Detector:
    """The generic detector for a declared rule, else the rule's hand-written one."""
    hand_written = HAND_WRITTEN.get(flag_id)
    if (rule.detect is None) == (hand_written is None):
        state = "both a detect: block and" if hand_written else "neither a detect: block nor"
        raise DataFileError(
            f"data/red_flags.yaml: {flag_id} has {state} a hand-written detector",
            hint="declare threshold rules with detect: in the rule file; "
            "give other rules one detector in audit/detectors.py (HAND_WRITTEN)",
        )
    return hand_written or declared
