"""Files smartpick writes for the user (reports, plots, exports): the path is checked before
the work starts, so a wrong path is said at once, and the file is written whole (a temporary
file beside it, then renamed), so a failure never leaves half a file or spoils an old one."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .errors import InputError


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
