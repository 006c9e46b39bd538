"""Service: chances per program and overall P(match) for a profile; the calibration table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..citations import CHARTING_OUTCOMES_CITATION, DOMAIN_CITATION, MAIN_MATCH_NOTE
from ..profile import Profile, load_profile

if TYPE_CHECKING:
    from ..chances.calibration import CalibrationResult, Quartiles

__all__ = [
    "CalibrationResult",
    "ChancesResult",
    "ProgramChance",
    "Quartiles",
    "calibrate",
    "chances_for_profile",
]

RATES_CITATION = (
    "Program interview rates, 2024 Match (GitHub datadoc1/signal-analysis; upstream provider "
    "not stated: unverified source)"
)
VISA_CITATION = "Tiako et al., JGME 2022: J-1 and H-1B acceptance of 419 IM programs"
ERAS_CITATION = (
    "AAMC ERAS statistics (mean applications per IMG), as quoted in AAIM 2016, Am J Med and "
    "Ann Fam Med"
)
SIGNAL_CITATION = "Romanoski et al., JGME: program signal odds ratios for an interview"
SUCCESS_TRACKS = ("C", "M", "A")


@dataclass(frozen=True)
class ProgramChance:
    """One program: the three stage probabilities (marginalised over the latent factor)."""

    code: str
    institution: str
    specialty: str
    track: str
    counts_as: str  # success | success with a PGY-1 | preliminary year only
    p_pass_filters: float
    p_interview: float
    p_match_if_ranked_first: float
    p_success: float  # P(a successful match here if ranked first)
    reason: str
    assumed: tuple[str, ...]


@dataclass(frozen=True)
class AssumptionUsed:
    name: str
    value: float
    low: float
    high: float
    unit: str
    source: str
    label: str = "assumed"


@dataclass(frozen=True)
class ChancesResult:
    specialty: str
    season: int
    programs: tuple[ProgramChance, ...]  # one row per NRMP track
    n_programs: int  # the programs (ERAS listings) those tracks make: one interview each
    p_match: float  # at least one successful match (Main Match)
    p_match_low: float
    p_match_high: float
    range_level: float
    p_preliminary_only: float  # at least one preliminary / transitional position
    expected_interviews: float
    interview_distribution: tuple[float, ...]  # P(0), P(1), ... interviews (one per program)
    interviews_low: int  # the central range_level (80%) range of the number of interviews
    interviews_high: int
    calibrated: tuple[str, ...]
    assumptions: tuple[AssumptionUsed, ...]
    notes: tuple[str, ...]
    covers: str
    sources: tuple[str, ...]


def _profile(profile_or_path: Profile | Path | str) -> Profile:
    if isinstance(profile_or_path, Profile):
        return profile_or_path
    return load_profile(Path(profile_or_path))


def default_programs(profile: Profile, specialty: str) -> list[Any]:
    """Every track of the specialty the applicant can count as success (P tracks for PGY-1 ids)."""
    from ..catalog import open_catalog
    from ..profile.facts import has_prior_residency
    from ..specialties import get_specialty

    tracks = ["P"] if get_specialty(specialty).is_pgy1_only else list(SUCCESS_TRACKS)
    if has_prior_residency(profile):
        tracks.append("R")
    return open_catalog().programs_for([specialty], tracks)


def specialty_p_match(profile: Profile, specialty: str) -> float:
    """P(match) applying to every track of the specialty that counts as success: the
    ``p_match`` of ``chances_for_profile(profile, specialty)`` without its range; for a
    PGY-1-only specialty (preliminary, transitional), its ``p_preliminary_only``."""
    from ..chances import ChanceModel, applicant_from_profile, p_match_at_least_one
    from ..specialties import get_specialty

    model, applicant = ChanceModel(), applicant_from_profile(profile, specialty)
    probs = model.node_probabilities(applicant, default_programs(profile, specialty))
    listings = probs.by_listing()
    if not get_specialty(specialty).is_pgy1_only:
        return p_match_at_least_one(listings.success, listings.weights)
    return p_match_at_least_one(
        listings.interview * listings.match_if_ranked_first, listings.weights
    )


def resolve_programs(codes: Sequence[Any]) -> list[Any]:
    """Catalog programs for codes (programs pass through); an unknown code names ``programs``."""
    from ..catalog import open_catalog
    from ..errors import NotFoundError

    catalog = open_catalog()
    out = []
    for c in codes:
        try:
            out.append(catalog.get(c) if isinstance(c, str) else c)
        except NotFoundError as exc:
            raise NotFoundError(exc.message, path="programs", hint=exc.hint) from None
    return out


def unique_programs(programs: Sequence[Any]) -> list[Any]:
    """Each program once (first occurrence): a code listed twice is one application."""
    seen: set[str] = set()
    out = []
    for program in programs:
        code = getattr(program, "code", None)
        if code in seen:
            continue
        out.append(program)
        if code is not None:
            seen.add(code)
    return out


def chances_for_profile(
    profile: Profile | Path | str,
    specialty: str | None = None,
    programs: Sequence[Any] | None = None,
    signals: Mapping[str, str] | None = None,
    model: Any | None = None,
) -> ChancesResult:
    """Per program P(pass filters), P(interview), P(match if ranked first); overall P(match)
    with its 80% range; the interview count distribution. ``programs``: codes or catalog
    programs (default: every track of the specialty that counts as success)."""
    from ..chances import ChanceModel, applicant_from_profile
    from ..specialties import get_specialty

    prof = _profile(profile)
    target = specialty or prof.targets.primary
    get_specialty(target, path="specialty")
    if programs:
        chosen = unique_programs(resolve_programs(programs))
    else:
        chosen = default_programs(prof, target)
    applicant = applicant_from_profile(prof, target)
    return _result(model or ChanceModel(), applicant, chosen, dict(signals or {}), prof, target)


def _result(
    model: Any,
    applicant: Any,
    programs: list[Any],
    signals: dict[str, str],
    prof: Profile,
    target: str,
) -> ChancesResult:
    import numpy as np

    from ..chances.model import (
        RANGE_LEVEL,
        count_range,
        interview_count_distribution,
        p_match_at_least_one,
        p_match_range,
    )

    arr = model.arrays(applicant, programs, signals)
    stages = model.stages(applicant, arr)
    probs = model.from_stages(arr, stages)
    listings = probs.by_listing()  # one interview draw per program
    low, high = p_match_range(model, applicant, arr, signals)
    dist = interview_count_distribution(listings.interview, listings.weights)
    prelim = np.array([t == "P" for t in listings.tracks], dtype=bool)
    p_prelim = p_match_at_least_one(
        (listings.interview * listings.match_if_ranked_first)[prelim], listings.weights
    )
    i_low, i_high = count_range(dist, RANGE_LEVEL)
    return ChancesResult(
        specialty=target,
        season=prof.season,
        programs=tuple(_program_rows(model, applicant, arr, stages, probs, programs)),
        n_programs=len(listings.codes),
        p_match=p_match_at_least_one(listings.success, listings.weights),
        p_match_low=low,
        p_match_high=high,
        range_level=RANGE_LEVEL,
        p_preliminary_only=p_prelim,
        expected_interviews=float(listings.marginal(listings.interview).sum()),
        interview_distribution=tuple(round(float(x), 6) for x in dist),
        interviews_low=i_low,
        interviews_high=i_high,
        calibrated=_calibrated(model),
        assumptions=_assumptions(model),
        notes=_notes(applicant, prof, arr.tracks),
        covers=MAIN_MATCH_NOTE,
        sources=_sources(signals),
    )


def _program_rows(
    model: Any, applicant: Any, arr: Any, stages: Any, probs: Any, programs: list[Any]
) -> list[ProgramChance]:
    from ..chances.explain import assumed_attributes, dominant_reasons, prior_texts

    a = model.assumptions_
    texts = {s: prior_texts(applicant, s, a) for s in arr.specialty_names}
    columns = (
        probs.pass_filters,
        probs.marginal(probs.interview),
        probs.marginal(probs.match_if_ranked_first),
        probs.marginal(probs.success),
    )
    rounded = [[round(x, 4) for x in c.tolist()] for c in columns]
    reasons = dominant_reasons(applicant, arr, stages.exclusions)
    assumed = assumed_attributes(
        applicant, arr, stages.exclusions, [texts[s] for s in arr.specialties]
    )
    return [
        ProgramChance(
            code=arr.codes[i],
            institution=getattr(program, "institution", ""),
            specialty=arr.specialties[i],
            track=str(arr.tracks[i]),
            counts_as=_counts_as(str(arr.tracks[i]), bool(arr.needs_pgy1[i])),
            p_pass_filters=rounded[0][i],
            p_interview=rounded[1][i],
            p_match_if_ranked_first=rounded[2][i],
            p_success=rounded[3][i],
            reason=reasons[i],
            assumed=assumed[i],
        )
        for i, program in enumerate(programs)
    ]


def _counts_as(track: str, needs_pgy1: bool) -> str:
    if track == "P":
        return "preliminary year only (not a match by itself)"
    if needs_pgy1:
        return "success with a PGY-1 position (advanced track)"
    return "success"


def _calibrated(model: Any) -> tuple[str, ...]:
    fit = model.params_
    return (
        f"match baseline {fit.match_intercept:.3f}, "
        f"effect of competition {fit.competition_slope:.3f}, "
        f"effect of 10 Step 2 CK points {fit.score_slope(None):.3f}, "
        f"spread of what the file does not show {fit.latent_sd:.3f} "
        f"(calibrated {fit.fitted_on} to {CHARTING_OUTCOMES_CITATION})",
    )


def _assumptions(model: Any) -> tuple[AssumptionUsed, ...]:
    a = model.assumptions_
    return tuple(
        AssumptionUsed(name, a.get(name), item.low, item.high, item.unit, item.source)
        for name, item in a.items.items()
    )


def _notes(applicant: Any, prof: Profile, tracks: Any) -> tuple[str, ...]:
    notes = [
        "Probabilities marked assumed rest on practitioner figures, not on data; the range "
        "covers them, unknown program facts and unknown interview skill."
    ]
    if prof.citizenship == "non-us" and prof.visa is None:
        notes.append("The profile does not say which visa is needed: a J-1 was assumed.")
    if applicant.step2ck is None:
        notes.append("No Step 2 CK result: read as the lower quartile of unmatched applicants.")
    if len(tracks) == 0:
        notes.append("No programs to assess: the catalog has no such track for this specialty.")
    elif all(t == "P" for t in tracks):
        notes.append(
            "Only preliminary or transitional tracks: one-year positions, reported as "
            "p_preliminary_only and never counted as a match."
        )
    if applicant.applicant_type == "us_img":
        notes.append(
            "Calibrated on non-US IMGs; for a US IMG the program's US IMG rate is the base."
        )
    return tuple(notes)


def _sources(signals: Mapping[str, str]) -> tuple[str, ...]:
    base = [
        CHARTING_OUTCOMES_CITATION,
        RATES_CITATION,
        VISA_CITATION,
        ERAS_CITATION,
        DOMAIN_CITATION,
    ]
    if signals:
        base.append(SIGNAL_CITATION)
    return tuple(base)


def calibrate(refit: bool = True, left_out: bool = True) -> CalibrationResult:
    """Fit the chance model to Charting Outcomes 2026 and compare target and model."""
    from ..chances.calibration import calibration_report

    return calibration_report(refit=refit, left_out=left_out)
