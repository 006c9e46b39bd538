"""The per-program sources of ``data/catalog.yaml`` (``sources:``): each read into values
keyed the way it joins, then spread onto the tracks.

A ``columns`` source is read here from its entry alone (key columns, column -> attribute,
typed by the attribute's kind); a ``name`` source through the interview-rate join
(:mod:`.rates`); the coded readers (fill histories, H-1B evidence) in :mod:`.sizes` and
:mod:`.visa`. Sources are spread in the registry's order and a track keeps the first value
of each attribute, so a more precise source listed first wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from ..errors import DataFileError
from .model import KEY_LENGTH, TRACK_GRAIN, SourceSpec, SourceValue, config, parse_value
from .rates import JOIN_TRACKS, Institution, RateJoin, join_rates
from .sizes import florida_values, results_values
from .sources import rows, source_line
from .visa import evidence_values

Key = str | tuple[str, str]
Keyed = Mapping[Any, list[SourceValue]]  # keys: str, or (specialty, institution) for name
DEFAULT_GRAIN = {"track": TRACK_GRAIN, "program": "institution x specialty",
                 "institution": "institution", "name": None}  # fmt: skip


def _key(source: SourceSpec, row: Mapping[str, str], line: int) -> str:
    try:
        key = "".join(row[column].strip() for column in source.key)
    except KeyError as exc:
        raise DataFileError(f"{source.file}: no column {exc} (key of source {source.id})") from exc
    if len(key) != KEY_LENGTH[source.join]:
        raise DataFileError(
            f"{source.file} line {line}: key {key!r} is not a {source.join} code "
            f"({KEY_LENGTH[source.join]} characters)"
        )
    return key


def _typed(source: SourceSpec, row: Mapping[str, str], line: int) -> list[tuple[str, Any]]:
    """(attribute, typed value) of the row's non-empty columns."""
    found = []
    for column, name in source.columns.items():
        raw = row.get(column)
        if raw is None:
            raise DataFileError(f"{source.file}: no column {column!r} (source {source.id})")
        if raw.strip():
            value, problem = parse_value(config().attributes[name], raw)
            if problem:
                raise DataFileError(f"{source.file} line {line}, column {column}: {problem}")
            found.append((name, value))
    return found


def read_columns(source: SourceSpec) -> dict[str, list[SourceValue]]:
    """The ``columns`` reader: one row per key, each column one attribute."""
    grain = source.grain or DEFAULT_GRAIN[source.join]
    cited = f"{source_line(source.file)}; grain: {grain}"
    found: dict[str, list[SourceValue]] = {}
    for line, row in enumerate(rows(source.file), start=2):
        if any(row.get(column) != value for column, value in source.where.items()):
            continue
        key = _key(source, row, line)
        if key in found:
            raise DataFileError(f"{source.file} line {line}: a second row for {key}")
        typed = _typed(source, row, line)
        found[key] = [SourceValue(n, v, cited, source.as_of, grain) for n, v in typed]
    return found


READERS: dict[str, Callable[[SourceSpec], Keyed]] = {
    "columns": read_columns,
    "florida-history": florida_values,
    "results-history": results_values,
    "h1b-evidence": evidence_values,
}


def _name_values(source: SourceSpec, joins: Sequence[RateJoin]) -> Keyed:
    """(specialty, institution code) -> the values of the row joined to it."""
    cited = source_line(source.file)
    found: dict[Key, list[SourceValue]] = {}
    for join in joins:
        if join.status != "joined" or join.institution_code is None:
            continue
        text = f"{cited}; row on line {join.line} joined to institution {join.institution_code} "
        text += f"({join.method}, {join.score})"
        found[(join.specialty, join.institution_code)] = [
            SourceValue(name, value, text, source.as_of, source.grain)
            for name, value in join.rates.items()
        ]
    return found


def read_sources(
    pools: Mapping[str, Sequence[Institution]],
) -> tuple[list[tuple[SourceSpec, Keyed]], list[RateJoin]]:
    """Every registered source's keyed values, and the name join's outcome per row."""
    read: list[tuple[SourceSpec, Keyed]] = []
    joins: list[RateJoin] = []
    for source in config().sources:
        if source.join == "name":
            joins = join_rates(pools, source.file, source.columns)
            read.append((source, _name_values(source, joins)))
        else:
            read.append((source, READERS[source.reader](source)))
    return read, joins


def _join_key(source: SourceSpec, program: Mapping[str, Any]) -> Key | None:
    if source.join != "name":
        return program["code"][: KEY_LENGTH[source.join]]
    if program["track"] not in JOIN_TRACKS:
        return None
    return (program["specialty"], program["institution_code"])


def spread(
    programs: Iterable[Mapping[str, Any]], read: Sequence[tuple[SourceSpec, Keyed]]
) -> list[tuple[str, SourceValue]]:
    """(track code, value) for every track a source's key covers; the first source with an
    attribute for a track gives it."""
    taken: set[tuple[str, str]] = set()
    found = []
    for source, values in read:
        for program in programs:
            for value in values.get(_join_key(source, program), ()):
                if (program["code"], value.name) not in taken:
                    taken.add((program["code"], value.name))
                    found.append((program["code"], value))
    return found
