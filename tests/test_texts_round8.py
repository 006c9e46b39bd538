"""Issue 17, eighth round: each change on texts written for these tests (in no corpus or fresh
set). On the code from the start of the round every test fails except the negative checks
(marked as such)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text
from smartpick.texts.nlp import analyse
from smartpick.texts.rules import load_rules

# a professionalism note put on the ward, with a softened regret
TOKEN_REGRET = (
    "My MSPE notes that I left a night shift in 2022 without a complete handover. The ward was "
    "chaotic and the nurses never told me which patients were still pending. In hindsight I "
    "could perhaps have checked the list a little more carefully. My other evaluations from "
    "that year were good."
)
# the same regret, plain, in a text that blames nobody
PLAIN_REGRET = (
    "My MSPE notes that I left a night shift in March 2022 without a complete handover. In "
    "hindsight I should have gone through the list of pending patients with the night "
    "resident before I left. Since April 2022 I hand over from a written checklist, and my "
    "evaluations in 2023 mention no further lapse."
)
# a failure put on the school, with a lesson in general words
BLAME_LESSON = (
    "I failed Step 2 CK in 2023. My medical school never prepared us for this kind of exam, "
    "and the questions were very different from what we were taught. I learned a lot from "
    "it. I passed the exam in 2024."
)
# a gap whose reason is a visa rule and the clinics' policy: the topic's facts, no failing
GAP_RULES = (
    "There is a gap in my CV from 2021 to 2023. My visa status did not permit me to work during "
    "this time, and the clinics near my home do not take foreign graduates even as volunteers. "
    "I studied for Step 2 CK and passed it in 2023 with 236."
)
# a gap put on the family, in the rules' own words
GAP_BLAMES = (
    "There is a gap in my CV from 2021 to 2023. My family did not allow me to work in another "
    "city, so I stayed at home during those years. I studied for the USMLE during that time."
)
STATEMENT_SCENE = (
    "On my first night in the pediatric ward in Manila in 2022, a three-year-old with "
    "bronchiolitis was breathing fast and her parents asked me for antibiotics. I explained "
    "to the parents why we were not giving them, and we watched her saturation together "
    "until morning. She went home on the fourth day.\n\n"
    "I failed Step 1 in 2021 because I studied passively from notes. I changed to timed "
    "blocks with a partner and passed in 2022 with 231, then Step 2 CK with 244.\n\n"
    "Since 2023 I have completed twelve weeks of pediatrics in Ohio and Texas, where I "
    "presented patients every morning. I want to train in a program with a strong "
    "continuity clinic, and I bring Tagalog, patience and a habit of asking for feedback. "
    "Children and their parents deserve a doctor who explains each step, and I have learned "
    "to do that in two languages, at the bedside and on the phone at night."
)
STATEMENT_SCHOOL = STATEMENT_SCENE.replace(
    "I explained to the parents why we were not giving them",
    "My medical school never prepared us for the USMLE, but I explained to the parents why "
    "we were not giving them",
)
# a failure that owns nothing, with a change in general words
UNOWNED_CHANGE = (
    "I failed Step 1 in 2020. It was a very difficult year for everyone. After this I changed "
    "my whole approach and made many improvements in my study. I passed Step 1 in 2021."
)
# hedged throughout, and nothing else wrong with the wording
HEDGED = (
    "I think my Step 1 failure in 2021 was perhaps related to my preparation, which was maybe "
    "not quite enough. I have tried to somewhat change how I study. I passed in 2022 and I "
    "feel I am probably more organized now."
)
# an explanation with one polite hedge only
ONE_HEDGE = (
    "I failed Step 1 in June 2021 because I had never sat a timed block. I switched to 40 "
    "timed questions a day with a study partner and passed in December 2021 with 228. I "
    "believe the same routine carried me to 245 on Step 2 CK in 2022."
)
# a failure put on the exam and the centre, closed by a plea
PLEA = (
    "I failed Step 1 twice, in 2019 and 2020. The exam centre changed my date twice and the "
    "questions were unfair to students from my country. I ask the committee to look at the "
    "person and not the transcript. I passed on my third attempt in 2021."
)

# a statement of about 110 words in general claims
SHORT_GENERAL = (
    "Ever since I was young I have wanted to help people. Medicine gives me the chance to make "
    "a difference every day. During my training I learned the value of teamwork and "
    "communication. I am a hard-working and compassionate person who never gives up. I "
    "believe family medicine is the right specialty for me because it lets me care for the "
    "whole person. I am confident that I will be an asset to any residency program."
)
# a statement of about 110 words with facts in most sentences
SHORT_SPECIFIC = (
    "In 2023 I spent twelve weeks in a family medicine clinic in Toledo, Ohio. I saw about "
    "fifteen patients a day with Dr. Alvarez and wrote their notes. In March 2024 I started a "
    "diabetes register of 140 patients, and by December half of them had a recent HbA1c. I "
    "want to train in family medicine because I like following people over years. I speak "
    "Spanish and Portuguese."
)


def _types(text: str, kind: str, flag: str | None) -> set[str]:
    return {f.type for f in review_text(text, kind, flag=flag).findings}


def test_a_softened_regret_beside_blame_owns_nothing():
    review = review_text(TOKEN_REGRET, "additional-info", flag="professionalism")
    assert "blame" in {f.type for f in review.findings}
    assert "responsibility" in review.missing_parts


def test_a_plain_regret_still_owns():
    """Negative check: an unsoftened regret in a text that blames nobody owns the event."""
    review = review_text(PLAIN_REGRET, "additional-info", flag="professionalism")
    assert "responsibility" not in review.missing_parts


def test_a_lesson_in_general_words_beside_blame_is_vague():
    found = [f for f in review_text(BLAME_LESSON, "additional-info", flag="exam-failure").findings]
    vague = [f for f in found if f.type == "vague"]
    assert {"blame"} <= {f.type for f in found}
    assert vague and "learned a lot" in (vague[0].quote or "")


def test_the_model_reads_no_blame_where_the_topic_is_no_failing():
    assert "blame" not in _types(GAP_RULES, "additional-info", "unexplained-gap")


def test_a_gap_put_on_the_family_is_still_blame():
    """Negative check: the rules' explicit blame counts whatever the topic."""
    assert "blame" in _types(GAP_BLAMES, "additional-info", "unexplained-gap")


