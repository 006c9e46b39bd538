"""Vagueness read across a text (issue 17): a text of general claims (``no-specifics``), a bare
text that is vague too, claims of keeping up with nothing named, a remedy told in general words
beside blame, and an account hedged throughout.

Moved out of ``substance.py`` (issue 17, tenth round) unchanged.
"""

from __future__ import annotations

from dataclasses import replace

from .evidence import is_specific
from .layout import cued_part
from .lexical import assumed_finding
from .model import Finding, StructurePart
from .nlp import Document, Sentence
from .rules import CompiledRules

# kinds whose whole text is an explanation (a personal statement is mostly about other things)
SUBSTANCE_KINDS = frozenset({"additional-info", "interview-answer"})
_MODEL_SOURCE = "assumed"


def substance_finding(
    doc: Document,
    kind: str,
    labels: tuple[frozenset[str], ...],
    rules: CompiledRules,
    flag: str | None = None,
) -> list[Finding]:
    """``no-specifics`` where general claims outnumber the sentences with a specific fact.

    A general claim is a sentence the model labels vague and that has no number, month or
    name; a specific sentence has one of those, or is a concrete change the model found. A
    text of ``substance.bare_text_sentences`` sentences or more with at most one specific
    sentence is thin too, whatever the model reads in its claims, and so is one of
    ``substance.bare_text_no_fact`` sentences or more with none (the flag's own names,
    ``substance.flag_names``, are no fact).
    """
    if kind == "personal-statement":
        return _bare_statement(doc, rules)
    if kind not in SUBSTANCE_KINDS or len(doc.sentences) < 3:
        return []
    settings = rules.rules.substance
    names = frozenset(settings.flag_names.get(flag or "", ()))
    generic = [s for s, own in zip(doc.sentences, labels, strict=True) if "vague" in own]
    specific = [
        s
        for s, own in zip(doc.sentences, labels, strict=True)
        if "vague" not in own and (is_specific(s, counts=True, own=names) or "change" in own)
    ]
    bare = _at_least(len(doc.sentences), settings.bare_text_sentences) and len(specific) <= 1
    bare = bare or (_at_least(len(doc.sentences), settings.bare_text_no_fact) and not specific)
    if not bare and (len(generic) < 2 or len(generic) < len(specific)):
        return []
    count = _giving(len(specific))
    if bare:
        message = rules.rules.wording.no_specifics_bare.format(
            total=len(doc.sentences), specific=count
        )
    else:
        message = rules.rules.wording.no_specifics_thin.format(
            generic=len(generic), total=len(doc.sentences), specific=count
        )
    first = (generic or [s for s in doc.sentences if s not in specific] or doc.sentences)[0]
    return [_no_specifics(message, first, rules)]


def _giving(specific: int) -> str:
    said = {0: "no sentence gives", 1: "only one sentence gives"}
    return said.get(specific, f"{specific} sentences give")


def _no_specifics(message: str, first: Sentence, rules: CompiledRules) -> Finding:
    weight = rules.rules.score.substance_weight
    fix = rules.rules.wording.no_specifics_fix
    return Finding.at(first, "no-specifics", message, fix, weight, _MODEL_SOURCE)


def _bare_statement(doc: Document, rules: CompiledRules) -> list[Finding]:
    """``no-specifics`` for a long personal statement in which fewer than
    ``statement_specific_share`` of the sentences give a fact (issue 17, fifth round), or
    (eighth round) a statement under the kind's word floor in which fewer than
    ``short_statement_specific_share`` do."""
    spec = rules.rules.substance
    total = len(doc.sentences)
    specific = [s for s in doc.sentences if is_specific(s, counts=True, exam=True)]
    short = spec.short_statement_specific_share
    if short is not None and doc.word_count < rules.rules.kinds.personal_statement.min_words:
        if len(specific) >= short * total:
            return []
    elif (
        total < spec.statement_min_sentences
        or len(specific) >= spec.statement_specific_share * total
    ):
        return []
    first = next((s for s in doc.sentences if s not in specific), doc.sentences[0])
    message = rules.rules.wording.no_specifics_statement.format(
        total=total, specific=_giving(len(specific))
    )
    return [_no_specifics(message, first, rules)]


