"""Issue 17, fifteenth round: hedges in other words, the cause of an undated event owned, a
voluntary change of residency owing no ownership, a text of claims with no fact (the flag's own
names no fact) vague whatever its length, and "may" the verb no month. Texts written for these
tests (in no set)."""

from __future__ import annotations

from smartpick.texts.evidence import is_specific
from smartpick.texts.nlp import analyse
from texts_review import reported as _types


def _specific(text: str, **options: object) -> bool:
    return is_specific(analyse(text).sentences[0], **options)  # type: ignore[arg-type]


HEDGED_PLAN = (
    "I have not taken Step 2 CK yet. I plan to sit for it in October 2026, possibly earlier "
    "if my practice scores allow. I believe my preparation should be enough by then, and I "
    "will send the score to programs as soon as it is released."
)


def test_hedges_in_other_words_are_hedging():
    assert "hedging" in _types(HEDGED_PLAN, "no-step2ck")
    text = (
        "I am applying with an H-1B request. My employer lawyer filed the paperwork in March "
        "2026 and hopefully it is approved soon. I believe the timeline should work."
    )
    assert "hedging" in _types(text, "visa-h1b")


def test_a_belief_held_or_one_hedge_is_no_hedging():
    text = (
        "I have not taken Step 2 CK yet. I booked it for 14 October 2026 at the Newark centre. "
        "I believe in steady preparation, so I take 40 timed questions every morning and one "
        "NBME form every two weeks; my last form was 232."
    )
    assert "hedging" not in _types(text, "no-step2ck")
    one = HEDGED_PLAN.replace(", possibly earlier if my practice scores allow", "")
    assert "hedging" not in _types(one, "no-step2ck")


UNDATED_OWNED = (
    "In my second year at Ridgeview Medical College I failed the Anatomy II written exam. I was "
    "coaching school students two evenings a week to pay my fees and treated the anatomy "
    "reading as something to catch up on in the final week. After a six-week remediation block "
    "I retook the exam and scored 81%, and I have not failed a course since. The habit I kept "
    "is simple: reading before the day's work, every evening."
)


def test_the_cause_of_an_undated_event_is_owned():
    assert "ownership-missing" not in _types(UNDATED_OWNED, "academic-failure")


def test_an_undated_event_put_on_others_still_owes_ownership():
    text = UNDATED_OWNED.replace(
        "I was coaching school students two evenings a week to pay my fees and treated the "
        "anatomy reading as something to catch up on in the final week.",
        "The department changed the examiner a week before the exam and the questions came "
        "from outside the syllabus.",
    )
    assert text != UNDATED_OWNED
    assert "ownership-missing" in _types(text, "academic-failure")


def test_a_voluntary_change_of_residency_owes_no_ownership():
    text = (
        "I completed eighteen months of general surgery in Amman from 2021, and my evaluations "
        "were good. On the burns unit I found that the patients I thought about were the ones "
        "in rehabilitation. I told my program director in May 2023 and he wrote my letter. "
        "Since then I have worked in a rehabilitation unit in Cleveland."
    )
    assert "ownership-missing" not in _types(text, "prior-residency", "interview-answer")


def test_a_dismissal_still_owes_ownership():
    text = (
        "I was dismissed from my internal medicine residency in Amman in 2022. The new chief "
        "resident disliked foreign graduates and the committee never heard my side. My "
        "evaluations before that were good."
    )
    assert "ownership-missing" in _types(text, "prior-residency")


TEMPLATE = (
    "Although I have not yet had US clinical experience in pediatrics, my overall clinical "
    "background has prepared me well. I have always had a passion for working with children and "
    "strong skills in communication. I am committed to learning and growing, and I would be a "
    "valuable addition to your program."
)


def test_three_claims_with_no_fact_are_vague_whatever_the_flag():
    assert {"no-specifics", "vague", "generic"} <= _types(TEMPLATE, "no-specialty-exposure")


def test_the_country_in_full_is_the_flags_own_name_too():
    text = TEMPLATE.replace("US clinical experience", "clinical experience in the United States")
    assert {"no-specifics", "vague"} <= _types(text, "no-specialty-exposure")


def test_three_sentences_with_a_fact_are_not_bare():
    text = (
        "I have no US clinical experience in pediatrics yet. I spent six weeks in the pediatric "
        "ward of Patan Hospital in 2024 under Dr. Shrestha. I start a four-week observership at "
        "Mercy Children's in Kansas City in March 2027."
    )
    assert not _types(text, "no-specialty-exposure") & {"no-specifics", "vague", "generic"}


def test_a_visa_argument_is_read_for_its_argument():
    # the visa's class is a fact here (FLAG_NAMES has no visa entry): the writers read such a
    # text as defensive, not vague
    text = (
        "I will require H-1B sponsorship. Many programs prefer the J-1, but qualified "
        "applicants should not be screened out on visa status alone. The paperwork is an "
        "administrative choice, not a reflection of my ability, and I ask programs to judge me "
        "on merit."
    )
    assert "vague" not in _types(text, "visa-h1b")


def test_the_verb_may_is_no_month():
    assert not _specific("I understand the process may take some time.")
    assert _specific("I passed the exam in May.")
    assert _specific("I passed it on 3 May.")
    assert not _specific("I would prefer an H-1B visa.", own=frozenset({"H-1B"}))
    assert _specific("I would prefer an H-1B visa.")


def test_a_short_bare_argument_is_read_for_its_argument():
    text = (
        "I want to be clear that the note about my lateness is a single incident and nothing "
        "more than that. I accepted the warning at the time so that everyone could move on with "
        "the work. It does not reflect who I am as a doctor, and it should not be used to judge "
        "my application."
    )
    found = _types(text, "professionalism")
    assert {"defensive", "no-specifics"} <= found
    assert "vague" not in found
