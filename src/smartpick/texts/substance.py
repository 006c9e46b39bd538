"""Substance, not presence: what the sentence model adds to the rules.

* findings the rules miss: blame in other words, generic claims, faint praise in letters
  (``sentences.py``), each quoting its sentence;
* a part of the structure counts only where a sentence says something specific: a part named
  only in generic words ("I changed my routine and made a plan") is reported as missing, with
  the quote; the model's ownership, change and evidence sentences count for their parts;
* evidence counts only after the event: a result dated before the event it should answer
  (in the text, or in the profile's timeline) is not evidence that anything changed.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Finding, StructurePart
from .nlp import Document, Sentence
from .rules import CompiledRules
from .sentences import features, load_model

# the sentence model's label -> the finding type it adds where no rule fired in the sentence;
# "generic" is a claim with no specific fact ("I learned a lot from it"); the rules' "vague"
# is a reason left unnamed ("for personal reasons")
FINDING_OF_LABEL = {"blame": "blame", "vague": "generic", "warning": "warning-phrase"}
RULE_OF_TYPE = {"blame": "blame", "generic": "vague", "warning-phrase": "warning-phrase"}
# A text has many sentences: a model-only finding needs more confidence than the per-sentence
# threshold, or a long text collects false findings. Chosen on the tune half of the texts.
FINDING_PROBABILITY = {"blame": 0.85, "vague": 0.88, "warning": 0.9}
# letters: salutations, signatures and titles are not sentences the model was trained on
MIN_WORDS = {"letter": 5}
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# structure part -> the sentence label that shows it
PART_LABEL = {"responsibility": "ownership", "changed": "change", "evidence": "evidence"}
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_MODEL_SOURCE = "assumed"
_CONTACT_LINE = re.compile(
    r"\b(?:call|contact|reach|e-?mail|phone|write to) me\b|\bhesitate\b|\bfeel free\b", re.I
)


def document_labels(doc: Document, kind: str, rules: CompiledRules) -> tuple[frozenset[str], ...]:
    """The model's labels of every sentence (letters: only the warning label applies).

    A finding label (blame, vague, warning) is written ``label!`` where the model is confident
    enough for a finding of its own (``FINDING_PROBABILITY``).
    """
    model = load_model()
    wanted = {"warning"} if kind == "letter" else set(PART_LABEL.values()) | {"blame", "vague"}
    out: list[frozenset[str]] = []
    for sentence in doc.sentences:
        if sentence.word_count < MIN_WORDS.get(kind, 1):
            out.append(frozenset())
            continue
        found = features(sentence, rules)
        labels = set(model.labels(found) & wanted)
        if "ownership" in labels:
            labels -= {"blame"}  # the writer owns it in the same sentence
        if "vague" in labels and is_specific(sentence):
            labels -= {"vague"}  # a date, a count or a name is not a generic claim
        labels |= {
            f"{label}!"
            for label in labels & set(FINDING_PROBABILITY)
            if model.probability(label, found) >= FINDING_PROBABILITY[label]
        }
        out.append(frozenset(labels))
    return tuple(out)


def is_specific(sentence: Sentence) -> bool:
    """A specific fact: a number, a month, or a name (a capitalised word after the first)."""
    words = sentence.text.split()
    if any(ch.isdigit() for ch in sentence.text):
        return True
    if any(t.text in _MONTHS for t in sentence.tokens):
        return True
    return any(w[:1].isupper() and w.strip(".,;:") not in {"I", "I'm", "I've"} for w in words[1:])


def model_findings(
    doc: Document,
    kind: str,
    labels: tuple[frozenset[str], ...],
    found: list[Finding],
    rules: CompiledRules,
) -> list[Finding]:
    """A finding for each sentence the model labels blame / vague / warning and no rule did."""
    ruled = {f.sentence for f in found}  # a rule already explains this sentence
    praise = set(rules.rules.lexicon.get("praise_generic", []))
    extra = []
    for sentence, own in zip(doc.sentences, labels, strict=True):
        if sentence.index in ruled:
            continue
        for label in sorted(FINDING_OF_LABEL):
            type_ = FINDING_OF_LABEL[label]
            rule = rules.rules.findings[RULE_OF_TYPE[type_]]
            if f"{label}!" not in own or not rule.applies_to(kind):
                continue
            if type_ == "warning-phrase" and praise.intersection(t.text for t in sentence.tokens):
                continue  # stock praise is the generic-letter check's
            extra.append(_model_finding(type_, sentence, rules))
    return extra


_GENERIC_MESSAGE = (
    "A claim with no specific fact ({match}): it names a part of the explanation without "
    "saying what, when or how much."
)
_GENERIC_FIX = (
    "Replace it with the fact behind it: the date, the named action (what you did, how often, "
    "with whom) or the measured result."
)


def _model_finding(type_: str, s: Sentence, rules: CompiledRules) -> Finding:
    rule = rules.rules.findings[RULE_OF_TYPE[type_]]
    generic = type_ == "generic"
    words = " ".join(s.text.split()[:8]) + ("…" if len(s.text.split()) > 8 else "")
    message = _GENERIC_MESSAGE if generic else rule.message
    return Finding(
        type=type_,
        message=message.format(match=f"'{words}'") + " (sentence model)",
        fix=_GENERIC_FIX if generic else rule.fix,
        weight=rule.weight,
        source=_MODEL_SOURCE,
        sentence=s.index,
        span=(s.start, s.end),
        quote=s.text,
    )


def years(sentence: Sentence) -> list[int]:
    return [int(y) for y in _YEAR.findall(sentence.text)]


def event_year(doc: Document, parts: tuple[StructurePart, ...]) -> int | None:
    """The year of the event: the first year of the 'what happened' sentence, if dated."""
    for part in parts:
        dated = part.present and part.sentence is not None
        if part.id in {"what-happened", "last-cycle"} and dated and part.sentence is not None:
            found = years(doc.sentences[part.sentence])
            return found[0] if found else None
    return None


def refine_parts(
    doc: Document,
    name: str,
    parts: tuple[StructurePart, ...],
    labels: tuple[frozenset[str], ...],
    rules: CompiledRules,
    event: int | None = None,
) -> tuple[StructurePart, ...]:
    """Parts counted from specific sentences only, with the model's sentences and the event date."""
    event = event if event is not None else event_year(doc, parts)
    refined = []
    for part in parts:
        spec = next(p for p in rules.rules.structures[name].parts if p.id == part.id)
        if spec.needs_date:
            refined.append(part)
            continue
        cued = _cued(doc, name, part.id, rules)
        support = [
            i
            for i in sorted(cued | _labelled(labels, PART_LABEL.get(part.id)))
            if "vague!" not in labels[i] and _after(doc.sentences[i], part.id, event)
        ]
        if part.id == "evidence":
            support = [i for i in support if _states_a_result(doc, i, parts, rules)]
        if part.id == "anecdote":  # "please feel free to call me" is no episode
            support = [i for i in support if not _CONTACT_LINE.search(doc.sentences[i].text)]
        refined.append(_with_support(part, support, cued, labels, doc, event))
    return tuple(refined)


