"""Build the catalog tables from the source files (shipped, or the user's own copies)."""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, select

from ..errors import DataFileError
from ..specialties import all_specialties
from . import gazetteer
from .aliases import institution_cities, institution_names
from .db import AttributeRow, Base, ProgramRow, RateJoinRow, get_meta, set_meta
from .names import strip_state_suffix
from .rates import JOIN_TRACKS, Institution, RateJoin, city_key
from .registry import read_sources, spread
from .sources import data_version, rows

PROGRAMS_FILE = "nrmp_program_codes_2024.csv"


@dataclass(frozen=True)
class BuiltCatalog:
    programs: list[dict[str, Any]]
    attributes: list[dict[str, Any]]
    joins: list[RateJoin]


def specialty_of(specialty_code: str, track: str) -> str:
    """Our specialty id for an NRMP specialty code and track type (P -> the pgy1 ids)."""
    kind = "pgy1" if track == "P" else "residency"
    for spec in all_specialties().values():
        if spec.nrmp_code == specialty_code and spec.kind == kind:
            return spec.id
    for spec in all_specialties().values():
        if spec.nrmp_code == specialty_code:
            return spec.id
    raise DataFileError(f"{PROGRAMS_FILE}: no specialty id for NRMP code {specialty_code}")


def _program_rows() -> list[dict[str, Any]]:
    programs = []
    seen: set[str] = set()
    for row in rows(PROGRAMS_FILE):
        track = row["track_type"]
        if row["nrmp_program_code"] in seen:  # the source repeats two rows verbatim
            continue
        seen.add(row["nrmp_program_code"])
        programs.append(
            {
                "code": row["nrmp_program_code"],
                "institution_code": row["institution_code"],
                "institution": strip_state_suffix(row["institution_name"])[0],
                "source_name": row["institution_name"],
                "state": row["state"] or None,
                "specialty": specialty_of(row["specialty_code"], track),
                "track": track,
                "track_name": row["track_name"],
            }
        )
    return programs


def _locate(programs: list[dict[str, Any]]) -> None:
    """City and state per track; a code join's state wins over the NRMP name's suffix."""
    known = gazetteer.city_by_institution()
    institutions = {
        p["institution_code"]: (p["source_name"], p["state"])
        for p in programs
        if p["institution_code"] not in known
    }
    by_institution = gazetteer.locate(institutions)
    pairs = [(p["code"], p["institution_code"]) for p in programs]
    located = gazetteer.track_locations(pairs, by_institution)
    for p in programs:
        loc = located[p["code"]]
        p.update(city=loc.city, location_method=loc.method, location_score=loc.score)
        p["state"] = loc.state or p["state"]


def _pools(programs: Sequence[Mapping[str, Any]]) -> dict[str, list[Institution]]:
    """Per specialty, the located institutions with a C/M/A track, under all their names."""
    pools: dict[str, dict[str, Institution]] = defaultdict(dict)
    for p in programs:
        if p["track"] in JOIN_TRACKS:
            code = p["institution_code"]
            names = tuple(sorted(institution_names(code) - {p["source_name"]}))
            cities = institution_cities(code) | ({city_key(p["city"])} if p["city"] else set())
            inst = Institution(code, p["source_name"], p["state"], names, frozenset(cities))
            pools[p["specialty"]][inst.code] = inst
    return {s: list(v.values()) for s, v in pools.items()}


def _attribute(
    code: str, name: str, value: Any, source: str, as_of: str, grain: str | None = None
) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "value": _encode(value),
        "origin": "shipped",
        "source": source,
        "as_of": as_of,
        "grain": grain,
    }


_ENCODED: dict[int, tuple[Any, str]] = {}


def _encode(value: Any) -> str:
    """JSON text of a value; a record shared by many tracks is encoded once."""
    if type(value) is float:
        return repr(value)  # what json.dumps writes for a finite float, without its overhead
    if not isinstance(value, dict):
        return json.dumps(value)
    kept = _ENCODED.get(id(value))
    if kept is None or kept[0] is not value:
        kept = _ENCODED[id(value)] = (value, json.dumps(value))
    return kept[1]


def build_rows() -> BuiltCatalog:
    """Every program, the attributes of every per-program source (``catalog.yaml``,
    ``sources:``) and the name join's outcomes, ready to insert."""
    programs = _program_rows()
    _locate(programs)
    read, joins = read_sources(_pools(programs))
    attributes = [
        _attribute(code, v.name, v.value, v.source, v.as_of, v.grain)
        for code, v in spread(programs, read)
    ]
    for p in programs:
        del p["source_name"]
    _ENCODED.clear()
    return BuiltCatalog(programs, attributes, joins)


def _join_row(join: RateJoin) -> dict[str, Any]:
    return {
        "line": join.line,
        "specialty": join.specialty,
        "program_name": join.program_name,
        "state": join.state,
        "institution_code": join.institution_code,
        "status": join.status,
        "method": join.method,
        "score": join.score,
    }


def _user_attributes(conn: Connection) -> list[dict[str, Any]]:
    table = AttributeRow.__table__
    query = select(table).where(table.c.origin != "shipped")
    return [dict(r._mapping) for r in conn.execute(query)]


def write(conn: Connection, built: BuiltCatalog) -> None:
    """Replace the shipped part of the catalog; keep the user's own attribute values."""
    user = _user_attributes(conn)
    codes = {p["code"] for p in built.programs}
    for table in (AttributeRow, RateJoinRow, ProgramRow):
        conn.execute(table.__table__.delete())  # type: ignore[attr-defined]
    conn.execute(ProgramRow.__table__.insert(), built.programs)  # type: ignore[attr-defined]
    kept = {(u["code"], u["name"]) for u in user if u["code"] in codes}
    shipped = [a for a in built.attributes if (a["code"], a["name"]) not in kept]
    user_rows = [u for u in user if u["code"] in codes]
    _insert_many(conn, AttributeRow.__tablename__, shipped + user_rows)
    conn.execute(
        RateJoinRow.__table__.insert(),  # type: ignore[attr-defined]
        [_join_row(j) for j in built.joins],
    )
    set_meta(conn, "data_version", data_version())
    bump_revision(conn)


_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def _insert_many(conn: Connection, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """One driver-level executemany (tens of thousands of attribute rows: the Core insert
    costs a third of a build); falls back to the Core insert for other parameter styles."""
    if not rows:
        return
    columns = list(rows[0])
    mark = _PLACEHOLDER.get(conn.dialect.paramstyle)
    if mark is None:
        conn.execute(Base.metadata.tables[table].insert(), list(rows))
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"
    conn.exec_driver_sql(sql, [tuple(r[c] for c in columns) for r in rows])


def bump_revision(conn: Connection) -> None:
    """Mark a change, so every process reloads its in-memory copy (see ``query.py``)."""
    number = int((get_meta(conn, "revision") or "0").split(":")[-1]) + 1
    set_meta(conn, "revision", f"{uuid.uuid4().hex[:12]}:{number}")


def ensure_built(engine: Engine) -> None:
    """Build the catalog if it is empty or its data version differs from the shipped one."""
    with engine.connect() as conn:
        current = get_meta(conn, "data_version")
    if current == data_version():
        return
    built = build_rows()
    with engine.begin() as conn:
        write(conn, built)
