"""What a match at each candidate program is worth to the applicant: the plan's objective.

The planner maximises the expected worth of the match (planning.objective): a program's
worth is the product of its terms, each between 0 and 1,

    worth = specialty term x place term x program-type term,

the primary specialty's programs in the preferred places worth 1. Each term reads the
profile's ``preferences`` (defaults: ``data/plan.yaml``, ``objective``). A new term is one
entry in ``TERMS`` (a name, what it is called in the output, its function, and what of the
program that function reads: it is computed once per distinct value).

Terms change which programs are worth applying to, never the chances: P(match) is always
reported unweighted, and each active term's cost in P(match) is measured by planning again
without it (``planning.plan``).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..profile import Profile
from .settings import plan_settings


@dataclass(frozen=True)
class Term:
    name: str  # its id in the output (totals.preference_costs)
    label: str  # what the applicant calls it
    worth: Callable[[Profile, Any], float]  # a candidate program's factor, in [0, 1]
    active: Callable[[Profile], bool]  # whether the profile asks for it at all
    key: Callable[[Any], Hashable]  # what of the program its factor depends on

    def factors(self, profile: Profile, programs: Sequence[Any]) -> np.ndarray:
        """``worth`` of each program, computed once per distinct ``key`` (on its first
        program with that key)."""
        firsts, inverse = _by_key(self, programs)
        return np.array([self.worth(profile, p) for p in firsts], dtype=float)[inverse]


_KEYED: dict[tuple[str, int], tuple[Sequence[Any], tuple[Any, ...], np.ndarray]] = {}


def _by_key(term: Term, programs: Sequence[Any]) -> tuple[tuple[Any, ...], np.ndarray]:
    """The first program of each distinct key, and each program's place among them;
    remembered for a tuple of programs (the candidates every profile of a layout shares,
    held in the entry so their id stays theirs)."""
    found = _KEYED.get((term.name, id(programs)))
    if found is not None and found[0] is programs:
        return found[1], found[2]
    place: dict[Hashable, int] = {}
    firsts: list[Any] = []
    inverse = np.empty(len(programs), dtype=int)
    for i, p in enumerate(programs):
        k = term.key(p)
        if k not in place:
            place[k] = len(firsts)
            firsts.append(p)
        inverse[i] = place[k]
    if isinstance(programs, tuple):
        if len(_KEYED) > 256:
            _KEYED.clear()
        _KEYED[(term.name, id(programs))] = (programs, tuple(firsts), inverse)
    return tuple(firsts), inverse


def backup_value(profile: Profile, specialty: str) -> float:
    """What a match in ``specialty`` is worth next to one in the primary (1)."""
    if specialty == profile.targets.primary or specialty not in profile.targets.backups:
        return 1.0  # the primary, or a PGY-1 year the plan adds for advanced tracks
    given = profile.preferences.backup_value
    if isinstance(given, dict):
        given = given.get(specialty)
    return plan_settings().objective.backup_value if given is None else float(given)


def _specialty(profile: Profile, program: Any) -> float:
    return backup_value(profile, program.specialty)


def _weight(given: float | None, default: float) -> float:
    return default if given is None else float(given)


def in_preferred_state(profile: Profile, program: Any) -> bool | None:
    """None when the profile names no state or the program's state is unknown."""
    states = profile.preferences.states
    if not states or program.state is None:
        return None
    return program.state in states


def _place(profile: Profile, program: Any) -> float:
    if in_preferred_state(profile, program) is not False:
        return 1.0
    return 1.0 - _weight(profile.preferences.state_weight, plan_settings().objective.state_weight)


def program_type(program: Any) -> str | None:
    kind = program.known("program_type")
    return None if kind is None else str(kind)


def preferred_type(profile: Profile, program: Any) -> bool | None:
    """None when the profile names no type or the catalog does not know the program's."""
    kinds = profile.preferences.program_types
    kind = program_type(program)
    if not kinds or kind is None:
        return None
    return kind in kinds


def _type(profile: Profile, program: Any) -> float:
    if preferred_type(profile, program) is not False:
        return 1.0
    return 1.0 - _weight(profile.preferences.type_weight, plan_settings().objective.type_weight)


def _has_backups(profile: Profile) -> bool:
    return any(backup_value(profile, s) < 1.0 for s in profile.targets.backups)


TERMS: tuple[Term, ...] = (
    Term(
        "specialty",
        "your priority for the primary specialty",
        _specialty,
        _has_backups,
        lambda program: program.specialty,
    ),
    Term(
        "states",
        "your state preference",
        _place,
        lambda p: bool(p.preferences.states),
        lambda program: program.state,
    ),
    Term(
        "program_types",
        "your program-type preference",
        _type,
        lambda p: bool(p.preferences.program_types),
        program_type,
    ),
)


def active_terms(profile: Profile) -> tuple[Term, ...]:
    return tuple(t for t in TERMS if t.active(profile))


def worth(
    profile: Profile, programs: Sequence[Any], without: frozenset[str] = frozenset()
) -> np.ndarray:
    """Each program's worth (n,), every term but those named in ``without``."""
    out = np.ones(len(programs))
    for term in active_terms(profile):
        if term.name in without:
            continue
        out *= term.factors(profile, programs)
    return out
