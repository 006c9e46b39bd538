"""Screening and chance model: filters, interview and match probabilities per program.

See docs/model.md. Public API:
``ChanceModel``, ``NodeProbabilities``, ``p_match_at_least_one``, ``p_match_range``,
``Applicant``, ``ProgramFacts``, ``applicant_from_profile``.
"""

from __future__ import annotations

from .adapter import applicant_from_profile
from .inputs import Applicant, ProgramFacts, as_program_facts
from .model import (
    ChanceModel,
    NodeProbabilities,
    count_range,
    interview_count_distribution,
    p_match_at_least_one,
    p_match_draws,
    p_match_range,
    quadrature,
)
from .params import Assumption, Assumptions, FittedParams, load_assumptions, load_fitted
from .units import listing_key

__all__ = [
    "Applicant",
    "Assumption",
    "Assumptions",
    "ChanceModel",
    "FittedParams",
    "NodeProbabilities",
    "ProgramFacts",
    "applicant_from_profile",
    "as_program_facts",
    "count_range",
    "interview_count_distribution",
    "listing_key",
    "load_assumptions",
    "load_fitted",
    "p_match_at_least_one",
    "p_match_draws",
    "p_match_range",
    "quadrature",
]
