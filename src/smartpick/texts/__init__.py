"""Review of red-flag explanations, personal statements, letters and interview answers."""

from __future__ import annotations

from .model import Finding, Review, StructurePart
from .review import review_text

__all__ = ["Finding", "Review", "StructurePart", "review_text"]
