"""Issue 17, sixth round: blame carried by the grammar, ownership as a plain first-person
statement of the applicant's own conduct, feelings and drama that own nothing, faint praise by
what a letter praises (conduct only, a middle rank, brief or second-hand contact), a strong
letter's model warnings, a reapplicant's plain account of the last application, a text given
no flag, a two-sentence explanation, a bare defence.

The texts and sentences here were written for these tests (in no corpus or fresh set)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text
from smartpick.texts.agency import external_actor
from smartpick.texts.lexical import phrase_findings
from smartpick.texts.nlp import analyse
from smartpick.texts.rules import load_rules


def _sentence(text: str):
    return analyse(text).sentences[0]


@pytest.mark.parametrize(
    ("sentence", "acts"),
    [
        # another person or a circumstance acts on the applicant's preparation or exam
        ("My revision was cut short by a month of hospital strikes.", True),
        ("The night rota in my first job left no evenings for my question bank.", True),
        ("My head of department told me to sit the exam before the summer.", True),
        ("A flood in our district closed the library where I prepared.", True),
        ("The exam also fell in the week my brother was married.", True),
        # the writer acts, helps are no cause, a description, the applicant's own result
        ("I booked the exam before I had finished a single practice test.", False),
        ("My mentor helped me rebuild my study plan around timed blocks.", False),
        ("Step 2 CK was my second exam that year.", False),
        ("My score on the first attempt was 203.", False),
        ("My revision was finished by March 2024.", False),
    ],
)
def test_an_actor_other_than_the_writer_acting_on_the_preparation(sentence, acts):
    assert external_actor(_sentence(sentence), load_rules()) is acts


# a failure whose cause is put, sentence by sentence, on what others did or what happened
PUT_ON_OTHERS = (
    "I failed Step 1 in June 2023. My revision was cut short by a month of hospital strikes, "
    "and my head of department told me to sit the exam before the summer. I passed on my "
    "second attempt in March 2024 with 231."
)
# the same story, owned
OWNED = (
    "I failed Step 1 in June 2023. I chose to sit it during a month of hospital strikes and "
    "did not move the date when my revision fell behind. I passed on my second attempt in March "
    "2024 with 231, after six weeks of timed blocks."
)


def test_blame_carried_by_the_grammar_in_a_text_that_owns_nothing():
    review = review_text(PUT_ON_OTHERS, "additional-info", flag="exam-failure")
    assert "blame" in review.finding_types
    assert "blame" not in review_text(OWNED, "additional-info", flag="exam-failure").finding_types


def test_a_sentence_that_argues_may_put_the_cause_on_the_exam_as_well():
    text = (
        "I failed Step 2 CK in 2023. Timed multiple-choice exams have never suited the way I "
        "reason, and one day of testing cannot capture my clinical work. I passed in 2024."
    )
    review = review_text(text, "additional-info", flag="exam-failure")
    assert {"blame", "defensive"} <= set(review.finding_types)


@pytest.mark.parametrize(
    ("sentence", "owns"),
    [
        ("I had never taken a full-length practice exam before the real one.", True),
        ("The failure was the result of my habit of rereading instead of testing myself.", True),
        # a feeling told is no fault owned
        ("For weeks afterwards I felt that everything I had worked for was gone.", False),
        ("I remember staring at the result and feeling completely numb.", False),
    ],
)
def test_ownership_is_a_plain_statement_of_the_applicants_conduct_not_a_feeling(sentence, owns):
    text = (
        "I failed Step 2 CK in October 2022. The exam came in the last month of my internship. "
        + sentence
        + " I passed in May 2023 with 238, and my evaluations since then rate me above my peers."
    )
    review = review_text(text, "additional-info", flag="exam-failure")
    assert ("responsibility" not in review.missing_parts) is owns


CONDUCT_ONLY = (
    "Dear Program Director,\n\nI write for Dr. Tomas Rivas, who spent a month in our "
    "endocrinology clinic. He was punctual every morning and his notes were tidy. He dressed "
    "well, was courteous to our secretaries and attended each journal club.\n\nI wish him well "
    "in the Match.\n\nSincerely,\nDr. Helen Park, MD"
)
# the same writer with an episode of clinical skill: punctuality beside it is no warning
CONDUCT_AND_SKILL = (
    "Dear Program Director,\n\nI write for Dr. Tomas Rivas, who spent a month in our "
    "endocrinology clinic in 2025. He was punctual every morning. On his second week he noticed "
    "that a patient's falling sodium came from a new thiazide, stopped it with me and arranged "
    "a repeat level; his management was that of a second-year resident. He is among the best "
    "three rotators I have supervised, and I recommend him without reservation.\n\n"
    "Sincerely,\nDr. Helen Park, MD"
)


def test_praise_confined_to_conduct_is_a_warning():
    assert "warning-phrase" in review_text(CONDUCT_ONLY, "letter").finding_types
    assert "warning-phrase" not in review_text(CONDUCT_AND_SKILL, "letter").finding_types


@pytest.mark.parametrize(
    "faint",
    [
        "Among this year's rotators she finished in the middle of the group.",
        "His fund of knowledge is what I would expect of a graduate of his school.",
        "She was an average student on our service.",
        "I had only brief interactions with him during his elective.",
        "I saw her on only a few occasions, in clinic.",
        "The residents told me that he was reliable.",
        "I did not supervise him directly.",
        "I met her on two occasions, both at conferences.",
        "From what I have been told, he is reliable.",
    ],
)
def test_a_middle_rank_and_brief_or_second_hand_contact_are_warnings(faint):
    assert "warning-phrase" in review_text(faint, "letter").finding_types


@pytest.mark.parametrize(
    "plain",
    [
        "She placed a central line at the end of the night shift.",
        "He was above average in every clinical domain we rate.",
        "The nurse told me afterwards that his family meeting was the best she had seen.",
        "We expect a great deal of our interns, and she met it from the first week.",
        "In the middle of the night he recognised a tension pneumothorax.",
    ],
)
def test_strong_letter_sentences_are_no_warning_of_the_rules(plain):
    found = phrase_findings(analyse(plain), "letter", load_rules())
    assert "warning-phrase" not in {f.type for f in found}


REAPPLY_PLAIN = (
    "This is my second application. In the 2025 cycle I applied to 55 family medicine programs "
    "with one US letter and no US rotation, and I had no interviews. Since then I have completed "
    "two rotations in Ohio (March to May 2026), obtained three US letters and passed Step 3 with "
    "227. This year I applied to 130 programs that sponsor J-1 visas."
)


def test_a_reapplicant_naming_what_the_last_application_lacked_owns_it():
    review = review_text(REAPPLY_PLAIN, "additional-info", flag="reapplicant")
    assert "responsibility" not in review.missing_parts


def test_a_two_sentence_explanation_is_not_too_short_a_single_one_is():
    two = (
        "I hold an H-1B visa through my employer until 2028. I need no sponsorship to start "
        "residency in July 2026."
    )
    assert "length" not in review_text(two, "additional-info", flag="unexplained-gap").finding_types
    one = "I took a year off in 2022."
    assert "length" in review_text(one, "additional-info", flag="unexplained-gap").finding_types


def test_a_text_given_no_flag_is_judged_on_the_parts_every_explanation_owes():
    empty = review_text("It was a hard time but it is behind me.", "additional-info")
    assert empty.structure_name == "unflagged" and empty.score <= 70
    full = review_text(
        "From April 2021 to May 2022 I cared for my mother during her chemotherapy. In that "
        "year I completed 30 hours of CME and volunteered weekly at a free clinic. She is in "
        "remission, and since June 2022 I have worked full time as a research assistant.",
        "additional-info",
    )
    assert full.score >= 85 and not full.missing_parts


BARE_DEFENCE = (
    "My Step 1 score does not reflect the physician I am. Scores cannot capture what I bring "
    "to patients every day. I have always worked hard and I continue to grow in every way. I "
    "hope programs will look beyond a number and see the whole person."
)


def test_a_bare_text_that_argues_is_vague_as_well():
    review = review_text(BARE_DEFENCE, "additional-info", flag="low-step1")
    assert {"defensive", "vague", "no-specifics"} <= set(review.finding_types)


@pytest.mark.parametrize(
    ("claim", "vague"),
    [
        ("Since then I have stayed current by reading journals whenever I could.", True),
        ("I have done everything I can to remain involved in patient care.", True),
        (
            "Since then I have stayed current through 45 hours of CME and a weekly journal club.",
            False,
        ),
        ("I could not keep up with both jobs, and I did not tell my dean.", False),
    ],
)
def test_a_claim_of_keeping_up_with_nothing_named_is_vague(claim, vague):
    text = f"My last clinical post ended in June 2021. {claim} I start an observership in May."
    review = review_text(text, "additional-info", flag="stale-clinical-activity")
    assert ("vague" in review.finding_types) is vague


def test_a_vague_phrase_named_after_a_colon_is_not_vague():
    named = (
        "I left my surgery residency in 2022. The department was going through a difficult "
        "period: three of its five consultants left within a month and the rota was rebuilt "
        "twice. I have since worked as a surgical assistant in Leeds."
    )
    bare = (
        "I left my surgery residency in 2022. The department was going through a difficult "
        "period. I have since worked as a surgical assistant in Leeds."
    )
    assert (
        "vague" not in review_text(named, "additional-info", flag="prior-residency").finding_types
    )
    assert "vague" in review_text(bare, "additional-info", flag="prior-residency").finding_types
