"""Each red-flag rule on small profiles: fires on its trigger, stays quiet just below it."""

from __future__ import annotations

import pytest

from smartpick.audit import audit, flag_ids, load_rules, overall_severity
from smartpick.profile import Profile

US_HANDS_ON = {
    "kind": "clinical",
    "setting": "hands-on",
    "specialty": "anesthesiology",
    "country": "US",
    "start": "2026-01",
}
STRONG_US = {"writer_specialty": "anesthesiology", "country": "US", "strength": "strong"}


def base(**changes) -> dict:
    """A file with no red flag for anesthesiology (season 2028, application 2027-09)."""
    data = {
        "season": 2028,
        "citizenship": "us",
        "visa": "none",
        "medical_school": {"country": "US", "graduation": "2025-05"},
        "exams": [{"exam": "step2ck", "score": 255, "date": "2024-06"}],
        "experiences": [dict(US_HANDS_ON, start="2025-06")],
        "letters": [STRONG_US, STRONG_US],
        "targets": {"primary": "anesthesiology"},
    }
    data.update(changes)
    return data


def flags(data: dict, specialty: str | None = None) -> dict[str, int]:
    result = audit(Profile.model_validate(data), specialty)
    return {f.id: f.severity for f in result.red_flags}


def fail(exam: str, date: str) -> dict:
    return {"exam": exam, "result": "fail", "date": date}


def test_base_has_no_flag():
    assert flags(base()) == {}


