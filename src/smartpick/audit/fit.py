"""Whether a seed interview question of ``data/red_flags.yaml`` fits this applicant, and the
words it is said in: the audit lists a flag's questions, the interview asks them.

* ``unfit``: why a seed question does not fit (it asks about something the file already
  shows done, or about a situation the file does not have), or None;
* ``fitted``: the question as this applicant hears it;
* ``specialty_alternatives``: "internal medicine or surgery" without the specialty itself;
* ``asked_by_the_file``: whether a seed question asks what the flag's question built from
  the file's own facts (``texts.questions``) already asks, with its dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..profile import Profile
from ..profile.facts import exam_histories, step3_passed, timeline_gaps
from ..specialties import get_specialty, spoken_name

DEFAULT_ALTERNATIVES = ("internal medicine", "surgery", "family medicine")


def fit_questions(questions: tuple[str, ...], profile: Profile, specialty: str) -> tuple[str, ...]:
    """The seed questions that fit, each as this applicant hears it."""
    return tuple(
        fitted(q, profile, specialty) for q in questions if unfit(q, profile, specialty) is None
    )


def _no_pass_after_failure(profile: Profile) -> bool:
    return not any(h.failures and h.passed for h in exam_histories(profile).values())


def _exam_prep_in_gap(profile: Profile) -> bool:
    return any("exam-prep" in g.covered_by for g in timeline_gaps(profile))


def _all_exams_passed(profile: Profile) -> bool:
    return all(h.passed for h in exam_histories(profile).values())


def _no_incident_in_school(profile: Profile) -> bool:
    """No incident dated up to graduation: the MSPE (the school's letter) shows none."""
    graduation = profile.medical_school.graduation
    return not any(i.date is not None and i.date <= graduation for i in profile.incidents)


def _no_us_rotation(profile: Profile) -> bool:
    return not any(
        e.country == "US" and e.kind in ("clinical", "observership") for e in profile.experiences
    )


def _no_earlier_application_elsewhere(profile: Profile, specialty: str) -> bool:
    return all(c.specialty == specialty for c in profile.previous_cycles)


# (pattern in a seed question, why it does not fit, test on the profile and the specialty
# the interview is for)
_UNFIT: tuple[tuple[re.Pattern[str], str, Callable[[Profile, str], bool]], ...] = (
    (
        re.compile(r"when will you have passed step 3", re.I),
        "Step 3 passed",
        lambda p, _: step3_passed(p),
    ),
    (
        re.compile(r"ecfmg certification be complete", re.I),
        "ECFMG certified",
        lambda p, _: p.ecfmg_certified is True,
    ),
    (re.compile(r"remaining exam", re.I), "every exam passed", lambda p, _: _all_exams_passed(p)),
    (
        re.compile(r"the attempt you passed", re.I),
        "no pass yet",
        lambda p, _: _no_pass_after_failure(p),
    ),
    (
        re.compile(r"while preparing for your exams", re.I),
        "no exam preparation in the gap",
        lambda p, _: not _exam_prep_in_gap(p),
    ),
    (
        re.compile(r"train in the united states", re.I),
        "a US citizen",
        lambda p, _: p.citizenship == "us",
    ),
    (
        re.compile(r"your mspe mentions", re.I),
        "no incident during medical school",
        lambda p, _: _no_incident_in_school(p),
    ),
    (
        re.compile(r"your us rotations", re.I),
        "no US rotation",
        lambda p, _: _no_us_rotation(p),
    ),
    (
        re.compile(r"the one you applied to before", re.I),
        "no earlier application in another specialty",
        _no_earlier_application_elsewhere,
    ),
)


# seed questions that the file's own question for the same flag asks again, in general words
# ("Why did you leave your previous program?" after "You left your general surgery residency
# in 2020-01; why, ..."): asked once, with the file's facts
_ASKED_BY_THE_FILE = re.compile(
    r"what was different about the attempt you passed|gap between graduation and your us "
    r"rotations|why did you leave your previous program|what is different "
    r"about your application|rather than the one you applied to before|would you accept a j-1"
    r"|plan for passing the remaining exam|what did you do clinically while preparing|keep your "
    r"clinical skills up|graduated some years ago|when did you last take care of patients",
    re.I,
)


def asked_by_the_file(question: str) -> bool:
    """Whether the seed ``question`` asks again what its flag's question from the file asks."""
    return _ASKED_BY_THE_FILE.search(question) is not None


def unfit(question: str, profile: Profile, specialty: str) -> str | None:
    """Why ``question`` does not fit this applicant interviewing for ``specialty`` (already
    done, or not their situation), or None."""
    for pattern, why, applies in _UNFIT:
        if pattern.search(question) and applies(profile, specialty):
            return why
    return None


_STOCK_ALTERNATIVES = "internal medicine or surgery"


def fitted(question: str, profile: Profile, specialty: str) -> str:
    """A seed question as this applicant hears it: "rather than internal medicine or surgery"
    names two other fields when the specialty is one of them."""
    name = spoken_name(specialty)
    if _STOCK_ALTERNATIVES not in question or not any(
        field in name for field in ("internal medicine", "surgery")
    ):
        return question
    return question.replace(
        _STOCK_ALTERNATIVES, specialty_alternatives(name, other_fields(profile, specialty))
    )


def other_fields(profile: Profile, specialty: str) -> list[str]:
    """The profile's backups that are fields of their own (a one-year preliminary or
    transitional position is none), named as people say them."""
    return [
        spoken_name(b)
        for b in profile.targets.backups
        if b != specialty and not get_specialty(b).is_pgy1_only
    ]


def specialty_alternatives(name: str, backups: list[str]) -> str:
    """Two other fields for "Why X rather than ...?": the backups' names first, never X."""
    lowered = name.lower()
    options = [b.lower() for b in backups] + list(DEFAULT_ALTERNATIVES)
    chosen: list[str] = []
    for option in options:
        if option in lowered or lowered in option or option in chosen:
            continue
        chosen.append(option)
    return " or ".join(chosen[:2])
