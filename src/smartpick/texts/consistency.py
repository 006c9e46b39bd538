"""A text against the applicant's profile: which red flags it addresses, and contradictions
(gap dates, exam names, attempt counts, scores, activities) with the profile's facts.

The story must agree across ERAS entries, statement, letters and answers (practitioners'
advice).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from ..audit import audit
from ..profile import EXAM_NAMES, Profile
from ..profile.facts import Gap, exam_histories, month_index, timeline_gaps
from .dates import (
    DateRange,
    Month,
    date_ranges,
    exams_named,
    months_named,
    passing_attempts,
    scores_named,
)
from .event import GAP_FLAG_OF_KIND
from .model import Finding
from .nlp import Document, Sentence
from .rules import CompiledRules

GAP_FLAGS = frozenset({"unexplained-gap", "nonclinical-gap", "stale-clinical-activity"})
TOLERANCE_MONTHS = 1  # a month either way is rounding, not a contradiction (assumed)
PLACE_OF_KIND = {
    "additional-info": "additional-information",
    "personal-statement": "personal-statement",
    "letter": "letters",
    "interview-answer": "interview",
}
_ACTIVITY_WORDS = {
    "externship": ("clinical", "observership"),
    "rotation": ("clinical", "observership"),
    "elective": ("clinical", "observership"),
    "sub-internship": ("clinical",),
    "observership": ("observership", "clinical"),
    "research": ("research",),
    "residency": ("residency",),
}


@dataclass(frozen=True)
class ProfileTie:
    findings: list[Finding]
    addressed: tuple[str, ...]
    unaddressed: tuple[str, ...]


def profile_findings(
    doc: Document,
    kind: str,
    flag: str | None,
    topics: dict[str, list[int]],
    profile: Profile,
    rules: CompiledRules,
) -> ProfileTie:
    """Addressed and unaddressed red flags of the profile, and contradictions with it."""
    result = audit(profile)
    covered = {f for topic in topics for f in rules.rules.topics.covers.get(topic, [topic])}
    covered |= _gaps_dated(doc, profile)
    place = PLACE_OF_KIND[kind]
    addressed = tuple(f.id for f in result.red_flags if f.id in covered)
    unaddressed = tuple(
        f.id for f in result.red_flags if f.id not in covered and place in f.where_to_address
    )
    weight = rules.rules.score.contradiction_weight
    findings = _contradictions(doc, flag, topics, profile, weight)
    if kind == "letter":
        findings += letter_writer_fit(doc, profile, rules.rules.score.writer_weight)
    if flag and flag not in covered and kind != "letter":
        findings.append(_unaddressed(flag, rules.rules.score.unaddressed_weight))
    return ProfileTie(findings, addressed, unaddressed)


def _gaps_dated(doc: Document, profile: Profile) -> set[str]:
    """The gap flags whose period the text gives by its dates (a month either way): "from
    March to August 2021 I was treated for depression" addresses the file's 2021-03 to
    2021-08 health leave, in whatever words it names the reason."""
    gaps = [g for g in timeline_gaps(profile) if g.kind in GAP_FLAG_OF_KIND]
    return {
        GAP_FLAG_OF_KIND[gap.kind]
        for sentence in doc.sentences
        for stated in date_ranges(sentence.text)
        for gap in gaps
        if _agrees(stated, gap)
    }


def _finding(message: str, fix: str, weight: int, sentence: Sentence | None, type_: str) -> Finding:
    return Finding.at(sentence, type_, message, fix, weight, "domain-brief")


def _unaddressed(flag: str, weight: int) -> Finding:
    return _finding(
        f"The text does not recognisably address the red flag '{flag}'.",
        "Name the issue plainly in the first sentence (what happened and when).",
        weight,
        None,
        "unaddressed-flag",
    )


def _contradictions(
    doc: Document, flag: str | None, topics: dict[str, list[int]], profile: Profile, weight: int
) -> list[Finding]:
    gap_text = (flag in GAP_FLAGS) or any(t in GAP_FLAGS for t in topics)
    found: list[Finding] = []
    for sentence in doc.sentences:
        if gap_text:
            found += _gap_dates(sentence, profile, weight)
        found += _exam_facts(sentence, profile, weight)
        found += _activities(sentence, profile, weight)
    return found


def _gap_dates(sentence: Sentence, profile: Profile, weight: int) -> list[Finding]:
    gaps = timeline_gaps(profile)
    found = []
    for stated in date_ranges(sentence.text):
        nearest = _nearest_gap(stated, gaps)
        if nearest is not None and _agrees(stated, nearest):
            continue
        if _names_an_entry(stated, profile):  # "my residency from July 2018 to January 2020"
            continue
        shown = (
            f"a gap from {_label(nearest.start)} to {_label(nearest.end)}" if nearest else "no gap"
        )
        found.append(
            _finding(
                f"Contradiction: the text gives the period as {stated.label()}; the profile's "
                f"timeline shows "
                f"{shown}.",
                "Make the dates agree everywhere (ERAS timeline, statement, answers); correct "
                "the text or the profile.",
                weight,
                sentence,
                "contradiction",
            )
        )
    return found


def _label(d: object) -> str:
    return f"{d.year:04d}-{d.month:02d}"  # type: ignore[attr-defined]


def _nearest_gap(stated: DateRange, gaps: list[Gap]) -> Gap | None:
    def distance(gap: Gap) -> int:
        return abs(stated.start.index(1) - month_index(gap.start)) + abs(
            stated.end.index(12) - month_index(gap.end)
        )

    return min(gaps, key=distance, default=None)


def _names_an_entry(stated: DateRange, profile: Profile) -> bool:
    """Whether the stated period is one of the timeline's entries (a month either way), or
    lies before graduation (medical school, not the timeline the gaps are read from)."""
    if stated.end.index(12) <= month_index(profile.medical_school.graduation):
        return True
    last = profile.application_date
    return any(
        _agrees(stated, Gap("entry", exp.start, exp.end or last, 0, ()))
        for exp in profile.experiences
    )


def _agrees(stated: DateRange, gap: Gap) -> bool:
    start, end = month_index(gap.start), month_index(gap.end)
    if stated.start.month is None:
        ok_start = stated.start.year == gap.start.year
    else:
        ok_start = abs(stated.start.index(1) - start) <= TOLERANCE_MONTHS
    if stated.end.month is None:
        ok_end = stated.end.year == gap.end.year
    else:
        ok_end = abs(stated.end.index(12) - end) <= TOLERANCE_MONTHS
    return ok_start and ok_end


def _exam_facts(sentence: Sentence, profile: Profile, weight: int) -> list[Finding]:
    if not profile.exams:
        return []
    histories = exam_histories(profile)
    named = exams_named(sentence.text)
    lowered = sentence.text.lower()
    says_failed = any(w in lowered for w in ("fail", "did not pass", "not pass"))
    found = []
    for exam in dict.fromkeys(named):
        history = histories.get(exam)
        label = EXAM_NAMES[exam]
        if says_failed and exam == named[0] and (history is None or history.failures == 0):
            failed = [EXAM_NAMES.get(e, e) for e, h in histories.items() if h.failures]
            shown = "failed attempts at " + ", ".join(failed) if failed else "no failed attempt"
            found.append(
                _contradiction(f"the text says {label} was failed", shown, sentence, weight)
            )
    found += _attempts(sentence, histories, weight)
    found += _scores(sentence, named, histories, weight)
    if not found:  # one contradiction per sentence is enough to send the reader back
        found += _exam_events(sentence, histories, weight)
    return found


# A clause ends at a semicolon, at ", and"/", but", and before "after", "before", "while",
# "then" or "and" followed by a new verb of the story ("... and passed it in 2016").
_CLAUSE = re.compile(
    r";|,\s*(?:and|but)\b|\b(?=after\b|before\b|while\b|until\b|then\b)"
    r"|\band\s+(?=(?:then\s+|later\s+)?(?:passed|failed|retook|took|sat|i)\b)",
    re.IGNORECASE,
)
_FAILED = re.compile(r"\bfail|\bdid not pass|\bdidn't pass|\bnot pass", re.IGNORECASE)
_PASSED = re.compile(r"\bpassed\b", re.IGNORECASE)
# a plan, a wish or a condition is no fact of the file
_NOT_A_FACT = re.compile(
    r"\b(?:will|would|plan\w*|hope\w*|expect\w*|aim\w*|intend\w*|going to|scheduled|if|"
    r"once|should|could|might|may)\b",
    re.IGNORECASE,
)


# a practice test, a self-assessment or a question bank is no attempt at the exam; "practice"
# alone is medicine practised ("back in clinical practice, I passed Step 3 in 2022")
_PRACTICE = re.compile(
    r"\b(?:practice[- ](?:test|exam|examination|question|score|form|block|assessment|paper)s?"
    r"|NBME|self[- ]assessments?|UWSA\w*|UWorld|question banks?|qbanks?|mock|"
    r"review questions|CCSSA|simulated)\b",
    re.IGNORECASE,
)


def _exam_events(sentence: Sentence, histories: dict, weight: int) -> list[Finding]:
    """A clause that says one exam was failed or passed, against the profile's attempts: an
    exam passed that the profile does not list, or dated when the profile has no attempt
    with that result (a month either way, or the year when only a year is written)."""
    previous: str | None = None
    for clause in _CLAUSE.split(sentence.text):
        named = set(exams_named(clause))
        if not named and previous and re.search(r"\bit\b", clause, re.IGNORECASE):
            named = {previous}  # "... and passed it in 2016"
        previous = next(iter(named)) if len(named) == 1 else None
        failed, passed = bool(_FAILED.search(clause)), bool(_PASSED.search(clause))
        if previous is None or failed == passed or _NOT_A_FACT.search(clause):
            continue
        if _PRACTICE.search(clause):  # "I passed the NBME Step 3 practice exam": no attempt
            continue
        finding = _exam_event(previous, "fail" if failed else "pass", clause, histories)
        if finding:
            return [_contradiction(*finding, sentence, weight)]
    return []


def _exam_event(exam: str, result: str, clause: str, histories: dict) -> tuple[str, str] | None:
    label, history = EXAM_NAMES[exam], histories.get(exam)
    if history is None:  # a failure of an exam not listed is said by _exam_facts already
        said = f"the text says {label} was passed"
        return (said, f"no {label} attempt") if result == "pass" else None
    dates = [d for d, r in zip(history.dates, history.results, strict=True) if r == result]
    stated = months_named(clause)
    if not dates or not stated or any(_same_month(m, d) for m in stated for d in dates):
        return None
    verb = "failed" if result == "fail" else "passed"
    shown = ", ".join(_label(d) for d in dates)
    return (
        f"the text dates {label} {verb} in {', '.join(m.label() for m in stated)}",
        f"{label} {verb} in {shown}",
    )


def _same_month(stated: Month, date: dt.date) -> bool:
    if stated.month is None:
        return stated.year == date.year
    return abs(stated.index(1) - month_index(date)) <= TOLERANCE_MONTHS


def _contradiction(said: str, shown: str, sentence: Sentence, weight: int) -> Finding:
    return _finding(
        f"Contradiction: {said}; the profile shows {shown}.",
        "Make the facts agree with your profile and ERAS application (the committee checks).",
        weight,
        sentence,
        "contradiction",
    )


def _attempts(sentence: Sentence, histories: dict, weight: int) -> list[Finding]:
    failed = [e for e, h in histories.items() if h.failures]
    for attempt, end in passing_attempts(sentence.text):
        # the exam named last before the phrase; none named: the one exam the file failed
        before = exams_named(sentence.text[:end])[-1:] or (failed if len(failed) == 1 else [])
        for exam in (e for e in before if e in histories):
            results = histories[exam].results
            actual = results.index("pass") + 1 if "pass" in results else None
            if actual != attempt:
                shown = f"a pass on attempt {actual}" if actual else "no pass yet"
                said = f"the text says {EXAM_NAMES[exam]} was passed on attempt {attempt}"
                return [_contradiction(said, shown, sentence, weight)]
    return []


def _scores(sentence: Sentence, named: list[str], histories: dict, weight: int) -> list[Finding]:
    scores = scores_named(sentence.text)
    if not scores:
        return []
    known = {
        exam: {s for s in h.scores if s is not None} for exam, h in histories.items() if h.scores
    }
    exam = named[-1] if named else None
    for score in scores:
        pool = known.get(exam, set()) if exam else set().union(*known.values())
        if pool and score not in pool:
            where = EXAM_NAMES[exam] if exam else "any exam"
            shown = ", ".join(str(s) for s in sorted(pool))
            return [
                _contradiction(
                    f"the text gives a score of {score} on {where}",
                    f"score(s) {shown}",
                    sentence,
                    weight,
                )
            ]
    return []


def _activities(sentence: Sentence, profile: Profile, weight: int) -> list[Finding]:
    """An activity named with a year that the profile's timeline does not have then."""
    if not profile.experiences:
        return []
    years = {int(t.text) for t in sentence.tokens if t.text.isdigit() and len(t.text) == 4}
    words = [w for w in _ACTIVITY_WORDS if _names_past_activity(sentence, w)]
    if not years or not words:
        return []
    kinds = set().union(*(_ACTIVITY_WORDS[w] for w in words))
    for exp in profile.experiences:
        last = exp.end.year if exp.end else profile.season
        if exp.kind in kinds and any(exp.start.year <= y <= last for y in years):
            return []
    said = f"the text names {words[0]} in {', '.join(str(y) for y in sorted(years))}"
    shown = "no such entry in the timeline for that time"
    return [_contradiction(said, shown, sentence, weight)]


