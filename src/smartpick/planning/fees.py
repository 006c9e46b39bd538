"""Application fees per season: ERAS (``data/sources/eras_fee_schedule.csv``), and
ResidencyCAS for the specialties that apply through it (``application_services.csv``,
``residencycas_fee_schedule.csv``: OB/GYN from the 2025 season, emergency medicine
from 2026). A ResidencyCAS fee the sources do not publish is stored as ``assumed``
with its reasoning and range, and every result built on it is marked ``assumed``.

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
SERVICES_FILE = "application_services.csv"
RCAS_FILE = "residencycas_fee_schedule.csv"
ERAS, RCAS = "ERAS", "ResidencyCAS"
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
    service: str = ERAS


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
    service: str = ERAS  # the application service the specialty applies through this season


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


def application_service(specialty: str | None, season: int) -> str:
    """``"ResidencyCAS"`` where the specialty applies through it in ``season``, else ERAS."""
    for row in source_csv(SERVICES_FILE):
        if row["specialty"] == specialty and season >= _int(row["from_season"], "from_season"):
            return row["service"]
    return ERAS


@cache
def _residencycas_schedule(specialty: str, season: int) -> FeeSchedule:
    rows = [r for r in source_csv(RCAS_FILE) if r["specialty"] == specialty]
    data_season = max((s for s in {int(r["match_season"]) for r in rows} if s <= season),
                      default=min(int(r["match_season"]) for r in rows))  # fmt: skip
    rows = [r for r in rows if int(r["match_season"]) == data_season]
    residency = [r for r in rows if r["application_type"] == "residency"]
    transcript = [r for r in rows if r["application_type"] == "usmle_transcript"]
    reasons = [r["note"] for r in residency if r["status"] == "assumed" and r["note"]]
    if data_season != season:
        reasons.append(f"no ResidencyCAS schedule for season {season}; season {data_season}'s used")
    return FeeSchedule(
        season=season,
        data_season=data_season,
        tiers=tuple(sorted((_tier(r) for r in residency), key=lambda t: t.programs_from)),
        transcript_fee_usd=_int(transcript[0]["fee_usd"], "fee_usd") if transcript else None,
        assumed=bool(reasons),
        assumption="; ".join(reasons) or None,
        source_title=residency[0]["source_title"],
        source_url=residency[0]["source_url"],
        fee_unit="one ResidencyCAS program application",
        service=RCAS,
    )


def fee_schedule(season: int, specialty: str | None = None) -> FeeSchedule:
    """The schedule for ``season`` (and ``specialty``: ResidencyCAS where it applies
    through it); a later ERAS season reuses the latest one, marked assumed."""
    if application_service(specialty, season) == RCAS:
        return _residencycas_schedule(str(specialty), season)
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


def has_fee_schedule(season: int) -> bool:
    """Whether ERAS fees are known for ``season`` (published, or reused for a later one)."""
    return season >= data_seasons()[0]


def specialty_fee_usd(season: int, n_programs: int, specialty: str | None = None) -> int:
    """Fee for ``n_programs`` applications in one specialty (ERAS unless the specialty
    applies through ResidencyCAS that season)."""
    _check_count(n_programs, "n_programs")
    return sum(t.charge_usd(n_programs) for t in fee_schedule(season, specialty).tiers)


def marginal_fee_usd(
    season: int, n_already: int, n_more: int = 1, specialty: str | None = None
) -> int:
    """What ``n_more`` further applications cost in a specialty with ``n_already`` ones."""
    _check_count(n_already, "n_already")
    _check_count(n_more, "n_more")
    total = specialty_fee_usd(season, n_already + n_more, specialty)
    return total - specialty_fee_usd(season, n_already, specialty)


def marginal_fees_usd(
    season: int, max_programs: int, specialty: str | None = None
) -> tuple[int, ...]:
    """Cost of the k-th application in one specialty, for k = 1..``max_programs``."""
    totals = [specialty_fee_usd(season, n, specialty) for n in range(max_programs + 1)]
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
    total = sum(c.subtotal_usd for c in charges)
    return SpecialtyFee(specialty, n_programs, total, charges, schedule.service)


def application_cost(season: int, counts_by_specialty: Mapping[str, int]) -> ApplicationCost:
    """Fees of a whole application: tiers per specialty plus the transcript fee where known."""
    schedule = fee_schedule(season)
    for specialty, n in counts_by_specialty.items():
        _check_count(n, f"counts_by_specialty.{specialty}")
    used = {s: fee_schedule(season, s) for s, n in counts_by_specialty.items() if n > 0}
    per_specialty = tuple(_specialty_fee(used[s], s, counts_by_specialty[s]) for s in used)
    fees = sum(s.fee_usd for s in per_specialty)
    transcript = (
        schedule.transcript_fee_usd if any(u.service == ERAS for u in used.values()) else None
    )
    others = [u for u in used.values() if u.service != ERAS]
    assumptions = [u.assumption for u in (schedule, *others) if u.assumption]
    return ApplicationCost(
        season=season,
        data_season=schedule.data_season,
        specialties=per_specialty,
        application_fees_usd=fees,
        transcript_fee_usd=transcript,
        total_usd=fees + (transcript or 0),
        assumed=schedule.assumed or any(u.assumed for u in others),
        assumption="; ".join(dict.fromkeys(assumptions)) or None,
        not_covered=not_covered(schedule) + _residencycas_extras(others),
        source="; ".join(dict.fromkeys(_cited(u) for u in (schedule, *others))),
    )


def _cited(schedule: FeeSchedule) -> str:
    return f"{schedule.source_title} ({schedule.source_url})"


def _residencycas_extras(schedules: list[FeeSchedule]) -> tuple[UncoveredCost, ...]:
    """ResidencyCAS charges its own transcript fee, outside the ERAS total."""
    fees = {s.transcript_fee_usd for s in schedules if s.transcript_fee_usd is not None}
    if not fees:
        return ()
    note = "charged once by ResidencyCAS, on top of its program fees (not in the total)"
    if any(s.assumed for s in schedules):
        note += "; assumed for this season"
    return (UncoveredCost("USMLE transcript fee (ResidencyCAS)", note, max(fees), RCAS_FILE),)


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
            source=_fee_assistance_source(),
        ),
    ]
    if schedule.transcript_fee_usd is None:
        items.insert(0, _transcript_note())
    return tuple(items)


def _fee_assistance_source() -> str | None:
    rows = [
        r
        for r in source_csv(FEE_FILE)
        if r["application_type"] == "residency_fee_assistance_discount"
    ]
    return f"{rows[-1]['source_title']} ({rows[-1]['source_url']})" if rows else None


def _transcript_note() -> UncoveredCost:
    last = _last_transcript_fee()
    if last is None:
        return UncoveredCost("USMLE transcript fee", "not in the shipped data")
    season, fee = last
    return UncoveredCost(
        "USMLE transcript fee",
        f"not restated for this season; the last published figure is for season {season}",
        fee_usd=fee,
        source=_cited(_schedule_of(season)),
    )
