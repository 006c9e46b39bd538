"""ERAS application fees per season, read from ``data/sources/eras_fee_schedule.csv``.

One fee unit is one ERAS program application (one program track applied to).
Residency tiers restart for each specialty; the ERAS season is the Match year.
For a season later than the data, the latest published schedule is reused and
the result is marked ``assumed``. Each specialty id counts as its own specialty
for the tiers (the source says tiers restart per specialty; how ERAS groups
preliminary tracks with their categorical specialty is not stated in the data).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from ..datafiles import source_csv
from ..errors import DataFileError, InputError

FEE_FILE = "eras_fee_schedule.csv"
FEE_UNIT = "one ERAS program application (one program track applied to)"


@dataclass(frozen=True)
class FeeTier:
    """Programs ``programs_from``..``programs_to`` (None = no upper bound) in one specialty."""

    programs_from: int
    programs_to: int | None
    fee_usd: int
    flat: bool  # True: one fee covers the whole tier; False: fee per application

    def charge_usd(self, n_programs: int) -> int:
        """What the programs of this tier among the first ``n_programs`` cost."""
        n_in = self.programs_in(n_programs)
        if n_in == 0:
            return 0
        return self.fee_usd if self.flat else self.fee_usd * n_in

    def programs_in(self, n_programs: int) -> int:
        upper = n_programs if self.programs_to is None else min(n_programs, self.programs_to)
        return max(0, upper - self.programs_from + 1)


@dataclass(frozen=True)
class FeeSchedule:
    """The residency fee schedule used for ``season``."""

    season: int
    data_season: int
    tiers: tuple[FeeTier, ...]
    transcript_fee_usd: int | None
    assumed: bool
    assumption: str | None
    source_title: str
    source_url: str
    fee_unit: str = FEE_UNIT


@dataclass(frozen=True)
class TierCharge:
    programs_from: int
    programs_to: int | None
    n_programs: int
    fee_usd: int
    flat: bool
    subtotal_usd: int


@dataclass(frozen=True)
class SpecialtyFee:
    specialty: str
    n_programs: int
    fee_usd: int
    tiers: tuple[TierCharge, ...]


@dataclass(frozen=True)
class UncoveredCost:
    """A cost of applying that the budget does not include."""

    name: str
    note: str
    fee_usd: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class ApplicationCost:
    season: int
    data_season: int
    specialties: tuple[SpecialtyFee, ...]
    application_fees_usd: int
    transcript_fee_usd: int | None
    total_usd: int
    assumed: bool
    assumption: str | None
    not_covered: tuple[UncoveredCost, ...]
    source: str
    fee_unit: str = FEE_UNIT


def _int(value: str, column: str) -> int:
    try:
        return int(value)
    except ValueError as exc:
        raise DataFileError(f"{FEE_FILE}: column {column} is not an integer: {value!r}") from exc


def _tier(row: Mapping[str, str]) -> FeeTier:
    to = row["programs_to"]
    return FeeTier(
        programs_from=_int(row["programs_from"], "programs_from"),
        programs_to=_int(to, "programs_to") if to else None,
        fee_usd=_int(row["fee_usd"], "fee_usd"),
        flat=row["fee_basis"].startswith("flat"),
    )


def _season_rows(season: int) -> list[dict[str, str]]:
    return [r for r in source_csv(FEE_FILE) if r["eras_season"] == str(season)]


@lru_cache(maxsize=1)
def data_seasons() -> tuple[int, ...]:
    """Seasons with a residency schedule in the data, oldest first (undated rows left out)."""
    seasons = {
        int(r["eras_season"])
        for r in source_csv(FEE_FILE)
        if r["eras_season"].isdigit() and r["application_type"] == "residency"
    }
    return tuple(sorted(seasons))


@cache
def _schedule_of(data_season: int) -> FeeSchedule:
    rows = _season_rows(data_season)
    residency = [r for r in rows if r["application_type"] == "residency"]
    tiers = tuple(sorted((_tier(r) for r in residency), key=lambda t: t.programs_from))
    transcript = [r for r in rows if r["application_type"] == "usmle_transcript"]
    return FeeSchedule(
        season=data_season,
        data_season=data_season,
        tiers=tiers,
        transcript_fee_usd=_int(transcript[0]["fee_usd"], "fee_usd") if transcript else None,
        assumed=False,
        assumption=None,
        source_title=residency[0]["source_title"],
        source_url=residency[0]["source_url"],
    )


def fee_schedule(season: int) -> FeeSchedule:
    """The schedule for ``season``; a later season reuses the latest one, marked assumed."""
    seasons = data_seasons()
    if season in seasons:
        return _schedule_of(season)
    if season > seasons[-1]:
        latest = _schedule_of(seasons[-1])
        reason = (
            f"no ERAS fee schedule for season {season} in the data; "
            f"the latest published schedule (season {latest.data_season}) is reused"
        )
        return _replace_season(latest, season, reason)
    raise InputError(
        f"no ERAS fee schedule for season {season}",
        path="season",
        hint=f"seasons with fee data: {', '.join(map(str, seasons))} (and any later season)",
    )


def _replace_season(schedule: FeeSchedule, season: int, reason: str) -> FeeSchedule:
    return replace(schedule, season=season, assumed=True, assumption=reason)


def _check_count(n_programs: int, path: str) -> None:
    if n_programs < 0:
        raise InputError(f"number of programs must be 0 or more, got {n_programs}", path=path)


def specialty_fee_usd(season: int, n_programs: int) -> int:
    """ERAS fee for ``n_programs`` applications in one specialty."""
    _check_count(n_programs, "n_programs")
    return sum(t.charge_usd(n_programs) for t in fee_schedule(season).tiers)


def marginal_fee_usd(season: int, n_already: int, n_more: int = 1) -> int:
    """What ``n_more`` further applications cost in a specialty with ``n_already`` ones."""
    _check_count(n_already, "n_already")
    _check_count(n_more, "n_more")
    return specialty_fee_usd(season, n_already + n_more) - specialty_fee_usd(season, n_already)


def marginal_fees_usd(season: int, max_programs: int) -> tuple[int, ...]:
    """Cost of the k-th application in one specialty, for k = 1..``max_programs``."""
    totals = [specialty_fee_usd(season, n) for n in range(max_programs + 1)]
    return tuple(b - a for a, b in zip(totals, totals[1:], strict=False))


def _specialty_fee(schedule: FeeSchedule, specialty: str, n_programs: int) -> SpecialtyFee:
    charges = tuple(
        TierCharge(
            t.programs_from,
            t.programs_to,
            t.programs_in(n_programs),
            t.fee_usd,
            t.flat,
            t.charge_usd(n_programs),
        )
        for t in schedule.tiers
        if t.programs_in(n_programs) > 0
    )
    return SpecialtyFee(specialty, n_programs, sum(c.subtotal_usd for c in charges), charges)


def application_cost(season: int, counts_by_specialty: Mapping[str, int]) -> ApplicationCost:
    """Fees of a whole application: tiers per specialty plus the transcript fee where known."""
    schedule = fee_schedule(season)
    for specialty, n in counts_by_specialty.items():
        _check_count(n, f"counts_by_specialty.{specialty}")
    per_specialty = tuple(
        _specialty_fee(schedule, s, n) for s, n in counts_by_specialty.items() if n > 0
    )
    fees = sum(s.fee_usd for s in per_specialty)
    transcript = schedule.transcript_fee_usd if per_specialty else None
    return ApplicationCost(
        season=season,
        data_season=schedule.data_season,
        specialties=per_specialty,
        application_fees_usd=fees,
        transcript_fee_usd=transcript,
        total_usd=fees + (transcript or 0),
        assumed=schedule.assumed,
        assumption=schedule.assumption,
        not_covered=not_covered(schedule),
        source=f"{schedule.source_title} ({schedule.source_url})",
    )


def _last_transcript_fee() -> tuple[int, int] | None:
    for season in reversed(data_seasons()):
        fee = _schedule_of(season).transcript_fee_usd
        if fee is not None:
            return season, fee
    return None


def not_covered(schedule: FeeSchedule) -> tuple[UncoveredCost, ...]:
    """Costs the budget leaves out; a figure only where the shipped data gives one."""
    items = [
        UncoveredCost("NRMP Main Match registration", "fee not in the shipped data"),
        UncoveredCost(
            "ECFMG certification, ERAS token and USMLE exam fees", "fees not in the shipped data"
        ),
        UncoveredCost("Interview travel and lodging", "depends on the applicant; not estimated"),
        UncoveredCost("Visa and immigration costs", "fees not in the shipped data"),
        UncoveredCost("Tax", "the AAMC fee pages say tax is extra"),
        UncoveredCost(
            "AAMC Fee Assistance Program discount",
            "60% off up to 50 applications from the 2025 season, only for previously approved "
            "applicants; not applied",
            source=FEE_FILE,
        ),
    ]
    if schedule.transcript_fee_usd is None:
        items.insert(0, _transcript_note())
    return tuple(items)


def _transcript_note() -> UncoveredCost:
    last = _last_transcript_fee()
    if last is None:
        return UncoveredCost("USMLE transcript fee", "not in the shipped data")
    season, fee = last
    return UncoveredCost(
        "USMLE transcript fee",
        f"not restated for this season; the last published figure is for season {season}",
        fee_usd=fee,
        source=FEE_FILE,
    )