def test_a_statement_scene_is_no_blame():
    assert "blame" not in _types(STATEMENT_SCENE, "personal-statement", "exam-failure")


def test_a_statement_blaming_its_school_outside_the_flag_paragraph_is_blame():
    """Negative check: a sentence naming the exam still counts outside the flag's paragraph."""
    assert "blame" in _types(STATEMENT_SCHOOL, "personal-statement", "exam-failure")


@pytest.mark.parametrize(
    ("sentence", "owns"),
    [
        ("It was not bad luck, I underestimated how much timed practice the exam needed.", True),
        ("I went to lectures but never reviewed, and I ignored a warning after the midterm.", True),
        ("I never underestimated the exam.", False),  # negative check: the negation's own clause
    ],
)
def test_a_negation_stops_at_the_clause(sentence: str, owns: bool):
    rules = load_rules()
    cues = rules.parts[("explanation", "responsibility")]
    window = rules.rules.structure_negation_window
    found = analyse(sentence).sentences[0]
    assert any(m.hits(found, rules.negation, window) for m in cues) is owns


def test_a_change_in_general_words_where_nothing_is_owned_is_vague():
    review = review_text(UNOWNED_CHANGE, "additional-info", flag="exam-failure")
    assert "responsibility" in review.missing_parts
    assert "vague" in {f.type for f in review.findings}


def test_a_text_hedged_throughout_is_vague():
    types = _types(HEDGED, "additional-info", "exam-failure")
    assert {"hedging", "vague"} <= types


def test_one_polite_hedge_is_not_vague():
    """Negative check: one "I believe" is no hedging finding, so no vagueness from it."""
    assert not {"hedging", "vague"} & _types(ONE_HEDGE, "additional-info", "exam-failure")


def test_a_plea_beside_blame_owns_nothing():
    review = review_text(PLEA, "additional-info", flag="multiple-attempts")
    assert "blame" in {f.type for f in review.findings}
    assert "responsibility" in review.missing_parts


def test_a_short_statement_in_general_claims_is_vague():
    assert {"length", "vague"} <= _types(SHORT_GENERAL, "personal-statement", None)


def test_a_short_statement_with_facts_is_only_short():
    """Negative check: a short statement whose sentences give facts is short, not vague."""
    types = _types(SHORT_SPECIFIC, "personal-statement", None)
    assert "length" in types
    assert "vague" not in types
