"""Why each program is on the list, in words: the facts that made the planner pick it.

In order: the signal sent, the preferred state or program type, the program's published
interview rate for applicants like this one against its specialty's median, its H-1B
evidence (for an applicant who needs an H-1B), its size. Each reason is a fact from the
catalog with no internal names; a program without such facts says why it is there anyway.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from ..profile import Profile
from ..results import count
from .utility import backup_value, in_preferred_state, preferred_type, program_type

MAX_REASONS = 4
RATE_OF = {"non_us_img": ("rate_non_us_img", "non-US IMG"), "us_img": ("rate_us_img", "US IMG")}
SIGNAL_WORDS = {"gold": "gold signal", "silver": "silver signal", "signal": "signal"}


def rate_medians(programs: Sequence[Any], attribute: str) -> dict[str, float]:
    """Each specialty's median published rate over the candidates that have one."""
    by_spec: dict[str, list[float]] = {}
    for p in programs:
        v = p.known(attribute)
        if v is not None:
            by_spec.setdefault(p.specialty, []).append(float(v))
    return {s: statistics.median(v) for s, v in by_spec.items()}


def reasons_for(
    profile: Profile,
    program: Any,
    applicant_type: str,
    signal: str | None,
    medians: dict[str, float],
) -> tuple[str, ...]:
    out = []
    if signal is not None:
        out.append(f"{SIGNAL_WORDS.get(signal, signal)} sent")
    if in_preferred_state(profile, program):
        out.append(f"in a preferred state ({program.state})")
    if preferred_type(profile, program):
        out.append(f"a {program_type(program)} program (preferred)")
    out += _rate(program, applicant_type, medians)
    out += _h1b(profile, program)
    out += _size(program)
    if backup_value(profile, program.specialty) < 1 and not out:
        out.append("a backup if the primary specialty fails")
    return tuple(out[:MAX_REASONS]) or ("no published figures: the specialty's usual chances",)


def _rate(program: Any, applicant_type: str, medians: dict[str, float]) -> list[str]:
    attribute, who = RATE_OF[applicant_type]
    rate = program.known(attribute)
    if rate is None:
        return []
    median = medians.get(program.specialty)
    versus = "" if median is None else f" (median {median:.0%})"
    return [f"interviews {float(rate):.0%} of {who}s{versus}"]


def _h1b(profile: Profile, program: Any) -> list[str]:
    if profile.visa != "h1b":
        return []
    evidence = program.known("h1b_evidence")
    if not isinstance(evidence, dict):
        return []
    lca = evidence.get("lca") or {}
    filings, filed = lca.get("resident_filings"), lca.get("filed")
    said = f" ({count(int(filings), 'resident filing')}, {filed})" if filings and filed else ""
    return [f"{evidence.get('strength', 'some')} H-1B evidence{said}"]


def _size(program: Any) -> list[str]:
    positions = program.known("positions")
    if positions is None:
        return []
    return [f"{count(int(positions), 'position')} (2019)"]
