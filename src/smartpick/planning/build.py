"""From a profile, the catalog and the chance model to a planning :class:`Instance`.

A candidate is one ERAS listing (``chances.units``): the tracks of one program (institution
+ NRMP specialty) of one kind, applied to with one fee, interviewed once and signalled
once; its chances are those of its best track. Candidate tracks: every categorical (C),
primary-care (M) and advanced (A) track of the target residency specialties, reserved (R)
tracks only for applicants with prior residency training, and the PGY-1 tracks (P) of
targeted one-year specialties. When an advanced track is a candidate, the PGY-1 tracks it
needs (transitional year, internal medicine and surgery preliminary) are added as PGY-1
candidates. Tracks in an avoided state are left out (tracks with no state in the data are
kept, counted).

Per candidate and node z: a categorical / primary-care / reserved track uses the
chance model's ``success``; an advanced or PGY-1 track uses P(interview) x P(match if
ranked first), and the optimiser counts an advanced track only together with a
PGY-1 application (design.md, "What counts as a match").
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np

from ..chances import Applicant, ChanceModel, applicant_from_profile, listing_key
from ..profile import Profile
from ..specialties import get_specialty
from .instance import ADVANCED, MAIN, PGY1, Instance, make_instance
from .signals import SignalQuota, signal_quota

PGY1_FOR_ADVANCED = ("transitional-year", "internal-medicine-preliminary", "surgery-preliminary")
ROLE_OF_TRACK = {"C": MAIN, "M": MAIN, "R": MAIN, "A": ADVANCED, "P": PGY1}


@dataclass(frozen=True)
class Candidates:
    programs: tuple[Any, ...]  # per listing, its first track (categorical first): its name
    roles: np.ndarray
    pools: tuple[str, ...]  # signal pool per candidate
    quotas: Mapping[str, SignalQuota]  # by pool
    applicants: Mapping[str, Applicant]  # by specialty id
    left_out_avoided_state: int
    kept_unknown_state: int
    reserved_left_out: int
    tracks: tuple[tuple[Any, ...], ...] = ()  # per listing, all its candidate tracks
    # what does not depend on the applicant, shared by every profile with these candidates
    layout: _Layout | None = field(default=None, compare=False, repr=False)

    @property
    def n(self) -> int:
        return len(self.programs)

    def tracks_of(self, i: int) -> tuple[Any, ...]:
        return self.tracks[i] if self.tracks else (self.programs[i],)


def institution_of(program: Any) -> str:
    """Signals go to institutions: the first four characters of the NRMP code."""
    return str(program.code)[:4]


def pool_of(specialty_id: str) -> str:
    """Specialties that share their signals (same rows in the signal data) share a pool."""
    names = get_specialty(specialty_id).signals
    return "|".join(sorted(names)) if names else specialty_id


def target_specialties(profile: Profile) -> list[str]:
    return list(dict.fromkeys([profile.targets.primary, *profile.targets.backups]))


def _tracks_for(specialty_id: str, reserved_ok: bool) -> tuple[str, ...]:
    if get_specialty(specialty_id).is_pgy1_only:
        return ("P",)
    return ("C", "M", "A", "R") if reserved_ok else ("C", "M", "A")


def candidates_for(profile: Profile, catalog: Any, specialties: Sequence[str]) -> Candidates:
    applicants = {s: applicant_from_profile(profile, s) for s in specialties}
    reserved_ok = applicants[specialties[0]].prior_residency
    programs: list[Any] = []
    for s in specialties:
        programs += catalog.programs_for([s], _tracks_for(s, reserved_ok))
    if any(p.track == "A" for p in programs):
        extra = [s for s in PGY1_FOR_ADVANCED if s not in specialties]
        for s in extra:
            applicants[s] = applicant_from_profile(profile, s)
            programs += catalog.programs_for([s], ("P",))
    reserved_left_out = 0 if reserved_ok else _count_reserved(catalog, specialties)
    lay = layout(programs, frozenset(profile.preferences.avoid_states), profile.season)
    return Candidates(
        programs=lay.heads,
        roles=lay.roles,
        pools=lay.pools,
        quotas=lay.quotas,
        applicants=MappingProxyType(applicants),
        left_out_avoided_state=lay.left_out_avoided_state,
        kept_unknown_state=lay.kept_unknown_state,
        reserved_left_out=reserved_left_out,
        tracks=lay.listings,
        layout=lay,
    )


@dataclass(frozen=True)
class _Layout:
    """The candidates' listings and what follows from them alone (not from the applicant):
    computed once per program list, avoided states and season, and shared (read-only)."""

    programs: tuple[Any, ...]  # the tracks it was made from (kept alive: the key has their ids)
    heads: tuple[Any, ...]
    listings: tuple[tuple[Any, ...], ...]
    roles: np.ndarray
    pools: tuple[str, ...]
    quotas: Mapping[str, SignalQuota]
    left_out_avoided_state: int
    kept_unknown_state: int
    members: Members  # every row's tracks by specialty (``by_specialty`` of all rows)
    groups: Mapping[str, tuple[np.ndarray, list[Any]]]  # the same as rows and tracks
    specialties: tuple[str, ...]  # per row (``_head_facts``)
    institutions: tuple[str, ...]
    codes: tuple[str, ...]
    tier_signals: Mapping[str, Mapping[str, dict[str, str]]]  # tier -> specialty -> by track
    # the programs' arrays by specialty, applicant type, tier and kind of model (filled on use)
    arrays: dict[tuple[Any, ...], Any] = field(default_factory=dict)


LAYOUT_CACHE_SIZE = 32
_LAYOUT_LOCK = threading.Lock()
_LAYOUTS: OrderedDict[tuple[Any, ...], _Layout] = OrderedDict()


def layout(programs: Sequence[Any], avoid: frozenset[str], season: int) -> _Layout:
    """The candidates' layout for these tracks, avoided states and season (cached, bounded;
    keyed by the tracks' identities, which the entry keeps alive)."""
    key = (tuple(map(id, programs)), avoid, season)
    with _LAYOUT_LOCK:
        found = _LAYOUTS.get(key)
        if found is not None:
            _LAYOUTS.move_to_end(key)
            return found
    made = _make_layout(tuple(programs), avoid, season)
    with _LAYOUT_LOCK:
        _LAYOUTS[key] = made
        while len(_LAYOUTS) > LAYOUT_CACHE_SIZE:
            _LAYOUTS.popitem(last=False)
    return made