# "available for residency", "apply to residency", "start residency": the goal, not an entry
_GOAL_BEFORE = frozenset({"for", "to", "start", "begin", "enter", "available", "apply"})


def _names_past_activity(sentence: Sentence, word: str) -> bool:
    tokens = sentence.tokens
    return any(
        (t.lemma == word or t.text == word)
        and not (i and tokens[i - 1].lemma in _GOAL_BEFORE and word == "residency")
        for i, t in enumerate(tokens)
    )


# Word stems naming a writer's field, and the part of the specialty ids it covers ("surg":
# every id with "surgery" in it, so a Department of Surgery writer fits a general or an
# orthopaedic surgery target); an area names the specialties it lies within
# (data/specialties.yaml: critical care within anesthesiology, internal medicine, ...).
_SPECIALTY_STEMS = {
    "anesthesi": "anesthesiology",
    "anaesthesi": "anesthesiology",
    "radiolog": "radiology",
    "surg": "surgery",
    "internal medicine": "internal-medicine",
    "pediatric": "pediatrics",
    "paediatric": "pediatrics",
    "neurolog": "neurology",
    "psychiatr": "psychiatry",
    "emergency medicine": "emergency-medicine",
    "family medicine": "family-medicine",
    "obstetric": "obstetrics-gynecology",
    "gynecolog": "obstetrics-gynecology",
    "patholog": "pathology",
}
_AREA_STEMS = {"critical care": "critical-care"}


