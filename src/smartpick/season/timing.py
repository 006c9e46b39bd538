"""When invitations arrive: the assumed invite-timing curve (data/season.yaml)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from ..datafiles import load_yaml
from ..errors import DataFileError

CYCLE_START_MONTH = 7  # a season's file is written from July; the Match is in March


@dataclass(frozen=True)
class Timing:
    """The cumulative share of a program's invitations sent, by days after the release."""

    days: np.ndarray
    share: np.ndarray
    release_month: int
    release_day: int
    shift_low: float
    shift_high: float
    reasoning: str
    source: str

    def release(self, as_of: dt.date) -> dt.date:
        """The release day of the cycle ``as_of`` falls in: from July (when applications
        are written) to the next June; before the release nothing has been sent."""
        year = as_of.year if as_of.month >= CYCLE_START_MONTH else as_of.year - 1
        return dt.date(year, self.release_month, self.release_day)

    def sent(self, days: np.ndarray | float, shift: float = 0.0) -> np.ndarray:
        """Share of invitations sent ``days`` after the release, the curve moved ``shift``
        days later (earlier if negative); nothing is sent before the release, either way."""
        d = np.asarray(days, dtype=float)
        return np.where(d <= 0, 0.0, np.interp(d - shift, self.days, self.share))

    def day_of_share(self, share: np.ndarray) -> np.ndarray:
        """The inverse: the day by which ``share`` of the invitations are sent."""
        return np.interp(share, self.share, self.days)

    def seen_share(self, applied: dt.date, as_of: dt.date, shift: float = 0.0) -> float:
        """Of the invitations an application sent on ``applied`` can still get, the share
        already sent by ``as_of``."""
        start = self.release(as_of)
        a, b = (max((applied - start).days, 0), max((as_of - start).days, 0))
        before, now = float(self.sent(a, shift)), float(self.sent(b, shift))
        return 0.0 if before >= 1.0 else max(now - before, 0.0) / (1.0 - before)

    def open_share(self, applied: dt.date, as_of: dt.date, shift: float = 0.0) -> float:
        """The share of a program's invitations still to come for an application sent on
        ``applied`` (1 at the release; a late application misses what was already sent)."""
        start = self.release(as_of)
        return 1.0 - float(self.sent(max((applied - start).days, 0), shift))


@cache
def season_settings() -> dict[str, Any]:
    data = load_yaml("season.yaml")
    if not isinstance(data, dict) or "invite_timing" not in data:
        raise DataFileError("data/season.yaml: invite_timing is missing")
    return data


@cache
def timing() -> Timing:
    data = season_settings()
    curve = np.array(data["invite_timing"]["curve"], dtype=float)
    if np.any(np.diff(curve[:, 0]) <= 0) or np.any(np.diff(curve[:, 1]) < 0):
        raise DataFileError("data/season.yaml: invite_timing.curve must rise with the days")
    shift = data["invite_timing"]["shift_days"]
    return Timing(
        days=curve[:, 0],
        share=curve[:, 1],
        release_month=int(data["release"]["month"]),
        release_day=int(data["release"]["day"]),
        shift_low=float(shift["low"]),
        shift_high=float(shift["high"]),
        reasoning=" ".join(str(data["invite_timing"]["reasoning"]).split()),
        source=str(data["invite_timing"]["source"]),
    )
