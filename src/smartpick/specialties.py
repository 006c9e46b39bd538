"""Specialty ids: stable slugs, with how each shipped dataset names the specialty."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .datafiles import load_yaml
from .errors import DataFileError, UnknownSpecialtyError


class Specialty(BaseModel):
    """One specialty as smartpick names it (``data/specialties.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    kind: Literal["residency", "pgy1"]
    nrmp_code: str
    charting_outcomes: str | None
    interview_rates: str | None
    signals: tuple[str, ...] = ()

    @property
    def is_pgy1_only(self) -> bool:
        """A one-year preliminary or transitional position, never a match by itself."""
        return self.kind == "pgy1"


class Area(BaseModel):
    """A clinical area below the residency level (a fellowship field such as critical care)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    name: str
    within: tuple[str, ...]


class _SpecialtyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    specialties: list[Specialty]
    areas: list[Area] = []


@lru_cache(maxsize=1)
def _parsed() -> _SpecialtyFile:
    try:
        parsed = _SpecialtyFile.model_validate(load_yaml("specialties.yaml"))
    except ValidationError as exc:
        raise DataFileError(f"data/specialties.yaml is invalid: {exc}") from exc
    ids = {s.id for s in parsed.specialties}
    for area in parsed.areas:
        if area.id in ids or not set(area.within) <= ids:
            message = f"area '{area.id}' clashes with a specialty or names an unknown one"
            raise DataFileError(f"data/specialties.yaml: {message}")
    return parsed


@lru_cache(maxsize=1)
def all_specialties() -> dict[str, Specialty]:
    """Every specialty by id, in file order."""
    return {s.id: s for s in _parsed().specialties}


@lru_cache(maxsize=1)
def all_areas() -> dict[str, Area]:
    """Every clinical area (fellowship field) by id."""
    return {a.id: a for a in _parsed().areas}


def get_specialty(specialty_id: str, *, path: str = "specialty") -> Specialty:
    """The specialty with this id, or an error naming the nearest valid id."""
    known = all_specialties()
    if specialty_id in known:
        return known[specialty_id]
    raise _unknown(specialty_id, list(known), path)


def check_clinical_area(area_id: str, *, path: str = "specialty") -> None:
    """Accept a specialty id or a clinical area id (for experiences and letter writers)."""
    if area_id in all_specialties() or area_id in all_areas():
        return
    raise _unknown(area_id, [*all_specialties(), *all_areas()], path)


def _unknown(given: str, known: list[str], path: str) -> UnknownSpecialtyError:
    close = difflib.get_close_matches(given, known, n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return UnknownSpecialtyError(
        f"unknown specialty id '{given}'",
        path=path,
        hint=f"{hint}list the ids with: smartpick programs specialties",
    )
