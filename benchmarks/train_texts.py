"""Train the per-sentence classifiers of the text review (src/smartpick/data/text_model.json).

On the train half of tests/data/texts/sentences.yaml only (benchmarks/texts_corpus.py fixes the
split). Per label, an L2-regularised logistic regression over the features of
``smartpick.texts.sentences.features``; its decision threshold is chosen from 5-fold
out-of-fold probabilities on the train half (the highest F1 among thresholds whose precision
is at least 0.85, else the highest F1). The held-out half is measured by bench_texts.py.

    python benchmarks/train_texts.py            # writes the model file
    python benchmarks/train_texts.py --check    # compares with the shipped file, writes nothing
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

sys.path.insert(0, str(Path(__file__).resolve().parent))

from texts_corpus import (  # noqa: E402
    EXTRA_SENTENCES_FILE,
    SENTENCES_FILE,
    LabelledSentence,
    load_sentences,
    split_sentences,
)

from smartpick.texts.nlp import analyse  # noqa: E402
from smartpick.texts.rules import load_rules  # noqa: E402
from smartpick.texts.sentences import LABELS, MODEL_FILE, features  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "smartpick" / "data" / MODEL_FILE
L2 = 1.0  # the penalty on the squared weights (fixed before training; assumed)
FOLDS = 5
MIN_PRECISION = 0.85


def sentence_features(sentence: LabelledSentence) -> frozenset[str]:
    doc = analyse(sentence.text)
    found: set[str] = set()
    for part in doc.sentences:
        found |= features(part, load_rules())
    return frozenset(found)


def pool(label: str, sentences: list[LabelledSentence]) -> list[LabelledSentence]:
    """Letters for the warning label, explanations for the others."""
    return [s for s in sentences if (s.kind == "letter") == (label == "warning")]


def fit(rows: list[frozenset[str]], y: np.ndarray) -> tuple[dict[str, float], float]:
    vocab = sorted({f for row in rows for f in row})
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(rows), len(vocab)))
    for r, row in enumerate(rows):
        x[r, [index[f] for f in row]] = 1.0

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + L2 * w @ w / 2
        grad_z = p - y
        return value, np.concatenate([x.T @ grad_z + L2 * w, [grad_z.sum()]])

    theta = minimize(loss, np.zeros(len(vocab) + 1), jac=True, method="L-BFGS-B").x
    weights = {f: float(theta[i]) for f, i in index.items() if abs(theta[i]) > 1e-4}
    return weights, float(theta[-1])


def predict(weights: dict[str, float], bias: float, row: frozenset[str]) -> float:
    z = bias + sum(weights.get(f, 0.0) for f in row)
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def threshold(probabilities: list[float], y: list[int]) -> float:
    best: tuple[bool, float, float] = (False, 0.0, 0.5)
    for t in sorted(set(probabilities)):
        tp = sum(1 for p, v in zip(probabilities, y, strict=True) if p >= t and v)
        fp = sum(1 for p, v in zip(probabilities, y, strict=True) if p >= t and not v)
        fn = sum(1 for p, v in zip(probabilities, y, strict=True) if p < t and v)
        if tp == 0:
            continue
        precision, f1 = tp / (tp + fp), 2 * tp / (2 * tp + fp + fn)
        best = max(best, (precision >= MIN_PRECISION, f1, t))
    return best[2]


def out_of_fold(rows: list[frozenset[str]], y: np.ndarray) -> list[float]:
    folds = [i % FOLDS for i in range(len(rows))]
    probabilities = [0.0] * len(rows)
    for k in range(FOLDS):
        train = [i for i in range(len(rows)) if folds[i] != k]
        weights, bias = fit([rows[i] for i in train], y[train])
        for i in range(len(rows)):
            if folds[i] == k:
                probabilities[i] = predict(weights, bias, rows[i])
    return probabilities


def training_set() -> list[LabelledSentence]:
    return split_sentences(load_sentences())["train"] + load_sentences(EXTRA_SENTENCES_FILE)


def cross_validate() -> None:
    """Out-of-fold AUC, precision and recall per label on the training set (no held-out)."""
    sentences = training_set()
    rows = {s.text: sentence_features(s) for s in sentences}
    for label in LABELS:
        members = pool(label, sentences)
        y = [1 if label in s.labels else 0 for s in members]
        p = out_of_fold([rows[s.text] for s in members], np.array(y, dtype=float))
        t = threshold(p, y)
        tp = sum(1 for a, b in zip(p, y, strict=True) if a >= t and b)
        fp = sum(1 for a, b in zip(p, y, strict=True) if a >= t and not b)
        pos = [a for a, b in zip(p, y, strict=True) if b]
        neg = [a for a, b in zip(p, y, strict=True) if not b]
        auc = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / (len(pos) * len(neg))
        precision, recall = tp / max(1, tp + fp), tp / len(pos)
        print(f"{label:10} OOF AUC {auc:.3f} precision {precision:.2f} recall {recall:.2f}")


def train() -> dict:
    train_half = training_set()
    rows = {s.text: sentence_features(s) for s in train_half}
    model: dict = {"weights": {}, "bias": {}, "thresholds": {}}
    for label in LABELS:
        members = pool(label, train_half)
        x = [rows[s.text] for s in members]
        y = np.array([1.0 if label in s.labels else 0.0 for s in members])
        model["thresholds"][label] = round(threshold(out_of_fold(x, y), [int(v) for v in y]), 4)
        weights, bias = fit(x, y)
        model["weights"][label] = {f: round(w, 4) for f, w in sorted(weights.items())}
        model["bias"][label] = round(bias, 4)
    digest = hashlib.sha256(SENTENCES_FILE.read_bytes()).hexdigest()
    model["provenance"] = {
        "trained_by": "benchmarks/train_texts.py",
        "data": "tests/data/texts/sentences.yaml, train half (benchmarks/texts_corpus.py), "
        "and tests/data/texts/sentences-extra.yaml (train only)",
        "data_sha256": digest,
        "extra_sha256": hashlib.sha256(EXTRA_SENTENCES_FILE.read_bytes()).hexdigest(),
        "sentences": len(train_half),
        "l2": L2,
        "clusters": "spacy-lookups-data en_lexeme_cluster (MIT), words with log prob >= -17",
    }
    return model


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true", help="compare with the shipped model")
    parser.add_argument("--cv", action="store_true", help="cross-validate on the train set only")
    args = parser.parse_args()
    if args.cv:
        cross_validate()
        return
    model = train()
    text = json.dumps(model, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print("shipped model matches a fresh training" if same else "shipped model differs")
        sys.exit(0 if same else 1)
    OUT.write_text(text, encoding="utf-8")
    sizes = {label: len(model["weights"][label]) for label in LABELS}
    print(f"wrote {OUT.name}: thresholds {model['thresholds']}, weights {sizes}")


if __name__ == "__main__":
    main()
