"""The catalog's programs kept on disk between processes, so a command does not rebuild
them from tens of thousands of database rows each time it starts.

The in-memory copy (``query.py``) is keyed by the catalog's revision, which every build,
import and edit moves to a new unique value; the copy on disk is keyed the same way, with
the code's own version of the shapes it holds (``FORMAT``, the program fields, the
attribute names, the shipped data's version), in the per-user cache folder. A missing,
unreadable or foreign entry is simply rebuilt; older entries are removed when a new one is
written. Only smartpick writes this folder.
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

T = TypeVar("T")
FORMAT = 1  # bump when the shape of what is stored changes in a way the key cannot see
PREFIX = "catalog-"


def entry_key(revision: str, shapes: tuple[Any, ...]) -> str:
    """The file name's key: a digest of the catalog's revision and the stored shapes."""
    text = repr((FORMAT, revision, shapes))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def stored(key: str, read: Callable[[], T], expected: type) -> T:
    """The object stored under ``key`` if it is an ``expected``; else ``read()``, stored."""
    path = _path(key)
    if path is not None and path.is_file():
        try:
            with _gc_paused():  # many small objects: the collector would run for nothing
                value = pickle.loads(path.read_bytes())
            if isinstance(value, expected):
                return value  # type: ignore[return-value]
        except Exception:  # a damaged or outdated entry: read again and replace it
            pass
    value = read()
    if path is not None:
        _store(path, value)
    return value


def _path(key: str) -> Path | None:
    try:
        from ..settings import home_dir

        folder = home_dir() / "cache"
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / f"{PREFIX}{key}.pickle"


@contextmanager
def _gc_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def mapping_proxy(items: dict[str, Any]) -> MappingProxyType[str, Any]:
    """Rebuilds a read-only mapping on load (``MappingProxyType`` cannot be pickled)."""
    return MappingProxyType(items)


def _store(path: Path, value: object) -> None:
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            table = copyreg.dispatch_table.copy()
            table[MappingProxyType] = lambda m: (mapping_proxy, (dict(m),))
            pickler.dispatch_table = table  # this pickler only: nothing global changes
            pickler.dump(value)
        os.replace(temporary, path)
    except OSError:
        return
    for old in path.parent.glob(f"{PREFIX}*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)


def shapes_of(*types: type) -> tuple[tuple[str, ...], ...]:
    """The field names of the stored dataclasses: a changed class gets another key."""
    return tuple(tuple(f.name for f in dataclasses.fields(t)) for t in types)
