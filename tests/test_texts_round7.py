"""Issue 17, seventh round: each change on texts and sentences written for these tests (in no
corpus or fresh set). On the code from the start of the round every test fails except the
negative checks (marked as such)."""

from __future__ import annotations

from smartpick.texts import review_text

# an English test retaken: no failing of the applicant's own to own
ENGLISH = (
    "My first OET result in 2024 was 320 in writing, under the 350 that ECFMG requires. I took "
    "a six-week writing course with a tutor in Lagos and sat the test again in March 2025, "
    "scoring 390 in writing and 410 in speaking."
)
# a template that accepts the event in general words
ACCEPTS = (
    "I was unsuccessful on Step 1. I take complete responsibility for this result. I have "
    "grown a great deal since then. My later performance reflects this growth."
)
# a specific exam-failure explanation of seven sentences
SEVEN = (
    "I failed Step 1 in June 2021 with a score of 188. I had studied from one review book and "
    "never sat a timed block before the exam. In July 2021 I switched to UWorld and did 40 "
    "timed questions a day. Every Sunday I took a full NBME form and logged each error by "
    "topic. My NBME scores rose from 192 to 236 over four months. I passed Step 1 in December "
    "2021 and Step 2 CK in 2022 with 241. I still take a timed block each week."
)
# a reapplication in general words that blames nobody
REAPPLY_GENERIC = (
    "This is my second application cycle. Since my last application I have strengthened my "
    "clinical experience and obtained new letters of recommendation. I am now a stronger "
    "candidate and ready to begin residency."
)
# a reapplication that puts the unmatched cycle on the competition
REAPPLY_BLAMES = (
    "I applied in the 2025 cycle and did not match. The Match has become extremely "
    "competitive for international graduates, and most programs were very selective. Since "
    "then I have completed a 12-week rotation in Ohio."
)
# a statement that praises professionalism, about no red flag
PRAISE_STATEMENT = (
    "During my pediatrics rotation in Cebu in 2021 I admitted a four-year-old with dengue "
    "shock at two in the morning. The senior resident, Dr. Reyes, talked me through the fluid "
    "boluses one by one, and by dawn the child was passing urine again. I was struck by her "
    "calm and by the professionalism of the whole night team. Since then I have completed "
    "twelve weeks of pediatrics in Texas and Ohio, where I carried five patients a day and "
    "presented them on rounds. I want to train where teaching is part of every shift."
)
# a letter's praise heard from others
HEARSAY = "I have heard excellent reports about him from the nurses on the ward."
# a statement of about 170 words with an episode: short of the 200-word floor
SHORT_STATEMENT = (
    "I chose internal medicine on a night in March 2023 at Mercy Hospital in Chicago. An "
    "elderly man with heart failure was breathless, and the night hospitalist, Dr. Park, "
    "worked through his diuretic dose, his potassium and his family's questions one at a "
    "time. By morning he was talking to his daughter. I liked that the work was both careful "
    "and human. Since then I have completed sixteen weeks of inpatient rotations in Illinois "
    "and Indiana, where I carried four to five patients and presented them each morning. I "
    "also reviewed 200 charts for a quality project on discharge medication errors. I want a "
    "residency with a busy ward service and strong teaching, and then to work as a "
    "hospitalist in a community hospital like the one where I first saw it done well. I am "
    "ready to learn from every night shift and every patient, and to bring the habits of those "
    "rotations, early notes and clear handoffs, to a team that teaches as it works."
)


def test_an_english_test_owes_no_ownership_part():
    review = review_text(ENGLISH, "additional-info", flag="english-proficiency")
    assert review.structure_name == "explanation"
    assert "responsibility" not in {p.id for p in review.structure}


def test_an_exam_failure_still_owes_ownership():
    """Negative check: the part is still owed for an exam failure."""
    review = review_text(
        "I failed Step 1 in 2021. I passed it in 2022 with 230.",
        "additional-info",
        flag="exam-failure",
    )
    assert "responsibility" in review.missing_parts


def test_accepting_the_event_owns_it_though_the_text_is_generic():
    review = review_text(ACCEPTS, "additional-info", flag="exam-failure")
    assert "responsibility" not in review.missing_parts
    assert review.score <= 70  # still a template: general claims cost their score


def test_an_explanation_two_sentences_over_the_range_is_not_too_long():
    assert "length" not in review_text(SEVEN, "additional-info", flag="exam-failure").finding_types
    longer = SEVEN + " I review my error log every month. I also teach a weekly review group."
    assert "length" in review_text(longer, "additional-info", flag="exam-failure").finding_types


def test_a_reapplication_owes_ownership_only_where_it_blames():
    plain = review_text(REAPPLY_GENERIC, "additional-info", flag="reapplicant")
    assert "responsibility" not in plain.missing_parts
    blames = review_text(REAPPLY_BLAMES, "additional-info", flag="reapplicant")
    assert "blame" in blames.finding_types
    assert "responsibility" in blames.missing_parts


def test_professionalism_as_a_virtue_is_no_red_flag():
    review = review_text(PRAISE_STATEMENT, "personal-statement")
    assert "professionalism" not in review.flags_mentioned
    assert "responsibility" not in review.missing_parts


def test_a_professionalism_record_is_still_the_flag():
    """Negative check: the flag named as a record."""
    text = "In 2022 I received a professionalism concern for late notes."
    assert "professionalism" in review_text(text, "additional-info").flags_mentioned


def test_praise_heard_from_others_is_a_letter_warning():
    assert "warning-phrase" in review_text(HEARSAY, "letter").finding_types


def test_a_residents_praise_heard_in_a_strong_letter_is_no_warning():
    """Negative check: "heard" in an episode the writer saw."""
    text = "Her talk on sepsis was the best our residents heard that year."
    assert "warning-phrase" not in review_text(text, "letter").finding_types


def test_the_actor_is_the_noun_before_the_writers_clause():
    text = (
        "I failed Step 2 CK in May 2022. That spring was busy. The review course I had paid for "
        "cancelled its live sessions in April. I passed in November 2022 with 236."
    )
    assert "blame" in review_text(text, "additional-info", flag="exam-failure").finding_types


def test_a_time_before_the_writer_is_no_actor():
    """Negative check: "The following year I passed" is the writer acting."""
    text = (
        "I failed Step 1 in June 2021. The following year I passed my exam with a score of 231 "
        "after I changed my study plan."
    )
    review = review_text(text, "additional-info", flag="exam-failure")
    assert "blame" not in review.finding_types


def test_a_statement_under_200_words_is_too_short():
    review = review_text(SHORT_STATEMENT, "personal-statement")
    assert 150 <= review.word_count < 200
    assert "length" in review.finding_types


def test_flags_named_in_other_words_are_topics():
    attempts = review_text("I needed three attempts to pass Step 1.", "personal-statement")
    assert "exam-failure" in attempts.flags_mentioned
    away = review_text(
        "I stepped away from medicine from 2019 to 2021 to care for my father.",
        "personal-statement",
    )
    assert "unexplained-gap" in away.flags_mentioned
