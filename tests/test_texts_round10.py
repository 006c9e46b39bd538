"""Issue 17, tenth round: each change on texts written for these tests (in no corpus or fresh
set). On the code from the start of the round every case fails except the negative checks
(marked as such)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text
from smartpick.texts.agency import external_actor
from smartpick.texts.nlp import analyse
from smartpick.texts.rules import load_rules
from texts_review import reported as _types


def owns(review) -> bool:
    """Whether the review finds the ownership ("responsibility") part present."""
    return next(p for p in review.structure if p.id == "responsibility").present


# a clerkship failure put on its examiner, a sentence the model reads as blame more than as
# ownership (before, any ownership label won and owned the event)
EXAMINER = (
    "I failed the pediatrics clerkship exam in 2021. The examiner for my oral was known for "
    "failing anyone who did not answer in his own order, and that term he failed 11 of the 30 "
    "students on the rotation. I passed the repeat exam in 2022."
)
# the cause put on a workplace, a relative clause between it and its verb
RELATIVE = (
    "I failed Step 2 CK in May 2023. The clinic where I was working would not give me any "
    "study leave, so I prepared at night. I passed in 2024 with 236."
)
# negative: the same stories owned
OWNED = (
    "I failed Step 2 CK in May 2023. I kept working full time and studied only at night, which "
    "was my decision. I passed in 2024 with 236."
)


@pytest.mark.parametrize(
    ("text", "flag"),
    [(EXAMINER, "academic-failure"), (RELATIVE, "exam-failure")],
)
def test_blame_the_grammar_or_the_model_reads_is_found_and_owns_nothing(text: str, flag: str):
    assert {"blame", "ownership-missing"} <= _types(text, flag)


def test_an_owned_account_stays_owned():
    """Negative check."""
    assert not {"blame", "ownership-missing"} & _types(OWNED, "exam-failure")


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("The clinic where I was working would not give me any study leave.", True),
        # (seventh round's case, kept as a check)
        ("The review course I had paid for cancelled its sessions before my exam.", True),
        ("My exam date was set by the program committee without asking me.", True),
        # a description past the relative clause (the start's code read "studied" as its verb)
        ("The place where I studied for the exam was quiet.", False),
        # negative checks: a time after "by the", the writer as the actor
        ("My preparation was finished by the end of March.", False),
        ("I took the exam at the center where I had studied.", False),
    ],
)
def test_who_acts_past_a_relative_clause_and_by_the(sentence: str, actor: bool):
    assert external_actor(analyse(sentence).sentences[0], load_rules()) is actor


# a professionalism note put on others who did not tell, and on an unnamed someone who reported
NOBODY_TOLD = (
    "The comment in my MSPE is about my obstetrics rotation in 2022. The registrar felt I had "
    "not handed over properly, but the handover form had changed that week and nobody had told "
    "the students. We get along well now."
)
SOMEONE_REPORTED = (
    "The professionalism note in my file is from my internship in 2021. Someone reported that I "
    "had left a shift early, although I had swapped it with a colleague. My later evaluations "
    "were good."
)
# negative: the same record owned
TOLD_OWNED = (
    "My MSPE notes a late medication order during my surgery rotation in 2022. The ordering "
    "screens had been changed that month, and I did not ask anyone how to use them before "
    "ordering. Since then my rotations have been rated satisfactory."
)


@pytest.mark.parametrize("text", [NOBODY_TOLD, SOMEONE_REPORTED])
def test_others_who_did_not_tell_or_who_reported_are_blamed(text: str):
    review = review_text(text, "interview-answer", flag="professionalism")
    assert "blame" in {f.type for f in review.findings}
    assert not owns(review)


def test_a_record_owned_is_not_blame():
    """Negative check."""
    assert not {"blame", "ownership-missing"} & _types(TOLD_OWNED, "professionalism")


# the writer inside the subject with a passive of their own ("I was told to use")
TOLD_TO_USE = (
    "I failed Step 2 CK in 2023. The question bank I was told to use did not match the exam. I "
    "passed in 2024 with 232."
)
# beside blame, a cue of ownership in a sentence that puts the cause on another actor
DENIAL = (
    "During my internship in 2021 a referral letter went out under my name that I had not "
    "reviewed, it was drafted by a student who was assigned to the team. The committee made a "
    "note in my file. The system there was chaotic and the residents were careless."
)
# negative: the same cue with the writer as the only actor
PLAIN_FAULT = DENIAL.replace(
    "it was drafted by a student who was assigned to the team", "because I was in a hurry"
).replace(" The system there was chaotic and the residents were careless.", "")


def test_the_main_verb_past_the_writers_own_passive_in_the_subject():
    review = review_text(TOLD_TO_USE, "interview-answer", flag="exam-failure")
    assert "blame" in {f.type for f in review.findings}
    assert not owns(review)


def test_a_cue_in_a_denial_beside_blame_owns_nothing():
    review = review_text(DENIAL, "interview-answer", flag="professionalism")
    assert "blame" in {f.type for f in review.findings}
    assert not owns(review)


def test_the_same_cue_owns_where_the_writer_is_the_actor():
    """Negative check."""
    review = review_text(PLAIN_FAULT, "interview-answer", flag="professionalism")
    assert owns(review)


# a feeling the model reads as ownership (the ownership part does not count it) beside a
# circumstance that took the applicant's evenings: read for its blame across the text
FEELING_AND_CIRCUMSTANCE = (
    "I took Step 1 in 2020 and failed. I felt that everything I had worked for was finished for "
    "me. That spring the move to a new city took all my evenings. I passed in 2021 with 221."
)
# negative: the same with the fault owned
OWNED_CIRCUMSTANCE = FEELING_AND_CIRCUMSTANCE.replace(
    "I felt that everything I had worked for was finished for me.",
    "I had not done a single timed practice block before the exam.",
)


def test_a_text_the_ownership_part_finds_unowned_is_read_for_its_blame():
    review = review_text(FEELING_AND_CIRCUMSTANCE, "interview-answer", flag="exam-failure")
    assert "blame" in {f.type for f in review.findings}
    assert not owns(review)


def test_an_owned_text_keeps_its_circumstances_as_context():
    """Negative check."""
    review = review_text(OWNED_CIRCUMSTANCE, "interview-answer", flag="exam-failure")
    assert "blame" not in {f.type for f in review.findings}
    assert owns(review)


# a lesson the model reads as ownership is the only "ownership"
LESSON_ONLY = (
    "I sat Step 1 three times, failing in 2019 and 2020 before passing in 2021 with 214. It "
    "taught me that I can get through anything. I am now ready for residency."
)
# negative: a lesson that names the fault keeps its cue
LESSON_WITH_FAULT = LESSON_ONLY.replace(
    "It taught me that I can get through anything.",
    "I learned that I had underestimated the exam and studied without a schedule.",
)
# the remedy's "I book", after blame
REMEDY_CUE = (
    "I failed Step 2 CK in June 2023 with 205. The testing center moved my seat to an earlier "
    "date, and I lost my last review week. Since then I book every exam early and keep a "
    "reserve week. I passed in January 2024 with 238."
)


@pytest.mark.parametrize(
    ("text", "flag"), [(LESSON_ONLY, "multiple-attempts"), (REMEDY_CUE, "exam-failure")]
)
def test_a_lesson_or_a_remedy_owns_nothing(text: str, flag: str):
    review = review_text(text, "additional-info", flag=flag)
    assert not owns(review)


def test_a_lesson_that_names_the_fault_owns_it():
    """Negative check."""
    review = review_text(LESSON_WITH_FAULT, "additional-info", flag="multiple-attempts")
    assert owns(review)


# a template's responsibility line that acknowledges a result, not the writer's part
ACKNOWLEDGED = (
    "What happened: I did not pass the Step 2 CK exam in 2022. My part: I recognise that this "
    "outcome fell short of what was expected. What I changed: I made a new plan. Result: I "
    "passed in 2023."
)
ACKNOWLEDGED_OWN = ACKNOWLEDGED.replace(
    "I recognise that this outcome fell short of what was expected",
    "I recognise that I took the exam before my practice scores were ready",
)


def test_a_fact_acknowledged_is_no_fault_owned():
    review = review_text(ACKNOWLEDGED, "additional-info", flag="exam-failure")
    assert not owns(review)


def test_the_writers_own_part_acknowledged_is_owned():
    """Negative check."""
    review = review_text(ACKNOWLEDGED_OWN, "additional-info", flag="exam-failure")
    assert owns(review)
