"""The committee label and the chance model agree (issue 15, item 5).

The audit's composite reads a file one way, the chance model another; the service sets the
label from the model's P(match) for each target specialty with the cut-offs of
data/committee.yaml (``model_labels``), so the label never contradicts the number.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smartpick.audit import audit, committee_rules
from smartpick.profile import load_profile
from smartpick.service import audit_profile, chances_for_profile
from smartpick.specialties import get_specialty

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PROFILES = [*sorted(EXAMPLES.glob("*.yaml")), EXAMPLES / "season" / "profile.yaml"]


def _band(p_match: float) -> str:
    """The label the cut-offs give, computed here from the data file alone."""
    cuts = committee_rules()["model_labels"]
    if p_match < cuts["borderline"]["value"]:
        return "do-not-rank"
    return "strong" if p_match >= cuts["strong"]["value"] else "borderline"


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_every_label_agrees_with_the_models_p_match(path):
    profile = load_profile(path)
    found = audit_profile(profile)
    for view in (found.committee, *found.other_targets):
        chances = chances_for_profile(profile, view.specialty)
        # a PGY-1-only specialty (transitional, preliminary): P(a preliminary position)
        pgy1_only = get_specialty(view.specialty).is_pgy1_only
        p_match = chances.p_preliminary_only if pgy1_only else chances.p_match
        assert view.p_match == pytest.approx(p_match, abs=1e-12)
        assert view.label == _band(p_match), (view.specialty, view.label, p_match)


def test_the_composite_alone_would_contradict_the_model_somewhere():
    """Without the service's reconciliation some example's label and number disagree: the
    test above can fail."""
    disagreeing = []
    for path in PROFILES:
        profile = load_profile(path)
        raw, agreed = audit(profile), audit_profile(profile)
        for before, after in zip(
            (raw.committee, *raw.other_targets),
            (agreed.committee, *agreed.other_targets),
            strict=True,
        ):
            if before.label != after.label:
                disagreeing.append((path.name, before.specialty, before.label, after.label))
                assert any("composite and its caps alone" in r for r in after.reasons)
    assert disagreeing


def test_cut_offs_are_ordered_and_within_their_ranges():
    cuts = committee_rules()["model_labels"]
    assert cuts["basis"] == "assumed"
    for cut in ("borderline", "strong"):
        assert cuts[cut]["low"] <= cuts[cut]["value"] <= cuts[cut]["high"]
    assert cuts["borderline"]["high"] < cuts["strong"]["low"]
