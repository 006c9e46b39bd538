"""Texts against a profile: addressed flags, contradictions (dates, exams, attempts, scores)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from smartpick.profile import parse_profile
from smartpick.texts import review_text

# Graduated 2019-06; clinical work to 2020-06; nothing from 2020-07 to 2021-06 (an uncovered
# gap of 12 months); US clinical work from 2021-07. Step 1 failed once, passed on attempt 2.
PROFILE = textwrap.dedent(
    """
    season: 2026
    citizenship: non-us
    visa: j1
    medical_school: {country: India, graduation: 2019-06}
    exams:
      - {exam: step1, result: fail, date: 2018-05}
      - {exam: step1, result: pass, date: 2018-11}
      - {exam: step2ck, score: 241, date: 2019-09}
    ecfmg_certified: true
    experiences:
      - {kind: clinical, setting: hands-on, country: India, start: 2019-07, end: 2020-06}
      - {kind: clinical, setting: hands-on, specialty: anesthesiology, country: US,
         start: 2021-07}
    targets: {primary: anesthesiology}
    """
)

GAP_TEXT = (
    "From {start} to {end} I cared for my father after his stroke. During that time I "
    "volunteered at a clinic twice a week. He has recovered. I am fully available."
)


@pytest.fixture
def profile():
    return parse_profile(PROFILE)


def contradictions(review) -> list[str]:
    return [f.message for f in review.findings if f.type == "contradiction"]


def test_gap_dates_that_differ_from_the_timeline_name_both_dates(profile):
    text = GAP_TEXT.format(start="January 2021", end="December 2021")
    review = review_text(text, "additional-info", profile=profile, flag="unexplained-gap")
    messages = contradictions(review)
    assert len(messages) == 1
    assert "2021-01 to 2021-12" in messages[0]  # what the text says
    assert "2020-07 to 2021-06" in messages[0]  # what the profile's timeline shows
    assert review.findings[0].sentence == 0 or any(
        f.sentence == 0 for f in review.findings if f.type == "contradiction"
    )


@pytest.mark.parametrize(
    ("start", "end"),
    [("July 2020", "June 2021"), ("2020-07", "2021-06"), ("June 2020", "July 2021")],
)
def test_gap_dates_that_agree_within_a_month_are_no_contradiction(profile, start, end):
    text = GAP_TEXT.format(start=start, end=end)
    review = review_text(text, "additional-info", profile=profile, flag="unexplained-gap")
    assert contradictions(review) == []


def test_gap_dates_without_profile_are_not_checked():
    text = GAP_TEXT.format(start="January 2021", end="December 2021")
    assert contradictions(review_text(text, "additional-info", flag="unexplained-gap")) == []


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("I failed Step 2 CK in 2019 and passed later.", "Step 2 CK was failed"),
        ("I failed Step 1 and passed on my third attempt.", "passed on attempt 3"),
        ("I passed and scored 251 on Step 2 CK in 2019.", "score of 251 on Step 2 CK"),
        ("I failed Step 1 in June 2016.", "dates Step 1 failed in 2016-06"),
        ("I failed Step 1 in 2018 and passed it in 2020.", "dates Step 1 passed in 2020"),
        ("I later passed Step 3 in 2022 on the first attempt.", "no Step 3 attempt"),
        ("Step 1 was failed in early 2017; I passed it in November 2018.", "failed in 2017"),
    ],
)
def test_exam_facts_that_disagree_with_the_profile(profile, text, fragment):
    messages = contradictions(review_text(text, "additional-info", profile=profile))
    assert any(fragment in m for m in messages), messages


def test_exam_facts_that_agree_give_no_contradiction(profile):
    text = (
        "I failed Step 1 in May 2018 because I did not take practice tests. "
        "I passed on my second attempt and scored 241 on Step 2 CK."
    )
    assert contradictions(review_text(text, "additional-info", profile=profile)) == []


@pytest.mark.parametrize(
    "text",
    [
        "After failing Step 1 in May 2018, I passed it in November 2018.",
        "I failed Step 1 in 2018 and passed it six months later.",
        "I did not pass Step 1 on my first attempt in 2018; I passed in November.",
        "I passed Step 1 in November 2018 after one failure that May.",
        "Before I passed Step 1 in 2018, I had failed it in May.",
        "I will take Step 3 in 2026 and have booked the date.",
        "If I pass Step 3 in 2026, I will be eligible for H-1B programs.",
        "In April 2018, a month before I failed Step 1, my father fell ill.",
        "I failed Step 1 in 2018. I passed it later that year.",
    ],
)
def test_exam_dates_that_agree_or_are_no_fact_give_no_contradiction(profile, text):
    assert contradictions(review_text(text, "additional-info", profile=profile)) == []


def test_activity_the_timeline_lacks(profile):
    text = "In 2020 I did research in cardiology and published one abstract."
    messages = contradictions(review_text(text, "additional-info", profile=profile))
    assert any("research in 2020" in m for m in messages)


def test_addressed_and_unaddressed_flags(profile):
    text = (
        "I failed Step 1 in May 2018 because I prepared by reading only. I changed to timed "
        "question blocks with a tutor. I passed on my second attempt and scored 241 on Step 2 CK."
    )
    review = review_text(text, "additional-info", profile=profile, flag="exam-failure")
    assert "exam-failure" in review.addressed_flags
    assert "unexplained-gap" in review.unaddressed_flags
    assert "exam-failure" not in review.unaddressed_flags


def test_flag_not_addressed_by_the_text(profile):
    review = review_text(
        "I enjoy anesthesiology because of its physiology. I did research. I am ready.",
        "additional-info",
        profile=profile,
        flag="exam-failure",
    )
    assert "unaddressed-flag" in review.finding_types


def test_cli_review_with_profile(cli, tmp_path):
    profile_path = tmp_path / "p.yaml"
    profile_path.write_text(PROFILE, encoding="utf-8")
    text = tmp_path / "gap.txt"
    text.write_text(GAP_TEXT.format(start="January 2021", end="December 2021"), "utf-8")
    result = cli(
        "review",
        text,
        "--kind",
        "additional-info",
        "--profile",
        profile_path,
        "--flag",
        "unexplained-gap",
        "--json",
    )
    assert result.exit_code == 0
    review = json.loads(result.stdout)
    found = [f for f in review["findings"] if f["type"] == "contradiction"]
    assert found and "2020-07 to 2021-06" in found[0]["message"]


def test_outline_never_writes_prose(profile):
    from smartpick.texts.outline import build_outline

    outline = build_outline(profile, "exam-failure")
    assert outline.fired
    facts = [fact for part in outline.parts for fact in part.facts]
    assert any("2018-05 fail" in fact for fact in facts)
    assert any("2018-11 pass" in fact for fact in facts)
    assert all(part.prompt.startswith("[write: ") for part in outline.parts)


def test_outline_unknown_flag(profile):
    from smartpick.errors import InputError
    from smartpick.texts.outline import build_outline

    with pytest.raises(InputError, match="unknown red-flag id"):
        build_outline(profile, "gap")


def test_interview_questions_follow_the_profiles_flags(profile):
    from smartpick.texts.interview import interview_questions

    prep = interview_questions(profile)
    topics = [q.topic for q in prep.questions]
    assert "exam-failure" in topics
    assert topics[-3:] == ["why-specialty", "stress", "why-us"]
    exam = next(q for q in prep.questions if q.topic == "exam-failure")
    assert exam.answer_structure[0].startswith("what happened")


def test_practice_reviews_each_answer_against_its_flag(profile):
    from smartpick.texts.interview import interview_questions, practise

    prep = interview_questions(profile)
    answers = iter(["It was not my fault; the exam was unfair.", None])

    def read(question, number):
        text = next(answers)
        return None if text is None else (text, 42.0)

    result = practise(prep, read, limit=5, profile=profile)
    assert len(result.answers) == 1
    answer = result.answers[0]
    assert answer.review.flag == prep.questions[0].topic or answer.review.flag is None
    assert "defensive" in answer.review.finding_types
    assert answer.typed_seconds == 42.0


def test_letter_writer_specialty_and_country_against_the_target(profile):
    surgeon = (
        "Dear Program Director,\n\nShe rounded on eight patients every morning and "
        "recognised a leak on day two.\n\nSincerely,\nDr. A. Rao, MS\n"
        "Professor of Surgery, Mumbai, India\n"
    )
    review = review_text(surgeon, "letter", profile=profile)
    messages = [f.message for f in review.findings if f.type == "letter-writer"]
    assert any("another specialty than your target (anesthesiology)" in m for m in messages)
    assert any("The writer is in India" in m for m in messages)
    anesthesiologist = surgeon.replace("Professor of Surgery, Mumbai, India", "Anesthesiology")
    review = review_text(anesthesiologist, "letter", profile=profile)
    assert "letter-writer" not in review.finding_types


@pytest.mark.parametrize(
    ("signed", "target", "fits"),
    [
        ("Associate Professor, Department of Surgery", "general-surgery", True),
        ("Associate Professor, Department of Surgery", "orthopaedic-surgery", True),
        ("Associate Professor, Department of Surgery", "internal-medicine", False),
        ("Division of Critical Care Medicine", "internal-medicine", True),
        ("Division of Critical Care Medicine", "psychiatry", False),
        ("Department of Internal Medicine", "internal-medicine-pediatrics", True),
    ],
)
def test_a_writers_field_fits_the_targets_it_covers(signed, target, fits):
    """Specialty ids, not words: 'Surgery' is the field of a general-surgery target (was
    read as another specialty), critical care lies within internal medicine."""
    text = (
        "Dear Program Director,\n\nShe managed ten patients a day on my service and called me "
        "at once about a falling blood pressure.\n\nSincerely,\nDr. J. Carter\n" + signed + "\n"
    )
    profile = parse_profile(PROFILE.replace("primary: anesthesiology", f"primary: {target}"))
    review = review_text(text, "letter", profile=profile)
    assert ("letter-writer" not in review.finding_types) is fits


@pytest.mark.parametrize(
    "text",
    [
        "I was dismissed from my general surgery residency in January 2020 after a probation "
        "for late notes. The fault was mine. I now close every note before I leave the ward.",
        "During my surgery residency I was placed on probation in 2019, and the program "
        "terminated my contract in 2020. I did not ask for help when I fell behind.",
    ],
)
def test_a_residency_that_ended_is_recognised_as_the_prior_residency_flag(profile, text):
    review = review_text(text, "additional-info", profile=profile, flag="prior-residency")
    assert "unaddressed-flag" not in {f.type for f in review.findings}


def test_a_schools_internship_is_no_prior_residency():
    """ps-s3, a strong statement labelled with no finding, tells of "my internship" (the
    school's rotating year) beside another topic: no second flag for it."""
    text = (Path(__file__).parent / "data" / "texts" / "ps-s3.txt").read_text(encoding="utf-8")
    assert "During my internship" in text
    found = {f.type for f in review_text(text, "personal-statement").findings}
    assert not found & {"multiple-flags", "flag-share"}


def test_a_period_of_the_timeline_named_in_a_gap_text_is_no_contradiction(profile):
    """A gap explanation that also dates an entry of the timeline ("my clinical year from
    July 2019 to June 2020") was told it contradicted the nearest gap; a period in no entry and
    no gap still is one, and one before graduation (medical school) is not the timeline's."""
    text = (
        GAP_TEXT.format(start="July 2020", end="June 2021")
        + " Before it I worked clinically from July 2019 to June 2020 in India."
        + " At medical school, from 2016 to 2017, I was class representative."
    )
    review = review_text(text, "additional-info", profile=profile, flag="unexplained-gap")
    assert contradictions(review) == []
    wrong = GAP_TEXT.format(start="July 2020", end="June 2021") + " I rested from 2022 to 2023."
    review = review_text(wrong, "additional-info", profile=profile, flag="unexplained-gap")
    assert any("2022 to 2023" in m for m in contradictions(review))


@pytest.mark.parametrize(
    "text",
    [
        "I passed the NBME Step 3 practice exam with 72% correct in 2022.",
        "My UWorld self-assessment for Step 3 was passed comfortably in 2022.",
    ],
)
def test_a_practice_test_is_no_exam_attempt(profile, text):
    """The file has no Step 3: a practice test passed is not Step 3 passed; Step 3 itself is."""
    assert contradictions(review_text(text, "additional-info", profile=profile)) == []
    said = contradictions(
        review_text("I passed Step 3 in 2022.", "additional-info", profile=profile)
    )
    assert any("Step 3 was passed" in m for m in said)


@pytest.mark.parametrize(
    "text",
    [
        "Back in clinical practice, I passed Step 3 in 2022.",
        "While in private practice I passed Step 3 in 2022.",
    ],
)
def test_medicine_practised_is_no_practice_test(profile, text):
    """ "practice" alone is the practice of medicine: the Step 3 pass beside it is a claim the
    file (no Step 3) contradicts, not a practice test."""
    said = contradictions(review_text(text, "additional-info", profile=profile))
    assert any("Step 3 was passed" in m for m in said)


@pytest.mark.parametrize(
    ("dates", "addressed"),
    [
        ("From July 2020 to June 2021", True),
        ("Between Jul and Dec 2020, and then until June 2021,", False),
        ("In 2018", False),
    ],
)
def test_a_gap_is_addressed_by_its_dates_in_any_words(profile, dates, addressed):
    """The file's 2020-07 to 2021-06 gap, given by its dates with a reason no topic word
    names, is addressed; a text that gives other dates does not address it."""
    text = f"{dates} I looked after my younger brothers while our mother was in hospital."
    review = review_text(text, "additional-info", profile=profile)
    assert ("unexplained-gap" in review.addressed_flags) is addressed


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("From March to August 2021 I was on medical leave.", "2021-03 to 2021-08"),
        ("I was on leave March-August 2021.", "2021-03 to 2021-08"),
        ("Between Jan and June 2020 I cared for my father.", "2020-01 to 2020-06"),
        ("In March and August 2021 I sat two exams.", None),
    ],
)
def test_two_months_of_one_year_are_a_period(text, period):
    from smartpick.texts.dates import date_ranges

    assert [r.label() for r in date_ranges(text)] == ([period] if period else [])


def test_a_fact_that_contradicts_the_profile_is_the_first_fix(profile):
    """A contradiction costs less than blame or missing specifics in the score, but the
    committee checks the text against the application first: its fix leads the list."""
    text = (
        "I failed Step 1 on my first attempt in 2016. The exam hall was noisy and the proctors "
        "kept interrupting, so I could not focus. Since then I have worked hard and made many "
        "improvements to my study habits. I am ready for residency."
    )
    review = review_text(text, "additional-info", flag="exam-failure", profile=profile)
    assert contradictions(review), "the text dates the failure 2016; the profile 2018-05"
    costlier = {"blame", "no-specifics"} & {f.type for f in review.findings}
    assert costlier, "the case needs findings that cost more than the contradiction"
    fix = next(f.fix for f in review.findings if f.type == "contradiction")
    assert review.top_fixes[0] == fix
