"""Issue 17, third round: blame read per clause and across the text, ownership in the
applicant's own account of the cause, a lone model warning in a letter, vague kinds of things.

The texts here were written for these tests (not taken from any corpus or fresh set)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text
from smartpick.texts.agency import clauses
from smartpick.texts.model import Finding
from smartpick.texts.nlp import analyse
from smartpick.texts.substance import _corroborated

EXTERNAL = (
    "I failed Step 2 CK in June 2023. That spring the clinic lost two of its four doctors, "
    "every weekend call fell to the two who stayed, and the review course the department had "
    "booked for us covered an older version of the exam. I passed on my second attempt in "
    "March 2024 with a score of 231."
)
OWNED = (
    "I failed Step 2 CK in June 2023. I kept taking every weekend call at the clinic and left "
    "timed practice to the final month. For the retake I dropped weekend calls, did two timed "
    "blocks every morning and took an NBME form every two weeks. I passed on my second attempt "
    "in March 2024 with a score of 231."
)


def test_a_long_sentence_is_cut_into_clauses():
    doc = analyse(
        "My rota changed twice that spring; the hospital lost its only other intern, and the "
        "course I was sent to covered the wrong exam."
    )
    assert [c.text for c in clauses(doc.sentences[0])] == [
        "My rota changed twice that spring",
        "the hospital lost its only other intern",
        "and the course I was sent to covered the wrong exam.",
    ]


def test_an_account_of_other_peoples_doing_with_no_ownership_is_blame():
    review = review_text(EXTERNAL, "additional-info", flag="exam-failure")
    blame = [f for f in review.findings if f.type == "blame"]
    assert blame, review.findings
    assert blame[0].quote and "clinic lost two" in blame[0].quote
    assert "responsibility" in review.missing_parts


def test_the_applicants_own_account_of_the_cause_owns_it():
    review = review_text(OWNED, "additional-info", flag="exam-failure")
    assert "blame" not in review.finding_types
    assert "responsibility" not in review.missing_parts


def _warning(sentence: int, source: str = "assumed") -> Finding:
    return Finding("warning-phrase", "m", "f", 12, source, sentence=sentence)


def test_a_lone_model_warning_in_a_letter_is_not_reported():
    assert _corroborated([_warning(3)], []) == []
    # with a second warning sentence (a rule's or the model's) it is
    assert _corroborated([_warning(3)], [_warning(5, "domain-brief")]) == [_warning(3)]
    assert len(_corroborated([_warning(3), _warning(6)], [])) == 2


@pytest.mark.parametrize(
    ("sentence", "vague"),
    [
        ("From 2019 to 2021 I took part in various educational and clinical activities.", True),
        ("Certain circumstances kept me from clinical work that year.", True),
        ("The gap was due to circumstances that are now resolved.", True),
        ("The experience taught me valuable lessons about communication.", True),
        ("The most important lesson was to test myself under time.", False),
        ("I was certain that the way I studied was right.", False),
    ],
)
def test_vague_kinds_of_things(sentence, vague):
    review = review_text(sentence, "additional-info", flag="unexplained-gap")
    assert ("vague" in review.finding_types) is vague
