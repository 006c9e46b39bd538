"""Checks across fields of a validated profile (dates in order, scores in range, ids known)."""

from __future__ import annotations

import datetime as dt

from ..errors import ProfileError, UnknownSpecialtyError
from ..specialties import check_clinical_area, get_specialty
from .model import EXAM_NAMES, Exam, Profile

STEP1_PASS_FAIL_FROM = dt.date(2022, 1, 26)  # rules_and_dates.csv (usmle.org)
USMLE_SCORE_RANGE = (1, 300)
COMLEX_SCORE_RANGE = (1, 999)
# USMLE attempt limit (rules_and_dates.csv, usmle.org): 4 or more attempts at a Step without
# a pass make an examinee ineligible for any Step, for applications from 2021-07-01
USMLE_ATTEMPT_LIMIT = 4
ATTEMPT_LIMIT_FROM = dt.date(2021, 7, 1)
USMLE_STEPS = ("step1", "step2ck", "step3")
MATCH_MONTH = 3  # Match Day is in March of the Match year (NRMP)
LATEST_GRADUATION_MONTH = 6  # residency starts July 1 of the Match year (NRMP)


def _ym(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def check_profile(profile: Profile, today: dt.date | None = None) -> None:
    """Raise the first cross-field problem as a ProfileError with its path.

    ``today`` (default: the real date) bounds what has already happened: an exam
    result, an English test or an incident cannot be dated after this month.
    """
    this_month = (today or dt.date.today()).replace(day=1)
    _check_school(profile)
    _check_visa(profile)
    if profile.english is not None:
        _check_past(profile.english.date, this_month, "english.date", "an English test")
    for i, exam in enumerate(profile.exams):
        _check_exam(profile, exam, f"exams[{i}]")
        _check_past(exam.date, this_month, f"exams[{i}].date", "an exam attempt")
    _check_attempt_limit(profile)
    _check_ecfmg(profile)
    for i, incident in enumerate(profile.incidents):
        _check_past(incident.date, this_month, f"incidents[{i}].date", "an incident")
    for i, exp in enumerate(profile.experiences):
        _check_period(exp.start, exp.end, f"experiences[{i}]")
        _check_starts_before_application(profile, exp.start, f"experiences[{i}].start")
        if exp.specialty is not None:
            _check_area(exp.specialty, f"experiences[{i}].specialty")
    for i, letter in enumerate(profile.letters):
        if letter.writer_specialty is not None:
            _check_area(letter.writer_specialty, f"letters[{i}].writer_specialty")
    for i, cycle in enumerate(profile.previous_cycles):
        _check_specialty(cycle.specialty, f"previous_cycles[{i}].specialty")
        _check_cycle(profile, cycle.season, cycle.interviews, cycle.applications, i)
        _check_match_happened(cycle.season, this_month, f"previous_cycles[{i}].season")
    _check_specialty(profile.targets.primary, "targets.primary")
    for i, backup in enumerate(profile.targets.backups):
        _check_specialty(backup, f"targets.backups[{i}]")
    _check_backup_values(profile)


def _check_attempt_limit(profile: Profile) -> None:
    """No USMLE attempt from July 2021 after four attempts at the Step without a pass."""
    for step in USMLE_STEPS:
        attempts = sorted((e.date, i, e) for i, e in enumerate(profile.exams) if e.exam == step)
        failed = 0
        for date, i, exam in attempts:
            if failed >= USMLE_ATTEMPT_LIMIT and date >= ATTEMPT_LIMIT_FROM:
                raise ProfileError(
                    f"attempt {failed + 1} at {EXAM_NAMES[step]} after {failed} without a "
                    f"pass: from July 2021 USMLE allows no attempt after {USMLE_ATTEMPT_LIMIT}",
                    path=f"exams[{i}].date",
                    hint=f"check the dates and results of the {EXAM_NAMES[step]} attempts",
                )
            if exam.passed:
                break
            failed += 1


def _check_ecfmg(profile: Profile) -> None:
    """ECFMG certification needs Step 1 and Step 2 CK passed (rules_and_dates.csv, ECFMG):
    a certified profile whose every listed attempt at one of them failed contradicts it."""
    if not profile.ecfmg_certified:
        return
    for step in ("step1", "step2ck"):
        tried = [e for e in profile.exams if e.exam == step]
        if tried and not any(e.passed for e in tried):
            raise ProfileError(
                f"ECFMG certification needs {EXAM_NAMES[step]} passed, and every "
                f"{EXAM_NAMES[step]} attempt listed failed",
                path="ecfmg_certified",
                hint=f"set ecfmg_certified: false, or add the passing {EXAM_NAMES[step]} attempt",
            )


def _check_backup_values(profile: Profile) -> None:
    """``preferences.backup_value`` given per specialty names only the profile's backups."""
    values = profile.preferences.backup_value
    if not isinstance(values, dict):
        return
    for name in values:
        if name not in profile.targets.backups:
            raise ProfileError(
                f"{name!r} is not one of the backup specialties",
                path=f"preferences.backup_value.{name}",
                hint="give a value for a specialty listed in targets.backups, "
                "or one number for every backup",
            )


def _check_school(profile: Profile) -> None:
    school = profile.medical_school
    if school.start is not None and school.graduation < school.start:
        raise ProfileError(
            "graduation is before the start of medical school",
            path="medical_school.graduation",
            hint="check both dates (YYYY-MM)",
        )
    latest = dt.date(profile.season, LATEST_GRADUATION_MONTH, 1)
    if school.graduation > latest:
        raise ProfileError(
            f"graduation after {_ym(latest)}: residency for the {profile.season} Match "
            "starts in July, after graduation",
            path="medical_school.graduation",
            hint="check the graduation date, or set season: to a later Match year",
        )


def _check_visa(profile: Profile) -> None:
    if profile.citizenship == "us" and profile.visa not in (None, "none"):
        raise ProfileError(
            f"a US citizen needs no visa, but visa is {profile.visa}",
            path="visa",
            hint="write visa: none, or citizenship: non-us (a green card holder is non-us "
            "with visa: none)",
        )


def _check_past(date: dt.date | None, this_month: dt.date, path: str, what: str) -> None:
    if date is not None and date > this_month:
        raise ProfileError(
            f"{what} dated in the future (after {_ym(this_month)})",
            path=path,
            hint="list only what has already happened, with its result",
        )


def _check_starts_before_application(profile: Profile, start: dt.date, path: str) -> None:
    if start > profile.application_date:
        raise ProfileError(
            "starts after the season's application date "
            f"({_ym(profile.application_date)}): programs will not see it",
            path=path,
            hint="leave it out, or set season: to a later Match year",
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


def _check_match_happened(season: int, this_month: dt.date, path: str) -> None:
    match_day_month = dt.date(season, MATCH_MONTH, 1)
    if match_day_month > this_month:
        raise ProfileError(
            f"the {season} Match has not happened yet (Match Day is in March {season})",
            path=path,
            hint="list only cycles whose result you know",
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
