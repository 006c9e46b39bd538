"""The season file: the programs applied to, what each has answered, and the date it is true.

    as_of: 2026-12-01
    applications:
      - {program: "1234140C0", applied: 2026-09-24, status: invited, date: 2026-11-05}
      - {program: "2345140C0", applied: 2026-09-24, status: applied}

Read like the profile (YAML or JSON, at most 1 MB, one clean error naming the field);
``check_codes`` then resolves every code in the catalog (docs/season.md).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import InputTooLargeError, ProfileError, SeasonFileError, check_size
from ..profile import from_validation_error, parse_document, read_document_bytes

Status = Literal["applied", "invited", "interviewed", "rejected", "withdrawn", "waitlisted"]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
INVITED = ("invited", "interviewed")
MAX_APPLICATIONS = 400
HINT = "the season file's format: smartpick docs season"
READ_HINT = "give the path of a readable .yaml or .json season file"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Application(_Strict):
    """One program (NRMP track code) applied to and where it stands."""

    program: str = Field(min_length=9, max_length=9)
    applied: dt.date | None = None  # default: the release day of the season
    status: Status = "applied"
    date: dt.date | None = None  # the day of the status (the invitation, the rejection, ...)
    preference: int | None = Field(default=None, ge=1, le=MAX_APPLICATIONS)  # 1 = most wanted

    @field_validator("program")
    @classmethod
    def _upper(cls, value: str) -> str:
        return value.strip().upper()

    @property
    def invited(self) -> bool:
        return self.status in INVITED


class Partner(_Strict):
    """A partner applying with the applicant in the Couples Match."""

    specialty: str = Field(min_length=1, max_length=80)
    couples_match: bool = True


class SeasonFile(_Strict):
    as_of: dt.date
    applications: list[Application] = Field(default_factory=list, max_length=MAX_APPLICATIONS)
    partner: Partner | None = None

    def by_code(self) -> dict[str, Application]:
        return {a.program: a for a in self.applications}


def parse_season(text: str) -> SeasonFile:
    """Validate a season file given as YAML or JSON text (dates, duplicates; not the codes)."""
    check_size(len(text.encode("utf-8")), path="season")
    try:
        data = parse_document(text)
        season = SeasonFile.model_validate(data)
    except ValidationError as exc:
        raise _season_error(from_validation_error(exc, SeasonFile)) from None
    except ProfileError as exc:
        raise _season_error(exc) from None
    check_season(season)
    return season


def _season_error(exc: ProfileError) -> SeasonFileError:
    hint = exc.hint or HINT
    hint = hint.replace("smartpick docs profile", "smartpick docs season")
    if "examples/clean.yaml" in hint or "season, citizenship" in exc.message:
        hint, exc.message = HINT, "must be a mapping with as_of and applications at the top level"
    return SeasonFileError(
        exc.message, path=f"season.{exc.path}" if exc.path else "season", hint=hint
    )


def check_season(season: SeasonFile) -> None:
    """Dates after ``as_of``, a status date before the application, a program listed twice."""
    seen: dict[str, int] = {}
    for i, app in enumerate(season.applications):
        where = f"season.applications[{i}]"
        if app.program in seen:
            raise SeasonFileError(
                f"program {app.program} is listed twice (also applications[{seen[app.program]}])",
                path=f"{where}.program",
                hint="list each program once, with its latest status",
            )
        seen[app.program] = i
        for name in ("applied", "date"):
            day = getattr(app, name)
            if day is not None and day > season.as_of:
                raise SeasonFileError(
                    f"{name} {day.isoformat()} is after as_of {season.as_of.isoformat()}",
                    path=f"{where}.{name}",
                    hint="a season file records what has happened: move as_of forward or fix "
                    "the date",
                )
        if app.applied and app.date and app.date < app.applied:
            raise SeasonFileError(
                f"date {app.date.isoformat()} is before the application ({app.applied})",
                path=f"{where}.date",
                hint="the status date is when the program answered, after applying",
            )


def check_codes(season: SeasonFile, known: Callable[[str], bool]) -> None:
    """Every program code is a track of the catalog."""
    for i, app in enumerate(season.applications):
        if not known(app.program):
            raise SeasonFileError(
                f"no program with code '{app.program}' in the catalog",
                path=f"season.applications[{i}].program",
                hint="NRMP track codes have 9 characters; find them with: smartpick programs "
                "search --text NAME",
            )


def load_season(path: Path) -> SeasonFile:
    """Read and validate a season file (YAML or JSON, a regular file of at most 1 MB)."""
    path = Path(path)
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SeasonFileError(
            "the file is not UTF-8 text", path="season", hint="save it as UTF-8 YAML or JSON"
        ) from None
    return parse_season(text)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read as a profile is (a regular file of at most 1 MB)."""
    try:
        return read_document_bytes(path)
    except (ProfileError, InputTooLargeError) as exc:
        hint = exc.hint if isinstance(exc, InputTooLargeError) else READ_HINT
        raise SeasonFileError(exc.message, path="season", hint=hint) from None


def dump_season(season: SeasonFile) -> str:
    """The season file as YAML (the web page's editor keeps it as text)."""
    import yaml

    data = season.model_dump(mode="json", exclude_none=True)
    return yaml.safe_dump(data, sort_keys=False, default_flow_style=None, width=100)
