"""The engine's inputs: rank lists turned into flat arrays of mutually acceptable pairs.

An applicant's list keeps, in its own order, only the programs that rank the
applicant too; beside each program sits the program's rank of the applicant
(0 = its first choice). Building this is the one place numpy helps: the
program-side ranks are looked up for all pairs at once by sorting keys.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

RankLists = Sequence[Sequence[int]]


@dataclass(frozen=True)
class Instance:
    """Mutually acceptable pairs, applicant by applicant, as flat Python lists.

    Applicant ``a``'s programs are ``programs[starts[a]:ends[a]]``, best first;
    ``ranks[x]`` is how ``programs[x]`` ranks ``a``.
    """

    n_applicants: int
    n_programs: int
    capacities: list[int]
    starts: list[int]
    ends: list[int]
    programs: list[int]
    ranks: list[int]


def _flatten(lists: RankLists) -> tuple[np.ndarray, np.ndarray]:
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    flat = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum()))
    return lengths, flat


def _check_range(flat: np.ndarray, bound: int, what: str) -> None:
    if flat.size and (int(flat.min()) < 0 or int(flat.max()) >= bound):
        raise ValueError(f"{what} holds an index outside 0..{bound - 1}")


def _check_unique(keys: np.ndarray, what: str) -> None:
    if keys.size > 1 and bool(np.any(keys[1:] == keys[:-1])):
        raise ValueError(f"{what} lists the same index twice")


def _program_side(program_prefs: RankLists, n_applicants: int) -> tuple[np.ndarray, np.ndarray]:
    """Sorted keys ``program * n + applicant`` and the rank belonging to each key."""
    lengths, flat = _flatten(program_prefs)
    _check_range(flat, n_applicants, "a program's rank list")
    owner = np.repeat(np.arange(len(program_prefs), dtype=np.int64), lengths)
    offsets = np.concatenate(([0], np.cumsum(lengths)[:-1])).astype(np.int64)
    position = np.arange(flat.size, dtype=np.int64) - np.repeat(offsets, lengths)
    keys = owner * n_applicants + flat
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    _check_unique(sorted_keys, "a program's rank list")
    return sorted_keys, position[order]


def _lookup(sorted_keys: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """``np.searchsorted`` of ``keys``, done on sorted queries (several times faster)."""
    order = np.argsort(keys, kind="stable")
    where = np.empty_like(order)
    where[order] = np.searchsorted(sorted_keys, keys[order])
    return where


def build_instance(
    applicant_prefs: RankLists,
    program_prefs: RankLists,
    capacities: Sequence[int],
    left_out: Collection[int] = (),
) -> Instance:
    """Validate the rank lists and keep the mutually acceptable pairs.

    Applicants in ``left_out`` (couple members) get empty lists here.
    Raises ``ValueError`` for malformed input (an index out of range, a
    duplicate on a list, a negative capacity, lengths that disagree).
    """
    n, m = len(applicant_prefs), len(program_prefs)
    if len(capacities) != m:
        raise ValueError("capacities must have one entry per program")
    caps = [int(c) for c in capacities]
    if caps and min(caps) < 0:
        raise ValueError("a capacity is negative")
    lengths, flat = _flatten(applicant_prefs)
    _check_range(flat, m, "an applicant's rank list")
    owner = np.repeat(np.arange(n, dtype=np.int64), lengths)
    _check_unique(np.sort(owner * max(m, 1) + flat), "an applicant's rank list")
    sorted_keys, sorted_ranks = _program_side(program_prefs, n)
    keys = flat * n + owner
    where = np.minimum(_lookup(sorted_keys, keys), max(sorted_keys.size - 1, 0))
    keep = sorted_keys[where] == keys if sorted_keys.size else np.zeros(keys.size, dtype=bool)
    if left_out:
        keep &= ~np.isin(owner, np.fromiter(left_out, dtype=np.int64))
    kept_lengths = np.bincount(owner[keep], minlength=n)
    ends = np.cumsum(kept_lengths)
    return Instance(
        n_applicants=n,
        n_programs=m,
        capacities=caps,
        starts=(ends - kept_lengths).tolist(),
        ends=ends.tolist(),
        programs=flat[keep].tolist(),
        ranks=sorted_ranks[where[keep]].tolist() if sorted_keys.size else [],
    )
