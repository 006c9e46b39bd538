"""The season companion for one profile and season file: the update, late applications,
rank-list advice and SOAP readiness, in one typed result."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ..chances import ChanceModel, NodeProbabilities, applicant_from_profile, listing_key
from ..citations import CHARTING_OUTCOMES_CITATION, MAIN_MATCH_NOTE
from ..specialties import get_specialty
from .file import SeasonFile, check_codes
from .late import LateAdvice, late_advice
from .rank import RankAdvice, rank_advice
from .soap import SoapReadiness, soap_readiness
from .timing import season_settings, timing
from .update import (
    Observed,
    ProgramNow,
    SeasonUpdate,
    chances_now,
    observed_by_listing,
    open_invites,
    update,
)

SUCCESS_TRACKS = ("C", "M", "A")


@dataclass(frozen=True)
class ProgramStatus:
    code: str
    institution: str
    specialty: str
    track: str
    status: str
    date: str | None
    now: ProgramNow


@dataclass(frozen=True)
class SeasonReport:
    as_of: str
    season: int
    specialty: str
    applications: int  # ERAS listings (chances.units): tracks of one listing count once
    p_match_prior: float
    p_match_now: float
    p_match_now_timing_range: tuple[float, float]  # the timing curve shifted within its range
    update: SeasonUpdate
    programs: tuple[ProgramStatus, ...]
    live: tuple[str, ...]
    late_applications: LateAdvice
    rank_advice: RankAdvice | None
    soap: SoapReadiness
    timing: str  # the invite-timing curve, labelled assumed, with its reasoning
    notes: tuple[str, ...]
    sources: tuple[str, ...]


def observations(season: SeasonFile, shift: float = 0.0) -> list[Observed]:
    """Each application's status with the timing shares (the curve moved ``shift`` days)."""
    t = timing()
    start = t.release(season.as_of)
    return [
        Observed(
            a.status,
            t.seen_share(a.applied or start, season.as_of, shift),
            t.open_share(a.applied or start, season.as_of, shift),
        )
        for a in season.applications
    ]


def timing_range(
    probs: NodeProbabilities, listing: np.ndarray, season: SeasonFile
) -> tuple[float, float]:
    """The range of P(match) now with the timing curve anywhere from one end of its assumed
    range to the other (the ends and the centre); ``probs``: per listing, ``listing``: each
    application's listing."""
    t = timing()
    shifts = (t.shift_low, 0.0, t.shift_high)
    values = [
        update(probs, observed_by_listing(listing, observations(season, d))).p_match_now
        for d in shifts
    ]
    return round(min(values), 4), round(max(values), 4)


def season_companion(
    profile: Any, season: SeasonFile, catalog: Any, model: ChanceModel | None = None
) -> SeasonReport:
    """Everything the companion says about this season as of ``season.as_of``."""
    check_codes(season, catalog.has)
    model = model or ChanceModel()
    specialty = profile.targets.primary
    applicant = applicant_from_profile(profile, specialty)
    programs = [catalog.get(a.program) for a in season.applications]
    tracks = model.node_probabilities(applicant, programs)
    # one interview decision per ERAS listing however many of its tracks the file names
    probs = tracks.by_listing()
    observed = observed_by_listing(tracks.listing, observations(season))
    upd = update(probs, observed)
    post = np.array(upd.posterior)
    now = chances_now(probs, open_invites(probs, observed), observed)
    late = _late(profile, programs, catalog, model, applicant, now, post, season.as_of)
    settings = season_settings()
    return SeasonReport(
        as_of=season.as_of.isoformat(),
        season=profile.season,
        specialty=specialty,
        applications=len(observed),
        p_match_prior=round(upd.p_match_prior, 4),
        p_match_now=round(upd.p_match_now, 4),
        p_match_now_timing_range=timing_range(probs, tracks.listing, season),
        update=upd,
        programs=tuple(_statuses(season, programs, upd, tracks.listing)),
        live=tuple(r.code for r in upd.programs if r.live),
        late_applications=late,
        rank_advice=(
            rank_advice(season, tracks, post, programs, specialty, catalog) if upd.invites else None
        ),
        soap=soap_readiness(
            profile,
            [specialty, *profile.targets.backups],
            upd.p_match_now,
            float(settings["soap_threshold"]["value"]),
            applicant.step3_passed,
            catalog,
        ),
        timing=f"Invite timing (assumed): {timing().reasoning} Source: {timing().source}.",
        notes=_notes(season, profile),
        sources=(CHARTING_OUTCOMES_CITATION, timing().source),
    )


