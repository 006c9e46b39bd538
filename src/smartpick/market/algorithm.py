"""Applicant-proposing deferred acceptance, the algorithm the NRMP runs.

``stable_match`` is the stable contract (see the project's design notes):
plain rank lists in, one program index (or -1) per applicant out. Without
couples or supplemental lists it runs a queue-based deferred acceptance over
flat lists (Gale & Shapley 1962), which gives the applicant-optimal stable
matching. With couples or supplemental PGY-1 lists it runs the Roth–Peranson
procedure (Roth & Peranson 1999): singles first, then couples one at a time,
with instability chaining; a cycle raises ``NoStableMatchingError``.

Reversion of unfilled positions (a track's unfilled seats move to another
track of the same program, then the match is run again) is
``match_with_reversion``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from heapq import heappush, heapreplace

from .instance import Instance, RankLists, build_instance
from .roth_peranson import Couple, RothPeranson, Supplemental

__all__ = [
    "MatchResult",
    "ReversionResult",
    "deferred_acceptance",
    "match",
    "match_with_reversion",
    "stable_match",
]


@dataclass(frozen=True)
class MatchResult:
    """Per applicant: the Main Match program (``programs``) and the PGY-1 program
    matched from a supplemental list (``pgy1``), each -1 when none."""

    programs: list[int]
    pgy1: list[int]


@dataclass(frozen=True)
class ReversionResult:
    """The match after reversion, and the capacities it was run with."""

    result: MatchResult
    capacities: list[int]
    reverted: dict[int, int]


def deferred_acceptance(instance: Instance, skip: frozenset[int] = frozenset()) -> list[list[int]]:
    """Run applicant-proposing deferred acceptance; return each program's held list.

    A held entry encodes ``-(rank * n + applicant)``, so each list is a heap
    whose top is the program's worst held applicant. Applicants in ``skip``
    do not propose.
    """
    n, programs, ranks, caps = (
        instance.n_applicants,
        instance.programs,
        instance.ranks,
        instance.capacities,
    )
    ends = instance.ends
    next_choice = list(instance.starts)
    held: list[list[int]] = [[] for _ in range(instance.n_programs)]
    free = (
        [a for a in range(n - 1, -1, -1) if a not in skip] if skip else list(range(n - 1, -1, -1))
    )
    while free:
        a = free.pop()
        k, end = next_choice[a], ends[a]
        while k < end:
            p = programs[k]
            entry = -(ranks[k] * n + a)
            k += 1
            heap = held[p]
            if len(heap) < caps[p]:
                heappush(heap, entry)
                break
            if heap and entry > heap[0]:
                free.append(-heapreplace(heap, entry) % n)
                break
        next_choice[a] = k
    return held


def _assignment(held: list[list[int]], n: int) -> list[int]:
    matched = [-1] * n
    for p, heap in enumerate(held):
        for entry in heap:
            matched[-entry % n] = p
    return matched


def _check_supplemental(
    applicant_prefs: RankLists, supplemental: Mapping[int, Supplemental]
) -> None:
    """A supplemental list is linked to programs on the applicant's list and holds only others."""
    for a, lists in supplemental.items():
        primary = set(applicant_prefs[a])
        linked = lists if isinstance(lists, Mapping) else {}
        pgy1_lists = list(linked.values()) if linked else [lists]
        if not primary.issuperset(linked) or any(primary.intersection(p) for p in pgy1_lists):
            raise ValueError(
                f"applicant {a}: a supplemental list must be linked to a program on the "
                "applicant's list and hold only programs off it"
            )


def match(
    applicant_prefs: RankLists,
    program_prefs: RankLists,
    capacities: Sequence[int],
    couples: Sequence[Couple] | None = None,
    supplemental: Mapping[int, Supplemental] | None = None,
) -> MatchResult:
    """The match with its PGY-1 placements from supplemental lists.

    ``supplemental[a]`` is either a PGY-1 rank list linked to every program on
    ``a``'s list, or a mapping from an advanced program on ``a``'s list to the
    PGY-1 rank list linked to it (the NRMP's form). It is used only while ``a``
    holds a linked program.
    """
    _check_supplemental(applicant_prefs, supplemental or {})
    members = frozenset(m for i, k, _ in couples or () for m in (i, k))
    instance = build_instance(applicant_prefs, program_prefs, capacities, left_out=members)
    held = deferred_acceptance(instance, skip=members)
    if not couples and not supplemental:
        return MatchResult(_assignment(held, instance.n_applicants), [-1] * instance.n_applicants)
    engine = RothPeranson(instance, program_prefs, held, couples or (), supplemental or {})
    programs, pgy1 = engine.run()
    return MatchResult(programs, pgy1)


def stable_match(
    applicant_prefs: RankLists,
    program_prefs: RankLists,
    capacities: Sequence[int],
    couples: Sequence[Couple] | None = None,
    supplemental: Mapping[int, Supplemental] | None = None,
) -> list[int]:
    """For each applicant, the index of the program matched, or -1.

    ``applicant_prefs[i]`` lists program indices best first; ``program_prefs[j]``
    lists applicant indices best first; ``capacities[j]`` is a seat count. Only
    mutually acceptable pairs match. ``couples`` is a list of
    ``(i, k, pair_prefs)``, ``pair_prefs`` a list of ``(program_for_i,
    program_for_k)`` best first, -1 meaning unmatched for that member (the
    members' own ``applicant_prefs`` are ignored). ``supplemental`` maps an
    applicant to a PGY-1 list used once they match an advanced program (see
    ``match`` for the PGY-1 placements themselves).

    Raises ``NoStableMatchingError`` when the procedure with couples cycles,
    ``ValueError`` for malformed input.
    """
    if not couples and not supplemental:
        instance = build_instance(applicant_prefs, program_prefs, capacities)
        return _assignment(deferred_acceptance(instance), instance.n_applicants)
    return match(applicant_prefs, program_prefs, capacities, couples, supplemental).programs


def _unfilled(result: MatchResult, capacities: list[int]) -> list[int]:
    free = list(capacities)
    for p in (*result.programs, *result.pgy1):
        if p >= 0:
            free[p] -= 1
    return free


def match_with_reversion(
    applicant_prefs: RankLists,
    program_prefs: RankLists,
    capacities: Sequence[int],
    reversion: Mapping[int, int],
    couples: Sequence[Couple] | None = None,
    supplemental: Mapping[int, Supplemental] | None = None,
) -> ReversionResult:
    """Match; move the seats program ``j`` leaves unfilled to ``reversion[j]``; match again.

    Each program reverts its unfilled seats at most once (as the NRMP's
    reversion happens once, after the match is processed), so this ends
    after at most ``len(reversion) + 1`` matches.
    """
    caps = [int(c) for c in capacities]
    reverted: dict[int, int] = {}
    while True:
        result = match(applicant_prefs, program_prefs, caps, couples, supplemental)
        free = _unfilled(result, caps)
        moves = {j: free[j] for j in reversion if j not in reverted and free[j] > 0}
        if not moves:
            return ReversionResult(result, caps, reverted)
        for j, seats in moves.items():
            caps[j] -= seats
            caps[reversion[j]] += seats
            reverted[j] = seats
