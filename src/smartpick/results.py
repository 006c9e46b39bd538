"""Turn typed results (frozen dataclasses, enums, dates) into JSON-ready values, and the
two formats every front end reads a probability in (``percent``, ``points``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def to_jsonable(value: Any) -> Any:
    """A plain structure of dicts, lists, strings, numbers, booleans and None."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return to_jsonable(value.model_dump(mode="json"))
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item") and callable(value.item):  # numpy scalars
        return to_jsonable(value.item())
    return value


def percent(x: float) -> str:
    """A probability as the CLI, the web and the report show it: one decimal under 10%.

    0 -> '0%', 0.0004 -> '<0.1%', 0.004 -> '0.4%', 0.012 -> '1.2%', 0.123 -> '12%',
    0.996 -> '>99%', 1 -> '100%'.
    """
    if x <= 0:
        return "0%"
    if x < 0.0005:
        return "<0.1%"
    if x < 0.0995:
        return f"{x:.1%}"
    return ">99%" if 0.995 <= x < 1 else f"{x:.0%}"


def points(delta: float) -> str:
    """A change of a probability in percentage points: 0.0172 -> '+1.7 pts',
    0.0015 -> '+0.15 pts' (two decimals under one point), 0 -> '+0.00 pts'."""
    value = 100 * delta
    return f"{value:+.1f} pts" if abs(value) >= 0.995 else f"{value:+.2f} pts"
