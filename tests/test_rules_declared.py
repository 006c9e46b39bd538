"""A threshold rule added in data alone: a new entry in a copy of red_flags.yaml fires on a
profile, through the generic detector, with no code and no doc edit by hand."""

from __future__ import annotations

import copy
import re

import pytest

from smartpick.audit import audit, load_rules
from smartpick.audit import rules as rules_module
from smartpick.audit.rulebook import regenerate
from smartpick.datafiles import load_yaml
from smartpick.errors import DataFileError
from smartpick.profile import Profile

NEW_RULE = {
    "fires_when": "fewer than 2 letters from US writers",
    "category": "us-clinical-experience",
    "objectivity": 1,
    "fixability": {"value": 50, "basis": "assumed"},
    "severity": {"base": 20, "per_unit": 5, "max": 40},
    "threshold": {
        "value": 2,
        "unit": "letters from US writers",
        "basis": "practitioner",
        "source": "a test",
        "by_specialty": {"internal-medicine": 3},
    },
    "detect": {
        "fact": "us_letters",
        "compare": "below",
        "evidence": ["{value:plural US letter} of {letters:plural letter}", "{failed_exam_lines}"],
    },
    "pd_fears": "No US physician vouches.",
    "where_to_address": ["letters"],
    "counter_evidence": ["US letters"],
    "interview_questions": ["Who in the US knows your work?"],
}
US = {"writer_specialty": "anesthesiology", "country": "US", "strength": "strong"}
HOME = {"writer_specialty": "anesthesiology", "country": "India", "strength": "strong"}


@pytest.fixture
def rule_file(monkeypatch):
    """A copy of the shipped rule file that a test edits; the audit reads the copy."""
    data = copy.deepcopy(load_yaml(rules_module.RULES_FILE))
    shipped = rules_module.load_yaml

    def patched(name: str):
        return data if name == rules_module.RULES_FILE else shipped(name)

    monkeypatch.setattr(rules_module, "load_yaml", patched)
    load_rules.cache_clear()
    yield data
    load_rules.cache_clear()


def profile(letters: list[dict], primary: str = "anesthesiology") -> Profile:
    return Profile.model_validate(
        {
            "season": 2028,
            "citizenship": "us",
            "visa": "none",
            "medical_school": {"country": "US", "graduation": "2025-05"},
            "exams": [
                {"exam": "step1", "result": "fail", "date": "2023-05"},
                {"exam": "step1", "result": "pass", "date": "2023-11"},
                {"exam": "step2ck", "score": 255, "date": "2024-06"},
            ],
            "experiences": [{"kind": "clinical", "setting": "hands-on", "country": "US",
                             "specialty": primary, "start": "2025-06"}],
            "letters": letters,
            "targets": {"primary": primary},
        }
    )  # fmt: skip


def findings(p: Profile) -> dict:
    return {f.id: f for f in audit(p).red_flags}


def test_a_rule_added_to_the_data_file_fires(rule_file):
    rule_file["flags"]["few-us-letters"] = NEW_RULE
    found = findings(profile([US, HOME, HOME]))
    flag = found["few-us-letters"]
    assert flag.evidence == ("1 US letter of 3 letters", "Step 1: fail 2023-05, pass 2023-11")
    assert flag.severity == 25  # base 20 + 5 x (2 - 1)
    assert flag.threshold == "2 letters from US writers (practitioner: a test)"
    assert "few-us-letters" not in findings(profile([US, US, HOME]))


def test_a_per_specialty_threshold_applies_to_its_specialty_only(rule_file):
    rule_file["flags"]["few-us-letters"] = NEW_RULE
    im = findings(profile([US, US, HOME], primary="internal-medicine"))
    assert im["few-us-letters"].threshold.startswith("3 letters from US writers for internal")
    assert "few-us-letters" not in findings(profile([US, US, HOME]))


def test_the_doc_of_a_new_rule_is_generated(rule_file):
    rule_file["flags"]["few-us-letters"] = NEW_RULE
    doc = regenerate("<!-- generated: flags -->\n<!-- end generated: flags -->")
    assert "### `few-us-letters`" in doc
    assert "| `few-us-letters` | us-clinical-experience | fewer than 2 letters" in doc
    assert "- **Thresholds per specialty:** internal-medicine 3." in doc


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fact": "us_letter_count"}, "reads unknown fact 'us_letter_count'"),
        ({"evidence": ["{us_leters} letters"]}, "names unknown facts ['us_leters']"),
    ],
)
def test_a_declared_rule_naming_an_unknown_fact_is_a_data_file_error(rule_file, change, message):
    rule_file["flags"]["few-us-letters"] = {**NEW_RULE, "detect": {**NEW_RULE["detect"], **change}}
    with pytest.raises(DataFileError, match=re.escape(message)) as caught:
        load_rules()
    assert "us_letters" in (caught.value.hint or "")


def test_a_threshold_for_an_unknown_specialty_is_a_data_file_error(rule_file):
    threshold = {**NEW_RULE["threshold"], "by_specialty": {"cardiology-x": 3}}
    rule_file["flags"]["few-us-letters"] = {**NEW_RULE, "threshold": threshold}
    with pytest.raises(DataFileError, match="unknown specialties"):
        load_rules()


def test_a_rule_without_a_detector_is_a_data_file_error(rule_file):
    rule_file["flags"]["few-us-letters"] = {k: v for k, v in NEW_RULE.items() if k != "detect"}
    with pytest.raises(DataFileError, match="neither a detect: block nor"):
        audit(profile([US]))


def test_the_shipped_threshold_rules_are_declared():
    declared = {i for i, rule in load_rules().flags.items() if rule.detect is not None}
    assert {"low-step1", "old-graduate", "limited-usce", "no-us-letters"} <= declared
    assert len(declared) == 14
