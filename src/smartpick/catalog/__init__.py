"""The program catalog: every NRMP Main Match track, what is known about it, and its sources.

Tracks (``Program``) group into programs (``ProgramUnit``: institution code + NRMP
specialty code) with ``Catalog.program_units()`` / ``Catalog.program_unit(code)``.
"""

from __future__ import annotations

from .model import Attribute, Figure, Program, RateDistribution, SearchResult, SpecialtyFigures
from .query import Catalog, open_catalog
from .units import ProgramUnit

__all__ = [
    "Attribute",
    "Catalog",
    "Figure",
    "Program",
    "ProgramUnit",
    "RateDistribution",
    "SearchResult",
    "SpecialtyFigures",
    "open_catalog",
]
