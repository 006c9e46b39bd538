"""Programs as applicants see them: the tracks of one institution in one specialty.

A program is keyed by the first 7 characters of an NRMP code: the institution code
(4) and the NRMP specialty code (3). Its tracks (categorical, primary, preliminary,
advanced, reserved) share one ERAS listing, interview day and signal in the usual
case. Where one program holds two tracks of the same type (e.g. ``...C0`` and
``...C1``), they may be separate ERAS programs (other sites, other curricula): the
grouping is then marked ``uncertain`` (see docs/data.md).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .model import UNKNOWN, Attribute, AttributeValue, Program, config

ONE_TRACK = "one track"
GROUPED = "tracks of one program"
UNCERTAIN = "uncertain"


@dataclass(frozen=True)
class ProgramUnit:
    """One program (institution code + NRMP specialty code) and its tracks."""

    key: str
    institution_code: str
    specialty_code: str
    institution: str
    city: str | None
    state: str | None
    specialties: tuple[str, ...]  # our specialty ids of its tracks (e.g. categorical and PGY-1)
    tracks: tuple[Program, ...]
    grouping: str  # ONE_TRACK | GROUPED | UNCERTAIN
    grouping_note: str

    def attribute(self, name: str) -> Attribute:
        """A program-level value: the first track's that is known (institution- or
        program-grain values are equal on every track), else unknown."""
        for track in self.tracks:
            attr = track.attributes.get(name, UNKNOWN)
            if attr.known:
                return attr
        return UNKNOWN

    def known(self, name: str) -> AttributeValue:
        attr = self.attribute(name)
        return attr.value if attr.known else None


def _grouping(tracks: tuple[Program, ...]) -> tuple[str, str]:
    if len(tracks) == 1:
        return ONE_TRACK, ""
    repeated = {t: n for t, n in Counter(p.track for p in tracks).items() if n > 1}
    if not repeated:
        return GROUPED, ""
    names = config().tracks
    what = ", ".join(f"{n} {names.get(t, t)} tracks" for t, n in sorted(repeated.items()))
    note = f"{what}: they may be separate ERAS programs (other sites or curricula)"
    return UNCERTAIN, note


def _unit(key: str, tracks: tuple[Program, ...]) -> ProgramUnit:
    first = min(tracks, key=lambda p: (p.track != "C", p.code))
    grouping, note = _grouping(tracks)
    return ProgramUnit(
        key=key,
        institution_code=key[:4],
        specialty_code=key[4:7],
        institution=first.institution,
        city=first.city,
        state=first.state,
        specialties=tuple(sorted({p.specialty for p in tracks})),
        tracks=tracks,
        grouping=grouping,
        grouping_note=note,
    )


def group_programs(tracks: Iterable[Program]) -> dict[str, ProgramUnit]:
    """Program key -> program, every track in exactly one, tracks in code order."""
    grouped: dict[str, list[Program]] = defaultdict(list)
    for track in tracks:
        grouped[track.program_key].append(track)
    return {
        key: _unit(key, tuple(sorted(found, key=lambda p: p.code)))
        for key, found in sorted(grouped.items())
    }