def _make_layout(programs: tuple[Any, ...], avoid: frozenset[str], season: int) -> _Layout:
    kept = [p for p in programs if p.state not in avoid]
    listings = _listings(kept)
    heads = tuple(tracks[0] for tracks in listings)
    specs = dict.fromkeys(p.specialty for p in kept)
    roles = np.array([ROLE_OF_TRACK[p.track] for p in heads], dtype=int)
    roles.setflags(write=False)
    members = _members(listings, np.arange(len(heads)))
    quotas = MappingProxyType({pool_of(s): signal_quota(s, season) for s in specs})
    tiers = tuple(t for t in ("gold", "silver", "signal") if t in _tiers_of(quotas))
    facts = _head_facts(heads)
    tier_signals: dict[str, Mapping[str, dict[str, str]]] = {
        tier: {spec: {t.code: tier for _, t in m} for spec, m in members.items()} for tier in tiers
    }
    return _Layout(
        programs=programs,
        heads=heads,
        listings=listings,
        roles=roles,
        pools=tuple(pool_of(p.specialty) for p in heads),
        quotas=quotas,
        left_out_avoided_state=len(programs) - len(kept),
        kept_unknown_state=sum(1 for p in kept if p.state is None) if avoid else 0,
        members=members,
        groups=MappingProxyType({spec: _rows_tracks(m) for spec, m in members.items()}),
        specialties=facts[0],
        institutions=facts[1],
        codes=facts[2],
        tier_signals=MappingProxyType(tier_signals),
    )


def _head_facts(heads: Sequence[Any]) -> tuple[tuple[str, ...], ...]:
    """Per row: its specialty, the institution its signal goes to, and its code."""
    return (
        tuple(p.specialty for p in heads),
        tuple(institution_of(p) for p in heads),
        tuple(p.code for p in heads),
    )


def _rows_tracks(members: Sequence[tuple[int, Any]]) -> tuple[np.ndarray, list[Any]]:
    rows = np.array([i for i, _ in members], dtype=int)
    rows.setflags(write=False)
    return rows, [t for _, t in members]


def _tiers_of(quotas: Mapping[str, SignalQuota]) -> set[str]:
    return {t for q in quotas.values() for t, _ in q.tiers}


