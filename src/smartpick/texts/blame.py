"""Blame read against the flag and the text's ownership, after the findings are found.

Where the flag is no failing of the applicant's own (a gap, a visa, ...), the model's and the
grammar's blame does not count, nor the rules' blame of a real reason the writer tells
(``read_blame``), and an argument about the flag told in the present is defensive
(``argued_blame``); the model's blame of a circumstance acting on the applicant waits for the
text's ownership (``held_circumstance_blame``, ``released_blame``). Moved out of
``substance.py`` (issue 17, thirteenth round) as it was; the names are still importable there.
"""

from __future__ import annotations

from dataclasses import replace

from .agency import named_actor, writer_acts
from .model import Finding, StructurePart
from .nlp import Document, Sentence
from .ownership import circumstance
from .rules import CompiledRules
from .vagueness import _MODEL_SOURCE


def held_circumstance_blame(
    doc: Document, findings: list[Finding], rules: CompiledRules
) -> tuple[list[Finding], list[Finding]]:
    """(issue 17, twelfth round; ``substance.circumstance_model_blame_unowned_only``) the
    findings without the model's own blame of a sentence in which a circumstance acts on the
    applicant (``circumstance``; a person, an institution or the exam as its subject is no
    circumstance: ``named_actor``), and those held back: whether such a sentence
    blames depends on whether the text owns the event, which is known only after the
    structure's parts ("A long strike on the city's bus network cost me most of my review
    sessions" is blame in a text that owns nothing, context beside "I should have moved my
    studying to the library")."""
    if not rules.rules.substance.circumstance_model_blame_unowned_only:
        return findings, []
    held = [
        f
        for f in findings
        if f.type == "blame"
        and f.source == _MODEL_SOURCE
        and f.sentence is not None
        and circumstance(doc.sentences[f.sentence], rules) is not None
        and not named_actor(doc.sentences[f.sentence], rules)
    ]
    return [f for f in findings if f not in held], held


def released_blame(
    held: list[Finding], findings: list[Finding], parts: tuple[StructurePart, ...]
) -> list[Finding]:
    """The held findings (``held_circumstance_blame``) where the text does not own the event
    (no ownership part present), but for a sentence already blamed (``unowned_blame`` reports
    the first such sentence for the whole text where the structure owes ownership)."""
    if not held or any(p.id == "responsibility" and p.present for p in parts):
        return []
    blamed = {f.sentence for f in findings if f.type == "blame"}
    return [f for f in held if f.sentence not in blamed]


# a finite past form: a sentence with one tells the event; one without argues in the present
# or a modal ("A single exam cannot measure the skills I have used", "Programs should look at
# my clinical work"); an -ed form after these (a perfect, a passive, a copula) is no finite past
PAST_FINITE = frozenset({"was", "were", "had", "did", "wasn't", "weren't", "hadn't", "didn't"})
_NOT_FINITE_AFTER = frozenset(
    "have has 've is are am be been being 's 're 'm get gets a an the more most very so too as "
    "not n't".split()
)


def tells_past(sentence: Sentence) -> bool:
    """Whether ``sentence`` has a finite past verb: was/were/had/did, or an -ed form after a
    subject (not first, not after an auxiliary, a copula, an article or a degree word)."""
    tokens = sentence.tokens
    for i, token in enumerate(tokens):
        if token.text in PAST_FINITE:
            return True
        if (
            i > 0
            and token.text.endswith("ed")
            and token.text != token.lemma
            and tokens[i - 1].text not in _NOT_FINITE_AFTER
        ):
            return True
    return False


def argued_blame(
    findings: list[Finding], doc: Document, flag: str | None, rules: CompiledRules
) -> list[Finding]:
    """(issue 17, eleventh round) where the flag is no failing of the applicant's own
    (``substance.model_blame_not_for``: a visa, a gap, ...) and the rules read the text as
    defensive, the blame (of ``substance.argued_blame_sources``) of a sentence that tells
    nothing in the past is read as defensive: "I hope programs will not let an administrative
    issue decide against me" is the text's argument that the flag should not count
    (defensive), not a failing's cause put on others; "because my family did not allow me"
    still blames."""
    substance = rules.rules.substance
    sources = set(substance.argued_blame_sources)
    if (
        not sources
        or flag not in substance.model_blame_not_for
        or not any(f.type == "defensive" for f in findings)
    ):
        return findings
    rule = rules.rules.findings["defensive"]
    kept = []
    for f in findings:
        if (
            f.type == "blame"
            and f.source in sources
            and f.sentence is not None
            and not tells_past(doc.sentences[f.sentence])
        ):
            # the argument it is: a defensive sentence (its cost to the score kept)
            words = " ".join((f.quote or "").split()[:8])
            f = replace(
                f,
                type="defensive",
                message=rule.message.format(match=f"'{words}…'"),
                fix=rule.fix,
            )
        kept.append(f)
    return kept


def read_blame(
    findings: list[Finding], flag: str | None, rules: CompiledRules, doc: Document | None = None
) -> list[Finding]:
    """(issue 17, eighth round) the findings without the model's and the grammar's blame
    (source assumed) where the flag is no failing of the applicant's own
    (``substance.model_blame_not_for``: a gap, a visa, a pending certificate, ...); (issue 17,
    thirteenth round; ``substance.not_failing_reason_not_blame``) nor the rules' blame of a
    sentence whose main clause tells what the writer did (``writer_acts``), in a text the rules
    do not read as defensive: "I left Homs in 2016 because the hospital I worked in was closed"
    gives a real reason for a gap, no failing put on others."""
    substance = rules.rules.substance
    if flag not in substance.model_blame_not_for:
        return findings
    findings = [f for f in findings if not (f.type == "blame" and f.source == "assumed")]
    if (
        doc is None
        or not substance.not_failing_reason_not_blame
        or any(f.type == "defensive" for f in findings)
    ):
        return findings
    return [
        f
        for f in findings
        if not (
            f.type == "blame"
            and f.sentence is not None
            and writer_acts(doc.sentences[f.sentence], rules)
        )
    ]
