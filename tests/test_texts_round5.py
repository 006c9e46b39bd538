"""Issue 17, fifth round: ownership where a reapplication or a prior residency tells of the
applicant's own failing, a bare text is vague as well, a bare personal statement, blame
carried by a circumstance acting on the applicant.

The texts here were written for these tests (not taken from any corpus or fresh set)."""

from __future__ import annotations

import pytest

from smartpick.texts import review_text
from smartpick.texts.layout import topic_sentences
from smartpick.texts.model import Finding
from smartpick.texts.nlp import analyse
from smartpick.texts.rules import load_rules
from smartpick.texts.substance import bare_vague, circumstance

# a reapplicant who puts the last cycle on the Match and on other applicants
REAPPLY_BLAMES = (
    "I applied to family medicine in the 2025 cycle and did not match. The number of "
    "applicants rose sharply that year and several programs filled their places with their "
    "own students. Since then I have completed a ten-week rotation in Kansas and passed Step 3 "
    "with 229."
)
# the same story, the applicant naming what was weak in their own application
REAPPLY_OWNS = (
    "I applied to family medicine in the 2025 cycle and did not match. I submitted late, in "
    "November, with no US letters, to 30 programs chosen by their city. Since then I have "
    "completed a ten-week rotation in Kansas, obtained two US letters and passed Step 3 with "
    "229. This year I applied on the first day to 120 programs that sponsor J-1 visas."
)
# a dismissal told without the applicant's part in it
DISMISSED_UNOWNED = (
    "I was dismissed from my surgery residency in Porto in March 2022 during my first year. "
    "The rota gave juniors almost no supervision and the consultants rarely answered calls at "
    "night. Since then I have worked as a hospitalist assistant in Lisbon for two years."
)
# leaving a residency for another specialty, blaming nobody: no failing to own
LEFT_FOR_INTEREST = (
    "I left my obstetrics residency in Lima after one year, in 2021, because the weeks I "
    "enjoyed most were in the neonatal unit. I have since spent two years as a pediatric "
    "research fellow and completed a six-week pediatrics elective in Ohio. My former program "
    "director wrote one of my letters."
)


@pytest.mark.parametrize(
    ("text", "flag", "structure"),
    [
        (REAPPLY_BLAMES, "reapplicant", "reapplicant"),  # blames the Match and other applicants
        (DISMISSED_UNOWNED, "prior-residency", "switch"),  # a dismissal owes ownership
    ],
)
def test_an_own_failing_told_without_the_applicants_part_is_missing_ownership(
    text, flag, structure
):
    review = review_text(text, "additional-info", flag=flag)
    assert review.structure_name == structure
    assert "responsibility" in review.missing_parts


def test_a_reapplicant_who_names_their_own_weak_application_owns_it():
    review = review_text(REAPPLY_OWNS, "additional-info", flag="reapplicant")
    assert "responsibility" in {p.id for p in review.structure}
    assert "responsibility" not in review.missing_parts


def test_leaving_a_residency_for_interest_owes_no_ownership_part():
    review = review_text(LEFT_FOR_INTEREST, "additional-info", flag="prior-residency")
    assert "responsibility" not in {p.id for p in review.structure}


# a bare explanation of 45 words or more: every claim of change or outcome in general words
BARE = (
    "I did not pass my licensing exam on the first attempt. Since then I have worked very hard "
    "on every area that needed attention. I improved my approach in many ways and my results "
    "are much better now. I feel ready for the demands of residency and I will keep growing."
)
BARE_BLAMING = (
    "I did not pass my licensing exam on the first attempt. The exam was unfair to people "
    "trained abroad and the school never taught what it asks. I improved my approach in many "
    "ways and my results are much better now. I feel ready for the demands of residency."
)


def test_a_bare_text_is_vague_and_generic_as_well():
    review = review_text(BARE, "additional-info", flag="exam-failure")
    assert {"no-specifics", "generic"} <= review.finding_types
    vague = [f for f in review.findings if f.type == "vague"]
    assert vague and "whole text" in vague[0].message
    # where no sentence is generic, the whole text is, at no further cost
    bare = Finding("no-specifics", "m", "f", 20, "assumed", sentence=0)
    added = bare_vague(analyse(BARE), [bare], load_rules())
    assert [(f.type, f.weight) for f in added] == [("vague", 16), ("generic", 0)]


def test_a_bare_text_that_blames_is_read_for_its_blame_and_its_claims():
    """The fifth round read a bare text that blames for its blame only (no vague); the
    nineteenth round judges its claim with no fact too ("I improved my approach in many ways",
    vague by the conventions; the blind sets' writers and second readers label it so beside
    blame; the setting that kept it out, ``vague_claim_not_beside``, dropped). The whole-text
    reading stays off: the vague finding is the claim's own sentence, not the bare text's."""
    review = review_text(BARE_BLAMING, "additional-info", flag="exam-failure")
    assert "blame" in review.finding_types
    vague = [f for f in review.findings if f.type == "vague"]
    assert vague and "whole text" not in vague[0].message


