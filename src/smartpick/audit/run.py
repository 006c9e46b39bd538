"""The whole audit: the findings for the target specialty and the committee view of every
target (``audit(profile, specialty=None) -> Audit``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..citations import CHARTING_OUTCOMES_CITATION, DOMAIN_CITATION, MAIN_MATCH_NOTE
from ..profile import Profile
from ..specialties import get_specialty
from .committee import CommitteeView, committee_view
from .fit import fit_questions
from .flags import flags_for
from .model import RedFlag, Stack
from .rules import overall_severity


@dataclass(frozen=True)
class Audit:
    specialty: str
    season: int
    red_flags: tuple[RedFlag, ...]
    stacks: tuple[Stack, ...]
    overall_severity: int
    committee: CommitteeView
    other_targets: tuple[CommitteeView, ...]
    covers: str = MAIN_MATCH_NOTE
    sources: tuple[str, ...] = (CHARTING_OUTCOMES_CITATION, DOMAIN_CITATION)

    @property
    def flag_ids(self) -> tuple[str, ...]:
        return tuple(flag.id for flag in self.red_flags)


def audit(profile: Profile, specialty: str | None = None) -> Audit:
    """The red-flag audit and committee view for ``specialty`` (default: the primary target)."""
    target = specialty or profile.targets.primary
    get_specialty(target, path="specialty")
    flags, stacks = flags_for(profile, target)
    others = [s for s in _targets(profile) if s != target]
    return Audit(
        specialty=target,
        season=profile.season,
        # the seed interview questions that fit the file (what the audit shows and the
        # interview asks; the chance model, which reads flags_for, needs none of them)
        red_flags=tuple(
            replace(f, interview_questions=fit_questions(f.interview_questions, profile, target))
            for f in flags
        ),
        stacks=stacks,
        overall_severity=overall_severity([f.severity for f in flags]),
        committee=committee_view(profile, target, flags, stacks),
        other_targets=tuple(committee_view(profile, s, *flags_for(profile, s)) for s in others),
    )


def _targets(profile: Profile) -> list[str]:
    seen: list[str] = []
    for s in [profile.targets.primary, *profile.targets.backups]:
        if s not in seen:
            seen.append(s)
    return seen
