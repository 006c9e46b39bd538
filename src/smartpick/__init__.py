"""smartpick: decision support for international medical graduates applying to US residency."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import InputError, ProfileError, SmartpickError

__all__ = ["InputError", "ProfileError", "SmartpickError", "__version__"]
