"""Issue 17, seventeenth round: an undated explanation that gives a number (a score, years of
practice, the size of a ward; not the exam's own number) is not vague for its missing date
(it is reported as undated);
a vague phrase that is the subject of "is that" / "was that" is named by the clause after it
("The other thing is that I asked ..."). Texts written for these tests (in no set)."""

from __future__ import annotations

from texts_review import reported as _types

NUMBERED = (
    "My Step 2 CK score was 214, below what I had hoped for. "
    "I do not think one exam says much about how I care for patients. "
    "I have run the night service of a 40-bed surgical ward in Mwanza for five years."
)


def test_an_undated_text_with_a_number_is_not_vague_for_its_date():
    types = _types(NUMBERED, "low-step2ck")
    assert "vague" not in types
    assert "undated" in types


def test_an_undated_text_with_a_count_in_words_is_not_vague_for_its_date():
    text = (
        "I have not taken Step 2 CK yet. It should not worry a program, since it is only one "
        "more exam. I have worked on the medical wards of a district hospital for six years."
    )
    assert "vague" not in _types(text, "no-step2ck")


def test_an_undated_text_with_no_number_is_still_vague():
    text = (
        "I have not taken Step 2 CK yet. I hope to sit for it sometime soon, once I feel "
        "ready. I am a hard worker and I am confident I will do well."
    )
    assert "vague" in _types(text, "no-step2ck")


def test_the_exams_own_number_is_no_number():
    text = (
        "I have not taken Step 2 CK yet, and I know Step 2 CK matters to programs. "
        "I am preparing for it and I am confident I will pass it when I take it."
    )
    assert "vague" in _types(text, "no-step2ck")


NAMED = (
    "Last year I applied to forty university programs with no US letters. This year I did "
    "two rotations in family medicine in Omaha and I have three US letters from them. The "
    "other thing is that I asked the program director who interviewed me last year for "
    "feedback, and she told me my letters were the weak point."
)


def test_a_phrase_named_by_its_that_clause_is_not_vague():
    assert "vague" not in _types(NAMED, "reapplicant", "interview-answer")


def test_a_phrase_not_named_is_still_vague():
    text = NAMED.replace(
        "The other thing is that I asked the program director who interviewed me last year "
        "for feedback, and she told me my letters were the weak point.",
        "There were also some other things that held me back last year.",
    )
    assert text != NAMED
    assert "vague" in _types(text, "reapplicant", "interview-answer")
