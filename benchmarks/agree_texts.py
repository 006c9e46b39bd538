"""How far two human readers agree on a fresh set's labels, beside how far the review agrees.

A set written blind has one reader's labels (its writer's, ``manifest.yaml``). Where a second
reader labelled the same texts independently (``second-reader.yaml`` in the set's folder: the
texts under anonymous ids, the conventions, no labels), this prints per finding type the second
reader's precision and recall against the writer, the review's against each reader, and Cohen's
kappa for each pair: the review's targets are only as meaningful as the readers' agreement.

    python benchmarks/agree_texts.py tests/data/texts/fresh13
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from texts_corpus import load_corpus  # noqa: E402

from smartpick.texts import review_text  # noqa: E402

TYPES = ("blame", "ownership-missing", "vague", "warning-phrase", "defensive", "generic")
Labels = Mapping[str, frozenset[str]]


def second_reader(folder: Path) -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """The second reader's strong/weak label and finding types per text id."""
    entries = yaml.safe_load((folder / "second-reader.yaml").read_text(encoding="utf-8"))["texts"]
    return (
        {e["id"]: e["label"] for e in entries},
        {e["id"]: frozenset(e["expect"] or ()) for e in entries},
    )


def precision_recall(truth: Labels, other: Labels, kind: str) -> str:
    tp = sum(kind in truth[i] and kind in other[i] for i in truth)
    fp = sum(kind not in truth[i] and kind in other[i] for i in truth)
    fn = sum(kind in truth[i] and kind not in other[i] for i in truth)
    p = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
    r = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
    return f"{p} ({tp}/{tp + fp}) / {r} ({tp}/{tp + fn})"


def kappa(x: Labels, y: Labels, kind: str) -> float:
    """Cohen's kappa of two readers' yes/no on one finding type."""
    a = [kind in x[i] for i in x]
    b = [kind in y[i] for i in x]
    n = len(a)
    observed = sum(u == v for u, v in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    chance = pa * pb + (1 - pa) * (1 - pb)
    return (observed - chance) / (1 - chance) if chance < 1 else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    folder = parser.parse_args().folder
    if not (folder / "second-reader.yaml").is_file():
        raise SystemExit(f"{folder}: no second-reader.yaml (a second reader's labels) to compare")
    texts = load_corpus(folder)
    writer = {t.id: frozenset(t.expect) for t in texts}
    labels, second = second_reader(folder)
    if set(second) != set(writer):
        raise SystemExit("second-reader.yaml: its ids are not the set's ids")
    review = {t.id: review_text(t.text, t.kind, flag=t.flag).reported_types for t in texts}
    same = sum(labels[t.id] == t.label for t in texts)
    print(f"{folder}: {len(texts)} texts; strong/weak the same for both readers: {same}")
    print(
        f"{'type':18} {'second reader vs writer':28} {'review vs writer':28} "
        f"{'review vs second reader':28} kappa: readers  review-writer  review-second"
    )
    for kind in TYPES:
        print(
            f"{kind:18} {precision_recall(writer, second, kind):28} "
            f"{precision_recall(writer, review, kind):28} "
            f"{precision_recall(second, review, kind):28} "
            f"{kappa(writer, second, kind):14.2f} {kappa(writer, review, kind):14.2f} "
            f"{kappa(second, review, kind):14.2f}"
        )


if __name__ == "__main__":
    main()
