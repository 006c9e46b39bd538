"""Read the data files shipped inside the package (never ``../shared`` at run time)."""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .errors import DataFileError

SOURCES_DIR = "sources"
ModelT = TypeVar("ModelT", bound=BaseModel)
# libyaml's safe loader when present (about 10x faster), else the pure-Python one.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_text(name: str) -> str:
    """The text of ``smartpick/data/<name>``."""
    try:
        return resources.files("smartpick").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise DataFileError(f"shipped data file is missing: data/{name}") from exc


@cache
def load_yaml(name: str) -> Any:
    """Parse a shipped YAML file (cached; callers must not mutate the result)."""
    try:
        return yaml.load(read_text(name), Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise DataFileError(f"shipped data file data/{name} is not valid YAML: {exc}") from exc


def validate(model: type[ModelT], data: Any, name: str) -> ModelT:
    """``data`` as ``model``; invalid data raises DataFileError naming the file and the first
    offending field on one line (``data/plan.yaml is invalid at stop.threshold: ...``)."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "its top level"
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise DataFileError(f"data/{name} is invalid at {where}: {first['msg']}{more}") from None


def load_validated(name: str, model: type[ModelT]) -> ModelT:
    """The shipped YAML file ``data/<name>`` validated as ``model`` (not cached: callers cache)."""
    return validate(model, load_yaml(name), name)


@cache
def read_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a shipped CSV as dicts of strings (cached, read-only)."""
    return tuple(csv.DictReader(io.StringIO(read_text(name))))


def source_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of one of the public source files copied from ``shared/data`` (see SOURCES.md)."""
    return read_csv(f"{SOURCES_DIR}/{name}")
