"""How many program signals of each tier an applicant may send, per specialty and season.

Read from ``data/sources/program_signals_by_specialty.csv``. A season later than the
data reuses the latest published season for that specialty, marked ``assumed``; a
specialty with no row has no signals in the plan (said so in the result). The effect
of a signal on each program comes from the chance model (the program's own
signal / no-signal interview rates, else the published odds ratios it carries).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..datafiles import source_csv
from ..specialties import get_specialty

SIGNAL_FILE = "program_signals_by_specialty.csv"


@dataclass(frozen=True)
class SignalQuota:
    specialty: str
    tiers: tuple[tuple[str, int], ...]  # ("gold", 5), ("silver", 10) or ("signal", 7)
    data_season: int | None
    assumed: bool
    note: str
    source: str

    @property
    def total(self) -> int:
        return sum(n for _, n in self.tiers)


@lru_cache(maxsize=1)
def _rows() -> tuple[dict[str, str], ...]:
    return tuple(r for r in source_csv(SIGNAL_FILE) if r["eras_season"].isdigit())


def _count(value: str) -> int:
    return int(value) if value.strip().isdigit() else 0


def signal_quota(specialty_id: str, season: int) -> SignalQuota:
    """The signals for ``specialty_id`` in ``season`` (latest season at or before it)."""
    names = set(get_specialty(specialty_id).signals)
    rows = [r for r in _rows() if r["specialty"] in names and int(r["eras_season"]) <= season]
    if not rows:
        return SignalQuota(specialty_id, (), None, False, "no signals in the data", SIGNAL_FILE)
    row = max(rows, key=lambda r: int(r["eras_season"]))
    data_season = int(row["eras_season"])
    tiers: tuple[tuple[str, int], ...] = (("signal", _count(row["signals_total"])),)
    if row["tiered"] == "yes":
        tiers = (("gold", _count(row["gold_signals"])), ("silver", _count(row["silver_signals"])))
    assumed = data_season != season
    note = (
        f"season {season} not in the data; the counts of season {data_season} are reused"
        if assumed
        else f"season {data_season}"
    )
    source = f"{row['source_title']} ({row['source_url']})"
    kept = tuple(t for t in tiers if t[1] > 0)
    return SignalQuota(specialty_id, kept, data_season, assumed, note, source)
