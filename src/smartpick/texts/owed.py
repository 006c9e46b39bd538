"""What an explanation owes for its topic (issue 17, ninth round).

An explanation of a dated event (an exam, its attempts, a score, a pending exam or
certificate, the US experience) owes the reader when: a text on such a flag that names
no year and no month leaves "when" unsaid (``substance.undated_vague_for``)."""

from __future__ import annotations

import re

from .evidence import gives_number
from .model import Finding
from .nlp import Document
from .rules import CompiledRules
from .substance import SUBSTANCE_KINDS, vague_claim
from .vagueness import opening

# a month by its full name ("May" left out: mostly the verb)
_MONTH = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)
# one sentence is no account of an event (the sentence sets review sentences one by one)
_MIN_SENTENCES = 2


def undated_vague(
    doc: Document, kind: str, flag: str | None, findings: list[Finding], rules: CompiledRules
) -> list[Finding]:
    """``vague`` on the first sentence of an explanation or answer on a flag of
    ``substance.undated_vague_for`` that names no year and no month, where its other findings
    are all of ``substance.undated_vague_beside`` (hedging, generic): "I hope to sit for the
    exam sometime in the coming months"; with ``substance.undated_vague_unnumbered`` (issue 17,
    seventeenth round) only where no sentence gives a number (``evidence.gives_number``):
    with a number the text is no claim without facts, and its missing date is reported as
    ``undated`` (at vague's weight)."""
    if kind not in SUBSTANCE_KINDS or flag not in rules.rules.substance.undated_vague_for:
        return []
    types = {f.type for f in findings}
    if (
        types - set(rules.rules.substance.undated_vague_beside)
        or len(doc.sentences) < _MIN_SENTENCES
    ):
        return []
    if any(rules.year.hits(s, frozenset(), 0) for s in doc.sentences) or _MONTH.search(doc.text):
        return []
    first, wording = doc.sentences[0], rules.rules.wording
    if rules.rules.substance.undated_vague_unnumbered and any(map(gives_number, doc.sentences)):
        # (seventeenth round) a number is a fact: the text is not vague, its date is missing
        message = wording.undated.format(match=opening(first.text))
        weight = rules.rules.findings["vague"].weight
        return [Finding.at(first, "undated", message, wording.undated_fix, weight, "assumed")]
    return [vague_claim(wording.undated, first, rules)]
