"""Counts said in the right number wherever a figure can be 1 ('1 application', not
'1 applications'): the plan's verdict, the chance filters' reasons, the outline's and the
interview's previous cycle, a program's size."""

from __future__ import annotations

import yaml

from conftest import EXAMPLES
from smartpick.chances.inputs import Applicant
from smartpick.planning.results import PlanTotals
from smartpick.profile import parse_profile

REAPPLICANT = EXAMPLES / "ir-h1b-reapplicant.yaml"  # one unmatched cycle: 60 applications, 3


def _totals(n: int) -> PlanTotals:
    return PlanTotals(n, None, 0.5, 0, 1, 0.1, 0.0, 0.2, 0.8, 0.1)


def test_the_verdict_counts_one_application():
    from smartpick.planning.verdict import _spent

    assert _spent(_totals(1)) == "1 application"
    assert _spent(_totals(2)) == "2 applications"


def test_filter_reasons_count_one_year_and_one_failure():
    from smartpick.chances.explain import _what

    app = Applicant(years_since_graduation=1.2, failures=1)
    assert _what("years_since_graduation", app) == "1 year since graduation"
    assert _what("attempts", app) == "1 failed attempt"
    later = Applicant(years_since_graduation=6.0, failures=2)
    assert _what("years_since_graduation", later) == "6 years since graduation"


def _one_of_each() -> object:
    data = yaml.safe_load(REAPPLICANT.read_text())
    data["previous_cycles"][0].update(applications=1, interviews=1)
    return parse_profile(yaml.safe_dump(data))


def test_the_previous_cycle_is_counted_in_the_outline_and_the_interview():
    from smartpick.texts.outline import _flag_facts
    from smartpick.texts.questions import _cycle_question

    profile = _one_of_each()
    question = _cycle_question(profile)
    assert question is not None and "with 1 application and 1 interview " in question
    facts = [line for lines in _flag_facts(profile, "reapplicant").values() for line in lines]
    assert any("1 application, 1 interview" in line for line in facts), facts
