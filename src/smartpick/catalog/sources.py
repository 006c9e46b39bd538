"""The source files the catalog is built from: shipped copies, or the user's own copies.

A user may replace a shipped NRMP file with their own copy (``smartpick programs
import FILE.csv --replace-source``); the copy is kept in ``$SMARTPICK_HOME/sources``
and wins over the shipped one. The data version covers both, so the catalog
rebuilds when either changes.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from functools import lru_cache
from pathlib import Path

from ..datafiles import read_text
from ..settings import home_dir
from .model import config

# Files the catalog reads; each may be replaced by the user's own copy with the same columns.
REPLACEABLE = (
    "nrmp_program_codes_2024.csv",
    "nrmp_program_results_florida_2020_2026.csv",
    "charting_outcomes_nonus_img_2026_specialty_summary.csv",
    "program_interview_rates_2024_by_signal_and_applicant_type.csv",
    "program_interview_rates_2024_specialty_summary.csv",
)


def override_dir() -> Path:
    return home_dir() / "sources"


def override_path(name: str) -> Path:
    return override_dir() / name


def source_text(name: str) -> str:
    """The user's copy of ``name`` if there is one, else the shipped file."""
    path = override_path(name)
    if name in REPLACEABLE and path.is_file():
        return path.read_text(encoding="utf-8")
    return read_text(f"sources/{name}")


@lru_cache(maxsize=32)
def _parse(text: str) -> tuple[dict[str, str], ...]:
    return tuple(csv.DictReader(io.StringIO(text)))


def rows(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a source file as dicts (row i is on line i + 2 of the file)."""
    return _parse(source_text(name))


def is_replaced(name: str) -> bool:
    return override_path(name).is_file()


def source_line(name: str) -> str:
    """The citation of a dataset, saying when the user's own copy is in use."""
    base = config().citation_of(name)
    return f"{base} [user's own copy]" if is_replaced(name) else base


def data_version() -> str:
    """The shipped data version, a digest of the per-program source registry (a source added
    or changed in ``catalog.yaml`` rebuilds catalogs) and a digest of any user copies."""
    registry = json.dumps([s.model_dump() for s in config().sources], sort_keys=True)
    version = f"{config().data_version}.{hashlib.sha256(registry.encode()).hexdigest()[:8]}"
    digest = hashlib.sha256()
    for name in REPLACEABLE:
        path = override_path(name)
        if path.is_file():
            digest.update(name.encode() + path.read_bytes())
    suffix = digest.hexdigest()[:12] if any(is_replaced(n) for n in REPLACEABLE) else "shipped"
    return f"{version}+{suffix}"
