"""Replace a shipped source file (e.g. NRMP's program list) with the user's own copy.

The copy must have exactly the columns of the shipped file; it is checked
whole, the catalog is rebuilt from it in one transaction, and only then is it
kept in ``$SMARTPICK_HOME/sources``. To go back to the shipped file, delete the
copy from that folder: the catalog rebuilds on next use.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass

from ..errors import ImportFileError
from .build import specialty_of
from .sources import REPLACEABLE, override_dir, override_path, source_line, source_text


@dataclass(frozen=True)
class ReplaceResult:
    file: str
    replaces: str
    rows: int
    dry_run: bool
    applied: bool
    source: str


def _header(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text)), [])


def replaced_file(text: str, file: str) -> str:
    """The shipped file whose columns this file has."""
    header = _header(text)
    for name in REPLACEABLE:
        if _header(source_text(name)) == header:
            return name
    raise ImportFileError(
        "the header matches no replaceable source file",
        path=f"{file}:1",
        hint="its columns must equal those of one of: " + ", ".join(REPLACEABLE),
    )


def _check_programs(text: str, file: str) -> int:
    n = 0
    for index, row in enumerate(csv.DictReader(io.StringIO(text))):
        line = index + 2
        code = row["nrmp_program_code"] or ""
        if len(code) != 9 or row["track_type"] not in ("C", "P", "A", "R", "M"):
            raise ImportFileError(
                f"line {line}: not a 9-character code with track C/P/A/R/M; nothing was imported",
                path=f"{file}:{line}:nrmp_program_code",
                hint="fix this row and import the file again; nothing was written",
            )
        try:
            specialty_of(row["specialty_code"], row["track_type"])
        except Exception:
            raise ImportFileError(
                f"line {line}: unknown specialty code {row['specialty_code']!r}",
                path=f"{file}:{line}:specialty_code",
                hint="use a specialty code of the shipped file (smartpick programs specialties)",
            ) from None
        n += 1
    return n


def replace_source_file(text: str, file: str, dry_run: bool = False) -> ReplaceResult:
    name = replaced_file(text, file)
    if name == "nrmp_program_codes_2024.csv":
        n_rows = _check_programs(text, file)
    else:
        n_rows = sum(1 for _ in csv.DictReader(io.StringIO(text)))
    if dry_run:
        return ReplaceResult(file, name, n_rows, True, False, source_line(name))
    target = override_path(name)
    override_dir().mkdir(parents=True, exist_ok=True)
    previous = target.read_bytes() if target.is_file() else None
    temporary = target.with_suffix(".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, target)
    try:
        _rebuild()
    except BaseException:
        _restore(target, previous)
        raise
    return ReplaceResult(file, name, n_rows, False, True, source_line(name))


def _rebuild() -> None:
    """Opening the catalog rebuilds it: the copy changed the data version."""
    from .query import Catalog

    Catalog()


def _restore(target: os.PathLike[str], previous: bytes | None) -> None:
    from pathlib import Path

    path = Path(target)
    if previous is None:
        path.unlink(missing_ok=True)
    else:
        path.write_bytes(previous)