def unspecific_claims(
    doc: Document, kind: str, findings: list[Finding], rules: CompiledRules
) -> list[Finding]:
    """(issue 17, sixth round) ``vague`` for the first claim of keeping up, staying involved or
    doing everything possible (``substance.unspecific_claims``) in an explanation or answer
    whose sentence names no number, month or name ("I have tried to stay up to date through
    reading"), where the text has no ``vague`` finding yet."""
    if kind not in SUBSTANCE_KINDS or any(f.type == "vague" for f in findings):
        return []
    window = rules.rules.negation_window
    for sentence in doc.sentences:
        if is_specific(sentence, counts=True):
            continue
        if any(m.hits(sentence, rules.negation, window) for m in rules.unspecific):
            return [vague_claim(rules.rules.wording.unspecific, sentence, rules)]
    return []


def opening(text: str) -> str:
    """The first eight words of ``text``, quoted, for a finding's message."""
    return f"'{' '.join(text.split()[:8])}…'"


def vague_claim(template: str, sentence: Sentence, rules: CompiledRules) -> Finding:
    """A ``vague`` finding on the whole ``sentence``, its opening words quoted in ``template``."""
    message = template.format(match=opening(sentence.text))
    return assumed_finding("vague", message, rules, sentence, (sentence.start, sentence.end))


def general_remedy(
    doc: Document,
    kind: str,
    findings: list[Finding],
    parts: tuple[StructurePart, ...],
    rules: CompiledRules,
) -> list[Finding]:
    """(issue 17, eighth round) ``vague`` for the first generic claim that is a cue of a
    remedy part (``substance.general_remedy_parts``: an explanation's lesson and change) in an
    explanation or answer with a finding of ``substance.general_remedy_with`` (blame,
    defensive) and no ``vague`` finding yet: "I learned a lot from it" beside blame."""
    spec = rules.rules.substance
    types = {f.type for f in findings}
    if any(p.id == "responsibility" and not p.present for p in parts):
        types.add("ownership-missing")
    if kind not in SUBSTANCE_KINDS or "vague" in types:
        return []
    if not types & set(spec.general_remedy_with):
        return []
    named = [part.partition("/") for part in spec.general_remedy_parts]
    cued = set().union(*(cued_part(doc, name, part, rules) for name, _, part in named))
    generic = sorted(f.sentence for f in findings if f.type == "generic" and f.sentence in cued)
    if not generic:
        return []
    return [vague_claim(rules.rules.wording.general_remedy, doc.sentences[generic[0]], rules)]


def hedged_vague(
    doc: Document, kind: str, findings: list[Finding], rules: CompiledRules
) -> list[Finding]:
    """(issue 17, eighth round) ``vague`` on the first hedged sentence of an explanation or
    answer whose other findings are all of ``substance.hedged_vague_beside`` (generic)."""
    beside = rules.rules.substance.hedged_vague_beside
    types = {f.type for f in findings}
    if kind not in SUBSTANCE_KINDS or beside is None or "hedging" not in types:
        return []
    if types - {"hedging", *beside}:
        return []
    hedged = [f.sentence for f in findings if f.type == "hedging" and f.sentence is not None]
    if not hedged:
        return []
    return [vague_claim(rules.rules.wording.hedged, doc.sentences[min(hedged)], rules)]


def _at_least(count: int, floor: int | None) -> bool:
    """``count`` reaches the setting ``floor`` (None: the rule is off, never reached)."""
    return floor is not None and count >= floor


