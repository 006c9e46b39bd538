"""For the texts round tests: the finding types a review gives one text."""

from __future__ import annotations

from smartpick.texts import review_text


def reported(text: str, flag: str, kind: str = "additional-info") -> frozenset[str]:
    """The types as the labelled sets use them (ownership-missing where the part is missing)."""
    return review_text(text, kind, flag=flag).reported_types


def found(text: str, flag: str, kind: str = "additional-info") -> frozenset[str]:
    """The findings' own types."""
    return review_text(text, kind, flag=flag).finding_types
