"""Issue 17, ninth round: each change on texts written for these tests (in no corpus or fresh
set). On the code from the start of the round every case fails except the negative checks
and the agentless passive (marked as such)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text

# a pending exam with a plan and no date
UNDATED_PLAN = (
    "I have not sat Step 2 CK yet. I am working through a question bank now and will book a "
    "seat once my practice scores are steady. I expect a good result."
)
DATED_PLAN = UNDATED_PLAN.replace(
    "will book a seat once my practice scores are steady",
    "my exam is booked for 9 February 2027 at the Cairo center",
)
# a clerkship failure owned only through stacked hedges
HEDGED_REGRET = (
    "I failed the final exam of my obstetrics clerkship in 2019. I guess maybe I had not "
    "studied the guidelines quite enough. I repeated the clerkship in 2020 and passed with 74 "
    "percent."
)
PLAIN_OWNING = HEDGED_REGRET.replace(
    "I guess maybe I had not studied the guidelines quite enough",
    "I had not studied the national guidelines, only my lecture notes",
)
# a professionalism record put on an unnamed other in the passive
AGENTLESS = (
    "In 2021 my surgery evaluation recorded a professionalism concern about a late discharge "
    "summary. The new discharge rules had not been explained to the interns, and the delay was "
    "attributed to me. All my later rotations ended with good evaluations."
)
# a failed exam set in an event as if that explained it
EXAM_SEASON = (
    "My first attempt at Step 1 in June 2021 was unsuccessful. That attempt fell during the "
    "month of my brother's wedding. I passed in 2022 with 229."
)
UNDATED_BLAME = (
    "I failed Step 1 on my first attempt. My school never prepared us for this kind of exam, "
    "and the questions were nothing like what we were taught."
)
# a statement naming an exam failure and a time out of clinical work in other words
STATEMENT = (
    "My grandmother ran the only pharmacy in our village near Tabriz, and as a child I sorted "
    "her boxes of insulin by date. In medical school I chose every elective I could in "
    "endocrinology, and in 2020 I helped start a clinic register of 180 patients with "
    "diabetes.\n\n"
    "I failed Step 1 in 2021 because I studied from notes without timed practice, and passed in "
    "2022 with 228 after a schedule of daily blocks. From 2022 to 2023 I was out of clinical "
    "work while my mother recovered from surgery.\n\n"
    "Since 2024 I have worked as a research assistant in a diabetes trial in Boston, where I "
    "screened 90 patients. I want to train in internal medicine and care for patients whose "
    "illness is managed at home as much as in the clinic."
)
ONE_FLAG = STATEMENT.replace(
    " From 2022 to 2023 I was out of clinical work while my mother recovered from surgery.", ""
)


def _types(text: str, kind: str, flag: str | None) -> frozenset[str]:
    return review_text(text, kind, flag=flag).reported_types


# (text, kind, flag, finding type, whether it is found); "negative" marks the negative checks
CASES = [
    pytest.param(UNDATED_PLAN, "no-step2ck", "vague", True, id="undated-plan-vague"),
    pytest.param(DATED_PLAN, "no-step2ck", "vague", False, id="negative-dated-plan"),
    # the sentence sets review sentences one at a time: one sentence is no account
    pytest.param(
        "I have not sat Step 2 CK yet.", "no-step2ck", "vague", False, id="negative-one-sentence"
    ),
    # beside blame the writers do not read an undated text as vague
    pytest.param(UNDATED_BLAME, "exam-failure", "vague", False, id="negative-undated-blame"),
    pytest.param(HEDGED_REGRET, "academic-failure", "ownership-missing", True, id="hedged-regret"),
    pytest.param(
        PLAIN_OWNING, "academic-failure", "ownership-missing", False, id="negative-plain-cause"
    ),
    # passes on the start's code too (the sentence model reads this blame): kept as a check
    # that the new patterns and the ownership they remove leave it found
    pytest.param(AGENTLESS, "professionalism", "blame", True, id="agentless-passive-blame"),
    pytest.param(
        AGENTLESS, "professionalism", "ownership-missing", True, id="agentless-passive-owns"
    ),
    pytest.param(EXAM_SEASON, "exam-failure", "blame", True, id="exam-in-an-event"),
]


@pytest.mark.parametrize(("text", "flag", "type_", "found"), CASES)
def test_an_explanation(text: str, flag: str, type_: str, found: bool):
    assert (type_ in _types(text, "additional-info", flag)) is found


@pytest.mark.parametrize(
    ("text", "several"), [(STATEMENT, True), (ONE_FLAG, False)], ids=["two-flags", "one-flag"]
)
def test_a_time_out_of_clinical_work_is_a_flag(text: str, several: bool):
    """The one-flag case is a negative check."""
    types = _types(text, "personal-statement", "exam-failure")
    assert ("multiple-flags" in types) is several
