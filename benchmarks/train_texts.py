"""Train the per-sentence classifiers of the text review (src/smartpick/data/text_model.json).

On the train halves of tests/data/texts/sentences.yaml and sentences-train2.yaml, on the
train-only sentences-extra.yaml (benchmarks/texts_corpus.py fixes the splits), on the strong
tune-half texts' sentences, and on the fresh sets fresh to fresh5 (seen; ``FRESH_LABELS``).
Per label, an L2-regularised logistic regression over the sparse features of
``smartpick.texts.sentences.features`` and the sentence's embedding
(``smartpick.texts.sentences.sentence_vectors``); its decision threshold is chosen from 5-fold
out-of-fold probabilities on the training set (the highest F1 among thresholds whose precision
is at least 0.85, else the highest F1). The held-out halves are measured by bench_texts.py.

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
    CORPUS_DIR,
    EXTRA_SENTENCES_FILE,
    HALF_ONLY,
    SENTENCES_FILE,
    TRAIN2_SENTENCES_FILE,
    CorpusText,
    LabelledSentence,
    load_corpus,
    load_sentences,
    split_halves,
    split_sentences,
    usable_sentences,
    usable_sha256,
    usable_texts,
)

from smartpick.texts.embedding import DIMENSIONS, PACKAGE, TENSOR, WEIGHTS  # noqa: E402
from smartpick.texts.nlp import analyse  # noqa: E402
from smartpick.texts.rules import load_rules  # noqa: E402
from smartpick.texts.sentences import (  # noqa: E402
    DENSE_SCALE,
    LABELS,
    MODEL_FILE,
    features,
    sentence_vectors,
)
from smartpick.texts.substance import MAX_FINDING_WORDS, MIN_WORDS  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "src" / "smartpick" / "data" / MODEL_FILE
# the penalty on the squared weights (assumed; 1.0 until issue 17's seventh round, 2.0 since:
# leave-one-set-out over seven sets, full retraining, mean AUC 0.978 both, blame recall 0.813 ->
# 0.829, vague recall 0.693 -> 0.698, no direction's AUC down by more than 0.003)
L2 = 2.0
FOLDS = 5
MIN_PRECISION = 0.85
# a finding of the model's own (blame, vague, warning) needs out-of-fold precision >= 0.95
FINDING_PRECISION = 0.95
FINDING_LABELS = ("blame", "vague", "warning")
# (issue 17, fifth round; assumed) a letter's warning the model alone reports needs out-of-fold
# precision 0.90, not 0.95: with fresh3 and fresh4 in training the 0.95 threshold rose to 0.92
# to 0.98 and the review's warnings on the corpus's held-out letter sentences fell (recall
# 0.92 -> 0.54); chosen by cv_texts.py (warning-phrase R mean 0.94 -> 0.97, P unchanged)
FINDING_PRECISION_OF = {"warning": 0.90, "blame": 0.90}
# (issue 17, fourteenth round) labels whose decision threshold is fixed here, chosen by
# leave-one-set-out cross-validation of the review (cv_texts.py), instead of the highest
# out-of-fold F1 on the training set (which moved with each set added); a label's finding
# threshold is still at least its decision threshold. vague (assumed; range 0.25-0.35): the
# out-of-fold choice was 0.32 to 0.50 across the fourteen leave-one-set-out trainings and 0.45
# on all fourteen sets, where "I now keep this habit every day" (0.37) no longer counted as a
# general claim and the template kept its "what changed" part; in the fourteen-fold CV
# 0.25 and 0.30 give the same figures (vague 0.885 / 0.839 -> 0.886 / 0.843, no strong text's
# score changed, weak texts' lower), 0.35 the start's figures
# warning (issue 17, sixteenth round; assumed, range 0.40-0.46): the out-of-fold choice (the
# highest F1 with precision >= 0.85, on a flat curve) was 0.43 on fifteen sets, 0.46 on
# sixteen and 0.38 to 0.48 across the sixteen leave-one-set-out trainings; its finding
# threshold (precision >= 0.90, about 0.30) lies below it, so the choice decided the letters'
# warnings too, and at 0.46 "She needed several reminders to finish her discharge summaries"
# (0.45) was no longer one; fixed by the sixteen-fold CV (docs/texts.md)
# ownership (issue 17, eighteenth round; assumed, range 0.27-0.35): the out-of-fold choice was
# 0.234 to 0.470 across the eighteen leave-one-set-out trainings and 0.355, 0.234 and 0.346 on
# sixteen, seventeen and eighteen sets; the seventeenth round's retrain (0.355 -> 0.234) made
# a weak fresh18 text's "... described me as rude and uncooperative, but ..." (ownership
# 0.42) own its event, which cost the text its blame and ownership-missing. In the
# eighteen-fold CV 0.30 gives ownership-missing P 0.917 -> 0.928 (three texts lose a false
# one, two of them strong), R and the rest unchanged; 0.27 loses recall (0.892), 0.35 gives
# the start's figures, 0.40 P 0.915 (docs/texts.md)
FIXED_THRESHOLDS: dict[str, float] = {"vague": 0.30, "warning": 0.43, "ownership": 0.30}
TUNE_STRONG = "tune-strong"  # the group of the strong tune-half texts' sentences
STRONG_PREFIX = "strong-texts-"  # the group of a fresh set's strong texts' sentences
# the fresh sets that train the model (written without reading the rules; seen since issue
# 17's third to fifth rounds): their labelled sentences and strong texts. The fourth round left
# fresh3 out (it lowered the corpus's held-out sentence figures then); the fifth round trains on
# all four, the sixth on fresh5 too (measured blind once after the fifth round, docs/texts.md)
# and on fresh6's tune half, the seventh on all of fresh6 (measured once after the sixth round)
# and on fresh7's tune half, the eighth on all of fresh7 (measured once after the seventh
# round) and on fresh8's tune half (its texts' tune half, its sentences' train half), the ninth
# on all of fresh8 (measured once after the eighth round), the tenth on all of fresh9 (measured
# once after the ninth round), the twelfth on all of fresh10, fresh11 and fresh12 (measured once
# after the tenth and eleventh rounds), the thirteenth on all of fresh13 (measured once after the
# twelfth round), the fourteenth on all of fresh14 (measured once after the thirteenth round),
# the fifteenth on all of fresh15 (measured once after the fourteenth round), the sixteenth
# on all of fresh16 (measured once after the fifteenth round), the seventeenth on all of
# fresh17 (measured once after the sixteenth round), the eighteenth on all of fresh18 (measured
# once after the seventeenth round)
FRESH_NAMES = (
    "fresh",
    "fresh2",
    "fresh3",
    "fresh4",
    "fresh5",
    "fresh6",
    "fresh7",
    "fresh8",
    "fresh9",
    "fresh10",
    "fresh11",
    "fresh12",
    "fresh13",
    "fresh14",
    "fresh15",
    "fresh16",
    "fresh17",
    "fresh18",
)
FRESH_DIRS = tuple(CORPUS_DIR / name for name in FRESH_NAMES)
# (issue 17, eighteenth round) a sentence is known as a fresh set's by its group's prefix
# ``freshN-``: that holds for fresh to fresh9 only; the sets since fresh10 name their groups
# by their writers ("f10b-", "f13a-", ...), so their 3,382 sentences train blame (511
# positives) and ownership (387), and are negatives of vague, as the corpus's are, against
# ``FRESH_LABELS`` below. Measured as that comment says (every set's groups known) on the
# folds fresh14-fresh18, blame recall fell on all five (0.81 -> 0.62 on fresh18) and vague
# precision on four: kept as it is, stated here (docs/texts.md, eighteenth round)
FRESH_GROUP_PREFIXES = tuple(f"{name}-" for name in FRESH_NAMES)
FRESH_STRONG_TEXTS = True
# the labels the fresh sets' sentences train: chosen by leave-one-set-out cross-validation
# (benchmarks/cv_texts.py, docs/texts.md); their blame and ownership sentences made the
# review worse on the other set in both directions, so they train neither
FRESH_LABELS = frozenset({"vague", "warning", "change", "evidence"})


def sentence_features(sentence: LabelledSentence) -> frozenset[str]:
    doc = analyse(sentence.text)
    found: set[str] = set()
    for part in doc.sentences:
        found |= features(part, load_rules())
    return frozenset(found)


class Rows:
    """The sparse features and the scaled embedding of each training sentence, by its text."""

    def __init__(self, sentences: list[LabelledSentence]) -> None:
        texts = sorted({s.text for s in sentences})
        self.sparse = {s.text: sentence_features(s) for s in sentences}
        self.dense = dict(zip(texts, np.array(sentence_vectors(texts)), strict=True))

    def of(self, members: list[LabelledSentence]) -> tuple[list[frozenset[str]], np.ndarray]:
        return [self.sparse[s.text] for s in members], np.array(
            [self.dense[s.text] for s in members]
        )


def pool(label: str, sentences: list[LabelledSentence]) -> list[LabelledSentence]:
    """Letters for the warning label, explanations for the others; the sentences of strong
    texts are negatives of the finding labels only (nobody labelled their parts); the fresh
    sets' sentences count for vague only where labelled vague (``_fresh``)."""
    return [
        s
        for s in sentences
        if (s.kind == "letter") == (label == "warning")
        and (not _unlabelled(s) or label in FINDING_LABELS)
        and (not _fresh(s) or label in FRESH_LABELS)
        and (label != "vague" or not _fresh(s) or "vague" in s.labels)
    ]


