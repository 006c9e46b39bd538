"""What a plan reports: the chosen programs, signals, totals and the P(match)-budget curve."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

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
    reasons: tuple[str, ...] = ()  # why it is on the list, in words, strongest first


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
    p_match: float  # P(any match) of the plan at this budget
    n_programs: int
    value: float  # the objective: P(match) weighted by what each match is worth to the user


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
    p_match_primary: float = 0.0  # a match in the primary specialty
    value: float = 0.0  # the objective: P(match) weighted by the preferences
    spend: float = 0.0  # the budget the plan is made for (budget unit): the stop rule's or all
    recommended_budget: float | None = None  # the stop rule's (budget unit); None: all of it
    recommended_spend_usd: float | None = None  # the same in USD, where the fees are known
    min_gain_pp: float = 0.0  # the stop rule: points per 100 USD (or per program)
    spend_all: bool = False
    verdict: str = "apply"  # apply | apply-and-fix | fix-first
    verdict_reason: str = ""
    fix: FixAdvice | None = None
    preference_costs: tuple[PreferenceCost, ...] = ()


@dataclass(frozen=True)
class FixAdvice:
    """The change to the file the verdict names: what it is, and what it is worth."""

    action: str  # the what-if action's id
    title: str  # names its target (the exam, the specialty, the program)
    p_match_before: float  # both with the whole budget spent (the what-if's rule)
    p_match_after: float
    gain: float
    months: float
    cost_usd: float | None


@dataclass(frozen=True)
class PreferenceCost:
    """What one of the objective's terms costs in P(match): planned again without it."""

    term: str  # planning.utility.TERMS name
    label: str
    p_match_without: float
    points: float  # P(match) without it minus with it, in percentage points


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


def signal_rows(plan: Mapping[str, Any]) -> tuple[int, int]:
    """(rows of the list that show a signal, signals sent) of a plan in its JSON form (a
    stored plan is one): a signal goes to the institution, so each of its listings shows it
    and the rows can outnumber the signals."""
    rows = sum(1 for p in plan["programs"] if p["signal"])
    sent = sum(int(n) for s in plan["signals"] for _, n in s["used"])
    return rows, sent
