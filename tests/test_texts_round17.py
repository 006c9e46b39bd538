"""Issue 17, seventeenth round: an undated explanation that gives a number (a score, years of
practice, the size of a ward; not the exam's own number) is not vague for its missing date
(it is reported as undated). Texts written for these tests (in no set)."""

from __future__ import annotations

from smartpick.texts import review_text


def _types(text: str, flag: str, kind: str = "additional-info") -> frozenset[str]:
    return review_text(text, kind, flag=flag).reported_types


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
