"""The red-flag rule file (``data/red_flags.yaml``): its validated models, and the severity
arithmetic that the findings and the committee share."""

from __future__ import annotations

import string
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..datafiles import load_yaml, validate
from ..errors import DataFileError
from ..specialties import all_specialties
from .named_facts import fact_names

RULES_FILE = "red_flags.yaml"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fixability(_Data):
    value: int = Field(ge=0, le=100)
    basis: Literal["practitioner", "assumed"]
    note: str | None = None


class Severity(_Data):
    base: float = Field(ge=0, le=100)
    per_unit: float = Field(ge=0)
    max: float = Field(ge=0, le=100)


class Threshold(_Data):
    value: float | Literal["q1"]
    unit: str
    basis: Literal["published", "practitioner"]
    source: str
    fallback: float | None = None
    fallback_basis: Literal["published", "practitioner"] | None = None
    fallback_source: str | None = None
    by_specialty: dict[str, float] = Field(default_factory=dict)

    def for_specialty(self, specialty: str) -> float:
        """The threshold for one target specialty (its own value where it differs)."""
        if isinstance(self.value, str):
            raise DataFileError(f"threshold {self.value!r} is not a number")
        return self.by_specialty.get(specialty, self.value)


class Unknown(_Data):
    """What a declared rule finds when its fact is unknown (None); absent: no finding."""

    units: float = Field(ge=0)
    evidence: tuple[str, ...]


class Detect(_Data):
    """A threshold rule in data: it fires when ``fact`` compares with the threshold as
    ``compare`` says; units are the distance from the threshold; each evidence line is a
    template over the named facts (``{value}``: the fact, ``{threshold}``; ``{x:plural
    month}`` -> ``3 months``; a line that is only ``{lines}`` of a tuple fact adds them)."""

    fact: str
    compare: Literal["below", "above", "at_least", "at_most"]
    evidence: tuple[str, ...] = Field(min_length=1)
    unknown: Unknown | None = None


class FlagRule(_Data):
    fires_when: str
    category: Literal[
        "exam",
        "academic",
        "timeline",
        "professionalism",
        "clinical-performance",
        "us-clinical-experience",
        "trajectory",
        "visa-and-fit",
    ]
    objectivity: int = Field(ge=1, le=3)
    fixability: Fixability
    severity: Severity
    threshold: Threshold
    pd_fears: str
    where_to_address: tuple[str, ...]
    counter_evidence: tuple[str, ...]
    interview_questions: tuple[str, ...]
    warning_phrases: tuple[str, ...] = ()
    detect: Detect | None = None


class StackRule(_Data):
    id: str
    all: tuple[str, ...]
    profile: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    add_to: tuple[str, ...]
    add: int = Field(ge=-50, le=50)
    cap: Literal["borderline", "do-not-rank"] | None = None
    basis: Literal["practitioner", "assumed"]
    reason: str


class RuleFile(_Data):
    version: int
    severity_basis: Literal["assumed"]
    overall: dict[str, float]
    where_labels: dict[str, str]
    flags: dict[str, FlagRule]
    stacking: tuple[StackRule, ...]


@lru_cache(maxsize=1)
def load_rules() -> RuleFile:
    """The validated rule file (``data/red_flags.yaml``)."""
    rules = validate(RuleFile, load_yaml(RULES_FILE), RULES_FILE)
    _check_references(rules)
    for flag_id, rule in rules.flags.items():
        _check_detect(flag_id, rule)
    return rules


def _check_references(rules: RuleFile) -> None:
    for flag_id, rule in rules.flags.items():
        unknown = set(rule.where_to_address) - set(rules.where_labels)
        if unknown:
            raise DataFileError(f"data/red_flags.yaml: {flag_id} names unknown places {unknown}")
    for stack in rules.stacking:
        if not set(stack.all) | set(stack.add_to) <= set(rules.flags):
            raise DataFileError(f"data/red_flags.yaml: stacking rule {stack.id} names no flag")


TEMPLATE_NAMES = frozenset({"value", "threshold"})


def _check_detect(flag_id: str, rule: FlagRule) -> None:
    """A declared rule reads known facts, has a number for a threshold and names specialties
    that exist."""
    where = f"data/{RULES_FILE}: {flag_id}"
    unknown_specialties = set(rule.threshold.by_specialty) - set(all_specialties())
    if unknown_specialties:
        raise DataFileError(f"{where} has thresholds for unknown specialties {unknown_specialties}")
    detect = rule.detect
    if detect is None:
        return
    known = fact_names()
    if detect.fact not in known:
        raise DataFileError(
            f"{where} reads unknown fact {detect.fact!r}",
            hint="known facts: " + ", ".join(sorted(known)),
        )
    if isinstance(rule.threshold.value, str):
        raise DataFileError(f"{where}: a declared rule needs a number as threshold value")
    unknown_lines = detect.unknown.evidence if detect.unknown else ()
    for line in (*detect.evidence, *unknown_lines):
        names = {field for _, field, _, _ in string.Formatter().parse(line) if field}
        if names - known - TEMPLATE_NAMES:
            raise DataFileError(
                f"{where}: evidence {line!r} names unknown facts "
                f"{sorted(names - known - TEMPLATE_NAMES)}",
                hint="known facts: " + ", ".join(sorted(known)),
            )


def flag_ids() -> tuple[str, ...]:
    """Every red-flag id, in the rule file's order."""
    return tuple(load_rules().flags)


def flag_severity(rule: FlagRule, units: float) -> int:
    """base + per_unit x units, capped at the rule's max, within 0-100."""
    raw = rule.severity.base + rule.severity.per_unit * max(units, 0.0)
    return int(round(min(rule.severity.max, raw, 100.0)))


def overall_severity(severities: list[int]) -> int:
    """The largest severity + rest_weight x the sum of the others, capped at 100 (assumed)."""
    if not severities:
        return 0
    ordered = sorted(severities, reverse=True)
    rest = load_rules().overall["rest_weight"] * sum(ordered[1:])
    return int(round(min(100.0, ordered[0] + rest)))
