"""Interview questions over every example profile: nothing already done, nothing that contradicts
itself or the file, and questions that use the file's own facts (issue 17)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smartpick.audit.fit import asked_by_the_file, specialty_alternatives
from smartpick.profile import load_profile
from smartpick.profile.facts import exam_histories, timeline_gaps
from smartpick.specialties import get_specialty
from smartpick.texts.interview import interview_questions

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
    """The interview's questions and the audit's per-flag lists (the report shows them)."""
    from smartpick.audit import audit

    profile, questions = _questions(path)
    listed = [q for flag in audit(profile).red_flags for q in flag.interview_questions]
    text = "\n".join(questions + listed).lower()
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


def test_no_question_about_us_rotations_the_file_does_not_have():
    profile = load_profile(next(p for p in EXAMPLES if p.stem == "step2ck-three-attempts"))
    abroad = profile.model_copy(
        update={"experiences": [e for e in profile.experiences if e.country != "US"]}
    )
    questions = [q.question for q in interview_questions(abroad).questions]
    assert any(q.startswith("Your timeline shows") for q in questions)  # the gap is asked
    assert not any("US rotations" in q for q in questions)


def test_a_stock_alternative_that_is_the_specialty_itself_is_replaced():
    from smartpick.audit.fit import fitted

    profile = load_profile(next(p for p in EXAMPLES if p.stem == "step2ck-three-attempts"))
    seed = "Why this specialty rather than internal medicine or surgery?"
    assert fitted(seed, profile, "internal-medicine") == (
        "Why this specialty rather than surgery or family medicine?"
    )
    assert fitted(seed, profile, "psychiatry") == seed


def test_what_a_flag_question_really_asks_reads_as_one_sentence():
    from smartpick.texts.interview import FEAR_STILL_TRUE

    profile, _ = _questions(next(p for p in EXAMPLES if p.stem == "dismissed-gap"))
    asked = [
        q.really_asking
        for q in interview_questions(profile).questions
        if q.topic in {"professionalism", "prior-residency", "unexplained-gap"}
    ]
    assert asked and all(a.startswith(FEAR_STILL_TRUE) for a in asked)
    assert any(
        a == FEAR_STILL_TRUE + "risk to patients and teams; the least fixable red flag."
        for a in asked
    )


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_seed_question_the_files_own_question_asks_is_not_asked_again(path):
    """ "Why did you leave your previous program?" after "You left your general surgery
    residency in 2020-01; why, ...": the file's question asks it, with its facts."""
    profile = load_profile(path)
    prep = interview_questions(profile)
    from_file = {q.topic for q in prep.questions if q.source == "profile"}
    again = [
        q.question
        for q in prep.questions
        if q.source != "profile" and q.topic in from_file and asked_by_the_file(q.question)
    ]
    assert again == []


def test_the_dismissed_applicants_residency_and_gap_are_asked_once():
    profile, questions = _questions(next(p for p in EXAMPLES if p.stem == "dismissed-gap"))
    assert any(
        q.startswith("You left your general surgery residency in 2020-01") for q in questions
    )
    assert "Why did you leave your previous program?" not in questions
    assert any(q.startswith("Your timeline shows 40 months") for q in questions)
    assert not any(q.startswith("I see a gap between graduation") for q in questions)


def test_a_near_limit_applicant_is_asked_about_the_next_attempt_once():
    profile, questions = _questions(next(p for p in EXAMPLES if p.stem == "step2ck-three-attempts"))
    assert "What is your plan for passing the remaining exam?" not in questions
    assert sum("when is your next attempt" in q for q in questions) == 1
    assert "What did you do clinically while preparing for your exams?" not in questions


def test_each_gap_flag_is_asked_about_its_own_facts():
    """dismissed-gap: 40 uncovered months (2021-09 to 2024-12), a 6-month health leave
    (2021-03 to 2021-08), graduated 2018-05, last clinical work ended 2025-06 (27 months
    before the 2027-09 application). Every gap flag got the longest gap of any kind, once,
    and the old-graduate and stale-clinical flags only general seeds ("You graduated some
    years ago", "When did you last take care of patients?")."""
    prep = interview_questions(load_profile(next(p for p in EXAMPLES if p.stem == "dismissed-gap")))
    by_topic = {}
    for q in prep.questions:
        by_topic.setdefault(q.topic, []).append(q.question)
    assert by_topic["unexplained-gap"][0].startswith("Your timeline shows 40 months from 2021-09")
    assert by_topic["nonclinical-gap"][0].startswith(
        "Your timeline shows 6 months from 2021-03 to 2021-08, with only a health leave"
    )
    assert by_topic["old-graduate"][0].startswith("You graduated in 2018-05, 9.8 years before")
    assert by_topic["stale-clinical-activity"][0].startswith(
        "Your last clinical work in the file ended in 2025-06, 27 months before you apply"
    )
    seeds = [q for qs in by_topic.values() for q in qs]
    assert "When did you last take care of patients?" not in seeds
    assert not any(q.startswith("You graduated some years ago") for q in seeds)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_what_a_question_really_asks_continues_the_sentence_after_its_colon(path):
    """'Whether what program directors fear still holds: a repeat of ...': the fear goes on
    in lower case after the colon (not 'A repeat', 'A hidden problem'), acronyms kept."""
    for q in interview_questions(load_profile(path)).questions:
        _, colon, rest = q.really_asking.partition(": ")
        if not colon:
            continue
        first = rest.split(maxsplit=1)[0]
        assert rest[0].islower() or (len(first) > 1 and first.isupper()), q.really_asking
