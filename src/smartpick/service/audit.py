"""Service: the red-flag audit of a profile (the CLI, web app and reports call this)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..audit import Audit, CommitteeView, audit, label_from_chances
from ..profile import Profile, load_profile

__all__ = ["Audit", "CommitteeView", "audit_profile"]


def audit_profile(
    profile_or_path: Profile | Path | str, specialty: str | None = None, chances: bool = True
) -> Audit:
    """Audit a profile (or a profile file) for one target specialty (default: primary).

    With ``chances`` (default) each committee label is set by the chance model's P(match)
    for its specialty (``audit.label_from_chances``), so label and number never contradict;
    without, the composite's label alone (no numpy, no catalog: fast)."""
    if isinstance(profile_or_path, Profile):
        profile = profile_or_path
    else:
        profile = load_profile(Path(profile_or_path))
    found = audit(profile, specialty)
    if not chances:
        return found
    return replace(
        found,
        committee=_agreeing(profile, found.committee),
        other_targets=tuple(_agreeing(profile, v) for v in found.other_targets),
    )


def _agreeing(profile: Profile, view: CommitteeView) -> CommitteeView:
    """The committee label set by the chance model's P(match) for the view's specialty."""
    from .chances import specialty_p_match

    return label_from_chances(view, specialty_p_match(profile, view.specialty))
