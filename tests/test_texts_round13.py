"""Issue 17, thirteenth round: a writer's claim with no specific fact is vague beside an
argument, a hedge or a stock claim; a real reason for a gap is no blame; the writer acting in
the perfect ("I had taken a night job") tells the writer's own cause. Texts written for these
tests (in no set)."""

from __future__ import annotations

from texts_review import found as _types


def test_a_template_of_claims_is_vague():
    text = (
        "This is my second application to the Match. Since then I have worked hard to "
        "strengthen my application in every area. I am more prepared than ever and eager to "
        "contribute to your program."
    )
    assert "vague" in _types(text, "reapplicant")


def test_a_claim_beside_an_argument_is_vague():
    text = (
        "My Step 2 CK score does not fully reflect my potential. I have worked hard on my weak "
        "areas and have grown a great deal since then. I am a dedicated physician who will "
        "bring compassion to your program."
    )
    assert "vague" in _types(text, "low-step2ck")


def test_a_claim_with_its_facts_is_not_vague():
    text = (
        "My Step 2 CK score of 221 in June 2023 was lower than my practice scores. I rebuilt my "
        "schedule with my mentor, Dr. Alvarez: 40 UWorld questions every morning and one NBME "
        "form every two weeks. I scored 238 on Step 3 in May 2024."
    )
    assert "vague" not in _types(text, "low-step2ck")


def test_a_gaps_claims_are_left_to_its_structure():
    text = (
        "Between 2019 and 2021 I was not in clinical practice. I used the time well and kept "
        "myself busy with many activities. I have developed a great deal as a person. I am "
        "now ready for residency."
    )
    assert "vague" not in _types(text, "unexplained-gap")


def test_a_real_reason_for_a_gap_is_no_blame():
    text = (
        "From 2015 to 2018 I was not practising. I left Aleppo in 2015 because the hospital I "
        "worked in was closed, and my family moved to Amman, where I could not obtain a "
        "licence. Three days a week I volunteered at a refugee clinic, taking histories and "
        "vaccinating children. I passed Step 1 in 2019 and Step 2 CK in 2020."
    )
    assert "blame" not in _types(text, "unexplained-gap", "interview-answer")


def test_a_gap_put_on_others_still_blames():
    text = (
        "There is a gap in my CV because of my family. They did not allow me to travel or to "
        "work, so I lost two years because of them."
    )
    assert "blame" in _types(text, "unexplained-gap")


def test_the_writers_own_cause_in_the_perfect_is_no_blame():
    text = (
        "I repeated my fourth year in 2014 after failing surgery and paediatrics. I had taken "
        "a night job at a call centre that year and let it take the evenings I needed for "
        "study. I left the job, studied with two classmates five evenings a week and passed "
        "every subject of the repeated year."
    )
    assert "blame" not in _types(text, "repeated-year")


def test_another_actor_before_the_writer_still_blames():
    text = (
        "The note in my MSPE is about a surgery resident. He said I left before sign-out, but "
        "the schedule we were given said our shift ended at five and nobody told us anything "
        "different. The evaluation was submitted before I could explain."
    )
    assert "blame" in _types(text, "professionalism", "interview-answer")
