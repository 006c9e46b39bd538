"""Per program: the one reason that dominates, and the attributes the model had to assume."""

from __future__ import annotations

import math

import numpy as np

from ..results import count, percent
from .inputs import Applicant, ProgramArrays
from .params import Assumptions

DOMINANT_FILTER_DROP = 0.1  # a filter dominates when it removes at least this share


def filter_reason(name: str, app: Applicant, arr: ProgramArrays, i: int, share: float) -> str:
    what = _what(name, app)
    if _known(name, arr, i):
        return f"{what}; this program's published policy screens the file out"
    policy = "visa policy" if name == "visa" else f"{name.replace('_', ' ')} policy"
    if name == "visa" and app.visa == "h1b" and arr.h1b_ratio[i] != 1.0:
        return (
            f"{what}; this program's visa policy is unknown: the specialty prior moved by its "
            f"H-1B evidence ({_evidence(float(arr.h1b_ratio[i]))}, likelihood ratio "
            f"{arr.h1b_ratio[i]:.2g}) gives a {percent(share)} chance it screens this file out"
        )
    return (
        f"{what}; this program's {policy} is unknown, so the specialty prior was used "
        f"(assumed: {percent(share)} of programs screen this file out)"
    )


def _known(name: str, arr: ProgramArrays, i: int) -> bool:
    """Whether the program publishes the policy of filter ``name``."""
    if name == "visa":
        return bool(arr.visa_policy[i] >= 0)
    if name == "years_since_graduation":
        return not math.isnan(arr.max_yog[i])
    if name == "attempts":
        return bool(arr.attempts_policy[i] >= 0)
    return name == "step2ck" and not math.isnan(arr.step2ck_min[i])


def _what(name: str, app: Applicant) -> str:
    """What in the file filter ``name`` reads."""
    if name == "visa":
        return f"needs {'H-1B' if app.visa == 'h1b' else 'J-1'}"
    if name == "years_since_graduation":
        return f"{count(round(app.years_since_graduation), 'year')} since graduation"
    if name == "attempts":
        return count(app.failures, "failed attempt")
    if name == "step2ck":
        return "no Step 2 CK result" if app.step2ck is None else f"Step 2 CK {app.step2ck:.0f}"
    return f"numeric Step 1 {app.step1:.0f}" if app.step1 is not None else "Step 1"


def _evidence(ratio: float) -> str:
    if ratio > 2:
        return "a resident H-1B filing (DOL LCA)"
    if ratio > 0.6:
        return "USCIS H-1B approvals only"
    return "no H-1B filing or approval found for the institution"


def dominant_reasons(app: Applicant, arr: ProgramArrays, excl: dict[str, np.ndarray]) -> list[str]:
    """Per program, one line: the hard barrier, else the strongest filter (the first of the
    largest), else what sets the invite rate."""
    names = list(excl)
    drops = np.stack([np.broadcast_to(excl[k], (arr.n,)) for k in names]).astype(float)
    worst = drops.argmax(axis=0) if names else np.zeros(arr.n, dtype=int)
    top = drops[worst, np.arange(arr.n)] if names else np.zeros(arr.n)
    said: dict[tuple[object, ...], str] = {}  # many programs share a filter line
    return [
        _reason(app, arr, i, names[w] if names else "", d, said)
        for i, (w, d) in enumerate(zip(worst.tolist(), top.tolist(), strict=True))
    ]


def _reason(
    app: Applicant,
    arr: ProgramArrays,
    i: int,
    worst: str,
    drop: float,
    said: dict[tuple[object, ...], str],
) -> str:
    if arr.reserved[i] and not app.prior_residency:
        return "reserved track: open only to physicians with prior residency training"
    if app.needs_visa and app.visa == "h1b" and not app.step3_passed:
        return "needs H-1B without a passed Step 3: H-1B cannot be filed, so no program is in reach"
    if drop >= DOMINANT_FILTER_DROP:  # the line depends on these alone
        key = (worst, _known(worst, arr, i), float(arr.h1b_ratio[i]), drop)
        if key not in said:
            said[key] = filter_reason(worst, app, arr, i, drop)
        return said[key]
    if arr.tracks[i] == "P":
        return "preliminary year: one year of training, reported apart, never a match by itself"
    return rate_reason(app, arr, i)


