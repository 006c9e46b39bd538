"""The catalog's programs kept on disk between processes (catalog/stored.py): a new process
reads them from there, an edit or import (a new revision) is never served a stale copy,
and a damaged copy is read again from the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartpick.catalog import open_catalog, query
from smartpick.settings import home_dir


def _entries() -> list[Path]:
    return sorted((home_dir() / "cache").glob("catalog-*.pickle"))


def _new_process(monkeypatch: pytest.MonkeyPatch, database: bool) -> None:
    """Forget the in-memory copy, as a new process starts; ``database``: whether it may read
    the rows (else only the copy on disk can serve)."""
    query._SNAPSHOTS.clear()
    if not database:

        def refuse(self):
            raise AssertionError("read the database although the copy on disk is valid")

        monkeypatch.setattr(query.Catalog, "_read", refuse)


def test_a_new_process_reads_the_programs_from_disk(monkeypatch):
    first = open_catalog().all_programs()
    assert len(_entries()) == 1
    _new_process(monkeypatch, database=False)
    again = open_catalog().all_programs()
    assert again == first
    assert type(again[0].attributes).__name__ == "mappingproxy"  # still read-only


def test_an_edit_is_never_served_the_copy_of_the_revision_before(monkeypatch):
    from smartpick.catalog.importer import edit_attribute

    catalog = open_catalog()
    catalog.all_programs()
    before = _entries()
    assert edit_attribute(catalog, "1903140C0", "max_years_since_graduation", "5") is not None
    _new_process(monkeypatch, database=True)
    program = open_catalog().get("1903140C0")
    assert program.known("max_years_since_graduation") == 5
    assert _entries() != before and len(_entries()) == 1  # the old copy replaced


def test_a_damaged_copy_is_read_again_from_the_database(monkeypatch):
    first = open_catalog().all_programs()
    (entry,) = _entries()
    entry.write_bytes(b"not a pickle")
    _new_process(monkeypatch, database=True)
    assert open_catalog().all_programs() == first
    _new_process(monkeypatch, database=False)  # and stored again
    assert open_catalog().all_programs() == first


def test_the_key_moves_with_the_revision_and_the_shape_of_what_is_stored():
    from dataclasses import dataclass

    from smartpick.catalog.model import Attribute, Program
    from smartpick.catalog.stored import entry_key, shapes_of

    @dataclass(frozen=True)
    class Grown:
        programs: dict
        by_specialty: dict
        added: int = 0

    now = shapes_of(query._Snapshot, Program, Attribute)
    assert entry_key("r1", now) == entry_key("r1", now)
    assert entry_key("r2", now) != entry_key("r1", now)
    assert entry_key("r1", shapes_of(Grown, Program, Attribute)) != entry_key("r1", now)


def test_the_programs_read_from_disk_are_left_out_of_later_collections(monkeypatch):
    """A many-object entry is loaded with the collector paused, then frozen (gc.freeze), so
    later collections do not scan it again; the collector is on again afterwards."""
    import gc

    open_catalog().all_programs()  # the copy on disk written
    gc.unfreeze()
    _new_process(monkeypatch, database=False)
    programs = open_catalog().all_programs()
    assert programs and gc.isenabled()
    assert gc.get_freeze_count() > len(programs)
    gc.unfreeze()
