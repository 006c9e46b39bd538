"""The bare-text settings are data (text_rules.yaml's substance section), not code: changing
them in the file changes the review."""

from __future__ import annotations

import pytest
import yaml

from smartpick.datafiles import read_text
from smartpick.errors import DataFileError
from smartpick.texts import review, review_text
from smartpick.texts.rules import RULES_FILE, parse_rules

TEMPLATE = (
    "I have limited US clinical experience in my specialty. I have worked hard to gain exposure "
    "wherever I could. I am confident that I will be a valuable addition to your program."
)


def _review_with(monkeypatch, **substance: object) -> frozenset[str]:
    data = yaml.safe_load(read_text(RULES_FILE))
    data["substance"].update(substance)
    rules = parse_rules(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    monkeypatch.setattr(review, "load_rules", lambda: rules)
    return review_text(TEMPLATE, "additional-info", flag="limited-usce").reported_types


def test_the_shipped_settings_make_the_template_bare():
    assert (
        "no-specifics"
        in review_text(TEMPLATE, "additional-info", flag="limited-usce").reported_types
    )


@pytest.mark.parametrize(
    "change",
    [
        {"flag_names": {}},  # "US" is a name again: one sentence gives a fact
        {"bare_text_no_fact": None},  # the three-sentence rule off
        {"bare_text_no_fact": 4},  # three sentences are too few for it
    ],
)
def test_the_bare_text_settings_are_read_from_the_rules_file(monkeypatch, change):
    assert "no-specifics" not in _review_with(monkeypatch, **change)


def _rules_with_wording(**wording: str):
    data = yaml.safe_load(read_text(RULES_FILE))
    data["wording"].update(wording)
    return parse_rules(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def test_the_whole_text_findings_take_their_words_from_the_rules_file(monkeypatch):
    rules = _rules_with_wording(
        no_specifics_bare="Bare: {specific} of {total}.", no_specifics_fix="Give one fact."
    )
    monkeypatch.setattr(review, "load_rules", lambda: rules)
    result = review_text(TEMPLATE, "additional-info", flag="limited-usce")
    bare = next(f for f in result.findings if f.type == "no-specifics")
    assert bare.message == "Bare: no sentence gives of 3."
    assert bare.fix.endswith(": give one fact.")  # the fix, quoting the sentence it is about


def test_a_wording_that_names_an_unknown_field_is_refused_on_load():
    with pytest.raises(DataFileError, match=r"undated names \['when'\]; it may name \{match\}"):
        _rules_with_wording(undated="No date ({when}).")
