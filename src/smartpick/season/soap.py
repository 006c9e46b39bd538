"""SOAP readiness: where positions went unfilled, eligibility, documents, Match week."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..citations import DOMAIN_CITATION
from ..datafiles import source_csv
from ..specialties import get_specialty

SOAP_FILE = "soap_and_unfilled_positions.csv"
RULES_FILE = "rules_and_dates.csv"
PGY1_NAMES = ("Transitional Year", "Medicine-Preliminary", "Surgery-Preliminary")
DOCUMENTS = (
    "ERAS application final and current (experiences, contact details), ready to send to "
    "SOAP programs on Match-week Monday",
    "A personal statement per specialty you would accept in SOAP (including a preliminary "
    "year), not naming a program",
    "Letters of recommendation uploaded and assignable to new programs",
    "MSPE and medical school transcript in ERAS",
    "USMLE transcript released; ECFMG status report current",
    "Visa papers: J-1 Statement of Need from your country's ministry of health, or for an "
    "H-1B all three USMLE Steps passed",
    "A quiet place, phone and video set up for Match-week calls and interviews",
)


@dataclass(frozen=True)
class UnfilledFigure:
    year: int
    specialty: str
    track: str
    metric: str
    value: float
    source: str


@dataclass(frozen=True)
class UnfilledProgram:
    code: str
    institution: str
    state: str | None
    years: int
    filled: int  # years filled in the Main Match (before SOAP)
    span: str


@dataclass(frozen=True)
class Check:
    item: str
    status: str  # ok | act | unknown
    detail: str
    source: str


@dataclass(frozen=True)
class SoapReadiness:
    recommended: bool  # P(match) now below the threshold: prepare first
    threshold: float
    threshold_label: str
    figures: tuple[UnfilledFigure, ...]
    programs: tuple[UnfilledProgram, ...]
    checks: tuple[Check, ...]
    documents: tuple[str, ...]
    timeline: tuple[str, ...]
    sources: tuple[str, ...]


def _rows_named(names: Sequence[str]) -> list[dict[str, str]]:
    return [r for r in source_csv(SOAP_FILE) if _matches(r["specialty"], names)]


def _matches(csv_name: str, names: Sequence[str]) -> bool:
    return (
        any(csv_name == n or n.endswith(csv_name) or n == f"{csv_name}-General" for n in names)
        or csv_name in PGY1_NAMES
    )


def unfilled_figures(specialties: Sequence[str]) -> tuple[UnfilledFigure, ...]:
    names = [get_specialty(s).name for s in specialties]
    return tuple(
        UnfilledFigure(
            int(r["match_year"]),
            r["specialty"],
            r["track"],
            r["metric"],
            float(r["value"]),
            f"{r['source_title']} ({r['source_url']})",
        )
        for r in _rows_named(names)
    )


def unfilled_programs(
    specialties: Sequence[str], catalog: Any, limit: int = 10
) -> tuple[UnfilledProgram, ...]:
    """Tracks of these specialties that went unfilled in the Main Match in some year of the
    catalog's fill history, most often unfilled first."""
    found = []
    for program in catalog.programs_for(list(specialties)):
        history = program.known("fill_history")
        if isinstance(history, dict) and history["filled"] < history["years"]:
            found.append(
                UnfilledProgram(
                    program.code,
                    program.institution,
                    program.state,
                    int(history["years"]),
                    int(history["filled"]),
                    f"{history['first_year']}-{history['last_year']}",
                )
            )
    found.sort(key=lambda u: (u.filled / max(u.years, 1), -u.years, u.code))
    return tuple(found[:limit])


def _rule(fact: str) -> tuple[str, str]:
    for row in source_csv(RULES_FILE):
        if row["fact"] == fact:
            return row["value"], f"{row['source_title']} ({row['source_url']})"
    return "", ""


def eligibility(profile: Any, step3_passed: bool) -> tuple[Check, ...]:
    ecfmg_text, ecfmg_source = _rule("ECFMG exam requirements vs NRMP rank order list deadline")
    checks = []
    if profile.citizenship == "us" and profile.medical_school.country in (
        "US",
        "USA",
        "United States",
    ):
        checks.append(Check("ECFMG certification", "ok", "US graduate: not needed", ""))
    else:
        state = {True: "ok", False: "act", None: "unknown"}[profile.ecfmg_certified]
        checks.append(Check("ECFMG certification", state, ecfmg_text, ecfmg_source))
    visa = profile.visa
    if profile.citizenship == "non-us" and visa in ("h1b", "either"):
        text, source = _rule(
            "H-1B for residency (direct patient care) requires passing all USMLE Steps"
        )
        checks.append(Check("H-1B: Step 3", "ok" if step3_passed else "act", text, source))
    if profile.citizenship == "non-us" and visa in ("j1", "either", None):
        text, source = _rule("J-1 sponsor for clinical training")
        checks.append(Check("J-1 sponsorship (ECFMG)", "unknown", text, source))
    return tuple(checks)


def timeline(season: int) -> tuple[tuple[str, ...], str]:
    text, source = _rule("2026 Main Residency Match calendar")
    lines = (
        f"Published calendar (2026 Match): {text}.",
        f"For the {season} Match expect the same shape: Match week in mid-March, SOAP from "
        "Monday to Thursday, Match Day on Friday (check the NRMP calendar for the dates).",
        "Monday: you learn whether you matched; the list of unfilled programs opens to "
        "SOAP-eligible applicants; send applications through ERAS.",
        "Monday to Thursday: programs interview by phone or video and make offers in rounds; "
        "an accepted offer is binding.",
    )
    return lines, source


def soap_readiness(
    profile: Any,
    specialties: Sequence[str],
    p_match_now: float,
    threshold: float,
    step3_passed: bool,
    catalog: Any,
) -> SoapReadiness:
    lines, calendar_source = timeline(profile.season)
    figures = unfilled_figures(specialties)
    sources = sorted({f.source for f in figures} | {calendar_source})
    checks = eligibility(profile, step3_passed)
    return SoapReadiness(
        recommended=p_match_now < threshold,
        threshold=threshold,
        threshold_label="assumed",
        figures=figures,
        programs=unfilled_programs(specialties, catalog),
        checks=checks,
        documents=DOCUMENTS,
        timeline=lines,
        sources=(
            *sources,
            *sorted({c.source for c in checks if c.source}),
            f"catalog fill history (NRMP Program Results); documents: {DOMAIN_CITATION}",
        ),
    )
