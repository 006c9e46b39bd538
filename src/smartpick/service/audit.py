"""Service: the red-flag audit of a profile (the CLI, web app and reports call this)."""

from __future__ import annotations

from pathlib import Path

from ..profile import Profile, load_profile
from ..redflags import Audit, audit


def audit_profile(profile_or_path: Profile | Path | str, specialty: str | None = None) -> Audit:
    """Audit a profile (or a profile file) for one target specialty (default: primary)."""
    if isinstance(profile_or_path, Profile):
        profile = profile_or_path
    else:
        profile = load_profile(Path(profile_or_path))
    return audit(profile, specialty)