def _fresh(s: LabelledSentence) -> bool:
    """A sentence of a fresh set's sentences.yaml: its writers used ``vague`` for an unnamed
    reason only, and left generic claims ("I learned a great deal from this experience")
    unlabelled, where this model's ``vague`` is any claim with no specific fact; so these
    sentences are positives of vague, never negatives."""
    return s.group.startswith(FRESH_GROUP_PREFIXES)


def _unlabelled(s: LabelledSentence) -> bool:
    """A strong text's sentence: nobody labelled its parts (ownership, change, evidence)."""
    return s.group == TUNE_STRONG or s.group.startswith(STRONG_PREFIX)


def tune_strong_sentences() -> list[LabelledSentence]:
    """Every sentence of the strong texts of the corpus's tune half: in the texts a review
    meets, most sentences blame nobody and are no warning; short labelled sentences alone
    make a long text collect false findings. Sentences the review's model findings skip (too
    short in a letter, too long) are left out."""
    return strong_text_sentences(split_halves(load_corpus())["tune"], TUNE_STRONG)


Fitted = tuple[dict[str, float], np.ndarray, float]  # sparse weights, dense weights, bias


def fit(rows: list[frozenset[str]], dense: np.ndarray, y: np.ndarray) -> Fitted:
    vocab = sorted({f for row in rows for f in row})
    index = {f: i for i, f in enumerate(vocab)}
    sparse = np.zeros((len(rows), len(vocab)))
    for r, row in enumerate(rows):
        sparse[r, [index[f] for f in row]] = 1.0
    x = np.hstack([sparse, dense])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        z = x @ w + b
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        value = -np.sum(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)) + L2 * w @ w / 2
        grad_z = p - y
        return value, np.concatenate([x.T @ grad_z + L2 * w, [grad_z.sum()]])

    theta = minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B").x
    weights = {f: float(theta[i]) for f, i in index.items() if abs(theta[i]) > 1e-4}
    return weights, theta[len(vocab) : -1], float(theta[-1])


