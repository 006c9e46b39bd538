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


class _SpecialtyFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    specialties: list[Specialty]


@lru_cache(maxsize=1)
def all_specialties() -> dict[str, Specialty]:
    """Every specialty by id, in file order."""
    try:
        parsed = _SpecialtyFile.model_validate(load_yaml("specialties.yaml"))
    except ValidationError as exc:
        raise DataFileError(f"data/specialties.yaml is invalid: {exc}") from exc
    return {s.id: s for s in parsed.specialties}


def get_specialty(specialty_id: str, *, path: str = "specialty") -> Specialty:
    """The specialty with this id, or an error naming the nearest valid id."""
    known = all_specialties()
    if specialty_id in known:
        return known[specialty_id]
    close = difflib.get_close_matches(specialty_id, list(known), n=1)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise UnknownSpecialtyError(
        f"unknown specialty id '{specialty_id}'",
        path=path,
        hint=f"{hint}list the ids with: smartpick programs specialties",
    )
