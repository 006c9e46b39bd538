"""Issue 17, sixteenth round: a belief introduced by "that" states a conviction and is no hedge
unless a modal follows ("I believe that I could"); a time left open ("sometime", "at some
point") is a hedge. Texts written for these tests (in no set)."""

from __future__ import annotations

from texts_review import reported as _types

CONVICTION = (
    "I failed Step 1 in June 2022 because I studied from lecture notes alone and never sat a "
    "timed block. I believe that the habits I built afterwards made me a better clinician: "
    "forty timed questions every morning and one NBME form every second week. I passed in "
    "March 2023 with 231, and I believe that steady routine is what I bring to your program."
)


def test_a_belief_held_as_conviction_is_no_hedge():
    assert "hedging" not in _types(CONVICTION, "exam-failure")


def test_a_belief_that_doubts_a_possibility_is_a_hedge():
    text = CONVICTION.replace(
        "and I believe that steady routine is what I bring to your program",
        "and I believe that I could possibly manage the pace of a busy residency",
    )
    assert text != CONVICTION
    assert "hedging" in _types(text, "exam-failure")


VAGUE_TIME = (
    "I have not taken Step 2 CK yet. I plan to sit for it sometime next year, possibly after "
    "my research post in Leeds ends, and I will send the score to programs when it is out."
)


def test_a_vague_time_is_a_hedge():
    assert "hedging" in _types(VAGUE_TIME, "no-step2ck")
    other = VAGUE_TIME.replace("sometime next year", "at some point next year")
    assert "hedging" in _types(other, "no-step2ck")


def test_a_dated_plan_with_one_hedge_is_no_hedging():
    text = VAGUE_TIME.replace("sometime next year", "on 14 October 2026")
    assert "hedging" not in _types(text, "no-step2ck")
