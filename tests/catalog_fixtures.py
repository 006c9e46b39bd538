"""Shared fixture for catalog tests: build the catalog once, copy the db file per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def prebuilt_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smartpick.catalog import open_catalog

    home = tmp_path_factory.mktemp("catalog-prebuilt")
    url = f"sqlite:///{home / 'smartpick.db'}"
    mp = pytest.MonkeyPatch()
    mp.setenv("SMARTPICK_HOME", str(home))
    try:
        open_catalog(url).all_programs()
    finally:
        mp.undo()
    return home / "smartpick.db"


@pytest.fixture
def catalog_home(prebuilt_db: Path, smartpick_home: Path) -> Path:
    """This test's SMARTPICK_HOME holding a copy of the prebuilt catalog."""
    shutil.copy(prebuilt_db, smartpick_home / "smartpick.db")
    return smartpick_home


@pytest.fixture
def catalog(catalog_home: Path):
    from smartpick.catalog import open_catalog

    return open_catalog()
