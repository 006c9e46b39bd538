"""Service: review of texts, outlines for explanations, interview questions and practice."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from ..profile import Profile
    from ..texts.interview import (
        AnswerReader,
        AnswerShown,
        InterviewPrep,
        PracticeAnswer,
        PracticeResult,
        Question,
    )
    from ..texts.model import Review
    from ..texts.outline import Outline

__all__ = [
    "AnswerReader",
    "AnswerShown",
    "InterviewPrep",
    "Outline",
    "PracticeAnswer",
    "PracticeResult",
    "Question",
    "Review",
    "answer_seconds",
    "interview_practice",
    "interview_prep",
    "outline_for",
    "review",
    "review_file",
]

PRACTICE_QUESTIONS = 5


def _profile(profile_or_path: Profile | Path | str) -> Profile:
    from ..profile import Profile, load_profile

    if isinstance(profile_or_path, Profile):
        return profile_or_path
    return load_profile(Path(profile_or_path))


def review(
    text: str, kind: str, profile: Profile | Path | str | None = None, flag: str | None = None
) -> Review:
    """Review a text given as a string (the web app calls this)."""
    from ..texts.review import check_flag, check_kind, review_text

    check_kind(kind)
    check_flag(flag)
    loaded = _profile(profile) if profile is not None else None
    return review_text(text, kind, profile=loaded, flag=flag)


def review_file(
    path: Path | str,
    kind: str,
    profile: Profile | Path | str | None = None,
    flag: str | None = None,
) -> Review:
    """Read a text file safely (UTF-8, at most 1 MB, not binary) and review it."""
    from ..texts.reader import read_text_file
    from ..texts.review import check_flag, check_kind

    check_kind(kind)
    check_flag(flag)
    return review(read_text_file(Path(path)), kind, profile, flag)


def outline_for(profile: Profile | Path | str, flag: str) -> Outline:
    """A fill-in outline for one red flag's explanation with the profile's facts."""
    from ..texts.outline import build_outline

    return build_outline(_profile(profile), flag)


def interview_prep(profile: Profile | Path | str, specialty: str | None = None) -> InterviewPrep:
    """Likely interview questions, what each really asks, and the structure of an answer."""
    from ..texts.interview import interview_questions

    return interview_questions(_profile(profile), specialty)


def answer_seconds() -> int:
    """The time limit of one interview answer (the text rules' interview-answer kind)."""
    from ..texts.rules import load_rules

    return int(load_rules().rules.kinds.interview_answer.max_seconds)


def interview_practice(
    profile: Profile | Path | str,
    read_answer: AnswerReader,
    questions: int = PRACTICE_QUESTIONS,
    specialty: str | None = None,
    on_answer: AnswerShown | None = None,
) -> PracticeResult:
    """A practice session: each typed answer is timed and reviewed as an interview answer
    (and shown through ``on_answer`` as soon as it is reviewed)."""
    from ..texts.interview import practise

    if questions < 1:
        raise InputError("--questions must be at least 1", path="questions", hint="e.g. 3")
    loaded = _profile(profile)
    return practise(interview_prep(loaded, specialty), read_answer, questions, loaded, on_answer)
