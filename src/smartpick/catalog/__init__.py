"""The program catalog: every NRMP Main Match track, what is known about it, and its sources."""

from __future__ import annotations

from .model import Attribute, Figure, Program, RateDistribution, SearchResult, SpecialtyFigures
from .query import Catalog, open_catalog

__all__ = [
    "Attribute",
    "Catalog",
    "Figure",
    "Program",
    "RateDistribution",
    "SearchResult",
    "SpecialtyFigures",
    "open_catalog",
]
