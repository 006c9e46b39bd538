"""Issue 17, twentieth round: a writer's claim with no fact is judged in personal statements
too (``substance.vague_claim_kinds``), beside a finding of ``vague_claim_with`` as in
explanations. A statement written for these tests, in no labelled set."""

from __future__ import annotations

from texts_review import reported as _types

OPENING = (
    "I grew up in a small town where the nearest hospital was two hours away by bus. When my "
    "grandmother fell ill in 2009, I travelled with her to the regional hospital in Konya and "
    "watched a young internist explain her heart failure to us in plain words. That "
    "conversation is the reason I chose medicine. I graduated from Ankara University in 2016 "
    "and worked for four years in a district hospital, where I managed diabetes, hypertension "
    "and COPD clinics of about thirty patients a day. "
)
HEDGE = (
    "I think I may perhaps be suited to internal medicine, although I am not completely sure yet. "
)
CLAIM = "Since then I have worked on myself a great deal and improved in many ways. "
CLOSING = (
    "In 2022 I completed a twelve-week observership at Lakeside Medical Center in Ohio, where "
    "Dr. Helen Marsh taught me to present patients concisely. I hope to join a program that "
    "values continuity of care and teaching."
)


def _statement(*middle: str) -> frozenset[str]:
    return _types(OPENING + "".join(middle) + CLOSING, None, kind="personal-statement")


def test_a_statements_claim_with_no_fact_is_vague_beside_a_hedge():
    assert {"hedging", "vague"} <= _statement(HEDGE, CLAIM)


def test_a_statements_claim_alone_is_not_judged():
    assert "vague" not in _statement(CLAIM)


def test_a_statements_dated_claim_is_no_vague_claim():
    dated = "From March 2021 I studied 25 hours a week with UWorld and scored 241 on Step 2 CK. "
    assert "vague" not in _statement(HEDGE, dated)
