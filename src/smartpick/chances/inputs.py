"""The model's typed inputs: the applicant's features and the programs' facts as arrays."""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Literal

import numpy as np

from . import figures
from .shrinkage import shrunk
from .units import listing_index, program_key
from .visa import evidence_strength, likelihood_ratios

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
    h1b_evidence: str | None = None  # strong / weak / none (chances.visa); None: unknown


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
        h1b_evidence=evidence_strength(program.code, _known(program, "h1b_evidence")),
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
    rate: np.ndarray  # the applicant type's rate shrunk to its specialty (shrinkage), NaN unknown
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
    listing: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    # (n,) the ERAS listing (program + kind of track) of each track, see chances.units
    program_rows: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    rate_published: np.ndarray = field(default_factory=lambda: np.zeros(0))  # as published
    h1b_ratio: np.ndarray = field(default_factory=lambda: np.ones(0))  # chances.visa
    # program key (institution + NRMP specialty code) -> its rows

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


@dataclass(frozen=True)
class _Row:
    """One program's facts as the arrays need them, computed once per program object."""

    facts: ProgramFacts
    needs_pgy1: bool
    reserved: bool
    visa_policy: int
    step2ck_min: float
    max_yog: float
    attempts_policy: int
    h1b_ratio: float  # likelihood ratio of the program's H-1B evidence (1: none known)
    logor: tuple[float, ...]  # the program's own signal log-odds ratio per SIGNAL_KINDS


SIGNAL_KINDS: tuple[str, ...] = tuple(SIGNAL_COLUMNS)
ROW_CACHE_SIZE = 40_000  # program objects (a catalog has ~6,000 tracks)
ARRAY_CACHE_SIZE = 64  # program lists
_LOCK = threading.Lock()
# Keyed by the identity of the (immutable) program objects, which are held in the entry so
# their ids cannot be reused: a catalog build or import makes new Program objects (a new
# snapshot per revision, see catalog.query), so a changed catalog never hits an old entry.
_ROWS: dict[int, tuple[Any, _Row]] = {}
_ARRAYS: OrderedDict[tuple[str, tuple[int, ...]], tuple[Sequence[Any], _Static]] = OrderedDict()


def _row(program: Any) -> _Row:
    found = _ROWS.get(id(program))
    if found is not None and found[0] is program:
        return found[1]
    p = as_program_facts(program)
    row = _Row(
        facts=p,
        needs_pgy1=p.needs_pgy1 or p.track == "A",
        reserved=p.reserved or p.track == "R",
        visa_policy=VISA_POLICIES.get(p.visa_policy or "", -1),
        step2ck_min=_nan(p.step2ck_min),
        max_yog=_nan(p.max_years_since_graduation),
        attempts_policy=ATTEMPT_POLICIES.get(p.attempts_policy or "", -1),
        h1b_ratio=likelihood_ratios().get(p.h1b_evidence or "", 1.0),
        logor=tuple(_signal_logor(p, kind) for kind in SIGNAL_KINDS),
    )
    if not isinstance(program, ProgramFacts):  # given facts are cheap and often temporary
        with _LOCK:
            if len(_ROWS) >= ROW_CACHE_SIZE:
                _ROWS.clear()
            _ROWS[id(program)] = (program, row)
    return row


@dataclass(frozen=True)
class _Static:
    """The signal-independent part of ``ProgramArrays`` for one program list and group."""

    arrays: ProgramArrays  # with no signals
    logor: np.ndarray  # (len(SIGNAL_KINDS), n)


def _read_only(values: np.ndarray) -> np.ndarray:
    values.setflags(write=False)  # shared between calls: nobody may write into them
    return values


