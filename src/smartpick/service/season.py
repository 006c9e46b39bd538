"""Service: the season companion (applications and invites -> P(match) now, late
applications, rank-list advice, SOAP readiness) and its season files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SeasonFileError
from ..profile import Profile, load_profile

if TYPE_CHECKING:
    from ..season import SeasonFile, SeasonReport
    from ..season.calibration import SeasonCalibration

__all__ = [
    "SeasonCalibration",
    "SeasonFile",
    "SeasonReport",
    "season_calibration",
    "season_file",
    "season_for_profile",
    "season_from_codes",
    "season_from_rows",
    "season_text",
]


def _profile(profile: Profile | Path | str) -> Profile:
    return profile if isinstance(profile, Profile) else load_profile(Path(profile))


def _season(season: SeasonFile | Path | str) -> SeasonFile:
    from ..season import SeasonFile, load_season

    return season if isinstance(season, SeasonFile) else load_season(Path(season))


def season_file(path: Path | str) -> SeasonFile:
    """A season file read and validated, its program codes checked in the catalog."""
    from ..catalog import open_catalog
    from ..season.file import check_codes

    season = _season(path)
    check_codes(season, open_catalog().has)
    return season


def season_for_profile(
    profile: Profile | Path | str, season: SeasonFile | Path | str
) -> SeasonReport:
    """P(match) before the season and now, further invitations, live programs, late
    applications, rank-list advice and SOAP readiness, as of the season file's date."""
    from ..catalog import open_catalog
    from ..season import season_companion

    prof = _profile(profile)
    return season_companion(prof, _season(season), open_catalog())


def season_from_rows(as_of: str, rows: Sequence[Mapping[str, Any]]) -> SeasonFile:
    """A season file from the web page's rows (program, status, date, applied), validated
    with the catalog's codes; nothing is kept when it fails."""
    import json

    from ..catalog import open_catalog
    from ..season.file import check_codes, parse_season

    document = {"as_of": as_of, "applications": [_row(r) for r in rows]}
    season = parse_season(json.dumps(document))
    check_codes(season, open_catalog().has)
    return season


def _row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if v not in (None, "")}


def season_from_codes(codes: Sequence[str], as_of: dt.date | None = None) -> SeasonFile:
    """A season file applying to ``codes`` (a saved plan's list), all still ``applied``."""
    rows = [{"program": c, "status": "applied"} for c in dict.fromkeys(codes)]
    return season_from_rows((as_of or dt.date.today()).isoformat(), rows)


def season_text(season: SeasonFile | str) -> str:
    """The season file as YAML; a YAML or JSON text is validated and returned as YAML."""
    from ..season import dump_season, parse_season

    if isinstance(season, str):
        season = parse_season(season)
    return dump_season(season)


def season_calibration(
    specialties: Sequence[str] = ("internal-medicine",),
    as_of_days: Sequence[int] = (37, 68, 99),
    seed: int = 2026,
    runs: int = 1,
) -> SeasonCalibration:
    """The update on simulated seasons: deciles of updated P(match) against outcomes."""
    from ..season.calibration import calibrate_update

    if not 1 <= runs <= 20:
        raise SeasonFileError(f"runs must be 1 to 20, got {runs}", path="runs")
    return calibrate_update(list(specialties), list(as_of_days), seed, runs)
