"""Specialty ids: stable slugs, with how each shipped dataset names the specialty."""

from __future__ import annotations

import difflib
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from .datafiles import load_validated
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
    aliases: tuple[str, ...] = ()  # what applicants also write; only ever named in a hint

    @property
    def spoken_name(self) -> str:
        """The name as a sentence says it: lower case, the NRMP qualifier first
        ("Surgery-General" is "general surgery", "Internal Medicine-Preliminary" is
        "preliminary internal medicine"), without "(Integrated)"."""
        name = self.name.replace(" (Integrated)", "")
        field, dash, qualifier = name.partition("-")
        return (f"{qualifier} {field}" if dash else name).lower()

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
    parsed = load_validated("specialties.yaml", _SpecialtyFile)
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
    return UnknownSpecialtyError(
        f"unknown specialty id '{given}'",
        path=path,
        hint=f"{_suggestion(given, known)}list the ids with: smartpick programs specialties",
    )


def _slug(text: str) -> str:
    """How an id would be written from ``text``: lower case, words joined by hyphens."""
    words = text.lower().replace("&", " and ").replace("/", " ").replace("_", " ")
    return "-".join(words.replace("-", " ").split())


def _suggestion(given: str, known: list[str]) -> str:
    """The start of the hint: the id meant by another spelling, an abbreviation or a
    specialty's name; a fellowship field said as such; else the nearest id, if any."""
    slug = _slug(given)
    meant = {k: k for k in known}
    meant |= {_slug(s.name): s.id for s in all_specialties().values() if s.id in known}
    meant |= {_slug(a): s.id for s in all_specialties().values() for a in s.aliases}
    areas = {a.id: a for a in all_areas().values() if a.id not in known}
    if slug not in meant and slug not in areas:
        close = difflib.get_close_matches(slug, [*meant, *areas], n=1)
        slug = close[0] if close else slug
    if meant.get(slug) in known:
        return f"did you mean '{meant[slug]}'? "
    if slug in areas:
        area = areas[slug]
        *most, last = [f"'{w}'" for w in area.within]
        within = f"{', '.join(most)} or {last}" if most else last
        return f"{area.name} is a fellowship, entered after a residency in {within}: target that; "
    return ""


def spoken_name(specialty_id: str) -> str:
    """A specialty as a sentence says it ("general surgery"); an id not in the file as words."""
    try:
        return get_specialty(specialty_id).spoken_name
    except UnknownSpecialtyError:
        return specialty_id.replace("-", " ")
