"""Outlines from the file (issue 17): facts filtered to the flag and its date, open items
prompted."""

from __future__ import annotations

import re
from pathlib import Path

from smartpick.profile import load_profile
from smartpick.texts.outline import _period, build_outline

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _parts(example: str, flag: str) -> dict:
    outline = build_outline(load_profile(EXAMPLES / f"{example}.yaml"), flag)
    return {p.id: p for p in outline.parts}


def _months(fact: str) -> list[str]:
    return re.findall(r"\b(?:19|20)\d\d-\d\d\b", fact)


def test_evidence_is_dated_after_the_first_failure():
    parts = _parts("stacked-red-flags", "exam-failure")
    first_failure = "2014-05"  # the example's Step 1 failure
    assert parts["evidence"].facts
    for fact in parts["evidence"].facts:
        assert all(month > first_failure for month in _months(fact)[-1:]), fact
    # the exams with a failure, each with every attempt
    assert parts["what-happened"].facts == (
        "Step 1: 2014-05 fail 188; 2014-11 pass 207",
        "Step 2 CK: 2018-03 fail; 2019-02 pass 226",
    )


def test_no_pass_yet_gets_a_prompt_not_the_failures_as_evidence():
    parts = _parts("step2ck-three-attempts", "exam-failure")
    assert not any("fail" in fact for fact in parts["evidence"].facts)
    assert "no pass yet (Step 2 CK)" in parts["evidence"].prompt
    assert parts["what-happened"].facts == ("Step 2 CK: 2024-01 fail; 2024-09 fail; 2025-06 fail",)


def test_a_probation_not_remediated_is_prompted():
    parts = _parts("dismissed-gap", "professionalism")  # passed every exam; a probation
    assert "probation (2019-06) is not remediated" in parts["changed"].prompt
    assert not any("Step" in fact for fact in parts["what-happened"].facts)


def test_a_one_month_period_reads_as_one_month():
    import datetime as dt

    assert _period(dt.date(2018, 6, 1), dt.date(2018, 6, 1), 1) == "2018-06 (1 month)"
    assert _period(dt.date(2018, 6, 1), dt.date(2018, 9, 1), 4) == "2018-06 to 2018-09 (4 months)"


def _flags_of(profile) -> list[str]:
    from smartpick.audit import audit

    return [f.id for f in audit(profile).red_flags]


def test_every_prompt_of_every_example_outline_is_filled_in():
    """A prompt names the flag's own event ("the incident"), never a bare {event}."""
    seen = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        for flag in _flags_of(profile):
            for part in build_outline(profile, flag).parts:
                seen += 1
                assert "{" not in part.prompt and "}" not in part.prompt, (path.stem, flag, part)
    assert seen > 100


def test_a_professionalism_outline_asks_for_ownership_of_the_incident():
    profile = load_profile(EXAMPLES / "dismissed-gap.yaml")
    prompts = {p.id: p.prompt for p in build_outline(profile, "professionalism").parts}
    assert "your own part in the incident" in prompts["responsibility"]


def test_every_example_outlines_facts_name_fields_as_people_say_them():
    """Facts such as "2026 diagnostic radiology: 60 applications", not "diagnostic-radiology"."""
    from smartpick.specialties import all_specialties

    hyphenated = [s for s in all_specialties() if "-" in s]
    seen = 0
    for path in sorted(EXAMPLES.glob("*.yaml")):
        profile = load_profile(path)
        for flag in _flags_of(profile):
            for part in build_outline(profile, flag).parts:
                for fact in part.facts:
                    seen += 1
                    assert not [s for s in hyphenated if s in fact], (path.stem, flag, fact)
    assert seen > 50


def test_a_gap_outline_lists_the_gaps_its_flag_reads():
    """dismissed-gap: uncovered 2018-06 (1 month, under the 3-month threshold), 2020-02 to
    2021-02 and 2021-09 to 2024-12; a 6-month health leave 2021-03 to 2021-08. A
    non-clinical-gap outline listed all four, the one-month gap included."""
    nonclinical = _parts("dismissed-gap", "nonclinical-gap")["timeframe"].facts
    assert [f for f in nonclinical if "period" in f] == [
        "non-clinical period 2021-03 to 2021-08 (6 months), covered only by health"
    ]
    uncovered = _parts("dismissed-gap", "unexplained-gap")["timeframe"].facts
    assert [_months(f) for f in uncovered if "period" in f] == [
        ["2020-02", "2021-02"],
        ["2021-09", "2024-12"],
    ]
    stale = _parts("dismissed-gap", "stale-clinical-activity")["timeframe"].facts
    assert not any("2018-06" in f for f in stale)
    assert len([f for f in stale if "period" in f]) == 3


def test_a_stale_clinical_outline_dates_the_last_clinical_work():
    """anesthesiology-nonus-img: last clinical work ended 2024-02, 43 months before the
    2027-09 application; the stale-clinical-activity timeframe listed only the gaps."""
    facts = _parts("anesthesiology-nonus-img", "stale-clinical-activity")["timeframe"].facts
    assert facts[0] == (
        "last clinical work ended 2024-02, 43 months before the application date 2027-09"
    )
    other = _parts("anesthesiology-nonus-img", "nonclinical-gap")["timeframe"].facts
    assert not any(f.startswith("last clinical work") for f in other)
