"""Issue 17, twelfth round: each change on texts written for these tests (in no corpus or fresh
set). On the code from the start of the round (main with the model retrained on the twelve
sets) every case fails except the negative checks (marked as such)."""

from __future__ import annotations

from smartpick.texts import review_text

_EXAM = "I failed Step 2 CK in March 2024. {cause} {owned}I passed in October 2024 with 241."
_OWNED = (
    "I should have postponed the exam instead of sitting it unprepared, and that decision was "
    "mine. "
)
# a circumstance acting on the applicant's preparation, told as the cause of the failing
MOVE = "The move to a new flat left me little time for review in February."
SHIFTS = "Heavy night shifts at the district hospital made it hard for me to keep a study schedule."


def _blame(text: str) -> list[str]:
    review = review_text(text, "additional-info", flag="exam-failure")
    return [f.message for f in review.findings if f.type == "blame"]


def test_a_circumstance_in_a_text_that_owns_the_failing_is_context_not_blame() -> None:
    for cause in (MOVE, SHIFTS):
        assert not _blame(_EXAM.format(cause=cause, owned=_OWNED)), cause


def test_a_circumstance_in_a_text_that_owns_nothing_is_blame_of_the_whole_text() -> None:
    for cause in (MOVE, SHIFTS):
        blame = _blame(_EXAM.format(cause=cause, owned=""))
        assert blame, cause
        assert "whole text" in blame[0], cause


def test_negative_another_person_blamed_in_an_owned_text_still_blames() -> None:
    """Negative check: a person who acted against the applicant is no circumstance."""
    cause = (
        "The program director blamed me for his own scheduling mistakes and gave me no study leave."
    )
    assert _blame(_EXAM.format(cause=cause, owned=_OWNED))


# faulting the measure (defensive by the writers' conventions), in texts that own nothing
MEASURE_ARGUED = (
    (
        "My Step 2 CK score of 219 from 2023 does not show what I can do. A three-hour block of "
        "multiple-choice questions cannot measure how I manage a ward of forty patients. I passed "
        "Step 3 in 2024 and hope programs will read my whole file.",
        "low-step2ck",
    ),
    (
        "I needed three attempts to pass Step 1, the last in 2022. Timed standardized exams have "
        "never been a fair gauge of the clinicians I trained beside. My clinical evaluations in "
        "Lima were excellent.",
        "multiple-attempts",
    ),
)
# negative: the exam's content put on the school is blame, not an argument about the measure
EXAM_BLAMED = (
    "I failed Step 1 in 2021. The exam was full of topics my school in Quito never taught, and "
    "the question banks did not help me. I passed in 2022 with 221."
)


def test_a_text_that_faults_the_measure_is_not_read_as_blaming_across_the_text() -> None:
    for text, flag in MEASURE_ARGUED:
        review = review_text(text, "additional-info", flag=flag)
        assert "blame" not in review.finding_types, text


def test_negative_the_exam_put_on_the_school_still_blames() -> None:
    review = review_text(EXAM_BLAMED, "additional-info", flag="exam-failure")
    assert "blame" in review.finding_types


# the writer's own account of the cause: the writer acts in the main clause
WRITER_ACTS = (
    "My Step 2 CK score of 226 from June 2024 is lower than I wanted. I spent most of my "
    "preparation watching video lectures and began timed blocks only two weeks before the test, "
    "so I never built the speed the exam demands. I passed Step 3 in March 2025 with 234."
)
# negative: the writer as the subject of a passive, or of the event's own verb, is no actor
WRITER_ACTED_ON = (
    "I failed Step 1 in May 2022. I was assigned to the busiest ward during the months before "
    "the exam, and the department gave me no study days. I passed in January 2023 with 224."
)


def test_the_writer_acting_in_the_main_clause_is_no_blame() -> None:
    review = review_text(WRITER_ACTS, "additional-info", flag="low-step2ck")
    assert "blame" not in review.finding_types


def test_negative_the_writer_acted_on_still_blames() -> None:
    review = review_text(WRITER_ACTED_ON, "additional-info", flag="exam-failure")
    assert "blame" in review.finding_types
