"""The named facts a declared red-flag rule reads (``detect: {fact: ...}`` in
``data/red_flags.yaml``), and the texts its evidence lines may quote.

Each fact is a function of the rule context (profile, target specialty, derived facts)
registered under a name, with :func:`fact` (its docstring is its description in
``docs/red-flags.md``) or in ``_DIRECT`` when it reads one value of the context. A number
(or a bool, read as 1 or 0) can be compared with a threshold; None means unknown. Texts and
tuples of lines are for evidence templates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..profile import facts
from ..specialties import spoken_name
from .context import RuleContext, count_text, exam_line, incident_line, plural, ym

FactValue = float | int | bool | str | tuple[str, ...] | None


@dataclass(frozen=True)
class Fact:
    name: str
    read: Callable[[RuleContext], FactValue]
    description: str


FACTS: dict[str, Fact] = {}


def fact(name: str) -> Callable[[Callable[[RuleContext], Any]], Callable[[RuleContext], Any]]:
    """Register ``read`` as the fact ``name`` (its docstring describes it)."""

    def register(read: Callable[[RuleContext], Any]) -> Callable[[RuleContext], Any]:
        FACTS[name] = Fact(name, read, " ".join((read.__doc__ or "").split()))
        return read

    return register


def fact_names() -> frozenset[str]:
    return frozenset(FACTS)


@fact("failed_attempts")
def _failed_attempts(c: RuleContext) -> int:
    """Failed attempts at every USMLE Step and COMLEX level, in total."""
    return sum(h.failures for h in c.exams.values())


@fact("failed_exam_lines")
def _failed_exam_lines(c: RuleContext) -> tuple[str, ...]:
    """One line per exam with a failed attempt (every attempt, dated)."""
    return tuple(exam_line(h) for h in c.exams.values() if h.failures)


@fact("step1_score")
def _step1_score(c: RuleContext) -> int | None:
    """The latest numeric Step 1 score (unknown when none is given)."""
    history = c.exams.get("step1")
    return None if history is None else history.latest_score


@fact("step2ck_score")
def _step2ck_score(c: RuleContext) -> int | None:
    """The latest Step 2 CK score (unknown when none is given)."""
    history = c.exams.get("step2ck")
    return None if history is None else history.latest_score


@fact("step2ck_attempts")
def _step2ck_attempts(c: RuleContext) -> int:
    """Step 2 CK attempts listed."""
    history = c.exams.get("step2ck")
    return 0 if history is None else history.attempts


def _repeated(c: RuleContext) -> list:
    return [i for i in c.profile.incidents if i.kind == "repeated-year"]


@fact("repeated_years")
def _repeated_years(c: RuleContext) -> int:
    """Repeated-year incidents."""
    return len(_repeated(c))


@fact("repeated_year_lines")
def _repeated_year_lines(c: RuleContext) -> tuple[str, ...]:
    """One line per repeated-year incident (date, remediation)."""
    return tuple(incident_line(i) for i in _repeated(c))


def _unmatched(c: RuleContext) -> list:
    return [p for p in c.profile.previous_cycles if not p.matched]


@fact("unmatched_cycles")
def _unmatched_cycles(c: RuleContext) -> int:
    """Previous Match cycles that did not match."""
    return len(_unmatched(c))


@fact("unmatched_cycle_lines")
def _unmatched_cycle_lines(c: RuleContext) -> tuple[str, ...]:
    """One line per unmatched previous cycle (season, specialty, applications, interviews)."""
    return tuple(
        f"{p.season} Match, {spoken_name(p.specialty)}: "
        f"{count_text(p.applications, 'application')}, "
        f"{count_text(p.interviews, 'interview')}, not matched"
        for p in _unmatched(c)
    )


@fact("other_specialty_lines")
def _other_specialty_lines(c: RuleContext) -> tuple[str, ...]:
    """One line per residency or previous cycle in a specialty other than the target."""
    target = spoken_name(c.specialty)
    lines = [
        f"residency in {spoken_name(e.specialty)} ({ym(e.start)}), target {target}"
        for e in c.profile.experiences
        if e.kind == "residency" and e.specialty and e.specialty != c.specialty
    ]
    lines += [
        f"{p.season} Match in {spoken_name(p.specialty)}, target {target}"
        for p in c.profile.previous_cycles
        if p.specialty != c.specialty
    ]
    return tuple(lines)


@fact("other_specialty_entries")
def _other_specialty_entries(c: RuleContext) -> int:
    """Residencies and previous cycles in a specialty other than the target."""
    return len(_other_specialty_lines(c))


@fact("us_clinical_summary")
def _us_clinical_summary(c: RuleContext) -> str:
    """US clinical months by setting: hands-on, observership, setting not stated."""
    m = c.clinical
    text = (
        f"{plural(m.hands_on, 'month')} hands-on US clinical, "
        f"{plural(m.observership, 'month')} observership"
    )
    if m.unspecified:
        text += f", {plural(m.unspecified, 'month')} with the setting not stated"
    return text


@fact("visa_stated")
def _visa_stated(c: RuleContext) -> str:
    """The visa as the profile states it."""
    return c.profile.visa or "not stated (counted as needed)"


@fact("english_failed")
def _english_failed(c: RuleContext) -> bool:
    """The English test result is a fail."""
    english = c.profile.english
    return english is not None and english.result == "fail"


@fact("english_result")
def _english_result(c: RuleContext) -> str:
    """The English test, its result and date (``OET: fail 2026-03``)."""
    english = c.profile.english
    if english is None:
        return "no English test listed"
    when = f" {ym(english.date)}" if english.date else ""
    return f"{english.test.upper()}: {english.result}{when}"


@fact("ecfmg_not_certified")
def _ecfmg_not_certified(c: RuleContext) -> bool:
    """A school outside the US and ``ecfmg_certified`` not true."""
    country = c.profile.medical_school.country.strip().upper()
    return country not in {"US", "USA", "UNITED STATES"} and c.profile.ecfmg_certified is not True


@fact("ecfmg_state")
def _ecfmg_state(c: RuleContext) -> str:
    """ECFMG certification as stated: certified, not certified or not stated."""
    state = {True: "certified", False: "not certified", None: "not stated"}
    return state[c.profile.ecfmg_certified]


# Facts read straight from the context: name -> (description, read).
_DIRECT: dict[str, tuple[str, Callable[[RuleContext], FactValue]]] = {
    "years_since_graduation": (
        "Years from graduation to the Match (whole months / 12).",
        lambda c: facts.years_since_graduation(c.profile),
    ),
    "months_since_clinical": (
        "Months from the last clinical or residency entry to the application date "
        "(unknown when the timeline has none).",
        lambda c: facts.months_since_clinical(c.profile),
    ),
    "graduation_month": (
        "Graduation, as YYYY-MM.",
        lambda c: ym(c.profile.medical_school.graduation),
    ),
    "match_month": (
        "The Match of the season, as YYYY-MM.",
        lambda c: ym(c.profile.match_date),
    ),
    "application_month": (
        "The season's application date, as YYYY-MM.",
        lambda c: ym(c.profile.application_date),
    ),
    "step3_passed": (
        "Step 3 passed.",
        lambda c: facts.step3_passed(c.profile),
    ),
    "us_hands_on_months": (
        "Months of hands-on US clinical work (US residency included; overlaps counted once).",
        lambda c: c.clinical.hands_on,
    ),
    "us_observership_months": (
        "Months of US observership not also hands-on.",
        lambda c: c.clinical.observership,
    ),
    "letters": (
        "Letters listed.",
        lambda c: c.letters.total,
    ),
    "us_letters": (
        "Letters from US writers.",
        lambda c: c.letters.us,
    ),
    "strong_us_letters": (
        "Letters from US writers rated strong.",
        lambda c: c.letters.strong_us,
    ),
    "needs_visa": (
        "A non-US citizen whose visa is not `none` (unknown counts as needed).",
        lambda c: facts.needs_visa(c.profile),
    ),
    "specialty": (
        "The target specialty id of the audit.",
        lambda c: c.specialty,
    ),
}
FACTS.update((name, Fact(name, read, doc)) for name, (doc, read) in _DIRECT.items())