def _statuses(
    season: SeasonFile, programs: list[Any], upd: SeasonUpdate, listing: np.ndarray
) -> list[ProgramStatus]:
    """Each application with the figures of its listing (the same for its listing's tracks)."""
    return [
        ProgramStatus(
            a.program,
            p.institution,
            p.specialty,
            p.track,
            a.status,
            a.date.isoformat() if a.date else None,
            replace(upd.programs[k], code=a.program),
        )
        for a, p, k in zip(season.applications, programs, listing.tolist(), strict=True)
    ]


def _late(
    profile: Any,
    programs: list[Any],
    catalog: Any,
    model: ChanceModel,
    applicant: Any,
    now: np.ndarray,
    post: np.ndarray,
    as_of: dt.date,
) -> LateAdvice:
    """Late applications among the listings the file has none of its tracks in, one
    candidate (one fee, one interview draw) per listing; ``now``: per listing applied to."""
    specialty = profile.targets.primary
    kinds = ["P"] if get_specialty(specialty).is_pgy1_only else list(SUCCESS_TRACKS)
    applied = {listing_key(p.code, p.track) for p in programs}
    open_tracks = [
        p
        for p in catalog.programs_for([specialty], kinds)
        if listing_key(p.code, p.track) not in applied
    ]
    probs = model.node_probabilities(applicant, open_tracks).by_listing()
    by_code = {p.code: p for p in open_tracks}
    candidates = [by_code[code] for code in probs.codes]
    t = timing()
    return late_advice(
        candidates,
        probs,
        now,
        post,
        t.open_share(as_of, as_of),
        season_settings()["late_applications"],
        profile.season,
        now.shape[0],
        specialty,
        float(profile.budget.usd) if profile.budget and profile.budget.usd else None,
    )


def assumed_match_day(season: int) -> dt.date:
    """Match Day of a season's Match: the n-th given weekday of the month (data/season.yaml,
    assumed from the 2024 and 2026 calendars)."""
    rule = season_settings()["match_day"]
    first = dt.date(season, int(rule["month"]), 1)
    offset = (int(rule["weekday"]) - first.weekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (int(rule["week"]) - 1))


def _notes(season: SeasonFile, profile: Any) -> tuple[str, ...]:
    notes = [
        MAIN_MATCH_NOTE,
        "The update reads invitations, rejections and silence by date against the assumed "
        "invite-timing curve; program signals are not in the season file and are not used.",
    ]
    cycle_end = dt.date(profile.season, 3, 31)
    if not cycle_end - dt.timedelta(days=400) <= season.as_of <= cycle_end:
        notes.append(
            f"as_of {season.as_of.isoformat()} is outside the {profile.season} Match season of "
            "the profile: fees and the calendar are the profile's season's."
        )
    match_day = assumed_match_day(profile.season)
    if match_day <= season.as_of <= cycle_end:
        notes.append(
            f"as_of {season.as_of.isoformat()} is on or after Match Day ({match_day.isoformat()}, "
            "assumed: the third Friday of March, as in 2024 and 2026): the Match result is "
            "known, and these figures are what was expected before it."
        )
    if any(a.status == "waitlisted" for a in season.applications):
        notes.append("A waitlist is read as silence: an invitation may still come.")
    return tuple(notes)
