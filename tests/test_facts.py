"""Derived facts: each expected value worked out by hand from the small profiles below."""

from __future__ import annotations

import datetime as dt

import pytest

from smartpick.profile import Profile, facts


def make(**changes) -> Profile:
    data = {
        "season": 2028,
        "citizenship": "non-us",
        "visa": "j1",
        "medical_school": {"country": "India", "graduation": "2019-06"},
        "targets": {"primary": "anesthesiology"},
    }
    data.update(changes)
    return Profile.model_validate(data)


def exp(kind, start, end=None, **kw):
    return {"kind": kind, "start": start, **({"end": end} if end else {}), **kw}


def test_dates_of_the_season():
    p = make()
    assert facts.application_date(p) == dt.date(2027, 9, 1)
    assert facts.match_date(p) == dt.date(2028, 3, 1)


@pytest.mark.parametrize(
    "graduation, season, years",
    [("2019-06", 2028, 8.75), ("2023-03", 2028, 5.0), ("2027-05", 2028, 0.8333333333333334)],
)
def test_years_since_graduation_at_the_match(graduation, season, years):
    p = make(season=season, medical_school={"country": "X", "graduation": graduation})
    assert facts.years_since_graduation(p) == pytest.approx(years)


def test_exam_histories_and_failures():
    p = make(
        exams=[
            {"exam": "step1", "result": "pass", "date": "2017-11"},
            {"exam": "step1", "result": "fail", "date": "2017-05"},
            {"exam": "step2ck", "score": 228, "date": "2018-09"},
            {"exam": "step2ck", "score": 241, "date": "2019-09"},
            {"exam": "step3", "result": "fail", "score": 190, "date": "2023-02"},
        ]
    )
    h = facts.exam_histories(p)
    assert (h["step1"].attempts, h["step1"].failures, h["step1"].passed) == (2, 1, True)
    assert h["step1"].results == ("fail", "pass")
    assert h["step1"].latest_score is None
    assert h["step2ck"].latest_score == 241
    assert (h["step3"].passed, h["step3"].failures) == (False, 1)
    assert facts.total_failures(p) == 2
    assert not facts.step3_passed(p)


@pytest.mark.parametrize(
    "citizenship, visa, needs",
    [
        ("non-us", "j1", True),
        ("non-us", "h1b", True),
        ("non-us", "none", False),
        ("non-us", None, True),
        ("us", None, False),
        ("us", "none", False),
    ],
)
def test_needs_visa(citizenship, visa, needs):
    assert facts.needs_visa(make(citizenship=citizenship, visa=visa)) is needs


def test_us_clinical_months_split_and_overlap_counted_once():
    p = make(
        experiences=[
            exp(
                "clinical",
                "2023-01",
                "2023-03",
                setting="hands-on",
                country="US",
                specialty="anesthesiology",
            ),
            exp(
                "clinical",
                "2023-03",
                "2023-04",
                setting="hands-on",
                country="US",
                specialty="internal-medicine",
            ),
            exp("observership", "2023-05", "2023-06", country="US", specialty="anesthesiology"),
            exp("clinical", "2020-01", "2020-12", setting="hands-on", country="India"),
            exp("research", "2023-07", "2024-06", country="US", specialty="anesthesiology"),
        ]
    )
    months = facts.us_clinical_months(p)
    assert (months.hands_on, months.observership, months.unspecified) == (4, 2, 0)
    assert dict(months.by_specialty) == {"anesthesiology": 5, "internal-medicine": 2}


@pytest.mark.parametrize(
    "experiences, expected",
    [
        ([], None),
        ([exp("clinical", "2020-01", "2020-12")], 81.0),  # 2020-12 -> 2027-09
        ([exp("residency", "2025-01", "2026-09")], 12.0),
        ([exp("clinical", "2026-01")], 0.0),  # ongoing
        ([exp("observership", "2027-01", "2027-06")], None),  # observership is not clinical
    ],
)
def test_months_since_clinical(experiences, expected):
    assert facts.months_since_clinical(make(experiences=experiences)) == expected


def test_timeline_gaps_uncovered_and_non_clinical():
    p = make(
        season=2022,  # application date 2021-09; graduation 2019-06
        experiences=[
            exp("clinical", "2019-07", "2019-12"),
            exp("exam-prep", "2020-01", "2020-08"),
            exp("research", "2021-01", "2021-08"),
        ],
    )
    gaps = facts.timeline_gaps(p)
    assert [(g.kind, g.start, g.end, g.months) for g in gaps] == [
        ("non-clinical", dt.date(2020, 1, 1), dt.date(2020, 8, 1), 8),
        ("uncovered", dt.date(2020, 9, 1), dt.date(2020, 12, 1), 4),
    ]
    assert gaps[0].covered_by == ("exam-prep",)


def test_no_gap_when_the_timeline_is_full():
    p = make(season=2022, experiences=[exp("clinical", "2019-07")])
    assert facts.timeline_gaps(p) == []


def test_letters_summary():
    p = make(
        letters=[
            {"writer_specialty": "anesthesiology", "country": "US", "strength": "strong"},
            {"writer_specialty": "internal-medicine", "country": "USA", "strength": "average"},
            {"writer_specialty": "anesthesiology", "country": "India", "strength": "strong"},
            {"country": "US"},
        ]
    )
    s = facts.letters_summary(p)
    assert (s.total, s.us, s.strong_us, s.us_in_primary_specialty) == (4, 3, 1, 1)
    assert dict(s.by_country) == {"India": 1, "US": 3}
    assert dict(s.by_strength) == {"average": 1, "strong": 2, "unknown": 1}
    assert dict(s.by_specialty) == {"anesthesiology": 2, "internal-medicine": 1, "unknown": 1}


def test_prior_residency():
    assert not facts.has_prior_residency(make())
    assert facts.has_prior_residency(make(experiences=[exp("residency", "2019-07", "2020-06")]))
