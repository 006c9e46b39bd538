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

from texts_corpus import FINDING_TYPES as MEASURED_TYPES  # noqa: E402
from texts_corpus import CorpusText, load_corpus, split_halves  # noqa: E402

from smartpick.texts import review_text  # noqa: E402


def auc(strong: list[float], weak: list[float]) -> float:
    """P(score of a random strong text > that of a random weak one); ties count one half."""
    pairs = [(s > w) + 0.5 * (s == w) for s in strong for w in weak]
    return sum(pairs) / len(pairs)


def precision_recall(
    texts: list[CorpusText], found: dict[str, frozenset[str]]
) -> dict[str, tuple[int, int, int]]:
    """Per type: true positives, false positives, false negatives (text level)."""
    table = {}
    for type_ in MEASURED_TYPES:
        tp = sum(1 for t in texts if type_ in t.expect and type_ in found[t.id])
        fp = sum(1 for t in texts if type_ not in t.expect and type_ in found[t.id])
        fn = sum(1 for t in texts if type_ in t.expect and type_ not in found[t.id])
        table[type_] = (tp, fp, fn)
    return table


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def report(texts: list[CorpusText], use_flag: bool, verbose: bool) -> None:
    reviews = {t.id: review_text(t.text, t.kind, flag=t.flag if use_flag else None) for t in texts}
    strong = [reviews[t.id].score for t in texts if t.label == "strong"]
    weak = [reviews[t.id].score for t in texts if t.label == "weak"]
    print(f"texts: {len(texts)} ({len(strong)} strong, {len(weak)} weak)")
    print(f"AUC of the score, strong vs weak: {auc(strong, weak):.3f}")
    print(f"mean score: strong {statistics.mean(strong):.1f}, weak {statistics.mean(weak):.1f}")
    found = {t.id: reviews[t.id].finding_types for t in texts}
    print(f"{'finding type':16} {'TP':>3} {'FP':>3} {'FN':>3} precision recall")
    for type_, (tp, fp, fn) in precision_recall(texts, found).items():
        print(
            f"{type_:16} {tp:3d} {fp:3d} {fn:3d} {_ratio(tp, tp + fp):>9} {_ratio(tp, tp + fn):>6}"
        )
    if verbose:
        for t in texts:
            r = reviews[t.id]
            got = sorted(r.finding_types & set(MEASURED_TYPES))
            mark = "" if set(got) == set(t.expect) else "   <-- expected " + str(sorted(t.expect))
            print(f"{t.id:18} {t.label:6} {r.score:3d} {got} missing={list(r.missing_parts)}{mark}")


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
        f"(`smartpick --help` median {baseline:.3f} s; load average {load:.1f})"
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
    if args.runs:
        time_cli(args.runs)


if __name__ == "__main__":
    main()
