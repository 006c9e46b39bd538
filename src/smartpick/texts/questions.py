"""Interview questions from the applicant's own file, and the checks that keep a question fit.

* ``fact_questions``: for each red flag, a question built from the profile's own facts and
  dates (the failed attempts and the pass, the gap's months, the incident's date, the residency
  left, the last cycle), asked before the seed questions of ``data/red_flags.yaml``;
* ``unfit``: why a seed question does not fit this applicant (it asks about something the
  file already shows done, or about a situation the file does not have), or None;
* ``specialty_alternatives``: "internal medicine or surgery" without the specialty itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from ..audit import RedFlag
from ..profile import EXAM_NAMES, Profile
from ..profile.checks import USMLE_ATTEMPT_LIMIT
from ..profile.facts import exam_histories, step3_passed, timeline_gaps

EXAM_FLAGS = frozenset({"exam-failure", "multiple-attempts", "attempts-near-limit"})
GAP_FLAGS = frozenset(
    {"unexplained-gap", "nonclinical-gap", "old-graduate", "stale-clinical-activity"}
)
DEFAULT_ALTERNATIVES = ("internal medicine", "surgery", "family medicine")


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


def _gap_question(profile: Profile) -> str | None:
    gaps = timeline_gaps(profile)
    if not gaps:
        return None
    gap = max(gaps, key=lambda g: g.months)
    kinds = " and ".join(_KIND_WORDS.get(k, k) for k in gap.covered_by)
    cover = f", with only {kinds} in it" if gap.covered_by else ""
    return (
        f"Your timeline shows {gap.months} months from {_d(gap.start)} to {_d(gap.end)}"
        f"{cover}; walk us through that time and how you kept your clinical skills."
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
            field = f"{specialty_name(exp.specialty)} " if exp.specialty else ""
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
        counts = f" with {last.applications} applications and {last.interviews} interviews"
    return (
        f"You applied to {specialty_name(last.specialty)} for {last.season}{counts} and did "
        "not match; "
        "what is different in this application?"
    )


def _switch_question(profile: Profile, specialty: str) -> str | None:
    """The other field the file shows (a residency in it, else the last application to it),
    as the audit's specialty-switch counts them."""
    target = specialty_name(specialty)
    for exp in profile.experiences:
        if exp.kind == "residency" and exp.specialty and exp.specialty != specialty:
            return (
                f"You trained in {specialty_name(exp.specialty)} from {_d(exp.start)} to "
                f"{_d(exp.end)}; why {target} now, and what have you done in {target} since?"
            )
    earlier = [c for c in profile.previous_cycles if c.specialty != specialty]
    if not earlier:
        return None
    last = max(earlier, key=lambda c: c.season)
    return (
        f"You applied to {specialty_name(last.specialty)} for the {last.season} Match; why "
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


_FACT_QUESTIONS: dict[str, Callable[[Profile], str | None]] = {
    **{flag: _exam_question for flag in EXAM_FLAGS},
    **{flag: _gap_question for flag in GAP_FLAGS},
    "professionalism": _incident_question,
    "prior-residency": _residency_question,
    "reapplicant": _cycle_question,
    "visa-h1b": _step3_question,
}


def fact_question(flag: RedFlag, profile: Profile, specialty: str) -> str | None:
    """The question about ``flag`` built from the profile's own facts, if it has them;
    ``specialty``: the one the interview is for."""
    if flag.id == "specialty-switch":
        return _switch_question(profile, specialty)
    build = _FACT_QUESTIONS.get(flag.id)
    return build(profile) if build else None


def specialty_name(specialty: str) -> str:
    """The specialty's name as a sentence says it ("general surgery"), or the id as words."""
    from ..errors import UnknownSpecialtyError
    from ..specialties import get_specialty

    try:
        return get_specialty(specialty).spoken_name
    except UnknownSpecialtyError:
        return specialty.replace("-", " ")


def _no_pass_after_failure(profile: Profile) -> bool:
    return not any(h.failures and h.passed for h in exam_histories(profile).values())


def _exam_prep_in_gap(profile: Profile) -> bool:
    return any("exam-prep" in g.covered_by for g in timeline_gaps(profile))


def _all_exams_passed(profile: Profile) -> bool:
    return all(h.passed for h in exam_histories(profile).values())


def _no_incident_in_school(profile: Profile) -> bool:
    """No incident dated up to graduation: the MSPE (the school's letter) shows none."""
    graduation = profile.medical_school.graduation
    return not any(i.date is not None and i.date <= graduation for i in profile.incidents)


def _no_earlier_application_elsewhere(profile: Profile, specialty: str) -> bool:
    return all(c.specialty == specialty for c in profile.previous_cycles)


# (pattern in a seed question, why it does not fit, test on the profile and the specialty
# the interview is for)
_UNFIT: tuple[tuple[re.Pattern[str], str, Callable[[Profile, str], bool]], ...] = (
    (
        re.compile(r"when will you have passed step 3", re.I),
        "Step 3 passed",
        lambda p, _: step3_passed(p),
    ),
    (
        re.compile(r"ecfmg certification be complete", re.I),
        "ECFMG certified",
        lambda p, _: p.ecfmg_certified is True,
    ),
    (re.compile(r"remaining exam", re.I), "every exam passed", lambda p, _: _all_exams_passed(p)),
    (
        re.compile(r"the attempt you passed", re.I),
        "no pass yet",
        lambda p, _: _no_pass_after_failure(p),
    ),
    (
        re.compile(r"while preparing for your exams", re.I),
        "no exam preparation in the gap",
        lambda p, _: not _exam_prep_in_gap(p),
    ),
    (
        re.compile(r"train in the united states", re.I),
        "a US citizen",
        lambda p, _: p.citizenship == "us",
    ),
    (
        re.compile(r"your mspe mentions", re.I),
        "no incident during medical school",
        lambda p, _: _no_incident_in_school(p),
    ),
    (
        re.compile(r"the one you applied to before", re.I),
        "no earlier application in another specialty",
        _no_earlier_application_elsewhere,
    ),
)


def unfit(question: str, profile: Profile, specialty: str) -> str | None:
    """Why ``question`` does not fit this applicant interviewing for ``specialty`` (already
    done, or not their situation), or None."""
    for pattern, why, applies in _UNFIT:
        if pattern.search(question) and applies(profile, specialty):
            return why
    return None


def specialty_alternatives(name: str, backups: list[str]) -> str:
    """Two other fields for "Why X rather than ...?": the backups' names first, never X."""
    lowered = name.lower()
    options = [b.lower() for b in backups] + list(DEFAULT_ALTERNATIVES)
    chosen: list[str] = []
    for option in options:
        if option in lowered or lowered in option or option in chosen:
            continue
        chosen.append(option)
    return " or ".join(chosen[:2])
