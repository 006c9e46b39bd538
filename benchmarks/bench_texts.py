"""Benchmark of the text review on the labelled corpus (tests/data/texts).

Prints, for one half of the fixed-seed split (default: the held-out half, never tuned on):
the area under the ROC curve of the score (strong vs weak), precision and recall of each
finding type against the manifest's expected types, and the median wall time of
``smartpick review`` on a 1,000-word statement (separate processes, after a first run).

    python benchmarks/bench_texts.py              # held-out half
    python benchmarks/bench_texts.py --half tune  # the half the rules were tuned on
    python benchmarks/bench_texts.py --no-flag    # without passing the flag (inferred)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from environment import recompiling_note  # noqa: E402
from texts_corpus import FINDING_TYPES as MEASURED_TYPES  # noqa: E402
from texts_corpus import (  # noqa: E402  # noqa: E402
    PART_TYPES_FROM_BATCH,
    SENTENCE_LABELS,
    TRAIN2_SENTENCES_FILE,
    CorpusText,
    LabelledSentence,
    load_corpus,
    load_sentences,
    split_halves,
    split_sentences,
)

from smartpick.texts import Review, review_text  # noqa: E402


def auc(strong: list[float], weak: list[float]) -> float:
    """P(score of a random strong text > that of a random weak one); ties count one half."""
    pairs = [(s > w) + 0.5 * (s == w) for s in strong for w in weak]
    return sum(pairs) / len(pairs)


def precision_recall(
    texts: list[CorpusText],
    found: dict[str, frozenset[str]],
    from_batch: dict[str, int] = PART_TYPES_FROM_BATCH,
) -> dict[str, tuple[int, int, int]]:
    """Per type: true positives, false positives, false negatives (text level), on the texts
    labelled for that type (``from_batch``: the first batch labelled for it)."""
    table = {}
    everything = texts
    for type_ in MEASURED_TYPES:
        texts = [t for t in everything if t.batch >= from_batch.get(type_, 0)]
        tp = sum(1 for t in texts if type_ in t.expect and type_ in found[t.id])
        fp = sum(1 for t in texts if type_ not in t.expect and type_ in found[t.id])
        fn = sum(1 for t in texts if type_ in t.expect and type_ not in found[t.id])
        table[type_] = (tp, fp, fn)
    return table


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def _row(name: str, tp: int, fp: int, fn: int) -> None:
    print(f"{name:17} {tp:3d} {fp:3d} {fn:3d} {_ratio(tp, tp + fp):>9} {_ratio(tp, tp + fn):>6}")


def score_report(
    texts: list[CorpusText], reviews: dict[str, Review], from_batch: dict[str, int]
) -> dict[str, frozenset[str]]:
    """Print the score's AUC and means and each finding type's precision and recall; the
    finding types found per text."""
    strong = [reviews[t.id].score for t in texts if t.label == "strong"]
    weak = [reviews[t.id].score for t in texts if t.label == "weak"]
    print(f"texts: {len(texts)} ({len(strong)} strong, {len(weak)} weak)")
    print(f"AUC of the score, strong vs weak: {auc(strong, weak):.3f}")
    print(f"mean score: strong {statistics.mean(strong):.1f}, weak {statistics.mean(weak):.1f}")
    found = {t.id: reviews[t.id].reported_types for t in texts}
    print(f"{'finding type':16} {'TP':>3} {'FP':>3} {'FN':>3} precision recall")
    for type_, (tp, fp, fn) in precision_recall(texts, found, from_batch).items():
        _row(type_, tp, fp, fn)
    return found


def report(texts: list[CorpusText], use_flag: bool, verbose: bool) -> None:
    reviews = {t.id: review_text(t.text, t.kind, flag=t.flag if use_flag else None) for t in texts}
    score_report(texts, reviews, PART_TYPES_FROM_BATCH)
    if verbose:
        for t in texts:
            r = reviews[t.id]
            got = sorted(r.finding_types & set(MEASURED_TYPES))
            mark = "" if set(got) == set(t.expect) else "   <-- expected " + str(sorted(t.expect))
            print(f"{t.id:18} {t.label:6} {r.score:3d} {got} missing={list(r.missing_parts)}{mark}")


# what the review reports for a sentence label: a finding type, or a structure part present
_FINDING_OF = {"blame": ("blame",), "vague": ("vague", "generic"), "warning": ("warning-phrase",)}
_PART_OF = {"ownership": "responsibility", "change": "changed", "evidence": "evidence"}


def sentence_labels(review: Review) -> set[str]:
    """The labels the review gives a one-sentence text (findings and parts it sees)."""
    found = {label for label, types in _FINDING_OF.items() if review.finding_types & set(types)}
    present = {p.id for p in review.structure if p.present}
    return found | {label for label, part in _PART_OF.items() if part in present}


def review_sentence(sentence: LabelledSentence) -> set[str]:
    if sentence.kind == "letter":
        return sentence_labels(review_text(sentence.text, "letter"))
    return sentence_labels(review_text(sentence.text, "additional-info", flag="exam-failure"))


def sentence_label_table(sentences: list[LabelledSentence]) -> dict[str, set[str]]:
    """Review each sentence; print per label precision and recall (warning over letters, the
    other labels over explanations); return what the review found, by sentence text."""
    got = {s.text: review_sentence(s) for s in sentences}
    print(f"sentences: {len(sentences)}")
    print(f"{'sentence label':16} {'TP':>3} {'FP':>3} {'FN':>3} precision recall")
    for label in SENTENCE_LABELS:
        pool = [s for s in sentences if (s.kind == "letter") == (label == "warning")]
        tp = sum(1 for s in pool if label in s.labels and label in got[s.text])
        fp = sum(1 for s in pool if label not in s.labels and label in got[s.text])
        fn = sum(1 for s in pool if label in s.labels and label not in got[s.text])
        _row(label, tp, fp, fn)
    return got


def sentence_report(sentences: list[LabelledSentence]) -> None:
    """Per label: precision and recall over the sentences; per group: share labelled right."""
    got = sentence_label_table(sentences)
    print("paraphrase groups (sentences whose blame / warning / vague label the review got right):")
    for group in sorted({s.group for s in sentences}):
        members = [s for s in sentences if s.group == group]
        right = sum(
            1
            for s in members
            if all((k in s.labels) == (k in got[s.text]) for k in ("blame", "warning", "vague"))
        )
        print(f"  {group:22} {right:3d} of {len(members):3d}")


def model_report(sentences: list[LabelledSentence]) -> None:
    """The sentence model alone: per label, AUC and precision / recall at its threshold."""
    from train_texts import pool, sentence_features

    from smartpick.texts.sentences import LABELS, load_model, sentence_vectors

    model = load_model()
    texts = [s.text for s in sentences]
    vectors = dict(zip(texts, sentence_vectors(texts), strict=True))
    print(f"{'model label':17} {'AUC':>5} {'TP':>3} {'FP':>3} {'FN':>3} precision recall")
    for label in LABELS:
        members = pool(label, sentences)
        scored = [
            (model.probability(label, sentence_features(s), vectors[s.text]), label in s.labels)
            for s in members
        ]
        pos = [p for p, y in scored if y]
        neg = [p for p, y in scored if not y]
        cut = model.thresholds[label]
        tp = sum(1 for p, y in scored if p >= cut and y)
        fp = sum(1 for p, y in scored if p >= cut and not y)
        fn = len(pos) - tp
        print(f"{label:17} {auc(pos, neg):5.3f} {tp:3d} {fp:3d} {fn:3d}", end=" ")
        print(f"{_ratio(tp, tp + fp):>9} {_ratio(tp, tp + fn):>6}")


def statement_of(words: int) -> str:
    """A personal statement of about ``words`` words from the corpus's statements."""
    paragraphs = []
    for name in ("ps-s1", "ps-s2", "ps-w1", "ps-w2"):
        text = Path(__file__).resolve().parent.parent / "tests/data/texts" / f"{name}.txt"
        paragraphs += text.read_text(encoding="utf-8").split("\n\n")
    out: list[str] = []
    i = 0
    while sum(len(p.split()) for p in out) < words:
        out.append(paragraphs[i % len(paragraphs)].strip())
        i += 1
    return "\n\n".join(out) + "\n"


