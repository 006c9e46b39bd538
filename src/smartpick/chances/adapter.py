"""From a validated profile (and its red flags) to the model's Applicant."""

from __future__ import annotations

from types import MappingProxyType
from typing import Literal, cast

from ..audit import flags_for
from ..profile import Profile, facts
from .inputs import Applicant, Visa

# Flags whose effect the model computes itself from the facts (filters and severities);
# the other audit flags enter through ``other_flag_severity``.
MODELLED_FLAGS = frozenset(
    {
        "exam-failure",
        "multiple-attempts",
        "attempts-near-limit",
        "low-step2ck",
        "low-step1",
        "no-step2ck",
        "old-graduate",
        "professionalism",
        "visa-sponsorship",
        "visa-h1b",
        "limited-usce",
        "no-us-letters",
        "weak-letters",
    }
)
PROFESSIONALISM_KINDS = frozenset({"professionalism", "probation", "dismissal", "integrity"})
UNKNOWN_VISA_READ_AS: Visa = "j1"


def visa_of(profile: Profile) -> Visa:
    """The visa need; a non-US citizen who does not say is read as needing a J-1."""
    if profile.citizenship == "us":
        return "none"
    return cast(Visa, profile.visa or UNKNOWN_VISA_READ_AS)


def other_flag_severity(profile: Profile, specialty: str) -> float:
    flags, _ = flags_for(profile, specialty)
    return float(max((f.severity for f in flags if f.id not in MODELLED_FLAGS), default=0))


def applicant_from_profile(profile: Profile, specialty: str | None = None) -> Applicant:
    """The model's view of a profile for one target specialty (default: the primary)."""
    target = specialty or profile.targets.primary
    exams = facts.exam_histories(profile)
    step2, step1 = exams.get("step2ck"), exams.get("step1")
    months = facts.us_clinical_months(profile)
    kind: Literal["non_us_img", "us_img"] = (
        "us_img" if profile.citizenship == "us" else "non_us_img"
    )
    return Applicant(
        applicant_type=kind,
        visa=visa_of(profile),
        step3_passed=facts.step3_passed(profile),
        step2ck=None if step2 is None or step2.latest_score is None else float(step2.latest_score),
        step1=None if step1 is None or step1.latest_score is None else float(step1.latest_score),
        failures=facts.total_failures(profile),
        years_since_graduation=facts.years_since_graduation(profile),
        hands_on_months=float(months.hands_on),
        observership_months=float(months.observership + months.unspecified),
        strong_us_letters=facts.letters_summary(profile).strong_us,
        professionalism=any(i.kind in PROFESSIONALISM_KINDS for i in profile.incidents),
        other_flag_severity=other_flag_severity(profile, target),
        interview_skill=profile.interview_skill,
        prior_residency=facts.has_prior_residency(profile),
        advocates=MappingProxyType(
            {a.program.strip().upper(): a.strength for a in profile.advocates}
        ),
    )