def _states_a_result(
    doc: Document, index: int, parts: tuple[StructurePart, ...], rules: CompiledRules
) -> bool:
    """Not a protest ("does not reflect my ability") and not the event itself (one date)."""
    sentence = doc.sentences[index]
    defensive = rules.findings["defensive"]
    if any(m.hits(sentence, rules.negation, rules.rules.negation_window) for m in defensive):
        return False
    event = next((p.sentence for p in parts if p.id == "what-happened"), None)
    return index != event or len(years(sentence)) > 1


def _cued(doc: Document, name: str, part: str, rules: CompiledRules) -> set[int]:
    window = rules.rules.structure_negation_window
    matchers = rules.parts[(name, part)]
    return {
        s.index for s in doc.sentences if any(m.hits(s, rules.negation, window) for m in matchers)
    }


def _labelled(labels: tuple[frozenset[str], ...], label: str | None) -> set[int]:
    return {i for i, own in enumerate(labels) if label and label in own}


def _after(sentence: Sentence, part: str, event: int | None) -> bool:
    """Evidence dated only before the event does not show that anything changed."""
    if part != "evidence" or event is None:
        return True
    found = years(sentence)
    return not found or max(found) >= event


def _with_support(
    part: StructurePart,
    support: list[int],
    cued: set[int],
    labels: tuple[frozenset[str], ...],
    doc: Document,
    event: int | None,
) -> StructurePart:
    if support:
        return replace(part, present=True, sentence=support[0])
    if not cued:
        return replace(part, present=False, sentence=None)
    first = doc.sentences[min(cued)]
    if part.id == "evidence" and event is not None and not _after(first, part.id, event):
        why = f"'{first.text}' is dated before the event ({event}): it cannot show the change"
    else:
        why = f"'{first.text}' names it in general words only"
    return replace(part, present=False, sentence=first.index, fix=f"{part.fix} ({why}.)")
