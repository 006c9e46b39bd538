"""The season companion: applications and invites as they come, the chances updated from
them (Bayesian, over the chance model's shared file factor z), late applications,
rank-list advice and SOAP readiness. See docs/season.md."""

from __future__ import annotations

from .companion import ProgramStatus, SeasonReport, season_companion
from .file import Application, SeasonFile, dump_season, load_season, parse_season
from .late import LateAdvice
from .rank import RankAdvice
from .soap import SoapReadiness
from .update import Observed, SeasonUpdate, update

__all__ = [
    "Application",
    "LateAdvice",
    "Observed",
    "ProgramStatus",
    "RankAdvice",
    "SeasonFile",
    "SeasonReport",
    "SeasonUpdate",
    "SoapReadiness",
    "dump_season",
    "load_season",
    "parse_season",
    "season_companion",
    "update",
]