CASES = [
    # (flag id, changes that fire it, changes just short of the trigger)
    (
        "exam-failure",
        {"exams": [fail("step1", "2022-05"), {"exam": "step2ck", "score": 255, "date": "2024-06"}]},
        {},
    ),
    (
        "multiple-attempts",
        {
            "exams": [
                fail("step1", "2022-05"),
                fail("step1", "2022-09"),
                {"exam": "step2ck", "score": 255, "date": "2024-06"},
            ]
        },
        {"exams": [fail("step1", "2022-05"), {"exam": "step2ck", "score": 255, "date": "2024-06"}]},
    ),
    (
        "attempts-near-limit",
        {
            "exams": [
                fail("step2ck", "2024-01"),
                fail("step2ck", "2024-06"),
                fail("step2ck", "2025-01"),
            ]
        },
        {
            "exams": [
                fail("step2ck", "2024-01"),
                fail("step2ck", "2024-06"),
                {"exam": "step2ck", "score": 250, "date": "2025-01"},
            ]
        },
    ),
    (
        "low-step2ck",
        {"exams": [{"exam": "step2ck", "score": 242, "date": "2024-06"}]},
        {"exams": [{"exam": "step2ck", "score": 243, "date": "2024-06"}]},
    ),
    (
        "low-step1",
        {
            "exams": [
                {"exam": "step1", "score": 219, "date": "2021-06"},
                {"exam": "step2ck", "score": 255, "date": "2024-06"},
            ]
        },
        {
            "exams": [
                {"exam": "step1", "score": 220, "date": "2021-06"},
                {"exam": "step2ck", "score": 255, "date": "2024-06"},
            ]
        },
    ),
    ("no-step2ck", {"exams": [{"exam": "step1", "result": "pass", "date": "2023-01"}]}, {}),
    (
        "old-graduate",
        {"medical_school": {"country": "US", "graduation": "2023-02"}},
        {"medical_school": {"country": "US", "graduation": "2023-03"}},
    ),
    (
        "unexplained-gap",
        {"experiences": [dict(US_HANDS_ON, start="2025-09")]},
        {"experiences": [dict(US_HANDS_ON, start="2025-08")]},
    ),
    (
        "nonclinical-gap",
        {
            "experiences": [
                {"kind": "exam-prep", "start": "2025-06", "end": "2025-11"},
                dict(US_HANDS_ON, start="2025-12"),
            ]
        },
        {
            "experiences": [
                {"kind": "exam-prep", "start": "2025-06", "end": "2025-10"},
                dict(US_HANDS_ON, start="2025-11"),
            ]
        },
    ),
    (
        "stale-clinical-activity",
        {
            "experiences": [
                dict(US_HANDS_ON, start="2025-06", end="2026-08"),
                {
                    "kind": "research",
                    "specialty": "anesthesiology",
                    "country": "US",
                    "start": "2026-09",
                },
            ]
        },
        {
            "experiences": [
                dict(US_HANDS_ON, start="2025-06", end="2026-09"),
                {
                    "kind": "research",
                    "specialty": "anesthesiology",
                    "country": "US",
                    "start": "2026-10",
                },
            ]
        },
    ),
    ("academic-failure", {"incidents": [{"kind": "clerkship-failure", "remediated": True}]}, {}),
    ("repeated-year", {"incidents": [{"kind": "repeated-year"}]}, {}),
    ("professionalism", {"incidents": [{"kind": "integrity", "remediated": True}]}, {}),
    (
        "prior-residency",
        {"experiences": [dict(US_HANDS_ON, start="2025-06", kind="residency", completed=False)]},
        {"experiences": [dict(US_HANDS_ON, start="2025-06", kind="residency", completed=True)]},
    ),
    (
        "reapplicant",
        {"previous_cycles": [{"season": 2026, "specialty": "anesthesiology", "matched": False}]},
        {"previous_cycles": [{"season": 2026, "specialty": "anesthesiology", "matched": True}]},
    ),
    (
        "specialty-switch",
        {"previous_cycles": [{"season": 2026, "specialty": "psychiatry", "matched": True}]},
        {"previous_cycles": [{"season": 2026, "specialty": "anesthesiology", "matched": True}]},
    ),
    (
        "limited-usce",
        {
            "experiences": [
                dict(US_HANDS_ON, start="2025-06", end="2025-07"),
                dict(US_HANDS_ON, kind="observership", setting=None, start="2025-08"),
            ]
        },
        {
            "experiences": [
                dict(US_HANDS_ON, start="2025-06", end="2025-08"),
                dict(US_HANDS_ON, kind="observership", setting=None, start="2025-09"),
            ]
        },
    ),
    (
        "no-specialty-exposure",
        {"experiences": [dict(US_HANDS_ON, start="2025-06", specialty="internal-medicine")]},
        {},
    ),
    ("no-us-letters", {"letters": [dict(STRONG_US, country="India")] * 2}, {}),
    ("weak-letters", {"letters": [STRONG_US, dict(STRONG_US, strength="average")]}, {}),
    (
        "visa-sponsorship",
        {"citizenship": "non-us", "visa": "j1"},
        {"citizenship": "non-us", "visa": "none"},
    ),
    ("visa-h1b", {"citizenship": "non-us", "visa": "h1b"}, {"citizenship": "non-us", "visa": "j1"}),
    (
        "english-proficiency",
        {"english": {"test": "oet", "result": "fail"}},
        {"english": {"test": "oet", "result": "pass"}},
    ),
    (
        "ecfmg-pending",
        {"medical_school": {"country": "India", "graduation": "2025-05"}},
        {"medical_school": {"country": "India", "graduation": "2025-05"}, "ecfmg_certified": True},
    ),
]


def test_every_flag_has_a_case():
    assert {case[0] for case in CASES} == set(flag_ids())


@pytest.mark.parametrize("flag_id, fires, short", CASES, ids=[c[0] for c in CASES])
def test_rule_fires_on_its_trigger_and_not_below(flag_id, fires, short):
    assert flag_id in flags(base(**fires))
    assert flag_id not in flags(base(**short))


@pytest.mark.parametrize(
    "specialty, score, fires",
    [
        ("anesthesiology", 242, True),
        ("anesthesiology", 243, False),  # q1 243 (CO 2026)
        ("internal-medicine", 239, True),
        ("internal-medicine", 240, False),  # q1 240
        ("interventional-radiology", 252, True),  # q1 253
        ("transitional-year", 229, True),
        ("transitional-year", 230, False),
    ],  # no band: 230
)
def test_step2ck_bands_come_from_charting_outcomes(specialty, score, fires):
    data = base(
        exams=[{"exam": "step2ck", "score": score, "date": "2024-06"}],
        targets={"primary": specialty},
    )
    assert ("low-step2ck" in flags(data)) is fires


