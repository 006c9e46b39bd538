"""Market simulation: the matching engine (Roth–Peranson) and its stability checker."""

from __future__ import annotations

from ..errors import NoStableMatchingError
from .algorithm import MatchResult, ReversionResult, match, match_with_reversion, stable_match
from .stability import BlockingPair, blocking_pairs, over_capacity, unacceptable_pairs

__all__ = [
    "BlockingPair",
    "MatchResult",
    "NoStableMatchingError",
    "ReversionResult",
    "blocking_pairs",
    "match",
    "match_with_reversion",
    "over_capacity",
    "stable_match",
    "unacceptable_pairs",
]
