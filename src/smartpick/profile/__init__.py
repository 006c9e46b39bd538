"""The applicant's profile: the validated file (format v1), how it is read, and the facts
derived from it that every other package shares.

- :mod:`.model`: the strict pydantic models (``Profile`` and its parts)
- :mod:`.loader`: ``load_profile`` (a file) and ``parse_profile`` (a string)
- :mod:`.documents`: YAML/JSON parsing and letter text files
- :mod:`.checks`: cross-field checks (dates, scores, specialties)
- :mod:`.problems`: pydantic errors turned into one ``ProfileError`` with a path and hint
- :mod:`.facts`: derived facts (exam histories, gaps, months of US experience, ...)
- :mod:`.states`: US states as two-letter USPS codes (preferences, catalog search)
"""

from __future__ import annotations

from . import facts
from .checks import check_profile
from .documents import parse_document
from .loader import load_profile, parse_profile, read_document_bytes
from .model import EXAM_NAMES, Exam, Experience, Profile, default_season
from .problems import from_validation_error, problem_of
from .states import STATE_HINT, US_STATES, state_code

__all__ = [
    "EXAM_NAMES",
    "Exam",
    "Experience",
    "Profile",
    "STATE_HINT",
    "US_STATES",
    "check_profile",
    "default_season",
    "facts",
    "from_validation_error",
    "load_profile",
    "parse_document",
    "parse_profile",
    "problem_of",
    "read_document_bytes",
    "state_code",
]