STOCK_STATEMENT = " ".join(
    [
        "Medicine has always been my calling.",
        "I believe that caring for others is the most meaningful work a person can do.",
        "During my training I learned the value of teamwork and communication.",
        "I discovered that I enjoy solving complex problems.",
        "Every patient taught me something new about resilience.",
        "I am a hard worker who never gives up.",
        "My greatest strength is my dedication to my patients.",
        "I also value lifelong learning and growth.",
        "I want to join a program that shares these values.",
        "I am confident that I will be an asset to any team.",
    ]
)
SPECIFIC_STATEMENT = " ".join(
    [
        "In my third year in Nairobi I followed a farmer with heart failure for eight months.",
        "I learned to titrate his diuretics by his weight, which he wrote on a card each morning.",
        "That card became the model for a clinic handout I wrote with Dr. Otieno in 2022.",
        "I want to keep doing that kind of work.",
        "I enjoy the long view of chronic illness.",
        "During a four-week elective in Boston I presented two patients at morning report.",
        "I value programs with a strong continuity clinic.",
        "I am ready for the work of internal medicine.",
    ]
)


def test_a_personal_statement_of_stock_claims_costs_no_specifics():
    review = review_text(STOCK_STATEMENT, "personal-statement")
    assert "no-specifics" in review.finding_types
    assert review.score <= 80


def test_a_personal_statement_with_facts_is_not_bare():
    review = review_text(SPECIFIC_STATEMENT, "personal-statement")
    assert "no-specifics" not in review.finding_types


# blame carried by a circumstance acting on the applicant, in a text that owns nothing
STRIKE = (
    "I failed Step 1 in May 2023. A long strike on the city's bus network cost me most of my "
    "review sessions that spring. I passed on the second attempt in January 2024 with 228."
)
RENOVATION = (
    "I failed Step 1 in May 2023. Renovation work in our building consumed the evenings I had "
    "kept for review. I passed on the second attempt in January 2024 with 228."
)
STRIKE_OWNED = (
    "I failed Step 1 in May 2023. A long strike on the city's bus network cost me most of my "
    "review sessions that spring. I should have moved my studying to the library near home, "
    "and for the retake I did. I passed on the second attempt in January 2024 with 228."
)
CAREGIVING_GAP = (
    "From March 2020 to June 2022 my mother's illness kept me from clinical work, as I was her "
    "only caregiver. During that time I completed 40 hours of online CME. She is stable now and "
    "I am fully available for training."
)


def test_a_circumstance_acting_on_the_applicant_in_an_unowned_text_is_blame():
    for text in (STRIKE, RENOVATION):
        review = review_text(text, "additional-info", flag="exam-failure")
        blame = [f for f in review.findings if f.type == "blame"]
        assert blame, text
        assert "whole text" in blame[0].message


def test_a_circumstance_whose_consequence_is_owned_is_not_blame():
    review = review_text(STRIKE_OWNED, "additional-info", flag="exam-failure")
    assert "blame" not in review.finding_types


def test_a_gaps_reason_acting_on_the_applicant_is_not_blame():
    review = review_text(CAREGIVING_GAP, "additional-info", flag="unexplained-gap")
    assert "blame" not in review.finding_types


def test_the_writer_as_the_cause_is_no_circumstance():
    rules = load_rules()
    sentence = analyse(
        "Because I took on two research projects that spring, my preparation suffered."
    ).sentences[0]
    assert circumstance(sentence, rules) is None


def test_a_defensive_sentence_may_blame_as_well():
    text = (
        "I failed Step 2 CK in 2022. The exam is built around American guidelines that we were "
        "never taught, so it does not measure clinical ability. I passed in 2023 with 230."
    )
    review = review_text(text, "additional-info", flag="exam-failure")
    assert {"blame", "defensive"} <= review.finding_types


@pytest.mark.parametrize(
    ("flag", "not_it", "it"),
    [
        (  # English as a language spoken is a strength, not the flag
            "english-proficiency",
            "I speak Portuguese, fluent English and some Italian with my patients.",
            "I did not reach the required OET writing grade in 2022.",
        ),
        (  # a second attempt in a clinical scene is no exam's
            "exam-failure",
            "The registrar placed the line on the second attempt, calmly and without fuss.",
            "I passed Step 2 CK on the second attempt with a score of 231.",
        ),
    ],
)
def test_a_topic_needs_its_own_context(flag, not_it, it):
    rules = load_rules()
    assert flag not in topic_sentences(analyse(not_it), rules)
    assert flag in topic_sentences(analyse(it), rules)


