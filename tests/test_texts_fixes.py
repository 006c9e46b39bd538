"""Fixes from the text and the profile (issue 17): quoted, worded for the flag, never another
flag's example, filled from the file."""

from __future__ import annotations

import re
from pathlib import Path

from smartpick.profile import load_profile
from smartpick.texts import review_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAM_WORDS = re.compile(r"\b(step \d|exam|score|nbme|usmle|attempt)\b", re.I)


def _all_fixes(review) -> list[str]:
    return (
        [f.fix for f in review.findings]
        + [p.fix for p in review.structure]
        + list(review.top_fixes)
    )


def test_a_professionalism_text_gets_no_exam_advice_and_the_file_since_the_incident():
    profile = load_profile(EXAMPLES / "dismissed-gap.yaml")  # probation 2019-06
    text = (
        "In June 2019 I was placed on probation for late notes and missed pages. The attending "
        "was unfair and reported me for something small. I learned a lot."
    )
    review = review_text(text, "additional-info", profile=profile, flag="professionalism")
    fixes = _all_fixes(review)
    assert not [f for f in fixes if EXAM_WORDS.search(f)], fixes
    blame = next(f for f in review.findings if f.type == "blame")
    assert blame.fix.startswith("In “The attending was unfair")
    evidence = next(p for p in review.structure if p.id == "evidence")
    assert "From your file: clinical from 2025-01" in evidence.fix
    assert "2018-07" not in evidence.fix  # the residency the incident happened in


def test_a_text_about_leaving_a_residency_gets_no_exam_example():
    text = (
        "I left my surgery residency in 2020. The program director was hostile and the "
        "residents did not support me. Since then I have worked in internal medicine."
    )
    review = review_text(text, "additional-info", flag="prior-residency")
    assert "blame" in review.finding_types
    assert not [f for f in _all_fixes(review) if EXAM_WORDS.search(f)]


def test_no_pass_yet_is_named_from_the_file():
    profile = load_profile(EXAMPLES / "step2ck-three-attempts.yaml")
    text = "I failed Step 2 CK three times. I changed my routine. I study every day."
    review = review_text(text, "additional-info", profile=profile, flag="exam-failure")
    evidence = next(p for p in review.structure if p.id == "evidence")
    assert "No pass yet: name your next exam date and your NBME practice scores" in evidence.fix


def test_a_later_pass_is_named_from_the_file():
    profile = load_profile(EXAMPLES / "stacked-red-flags.yaml")  # Step 1 failed 2014-05
    text = "I failed Step 1 in May 2014. I relied on reading. I now test myself daily."
    review = review_text(text, "additional-info", profile=profile, flag="exam-failure")
    evidence = next(p for p in review.structure if p.id == "evidence")
    assert "From your file: Step 1 2014-11 pass 207; Step 2 CK 2019-02 pass 226." in evidence.fix
