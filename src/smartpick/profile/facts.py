"""Facts derived from a profile: pure functions the audit, the chance model and the planner share.

Months are counted in whole calendar months, both ends included (2023-01 to 2023-03
is 3 months). An experience without ``end`` is ongoing. Only months up to the season's
application date count for what the file shows when it goes out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from .model import Experience, Profile

T = TypeVar("T")

NON_CLINICAL_KINDS = frozenset({"exam-prep", "caregiving", "health", "other"})
CLINICAL_KINDS = frozenset({"clinical", "residency"})


@dataclass(frozen=True)
class ExamHistory:
    """Every attempt at one exam, in date order."""

    exam: str
    attempts: int
    failures: int
    passed: bool
    latest_score: int | None
    dates: tuple[dt.date, ...]
    results: tuple[str, ...]  # "pass" or "fail", same order as dates
    scores: tuple[int | None, ...]


@dataclass(frozen=True)
class ClinicalMonths:
    """US clinical months: hands-on (incl. US residency), observership, unspecified setting."""

    hands_on: int
    observership: int
    unspecified: int = 0
    by_specialty: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def total(self) -> int:
        return self.hands_on + self.observership + self.unspecified


@dataclass(frozen=True)
class Gap:
    """A period after graduation: ``uncovered`` (no entry) or ``non-clinical`` only."""

    kind: str
    start: dt.date
    end: dt.date
    months: int
    covered_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class LettersSummary:
    total: int
    us: int
    strong_us: int
    us_in_primary_specialty: int
    by_country: Mapping[str, int]
    by_specialty: Mapping[str, int]
    by_strength: Mapping[str, int]


def month_index(d: dt.date) -> int:
    """A month as one integer (year * 12 + month - 1)."""
    return d.year * 12 + d.month - 1


def month_date(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to ``end`` (end exclusive)."""
    return month_index(end) - month_index(start)


def application_date(profile: Profile) -> dt.date:
    """September of the year before the Match (the season's application date)."""
    return profile.application_date


def match_date(profile: Profile) -> dt.date:
    """March of the Match year (Match Day is in the third week of March)."""
    return profile.match_date


def years_since_graduation(profile: Profile) -> float:
    """Years from graduation to the Match, in months / 12."""
    return months_between(profile.medical_school.graduation, profile.match_date) / 12


def once(profile: Profile, compute: Callable[[Profile], T]) -> T:
    """``compute(profile)``, computed once per profile object and then shared (the audit,
    the chances, the plan and the what-if of one request read the same facts)."""
    cache: dict[Any, Any] = profile._derived
    if compute not in cache:
        cache[compute] = compute(profile)
    return cache[compute]


def exam_histories(profile: Profile) -> dict[str, ExamHistory]:
    """Per exam id: attempts, failures, whether passed, the latest score, dates."""
    return dict(once(profile, _exam_histories))


def _exam_histories(profile: Profile) -> Mapping[str, ExamHistory]:
    by_exam: dict[str, list] = {}
    for exam in sorted(profile.exams, key=lambda e: e.date):
        by_exam.setdefault(exam.exam, []).append(exam)
    return MappingProxyType({name: _history(name, a) for name, a in by_exam.items()})


def _history(name: str, attempts: list) -> ExamHistory:
    results = tuple("pass" if a.passed else "fail" for a in attempts)
    scored = [a.score for a in attempts if a.score is not None]
    return ExamHistory(
        exam=name,
        attempts=len(attempts),
        failures=results.count("fail"),
        passed="pass" in results,
        latest_score=scored[-1] if scored else None,
        dates=tuple(a.date for a in attempts),
        results=results,
        scores=tuple(a.score for a in attempts),
    )


def total_failures(profile: Profile) -> int:
    return sum(1 for exam in profile.exams if not exam.passed)


def step3_passed(profile: Profile) -> bool:
    history = exam_histories(profile).get("step3")
    return bool(history and history.passed)


def needs_visa(profile: Profile) -> bool:
    """A non-US citizen needs a visa unless the profile says ``visa: none``; unknown counts."""
    return profile.citizenship == "non-us" and profile.visa != "none"


def has_prior_residency(profile: Profile) -> bool:
    return any(exp.kind == "residency" for exp in profile.experiences)


def experience_months(profile: Profile, exp: Experience) -> set[int]:
    """The months an experience covers, up to the season's application date."""
    last = month_index(profile.application_date)
    end = month_index(exp.end) if exp.end is not None else last
    return set(range(month_index(exp.start), min(end, last) + 1))


