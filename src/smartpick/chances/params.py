"""The model's numbers: assumptions.yaml and fitted_params.json under data/.

Assumptions carry a value, a range, reasoning and a source, and are labelled ``assumed``.
Fitted parameters come from :mod:`.calibration` and are the only ``calibrated`` ones.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from ..datafiles import load_yaml, read_text, validate
from ..errors import DataFileError

ASSUMPTIONS_FILE = "assumptions.yaml"
FITTED_FILE = "fitted_params.json"


class _Range(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    value: float
    low: float
    high: float

    @model_validator(mode="after")
    def _ordered(self) -> _Range:
        if not self.low <= self.value <= self.high:
            raise ValueError(
                f"need low <= value <= high, got {self.low}, {self.value}, {self.high}"
            )
        return self


class Assumption(_Range):
    """One assumed figure, with its range, reasoning and source."""

    unit: str
    reasoning: str
    source: str
    label: Literal["assumed"] = "assumed"
    by_specialty: dict[str, _Range] = {}


class _AssumptionFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    assumptions: dict[str, Assumption]


@dataclass(frozen=True)
class Assumptions:
    """The assumptions, plus the values in use (the central values, or a draw from the ranges)."""

    items: Mapping[str, Assumption]
    # in a batch (``perturbed_batch``) each drawn value is a (draws, 1) array
    drawn: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, name: str, specialty: str | None = None) -> float:
        """The value in use for ``name`` (per specialty where the file says so)."""
        key = f"{name}@{specialty}"
        if key in self.drawn:
            return self.drawn[key]
        if name in self.drawn:
            return self.drawn[name]
        item = self._item(name)
        if specialty is not None and specialty in item.by_specialty:
            return item.by_specialty[specialty].value
        return item.value

    def _item(self, name: str) -> Assumption:
        try:
            return self.items[name]
        except KeyError:
            raise DataFileError(f"data/{ASSUMPTIONS_FILE} has no assumption '{name}'") from None

    def perturbed(self, rng: np.random.Generator) -> Assumptions:
        """Every value drawn from a triangular distribution over its range (mode = value)."""
        return self.perturbed_at(rng.random(self.dimensions))

    @property
    def dimensions(self) -> int:
        """How many values a draw sets (each assumption and each per-specialty value)."""
        return sum(1 + len(item.by_specialty) for item in self.items.values())

    def perturbed_at(self, u: np.ndarray) -> Assumptions:
        """The draw at uniforms ``u`` (one per dimension, in file order): each value at the
        quantile ``u`` of its triangular distribution, so a low-discrepancy (quasi-random)
        design of ``u`` covers the ranges evenly (common random numbers between plans)."""
        drawn: dict[str, float] = {}
        it = iter(np.asarray(u, dtype=float))
        for name, item in self.items.items():
            drawn[name] = _quantile(item, next(it))
            for specialty, rng_item in item.by_specialty.items():
                drawn[f"{name}@{specialty}"] = _quantile(rng_item, next(it))
        return replace(self, drawn=MappingProxyType(drawn))

    def perturbed_batch(self, u: np.ndarray) -> Assumptions:
        """The draws at the rows of ``u`` (draws, dimensions) at once: every value in use is a
        (draws, 1) array, so the screening arithmetic runs for all draws in one pass (the
        same numbers as ``perturbed_at`` row by row)."""
        u = np.asarray(u, dtype=float)
        drawn: dict[str, Any] = {}
        column = iter(range(u.shape[1]))
        for name, item in self.items.items():
            drawn[name] = _quantile_array(item, u[:, next(column), None])
            for specialty, rng_item in item.by_specialty.items():
                drawn[f"{name}@{specialty}"] = _quantile_array(rng_item, u[:, next(column), None])
        return replace(self, drawn=MappingProxyType(drawn))

    def with_values(self, **values: float) -> Assumptions:
        """A copy with some values fixed (what-if, tests)."""
        return replace(self, drawn=MappingProxyType({**self.drawn, **values}))


def _quantile(item: _Range, u: float) -> float:
    """The ``u`` quantile of the triangular distribution low..high with mode value."""
    a, c, b = item.low, item.value, item.high
    if b <= a:
        return c
    if u < (c - a) / (b - a):
        return float(a + np.sqrt(u * (b - a) * (c - a)))
    return float(b - np.sqrt((1 - u) * (b - a) * (b - c)))


def _quantile_array(item: _Range, u: np.ndarray) -> np.ndarray:
    """``_quantile`` for an array of ``u`` (the same arithmetic, element by element)."""
    a, c, b = item.low, item.value, item.high
    if b <= a:
        return np.full(u.shape, c)
    low = a + np.sqrt(u * (b - a) * (c - a))
    high = b - np.sqrt((1 - u) * (b - a) * (b - c))
    return np.where(u < (c - a) / (b - a), low, high)


def load_assumptions(data: Any | None = None) -> Assumptions:
    """Validate ``data`` (default: the shipped assumptions.yaml)."""
    raw = load_yaml(ASSUMPTIONS_FILE) if data is None else data
    parsed = validate(_AssumptionFile, raw, ASSUMPTIONS_FILE)
    return Assumptions(items=MappingProxyType(dict(parsed.assumptions)))


class SpecialtyFit(BaseModel):
    """The specialty-level residual parameters (fitted, shrunk toward zero).

    ``cohort_mix_per_10`` and ``cohort_mix_curvature`` describe the calibration cohort only
    (who applies at each Step 2 CK, docs/model.md): they never enter one applicant's chance."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    match_offset: float = 0.0
    score_slope_log_ratio: float = 0.0
    cohort_mix_per_10: float = 0.0
    cohort_mix_curvature: float = 0.0


class FittedParams(BaseModel):
    """Global parameters fitted by chances.calibration, with the date and inputs of the fit."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    match_intercept: float
    competition_slope: float
    log_score_slope_per_10: float
    log_latent_sd: float
    specialties: dict[str, SpecialtyFit] = {}
    fitted_on: str = ""
    inputs: dict[str, Any] = {}
    label: Literal["calibrated"] = "calibrated"

    @property
    def latent_sd(self) -> float:
        return float(np.exp(self.log_latent_sd))

    def score_slope(self, specialty: str | None) -> float:
        """Logit change of the invite per 10 Step 2 CK points (never negative)."""
        extra = self.specialty(specialty).score_slope_log_ratio
        return float(np.exp(self.log_score_slope_per_10 + extra))

    def specialty(self, specialty: str | None) -> SpecialtyFit:
        if specialty is None:
            return SpecialtyFit()
        return self.specialties.get(specialty, SpecialtyFit())


def load_fitted(text: str | None = None) -> FittedParams:
    """Validate ``text`` (default: the shipped fitted_params.json)."""
    raw = read_text(FITTED_FILE) if text is None else text
    try:
        return FittedParams.model_validate(json.loads(raw))
    except (ValidationError, ValueError) as exc:
        raise DataFileError(f"data/{FITTED_FILE} is invalid: {exc}") from exc
