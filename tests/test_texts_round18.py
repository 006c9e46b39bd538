"""Issue 17, eighteenth round: the ownership label's decision threshold is fixed (0.30, chosen
by the eighteen-fold cross-validation) instead of the out-of-fold choice on each training set,
which moved between 0.23 and 0.47 as sets were added; and a blame the sentence model is sure
of outweighs an ownership it is not sure of in the same sentence, whoever the sentence names
("described me as careless"): before, where "I" or "me" appeared, any ownership over its
label's threshold removed the blame and owned the event. Texts written for these tests (in no
set)."""

from __future__ import annotations

import sys
from pathlib import Path

from smartpick.texts.sentences import load_model
from texts_review import reported as _types

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from train_texts import FIXED_THRESHOLDS  # noqa: E402


def test_the_shipped_model_uses_the_fixed_thresholds():
    assert "ownership" in FIXED_THRESHOLDS
    model = load_model()
    for label, cut in FIXED_THRESHOLDS.items():
        assert model.thresholds[label] == cut, "retrain: python benchmarks/train_texts.py"


# "I overcommitted myself that year" owns the event at 0.31 (under 0.346, the out-of-fold
# choice on the eighteen sets); the sentence before it tells no cause, so nothing else owns it
OVERCOMMITTED = (
    "I failed the internal medicine shelf examination in March 2022. It was the second of "
    "three shelf examinations that spring. I overcommitted myself that year. Since April 2022 "
    "I have kept to one research project at a time and studied two hours each morning with "
    "question banks, and I passed the repeat examination in June 2022 with a score of 78."
)


def test_an_ownership_over_the_fixed_threshold_owns_the_event():
    assert "ownership-missing" not in _types(OVERCOMMITTED, "academic-failure")


def test_a_text_with_no_ownership_still_misses_it():
    text = OVERCOMMITTED.replace("I overcommitted myself that year. ", "")
    text = text.replace("that spring.", "that spring, with two weeks between them.")
    assert "ownership-missing" in _types(text, "academic-failure")


NAMED_OBJECT = (
    "My MSPE notes a professionalism concern from my internship in 2021. The complaint that the "
    "charge nurse filed described me as careless and rude, but I had only asked her to repeat "
    "an order that made no sense. I have worked with nurses without any problem in every post "
    "since then."
)


def test_a_sure_blame_naming_the_writer_is_still_blame():
    types = _types(NAMED_OBJECT, "professionalism")
    assert "blame" in types
    assert "ownership-missing" in types


OWNED_BESIDE_BLAME = (
    "My MSPE notes a professionalism concern from my internship in 2021. The nurse never paged "
    "me, but I should have checked on the patient myself and that is on me. Since then I "
    "review every patient on my list before midnight, and my evaluations in 2022 and 2023 "
    "rated my teamwork as excellent."
)


def test_a_clear_ownership_beside_blame_still_owns_the_event():
    types = _types(OWNED_BESIDE_BLAME, "professionalism")
    assert "blame" not in types
    assert "ownership-missing" not in types