def rate_reason(app: Applicant, arr: ProgramArrays, i: int) -> str:
    who = _who(app)
    signal = f" ({arr.signal_kind[i]} signal sent: odds raised)" if arr.signal_kind[i] else ""
    if math.isnan(arr.rate[i]):
        return (
            f"no published interview rate for {who}s; the specialty's mean "
            f"({percent(_finite(arr.prior_mean[i]))}) was used as prior{signal}"
        )
    return (
        f"interviewed {percent(float(arr.rate_published[i]))} of {who} applicants in 2024 "
        f"(unverified source; {percent(float(arr.rate[i]))} after shrinking toward the "
        f"specialty){signal}"
    )


def prior_texts(app: Applicant, specialty: str, a: Assumptions) -> dict[str, str]:
    """Per fact, the line that says which prior replaced it (one specialty)."""
    visa = "visa_share_sponsor_h1b" if app.visa == "h1b" else "visa_share_accept_j1"
    low, high = a.get("step2ck_cutoff_low"), a.get("step2ck_cutoff_high")
    return {
        "visa": f"visa sponsorship: {percent(a.get(visa, specialty))} of programs sponsor the visa "
        "needed (assumed)",
        "years_since_graduation": f"limit on years since graduation: "
        f"{percent(a.get('yog_filter_share'))} of programs screen on it (assumed)",
        "attempts": _attempts_text(app, a),
        "step2ck": f"Step 2 CK cutoff: {percent(a.get('step2ck_cutoff_share', specialty))} of "
        f"programs have a cutoff in {low:.0f}-{high:.0f} (assumed)",
    }


def _attempts_text(app: Applicant, a: Assumptions) -> str:
    """The attempts prior this file meets: two or more failures use their own share."""
    if app.failures >= 2:
        share = max(
            a.get("attempts_filter_share_two_failures"), a.get("attempts_filter_share_one_failure")
        )
        return (
            f"limit on exam attempts: {percent(share)} of programs screen out "
            f"{count(app.failures, 'failure')} (assumed)"
        )
    share = a.get("attempts_filter_share_one_failure")
    return f"limit on exam attempts: {percent(share)} of programs screen out a failure (assumed)"


def assumed_attributes(
    app: Applicant,
    arr: ProgramArrays,
    excl: dict[str, np.ndarray],
    texts: list[dict[str, str]],
) -> list[tuple[str, ...]]:
    """Per program, the facts that were unknown, matter for this file, and were replaced by
    the specialty prior (assumed); ``texts[i]`` from :func:`prior_texts` for row i's specialty."""
    h1b_barrier = app.needs_visa and app.visa == "h1b" and not app.step3_passed
    unknown = {
        "visa": (arr.visa_policy < 0) & (not h1b_barrier),  # the barrier, not a prior, decides
        "years_since_graduation": np.isnan(arr.max_yog),
        "attempts": arr.attempts_policy < 0,
        "step2ck": np.isnan(arr.step2ck_min),
    }
    shown = {
        k: (mask & (np.broadcast_to(excl[k], (arr.n,)) > 0)).tolist() for k, mask in unknown.items()
    }
    no_rate = np.isnan(arr.rate).tolist()
    out = []
    for i in range(arr.n):
        row = [texts[i][k] for k in unknown if shown[k][i]]
        if no_rate[i]:
            mean = percent(_finite(arr.prior_mean[i]))
            row.insert(0, f"{_who(app)} interview rate: specialty mean {mean}")
        out.append(tuple(row))
    return out


def _who(app: Applicant) -> str:
    return "non-US IMG" if app.applicant_type == "non_us_img" else "US IMG"


def _finite(x: float) -> float:
    return 0.0 if math.isnan(x) else float(x)
