"""The labelled texts corpus (tests/data/texts) and its fixed-seed split into two halves.

The rules in ``src/smartpick/data/text_rules.yaml`` are tuned on the ``tune`` half only;
``benchmarks/bench_texts.py`` reports on the ``holdout`` half.

Texts come in batches (the manifest's ``batch``, 1 when absent). Each batch is split on its
own by the same rule, so adding a batch never moves an earlier text to the other half.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "texts"
SPLIT_SEED = 7
# The finding types a text's ``expect`` may name, in the order the benchmark reports them.
FINDING_TYPES = (
    "blame",
    "vague",
    "melodrama",
    "defensive",
    "hedging",
    "warning-phrase",
    "generic-letter",
    "length",
    "placement",
    "flag-share",
    "multiple-flags",
    "ownership-missing",
    "generic",
)
# ``ownership-missing`` (the explanation's ownership part is absent) and ``generic`` (a claim
# with no specific fact) are labelled from batch 3 on; earlier texts' ``expect`` never names
# them, so they are measured on those batches only.
PART_TYPES_FROM_BATCH = {"ownership-missing": 3, "generic": 3}
SENTENCES_FILE = CORPUS_DIR / "sentences.yaml"
# train-only sentences, written after the first held-out measurement; never held out
EXTRA_SENTENCES_FILE = CORPUS_DIR / "sentences-extra.yaml"
# the second labelled set (issue 17, the embedding classifiers): split like sentences.yaml,
# its train half trains the model and its held-out half is measured once after training
TRAIN2_SENTENCES_FILE = CORPUS_DIR / "sentences-train2.yaml"
SENTENCE_LABELS = ("blame", "ownership", "change", "evidence", "vague", "warning")


@dataclass(frozen=True)
class CorpusText:
    id: str
    kind: str
    category: str
    label: str
    expect: tuple[str, ...]
    reason: str
    text: str
    flag: str | None = None
    batch: int = 1


def load_corpus(directory: Path = CORPUS_DIR) -> list[CorpusText]:
    manifest = yaml.safe_load((directory / "manifest.yaml").read_text(encoding="utf-8"))
    return [
        CorpusText(
            id=e["id"],
            kind=e["kind"],
            category=e["category"],
            label=e["label"],
            expect=tuple(e["expect"]),
            reason=e["reason"],
            text=(directory / e["file"]).read_text(encoding="utf-8"),
            flag=e.get("flag"),
            batch=int(e.get("batch", 1)),
        )
        for e in manifest["texts"]
    ]


def split_halves(texts: list[CorpusText], seed: int = SPLIT_SEED) -> dict[str, list[CorpusText]]:
    """Split each batch on its own (``_split_batch``) and join the halves."""
    halves: dict[str, list[CorpusText]] = {"tune": [], "holdout": []}
    for batch in sorted({t.batch for t in texts}):
        part = _split_batch([t for t in texts if t.batch == batch], seed)
        for name in halves:
            halves[name].extend(part[name])
    return halves


def _split_batch(texts: list[CorpusText], seed: int) -> dict[str, list[CorpusText]]:
    """Shuffle within each (kind, label) stratum with a fixed seed; alternate into two halves."""
    strata: dict[tuple[str, str], list[CorpusText]] = defaultdict(list)
    for t in sorted(texts, key=lambda t: t.id):
        strata[(t.kind, t.label)].append(t)
    rng = random.Random(seed)
    halves: dict[str, list[CorpusText]] = {"tune": [], "holdout": []}
    turn = 0
    for key in sorted(strata):
        members = strata[key]
        rng.shuffle(members)
        for member in members:
            halves["tune" if turn % 2 == 0 else "holdout"].append(member)
            turn += 1
    return halves


@dataclass(frozen=True)
class LabelledSentence:
    group: str
    kind: str  # explanation | letter
    labels: tuple[str, ...]
    text: str


def load_sentences(path: Path = SENTENCES_FILE) -> list[LabelledSentence]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        LabelledSentence(e["group"], e["kind"], tuple(e["labels"]), e["text"])
        for e in data["sentences"]
    ]


def split_sentences(
    sentences: list[LabelledSentence],
) -> dict[str, list[LabelledSentence]]:
    """Within each group, order by the SHA-256 of the text and alternate train / held-out."""
    halves: dict[str, list[LabelledSentence]] = {"train": [], "holdout": []}
    groups: dict[str, list[LabelledSentence]] = defaultdict(list)
    for sentence in sentences:
        groups[sentence.group].append(sentence)
    for group in sorted(groups):
        ordered = sorted(groups[group], key=lambda s: hashlib.sha256(s.text.encode()).hexdigest())
        for i, sentence in enumerate(ordered):
            halves["train" if i % 2 == 0 else "holdout"].append(sentence)
    return halves


# (issue 17, sixth round) a fresh set of which only one half may be read and tuned on: its
# texts' ``tune`` half (``split_halves``) and its sentences' ``train`` half
# (``split_sentences``); the other halves are measured once, after the round, by someone else.
# fresh6, fresh7 and fresh8 (half only in the sixth, seventh and eighth rounds) and fresh9 to
# fresh16 (never half only) are seen whole since their holdouts were measured; empty until the
# next blind set lands
HALF_ONLY: frozenset[str] = frozenset()


def usable_texts(folder: Path) -> list[CorpusText]:
    """A fresh set's texts that may be used: all, or the tune half of a ``HALF_ONLY`` set."""
    texts = load_corpus(folder)
    return split_halves(texts)["tune"] if folder.name in HALF_ONLY else texts


def usable_sentences(folder: Path) -> list[LabelledSentence]:
    """A fresh set's sentences that may be used: all, or the train half of a ``HALF_ONLY`` set."""
    sentences = load_sentences(folder / "sentences.yaml")
    return split_sentences(sentences)["train"] if folder.name in HALF_ONLY else sentences


def usable_sha256(folder: Path) -> str:
    """One digest of what of a ``HALF_ONLY`` set is used (its tune texts, with their labels, and
    its train sentences), computed through the loaders so that nothing else is read."""
    lines = [
        f"{t.id} {t.label} {sorted(t.expect)} {hashlib.sha256(t.text.encode()).hexdigest()}"
        for t in usable_texts(folder)
    ] + [
        f"{s.group} {sorted(s.labels)} {hashlib.sha256(s.text.encode()).hexdigest()}"
        for s in usable_sentences(folder)
    ]
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


if __name__ == "__main__":
    for name, half in split_halves(load_corpus()).items():
        print(name, len(half), sorted(t.id for t in half))
