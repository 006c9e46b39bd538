"""A SQLite catalog already migrated and built is read through the driver itself: the same
programs, and SQLAlchemy is not imported (the plan and what-if commands start faster)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import smartpick
from smartpick.catalog import open_catalog
from smartpick.catalog.db import MIGRATIONS
from smartpick.catalog.query import SCHEMA_VERSION, _ready, _sqlite_file


def test_the_schema_version_checked_without_sqlalchemy_is_the_number_of_migrations():
    assert SCHEMA_VERSION == len(MIGRATIONS)


def test_a_fresh_home_is_not_ready_until_built_and_a_built_one_is():
    catalog = open_catalog()  # migrates and builds the empty file
    path = _sqlite_file(catalog.url)
    assert path is not None and _ready(path)
    assert _sqlite_file("sqlite://") is None and _sqlite_file("sqlite:///:memory:") is None


def test_a_built_catalog_reads_the_same_programs_without_importing_sqlalchemy():
    programs = open_catalog().all_programs()
    code = (
        "import sys; from smartpick.catalog import open_catalog; "
        "p = open_catalog().all_programs(); "
        "print(len(p), p[0].code, p[-1].code, 'sqlalchemy' in sys.modules)"
    )
    env = dict(os.environ, PYTHONPATH=str(Path(smartpick.__file__).resolve().parents[1]))
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    want = [str(len(programs)), programs[0].code, programs[-1].code, "False"]
    assert done.stdout.split() == want
