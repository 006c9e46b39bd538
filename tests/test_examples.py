"""Every bundled example: its expected red flags (worked out from the file by hand)."""

from __future__ import annotations

import pytest
import yaml
from pydantic import BaseModel

from conftest import EXAMPLES
from smartpick.audit import flag_ids
from smartpick.profile import Profile
from smartpick.profile.problems import nested_model
from smartpick.service import audit_profile

EXPECTED = {
    "clean.yaml": set(),
    "stacked-red-flags.yaml": {
        "exam-failure",
        "multiple-attempts",
        "low-step1",
        "low-step2ck",
        "old-graduate",
        "unexplained-gap",
        "nonclinical-gap",
        "stale-clinical-activity",
        "professionalism",
        "limited-usce",
        "weak-letters",
        "visa-sponsorship",
        "visa-h1b",
    },
    "anesthesiology-nonus-img.yaml": {
        "low-step2ck",
        "old-graduate",
        "nonclinical-gap",
        "stale-clinical-activity",
        "prior-residency",
        "reapplicant",
        "specialty-switch",
        "limited-usce",
        "visa-sponsorship",
    },
    "step2ck-three-attempts.yaml": {
        "exam-failure",
        "multiple-attempts",
        "attempts-near-limit",
        "old-graduate",
        "nonclinical-gap",
        "visa-sponsorship",
        "ecfmg-pending",
    },
    "no-step2ck-recent-grad.yaml": {
        "no-step2ck",
        "english-proficiency",
        "ecfmg-pending",
        "limited-usce",
        "no-specialty-exposure",
        "no-us-letters",
        "weak-letters",
        "visa-sponsorship",
    },
    "academic-history.yaml": {
        "academic-failure",
        "repeated-year",
        "professionalism",
        "old-graduate",
        "weak-letters",
    },
    "ir-h1b-reapplicant.yaml": {
        "low-step2ck",
        "old-graduate",
        "reapplicant",
        "specialty-switch",
        "visa-sponsorship",
        "visa-h1b",
    },
    "dismissed-gap.yaml": {
        "professionalism",
        "prior-residency",
        "unexplained-gap",
        "nonclinical-gap",
        "old-graduate",
        "stale-clinical-activity",
        "specialty-switch",
        "weak-letters",
    },
    "us-img-im-reapplicant.yaml": {"exam-failure", "low-step2ck", "reapplicant"},
}


@pytest.mark.parametrize("name, expected", sorted(EXPECTED.items()))
def test_example_triggers_exactly_its_flags(name, expected):
    assert set(audit_profile(EXAMPLES / name).flag_ids) == expected


def test_every_example_is_listed():
    assert {p.name for p in EXAMPLES.glob("*.yaml")} == set(EXPECTED)


def test_examples_together_trigger_every_flag():
    assert set().union(*EXPECTED.values()) == set(flag_ids())


def test_clean_profile_is_strong_with_no_flag_above_20():
    result = audit_profile(EXAMPLES / "clean.yaml")
    assert all(flag.severity <= 20 for flag in result.red_flags)
    assert result.committee.label == "strong"


def test_stacked_example_is_do_not_rank_and_stacked():
    result = audit_profile(EXAMPLES / "stacked-red-flags.yaml")
    assert result.committee.label == "do-not-rank"
    assert {"attempts-old-graduate-visa", "professionalism-weak-interview"} <= {
        s.id for s in result.stacks
    }


def test_example_letter_text_is_read():
    result = audit_profile(EXAMPLES / "academic-history.yaml")
    weak = next(f for f in result.red_flags if f.id == "weak-letters")
    assert any("with appropriate supervision" in line for line in weak.evidence)


def _fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    names = set()
    for name, info in model.model_fields.items():
        names.add(prefix + name)
        nested = nested_model(info.annotation)
        if nested is not None:
            names |= _fields(nested, f"{prefix}{name}.")
    return names


def _used(node: object, prefix: str = "") -> set[str]:
    if isinstance(node, list):
        return set().union(set(), *(_used(item, prefix) for item in node))
    if not isinstance(node, dict):
        return set()
    names = set()
    for key, value in node.items():
        names.add(prefix + key)
        names |= _used(value, f"{prefix}{key}.")
    return names


def test_examples_use_every_field_of_the_format():
    used = set().union(*(_used(yaml.safe_load(p.read_text())) for p in EXAMPLES.glob("*.yaml")))
    assert _fields(Profile) - used == set()


def test_advocate_carries_a_file_past_quiet_filters_and_says_so():
    view = audit_profile(EXAMPLES / "us-img-im-reapplicant.yaml", chances=False).committee
    assert view.advocate == "strong"
    assert view.label == "borderline"  # the composite's reading
    assert any("only through a strong advocate" in reason for reason in view.reasons)
    agreed = audit_profile(EXAMPLES / "us-img-im-reapplicant.yaml").committee
    assert agreed.label == "strong" and agreed.p_match is not None  # the model's: 52%
    assert any("only through a strong advocate" in reason for reason in agreed.reasons)
