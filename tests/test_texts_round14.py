"""Issue 17, fourteenth round: the exam's own number and name ("Step 2 CK", "USMLE", "the
Match") anchor no claim, so a text of claims whose only names are the exam's is read for its
claims. Texts written for these tests (in no set)."""

from __future__ import annotations

from smartpick.texts.evidence import is_specific
from smartpick.texts.nlp import analyse
from texts_review import found as _types


def _specific(text: str, **options: bool) -> bool:
    return is_specific(analyse(text).sentences[0], **options)


def test_the_exams_own_name_is_no_fact():
    assert not _specific("I worked very hard after Step 2 CK and made many improvements.")
    assert not _specific("Since then I have improved my knowledge of USMLE topics.")
    assert not _specific("This is my second time applying to the Match.", counts=True)


def test_a_fact_beside_the_exams_name_still_counts():
    assert _specific("I passed Step 2 CK in 2022.")
    assert _specific("I passed Step 2 CK with 236.")
    assert _specific("I took one NBME form every two weeks before Step 2 CK.")
    assert _specific("Dr. Osei tutored me for Step 1.")


def test_a_statements_story_names_its_exam_as_a_fact():
    assert _specific("When I failed Step 2 CK my dreams were shattered.", exam=True)


def test_an_argument_whose_only_names_are_the_exams_is_vague():
    text = (
        "My Step 2 CK score is not a fair picture of my clinical ability. I worked very hard "
        "after Step 2 CK and made many improvements. My patients and colleagues value my work."
    )
    assert {"vague", "no-specifics"} <= _types(text, "low-step2ck")


def test_an_answer_whose_only_names_are_the_exams_has_no_specifics():
    text = (
        "I had to take Step 1 twice. The first time I was not ready. I then worked hard, "
        "changed my preparation and passed Step 1 on the second attempt. I learned a lot from "
        "this."
    )
    assert "no-specifics" in _types(text, "multiple-attempts", "interview-answer")


def test_the_same_story_with_its_facts_is_not_vague():
    text = (
        "I failed Step 2 CK in March 2022 after studying alone for six weeks. With Dr. Osei as "
        "my tutor I took 40 timed questions every morning and one NBME form every two weeks. I "
        "passed Step 2 CK in October 2022 with 236."
    )
    assert not _types(text, "exam-failure") & {"vague", "no-specifics", "generic"}
