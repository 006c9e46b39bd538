"""Committee view: labels, what moves a borderline file, and what nothing moves."""

from __future__ import annotations

import pytest

from smartpick.audit import audit, committee_rules
from smartpick.profile import Profile
from test_redflags import STRONG_US, base

ADVOCATE = {"program": "1234040C0", "strength": "strong"}  # 040 = anesthesiology


def view(data: dict, specialty: str | None = None):
    return audit(Profile.model_validate(data), specialty).committee


# base(): Step 2 CK 255 = anesthesiology median (0.75 x 25 = 18.75), 28 hands-on months and
# 2 strong US letters (0.833 x 25 = 20.8), interview unknown (0.4 x 20 = 8), no flag (15),
# no advocate (0): composite 62.6, below the strong cut-off 65.
@pytest.mark.parametrize(
    "changes, label",
    [
        ({}, "borderline"),
        ({"advocates": [ADVOCATE]}, "strong"),
        ({"letters": [STRONG_US] * 3}, "strong"),
        ({"advocates": [dict(ADVOCATE, program="1234140C0")]}, "borderline"),  # an IM program
        ({"advocates": [dict(ADVOCATE, strength="lukewarm")]}, "strong"),  # +0.4 x 15 = 68.6
        ({"interview_skill": "strong"}, "strong"),
        ({"letters": []}, "borderline"),
    ],
)
def test_label_moves_with_advocate_and_letters(changes, label):
    assert view(base(**changes)).label == label


def test_composite_matches_the_hand_computation():
    assert view(base()).composite == pytest.approx(62.6, abs=0.1)


def test_weights_are_the_practitioner_ones():
    weights = committee_rules()["weights"]
    assert (
        weights["usmle"],
        weights["usce_letters"],
        weights["interview"],
        weights["red_flags"],
        weights["advocacy"],
    ) == (25, 25, 20, 15, 15)
    assert weights["basis"] == "practitioner"


def test_hard_filter_is_never_passed_silently():
    data = base(
        citizenship="non-us",
        visa="h1b",
        advocates=[ADVOCATE],
        letters=[STRONG_US] * 3,
        interview_skill="strong",
    )
    result = view(data)
    assert result.label == "do-not-rank"
    assert "h1b-without-step3" in result.hard_filters
    assert any("hard filter h1b-without-step3" in r and "no advocate" in r for r in result.reasons)


def test_hard_filter_attempts_exhausted():
    exams = [{"exam": "step2ck", "result": "fail", "date": f"202{i}-01"} for i in range(4)]
    result = view(base(exams=exams, advocates=[ADVOCATE]))
    assert result.label == "do-not-rank"
    assert "attempts-exhausted" in result.hard_filters


@pytest.mark.parametrize(
    "advocate, label, phrase",
    [
        (None, "borderline", "at most borderline"),
        (ADVOCATE, "strong", "only through a strong advocate"),
    ],
)
def test_quiet_filter_caps_unless_an_advocate_says_so(advocate, label, phrase):
    data = base(
        medical_school={"country": "US", "graduation": "2021-05"},
        experiences=[
            {
                "kind": "clinical",
                "setting": "hands-on",
                "country": "US",
                "specialty": "anesthesiology",
                "start": "2021-06",
            }
        ],
        letters=[STRONG_US] * 3,
        interview_skill="strong",
        advocates=[advocate] if advocate else [],
    )
    result = view(data)
    assert "old-graduate" in result.quiet_filters
    assert result.label == label
    assert any(phrase in r for r in result.reasons)


def test_stack_caps_the_label():
    data = base(
        incidents=[{"kind": "professionalism", "remediated": True}],
        interview_skill="weak",
        letters=[STRONG_US] * 3,
    )
    result = view(data)
    assert result.label == "do-not-rank"
    assert any("professionalism-weak-interview" in r for r in result.reasons)


def test_row_shows_what_the_room_sees():
    data = base(
        citizenship="non-us",
        visa="j1",
        medical_school={"country": "India", "graduation": "2025-05"},
        ecfmg_certified=True,
        exams=[
            {"exam": "step1", "result": "fail", "date": "2023-01"},
            {"exam": "step1", "result": "pass", "date": "2023-06"},
            {"exam": "step2ck", "score": 255, "date": "2024-06"},
        ],
    )
    row = view(data).row
    assert (row.country, row.step1, row.step2ck, row.step3, row.yog, row.visa) == (
        "India",
        "fail, pass",
        "255",
        "none",
        2025,
        "j1",
    )
    assert "exam-failure(55)" in row.flags


def test_every_target_gets_a_view():
    result = audit(
        Profile.model_validate(
            base(
                targets={
                    "primary": "anesthesiology",
                    "backups": ["internal-medicine", "transitional-year"],
                }
            )
        )
    )
    assert [v.specialty for v in result.other_targets] == ["internal-medicine", "transitional-year"]


@pytest.mark.parametrize("advocate, label", [(None, "do-not-rank"), (ADVOCATE, "borderline")])
def test_strong_advocate_lifts_a_do_not_rank_stack_to_borderline_only(advocate, label):
    data = base(
        incidents=[{"kind": "professionalism", "remediated": True}],
        interview_skill="weak",
        letters=[STRONG_US] * 3,
        advocates=[advocate] if advocate else [],
    )
    result = view(data)
    assert result.label == label
    if advocate:
        assert any("lifted to borderline by a strong advocate" in r for r in result.reasons)
