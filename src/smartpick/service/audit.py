"""Service: the red-flag audit of a profile (the CLI, web app and reports call this)."""

from __future__ import annotations

from pathlib import Path

from ..audit import Audit, CommitteeView, audit
from ..profile import Profile, load_profile

__all__ = ["Audit", "CommitteeView", "audit_profile"]


def audit_profile(profile_or_path: Profile | Path | str, specialty: str | None = None) -> Audit:
    """Audit a profile (or a profile file) for one target specialty (default: primary)."""
    if isinstance(profile_or_path, Profile):
        profile = profile_or_path
    else:
        profile = load_profile(Path(profile_or_path))
    return audit(profile, specialty)
