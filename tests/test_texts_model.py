"""The shipped sentence model (data/text_model.json) against the data it was trained on."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from smartpick.datafiles import read_text
from smartpick.texts.sentences import LABELS, load_model

DATA = Path(__file__).resolve().parent / "data" / "texts"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from texts_corpus import HALF_ONLY, usable_sha256  # noqa: E402
from train_texts import FRESH_NAMES  # noqa: E402


def test_the_model_was_trained_on_the_committed_sentences():
    provenance = json.loads(read_text("text_model.json"))["provenance"]
    sentences = hashlib.sha256((DATA / "sentences.yaml").read_bytes()).hexdigest()
    extra = hashlib.sha256((DATA / "sentences-extra.yaml").read_bytes()).hexdigest()
    assert provenance["data_sha256"] == sentences, "retrain: python benchmarks/train_texts.py"
    assert provenance["extra_sha256"] == extra, "retrain: python benchmarks/train_texts.py"
    train2 = hashlib.sha256((DATA / "sentences-train2.yaml").read_bytes()).hexdigest()
    manifest = hashlib.sha256((DATA / "manifest.yaml").read_bytes()).hexdigest()
    assert provenance["train2_sha256"] == train2, "retrain: python benchmarks/train_texts.py"
    assert provenance["manifest_sha256"] == manifest, "retrain: python benchmarks/train_texts.py"
    counts = provenance["sentences_per_file"]
    assert (
        counts["sentences-train2.yaml"] >= 150 and sum(counts.values()) == provenance["sentences"]
    )


def test_the_model_names_the_embedding_weights_it_was_trained_with():
    """The installed wordllama weights are the ones the dense weights were fitted on."""
    from smartpick.texts.embedding import DIMENSIONS, WEIGHTS, package_folder

    embedding = json.loads(read_text("text_model.json"))["provenance"]["embedding"]
    installed = hashlib.sha256((package_folder() / WEIGHTS).read_bytes()).hexdigest()
    assert embedding["weights_sha256"] == installed
    assert embedding["file"] == WEIGHTS and embedding["dimensions"] == DIMENSIONS
    assert embedding["licence"].startswith("MIT")


def test_every_label_has_weights_and_a_threshold_in_range():
    model = load_model()
    for label in LABELS:
        assert model.weights[label] and 0.0 < model.thresholds[label] < 1.0
        assert len(model.dense[label]) == 256 and any(model.dense[label])
    for label in ("blame", "vague", "warning"):  # a finding needs more than the label
        assert model.thresholds[label] <= model.finding_thresholds[label] < 1.0
    # a sentence of the train half is labelled as it was written
    blame = frozenset({"s:exam", "w:disadvantage", "w:format", "w:international"})
    assert model.probability("blame", blame) > model.probability("blame", frozenset({"s:i"}))


def test_the_model_names_the_fresh_sets_it_was_trained_on():
    """The thirteen fresh sets (seen since issue 17's third to thirteenth rounds) train it: every
    file's digest (the fourth round left fresh3 out; the fifth trains on four, the sixth on
    fresh5 and fresh6's tune half, the seventh on all of fresh6, the eighth on all of fresh7,
    the ninth on all of fresh8, the tenth on all of fresh9, the twelfth on all of fresh10,
    fresh11 and fresh12, the thirteenth on all of fresh13: docs/texts.md); a set of
    ``HALF_ONLY`` by its used half only, never a digest of its files."""
    fresh = json.loads(read_text("text_model.json"))["provenance"]["fresh_sha256"]
    for folder in FRESH_NAMES:
        for name in ("sentences.yaml", "manifest.yaml"):
            digest = hashlib.sha256((DATA / folder / name).read_bytes()).hexdigest()
            assert fresh[f"{folder}/{name}"] == digest, "retrain: python benchmarks/train_texts.py"
        lines = "".join(
            f"{p.name} {hashlib.sha256(p.read_bytes()).hexdigest()}\n"
            for p in sorted((DATA / folder).glob("*.txt"))
        )
        texts = hashlib.sha256(lines.encode()).hexdigest()
        assert fresh[f"{folder}/*.txt"] == texts, "retrain: python benchmarks/train_texts.py"
    for folder in HALF_ONLY:  # its used half only, digested through the loaders
        digest = usable_sha256(DATA / folder)
        assert fresh[f"{folder} (tune texts, train sentences)"] == digest, "retrain: train_texts.py"
        assert not any(key.startswith(f"{folder}/") for key in fresh)
