"""Hypothesis strategies: random valid matching-market instances.

Small on purpose (a handful of applicants and programs): every property is
checked against a brute reading of the definitions or the ``matching`` package.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st


@dataclass(frozen=True)
class Market:
    """Rank lists, capacities and the NRMP extras, as ``stable_match`` takes them."""

    applicant_prefs: list[list[int]]
    program_prefs: list[list[int]]
    capacities: list[int]
    couples: list[tuple[int, int, list[tuple[int, int]]]] = field(default_factory=list)
    supplemental: dict[int, list[int] | dict[int, list[int]]] = field(default_factory=dict)


def _rank_list(size: int, max_len: int) -> st.SearchStrategy[list[int]]:
    if size == 0:
        return st.just([])
    return st.lists(st.integers(0, size - 1), unique=True, max_size=min(size, max_len))


@st.composite
def _dense_rank_list(draw: st.DrawFn, size: int) -> list[int]:
    """Most of ``range(size)`` in random order: programs rank most who apply,
    so that competition (and with couples, instability chaining) is common."""
    order = draw(st.permutations(range(size)))
    return order[: draw(st.integers(size // 2, size))]


@st.composite
def markets(
    draw: st.DrawFn,
    max_applicants: int = 9,
    max_programs: int = 5,
    max_capacity: int = 2,
    with_couples: bool = False,
    with_supplemental: bool = False,
) -> Market:
    """A random instance; lists are random subsets in random order, so some pairs
    are acceptable to one side only."""
    n = draw(st.integers(1, max_applicants))
    m = draw(st.integers(1, max_programs))
    applicant_prefs = [draw(_rank_list(m, 4)) for _ in range(n)]
    program_prefs = [draw(_dense_rank_list(n)) for _ in range(m)]
    capacities = [draw(st.integers(0, max_capacity)) for _ in range(m)]
    order = draw(st.permutations(range(n)))
    couples = _couples(draw, order, m) if with_couples else []
    paired = {x for i, k, _ in couples for x in (i, k)}
    singles = [a for a in order if a not in paired]
    supplemental = _supplemental(draw, singles, applicant_prefs, m) if with_supplemental else {}
    return Market(applicant_prefs, program_prefs, capacities, couples, supplemental)


def _couples(
    draw: st.DrawFn, order: list[int], m: int
) -> list[tuple[int, int, list[tuple[int, int]]]]:
    n_couples = draw(st.integers(1, len(order) // 2)) if len(order) >= 2 else 0
    programs = st.integers(-1, m - 1)
    pairs = st.lists(st.tuples(programs, programs), unique=True, max_size=8)
    return [(order[2 * c], order[2 * c + 1], draw(pairs)) for c in range(n_couples)]


def _supplemental(
    draw: st.DrawFn, singles: list[int], applicant_prefs: list[list[int]], m: int
) -> dict[int, list[int] | dict[int, list[int]]]:
    """PGY-1 lists hold programs off the applicant's own list (prelim, not advanced, tracks)."""
    chosen = draw(st.lists(st.sampled_from(singles), unique=True)) if singles else []
    result: dict[int, list[int] | dict[int, list[int]]] = {}
    for a in chosen:
        others = [p for p in range(m) if p not in applicant_prefs[a]]
        pgy1 = st.lists(st.sampled_from(others), unique=True, max_size=3) if others else st.just([])
        if draw(st.booleans()) or not applicant_prefs[a]:
            result[a] = draw(pgy1)
        else:
            linked = draw(st.lists(st.sampled_from(applicant_prefs[a]), unique=True, min_size=1))
            result[a] = {adv: draw(pgy1) for adv in linked}
    return result