def _median_wall(command: list[str], runs: int) -> tuple[float, float]:
    subprocess.run(command, capture_output=True, check=True)  # the first run (fills caches)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def time_cli(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "statement.txt"
        path.write_text(statement_of(1000), encoding="utf-8")
        words = len(path.read_text(encoding="utf-8").split())
        smartpick = [sys.executable, "-m", "smartpick"]
        review = [*smartpick, "review", str(path), "--kind", "personal-statement", "--json"]
        median, worst = _median_wall(review, runs)
        baseline, _ = _median_wall([*smartpick, "--help"], runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"`smartpick review` on a {words}-word statement, {runs} runs after the first: "
        f"median {median:.3f} s, max {worst:.3f} s "
        f"(`smartpick --help` median {baseline:.3f} s; load average {load:.1f}"
        f"{recompiling_note()})"
    )
    text = statement_of(1000)
    review_text(text, "personal-statement")
    start = time.perf_counter()
    for _ in range(20):
        review_text(text, "personal-statement")
    print(f"review_text in-process (rules loaded): {(time.perf_counter() - start) / 20:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=("tune", "holdout"), default="holdout")
    parser.add_argument("--no-flag", action="store_true", help="let the review infer the flag")
    parser.add_argument("--verbose", action="store_true", help="one line per text")
    parser.add_argument("--runs", type=int, default=9, help="timed CLI runs (0 to skip)")
    args = parser.parse_args()
    texts = split_halves(load_corpus())[args.half]
    print(f"half: {args.half} (seed-fixed split; rules tuned on 'tune' only)")
    report(texts, use_flag=not args.no_flag, verbose=args.verbose)
    sentence_half = "train" if args.half == "tune" else "holdout"
    print(f"\nsentence set, {sentence_half} half (tests/data/texts/sentences.yaml)")
    sentence_report(split_sentences(load_sentences())[sentence_half])
    print("\nsentence model alone (data/text_model.json), same half")
    model_report(split_sentences(load_sentences())[sentence_half])
    second = split_sentences(load_sentences(TRAIN2_SENTENCES_FILE))[sentence_half]
    print(f"\nsecond sentence set, {sentence_half} half (tests/data/texts/sentences-train2.yaml)")
    sentence_report(second)
    print("\nsentence model alone, same half")
    model_report(second)
    if args.runs:
        time_cli(args.runs)


if __name__ == "__main__":
    main()