def test_an_aim_and_a_way_of_thinking_are_no_hedges():
    plain = (
        "I failed Step 1 in May 2022. I studied alone and never took a timed practice test. "
        "That changed how I think about preparation: I now study with a group twice a week. "
        "I passed in March 2023 with 230, and I hope to train in internal medicine."
    )
    assert "hedging" not in review_text(plain, "additional-info", flag="exam-failure").finding_types
    hedged = (
        "I failed Step 1 in May 2022. I think maybe I did not study enough. I hope my letters "
        "show that I have changed. I passed in March 2023 with 230."
    )
    assert "hedging" in review_text(hedged, "additional-info", flag="exam-failure").finding_types


LETTER_EPISODE = (
    "Dear Program Director,\n\n"
    "I have supervised Dr. Ana Silva in our medicine clinic since 2024. In May she took over "
    "the anticoagulation follow-up for our clinic and called every patient after discharge. "
    "I watched her lead a difficult family meeting in October about a move to palliative care. "
    "She is honest, caring and hardworking.\n\n"
    "I recommend her strongly.\n\nSincerely,\nJohn Reed, MD\nAssistant Professor of Medicine"
)
LETTER_STOCK = (
    "Dear Program Director,\n\n"
    "I have known Dr. Ana Silva since 2024. She is honest, caring and hardworking. She is "
    "always pleasant with patients and staff. She will be an asset to any program.\n\n"
    "I recommend her.\n\nSincerely,\nJohn Reed, MD"
)


def test_a_letters_episode_in_any_words_is_no_generic_letter():
    review = review_text(LETTER_EPISODE, "letter")
    assert "anecdote" not in review.missing_parts
    assert "generic-letter" not in review.finding_types
    assert "letter-writer" not in review.finding_types  # an assistant professor is faculty
    assert "generic-letter" in review_text(LETTER_STOCK, "letter").finding_types


@pytest.mark.parametrize(
    "sentence",
    [
        "My board score is not a fair measure of the doctor I have become.",
        "A written exam cannot capture what I do at the bedside.",
        "I would point out that residents are rarely judged on their licensing scores.",
        "My citizenship says nothing about my ability to care for patients.",
    ],
)
def test_disputing_the_measure_or_arguing_with_the_reader_is_defensive(sentence):
    text = f"I failed Step 2 CK in 2022. {sentence} I passed in 2023 with 230."
    review = review_text(text, "additional-info", flag="exam-failure")
    assert "defensive" in review.finding_types


def test_a_choice_made_clear_is_not_defensive():
    text = (
        "I left my surgery residency in 2021. The months in the intensive care unit made it "
        "clearer that I wanted anesthesiology, and I told my program director in March. Since "
        "then I have completed two anesthesiology electives in Ohio."
    )
    review = review_text(text, "additional-info", flag="prior-residency")
    assert "defensive" not in review.finding_types


@pytest.mark.parametrize(
    "sentence",
    [
        "I have no objection to her joining a residency program.",
        "I have seen her only briefly, on two clinic mornings.",
        "Her clinical reasoning is appropriate for her stage of training.",
        "She seems motivated and was pleasant to have on the ward.",
    ],
)
def test_grudging_limited_or_pitched_praise_is_a_warning(sentence):
    assert "warning-phrase" in review_text(sentence, "letter").finding_types


def test_a_strong_letter_sentence_is_no_warning():
    sentence = "She managed twelve ward patients alone by her third week, the most of any intern."
    assert "warning-phrase" not in review_text(sentence, "letter").finding_types


@pytest.mark.parametrize(
    "sentence",
    [
        "I kept my night shifts that spring and underestimated how much the exam had changed.",
        "I started timed blocks late, in the final fortnight.",
        "I bought three question banks and never finished any of them.",
    ],
)
def test_the_applicants_own_doing_in_other_words_owns_the_event(sentence):
    rules = load_rules()
    cues = rules.parts[("explanation", "responsibility")]
    window = rules.rules.structure_negation_window
    found = analyse(sentence).sentences[0]
    assert any(m.hits(found, rules.negation, window) for m in cues)
    text = (
        f"I failed Step 1 in May 2022. {sentence} For the retake I used one question bank with "
        "full review and a weekly NBME form. I passed in February 2023 with 229."
    )
    review = review_text(text, "additional-info", flag="exam-failure")
    assert "responsibility" not in review.missing_parts


def test_a_conditional_part_is_no_prompt_of_an_outline_or_an_answer_structure():
    from smartpick.texts.interview import _structure_labels

    rules = load_rules()
    labels = _structure_labels("prior-residency", rules)
    assert "own part in leaving (no external blame)" not in labels
    assert "own part in the last cycle (no external blame)" in _structure_labels(
        "reapplicant", rules
    )
