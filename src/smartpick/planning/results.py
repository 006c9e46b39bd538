"""What a plan reports: the chosen programs, signals, totals and the P(match)-budget curve."""

from __future__ import annotations

from dataclasses import dataclass

from ..budget import Budget, BudgetUnit
from .fees import ApplicationCost
from .instance import ADVANCED, MAIN

COUNTS_AS = {
    MAIN: "success",
    ADVANCED: "success with a PGY-1 position (advanced track)",
    2: "PGY-1 year for the advanced tracks (not a match by itself)",
}


@dataclass(frozen=True)
class PlannedProgram:
    code: str
    institution: str
    state: str | None
    specialty: str
    track: str
    counts_as: str
    category: str  # reach | target | likely (from p_interview; data/plan.yaml)
    p_interview: float
    p_match: float  # P(match here if ranked first) x P(interview), with the plan's signal
    fee_usd: float | None  # its fee at its position in the tiers; None: no fee schedule
    signal: str | None  # gold | silver | signal | None


@dataclass(frozen=True)
class SignalUse:
    pool: str
    specialties: tuple[str, ...]
    available: tuple[tuple[str, int], ...]
    used: tuple[tuple[str, int], ...]
    institutions: tuple[tuple[str, str], ...]  # (institution code, tier)
    p_match_added: float  # P(match) lost if these signals were not sent
    assumed: bool
    note: str
    source: str


@dataclass(frozen=True)
class BudgetPoint:
    budget: float
    cost_usd: float
    p_match: float
    n_programs: int


@dataclass(frozen=True)
class PlanTotals:
    n_programs: int
    cost: ApplicationCost | None  # None: a budget in programs for a season without fee data
    expected_interviews: float  # one interview draw per program (ERAS listing)
    interviews_low: int  # the central range_level range of the number of interviews
    interviews_high: int
    p_match: float
    p_match_low: float
    p_match_high: float
    range_level: float
    p_match_without_signals: float


@dataclass(frozen=True)
class Plan:
    season: int
    specialties: tuple[str, ...]
    budget_unit: BudgetUnit
    budget: float
    programs: tuple[PlannedProgram, ...]
    totals: PlanTotals
    signals: tuple[SignalUse, ...]
    curve: tuple[BudgetPoint, ...]
    marginal_p_match: float  # per next 100 USD (usd budgets) or next program
    marginal_unit: str
    saturation_budget: float | None  # past this, more budget buys almost nothing
    method: str
    candidates: int
    category_rule: str
    notes: tuple[str, ...]
    covers: str
    sources: tuple[str, ...]
    barrier: str | None = None  # why no program is in reach (an empty plan says why)

    @property
    def budget_value(self) -> Budget:
        return Budget(self.budget_unit, self.budget)
