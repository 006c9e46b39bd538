"""Per-sentence classifiers: blame, ownership, concrete change, evidence, vague, letter warning.

A logistic regression per label over sparse features of one sentence: its lemmas,
the Brown-cluster path prefixes of its words (the English clusters shipped in
``spacy-lookups-data``, so "proctor", "exam" and "school" share a prefix and a sentence about
one generalises to the others), the words before its first verb (a cheap grammatical
subject: "the attending singled me out" vs "I failed"), shapes (years, scores, counts) and the
hits of the explainable rule layer (``data/text_rules.yaml``); and the sentence's embedding
(``embedding.py``: WordLlama's static token vectors, averaged, scaled to a fixed length), so
that wordings the sparse features never saw still land near those they did.

The weights live in ``data/text_model.json``, trained by ``benchmarks/train_texts.py`` on the
train halves of ``tests/data/texts/sentences.yaml`` and ``sentences-train2.yaml`` and on
``sentences-extra.yaml``; docs/texts.md gives the held-out figures.
"""

from __future__ import annotations

import gzip
import json
import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..datafiles import read_text
from .embedding import Vector, embed
from .nlp import Sentence
from .rules import CompiledRules, could_match

LABELS = ("blame", "ownership", "change", "evidence", "vague", "warning")
MODEL_FILE = "text_model.json"
CLUSTER_PREFIXES = (4, 8, 12)
# the sentence vector's length against the L2 penalty shared with the 0/1 sparse features
# (chosen by 5-fold cross-validation on the training set among 2, 3, 5 and 10)
DENSE_SCALE = 3.0
MIN_WORD_PROB = -17.0  # clusters of the ~100k most frequent words are kept (assumed cut-off)
_FIRST_PERSON = frozenset({"i", "my", "me", "mine", "myself"})
AUXILIARIES = frozenset(
    {"was", "were", "is", "are", "am", "be", "been", "had", "has", "have", "did", "do", "does"}
    | {"will", "would", "could", "should", "can", "may", "might", "must", "'s"}
)
# rule finding types and explanation parts whose hits are features of the sentence
_RULE_TYPES = ("blame", "vague", "defensive", "hedging", "melodrama", "warning-phrase")
_PART_KEYS: tuple[tuple[str, str], ...] = tuple(
    ("explanation", part) for part in ("responsibility", "changed", "evidence", "learned")
)


@dataclass(frozen=True)
class SentenceModel:
    """Per label: sparse feature weights, embedding weights, a bias and the decision threshold
    chosen on the training set's out-of-fold probabilities."""

    weights: dict[str, dict[str, float]]
    bias: dict[str, float]
    thresholds: dict[str, float]
    dense: dict[str, Vector]  # label -> weights of the scaled sentence vector
    # blame, vague, warning: the probability a finding of the model's own needs (the lowest
    # with out-of-fold precision >= 0.95 on the training set)
    finding_thresholds: dict[str, float]

    def probability(
        self, label: str, features: Iterable[str], vector: Sequence[float] | None = None
    ) -> float:
        weights = self.weights[label]
        z = self.bias[label] + sum(weights.get(f, 0.0) for f in features)
        if vector is not None:
            z += sum(map(operator.mul, vector, self.dense[label]))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def labels(
        self, features: frozenset[str], vector: Sequence[float] | None = None
    ) -> frozenset[str]:
        return frozenset(
            label
            for label in LABELS
            if self.probability(label, features, vector) >= self.thresholds[label]
        )


@lru_cache(maxsize=1)
def load_model() -> SentenceModel:
    data = json.loads(read_text(MODEL_FILE))
    dense = {label: tuple(map(float, w)) for label, w in data["dense"].items()}
    findings = data["finding_thresholds"]
    return SentenceModel(data["weights"], data["bias"], data["thresholds"], dense, findings)