def predict(model: Fitted, row: frozenset[str], vector: np.ndarray) -> float:
    weights, dense, bias = model
    z = bias + sum(weights.get(f, 0.0) for f in row) + float(vector @ dense)
    return float(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))))


def finding_threshold(
    probabilities: list[float], y: list[int], precision: float = FINDING_PRECISION
) -> float:
    """The lowest threshold whose precision is at least ``precision``."""
    for t in sorted(set(probabilities)):
        tp = sum(1 for p, v in zip(probabilities, y, strict=True) if p >= t and v)
        fp = sum(1 for p, v in zip(probabilities, y, strict=True) if p >= t and not v)
        if tp and tp / (tp + fp) >= precision:
            return t
    return 1.0


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


def out_of_fold(rows: list[frozenset[str]], dense: np.ndarray, y: np.ndarray) -> list[float]:
    folds = [i % FOLDS for i in range(len(rows))]
    probabilities = [0.0] * len(rows)
    for k in range(FOLDS):
        train = [i for i in range(len(rows)) if folds[i] != k]
        model = fit([rows[i] for i in train], dense[train], y[train])
        for i in range(len(rows)):
            if folds[i] == k:
                probabilities[i] = predict(model, rows[i], dense[i])
    return probabilities


def strong_text_sentences(texts: list[CorpusText], group: str) -> list[LabelledSentence]:
    """The sentences of the strong texts among ``texts``, as negatives of the finding labels
    (blame, vague, warning) only; those the review's model findings skip are left out."""
    out = []
    for text in texts:
        if text.label != "strong":
            continue
        kind = "letter" if text.kind == "letter" else "explanation"
        for sentence in analyse(text.text).sentences:
            if MIN_WORDS.get(kind, 1) <= sentence.word_count <= MAX_FINDING_WORDS:
                out.append(LabelledSentence(group, kind, (), sentence.text))
    return out


