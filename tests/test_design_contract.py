"""The profile example printed in design.md (copied to tests/data) is valid as written."""

from pathlib import Path

import pytest

from smartpick.audit import audit
from smartpick.errors import ProfileError
from smartpick.profile import parse_profile

EXAMPLE = Path(__file__).parent / "data" / "design_example_profile.yaml"


def test_design_example_profile_parses_and_audits():
    profile = parse_profile(EXAMPLE.read_text(encoding="utf-8"))
    assert profile.targets.primary == "anesthesiology"
    assert [e.specialty for e in profile.experiences][:2] == ["anesthesiology", "critical-care"]
    ids = {flag.id for flag in audit(profile).red_flags}
    assert {"exam-failure", "prior-residency", "reapplicant", "professionalism"} <= ids


@pytest.mark.parametrize(
    "field, value, hint_part",
    [
        ("experiences", "critcal-care", "critical-care"),
        ("targets", "critical-care", None),  # an area is never a target
    ],
)
def test_clinical_areas_are_for_experiences_only(field, value, hint_part):
    text = EXAMPLE.read_text(encoding="utf-8")
    if field == "experiences":
        text = text.replace("specialty: critical-care", f"specialty: {value}")
    else:
        text = text.replace("primary: anesthesiology", f"primary: {value}")
    with pytest.raises(ProfileError) as info:
        parse_profile(text)
    assert value in info.value.message
    if hint_part:
        assert hint_part in (info.value.hint or "")
