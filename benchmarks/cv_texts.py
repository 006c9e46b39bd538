"""Leave-one-fresh-set-out cross-validation of the text review (issue 17, third round).

Both fresh sets (tests/data/texts/fresh, fresh2) are seen: they train the sentence model.
To choose changes without fitting them, each direction trains the model on the corpus's
training sentences plus ONE fresh set (its labelled sentences and its strong texts'
sentences) and measures the review on the OTHER fresh set's texts:

    python benchmarks/cv_texts.py              # both directions
    python benchmarks/cv_texts.py --verbose    # and one line per text

The rules and the review's code are the same in both directions, so a change to them is
judged by whether it helps both directions (it was seen on both sets; these are seen-set
figures, not held-out ones). Nothing is written: the model lives in memory only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_texts  # noqa: E402
from bench_texts import score_report  # noqa: E402
from texts_corpus import CORPUS_DIR, FINDING_TYPES, load_corpus  # noqa: E402
from train_texts import train, training_set  # noqa: E402

from smartpick.texts import agency, review_text, sentences, substance  # noqa: E402

DIRECTIONS = (("fresh", "fresh2"), ("fresh2", "fresh"))


def use_model(model: dict) -> None:
    """Make the review use ``model`` (a trained model's dict) in this process."""
    dense = {label: tuple(map(float, w)) for label, w in model["dense"].items()}
    loaded = sentences.SentenceModel(
        model["weights"], model["bias"], model["thresholds"], dense, model["finding_thresholds"]
    )
    for module in (sentences, substance, agency):  # each imported the loader by name
        module.load_model = lambda: loaded  # type: ignore[attr-defined]


def trained(train_on: str, cache: Path | None, data: str = "all") -> dict:
    """The model trained on the corpus and ``train_on`` (read from ``cache`` when there: only
    while the features and the training data are unchanged). ``data``: what of the fresh set
    trains it: ``all`` (its sentences and its strong texts' sentences), ``sentences``, or
    ``none`` (the corpus alone)."""
    labels = "-".join(sorted(train_texts.FRESH_LABELS))
    name = "corpus" if data == "none" else f"{train_on}-{data}-{labels}"
    path = cache / f"model-{name}.json" if cache else None
    if path and path.exists():
        model: dict = json.loads(path.read_text(encoding="utf-8"))
        return model
    fresh = () if data == "none" else (CORPUS_DIR / train_on,)
    model = train(training_set(fresh, strong_texts=data == "all"))
    if path:
        path.write_text(json.dumps(model), encoding="utf-8")
    return model


def measure(
    train_on: str, test_on: str, verbose: bool, cache: Path | None = None, data: str = "all"
) -> None:
    print(f"== train: corpus + {train_on} ({data}); measure: {test_on}")
    use_model(trained(train_on, cache, data))
    texts = load_corpus(CORPUS_DIR / test_on)
    reviews = {t.id: review_text(t.text, t.kind, flag=t.flag) for t in texts}
    found = score_report(texts, reviews, from_batch={})
    templates = [f"{t.id} {reviews[t.id].score}" for t in texts if "template" in t.id]
    print("template scores:", ", ".join(templates))
    if verbose:
        for t in texts:
            got = sorted(found[t.id] & set(FINDING_TYPES))
            mark = "" if set(got) == set(t.expect) else f"  <-- expected {sorted(t.expect)}"
            print(f"  {t.id:24} {t.label:6} {reviews[t.id].score:3d} {got}{mark}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="one line per text")
    parser.add_argument("--only", choices=("fresh", "fresh2"), help="measure on this set only")
    parser.add_argument("--cache", type=Path, help="keep the trained models in this folder")
    parser.add_argument(
        "--data", choices=("all", "sentences", "none"), default="all", help="what trains it"
    )
    parser.add_argument("--labels", help="comma-separated labels the fresh sentences train")
    args = parser.parse_args()
    if args.labels:
        train_texts.FRESH_LABELS = frozenset(args.labels.split(","))
    for train_on, test_on in DIRECTIONS:
        if args.only in (None, test_on):
            measure(train_on, test_on, args.verbose, args.cache, args.data)


if __name__ == "__main__":
    main()
