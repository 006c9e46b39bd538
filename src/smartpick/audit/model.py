"""What the audit finds: one red flag, one stacking rule that fired."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RedFlag:
    """One finding of the audit."""

    id: str
    category: str
    severity: int
    fixability: int
    evidence: tuple[str, ...]
    pd_fears: str
    where_to_address: tuple[str, ...]
    counter_evidence: tuple[str, ...]
    interview_questions: tuple[str, ...]
    basis: str  # of the threshold: published | practitioner
    threshold: str
    stacked_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Stack:
    """A stacking rule that fired: flags that together read worse than one by one."""

    id: str
    flags: tuple[str, ...]
    add: int
    cap: str | None
    basis: str
    reason: str
