"""The shipped sentence model (data/text_model.json) against the data it was trained on."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from smartpick.datafiles import read_text
from smartpick.texts.sentences import LABELS, load_model

DATA = Path(__file__).resolve().parent / "data" / "texts"


def test_the_model_was_trained_on_the_committed_sentences():
    provenance = json.loads(read_text("text_model.json"))["provenance"]
    sentences = hashlib.sha256((DATA / "sentences.yaml").read_bytes()).hexdigest()
    extra = hashlib.sha256((DATA / "sentences-extra.yaml").read_bytes()).hexdigest()
    assert provenance["data_sha256"] == sentences, "retrain: python benchmarks/train_texts.py"
    assert provenance["extra_sha256"] == extra, "retrain: python benchmarks/train_texts.py"


def test_every_label_has_weights_and_a_threshold_in_range():
    model = load_model()
    for label in LABELS:
        assert model.weights[label] and 0.0 < model.thresholds[label] < 1.0
    # a sentence of the train half is labelled as it was written
    blame = frozenset({"s:exam", "w:disadvantage", "w:format", "w:international"})
    assert model.probability("blame", blame) > model.probability("blame", frozenset({"s:i"}))