def _static(facts: Sequence[_Row], applicant_type: str) -> _Static:
    group = applicant_type
    priors = [figures.rate_prior(r.facts.specialty, group) for r in facts]
    names = tuple(dict.fromkeys(r.facts.specialty for r in facts))
    index = {name: i for i, name in enumerate(names)}
    n = len(facts)
    published = np.array([r.facts.rates.get(f"rate_{group}", math.nan) for r in facts], dtype=float)
    specialties = tuple(r.facts.specialty for r in facts)
    arrays = ProgramArrays(
        codes=tuple(r.facts.code for r in facts),
        specialties=specialties,
        tracks=_read_only(np.array([r.facts.track for r in facts], dtype=object)),
        needs_pgy1=_read_only(np.array([r.needs_pgy1 for r in facts], dtype=bool)),
        reserved=_read_only(np.array([r.reserved for r in facts], dtype=bool)),
        rate=_read_only(shrunk(published, specialties, group)),
        rate_published=_read_only(published),
        prior_mean=_read_only(
            np.array([pr.mean if pr else math.nan for pr in priors], dtype=float)
        ),
        prior_sd=_read_only(np.array([pr.sd if pr else math.nan for pr in priors], dtype=float)),
        signal_kind=_read_only(np.full(n, "", dtype=object)),
        program_signal_logor=_read_only(np.full(n, math.nan)),
        visa_policy=_read_only(np.array([r.visa_policy for r in facts], dtype=int)),
        step2ck_min=_read_only(np.array([r.step2ck_min for r in facts], dtype=float)),
        max_yog=_read_only(np.array([r.max_yog for r in facts], dtype=float)),
        attempts_policy=_read_only(np.array([r.attempts_policy for r in facts], dtype=int)),
        h1b_ratio=_read_only(np.array([r.h1b_ratio for r in facts], dtype=float)),
        specialty_names=names,
        specialty_index=_read_only(np.array([index[r.facts.specialty] for r in facts], dtype=int)),
        any_signal=False,
        code_index=MappingProxyType(_index_by([r.facts.code for r in facts])),
        track_names=tuple(r.facts.track for r in facts),
        listing=_read_only(
            listing_index([r.facts.code for r in facts], [r.facts.track for r in facts])
        ),
        program_rows=MappingProxyType(_index_by([program_key(r.facts.code) for r in facts])),
    )
    logor = np.array([r.logor for r in facts], dtype=float).reshape(n, len(SIGNAL_KINDS)).T
    return _Static(arrays, _read_only(logor))


def _static_for(programs: Sequence[Any], applicant_type: str) -> _Static:
    key = (applicant_type, tuple(map(id, programs)))
    with _LOCK:
        found = _ARRAYS.get(key)
        if found is not None:
            _ARRAYS.move_to_end(key)
            return found[1]
    held = tuple(programs)  # keeps the objects (and so their ids) alive with the entry
    static = _static([_row(p) for p in held], applicant_type)
    with _LOCK:
        _ARRAYS[key] = (held, static)
        while len(_ARRAYS) > ARRAY_CACHE_SIZE:
            _ARRAYS.popitem(last=False)
    return static


def _with_signals(static: _Static, signals: Mapping[str, str]) -> ProgramArrays:
    arrays = static.arrays
    kinds = [signals.get(code, "") for code in arrays.codes] if signals else []
    if not any(kinds):
        return arrays
    kind_arr = np.array(kinds, dtype=object)
    logor = np.full(arrays.n, math.nan)
    for k, kind in enumerate(SIGNAL_KINDS):
        chosen = kind_arr == kind
        logor[chosen] = static.logor[k, chosen]
    return replace(
        arrays,
        signal_kind=_read_only(kind_arr),
        program_signal_logor=_read_only(logor),
        any_signal=True,
    )


def program_arrays(
    programs: Sequence[Any], applicant_type: str, signals: Mapping[str, str]
) -> ProgramArrays:
    """The programs' facts as arrays, with ``signals`` (code -> gold / silver / signal).

    The signal-independent part is computed once per program list (cached, bounded); the
    returned arrays are read-only and may be shared between calls.
    """
    return _with_signals(_static_for(programs, applicant_type), signals)


def clear_caches() -> None:
    """Forget every cached program row and array (tests, memory)."""
    with _LOCK:
        _ROWS.clear()
        _ARRAYS.clear()


def _index_by(keys: Sequence[str]) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        index.setdefault(key, []).append(i)
    return {key: tuple(rows) for key, rows in index.items()}


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)
