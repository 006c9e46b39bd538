"""Turn typed results (frozen dataclasses, enums, dates) into JSON-ready values, the two
formats every front end reads a probability in (``percent``, ``points``), and the files
written for the user (reports, plots, exports): the path checked before the work starts, so
a wrong path is said at once, and the file written whole (a temporary file beside it, then
renamed), so a failure never leaves half a file or spoils an old one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import io
import math
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .errors import InputError


def to_jsonable(value: Any) -> Any:
    """A plain structure of dicts, lists, strings, numbers, booleans and None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump(mode="json"))
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return to_jsonable(value.item())
    return value


def percent(x: float) -> str:
    """A probability as the CLI, the web and the report show it: one decimal under 10%.

    0 -> '0%', 0.0004 -> '<0.1%', 0.004 -> '0.4%', 0.012 -> '1.2%', 0.123 -> '12%',
    0.996 -> '>99%', 1 -> '100%'.
    """
    if x <= 0:
        return "0%"
    if x < 0.0005:
        return "<0.1%"
    if x < 0.0995:
        return f"{x:.1%}"
    return ">99%" if 0.995 <= x < 1 else f"{x:.0%}"


def points(delta: float) -> str:
    """A change of a probability in percentage points: 0.0172 -> '+1.7 pts',
    0.0015 -> '+0.15 pts' (two decimals under one point), 0 -> '+0.00 pts'."""
    value = 100 * delta
    return f"{value:+.1f} pts" if abs(value) >= 0.995 else f"{value:+.2f} pts"


def count(n: int, noun: str) -> str:
    """``1 application``, ``1,200 applications``: a count with its noun in the right number,
    the same in every front end."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def output_path(path: Path | str, *, field: str, suffixes: Sequence[str] = ()) -> Path:
    """``path`` if a file can be written there: one of ``suffixes`` (any if empty), not a
    folder, in an existing folder this process may write to."""
    out = Path(path)
    name = out.name or str(out)
    if suffixes and out.suffix.lower() not in suffixes:
        raise InputError(
            f"cannot write '{name}': unknown format",
            path=field,
            hint=f"name the file {' or '.join(suffixes)}",
        )
    problem = None
    if out.is_dir():
        problem = "it is a folder"
    elif not out.parent.is_dir():
        problem = "its folder does not exist"
    elif not os.access(out.parent, os.W_OK | os.X_OK):
        problem = "its folder is not writable"
    if problem:
        raise InputError(
            f"cannot write '{name}': {problem}",
            path=field,
            hint="give a file path in an existing folder you can write to",
        )
    return out


def write_whole(out: Path, data: bytes, *, field: str) -> None:
    """Write ``data`` to a temporary file beside ``out``, then rename it to ``out``."""
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, out)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(
            f"cannot write '{out.name}' ({exc.strerror or type(exc).__name__})",
            path=field,
            hint="check the disk space and the permissions of the folder",
        ) from None


def save_figure(figure: Any, out: Path, *, field: str) -> None:
    """A matplotlib figure, in the format its file name says, written whole."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format=out.suffix.lstrip(".").lower())
    write_whole(out, buffer.getvalue(), field=field)
