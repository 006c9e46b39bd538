"""Likely interview questions for a profile, and a timed practice session that reviews answers.

Questions come from the profile's red flags (``data/red_flags.yaml``, most severe first),
then the specialty and the path (``data/text_rules.yaml``, section ``interview``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..audit import RedFlag, audit
from ..audit.fit import asked_by_the_file, other_fields, specialty_alternatives, unfit
from ..profile import Profile
from ..specialties import spoken_name
from .layout import structure_for
from .model import Review
from .questions import fact_question
from .review import review_text
from .rules import CompiledRules, load_rules


@dataclass(frozen=True)
class Question:
    topic: str  # a red-flag id, or a general topic (why-specialty, stress, why-us)
    question: str
    really_asking: str
    answer_structure: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class InterviewPrep:
    specialty: str
    questions: tuple[Question, ...]
    timing: str


@dataclass(frozen=True)
class PracticeAnswer:
    question: Question
    typed_seconds: float
    review: Review


@dataclass(frozen=True)
class PracticeResult:
    answers: tuple[PracticeAnswer, ...]

    @property
    def mean_score(self) -> float | None:
        scores = [a.review.score for a in self.answers]
        return sum(scores) / len(scores) if scores else None


FEAR_STILL_TRUE = "Whether what program directors fear still holds: "


def _structure_labels(flag: str, rules: CompiledRules) -> tuple[str, ...]:
    name = structure_for("interview-answer", flag, rules)
    if name is None:
        return tuple(rules.rules.interview.default_structure)
    parts = rules.rules.structures[name].parts
    return tuple(p.label for p in parts if not (p.only_if or p.only_if_findings))


def _flag_questions(
    flag: RedFlag, profile: Profile, specialty: str, rules: CompiledRules
) -> list[Question]:
    """The question from the file's own facts first, then the seed questions that fit."""
    own = fact_question(flag, profile, specialty)
    seeds = [  # those that fit the file (audit.fit) and that the file's question does not ask
        q for q in flag.interview_questions if not (own and asked_by_the_file(q))
    ]
    return [
        Question(
            topic=flag.id,
            question=text,
            really_asking=f"{FEAR_STILL_TRUE}{_lower(flag.pd_fears)}",
            answer_structure=_structure_labels(flag.id, rules),
            source="profile" if text == own else "domain-brief",
        )
        for text in ([own] if own else []) + seeds
    ]


def _general_questions(profile: Profile, specialty: str, rules: CompiledRules) -> list[Question]:
    name = spoken_name(specialty)
    alternatives = specialty_alternatives(name, other_fields(profile, specialty))
    return [
        Question(
            topic=g.id,
            question=g.question.format(specialty=name, alternatives=alternatives),
            really_asking=g.really_asking,
            answer_structure=tuple(g.structure),
            source=g.source,
        )
        for g in rules.rules.interview.general
        if unfit(g.question, profile, specialty) is None
    ]


def interview_questions(profile: Profile, specialty: str | None = None) -> InterviewPrep:
    """The questions this profile will most likely get, each with what is really asked."""
    rules = load_rules()
    result = audit(profile, specialty)
    seen: set[str] = set()
    questions: list[Question] = []
    for flag in result.red_flags:
        if "interview" not in flag.where_to_address:
            continue
        for question in _flag_questions(flag, profile, result.specialty, rules):
            if question.question not in seen:
                seen.add(question.question)
                questions.append(question)
    questions += _general_questions(profile, result.specialty, rules)
    limits = rules.rules.kinds.interview_answer
    low, high = limits.ideal_seconds
    timing = (
        f"Answer each in under {limits.max_seconds} s ({low} to {high} s is better), calm and "
        "not defensive (practitioner rule of thumb)."
    )
    return InterviewPrep(result.specialty, tuple(questions), timing)


AnswerReader = Callable[[Question, int], "tuple[str, float] | None"]
AnswerShown = Callable[[PracticeAnswer], None]


def practise(
    prep: InterviewPrep,
    read_answer: AnswerReader,
    limit: int,
    profile: Profile | None = None,
    on_answer: AnswerShown | None = None,
) -> PracticeResult:
    """Ask up to ``limit`` questions; ``read_answer`` returns (text, seconds) or None to stop.

    Each answer is reviewed as an interview answer against the question's red flag (and
    against ``profile``'s facts when given), and handed to ``on_answer`` at once.
    """
    answers = []
    for number, question in enumerate(prep.questions[:limit], start=1):
        got = read_answer(question, number)
        if got is None:
            break
        text, seconds = got
        if not text.strip():
            continue
        flag = _flag_or_none(question.topic)
        review = review_text(text, "interview-answer", profile=profile, flag=flag)
        answers.append(PracticeAnswer(question, round(seconds, 1), review))
        if on_answer is not None:
            on_answer(answers[-1])
    return PracticeResult(tuple(answers))


def _lower(text: str) -> str:
    """A sentence continued after a colon: its first letter in lower case, unless it starts
    an acronym ("USMLE", "ECFMG")."""
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def _flag_or_none(topic: str) -> str | None:
    from ..audit import flag_ids

    return topic if topic in flag_ids() else None
