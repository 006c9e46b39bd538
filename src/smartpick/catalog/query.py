"""The catalog as the rest of smartpick sees it: ``open_catalog()`` and its queries.

Programs are loaded once per process into memory (keyed by database URL and the
catalog's revision, which every build and import bumps), so ``programs_for`` and
``search`` cost a dictionary walk, not a query; between processes they are kept on disk
under the same revision (``stored.py``), so a new process unpickles them instead of
rebuilding them from the rows. A SQLite file already migrated and built is
read through the driver itself: SQLAlchemy (the schema, migrations, builds and writes) is
imported only where one of those is needed.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..errors import InputError, NotFoundError
from ..profile import STATE_HINT, state_code
from ..settings import database_url
from ..specialties import get_specialty
from .model import (
    TRACK_LETTERS,
    UNKNOWN,
    Attribute,
    Program,
    SearchResult,
    SpecialtyFigures,
    all_attribute_names,
    config,
    track_letter,
)
from .rates import RATES_FILE
from .sources import data_version, source_line
from .stored import entry_key, shapes_of, stored
from .units import ProgramUnit, group_programs
from .visa import EVIDENCE, LCA, USCIS

if TYPE_CHECKING:
    from sqlalchemy import Engine

SCHEMA_VERSION = 4  # len(db.MIGRATIONS): a database at this version needs no migration
_ENGINES: dict[str, Engine] = {}
_SNAPSHOTS: dict[tuple[str, str], _Snapshot] = {}


@dataclass(frozen=True)
class _Snapshot:
    programs: dict[str, Program]
    by_specialty: dict[str, tuple[Program, ...]]
    grouped: dict[str, dict[str, ProgramUnit]] = field(default_factory=dict)  # built on use
    selections: dict[str, tuple[Program, ...]] = field(default_factory=dict)  # programs_for

    @property
    def units(self) -> dict[str, ProgramUnit]:
        """Programs by key, grouped on first use (searches over tracks never need them)."""
        if "units" not in self.grouped:
            self.grouped["units"] = group_programs(self.programs.values())
        return self.grouped["units"]


def engine_for(url: str) -> Engine:
    if url not in _ENGINES:
        from .db import make_engine

        _ENGINES[url] = make_engine(url)
    return _ENGINES[url]


def _sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite:///path``), if it exists; else None (another
    database, in memory, or with options: read through SQLAlchemy)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = url[len(prefix) :]
    if not path or path == ":memory:" or not Path(path).is_file():
        return None
    return Path(path)


_META_SQL = "SELECT key, value FROM catalog_meta WHERE key IN ('schema_version', 'data_version')"


def _ready(path: Path) -> bool:
    """Whether the SQLite file is migrated and built from the shipped data (then opening it
    migrates and builds nothing)."""
    try:
        with closing(sqlite3.connect(path)) as conn:
            meta = dict(conn.execute(_META_SQL).fetchall())
    except sqlite3.Error:  # no meta table yet, or not a database: SQLAlchemy says
        return False
    return (
        meta.get("schema_version") == str(SCHEMA_VERSION)
        and meta.get("data_version") == data_version()
    )


_REVISION_SQL = "SELECT value FROM catalog_meta WHERE key = 'revision'"
_ATTRIBUTE_SQL = "SELECT code, name, value, source, as_of, grain FROM catalog_attributes"
_PROGRAM_SQL = (
    "SELECT code, institution, city, state, specialty, track, track_name, location_method "
    "FROM catalog_programs ORDER BY code"
)


def _raw_rows(conn: Any, sql: str) -> list[tuple]:
    """Every row of a plain query as the driver returns it (tuples of str / numbers): tens of
    thousands of rows, which SQLAlchemy's per-row processing would slow for nothing.
    ``conn``: a driver (DB-API) connection."""
    cursor = conn.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _attributes(conn: Any) -> dict[str, dict[str, Attribute]]:
    """Every stored value by code and name; identical values (a program's or an
    institution's record on each of its tracks) are parsed once and shared (read-only)."""
    found: dict[str, dict[str, Attribute]] = defaultdict(dict)
    shared: dict[tuple[str, str, str, str | None], Attribute] = {}
    parsed: dict[str, Any] = {}  # the same value under other sources: parsed once too
    for code, name, value, source, as_of, grain in _raw_rows(conn, _ATTRIBUTE_SQL):
        key = (value, source, as_of, grain)
        attr = shared.get(key)
        if attr is None:
            if value not in parsed:
                parsed[value] = json.loads(value)
            attr = shared[key] = Attribute(parsed[value], True, source, as_of, grain or "")
        found[code][name] = attr
    return found


def _program(row: tuple, known: dict[str, Attribute], names: tuple[str, ...]) -> Program:
    code, institution, city, state, specialty, track, track_name, method = row
    return Program(
        code=code,
        institution=institution,
        city=city,
        state=state,
        specialty=specialty,
        track=track,
        track_name=track_name,
        needs_pgy1=track == "A",
        reserved=track == "R",
        location_method=method,
        attributes=MappingProxyType({n: known.get(n, UNKNOWN) for n in names}),
    )


def _load(conn: Any) -> _Snapshot:
    names = all_attribute_names()
    attributes = _attributes(conn)
    found = _raw_rows(conn, _PROGRAM_SQL)
    programs = {r[0]: _program(tuple(r), attributes.get(r[0], {}), names) for r in found}
    return _group(programs)


def _group(programs: dict[str, Program]) -> _Snapshot:
    grouped: dict[str, list[Program]] = defaultdict(list)
    for program in programs.values():
        grouped[program.specialty].append(program)
    return _Snapshot(programs, {s: tuple(p) for s, p in grouped.items()})


class Catalog:
    """Every NRMP Main Match track with what is known about it."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self._file = _sqlite_file(self.url)
        if self._file is None or not _ready(self._file):
            from .build import ensure_built
            from .db import build_lock, migrate

            with build_lock(self.engine):  # another process may be building it: one at a time
                migrate(self.engine)
                ensure_built(self.engine)
            self._file = _sqlite_file(self.url)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (created on first use: reads of a SQLite file need none)."""
        return engine_for(self.url)

    @contextmanager
    def _driver(self) -> Iterator[Any]:
        """A driver (DB-API) connection for reads: to the SQLite file itself, else the
        engine's."""
        if self._file is not None:
            with closing(sqlite3.connect(self._file)) as conn:
                yield conn
        else:
            raw = self.engine.raw_connection()
            try:
                yield raw
            finally:
                raw.close()

    def revision(self) -> str:
        with self._driver() as conn:
            found = _raw_rows(conn, _REVISION_SQL)
        return str((found[0][0] if found else None) or "0")

    def _snapshot(self) -> _Snapshot:
        key = (self.url, self.revision())
        if key not in _SNAPSHOTS:
            _SNAPSHOTS.clear()
            shapes = shapes_of(_Snapshot, Program, Attribute)
            entry = entry_key(key[1], (shapes, all_attribute_names(), data_version()))
            _SNAPSHOTS[key] = stored(entry, self._read, _Snapshot)
        return _SNAPSHOTS[key]

    def _read(self) -> _Snapshot:
        """The programs read from the database (when the copy on disk cannot serve)."""
        with self._driver() as conn:
            return _load(conn)

    def patch(self, before: str, codes: set[str]) -> None:
        """After a write that moved the revision from ``before``, reload only ``codes``."""
        old = _SNAPSHOTS.get((self.url, before))
        if old is None:
            return
        names = all_attribute_names()
        with self._driver() as conn:
            found = _raw_rows(conn, _REVISION_SQL)
            revision = str((found[0][0] if found else None) or "0")
            attributes = _attributes(conn)  # small next to building Program objects
        programs = dict(old.programs)
        for code in codes:
            p = programs[code]
            fresh = {n: attributes.get(code, {}).get(n, UNKNOWN) for n in names}
            programs[code] = replace(p, attributes=MappingProxyType(fresh))
        _SNAPSHOTS.clear()
        _SNAPSHOTS[(self.url, revision)] = _group(programs)

    def all_programs(self) -> tuple[Program, ...]:
        return tuple(self._snapshot().programs.values())

    def by_code(self) -> Mapping[str, Program]:
        """Every program by code (one consistent in-memory copy; do not mutate)."""
        return MappingProxyType(self._snapshot().programs)

    def has(self, code: str) -> bool:
        return code.strip().upper() in self._snapshot().programs

    def get(self, code: str) -> Program:
        program = self._snapshot().programs.get(code.strip().upper())
        if program is None:
            raise NotFoundError(
                f"no program with code '{code}'",
                path="code",
                hint="find codes with: smartpick programs search --text NAME",
            )
        return program

    def program_units(self, specialties: Sequence[str] | None = None) -> tuple[ProgramUnit, ...]:
        """Programs (institution + NRMP specialty code) with their tracks; with
        ``specialties``, those having a track in one of them (all tracks are kept)."""
        units = self._snapshot().units.values()
        if specialties is None:
            return tuple(units)
        for specialty in specialties:
            get_specialty(specialty)
        wanted = set(specialties)
        return tuple(u for u in units if wanted.intersection(u.specialties))

    def program_unit(self, code: str) -> ProgramUnit:
        """The program a track belongs to (a 9-character code or a 7-character key)."""
        key = code.strip().upper()[:7]
        unit = self._snapshot().units.get(key)
        if unit is None:
            self.get(code)  # raises the not-found error with its hint
            raise NotFoundError(f"no program with key '{key}'", path="code")
        return unit

    def programs_for(
        self, specialties: Sequence[str], tracks: Sequence[str] = TRACK_LETTERS
    ) -> list[Program]:
        """The tracks of these specialty ids with these track letters (cached per process)."""
        snapshot = self._snapshot()
        key = f"for:{'|'.join(specialties)}:{''.join(tracks)}"
        if key not in snapshot.selections:  # the planner asks for the same ones every time
            wanted = set(tracks)
            found: list[Program] = []
            for specialty in specialties:
                get_specialty(specialty)
                found.extend(
                    p for p in snapshot.by_specialty.get(specialty, ()) if p.track in wanted
                )
            snapshot.selections[key] = tuple(found)
        return list(snapshot.selections[key])

    def search(
        self,
        specialty: str | None = None,
        state: str | None = None,
        track: str | None = None,
        visa: str | None = None,
        text: str | None = None,
    ) -> SearchResult:
        programs: Iterable[Program] = self.all_programs()
        if specialty:
            programs = self.programs_for([specialty])
        if track:
            letter = _track(track)
            programs = [p for p in programs if p.track == letter]
        if text:
            programs = _text_filter(programs, text)
        programs, left_out = _state_filter(list(programs), state)
        programs, unknown_visa = _visa_filter(programs, visa)
        no_evidence = 0
        from .build import PROGRAMS_FILE

        sources: tuple[str, ...] = (source_line(PROGRAMS_FILE), source_line(RATES_FILE))
        if visa == "h1b":
            programs, no_evidence = h1b_evidence_first(programs)
            sources += (source_line(EVIDENCE), source_line(LCA), source_line(USCIS))
        return SearchResult(
            programs=tuple(programs),
            total=len(programs),
            left_out_unknown_state=left_out,
            unknown_visa_kept=unknown_visa,
            sources=sources,
            no_h1b_evidence_kept=no_evidence,
            h1b_first=visa == "h1b",
        )

    def specialty_figures(self, specialty_id: str) -> SpecialtyFigures:
        from .figures import specialty_figures

        return specialty_figures(self, specialty_id)


def _track(value: str) -> str:
    letter = track_letter(value)
    if letter is None:
        names = ", ".join(f"{k} ({v})" for k, v in config().tracks.items())
        raise InputError(f"unknown track '{value}'", path="track", hint=f"use one of: {names}")
    return letter


def _text_filter(programs: Iterable[Program], text: str) -> list[Program]:
    needle = text.strip().lower()
    return [
        p
        for p in programs
        if needle in f"{p.code} {p.institution} {p.city or ''} {p.track_name}".lower()
    ]


def _state_filter(programs: list[Program], state: str | None) -> tuple[list[Program], int]:
    if not state:
        return programs, 0
    codes = {s.strip(): state_code(s) for s in state.split(",") if s.strip()}
    bad = next((given for given, code in codes.items() if code is None), None)
    if bad is not None:
        raise InputError(f"'{bad[:40]}' is not a US state code", path="state", hint=STATE_HINT)
    wanted = set(codes.values())
    unknown = sum(1 for p in programs if p.state is None)
    return [p for p in programs if p.state in wanted], unknown


VISAS = {"j1": ("j1", "j1-h1b"), "h1b": ("j1-h1b",), "none": ("none", "j1", "j1-h1b")}


def _visa_filter(programs: list[Program], visa: str | None) -> tuple[list[Program], int]:
    """Drop programs known not to sponsor the visa; keep (and count) the unknown ones."""
    if not visa:
        return programs, 0
    if visa not in VISAS:
        raise InputError(f"unknown visa '{visa}'", path="visa", hint="use j1, h1b or none")
    kept, unknown = [], 0
    for p in programs:
        policy = p.known("visa_policy")
        if policy is None:
            unknown += 1
            kept.append(p)
        elif policy in VISAS[visa]:
            kept.append(p)
    return kept, unknown


_STRENGTH_ORDER = {"strong": 0, "weak": 1}


def h1b_evidence_first(programs: Sequence[Program]) -> tuple[list[Program], int]:
    """Strong H-1B evidence first, then weak, then none (kept: no evidence is not a refusal);
    the order is otherwise unchanged. Also returns how many have no evidence."""

    def rank(p: Program) -> int:
        evidence = p.known("h1b_evidence")
        return _STRENGTH_ORDER.get(evidence["strength"], 1) if isinstance(evidence, dict) else 2

    ranks = [rank(p) for p in programs]
    order = sorted(range(len(ranks)), key=ranks.__getitem__)  # stable: ties keep their order
    return [programs[i] for i in order], ranks.count(2)


def open_catalog(url: str | None = None) -> Catalog:
    """The catalog at ``url`` (default: ``settings.database_url()``), built on first use."""
    return Catalog(url)