def _us_setting(exp: Experience) -> str | None:
    if not exp.in_us:
        return None
    if exp.kind == "residency" or (exp.kind == "clinical" and exp.setting == "hands-on"):
        return "hands_on"
    if exp.kind == "observership" or exp.setting == "observership":
        return "observership"
    return "unspecified" if exp.kind == "clinical" else None


def us_clinical_months(profile: Profile) -> ClinicalMonths:
    """US clinical months by setting (overlaps counted once) and by specialty."""
    return once(profile, _us_clinical_months)


def _us_clinical_months(profile: Profile) -> ClinicalMonths:
    months: dict[str, set[int]] = {"hands_on": set(), "observership": set(), "unspecified": set()}
    by_specialty: dict[str, set[int]] = {}
    for exp in profile.experiences:
        setting = _us_setting(exp)
        if setting is None:
            continue
        covered = experience_months(profile, exp)
        months[setting] |= covered
        if exp.specialty:
            by_specialty.setdefault(exp.specialty, set()).update(covered)
    return ClinicalMonths(
        hands_on=len(months["hands_on"]),
        observership=len(months["observership"] - months["hands_on"]),
        unspecified=len(months["unspecified"] - months["hands_on"] - months["observership"]),
        by_specialty=MappingProxyType({k: len(v) for k, v in sorted(by_specialty.items())}),
    )


def last_clinical_end(profile: Profile) -> dt.date | None:
    """The month the last clinical or residency entry ended (the application date for one
    still going on, or ending later)."""
    app = month_index(profile.application_date)
    ends = [
        min(month_index(exp.end) if exp.end is not None else app, app)
        for exp in profile.experiences
        if exp.kind in CLINICAL_KINDS and month_index(exp.start) <= app
    ]
    return month_date(max(ends)) if ends else None


def months_since_clinical(profile: Profile) -> float | None:
    """Months from the end of the last clinical or residency entry to the application date."""
    end = last_clinical_end(profile)
    if end is None:
        return None
    return float(max(0, month_index(profile.application_date) - month_index(end)))


def timeline_gaps(profile: Profile) -> list[Gap]:
    """Runs of past months between graduation and the application date with no entry, or
    with only exam-prep, caregiving, health or other entries. The current month and later
    ones have not happened yet: they are never a gap."""
    return list(once(profile, _timeline_gaps))


def today() -> dt.date:
    """The real date (a test replaces it to fix the present)."""
    return dt.date.today()


def _timeline_gaps(profile: Profile) -> tuple[Gap, ...]:
    kinds_by_month: dict[int, set[str]] = {}
    for exp in profile.experiences:
        for month in experience_months(profile, exp):
            kinds_by_month.setdefault(month, set()).add(exp.kind)
    first = month_index(profile.medical_school.graduation) + 1
    last = min(month_index(profile.application_date), month_index(today())) - 1
    labels = [(m, _month_label(kinds_by_month.get(m, set()))) for m in range(first, last + 1)]
    return tuple(gap for gap in _runs(labels, kinds_by_month) if gap.kind != "covered")


def _month_label(kinds: set[str]) -> str:
    if not kinds:
        return "uncovered"
    return "non-clinical" if kinds <= NON_CLINICAL_KINDS else "covered"


def _runs(labels: list[tuple[int, str]], kinds_by_month: dict[int, set[str]]) -> Iterable[Gap]:
    start = 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i][1] != labels[start][1]:
            months = [m for m, _ in labels[start:i]]
            kinds = sorted(set().union(*(kinds_by_month.get(m, set()) for m in months)))
            yield Gap(
                kind=labels[start][1],
                start=month_date(months[0]),
                end=month_date(months[-1]),
                months=len(months),
                covered_by=tuple(kinds),
            )
            start = i


def letters_summary(profile: Profile) -> LettersSummary:
    """Letters by country, writer specialty and strength; strong US letters counted."""
    return once(profile, _letters_summary)


def _letters_summary(profile: Profile) -> LettersSummary:
    letters = profile.letters
    us = [letter for letter in letters if letter.from_us]
    primary = profile.targets.primary
    return LettersSummary(
        total=len(letters),
        us=len(us),
        strong_us=sum(1 for letter in us if letter.strength == "strong"),
        us_in_primary_specialty=sum(1 for letter in us if letter.writer_specialty == primary),
        by_country=_count(("US" if x.from_us else x.country or "unknown") for x in letters),
        by_specialty=_count(x.writer_specialty or "unknown" for x in letters),
        by_strength=_count(x.strength for x in letters),
    )


def _count(values: Iterable[str]) -> Mapping[str, int]:
    return MappingProxyType(dict(sorted(Counter(values).items())))