def _listings(tracks: Sequence[Any]) -> tuple[tuple[Any, ...], ...]:
    """The tracks grouped by ERAS listing (and specialty), each categorical first."""
    grouped: dict[tuple[str, str], list[Any]] = {}
    for p in tracks:
        grouped.setdefault((listing_key(p.code, p.track), p.specialty), []).append(p)
    order = {"C": 0, "M": 1, "R": 2}
    return tuple(
        tuple(sorted(g, key=lambda p: (order.get(p.track, 3), p.code))) for g in grouped.values()
    )


def _count_reserved(catalog: Any, specialties: Sequence[str]) -> int:
    return sum(
        len(catalog.programs_for([s], ("R",)))
        for s in specialties
        if not get_specialty(s).is_pgy1_only
    )


@dataclass(frozen=True)
class Chances:
    """Per candidate and node: success as the optimiser counts it, and P(interview)."""

    success: np.ndarray
    interview: np.ndarray
    weights: np.ndarray


def chances_for(
    model: ChanceModel,
    cands: Candidates,
    signals: Mapping[str, str] = MappingProxyType({}),
    rows: np.ndarray | None = None,
) -> Chances:
    """Stack the chance model's node probabilities, one specialty (applicant) at a time; a
    listing's row is its best track's (``signals`` by the listing's first code)."""
    return chances_of(model, cands, listed(model, cands, signals, rows))


@dataclass(frozen=True)
class Listed:
    """What ``chances_for`` reads besides the model's assumptions, per specialty: the
    applicant, the listings' rows, whether each counts by itself, and the tracks' arrays
    (with their signals). The same for every draw of the assumptions."""

    groups: tuple[tuple[Applicant, np.ndarray, np.ndarray, Any], ...]


def listed(
    model: ChanceModel,
    cands: Candidates,
    signals: Mapping[str, str] = MappingProxyType({}),
    rows: np.ndarray | Sequence[int] | None = None,
) -> Listed:
    return listed_by(model, cands, by_specialty(cands, rows), signals)


Members = dict[str, list[tuple[int, Any]]]  # per specialty: (row, track) of every track


def by_specialty(cands: Candidates, rows: np.ndarray | Sequence[int] | None = None) -> Members:
    if rows is None and cands.layout is not None:
        return cands.layout.members
    idx = np.arange(cands.n) if rows is None else np.asarray(rows, dtype=int)
    return _members(cands.tracks or tuple((p,) for p in cands.programs), idx)


def _members(listings: Sequence[tuple[Any, ...]], idx: np.ndarray) -> Members:
    by_spec: Members = {}
    for i in idx.tolist():
        for track in listings[i]:
            by_spec.setdefault(track.specialty, []).append((i, track))
    return by_spec


def listed_by(
    model: ChanceModel,
    cands: Candidates,
    by_spec: Members,
    signals: Mapping[str, str],
    by_track: Mapping[str, Mapping[str, str]] | None = None,
) -> Listed:
    """``listed`` from the tracks already grouped by specialty (``by_specialty``);
    ``by_track``: per specialty, ``signals`` by track code, where the caller has them."""
    groups = []
    lay = cands.layout
    shared = lay.groups if lay is not None and by_spec is lay.members else None
    for spec, members in by_spec.items():
        at, tracks = shared[spec] if shared is not None else _rows_tracks(members)
        applicant = cands.applicants[spec]
        spec_signals = by_track[spec] if by_track else _by_track(cands, members, signals)
        if shared is not None and (by_track or not signals):
            assert lay is not None
            tier = next(iter(spec_signals.values()), "")  # every track has the same tier
            key = (spec, applicant.applicant_type, tier, type(model))
            if key not in lay.arrays:
                lay.arrays[key] = model.arrays(applicant, tracks, spec_signals)
            arrays = lay.arrays[key]
        else:
            arrays = model.arrays(applicant, tracks, spec_signals)
        groups.append((applicant, at, (cands.roles[at] == MAIN)[:, None], arrays))
    return Listed(tuple(groups))


def chances_of(model: ChanceModel, cands: Candidates, lst: Listed) -> Chances:
    """``chances_for`` from its listings already grouped (``listed``)."""
    success = interview = weights = None
    for applicant, at, main, arrays in lst.groups:
        probs = model.from_stages(arrays, model.stages(applicant, arrays))
        if success is None:
            k = len(probs.weights)
            success, interview = np.zeros((cands.n, k)), np.zeros((cands.n, k))
            weights = probs.weights
        assert interview is not None
        joint = probs.interview * probs.match_if_ranked_first
        max_into(success, at, np.where(main, probs.success, joint))
        max_into(interview, at, probs.interview)
    if success is None or interview is None or weights is None:
        return Chances(np.zeros((cands.n, 1)), np.zeros((cands.n, 1)), np.ones(1))
    return Chances(success, interview, weights)


