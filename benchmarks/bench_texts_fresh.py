"""The text review measured once on the fresh held-out set (tests/data/texts/fresh).

The set was written and committed without reading the rules, the model or the corpus it was
tuned on (see the set's header comments). This script runs the current review on it and
prints: the AUC of the score (strong vs weak texts), precision and recall of each finding
type on the texts, one line per text, and per sentence label and per sentence group how many
sentences the review labels right (the per-sentence evaluation of ``bench_texts.py``).

    python benchmarks/bench_texts_fresh.py            # the fresh set
    python benchmarks/bench_texts_fresh.py FOLDER     # another folder of the same layout
    python benchmarks/bench_texts_fresh.py FOLDER --half holdout   # one half of it
    python benchmarks/bench_texts_fresh.py F1 F2 F3 --half holdout # several sets, pooled

``--half tune|holdout`` keeps one half of the folder: texts by ``split_halves`` (within each
kind and label, a fixed-seed shuffle dealt alternately), sentences by ``split_sentences``
(within each group, by the SHA-256 of the text). The rule is fixed before a set is written,
so a set can be tuned on one half and measured once on the other.

Unlike the main corpus, every text of the fresh set is labelled for all finding types
(``ownership-missing`` and ``generic`` included), so all types are measured on all texts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_texts import score_report, sentence_label_table  # noqa: E402
from texts_corpus import (  # noqa: E402
    CORPUS_DIR,
    FINDING_TYPES,
    SENTENCE_LABELS,
    CorpusText,
    LabelledSentence,
    load_corpus,
    load_sentences,
    split_halves,
    split_sentences,
)

from smartpick.texts import review_text  # noqa: E402

FRESH_DIR = CORPUS_DIR / "fresh"
# the labels bench_texts.py's paraphrase groups are judged on
GROUP_LABELS = ("blame", "warning", "vague")


def text_report(texts: list[CorpusText]) -> None:
    reviews = {t.id: review_text(t.text, t.kind, flag=t.flag) for t in texts}
    found = score_report(texts, reviews, from_batch={})  # every type labelled on every text
    print("per text: id, label, score, found types (expected when they differ)")
    for t in texts:
        got = sorted(found[t.id] & set(FINDING_TYPES))
        mark = "" if set(got) == set(t.expect) else f"  <-- expected {sorted(t.expect)}"
        print(f"  {t.id:24} {t.label:6} {reviews[t.id].score:3d} {got}{mark}")


def _relevant(s: LabelledSentence, labels: set[str]) -> set[str]:
    """The labels that apply to the sentence's kind: warning for letters, the rest otherwise."""
    return {k for k in labels & set(SENTENCE_LABELS) if (s.kind == "letter") == (k == "warning")}


def sentence_report(sentences: list[LabelledSentence]) -> None:
    got = sentence_label_table(sentences)
    print("per group: sentences right on blame/warning/vague (the rule of bench_texts.py);")
    print("           right on all labels (warning for letters, the others for explanations)")
    for group in sorted({s.group for s in sentences}):
        members = [s for s in sentences if s.group == group]

        by_group = sum(
            1 for s in members if all((k in s.labels) == (k in got[s.text]) for k in GROUP_LABELS)
        )
        by_all = sum(1 for s in members if _relevant(s, set(s.labels)) == _relevant(s, got[s.text]))
        print(f"  {group:24} {by_group:3d} of {len(members):3d}   {by_all:3d} of {len(members):3d}")
    print("sentences labelled wrong (expected -> got, on all labels):")
    for s in sentences:
        want, have = _relevant(s, set(s.labels)), _relevant(s, got[s.text])
        if want != have:
            print(f"  [{s.group}] {sorted(want)} -> {sorted(have)}: {s.text}")


HALVES = {"tune": "train", "holdout": "holdout"}  # the texts' half -> the sentences' half


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, default=[FRESH_DIR], help="one set, or several pooled"
    )
    parser.add_argument("--half", choices=sorted(HALVES), help="measure one half of each set only")
    args = parser.parse_args()
    texts, sentences = [], []
    for folder in args.folders:  # each set halved by its own rule, then pooled
        set_texts, set_sentences = load_corpus(folder), load_sentences(folder / "sentences.yaml")
        if args.half:
            set_texts = split_halves(set_texts)[args.half]
            set_sentences = split_sentences(set_sentences)[HALVES[args.half]]
        texts += set_texts
        sentences += set_sentences
    named = ", ".join(str(folder) for folder in args.folders)
    print(f"fresh held-out set: {named}" + (f", {args.half} half" if args.half else ""))
    print(f"{len(texts)} texts, {len(sentences)} sentences")
    text_report(texts)
    print()
    sentence_report(sentences)


if __name__ == "__main__":
    main()
