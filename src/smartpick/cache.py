"""A per-user cache of derived data (validated text rules, lemma and cluster tables, the
catalog's programs) so that later runs start faster than the first.

Entries live in ``$SMARTPICK_HOME/cache`` as pickles, keyed by their caller with a digest or
version of their source; a missing, unreadable or foreign entry is simply rebuilt and an
unwritable folder only skips the store. Only smartpick writes this folder (0700 with the
home), which is what makes unpickling its files safe. Never put an applicant's data here.
"""

from __future__ import annotations

import copyreg
import gc
import os
import pickle
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
CACHE_FOLDER = "cache"
FORMAT = 1  # bump when the shape of every cached object changes

# type -> how to pickle it (``copyreg`` reduce functions), for this cache's pickler only
Reducers = Mapping[type, Callable[[Any], tuple[Any, ...]]]


def cached(
    key: str,
    build: Callable[[], T],
    expected: type,
    *,
    replaces: str | None = None,
    reducers: Reducers | None = None,
    many_objects: bool = False,
) -> T:
    """The object stored under ``key`` if it is an ``expected``; else ``build()``, stored.

    ``replaces``: a key prefix whose other entries the new one makes obsolete (removed when
    it is written); ``reducers``: how to pickle types pickle cannot; ``many_objects``: pause
    the garbage collector while loading (it would run for nothing over many small objects)
    and then freeze what is alive (``gc.freeze``: later collections never scan it again;
    frozen objects are still freed by reference counting, but a reference cycle among them
    never is, so use it for what lives as long as the process, as the catalog's programs).
    """
    path = _path(key)
    if path is not None and path.is_file():
        try:
            with _gc_paused(many_objects):
                value = pickle.loads(path.read_bytes())
            if isinstance(value, expected):
                return value  # type: ignore[return-value]
        except Exception:  # a damaged or outdated entry: rebuild it
            pass
    value = build()
    if path is not None and _store(path, value, reducers or {}) and replaces is not None:
        for old in path.parent.glob(f"{replaces}*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    return value


def _path(key: str) -> Path | None:
    try:
        from .settings import home_dir

        folder = home_dir() / CACHE_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / f"{key}-v{FORMAT}.pickle"


@contextmanager
def _gc_paused(pause: bool) -> Iterator[None]:
    was = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause:
            gc.freeze()  # what was loaded lives on: no collection need scan it again
        if pause and was:
            gc.enable()


def _store(path: Path, value: object, reducers: Reducers) -> bool:
    """Write ``value`` whole (temporary file, then rename); False when it could not be."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            if reducers:
                table = copyreg.dispatch_table.copy()
                table.update(reducers)
                pickler.dispatch_table = table  # this pickler only: nothing global changes
            pickler.dump(value)
        os.replace(temporary, path)
    except OSError:
        return False
    return True