def bare_vague(doc: Document, findings: list[Finding], rules: CompiledRules) -> list[Finding]:
    """A text that costs ``no-specifics`` is vague and generic as well
    (``substance.bare_is_vague``), unless it blames someone (then it is read for its blame;
    since issue 17's sixth round a text that only argues is vague too: a bare defence names
    nothing either, unless it is shorter than ``substance.bare_text_sentences``, issue 17's
    fifteenth round: "I did nothing wrong and the decision against me was unfair" is read as
    defensive) or is shorter than ``bare_vague_min_words``; each only where no sentence
    already has that finding. The generic finding costs nothing more (``no-specifics``
    already costs the text its general claims)."""
    bare = next((f for f in findings if f.type == "no-specifics"), None)
    spec = rules.rules.substance
    if (
        bare is None
        or not spec.bare_is_vague
        or doc.word_count < spec.bare_vague_min_words
        or any(f.type == "blame" for f in findings)
    ):
        return []
    found = {f.type for f in findings}
    if not _at_least(len(doc.sentences), spec.bare_text_sentences) and "defensive" in found:
        return []  # (fifteenth round) a short bare argument is read for its argument
    out, wording = [], rules.rules.wording
    if "vague" not in found:
        weight = rules.rules.findings["vague"].weight
        out.append(replace(bare, type="vague", message=wording.bare_vague, weight=weight))
    if "generic" not in found:
        out.append(
            replace(
                bare,
                type="generic",
                message=wording.bare_generic,
                fix=wording.generic_fix,
                weight=0,
            )
        )
    return out


# words between "I" and its verb that are no verb of their own ("I have since worked", "I
# then studied", "I have not only")
_BEFORE_VERB = frozenset(
    "was were am is are be been had has have 've 'd did do does will would could should can may"
    " might must"
    " never also then only still just first later soon even again since really truly".split()
)

_BE = frozenset("was were am is are be been".split())


def writer_claim(sentence: Sentence) -> bool:
    """The sentence's first clause (up to its first comma, semicolon or colon past the writer)
    tells what the writer did: "I" then an active verb past any auxiliary and adverb ("I have
    worked hard to address my weaknesses", "After that I studied from the right resources"),
    not a state ("I was not idle", "I am more prepared than ever")."""
    tokens = sentence.tokens
    for i, token in enumerate(tokens[:-1]):
        if token.text.lower() != "i":
            continue
        j = i + 1
        state = False  # "I was", "I have been": a state, not an act
        while j < len(tokens) - 1 and tokens[j].text.lower() in _BEFORE_VERB:
            state = state or tokens[j].text.lower() in _BE
            j += 1
        verb = tokens[j]
        if state or not verb.text.isalpha():
            return False
        return verb.text.lower() != verb.lemma or verb.text.lower().endswith("ed")
    return False


def vague_claims(
    doc: Document,
    kind: str,
    labels: tuple[frozenset[str], ...],
    findings: list[Finding],
    rules: CompiledRules,
    flag: str | None = None,
) -> list[Finding]:
    """(issue 17, thirteenth round; ``substance.vague_claim_with``) ``vague`` on the first
    sentence the model labels vague (a claim with no specific fact) in which the writer tells
    what they did (``writer_claim``) and that names no number, month or name, in a text of
    ``substance.vague_claim_kinds`` (explanations and answers; personal statements since the
    twentieth round) with a finding of ``substance.vague_claim_with`` and no ``vague`` yet:
    the claim is judged on its own, beside blame, argument or drama ("After that I studied
    from the right resources and passed on my second attempt")."""
    spec = rules.rules.substance
    types = {f.type for f in findings}
    if kind not in spec.vague_claim_kinds or "vague" in types:
        return []
    if not types & set(spec.vague_claim_with):
        return []
    if flag in spec.vague_claim_not_for:
        return []  # a gap's structure owes its timeframe and activity parts: they say it
    for sentence, own in zip(doc.sentences, labels, strict=True):
        if "vague" not in own or is_specific(sentence, counts=True):
            continue
        if writer_claim(sentence):
            return [vague_claim(rules.rules.wording.claimed, sentence, rules)]
    return []
