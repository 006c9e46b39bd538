"""An independent check of a matching: capacity, mutual acceptability, blocking pairs.

Written from the definitions, sharing no code with the engine, so that it can
judge the engine's output. A program "would take" a set of newcomers when each
of them is among its top ``capacity`` applicants in its current holders (less
those leaving) plus the newcomers: it has a free seat, or holds someone it
ranks lower.

- A single applicant ``a`` and a program ``p`` block when both list each other,
  ``a`` prefers ``p`` to its match, and ``p`` would take ``a``.
- A couple and a pair ``(p, q)`` block when the couple ranks the pair above its
  current pair and each program would take its member (both at once when
  ``p == q``), the couple's members counted where they are now (Klaus & Klijn
  2005: a member's own seat is not freed for its partner).
- With supplemental lists, an applicant holding a linked advanced program and a
  PGY-1 program ``p`` on the linked list block when ``p`` is listed above the
  applicant's PGY-1 match and would take the applicant.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

RankLists = Sequence[Sequence[int]]
CoupleList = Sequence[tuple[int, int, Sequence[tuple[int, int]]]]
SupplementalLists = Mapping[int, Sequence[int] | Mapping[int, Sequence[int]]]

__all__ = ["BlockingPair", "blocking_pairs", "over_capacity", "unacceptable_pairs"]


@dataclass(frozen=True)
class BlockingPair:
    """Applicants (one, or a couple) and the programs they would rather have, with each other."""

    kind: str  # "single" | "couple" | "supplemental"
    applicants: tuple[int, ...]
    programs: tuple[int, ...]


def _holders(
    n_programs: int, matching: Sequence[int], pgy1: Sequence[int] | None
) -> list[list[int]]:
    holders: list[list[int]] = [[] for _ in range(n_programs)]
    for a, p in enumerate(matching):
        if p >= 0:
            holders[p].append(a)
    for a, p in enumerate(pgy1 or ()):
        if p >= 0:
            holders[p].append(a)
    return holders


def over_capacity(
    capacities: Sequence[int], matching: Sequence[int], pgy1: Sequence[int] | None = None
) -> list[int]:
    """Programs holding more applicants than seats."""
    holders = _holders(len(capacities), matching, pgy1)
    return [p for p, cap in enumerate(capacities) if len(holders[p]) > cap]


def _supplemental_list(
    supplemental: SupplementalLists | None, a: int, program: int
) -> Sequence[int] | None:
    lists = (supplemental or {}).get(a)
    if lists is None or program < 0:
        return None
    if isinstance(lists, Mapping):
        return lists.get(program)
    return lists


def unacceptable_pairs(
    applicant_prefs: RankLists,
    program_prefs: RankLists,
    matching: Sequence[int],
    couples: CoupleList | None = None,
    supplemental: SupplementalLists | None = None,
    pgy1: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Matched (applicant, program) pairs that one side did not rank."""
    bad: list[tuple[int, int]] = []
    paired = {}
    for i, k, prefs in couples or ():
        paired[i] = paired[k] = True
        if (matching[i], matching[k]) not in [*prefs, (-1, -1)]:
            bad.extend((m, matching[m]) for m in (i, k) if matching[m] >= 0)
    for a, p in enumerate(matching):
        if p < 0:
            continue
        if a not in program_prefs[p] or (a not in paired and p not in applicant_prefs[a]):
            bad.append((a, p))
    for a, p in enumerate(pgy1 or ()):
        linked = _supplemental_list(supplemental, a, matching[a])
        if p >= 0 and (a not in program_prefs[p] or linked is None or p not in linked):
            bad.append((a, p))
    return bad


def _would_take(
    rank: Mapping[int, int], capacity: int, current: Sequence[int], newcomers: Sequence[int]
) -> bool:
    if any(a not in rank for a in newcomers):
        return False
    everyone = [a for a in current if a not in newcomers] + list(newcomers)
    for a in newcomers:
        better = sum(1 for b in everyone if b in rank and rank[b] < rank[a])
        if better >= capacity:
            return False
    return True


def _single_blocks(ctx: _Context, a: int) -> list[BlockingPair]:
    found = []
    for p in ctx.applicant_prefs[a]:
        if p == ctx.matching[a]:
            break
        if _would_take(ctx.ranks[p], ctx.capacities[p], ctx.holders[p], [a]):
            found.append(BlockingPair("single", (a,), (p,)))
    return found


def _couple_blocks(
    ctx: _Context, i: int, k: int, prefs: Sequence[tuple[int, int]]
) -> list[BlockingPair]:
    current = (ctx.matching[i], ctx.matching[k])
    found = []
    for p, q in prefs:
        if (p, q) in (current, (-1, -1)):
            break
        ok = True
        for prog in {p, q} - {-1}:
            incoming = [m for m, t in ((i, p), (k, q)) if t == prog]
            current_holders = ctx.holders[prog]
            ok = ok and _would_take(
                ctx.ranks[prog], ctx.capacities[prog], current_holders, incoming
            )
        if ok:
            found.append(BlockingPair("couple", (i, k), (p, q)))
    return found


def _supplemental_blocks(ctx: _Context, a: int) -> list[BlockingPair]:
    linked = _supplemental_list(ctx.supplemental, a, ctx.matching[a])
    found = []
    for p in linked or ():
        if p == ctx.pgy1[a]:
            break
        others = [b for b in ctx.pgy1_holders[p] if b != a] + ctx.main_holders[p]
        if _would_take(ctx.ranks[p], ctx.capacities[p], others, [a]):
            found.append(BlockingPair("supplemental", (a,), (p,)))
    return found


@dataclass(frozen=True)
class _Context:
    applicant_prefs: RankLists
    program_prefs: RankLists
    capacities: Sequence[int]
    matching: Sequence[int]
    pgy1: Sequence[int]
    supplemental: SupplementalLists | None
    holders: list[list[int]]
    main_holders: list[list[int]]
    pgy1_holders: list[list[int]]
    ranks: list[dict[int, int]]


def blocking_pairs(
    applicant_prefs: RankLists,
    program_prefs: RankLists,
    capacities: Sequence[int],
    matching: Sequence[int],
    couples: CoupleList | None = None,
    supplemental: SupplementalLists | None = None,
    pgy1: Sequence[int] | None = None,
) -> list[BlockingPair]:
    """Every blocking pair of ``matching`` (empty: the matching is stable)."""
    m = len(program_prefs)
    pgy1 = list(pgy1) if pgy1 is not None else [-1] * len(matching)
    ctx = _Context(
        applicant_prefs,
        program_prefs,
        capacities,
        matching,
        pgy1,
        supplemental,
        _holders(m, matching, pgy1),
        _holders(m, matching, None),
        _holders(m, [-1] * len(matching), pgy1),
        [{a: r for r, a in enumerate(prefs)} for prefs in program_prefs],
    )
    in_couple = {m for i, k, _ in couples or () for m in (i, k)}
    found: list[BlockingPair] = []
    for a in range(len(matching)):
        if a not in in_couple:
            found += _single_blocks(ctx, a)
            found += _supplemental_blocks(ctx, a)
    for i, k, prefs in couples or ():
        found += _couple_blocks(ctx, i, k, prefs)
    return found