def max_into(target: np.ndarray, at: np.ndarray, values: np.ndarray) -> None:
    """``np.maximum.at(target, at, values)`` (rows of ``at`` may repeat), by one reduction per
    row: the same numbers (a maximum does not round), without the slow unbuffered loop."""
    if not len(at):
        return
    order, starts, where = _runs(at)
    best = np.maximum.reduceat(values[order], starts, axis=0)
    target[where] = np.maximum(target[where], best)


_RUNS: dict[int, tuple[np.ndarray, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}


def _runs(at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``at`` sorted (its order), where each row's run starts, and the rows; remembered for
    the read-only row arrays a layout shares (held in the entry, so their ids stay theirs)."""
    found = _RUNS.get(id(at))
    if found is not None and found[0] is at:
        return found[1]
    order = np.argsort(at, kind="stable")
    rows = at[order]
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    runs = (order, starts, rows[starts])
    if not at.flags.writeable:
        if len(_RUNS) > 1024:
            _RUNS.clear()
        _RUNS[id(at)] = (at, runs)
    return runs


def list_success_batch(
    batch: ChanceModel, cands: Candidates, lst: Listed, rows: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``chances_of(...).success[rows]`` under every draw of a batch model at once
    (``ChanceModel.perturbed_batch``; ``lst``: ``listed`` for ``rows``): (draws, rows, K),
    and the node weights; the same numbers as ``chances_of`` draw by draw."""
    pos = np.full(cands.n, -1, dtype=int)
    pos[rows] = np.arange(len(rows))
    success = weights = None
    for applicant, at, main, arrays in lst.groups:
        probs = batch.from_stages(arrays, batch.stages(applicant, arrays))
        if success is None:
            weights = probs.weights
            success = np.zeros((probs.success.shape[0], len(rows), len(weights)))
        joint = probs.interview * probs.match_if_ranked_first
        best = np.where(main, probs.success, joint)  # (draws, listings, K)
        np.maximum.at(success.swapaxes(0, 1), pos[at], best.swapaxes(0, 1))  # in place
    assert success is not None and weights is not None
    return success, weights


def _by_track(
    cands: Candidates, members: Sequence[tuple[int, Any]], signals: Mapping[str, str]
) -> dict[str, str]:
    """A listing's signal (keyed by its first code) for each of its tracks."""
    if not signals:
        return {}
    out = {}
    for i, track in members:
        tier = signals.get(cands.programs[i].code)
        if tier is not None:
            out[track.code] = tier
    return out


def signal_tiers(cands: Candidates) -> tuple[str, ...]:
    tiers = {t for q in cands.quotas.values() for t, _ in q.tiers}
    return tuple(t for t in ("gold", "silver", "signal") if t in tiers)


def build_instance(
    model: ChanceModel, cands: Candidates, utility: np.ndarray | None = None
) -> tuple[Instance, Chances]:
    """The planning instance with a success matrix per signal tier; ``utility``: what a
    match at each candidate is worth (planning.utility; default 1 everywhere)."""
    every = by_specialty(cands)  # grouped once for the chances without and with each tier
    base = chances_of(model, cands, listed_by(model, cands, every, {}))
    tiers = signal_tiers(cands)
    with_signal = []
    for tier in tiers:
        by_track = cands.layout.tier_signals[tier] if cands.layout is not None else None
        signals = {} if by_track else {p.code: tier for p in cands.programs}
        tier_listed = listed_by(model, cands, every, signals, by_track)
        with_signal.append(chances_of(model, cands, tier_listed).success)
    quota = {(pool, t): n for pool, q in cands.quotas.items() for t, n in q.tiers}
    lay = cands.layout
    specialties, institutions, codes = (
        (lay.specialties, lay.institutions, lay.codes) if lay else _head_facts(cands.programs)
    )
    inst = make_instance(
        base.success,
        base.weights,
        specialties,
        role=cands.roles.tolist(),
        utility=None if utility is None else utility.tolist(),
        institution=institutions,
        keys=codes,
        signal_success=with_signal,
        signal_tiers=tiers,
        signal_quota=quota,
        signal_pool=list(cands.pools),
    )
    return inst, base
