"""Issue 17, third round: blame read per clause and across the text, ownership in the
applicant's own account of the cause, a lone model warning in a letter, vague kinds of things.

The texts here were written for these tests (not taken from any corpus or fresh set)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text
from smartpick.texts.agency import clauses
from smartpick.texts.model import Finding, StructurePart
from smartpick.texts.nlp import analyse
from smartpick.texts.rules import load_rules
from smartpick.texts.substance import _corroborated, is_specific

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


# a letter written for this test: an episode, no stock praise, no endorsement or comparison yet
LETTER = (
    "Dear Program Director, Dr. Amal Osei spent six weeks on my nephrology service in 2026. "
    "On her second night she found a missed potassium result and called me at once. "
    "She kept her patient list current each morning. She presented on rounds every day."
)


def _letter(parts: dict[str, bool]) -> tuple:
    doc = analyse(LETTER)
    return doc, tuple(StructurePart(k, k, v, None, "") for k, v in parts.items())


def test_a_lone_model_warning_is_reported_unless_the_letter_outweighs_it():
    """Issue 17, fourth round: a lone warning of the model is reported in a letter with no
    outright endorsement and no comparison with peers; one that recommends its applicant
    without reserve or ranks them among peers outweighs it."""
    rules = load_rules()
    plain = _letter({"anecdote": True, "endorsement": False, "comparison": False})
    assert _corroborated([_warning(3)], [], *plain, rules) == [_warning(3)]
    for strong in ("endorsement", "comparison"):
        doc, parts = _letter({"anecdote": True, strong: True})
        assert _corroborated([_warning(3)], [], doc, parts, rules) == []
    # with a second warning sentence (a rule's or the model's) it is reported all the same,
    # unless (issue 17, sixth round) the letter tells an episode and endorses outright: then the
    # model's warnings are dropped however many they are (the rules' stand)
    doc, parts = _letter({"anecdote": True, "comparison": True})
    second = [_warning(5, "domain-brief")]
    assert _corroborated([_warning(3)], second, doc, parts, rules) == [_warning(3)]
    assert len(_corroborated([_warning(3), _warning(6)], [], doc, parts, rules)) == 2
    doc, parts = _letter({"anecdote": True, "endorsement": True})
    assert _corroborated([_warning(3)], second, doc, parts, rules) == []
    assert _corroborated([_warning(3), _warning(6)], [], doc, parts, rules) == []
    doc, parts = _letter({"anecdote": False, "endorsement": True})
    assert _corroborated([_warning(3)], second, doc, parts, rules) == [_warning(3)]


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


# issue 17, fourth round: faint praise by its structure (sentences written for this test)
@pytest.mark.parametrize(
    "sentence",
    [
        "I am not aware of any complaints about his work on the ward.",
        "Her notes met the minimum standard of our unit.",
        "He kept the team room neat throughout the month.",
        "She does well when the clinic is quiet.",
        "His clinical reasoning is comparable to that of other graduates of his school.",
        "With a little more time on the wards, she should be ready for internship.",
    ],
)
def test_faint_praise_by_its_structure_is_a_warning(sentence):
    review = review_text(sentence, "letter")
    rules = [f for f in review.findings if f.type == "warning-phrase" and f.source != "assumed"]
    assert rules, review.findings


@pytest.mark.parametrize(
    "sentence",
    [
        "She was the strongest sub-intern I have supervised in five years.",
        "On his second night he caught a missed anticoagulant dose and called me at once.",
    ],
)
def test_strong_letter_sentences_are_no_warning(sentence):
    assert "warning-phrase" not in review_text(sentence, "letter").finding_types


def test_a_bare_explanation_costs_no_specifics():
    """Four sentences, none with a fact: thin whatever the model reads in each claim."""
    bare = (
        "I had a setback in my exams. I thought about what went wrong. "
        "I changed how I studied. I am now ready for residency."
    )
    assert "no-specifics" in review_text(bare, "additional-info").finding_types
    facts = (
        "I failed Step 1 in June 2020. I had studied alone without timed practice. "
        "From August I did 40 timed questions a day with a study partner. "
        "I passed in March 2021 with a score of 231."
    )
    assert "no-specifics" not in review_text(facts, "additional-info").finding_types


def test_a_capital_after_a_colon_is_no_name():
    sentence = analyse("What I learned: The importance of balance.").sentences[0]
    assert not is_specific(sentence)
    assert is_specific(analyse("I met Dr. Okafor every week.").sentences[0])
