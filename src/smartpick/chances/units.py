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


def by_listing(values: np.ndarray, index: np.ndarray) -> np.ndarray:
    """The largest row of ``values`` (n, ...) per listing: (number of listings, ...)."""
    size = int(index.max()) + 1 if index.size else 0
    if size == index.size:  # one track per listing: nothing to merge
        return values
    order = np.argsort(index, kind="stable")
    starts = np.flatnonzero(np.diff(index[order], prepend=-1))
    return np.maximum.reduceat(np.asarray(values)[order], starts, axis=0)
