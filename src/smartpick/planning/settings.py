"""The plan's settings (``data/plan.yaml``), validated on load."""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from ..datafiles import load_validated


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Categories(_Strict):
    measure: str
    reach_below: float
    likely_from: float
    reasoning: str


class Saturation(_Strict):
    pp_per_100_usd: float
    pp_per_program: float
    reasoning: str


class Curve(_Strict):
    max_factor: float
    min_extra_usd: float
    min_extra_programs: int
    max_usd: float
    max_programs: int


class Range(_Strict):
    level: float
    reasoning: str


class Objective(_Strict):
    backup_value: float
    state_weight: float
    type_weight: float
    reasoning: str


class Stop(_Strict):
    min_gain_pp_per_100_usd: float
    min_gain_pp_per_program: float
    floor_p_match: float
    fix_min_gain: float
    check_fixes_below: float
    reasoning: str


class PlanSettings(_Strict):
    source: str
    categories: Categories
    saturation: Saturation
    curve: Curve
    range: Range
    objective: Objective
    stop: Stop
    planning_nodes: int


@lru_cache(maxsize=1)
def plan_settings() -> PlanSettings:
    return load_validated("plan.yaml", PlanSettings)


def category(p_interview: float) -> str:
    """reach / target / likely from P(interview) (thresholds in data/plan.yaml)."""
    c = plan_settings().categories
    if p_interview < c.reach_below:
        return "reach"
    return "likely" if p_interview >= c.likely_from else "target"