def _fields_named(closing: str) -> list[frozenset[str]]:
    """Per field the closing names, the specialty ids it fits."""
    return [ids for stem, ids in _stem_fields() if stem in closing]


@cache
def _stem_fields() -> tuple[tuple[str, frozenset[str]], ...]:
    """Each stem with the specialty ids it fits (read once from data/specialties.yaml)."""
    from ..specialties import all_areas, all_specialties

    ids = list(all_specialties())
    areas = all_areas()
    return tuple(
        (stem, frozenset(i for i in ids if part in i)) for stem, part in _SPECIALTY_STEMS.items()
    ) + tuple((stem, frozenset(areas[a].within)) for stem, a in _AREA_STEMS.items())


_SIGN_OFF = ("sincerely", "regards", "yours", "best wishes", "respectfully")


def _signature(text: str) -> str:
    """The letter's closing (after the sign-off, or its last three lines), lower case."""
    lower = text.lower()
    cut = max((lower.rfind(word) for word in _SIGN_OFF), default=-1)
    if cut >= 0:
        return lower[cut:]
    return "\n".join(lower.strip().splitlines()[-3:])


def letter_writer_fit(doc: Document, profile: Profile, weight: int) -> list[Finding]:
    """The writer's specialty and country (from the letter's own words) against the target."""
    from ..specialties import spoken_name

    target = profile.targets.primary
    closing = _signature(doc.text) or doc.text.lower()
    named = _fields_named(closing)
    found = []
    if named and not any(target in ids for ids in named):
        field = spoken_name(target)
        found.append(
            _finding(
                f"The writer signs in another specialty than your target ({field}); programs "
                "in a specialty expect one or two letters from physicians in it (practitioner "
                "rule of thumb).",
                f"Keep this letter, and make sure at least one letter comes from a US {field} "
                "physician who supervised you.",
                weight,
                None,
                "letter-writer",
            )
        )
    country = profile.medical_school.country.lower()
    if country not in {"us", "usa", "united states"} and country in closing:
        found.append(
            _finding(
                f"The writer is in {profile.medical_school.country}; a file whose letters all "
                "come from the home country weakens it (practitioner rule of thumb).",
                "Pair it with letters from US physicians who supervised your clinical work.",
                weight,
                None,
                "letter-writer",
            )
        )
    return found
