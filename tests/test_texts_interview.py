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


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_questions_fit_the_files_history_and_name_fields_as_people_say_them(path):
    profile, questions = _questions(path)
    text = "\n".join(questions).lower()
    graduation = profile.medical_school.graduation
    if not any(i.date is not None and i.date <= graduation for i in profile.incidents):
        assert "mspe" not in text  # the school's letter shows no incident after graduation
    if all(c.specialty == profile.targets.primary for c in profile.previous_cycles):
        assert "applied to before" not in text
    for rather in re.findall(r"rather than (.+?)\?", text):
        assert "preliminary" not in rather and "transitional" not in rather, rather
    assert not re.search(r"-general|-preliminary|-diagnostic|\(integrated\)|exam-prep", text)


def test_a_switch_is_asked_about_with_the_field_and_dates_of_the_file():
    profile, questions = _questions(next(p for p in EXAMPLES if p.stem == "dismissed-gap"))
    assert profile.incidents and all(
        i.date > profile.medical_school.graduation for i in profile.incidents
    )
    assert (
        "You trained in general surgery from 2018-07 to 2020-01; why internal medicine now, "
        "and what have you done in internal medicine since?"
    ) in questions
    assert not any("mspe" in q.lower() or "applied to before" in q for q in questions)


def test_a_school_incident_keeps_the_mspe_question():
    path = next(p for p in EXAMPLES if p.stem == "dismissed-gap")
    profile = load_profile(path)
    in_school = profile.incidents[0].model_copy(update={"date": profile.medical_school.graduation})
    profile = profile.model_copy(update={"incidents": [in_school]})
    questions = [q.question for q in interview_questions(profile).questions]
    assert any(q.startswith("Your MSPE mentions a professionalism concern") for q in questions)


def test_spoken_specialty_names():
    names = {
        s: get_specialty(s).spoken_name
        for s in (
            "general-surgery",
            "surgery-preliminary",
            "diagnostic-radiology",
            "plastic-surgery",
            "internal-medicine",
            "transitional-year",
        )
    }
    assert names == {
        "general-surgery": "general surgery",
        "surgery-preliminary": "preliminary surgery",
        "diagnostic-radiology": "diagnostic radiology",
        "plastic-surgery": "plastic surgery",
        "internal-medicine": "internal medicine",
        "transitional-year": "transitional year",
    }