def training_parts(
    fresh: tuple[Path, ...] = FRESH_DIRS, strong_texts: bool = FRESH_STRONG_TEXTS
) -> dict[str, list[LabelledSentence]]:
    """The training sentences by where they come from (a fresh set: its labelled sentences,
    and with ``strong_texts`` its strong texts' sentences as negatives of blame, vague and
    warning)."""
    parts = {
        "sentences.yaml": split_sentences(load_sentences())["train"],
        "sentences-extra.yaml": load_sentences(EXTRA_SENTENCES_FILE),
        "sentences-train2.yaml": split_sentences(load_sentences(TRAIN2_SENTENCES_FILE))["train"],
        "tune-half strong texts (negatives of blame, vague, warning)": tune_strong_sentences(),
    }
    for folder in fresh:
        parts[f"{folder.name}/sentences.yaml"] = usable_sentences(folder)
        if strong_texts:
            parts[f"{folder.name} strong texts (negatives of blame, vague, warning)"] = (
                strong_text_sentences(usable_texts(folder), f"{STRONG_PREFIX}{folder.name}")
            )
    return parts


def training_set(
    fresh: tuple[Path, ...] = FRESH_DIRS, strong_texts: bool = FRESH_STRONG_TEXTS
) -> list[LabelledSentence]:
    return [s for part in training_parts(fresh, strong_texts).values() for s in part]


def cross_validate() -> None:
    """Out-of-fold AUC, precision and recall per label on the training set (no held-out)."""
    sentences = training_set()
    rows = Rows(sentences)
    for label in LABELS:
        members = pool(label, sentences)
        y = [1 if label in s.labels else 0 for s in members]
        p = out_of_fold(*rows.of(members), np.array(y, dtype=float))
        t = threshold(p, y)
        tp = sum(1 for a, b in zip(p, y, strict=True) if a >= t and b)
        fp = sum(1 for a, b in zip(p, y, strict=True) if a >= t and not b)
        pos = [a for a, b in zip(p, y, strict=True) if b]
        neg = [a for a, b in zip(p, y, strict=True) if not b]
        auc = sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / (len(pos) * len(neg))
        precision, recall = tp / max(1, tp + fp), tp / len(pos)
        print(f"{label:10} OOF AUC {auc:.3f} precision {precision:.2f} recall {recall:.2f}")


