"""Review of texts: findings point at the right sentences; strong texts stay clean."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartpick.texts import review_text

CORPUS = Path(__file__).parent / "data" / "texts"


def corpus(name: str) -> str:
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8")


def sentences_of(review, type_: str) -> set[int]:
    return {f.sentence for f in review.findings if f.type == type_}


def test_blame_on_exam_and_school_points_at_those_sentences():
    text = corpus("exam-fail-w1")
    review = review_text(text, "additional-info", flag="exam-failure")
    blamed = sentences_of(review, "blame")
    # sentence 2 blames the exam ("much harder"), sentence 3 the school ("did not prepare us")
    assert blamed == {1, 2}
    quotes = [f.quote for f in review.findings if f.type == "blame"]
    assert any("exam was much harder" in q for q in quotes)
    assert any("My school did not prepare us" in q for q in quotes)
    for finding in review.findings:
        if finding.type == "blame":
            start, end = finding.span
            assert text[start:end].strip()  # the span is real text of that sentence
            assert finding.fix


def test_strong_explanation_that_owns_the_failure_gets_no_blame_and_no_wording_findings():
    review = review_text(corpus("exam-fail-s1"), "additional-info", flag="exam-failure")
    assert review.finding_types == frozenset()
    present = {p.id for p in review.structure if p.present}
    assert {"what-happened", "responsibility", "changed", "evidence"} <= present
    assert review.score >= 90


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (
            "I failed Step 1 because my school never taught pharmacology.",
            "additional-info",
            "blame",
        ),
        ("The examiner was very strict and the format was confusing.", "additional-info", "blame"),
        ("I took time off after graduation for personal reasons.", "additional-info", "vague"),
        ("There were family issues that I had to attend to.", "additional-info", "vague"),
        ("Failing was a nightmare that shattered my soul.", "additional-info", "melodrama"),
        ("It was not my fault and the decision was unfair.", "additional-info", "defensive"),
        ("It is unfair to compare us with US graduates.", "additional-info", "defensive"),
        ("My score does not reflect my ability.", "additional-info", "defensive"),
        ("There were some administrative issues with my papers.", "additional-info", "vague"),
        # a date says when, not why: still vague
        ("In 2018 I stayed home for personal reasons.", "additional-info", "vague"),
        ("My family did not allow me to move for work.", "additional-info", "blame"),
        ("One exam should not define a doctor.", "additional-info", "defensive"),
        ("I think maybe I could have studied somewhat more.", "interview-answer", "hedging"),
        ("With appropriate supervision, she manages patients.", "letter", "warning-phrase"),
        ("He does well in a structured environment.", "letter", "warning-phrase"),
        ("She has shown improvement in professionalism.", "letter", "warning-phrase"),
        ("Given clear expectations, he performs adequately.", "letter", "warning-phrase"),
        ("She is hardworking and pleasant. I recommend her.", "letter", "generic-letter"),
    ],
)
def test_each_finding_type_fires_on_its_wording(text, kind, expected):
    assert expected in review_text(text, kind).finding_types


@pytest.mark.parametrize(
    ("text", "kind", "absent"),
    [
        # negation: refusing to blame is ownership, not blame
        (
            "I do not blame my school; I prepared by reading instead of testing myself.",
            "additional-info",
            "blame",
        ),
        # the school as the source of help, not the cause
        ("I joined my school's review program and passed in 2020.", "additional-info", "blame"),
        # a named reason with a date is context, not vagueness
        (
            "In 2020 I took leave for family reasons after my father's stroke.",
            "additional-info",
            "vague",
        ),
        # the next sentence names the reason: not vague
        (
            "My family went through a difficult period. My father had heart surgery and I ran"
            " his pharmacy.",
            "additional-info",
            "vague",
        ),
        # a disclaimer in the same sentence: the writer does not put the cause on the school
        (
            "My school did not teach to the USMLE, but I do not blame my school: I should have"
            " adapted.",
            "additional-info",
            "blame",
        ),
        # the applicant's own preparation is the subject, not the exam
        ("My exam preparation was poor: I never tested myself.", "additional-info", "blame"),
        # family gives the reason, with no failing or forcing predicate: not blame
        (
            "I stayed home because my parents work abroad and my sister needed surgery.",
            "additional-info",
            "blame",
        ),
        # past 'I thought' is not a hedge; one 'I hope' is below the threshold
        ("It took longer than I thought. I hope to start soon.", "interview-answer", "hedging"),
        # 'what kind of' is not a hedge; one 'I believe' is below the threshold
        (
            "I learned what kind of doctor I want to be. I believe in practice.",
            "interview-answer",
            "hedging",
        ),
        # 'under supervision' for a procedure is normal; 'appropriate supervision' is the warning
        (
            "He placed the arterial line under supervision on his second day.",
            "letter",
            "warning-phrase",
        ),
        # wording rules about the applicant's own voice do not apply to letters
        ("The program was toxic, the writer notes, but she thrived.", "letter", "blame"),
    ],
)
def test_rules_do_not_fire_where_they_should_not(text, kind, absent):
    assert absent not in review_text(text, kind).finding_types


def test_letter_with_a_specific_episode_is_not_generic():
    review = review_text(corpus("letter-s1"), "letter")
    assert "generic-letter" not in review.finding_types
    assert "warning-phrase" not in review.finding_types
    assert {p.id for p in review.structure if p.present} >= {"anecdote", "endorsement"}


def test_non_physician_writer_is_named():
    assert "letter-writer" in review_text(corpus("letter-w5"), "letter").finding_types


def test_additional_info_length_by_sentences_and_exam_limit():
    eight = " ".join(f"I studied with method {i} in 2019." for i in range(8))
    gap = review_text(eight, "additional-info", flag="unexplained-gap")
    assert "length" not in gap.finding_types
    # an exam failure allows 5 sentences, not 6 (domain brief); since issue 17's seventh round
    # both ceilings carry the same tolerance (``long_tolerance``: 2), so the exam's lower
    # ceiling shows at 8 sentences (7 for an exam failure, 8 for a gap)
    assert "length" in review_text(eight, "additional-info", flag="exam-failure").finding_types
    assert "length" in review_text("I failed Step 1.", "additional-info").finding_types


def test_interview_answer_length_in_speaking_time():
    answer = " ".join(["I changed how I prepare for every exam."] * 40)  # 320 words
    review = review_text(answer, "interview-answer")
    assert review.speaking_seconds == pytest.approx(320 / 150 * 60)
    assert "length" in review.finding_types
    short = review_text(" ".join(["I changed my method."] * 30), "interview-answer")
    assert "length" not in short.finding_types


def test_statement_flag_in_opening_paragraph_and_share():
    review = review_text(corpus("ps-w1"), "personal-statement")
    assert "placement" in review.finding_types
    assert review.flags_mentioned == ("exam-failure",)
    good = review_text(corpus("ps-s1"), "personal-statement")
    assert {"placement", "flag-share", "multiple-flags"}.isdisjoint(good.finding_types)
    assert good.flag_share is not None and good.flag_share < 0.2
    assert good.flag_paragraphs == (3,)  # the third of five paragraphs


def test_statement_with_two_flags_at_length():
    review = review_text(corpus("ps-w2"), "personal-statement")
    assert {"multiple-flags", "flag-share"} <= review.finding_types
    assert set(review.flags_mentioned) >= {"exam-failure", "unexplained-gap"}


def test_a_statement_too_short_to_hold_an_experience_is_said_so():
    """The assumed 200-word floor (150 before issue 17's seventh round): a 77-word statement is
    too short, a strong one of the corpus (222 words, the shortest labelled strong) is not."""
    short = (
        "I have always wanted to be a doctor who helps people. Internal medicine is the "
        "specialty where I can use my knowledge and care for patients with many problems. "
        "During my training I saw many interesting cases and learned a lot from my teachers. "
        "I am hard-working, a team player and eager to learn. I believe I will be an asset "
        "to your program and I hope to be given the chance to prove myself in residency."
    )
    review = review_text(short, "personal-statement")
    assert "length" in review.finding_types
    assert any("a statement this short" in f.message for f in review.findings)
    assert "length" not in review_text(corpus("ps-s4"), "personal-statement").finding_types


def test_score_orders_strong_above_weak_and_top_fixes():
    strong = review_text(corpus("gap-s1"), "additional-info", flag="unexplained-gap")
    weak = review_text(corpus("gap-w1"), "additional-info", flag="unexplained-gap")
    assert strong.score > weak.score
    assert 0 <= weak.score <= 100
    assert 1 <= len(weak.top_fixes) <= 3
    assert len(set(weak.top_fixes)) == len(weak.top_fixes)


def test_unknown_kind_and_empty_text_are_input_errors():
    from smartpick.errors import TextInputError

    with pytest.raises(TextInputError):
        review_text("I failed.", "essay")
    with pytest.raises(TextInputError):
        review_text("   \n", "letter")


def test_negated_structure_cue_does_not_count_as_present():
    said = "From 2020-07 to 2021-06 I did clinical work in a rural clinic."
    denied = "From 2020-07 to 2021-06 my family did not allow me to work."
    parts = {
        text: {
            p.id: p.present
            for p in review_text(text, "additional-info", flag="unexplained-gap").structure
        }
        for text in (said, denied)
    }
    assert parts[said]["activity"] is True
    assert parts[denied]["activity"] is False


def test_spans_are_offsets_in_the_given_text_even_with_crlf_and_curly_quotes():
    text = "I didn\u2019t prepare well.\r\n\r\nMy school did not prepare us at all.\r\n"
    review = review_text(text, "additional-info")
    blame = [f for f in review.findings if f.type == "blame"]
    assert blame
    start, end = blame[0].span
    assert text[start:end].startswith("school")
    assert review.paragraph_count == 2


def test_direct_supervision_of_a_procedure_is_not_a_warning():
    # ACGME's "direct supervision" names a level of supervision, not a weakness
    letter = "He placed ultrasound-guided blocks under my direct supervision by the third week."
    assert "warning-phrase" not in review_text(letter, "letter").finding_types
    assert "warning-phrase" in review_text("He needs close supervision.", "letter").finding_types