def sentence_vectors(texts: Sequence[str]) -> list[Vector]:
    """The model's view of each text's embedding: unit length times ``DENSE_SCALE``."""
    out = []
    for vector in embed(texts):
        norm = math.sqrt(sum(x * x for x in vector)) or 1.0
        out.append(tuple(DENSE_SCALE * x / norm for x in vector))
    return out


@lru_cache(maxsize=1)
def cluster_table() -> dict[str, str]:
    """word -> Brown-cluster path (most frequent words), cached after the first run."""
    import spacy_lookups_data

    from ..cache import cached

    version = getattr(spacy_lookups_data, "__version__", "unknown")
    return cached(f"clusters-spacy-lookups-data-{version}", _read_clusters, dict)


def _read_table(name: str) -> dict:
    data = resources.files("spacy_lookups_data") / "data" / name
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        table: dict = json.load(text)
    return table


def _read_clusters() -> dict[str, str]:
    """spaCy stores a cluster path as an integer of its reversed bit string."""
    probs = _read_table("en_lexeme_prob.json.gz")
    clusters = _read_table("en_lexeme_cluster.json.gz")
    return {
        word: format(number, "b")[::-1]
        for word, number in clusters.items()
        if number and probs.get(word, -99.0) >= MIN_WORD_PROB
    }


def subject_end(sentence: Sentence) -> int:
    """Index of the first verb-like token (an auxiliary or an inflected -ed/-s verb form)."""
    for i, token in enumerate(sentence.tokens[1:], start=1):
        if token.text in AUXILIARIES or (token.text != token.lemma and token.text.endswith("ed")):
            return i
    return min(4, len(sentence.tokens))


def features(sentence: Sentence, rules: CompiledRules) -> frozenset[str]:
    """The sparse features of ``sentence`` (names, each present or not)."""
    clusters = cluster_table()
    words = [t for t in sentence.tokens if t.text[0].isalnum() or t.text in {";", ":"}]
    found = {"w:" + t.lemma for t in words}
    for token in words:
        path = clusters.get(token.text, "")
        found |= {f"c{n}:{path[:n]}" for n in CLUSTER_PREFIXES if len(path) >= n}
    for token in sentence.tokens[: subject_end(sentence)]:
        found.add("s:" + token.lemma)
        path = clusters.get(token.text, "")
        found |= {f"sc{n}:{path[:n]}" for n in CLUSTER_PREFIXES[:2] if len(path) >= n}
    return frozenset(found | _shape_features(sentence) | _rule_features(sentence, rules))


def _shape_features(sentence: Sentence) -> set[str]:
    texts = [t.text for t in sentence.tokens]
    found = set()
    if any(t.isdigit() and 1950 <= int(t) <= 2039 for t in texts):
        found.add("shape:year")
    if any(t.isdigit() and 150 <= int(t) <= 300 for t in texts):
        found.add("shape:score")
    if any(t.replace(",", "").isdigit() for t in texts):
        found.add("shape:number")
    if texts and texts[0] in _FIRST_PERSON:
        found.add("shape:first-person-start")
    if not _FIRST_PERSON.intersection(texts):
        found.add("shape:no-first-person")
    if sentence.word_count <= 8:
        found.add("shape:short")
    return found


def _rule_features(sentence: Sentence, rules: CompiledRules) -> set[str]:
    found = set()
    negation, reach = rules.negation, rules.rules.negation_window
    for name in _RULE_TYPES:
        matchers = rules.findings[name]
        if could_match(sentence, matchers) and any(
            m.hits(sentence, negation, reach) for m in matchers
        ):
            found.add("rule:" + name)
    window = rules.rules.structure_negation_window
    for key in _PART_KEYS:
        matchers = rules.parts[key]
        if could_match(sentence, matchers) and any(
            m.hits(sentence, negation, window) for m in matchers
        ):
            found.add("part:" + key[1])
    return found


def sentence_labels(sentence: Sentence, rules: CompiledRules) -> frozenset[str]:
    """The labels the model gives ``sentence``."""
    return load_model().labels(features(sentence, rules), sentence_vectors([sentence.text])[0])
