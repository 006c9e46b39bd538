"""The catalog's programs kept on disk between processes, so a command does not rebuild
them from tens of thousands of database rows each time it starts.

The in-memory copy (``query.py``) is keyed by the catalog's revision, which every build,
import and edit moves to a new unique value; the copy on disk is keyed the same way, with
the code's own version of the shapes it holds (``FORMAT``, the program fields, the
attribute names, the shipped data's version), in the per-user cache folder. A missing,
unreadable or foreign entry is simply rebuilt; older entries are removed when a new one is
written (``smartpick.cache``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from types import MappingProxyType
from typing import Any, TypeVar

from ..cache import cached

T = TypeVar("T")
FORMAT = 1  # bump when the shape of what is stored changes in a way the key cannot see
PREFIX = "catalog-"


def entry_key(revision: str, shapes: tuple[Any, ...]) -> str:
    """The file name's key: a digest of the catalog's revision and the stored shapes."""
    text = repr((FORMAT, revision, shapes))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def stored(key: str, read: Callable[[], T], expected: type) -> T:
    """The object stored under ``key`` if it is an ``expected``; else ``read()``, stored (the
    entries of other revisions removed)."""
    return cached(
        f"{PREFIX}{key}",
        read,
        expected,
        replaces=PREFIX,
        reducers={MappingProxyType: lambda m: (mapping_proxy, (dict(m),))},
        many_objects=True,
    )


def mapping_proxy(items: dict[str, Any]) -> MappingProxyType[str, Any]:
    """Rebuilds a read-only mapping on load (``MappingProxyType`` cannot be pickled)."""
    return MappingProxyType(items)


def shapes_of(*types: type) -> tuple[tuple[str, ...], ...]:
    """The field names of the stored dataclasses: a changed class gets another key."""
    return tuple(tuple(f.name for f in dataclasses.fields(t)) for t in types)
