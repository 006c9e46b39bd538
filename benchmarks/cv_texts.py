"""Leave-one-fresh-set-out cross-validation of the text review (issue 17, third to
eighteenth rounds).

The eighteen fresh sets (tests/data/texts/fresh to fresh18) are seen whole (a set written blind is
half only, ``texts_corpus.HALF_ONLY``, until its holdout is measured: none now): they train the
sentence model. To choose changes without fitting them, each direction holds ONE fresh set
out: the model is trained on the corpus's training sentences plus the OTHER fresh sets (their
labelled sentences and their strong texts' sentences, as ``train_texts.py`` uses them) and the
review is measured on the held-out set's texts. A summary gives each direction's figures and
their mean:

    python benchmarks/cv_texts.py              # the eighteen directions and their mean
    python benchmarks/cv_texts.py --verbose    # and one line per text
    python benchmarks/cv_texts.py --only fresh5

The rules and the review's code are the same in every direction, so a change to them is
judged by whether it helps on average and hurts no direction much (it was seen on every set;
these are seen-set figures, not held-out ones). Nothing is written: the model lives in memory
only (``--cache`` keeps trained models, valid only while the features and data are unchanged).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_texts  # noqa: E402
from bench_texts import auc, precision_recall, score_report  # noqa: E402
from texts_corpus import CORPUS_DIR, FINDING_TYPES, usable_texts  # noqa: E402
from train_texts import train, training_set  # noqa: E402

from smartpick.texts import agency, review_text, sentences, substance  # noqa: E402

FRESH_SETS = train_texts.FRESH_NAMES
# (trained on, measured on): each fresh set held out in turn
DIRECTIONS = tuple(
    (tuple(other for other in FRESH_SETS if other != held_out), held_out) for held_out in FRESH_SETS
)
# the finding types of the summary (issue 17's targets, and the generic claims)
SUMMARY_TYPES = ("blame", "vague", "warning-phrase", "ownership-missing", "generic")


def use_model(model: dict) -> None:
    """Make the review use ``model`` (a trained model's dict) in this process, with the
    decision thresholds ``train_texts.FIXED_THRESHOLDS`` fixes (a cached model may predate
    them; its finding threshold is raised to at least the fixed one, as training does)."""
    fixed = train_texts.FIXED_THRESHOLDS
    thresholds = model["thresholds"]
    model = dict(model, thresholds=thresholds | fixed)
    if fixed:
        model["finding_thresholds"] = {
            label: _finding_cut(label, cut, thresholds[label], fixed)
            for label, cut in model["finding_thresholds"].items()
        }
    dense = {label: tuple(map(float, w)) for label, w in model["dense"].items()}
    loaded = sentences.SentenceModel(
        model["weights"], model["bias"], model["thresholds"], dense, model["finding_thresholds"]
    )
    for module in (sentences, substance, agency):  # each imported the loader by name
        module.load_model = lambda: loaded  # type: ignore[attr-defined]


def _finding_cut(label: str, cut: float, decision: float, fixed: dict[str, float]) -> float:
    """A label's finding threshold under a fixed decision threshold: at least the fixed one; a
    cached finding threshold that was the model's own decision threshold (its out-of-fold
    precision cut lay below it, as warning's does: about 0.30 against 0.43-0.46) follows the
    fixed one down as well (exact while that precision cut is under the fixed value)."""
    if label not in fixed:
        return cut
    return fixed[label] if cut <= decision else max(cut, fixed[label])


def trained(train_on: tuple[str, ...], cache: Path | None, data: str = "all") -> dict:
    """The model trained on the corpus and the fresh sets ``train_on`` (read from ``cache``
    when there: only while the features and the training data are unchanged). ``data``: what
    of the fresh sets trains it: ``all`` (their sentences and their strong texts'
    sentences), ``sentences``, or ``none`` (the corpus alone)."""
    labels = "-".join(sorted(train_texts.FRESH_LABELS))
    name = "corpus" if data == "none" else f"{'+'.join(train_on)}-{data}-{labels}"
    path = cache / f"model-{name}.json" if cache else None
    if path and path.exists():
        model: dict = json.loads(path.read_text(encoding="utf-8"))
        return model
    fresh = () if data == "none" else tuple(CORPUS_DIR / name for name in train_on)
    model = train(training_set(fresh, strong_texts=data == "all"))
    if path:
        path.write_text(json.dumps(model), encoding="utf-8")
    return model


def measure(
    train_on: tuple[str, ...],
    test_on: str,
    verbose: bool,
    cache: Path | None = None,
    data: str = "all",
) -> dict[str, float]:
    """Print the held-out set's figures; return the summary's (AUC, P and R per type, the
    highest template score)."""
    print(f"== train: corpus + {' + '.join(train_on)} ({data}); measure: {test_on}")
    use_model(trained(train_on, cache, data))
    texts = usable_texts(CORPUS_DIR / test_on)  # a HALF_ONLY set: its tune half only
    reviews = {t.id: review_text(t.text, t.kind, flag=t.flag) for t in texts}
    found = score_report(texts, reviews, from_batch={})
    templates = [f"{t.id} {reviews[t.id].score}" for t in texts if "template" in t.id]
    print("template scores:", ", ".join(templates))
    if verbose:
        for t in texts:
            got = sorted(found[t.id] & set(FINDING_TYPES))
            mark = "" if set(got) == set(t.expect) else f"  <-- expected {sorted(t.expect)}"
            print(f"  {t.id:24} {t.label:6} {reviews[t.id].score:3d} {got}{mark}")
    return summary(texts, reviews, found)


def summary(texts: list, reviews: dict, found: dict[str, frozenset[str]]) -> dict[str, float]:
    strong = [reviews[t.id].score for t in texts if t.label == "strong"]
    weak = [reviews[t.id].score for t in texts if t.label == "weak"]
    figures = {"AUC": auc(strong, weak)}
    counts = precision_recall(texts, found, {})
    for type_ in SUMMARY_TYPES:
        tp, fp, fn = counts[type_]
        figures[f"{type_} P"] = tp / (tp + fp) if tp + fp else float("nan")
        figures[f"{type_} R"] = tp / (tp + fn) if tp + fn else float("nan")
    figures["template max"] = max(
        (reviews[t.id].score for t in texts if "template" in t.id), default=float("nan")
    )
    return figures


def print_summary(results: dict[str, dict[str, float]]) -> None:
    """One column per held-out set and their mean."""
    names = list(results)
    print("\n== summary (held-out set: trained on the corpus and the other fresh sets)")
    print(f"{'figure':22}" + "".join(f"{n:>9}" for n in names) + f"{'mean':>9}")
    for key in next(iter(results.values())):
        values = [results[n][key] for n in names]
        mean = statistics.mean(values)
        print(f"{key:22}" + "".join(f"{v:9.3f}" for v in values) + f"{mean:9.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true", help="one line per text")
    parser.add_argument("--only", choices=FRESH_SETS, help="measure on this set only")
    parser.add_argument("--cache", type=Path, help="keep the trained models in this folder")
    parser.add_argument(
        "--data", choices=("all", "sentences", "none"), default="all", help="what trains it"
    )
    parser.add_argument("--labels", help="comma-separated labels the fresh sentences train")
    parser.add_argument(
        "--threshold", action="append", default=[], help="fix a label's threshold: vague=0.4"
    )
    args = parser.parse_args()
    for setting in args.threshold:
        label, value = setting.split("=")
        train_texts.FIXED_THRESHOLDS[label] = float(value)
    if args.labels:
        train_texts.FRESH_LABELS = frozenset(args.labels.split(","))
    results = {
        test_on: measure(train_on, test_on, args.verbose, args.cache, args.data)
        for train_on, test_on in DIRECTIONS
        if args.only in (None, test_on)
    }
    print_summary(results)


if __name__ == "__main__":
    main()
