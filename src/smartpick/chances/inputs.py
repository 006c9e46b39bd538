"""The model's typed inputs: the applicant's features and the programs' facts as arrays."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

from . import figures

Visa = Literal["none", "j1", "h1b", "either"]
SignalKind = Literal["gold", "silver", "signal"]
VISA_POLICIES = {"none": 0, "j1": 1, "j1-h1b": 2}
ATTEMPT_POLICIES = {"any": 0, "one-failure-allowed": 1, "no-failures": 2}
SIGNAL_COLUMNS = {
    "gold": "rate_gold_signal",
    "silver": "rate_silver_signal",
    "signal": "rate_signal",
}


@dataclass(frozen=True)
class Applicant:
    """What the model reads from a file (from a profile: ``applicant_from_profile``)."""

    applicant_type: Literal["non_us_img", "us_img"] = "non_us_img"
    visa: Visa = "j1"
    step3_passed: bool = False
    step2ck: float | None = None  # latest score; None = no result
    step1: float | None = None  # numeric Step 1 (before 2022-01-26) or None
    failures: int = 0  # failed USMLE/COMLEX attempts in total
    years_since_graduation: float = 3.0
    hands_on_months: float = 0.0  # US hands-on clinical months
    observership_months: float = 0.0
    strong_us_letters: int = 0
    professionalism: bool = False  # professionalism, probation, dismissal or integrity incident
    other_flag_severity: float = 0.0  # 0-100, audit flags the model does not treat itself
    interview_skill: Literal["unknown", "weak", "average", "strong"] = "unknown"
    prior_residency: bool = False
    advocates: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def needs_visa(self) -> bool:
        return self.applicant_type == "non_us_img" and self.visa != "none"


@dataclass(frozen=True)
class ProgramFacts:
    """One NRMP track as the model needs it; ``None`` = unknown (the specialty prior is used)."""

    code: str
    specialty: str
    track: str = "C"
    needs_pgy1: bool = False
    reserved: bool = False
    rates: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    visa_policy: str | None = None
    step2ck_min: float | None = None
    max_years_since_graduation: float | None = None
    attempts_policy: str | None = None


def _known(program: Any, name: str) -> Any:
    attr = program.attributes.get(name)
    return attr.value if attr is not None and attr.known else None


def as_program_facts(program: Any) -> ProgramFacts:
    """A catalog ``Program`` (or a ProgramFacts, returned as is) as model input."""
    if isinstance(program, ProgramFacts):
        return program
    rate_names = ["rate_non_us_img", "rate_us_img", "rate_no_signal", *SIGNAL_COLUMNS.values()]
    rates = {n: float(v) for n in rate_names if (v := _known(program, n)) is not None}
    return ProgramFacts(
        code=program.code,
        specialty=program.specialty,
        track=program.track,
        needs_pgy1=bool(program.needs_pgy1),
        reserved=bool(program.reserved),
        rates=MappingProxyType(rates),
        visa_policy=_known(program, "visa_policy"),
        step2ck_min=_float_or_none(_known(program, "step2ck_min")),
        max_years_since_graduation=_float_or_none(_known(program, "max_years_since_graduation")),
        attempts_policy=_known(program, "attempts_policy"),
    )


def _float_or_none(value: Any) -> float | None:
    return None if value is None else float(value)


@dataclass(frozen=True)
class ProgramArrays:
    """Program facts as arrays (n,) for one applicant type; NaN or -1 = unknown."""

    codes: tuple[str, ...]
    specialties: tuple[str, ...]
    tracks: np.ndarray  # str
    needs_pgy1: np.ndarray
    reserved: np.ndarray
    rate: np.ndarray  # the applicant type's published rate, NaN unknown
    prior_mean: np.ndarray
    prior_sd: np.ndarray
    signal_kind: np.ndarray  # "" none, else gold / silver / signal
    program_signal_logor: np.ndarray  # from the program's own signal rates, NaN unknown
    visa_policy: np.ndarray  # -1 unknown, 0 none, 1 J-1, 2 J-1 and H-1B
    step2ck_min: np.ndarray
    max_yog: np.ndarray
    attempts_policy: np.ndarray  # -1 unknown, 0 any, 1 one failure allowed, 2 no failures
    specialty_names: tuple[str, ...] = ()  # distinct specialties
    specialty_index: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    any_signal: bool = False
    code_index: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    track_names: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        return len(self.codes)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def _signal_logor(p: ProgramFacts, kind: str) -> float:
    own, none = p.rates.get(SIGNAL_COLUMNS.get(kind, "")), p.rates.get("rate_no_signal")
    if own is None or none is None or own <= 0 or none <= 0:
        return math.nan
    return max(0.0, _logit(own) - _logit(none))


def program_arrays(
    programs: Sequence[Any], applicant_type: str, signals: Mapping[str, str]
) -> ProgramArrays:
    facts = [as_program_facts(p) for p in programs]
    group = applicant_type
    priors = [figures.rate_prior(p.specialty, group) for p in facts]
    kinds = [signals.get(p.code, "") for p in facts]
    names = tuple(dict.fromkeys(p.specialty for p in facts))
    index = {name: i for i, name in enumerate(names)}
    return ProgramArrays(
        codes=tuple(p.code for p in facts),
        specialties=tuple(p.specialty for p in facts),
        tracks=np.array([p.track for p in facts], dtype=object),
        needs_pgy1=np.array([p.needs_pgy1 or p.track == "A" for p in facts], dtype=bool),
        reserved=np.array([p.reserved or p.track == "R" for p in facts], dtype=bool),
        rate=np.array([p.rates.get(f"rate_{group}", math.nan) for p in facts], dtype=float),
        prior_mean=np.array([pr.mean if pr else math.nan for pr in priors], dtype=float),
        prior_sd=np.array([pr.sd if pr else math.nan for pr in priors], dtype=float),
        signal_kind=np.array(kinds, dtype=object),
        program_signal_logor=np.array(
            [_signal_logor(p, k) if k else math.nan for p, k in zip(facts, kinds, strict=False)],
            dtype=float,
        ),
        visa_policy=np.array([VISA_POLICIES.get(p.visa_policy or "", -1) for p in facts]),
        step2ck_min=np.array([_nan(p.step2ck_min) for p in facts], dtype=float),
        max_yog=np.array([_nan(p.max_years_since_graduation) for p in facts], dtype=float),
        attempts_policy=np.array(
            [ATTEMPT_POLICIES.get(p.attempts_policy or "", -1) for p in facts]
        ),
        specialty_names=names,
        specialty_index=np.array([index[p.specialty] for p in facts], dtype=int),
        any_signal=any(kinds),
        code_index=_code_index(facts),
        track_names=tuple(p.track for p in facts),
    )


def _code_index(facts: Sequence[ProgramFacts]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for i, p in enumerate(facts):
        index.setdefault(p.code, []).append(i)
    return {code: tuple(rows) for code, rows in index.items()}


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)
