"""What every detector reads: the profile, the target specialty and the profile's derived
facts (computed once), and the small formatting helpers of their evidence lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..profile import EXAM_NAMES, Profile, facts


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


def incident_line(incident) -> str:
    when = f" {ym(incident.date)}" if incident.date else ""
    state = {True: "remediated", False: "not remediated", None: "remediation not stated"}
    return f"{incident.kind}{when}, {state[incident.remediated]}"


def count_text(value: int | None, noun: str) -> str:
    return f"{noun}s unknown" if value is None else plural(value, noun)
