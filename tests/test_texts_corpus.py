"""The labelled corpus of texts (tests/data/texts) and its fixed-seed split."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from texts_corpus import FINDING_TYPES, load_corpus, split_halves  # noqa: E402

KINDS = {"additional-info", "personal-statement", "letter", "interview-answer"}
TYPES = set(FINDING_TYPES)
CATEGORIES = {
    "exam-failure",
    "low-score",
    "gap",
    "old-graduate",
    "professionalism",
    "prior-residency",
    "specialty-switch",
    "reapplicant",
    "visa-english",
}


def test_corpus_has_sixty_labelled_texts_with_reasons():
    texts = load_corpus()
    assert len(texts) >= 60
    assert len({t.id for t in texts}) == len(texts)
    for t in texts:
        assert t.label in {"strong", "weak"} and t.kind in KINDS
        assert set(t.expect) <= TYPES, t.id
        assert len(t.reason) > 20 and t.text.strip()
        if t.label == "strong":
            assert t.expect == (), t.id


def test_every_red_flag_category_has_strong_and_weak_texts():
    labels = {(t.category, t.label) for t in load_corpus()}
    for category in CATEGORIES | {"letter", "personal-statement"}:
        assert (category, "strong") in labels and (category, "weak") in labels, category


def test_letters_with_and_without_warning_phrases():
    letters = [t for t in load_corpus() if t.kind == "letter"]
    assert sum("warning-phrase" in t.expect for t in letters) >= 3
    assert sum("warning-phrase" not in t.expect for t in letters) >= 3


def test_split_is_fixed_disjoint_and_balanced():
    texts = load_corpus()
    first, second = split_halves(texts), split_halves(list(reversed(texts)))
    assert [t.id for t in first["holdout"]] == [t.id for t in second["holdout"]]
    tune, holdout = {t.id for t in first["tune"]}, {t.id for t in first["holdout"]}
    assert not tune & holdout and len(tune | holdout) == len(texts)
    assert abs(len(tune) - len(holdout)) <= 1
    kinds = Counter(t.kind for t in first["holdout"])
    assert set(kinds) == KINDS


def test_a_later_batch_leaves_earlier_texts_in_their_half():
    texts = load_corpus()
    assert {t.batch for t in texts} >= {1, 2, 3}
    alone = split_halves([t for t in texts if t.batch == 1])
    joint = split_halves(texts)
    for name in ("tune", "holdout"):
        earlier = {t.id for t in joint[name] if t.batch == 1}
        assert earlier == {t.id for t in alone[name]}


def test_sentence_set_has_the_paraphrase_groups_with_known_labels():
    from texts_corpus import SENTENCE_LABELS, load_sentences, split_sentences

    sentences = load_sentences()
    assert len({s.text for s in sentences}) == len(sentences)
    assert all(set(s.labels) <= set(SENTENCE_LABELS) for s in sentences)
    assert all(s.kind in {"explanation", "letter"} for s in sentences)
    held = Counter(s.group for s in split_sentences(sentences)["holdout"])
    # the paraphrase set, in the held-out half alone
    floors = {"subtle-blame": 15, "harmless-because": 10, "letter-warning": 12, "strong-letter": 6}
    for group, floor in floors.items():
        assert held[group] >= floor, group
    blame = [s for s in sentences if s.group == "harmless-because"]
    assert not any("blame" in s.labels for s in blame)


def test_sentence_split_is_fixed_and_disjoint():
    from texts_corpus import load_sentences, split_sentences

    sentences = load_sentences()
    first = split_sentences(sentences)
    again = split_sentences(list(reversed(sentences)))
    assert [s.text for s in first["holdout"]] == [s.text for s in again["holdout"]]
    train, held = {s.text for s in first["train"]}, {s.text for s in first["holdout"]}
    assert not train & held and len(train | held) == len(sentences)


def test_second_sentence_set_is_new_labelled_and_has_its_weak_spots_in_both_halves():
    from texts_corpus import (
        EXTRA_SENTENCES_FILE,
        SENTENCE_LABELS,
        TRAIN2_SENTENCES_FILE,
        load_sentences,
        split_sentences,
    )

    second = load_sentences(TRAIN2_SENTENCES_FILE)
    earlier = {s.text for s in load_sentences() + load_sentences(EXTRA_SENTENCES_FILE)}
    assert len(second) >= 300 and len({s.text for s in second}) == len(second)
    assert not earlier & {s.text for s in second}
    assert all(set(s.labels) <= set(SENTENCE_LABELS) for s in second)
    halves = split_sentences(second)
    floors = {"t2-subtle-blame": 25, "t2-harmless-because": 10, "t2-letter-warning": 15}
    for half in halves.values():
        groups = Counter(s.group for s in half)
        assert all(groups[group] >= floor for group, floor in floors.items())
    assert not any("blame" in s.labels for s in second if "harmless" in s.group)


def test_a_second_readers_labels_cover_their_set_and_use_known_types():
    """benchmarks/agree_texts.py compares two readers text by text: a second reader's file
    labels exactly its set's texts, with the corpus's labels and finding types."""
    import yaml

    data = Path(__file__).resolve().parent / "data" / "texts"
    files = sorted(data.glob("fresh*/second-reader.yaml"))
    assert files
    for path in files:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]
        ids = [e["id"] for e in entries]
        assert sorted(ids) == sorted(t.id for t in load_corpus(path.parent)), path
        for e in entries:
            assert e["label"] in {"strong", "weak"}
            assert set(e["expect"]) <= TYPES
            assert (e["label"] == "strong") == (not e["expect"]), e["id"]
