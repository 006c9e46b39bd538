"""A per-user cache of derived data (validated rules, the lemma table) so that later runs
start faster than the first. Entries are keyed by a digest of their source; a missing,
unreadable or foreign entry is simply rebuilt. Only smartpick writes this folder.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CACHE_FOLDER = "cache"
FORMAT = 1  # bump when the shape of a cached object changes


def _folder() -> Path | None:
    try:
        from ..settings import home_dir

        folder = home_dir() / CACHE_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    except OSError:
        return None


def cached(key: str, build: Callable[[], T], expected: type) -> T:
    """The object stored under ``key`` if it is an ``expected``; else ``build()`` and store it."""
    folder = _folder()
    path = folder / f"{key}-v{FORMAT}.pickle" if folder else None
    if path is not None and path.is_file():
        try:
            value = pickle.loads(path.read_bytes())
            if isinstance(value, expected):
                return value  # type: ignore[return-value]
        except Exception:  # a damaged or outdated entry: rebuild it
            pass
    value = build()
    if path is not None:
        _store(path, value)
    return value


def store(key: str, value: object) -> None:
    """Store ``value`` under ``key`` (replacing what was there); silently skipped on error."""
    folder = _folder()
    if folder is not None:
        _store(folder / f"{key}-v{FORMAT}.pickle", value)


def _store(path: Path, value: object) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except OSError:
        pass
