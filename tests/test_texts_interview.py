"""Interview questions over every example profile: nothing already done, nothing that contradicts
itself or the file, and questions that use the file's own facts (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartpick.profile import load_profile
from smartpick.profile.facts import exam_histories, timeline_gaps
from smartpick.specialties import get_specialty
from smartpick.texts.interview import interview_questions
from smartpick.texts.questions import specialty_alternatives

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def _passed(profile, exam: str) -> bool:
    return any(e.exam == exam and e.passed for e in profile.exams)


def _questions(path: Path):
    profile = load_profile(path)
    return profile, [q.question for q in interview_questions(profile).questions]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_question_about_what_the_file_shows_done(path):
    profile, questions = _questions(path)
    text = "\n".join(questions).lower()
    if _passed(profile, "step3"):
        assert not re.search(r"(when will|plan to|have you) [^?]*pass(ed)? step 3", text)
    if profile.ecfmg_certified:
        assert "when will your ecfmg certification" not in text
    histories = exam_histories(profile).values()
    if all(h.passed for h in histories):
        assert "remaining exam" not in text
    if not any(h.failures and h.passed for h in histories):
        assert "the attempt you passed" not in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_no_question_contradicts_itself_or_the_file(path):
    profile, questions = _questions(path)
    specialty = get_specialty(profile.targets.primary).name.lower()
    for question in questions:
        rather = re.search(r"why (.+?) rather than (.+?)\?", question.lower())
        if rather:
            chosen, others = rather.groups()
            assert chosen not in others and specialty not in others, question
    text = "\n".join(questions).lower()
    if profile.citizenship == "us":
        assert "train in the united states" not in text
    prep = any("exam-prep" in g.covered_by for g in timeline_gaps(profile))
    if not prep:
        assert "while preparing for your exams" not in text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_questions_use_the_files_own_dates(path):
    profile, questions = _questions(path)
    dated = [q for q in questions if re.search(r"\b(19|20)\d\d(-\d\d)?\b", q)]
    failed = any(h.failures for h in exam_histories(profile).values())
    unmatched = any(not c.matched for c in profile.previous_cycles)
    if failed or profile.incidents or unmatched:
        assert dated, "no question uses the file's own dates"
    for question in dated:
        for year in re.findall(r"\b((?:19|20)\d\d)\b", question):
            assert int(year) <= profile.season, question


def test_the_seed_questions_stay_a_floor():
    profile, questions = _questions(next(p for p in EXAMPLES if p.stem == "stacked-red-flags"))
    assert "Tell me about your Step failure." in questions
    assert any(q.startswith("You failed Step 1 once (2014-05)") for q in questions)


def test_specialty_alternatives_never_name_the_specialty():
    assert specialty_alternatives("internal medicine", []) == "surgery or family medicine"
    assert specialty_alternatives("anesthesiology", ["Transitional Year"]) == (
        "transitional year or internal medicine"
    )
    assert "surgery" not in specialty_alternatives("general surgery", [])


def test_the_issues_facts_are_asked_about():
    _, dismissed = _questions(next(p for p in EXAMPLES if p.stem == "dismissed-gap"))
    assert any("dismissal (2020-01)" in q for q in dismissed)
    assert any(q.startswith("Your timeline shows 40 months from 2021-09") for q in dismissed)
    _, attempts = _questions(next(p for p in EXAMPLES if p.stem == "step2ck-three-attempts"))
    assert any("with 1 attempt left" in q for q in attempts)
