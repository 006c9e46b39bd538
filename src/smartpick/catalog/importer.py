"""Import the applicant's own research into the catalog: all rows or nothing.

A file is read and checked whole before anything is written; the changes are
then applied in one transaction, so a bad row, an error or a killed process
leaves the catalog as it was. Values equal to the stored ones are no change,
so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table

from ..errors import ImportFileError, check_size
from .build import bump_revision
from .db import AttributeRow
from .exporter import INFO_COLUMNS, NOTE_COLUMNS
from .model import AttributeValue, Program, config, parse_value
from .query import Catalog

CLEAR = "unknown"
CRASH_ENV = "SMARTPICK_IMPORT_CRASH_AFTER"  # tests only: exit the process mid-import


@dataclass(frozen=True)
class Change:
    line: int
    code: str
    attribute: str
    old: AttributeValue
    new: AttributeValue
    kind: str  # added | changed | cleared


@dataclass(frozen=True)
class ImportResult:
    file: str
    rows: int
    changes: tuple[Change, ...]
    dry_run: bool
    applied: bool


def _bad(file: str, line: int, column: str, what: str) -> ImportFileError:
    return ImportFileError(
        f"line {line}, column {column}: {what}; nothing was imported",
        path=f"{file}:{line}:{column}",
        hint="fix this cell and import the file again (see: smartpick programs template)",
    )


def _check_header(file: str, fields: list[str]) -> None:
    known = {"code", *INFO_COLUMNS, *NOTE_COLUMNS, *config().attributes}
    if "code" not in fields:
        error = _bad(file, 1, "code", "the header has no 'code' column")
        if any(";" in name or "\t" in name for name in fields):
            error.hint = "separate the cells with commas: save the file as 'CSV (comma delimited)'"
        raise error
    for name in fields:
        if name not in known:
            raise _bad(file, 1, name or "(blank)", f"unknown column '{name}'")


def _cell_change(program: Program, file: str, line: int, name: str, raw: str) -> Change | None:
    code = program.code
    current = program.attributes[name]
    old = current.value if current.known else None
    if raw.strip().lower() == CLEAR:
        return Change(line, code, name, old, None, "cleared") if current.known else None
    value, problem = parse_value(config().attributes[name], raw)
    if problem:
        raise _bad(file, line, name, problem)
    if current.known and old == value and type(old) is type(value):
        return None
    return Change(line, code, name, old, value, "changed" if current.known else "added")


def _row_changes(
    programs: Mapping[str, Program], file: str, line: int, row: dict[str, Any]
) -> list[Change]:
    code = (row.get("code") or "").strip().upper()
    if code not in programs:
        raise _bad(file, line, "code", f"unknown program code '{code}'")
    changes = []
    for name in config().attributes:
        raw = row.get(name)
        if raw is None or not str(raw).strip():
            continue
        change = _cell_change(programs[code], file, line, name, str(raw))
        if change:
            changes.append(change)
    return changes


def read_changes(catalog: Catalog, text: str, file: str) -> tuple[int, list[Change], dict]:
    """Check the whole file: (rows, changes, notes per line), or raise on the first bad cell."""
    reader = csv.DictReader(io.StringIO(text))
    _check_header(file, list(reader.fieldnames or []))
    changes: list[Change] = []
    notes: dict[int, tuple[str, str]] = {}
    n_rows = 0
    programs = catalog.by_code()
    first_line: dict[str, int] = {}
    for index, row in enumerate(reader):
        line = index + 2
        if None in row:
            raise _bad(file, line, "(extra)", "more cells than header columns")
        n_rows += 1
        code = (row.get("code") or "").strip().upper()
        if code in first_line:
            raise _bad(file, line, "code", f"'{code}' also on line {first_line[code]}")
        first_line[code] = line
        changes.extend(_row_changes(programs, file, line, row))
        notes[line] = (_source(row, file), _as_of(row, file, line))
    return n_rows, changes, notes


def _source(row: dict[str, Any], file: str) -> str:
    given = (row.get("source") or "").strip()
    return f"user import: {given}" if given else f"user import: {file}"


def _as_of(row: dict[str, Any], file: str, line: int) -> str:
    given = (row.get("as_of") or "").strip()
    if not given:
        return dt.date.today().isoformat()
    try:
        day = dt.date.fromisoformat(given)
    except ValueError:
        raise _bad(file, line, "as_of", f"expected a date YYYY-MM-DD, got {given!r}") from None
    if day > dt.date.today():
        raise _bad(file, line, "as_of", f"{given} is after today: the day the values were checked")
    return day.isoformat()


def _apply(conn: Connection, changes: list[Change], notes: dict, origin: str = "import") -> None:
    table: Table = AttributeRow.__table__  # type: ignore[assignment]
    crash_after = int(os.environ.get(CRASH_ENV, "0") or 0)
    for count, change in enumerate(changes, start=1):
        key = (table.c.code == change.code) & (table.c.name == change.attribute)
        conn.execute(table.delete().where(key))
        if change.kind != "cleared":
            source, as_of = notes[change.line]
            values = {"code": change.code, "name": change.attribute, "origin": origin}
            values |= {"value": json.dumps(change.new), "source": source, "as_of": as_of}
            conn.execute(table.insert().values(**values))
        if crash_after and count >= crash_after:
            os._exit(3)


def import_text(catalog: Catalog, text: str, file: str, dry_run: bool = False) -> ImportResult:
    """Check ``text`` whole, then apply all its changes in one transaction (unless dry run)."""
    check_size(len(text.encode("utf-8")), path=file)
    n_rows, changes, notes = read_changes(catalog, text, file)
    applied = False
    if changes and not dry_run:
        before = catalog.revision()
        with catalog.engine.begin() as conn:
            _apply(conn, changes, notes)
            bump_revision(conn)
        catalog.patch(before, {c.code for c in changes})
        applied = True
    return ImportResult(file, n_rows, tuple(changes), dry_run, applied)


def edit_attribute(
    catalog: Catalog, code: str, name: str, raw: str, source: str = "user edit"
) -> Change | None:
    """Set one attribute of one program (a user edit); None when nothing changes."""
    if name not in config().attributes:
        raise ImportFileError(
            f"unknown attribute '{name}'",
            path="attribute",
            hint="the attributes are the columns of: smartpick programs template",
        )
    program = catalog.get(code)
    change = _cell_change(program, "edit", 0, name, raw)
    if change is None:
        return None
    before = catalog.revision()
    notes = {0: (source, dt.date.today().isoformat())}
    with catalog.engine.begin() as conn:
        _apply(conn, [change], notes, origin="edit")
        bump_revision(conn)
    catalog.patch(before, {program.code})
    return change
