"""The bare-text settings are data (text_rules.yaml's substance section), not code: changing
them in the file changes the review."""

from __future__ import annotations

import pytest
import yaml

from smartpick.datafiles import read_text
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
