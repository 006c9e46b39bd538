"""The program as the unit of application, interview and signal.

A program is the tracks of one institution in one NRMP specialty (the first 7 characters of
the NRMP code, ``catalog.ProgramUnit``). Within it, one ERAS listing holds the tracks of one
kind: categorical, primary-care and reserved tracks together (they count as a match by
themselves), advanced tracks apart and PGY-1 (preliminary) tracks apart, since ERAS lists
preliminary and advanced positions as programs of their own. The model draws one interview
per listing, and a committee decides once about a file it interviewed: the applicant ranks
the tracks they applied to, and the listing's chance of a match given the interview is that
of its best track (docs/model.md, "The program as the unit").
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

KIND_OF_TRACK = {"C": "main", "M": "main", "R": "main", "A": "advanced", "P": "pgy1"}


def program_key(code: str) -> str:
    """Institution code + NRMP specialty code: the program a track belongs to."""
    return str(code)[:7]


def listing_key(code: str, track: str) -> str:
    """The ERAS listing of a track: its program and its kind of track."""
    return f"{program_key(code)}|{KIND_OF_TRACK.get(track, track)}"


def listing_index(codes: Sequence[str], tracks: Sequence[str]) -> np.ndarray:
    """Per track, the index of its listing (listings in order of first appearance)."""
    seen: dict[str, int] = {}
    return np.array(
        [seen.setdefault(listing_key(c, t), len(seen)) for c, t in zip(codes, tracks, strict=True)],
        dtype=int,
    )


def by_listing(values: np.ndarray, index: np.ndarray, axis: int = 0) -> np.ndarray:
    """The largest row of ``values`` (n, ...) per listing: (number of listings, ...); with
    ``axis``, along that axis (a batch of draws: (draws, n, ...))."""
    size = int(index.max()) + 1 if index.size else 0
    if size == index.size:  # one track per listing: nothing to merge
        return values
    first, levels = _listing_groups(np.asarray(index, dtype=np.int64).tobytes())
    rows = np.moveaxis(np.asarray(values), axis, 0)
    out = rows[first]
    for tracks, listings in levels:  # a listing's second tracks, then its third, ...
        out[listings] = np.maximum(out[listings], rows[tracks])
    return np.moveaxis(out, 0, axis)


def first_tracks(index: np.ndarray) -> np.ndarray:
    """Per listing (in order of its number) its first track."""
    return _listing_groups(np.asarray(index, dtype=np.int64).tobytes())[0]


@lru_cache(maxsize=16)
def _listing_groups(key: bytes) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """Per listing its first track; then, level by level, the further tracks and their
    listings (each listing at most once per level)."""
    index = np.frombuffer(key, dtype=np.int64)
    first = np.unique(index, return_index=True)[1]  # listings in order of their number
    rank = np.zeros(index.size, dtype=int)
    seen: dict[int, int] = {}
    for i, listing in enumerate(index.tolist()):
        rank[i] = seen.get(listing, 0)
        seen[listing] = rank[i] + 1
    levels = [(np.flatnonzero(rank == r), index[rank == r]) for r in range(1, int(rank.max()) + 1)]
    return first, levels