@pytest.mark.parametrize(
    "flag_id, lower, higher",
    [
        (
            "low-step2ck",
            {"exams": [{"exam": "step2ck", "score": 240, "date": "2024-06"}]},
            {"exams": [{"exam": "step2ck", "score": 225, "date": "2024-06"}]},
        ),
        (
            "old-graduate",
            {"medical_school": {"country": "US", "graduation": "2022-01"}},
            {"medical_school": {"country": "US", "graduation": "2018-01"}},
        ),
    ],
)
def test_severity_grows_with_distance(flag_id, lower, higher):
    assert flags(base(**lower))[flag_id] < flags(base(**higher))[flag_id]


def _stacked(interview: str = "average", failures: int = 2, visa: str = "j1") -> dict:
    exams = [fail("step1", f"201{i}-05") for i in range(failures)]
    exams.append({"exam": "step1", "result": "pass", "date": "2017-01"})
    exams.append({"exam": "step2ck", "score": 255, "date": "2018-06"})
    return base(
        citizenship="non-us",
        visa=visa,
        exams=exams,
        ecfmg_certified=True,
        medical_school={"country": "India", "graduation": "2019-05"},
        interview_skill=interview,
    )


def test_stack_attempts_old_graduate_visa_reads_worse_than_one_by_one():
    alone_attempts = flags(_stacked(visa="none"))
    stacked = flags(_stacked())
    assert stacked["multiple-attempts"] > alone_attempts["multiple-attempts"]
    assert stacked["old-graduate"] > alone_attempts["old-graduate"]
    assert (
        overall_severity(list(stacked.values()))
        > overall_severity(list(alone_attempts.values())) + stacked["visa-sponsorship"] * 0.1
    )


def test_stack_professionalism_weak_interview():
    incident = [{"kind": "professionalism", "remediated": True}]
    average = flags(base(incidents=incident, interview_skill="average"))
    weak = flags(base(incidents=incident, interview_skill="weak"))
    assert weak["professionalism"] == average["professionalism"] + 20


def test_findings_are_ordered_largest_then_most_objective():
    result = audit(Profile.model_validate(_stacked()))
    severities = [f.severity for f in result.red_flags]
    assert severities == sorted(severities, reverse=True)
    assert result.red_flags[0].id in {"old-graduate", "multiple-attempts", "exam-failure"}


def test_rule_file_is_valid_and_complete():
    rules = load_rules()
    for rule in rules.flags.values():
        assert rule.pd_fears and rule.where_to_address and rule.interview_questions
        assert rule.counter_evidence and rule.threshold.source
        assert rule.threshold.basis in {"published", "practitioner"}


def test_evidence_names_dates():
    data = base(
        exams=[
            fail("step1", "2017-05"),
            {"exam": "step1", "result": "pass", "date": "2017-11"},
            {"exam": "step2ck", "score": 255, "date": "2024-06"},
        ],
        medical_school={"country": "US", "start": "2015-01", "graduation": "2025-05"},
    )
    result = audit(Profile.model_validate(data))
    failure = next(f for f in result.red_flags if f.id == "exam-failure")
    assert failure.evidence == ("Step 1: fail 2017-05, pass 2017-11",)


@pytest.mark.parametrize(
    ("today", "fires"),
    [
        ("2026-06-20", False),  # June, the month the gap would start, is still under way
        ("2026-08-15", False),  # June and July: 2 past months, short of the trigger (3)
        ("2026-09-15", True),  # June to August: 3 past months with no entry
        ("2027-12-01", True),  # after the application date: a gap up to it
    ],
)
def test_future_months_are_not_an_unexplained_gap(monkeypatch, today, fires):
    """Regression (issue 18): a job ending in May 2026 for the 2028 season (application
    2027-09) was a 15-month 'unexplained gap', most of it still in the future."""
    import datetime as dt

    from smartpick.profile import facts

    monkeypatch.setattr(facts, "today", lambda: dt.date.fromisoformat(today))
    ended = {"experiences": [dict(US_HANDS_ON, start="2025-06", end="2026-05")]}
    assert ("unexplained-gap" in flags(base(**ended))) is fires
