"""Issue 17, eleventh round: each change on texts written for these tests (in no corpus or fresh
set). On the code from the start of the round every case fails except the negative checks
(marked as such)."""

from __future__ import annotations

from smartpick.texts import review_text
from smartpick.texts.nlp import analyse

# a visa (no failing of the applicant's own) argued about: the hope that programs will not let
# the visa decide is the argument that it should not count (defensive), not blame
VISA_ARGUED = (
    "I will need H-1B sponsorship for residency. Some programs avoid sponsoring, but a visa is "
    "a filing and it should not be a reason to turn away a qualified doctor. I hope programs "
    "will not let a form decide against me. I have worked for three years in a hospital in "
    "Cebu and passed Step 2 CK with 241 in 2024."
)
# negative: a gap whose cause is put on others in the past, beside an argument, still blames
GAP_BLAMED = (
    "There is a gap in my CV from 2021 to 2023 because my parents did not allow me to take a "
    "job in another city. This was not my fault and anyone in my place would have had the same "
    "gap. I studied for Step 2 CK during this time."
)


def _types(text: str, flag: str) -> set[str]:
    return {f.type for f in review_text(text, "additional-info", flag=flag).findings}


def test_an_argument_about_a_visa_is_defensive_not_blame() -> None:
    found = _types(VISA_ARGUED, "visa-sponsorship")
    assert "defensive" in found
    assert "blame" not in found


def test_negative_a_gap_put_on_others_in_the_past_still_blames() -> None:
    found = _types(GAP_BLAMED, "unexplained-gap")
    assert {"blame", "defensive"} <= found


def test_negative_a_failing_argued_about_in_the_present_still_blames() -> None:
    """The filter is for flags that are no failing of the applicant's own: a low score's text
    that puts the score on the exam in the present still blames."""
    text = (
        "My Step 2 CK score of 214 looks low, but scores do not show clinical skills. The exam "
        "is written for American students who are drilled for it from their first year, so "
        "IMGs are at a disadvantage from the start. I do not think a number should decide "
        "who becomes a good resident."
    )
    assert {"blame", "defensive"} <= _types(text, "low-step2ck")


def test_tells_past() -> None:
    from smartpick.texts.substance import tells_past

    doc = analyse(
        "The exam was long. Programs should look at my clinical work. "
        "A single exam cannot measure the skills I have used. My supervisor refused my leave."
    )
    assert [tells_past(s) for s in doc.sentences] == [True, False, False, True]