def train(train_half: list[LabelledSentence] | None = None) -> dict:
    train_half = training_set() if train_half is None else train_half
    rows = Rows(train_half)
    model: dict = {
        "weights": {},
        "dense": {},
        "bias": {},
        "thresholds": {},
        "finding_thresholds": {},
    }
    for label in LABELS:
        members = pool(label, train_half)
        x, dense = rows.of(members)
        y = np.array([1.0 if label in s.labels else 0.0 for s in members])
        found = out_of_fold(x, dense, y)
        cut = FIXED_THRESHOLDS.get(label, threshold(found, [int(v) for v in y]))
        model["thresholds"][label] = round(cut, 4)
        if label in FINDING_LABELS:  # a finding needs the label too
            wanted = FINDING_PRECISION_OF.get(label, FINDING_PRECISION)
            strict = max(cut, finding_threshold(found, [int(v) for v in y], wanted))
            model["finding_thresholds"][label] = round(strict, 4)
        weights, dense_weights, bias = fit(x, dense, y)
        model["weights"][label] = {f: round(w, 4) for f, w in sorted(weights.items())}
        model["dense"][label] = [round(float(w), 4) for w in dense_weights]
        model["bias"][label] = round(bias, 4)
    model["provenance"] = provenance(train_half)
    return model


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _texts_sha256(folder: Path) -> str:
    """One digest of a folder's texts: SHA-256 over each file's name and SHA-256, sorted."""
    lines = "".join(f"{p.name} {_sha256(p)}\n" for p in sorted(folder.glob("*.txt")))
    return hashlib.sha256(lines.encode()).hexdigest()


def provenance(train_half: list[LabelledSentence]) -> dict:
    import importlib.metadata

    from smartpick.texts.embedding import package_folder

    counts = {name: len(part) for name, part in training_parts().items()}
    return {
        "fresh_labels": sorted(FRESH_LABELS),
        "trained_by": "benchmarks/train_texts.py",
        "data": "tests/data/texts/sentences.yaml and sentences-train2.yaml, train halves "
        "(benchmarks/texts_corpus.py), tests/data/texts/sentences-extra.yaml (train only), and "
        "the sentences of the strong texts of the corpus's tune half (manifest.yaml); the fresh "
        "sets fresh/ to fresh15/ (seen): their sentences.yaml (for the "
        "labels vague, warning, change and evidence; for vague only those labelled vague) and "
        "their strong "
        "texts' sentences "
        "(negatives of blame, vague, warning)",
        "data_sha256": _sha256(SENTENCES_FILE),
        "extra_sha256": _sha256(EXTRA_SENTENCES_FILE),
        "train2_sha256": _sha256(TRAIN2_SENTENCES_FILE),
        "manifest_sha256": _sha256(CORPUS_DIR / "manifest.yaml"),
        "fresh_sha256": {
            f"{folder.name}/{name}": _sha256(folder / name)
            for folder in FRESH_DIRS
            if folder.name not in HALF_ONLY
            for name in ("sentences.yaml", "manifest.yaml")
        }
        | {
            f"{folder.name}/*.txt": _texts_sha256(folder)
            for folder in FRESH_DIRS
            if folder.name not in HALF_ONLY
        }
        | {
            f"{folder.name} (tune texts, train sentences)": usable_sha256(folder)
            for folder in FRESH_DIRS
            if folder.name in HALF_ONLY
        },
        "sentences": len(train_half),
        "sentences_per_file": counts,
        "l2": L2,
        "clusters": "spacy-lookups-data en_lexeme_cluster (MIT), words with log prob >= -17",
        "embedding": {
            "package": f"{PACKAGE} {importlib.metadata.version(PACKAGE)}",
            "licence": "MIT (Copyright (c) 2024 Lee Miller)",
            "file": WEIGHTS,
            "tensor": TENSOR,
            "weights_sha256": _sha256(package_folder() / WEIGHTS),
            "dimensions": DIMENSIONS,
            "pooling": "mean of the token vectors, then unit length",
            "scale": DENSE_SCALE,
        },
    }


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
