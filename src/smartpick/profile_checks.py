"""Checks across fields of a validated profile (dates in order, scores in range, ids known)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .errors import ProfileError, UnknownSpecialtyError
from .specialties import check_clinical_area, get_specialty

if TYPE_CHECKING:
    from .profile import Exam, Profile

STEP1_PASS_FAIL_FROM = dt.date(2022, 1, 26)  # rules_and_dates.csv (usmle.org)
USMLE_SCORE_RANGE = (1, 300)
COMLEX_SCORE_RANGE = (1, 999)


def _ym(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def check_profile(profile: Profile) -> None:
    """Raise the first cross-field problem as a ProfileError with its path."""
    _check_school(profile)
    for i, exam in enumerate(profile.exams):
        _check_exam(profile, exam, f"exams[{i}]")
    for i, exp in enumerate(profile.experiences):
        _check_period(exp.start, exp.end, f"experiences[{i}]")
        if exp.specialty is not None:
            _check_area(exp.specialty, f"experiences[{i}].specialty")
    for i, letter in enumerate(profile.letters):
        if letter.writer_specialty is not None:
            _check_area(letter.writer_specialty, f"letters[{i}].writer_specialty")
    for i, cycle in enumerate(profile.previous_cycles):
        _check_specialty(cycle.specialty, f"previous_cycles[{i}].specialty")
        _check_cycle(profile, cycle.season, cycle.interviews, cycle.applications, i)
    _check_specialty(profile.targets.primary, "targets.primary")
    for i, backup in enumerate(profile.targets.backups):
        _check_specialty(backup, f"targets.backups[{i}]")


def _check_school(profile: Profile) -> None:
    school = profile.medical_school
    if school.start is not None and school.graduation < school.start:
        raise ProfileError(
            "graduation is before the start of medical school",
            path="medical_school.graduation",
            hint="check both dates (YYYY-MM)",
        )


def _check_exam(profile: Profile, exam: Exam, path: str) -> None:
    low, high = COMLEX_SCORE_RANGE if exam.exam.startswith("comlex") else USMLE_SCORE_RANGE
    if exam.score is not None and not low <= exam.score <= high:
        raise ProfileError(
            f"score must be between {low} and {high}",
            path=f"{path}.score",
            hint="USMLE Step scores are three-digit numbers up to 300, e.g. 232",
        )
    if exam.exam == "step1" and exam.score is not None and exam.date > STEP1_PASS_FAIL_FROM:
        raise ProfileError(
            "Step 1 taken on or after 2022-01-26 is reported pass/fail only, not as a score",
            path=f"{path}.score",
            hint="replace the score with result: pass or result: fail",
        )
    start = profile.medical_school.start
    if start is not None and exam.date < start:
        raise ProfileError(
            f"exam dated before medical school started ({_ym(start)})",
            path=f"{path}.date",
            hint="check the exam date and medical_school.start",
        )
    if exam.date > profile.application_date:
        raise ProfileError(
            f"exam dated after the season's application date ({_ym(profile.application_date)})",
            path=f"{path}.date",
            hint="list only attempts already taken, or set season: to a later Match year",
        )


def _check_period(start: dt.date, end: dt.date | None, path: str) -> None:
    if end is not None and end < start:
        raise ProfileError(
            "end is before start", path=f"{path}.end", hint="check both dates (YYYY-MM)"
        )


def _check_cycle(
    profile: Profile, season: int, interviews: int | None, applications: int | None, i: int
) -> None:
    if season >= profile.season:
        raise ProfileError(
            f"a previous cycle must be before this season ({profile.season})",
            path=f"previous_cycles[{i}].season",
            hint="give the Match year of the earlier attempt",
        )
    if interviews is not None and applications is not None and interviews > applications:
        raise ProfileError(
            "more interviews than applications",
            path=f"previous_cycles[{i}].interviews",
            hint="check both counts",
        )


def _check_specialty(specialty_id: str, path: str) -> None:
    try:
        get_specialty(specialty_id, path=path)
    except UnknownSpecialtyError as exc:
        raise ProfileError(exc.message, path=path, hint=exc.hint) from None


def _check_area(area_id: str, path: str) -> None:
    try:
        check_clinical_area(area_id, path=path)
    except UnknownSpecialtyError as exc:
        raise ProfileError(exc.message, path=path, hint=exc.hint) from None
