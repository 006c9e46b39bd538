"""Issue 17, nineteenth round: a writer's claim with no fact is vague in a bare text that
blames too (the setting ``vague_claim_not_beside`` dropped). Texts written for these tests, in
no labelled set."""

from __future__ import annotations

import pytest

from texts_review import reported as _types

BLAME = (
    "My school did not prepare us for the USMLE at all. The professors taught only for the "
    "national exam and nobody told us which books to use. The testing centre was also far "
    "from my city."
)
CLOSING = " I am confident I will be a valuable resident."


@pytest.mark.parametrize(
    "text",
    [
        BLAME + " After that I worked hard and improved a lot." + CLOSING,
        "The exam fell during the busiest rotation of my internship and my supervisor refused "
        "to give me leave. The preparation courses in my country were also poor. Later I "
        "studied differently and my knowledge improved a lot. I think I deserve a chance.",
    ],
)
def test_a_claim_with_no_fact_is_vague_beside_blame(text):
    found = _types(text, "exam-failure")
    assert {"blame", "vague"} <= found


def test_a_bare_text_that_only_blames_is_not_made_vague():
    found = _types(BLAME + CLOSING, "exam-failure")
    assert "blame" in found
    assert "vague" not in found


def test_a_dated_claim_beside_blame_is_no_vague_claim():
    text = BLAME + " In March 2023 I passed Step 1 with a score of 228 after 14 weeks of UWorld."
    assert "vague" not in _types(text, "exam-failure")
