"""Interview questions from the applicant's own file: for each red flag, a question built
from the profile's own facts and dates (the failed attempts and the pass, the gap's months,
the incident's date, the residency left, the other field, the last cycle), asked before the
flag's seed questions (which ``audit.fit`` keeps only where they fit the file)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ..audit import RedFlag
from ..profile import EXAM_NAMES, Profile, facts
from ..profile.checks import USMLE_ATTEMPT_LIMIT
from ..profile.facts import exam_histories
from ..results import count
from ..specialties import spoken_name
from .event import flag_gaps

EXAM_FLAGS = frozenset({"exam-failure", "multiple-attempts", "attempts-near-limit"})


def _d(value: dt.date | None) -> str:
    return f"{value.year:04d}-{value.month:02d}" if value else "ongoing"


def _exam_question(profile: Profile) -> str | None:
    for exam, history in exam_histories(profile).items():
        if not history.failures:
            continue
        name = EXAM_NAMES.get(exam, exam)
        failed = [_d(d) for d, r in zip(history.dates, history.results, strict=True) if r == "fail"]
        times = "once" if len(failed) == 1 else f"{len(failed)} times"
        if history.passed:
            passed = history.dates[history.results.index("pass")]
            return (
                f"You failed {name} {times} ({', '.join(failed)}) and passed in {_d(passed)}; "
                "what changed between the attempts?"
            )
        left = USMLE_ATTEMPT_LIMIT - history.attempts
        limit = f", with {left} attempt{'s' if left != 1 else ''} left" if left > 0 else ""
        return (
            f"You have failed {name} {times} ({', '.join(failed)}) and not passed yet{limit}; "
            "when is your next attempt, and what do your practice scores show?"
        )
    return None


# a timeline entry's kind as a question says it ("with only exam preparation in it")
_KIND_WORDS = {
    "exam-prep": "exam preparation",
    "health": "a health leave",
    "other": "other entries",
}


def _gap_question(profile: Profile, flag: str) -> str | None:
    """The longest gap the flag reads (its own kind for a gap flag)."""
    gaps = flag_gaps(profile, flag)
    if not gaps:
        return None
    gap = max(gaps, key=lambda g: g.months)
    kinds = " and ".join(_KIND_WORDS.get(k, k) for k in gap.covered_by)
    cover = f", with only {kinds} in it" if gap.covered_by else ""
    return (
        f"Your timeline shows {gap.months} months from {_d(gap.start)} to {_d(gap.end)}"
        f"{cover}; walk us through that time and how you kept your clinical skills."
    )


def _graduation_question(profile: Profile) -> str:
    years = facts.years_since_graduation(profile)
    return (
        f"You graduated in {_d(profile.medical_school.graduation)}, {years:.1f} years before "
        f"the {profile.season} Match; what have you done since to stay clinically current?"
    )


def _last_clinical_question(profile: Profile) -> str | None:
    """When the file's last clinical work ended, and how long before the application."""
    months, end = facts.months_since_clinical(profile), facts.last_clinical_end(profile)
    if months is None or end is None:
        return None
    return (
        f"Your last clinical work in the file ended in {_d(end)}, "
        f"{count(round(months), 'month')} before you apply; what will get you ready for the wards "
        "by July?"
    )


def _incident_question(profile: Profile) -> str | None:
    """Every incident of the file, dated, in one question (a probation, then a dismissal)."""
    entries = []
    for incident in profile.incidents:
        details = [_d(incident.date)] if incident.date else []
        if incident.remediated is not None:
            details.append("remediated" if incident.remediated else "not yet remediated")
        entries.append(incident.kind + (f" ({', '.join(details)})" if details else ""))
    if not entries:
        return None
    shown = entries[0] if len(entries) == 1 else ", ".join(entries[:-1]) + " and " + entries[-1]
    return (
        f"Your file shows a {shown}: what happened, what was your part, and what has changed since?"
    )


def _residency_question(profile: Profile) -> str | None:
    for exp in profile.experiences:
        if exp.kind == "residency" and exp.completed is not True:
            field = f"{spoken_name(exp.specialty)} " if exp.specialty else ""
            return (
                f"You left your {field}residency in {_d(exp.end)}; why, and what would its "
                "program director say about you today?"
            )
    return None


def _cycle_question(profile: Profile) -> str | None:
    unmatched = [c for c in profile.previous_cycles if not c.matched]
    if not unmatched:
        return None
    last = max(unmatched, key=lambda c: c.season)
    counts = ""
    if last.applications is not None and last.interviews is not None:
        counts = (
            f" with {count(last.applications, 'application')} and "
            f"{count(last.interviews, 'interview')}"
        )
    return (
        f"You applied to {spoken_name(last.specialty)} for {last.season}{counts} and did "
        "not match; "
        "what is different in this application?"
    )


def _switch_question(profile: Profile, specialty: str) -> str | None:
    """The other field the file shows (a residency in it, else the last application to it),
    as the audit's specialty-switch counts them."""
    target = spoken_name(specialty)
    for exp in profile.experiences:
        if exp.kind == "residency" and exp.specialty and exp.specialty != specialty:
            return (
                f"You trained in {spoken_name(exp.specialty)} from {_d(exp.start)} to "
                f"{_d(exp.end)}; why {target} now, and what have you done in {target} since?"
            )
    earlier = [c for c in profile.previous_cycles if c.specialty != specialty]
    if not earlier:
        return None
    last = max(earlier, key=lambda c: c.season)
    return (
        f"You applied to {spoken_name(last.specialty)} for the {last.season} Match; why "
        f"{target} now, and what have you done in {target} since?"
    )


def _step3_question(profile: Profile) -> str | None:
    history = exam_histories(profile).get("step3")
    if history and history.passed:
        passed = history.dates[history.results.index("pass")]
        return (
            f"You passed Step 3 in {_d(passed)}; if a program sponsors only the J-1, "
            "would you accept it?"
        )
    return None


def _of_file(build: Callable[[Profile], str | None]) -> Callable[[Profile, str], str | None]:
    """A question built from the file alone, whatever specialty the interview is for."""
    return lambda profile, _specialty: build(profile)


# per red flag, its question from the file (the profile and the interview's specialty)
_FACT_QUESTIONS: dict[str, Callable[[Profile, str], str | None]] = {
    **{flag: _of_file(_exam_question) for flag in EXAM_FLAGS},
    "unexplained-gap": lambda profile, _specialty: _gap_question(profile, "unexplained-gap"),
    "nonclinical-gap": lambda profile, _specialty: _gap_question(profile, "nonclinical-gap"),
    "old-graduate": _of_file(_graduation_question),
    "stale-clinical-activity": _of_file(_last_clinical_question),
    "professionalism": _of_file(_incident_question),
    "prior-residency": _of_file(_residency_question),
    "reapplicant": _of_file(_cycle_question),
    "visa-h1b": _of_file(_step3_question),
    "specialty-switch": _switch_question,
}


def fact_question(flag: RedFlag, profile: Profile, specialty: str) -> str | None:
    """The question about ``flag`` built from the profile's own facts, if it has them;
    ``specialty``: the one the interview is for."""
    build = _FACT_QUESTIONS.get(flag.id)
    return build(profile, specialty) if build else None
