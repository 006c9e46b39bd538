"""The application budget: an amount in USD or a number of programs.

One frozen value, validated once with one set of limits, wherever the budget enters (the
profile's ``budget:``, the CLI's ``--budget-usd``/``--programs``, the web's ``budget_usd``)
and passed down as it is. Code that differs by unit asks the budget (``pick``), never a string.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeVar

from .errors import InputError

BudgetUnit = Literal["usd", "programs"]
Source = Literal["option", "profile", "form"]
T = TypeVar("T")

MAX_USD = 1_000_000.0
MAX_PROGRAMS = 2000.0
_LIMIT = {"usd": MAX_USD, "programs": MAX_PROGRAMS}
_WHAT = {"usd": "USD", "programs": "programs"}
_EXAMPLE = {"usd": "3000", "programs": "120"}
_OPTION = {"usd": "--budget-usd", "programs": "--programs"}
_FIELD = {"usd": "budget_usd", "programs": "programs"}


@dataclass(frozen=True)
class Budget:
    """``unit`` is ``usd`` or ``programs``; ``amount`` is above 0 and within the limit
    (1,000,000 USD; 2,000 programs). Build it with :meth:`of` (or :meth:`from_options`)."""

    unit: BudgetUnit
    amount: float

    @classmethod
    def of(cls, unit: BudgetUnit, amount: float, source: Source = "option") -> Budget:
        """The budget, or an InputError naming the field where it came from and the fix."""
        amount = float(amount)
        problem = budget_problem(unit, amount)
        if problem is not None:
            raise InputError(problem, path=_path(unit, source), hint=_hint(unit, source))
        return cls(unit, amount)

    @classmethod
    def from_options(
        cls, budget_usd: float | None, programs: float | None, source: Source = "option"
    ) -> Budget | None:
        """The budget given as an option or form field (at most one of the two), or None."""
        if budget_usd is not None and programs is not None:
            raise InputError(
                "give a budget in USD or a number of programs, not both",
                path="budget",
                hint="use --budget-usd N or --programs N",
            )
        if budget_usd is not None:
            return cls.of("usd", budget_usd, source)
        if programs is not None:
            return cls.of("programs", programs, source)
        return None

    @property
    def counts_programs(self) -> bool:
        return self.unit == "programs"

    @property
    def label(self) -> str:
        """The unit as a person reads it: ``USD`` or ``programs``."""
        return _WHAT[self.unit]

    def pick(self, *, usd: T, programs: T) -> T:
        """The value that goes with this budget's unit."""
        return programs if self.counts_programs else usd


def budget_problem(unit: BudgetUnit, amount: float) -> str | None:
    """What is wrong with ``amount`` as a budget in ``unit`` (None if it is valid)."""
    limit = _LIMIT[unit]
    if math.isfinite(amount) and 0 < amount <= limit:
        return None
    shown = f"{amount:,.2f}".rstrip("0").rstrip(".") if math.isfinite(amount) else str(amount)
    too_much = f"must be at most {limit:,.0f} {_WHAT[unit]}"
    problem = "must be more than 0" if not amount > 0 else too_much
    return f"the budget {problem}, got {shown}"


def _path(unit: BudgetUnit, source: Source) -> str:
    return f"budget.{unit}" if source == "profile" else _FIELD[unit]


def _hint(unit: BudgetUnit, source: Source) -> str:
    option, example, limit = _OPTION[unit], _EXAMPLE[unit], _LIMIT[unit]
    if source == "profile":
        return f"set budget: {{{unit}: {example}}} in the profile, or give {option} N"
    if source == "form":
        return f"give the budget as a number from 1 to {limit:,.0f}, e.g. {example}"
    return f"give {option} a number from 1 to {limit:,.0f}, e.g. {option} {example}"
