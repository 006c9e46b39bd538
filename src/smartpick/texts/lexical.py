"""Findings from wording: blame, vagueness, melodrama, defensiveness, hedging, letter phrases."""

from __future__ import annotations

from .model import Finding
from .nlp import Document, Sentence, Token
from .rules import CompiledRules, FindingRule, Hit, could_match


def phrase_findings(doc: Document, kind: str, rules: CompiledRules) -> list[Finding]:
    """Every phrase rule that applies to ``kind``, with suppression between types."""
    hits_by_type: dict[str, list[tuple[Sentence, Hit]]] = {}
    for name, rule in rules.rules.findings.items():
        if rule.applies_to(kind) and rules.findings[name]:
            hits_by_type[name] = _rule_hits(doc, name, rule, rules)
    findings: list[Finding] = []
    for name, hits in hits_by_type.items():
        rule = rules.rules.findings[name]
        hits = _unsuppressed(hits, rule, hits_by_type)
        if len(hits) >= rule.min_hits:
            findings.extend(_first_per_sentence(name, rule, hits))
    return findings


def _first_per_sentence(
    name: str, rule: FindingRule, hits: list[tuple[Sentence, Hit]]
) -> list[Finding]:
    """One finding per sentence (its first hit); ``min_hits`` counts every hit."""
    seen: set[int] = set()
    findings = []
    for sentence, hit in hits:
        if sentence.index not in seen:
            seen.add(sentence.index)
            findings.append(_finding(name, rule, sentence, hit))
    return findings


def _rule_hits(
    doc: Document, name: str, rule: FindingRule, rules: CompiledRules
) -> list[tuple[Sentence, Hit]]:
    window = rules.rules.negation_window
    found = []
    for sentence in doc.sentences:
        if rule.context_exempt and _has_context(doc, sentence, rule.context_reach, rules):
            continue
        if not could_match(sentence, rules.findings[name]):
            continue
        if any(m.hits(sentence, frozenset(), 0) for m in rules.cancels[name]):
            continue
        taken: set[int] = set()
        for matcher in rules.findings[name]:
            for hit in matcher.hits(sentence, rules.negation, window):
                if rule.context_exempt and _told_after_colon(sentence, hit):
                    continue
                if taken.isdisjoint(range(hit.first_token, hit.last_token + 1)):
                    taken.update(range(hit.first_token, hit.last_token + 1))
                    found.append((sentence, hit))
    found.sort(key=lambda pair: (pair[0].index, pair[1].start))
    return found


def _told_after_colon(sentence: Sentence, hit: Hit) -> bool:
    """(issue 17, sixth round) "The program was going through a difficult period: two
    attendings left, ...": what follows a colon after the phrase names it, if it is specific;
    (seventeenth round) so does a "that" clause after the phrase as the subject of "is" or
    "was" ("The other thing is that I asked the program director ... for feedback")."""
    tokens = sentence.tokens
    # the token after which the naming words start: a colon, or the "that" of "is that"
    after = range(hit.last_token + 1, len(tokens))
    opener = next((i for i in after if tokens[i].text == ":"), None)
    if opener is None and _named_by_clause(tokens, hit.last_token + 1):
        opener = hit.last_token + 2
    return opener is not None and sum(t.text[0].isalnum() for t in tokens[opener + 1 :]) >= 6


# the copula that makes the phrase a subject whose content a "that" clause states
_COPULA = frozenset("is was".split())


def _named_by_clause(tokens: tuple[Token, ...], after: int) -> bool:
    """The phrase is the subject of "is that" / "was that": the clause after it names it."""
    return (
        after + 1 < len(tokens)
        and tokens[after].text.lower() in _COPULA
        and tokens[after + 1].text.lower() == "that"
    )


def _has_context(doc: Document, sentence: Sentence, reach: int, rules: CompiledRules) -> bool:
    """A named event (lexicon ``context``) in the sentence, or in the next ``reach`` sentences
    of its paragraph, gives a vague phrase its context; a date alone says when, not why."""
    context = rules.words("context")
    nearby = doc.sentences[sentence.index : sentence.index + reach + 1]
    return any(
        t.lemma in context or t.text in context
        for s in nearby
        if s.paragraph == sentence.paragraph
        for t in s.tokens
    )


def _unsuppressed(
    hits: list[tuple[Sentence, Hit]],
    rule: FindingRule,
    hits_by_type: dict[str, list[tuple[Sentence, Hit]]],
) -> list[tuple[Sentence, Hit]]:
    """Drop hits whose words a type that suppresses this one already claimed."""
    claimed = [h for other in rule.suppressed_by for _, h in hits_by_type.get(other, [])]
    return [
        (s, h) for s, h in hits if not any(h.start < c.end and c.start < h.end for c in claimed)
    ]


def _finding(name: str, rule: FindingRule, sentence: Sentence, hit: Hit) -> Finding:
    return Finding(
        type=name,
        message=rule.message.format(match=f"'{hit.text}'"),
        fix=rule.fix,
        weight=rule.weight,
        source=rule.source,
        sentence=sentence.index,
        span=(hit.start, hit.end),
        quote=sentence.text,
    )


def generic_letter(doc: Document, rules: CompiledRules, anecdote_present: bool) -> list[Finding]:
    """Stock praise with no episode the writer saw and no concrete count of what they saw."""
    if anecdote_present or _any_hit(doc, rules.concrete, rules):
        return []
    praise = rules.words("praise_generic")
    praised = [(s, t) for s in doc.sentences for t in s.tokens if t.text in praise]
    if len(praised) < rules.rules.kinds.letter.min_praise_words:
        return []
    rule = rules.rules.findings["generic-letter"]
    words = ", ".join(sorted({t.text for _, t in praised}))
    sentence, token = praised[0]
    return [
        Finding(
            type="generic-letter",
            message=rule.message.format(match=f"'{words}'"),
            fix=rule.fix,
            weight=rule.weight,
            source=rule.source,
            sentence=sentence.index,
            span=(token.start, token.end),
            quote=sentence.text,
        )
    ]


MIN_CONDUCT_WORDS = 2  # "confined": two conduct words or more and no competence (assumed)


def conduct_only(doc: Document, rules: CompiledRules, anecdote_present: bool) -> list[Finding]:
    """(issue 17, sixth round) Faint praise by what the letter praises: no episode the writer
    saw, at least ``MIN_CONDUCT_WORDS`` words of conduct (lexicon ``praise_conduct``) and no
    word of clinical competence (``praise_competence``): "She was always punctual, and her
    notes were neat. She attended all of our teaching conferences."."""
    if anecdote_present:
        return []
    competence = rules.words("praise_competence")
    if any(t.text in competence for s in doc.sentences for t in s.tokens):
        return []
    conduct = rules.words("praise_conduct")
    praised = [(s, t) for s in doc.sentences for t in s.tokens if t.text in conduct]
    words = sorted({t.text for _, t in praised})
    if len(words) < MIN_CONDUCT_WORDS:
        return []
    sentence, token = praised[0]
    message = rules.rules.wording.conduct_only.format(match=f"'{', '.join(words)}'")
    return [assumed_finding("warning-phrase", message, rules, sentence, (token.start, token.end))]


def assumed_finding(
    type_: str, message: str, rules: CompiledRules, sentence: Sentence, span: tuple[int, int]
) -> Finding:
    """A finding of rule ``type_`` (its fix and weight) with its own message, source assumed."""
    rule = rules.rules.findings[type_]
    return Finding(
        type=type_,
        message=message,
        fix=rule.fix,
        weight=rule.weight,
        source="assumed",
        sentence=sentence.index,
        span=span,
        quote=sentence.text,
    )


def _any_hit(doc: Document, matchers: tuple, rules: CompiledRules) -> bool:
    return any(m.hits(s, rules.negation, 0) for s in doc.sentences for m in matchers)


_FACULTY_RANKS = frozenset({"professor", "dean", "chief", "director"})


def nonphysician_writer(doc: Document, rules: CompiledRules) -> list[Finding]:
    """A letter signed by someone who is not a physician (domain brief: weakens a file)."""
    titles = rules.words("nonphysician")
    tail = doc.sentences[-3:]
    for sentence in tail:
        tokens = sentence.tokens
        found = [  # "Assistant Professor of Anesthesiology" is a faculty rank (issue 17)
            t
            for i, t in enumerate(tokens)
            if t.text in titles
            and not (i + 1 < len(tokens) and tokens[i + 1].text in _FACULTY_RANKS)
        ]
        if found and not any(t.text in {"md", "do", "mbbs", "dr"} for t in sentence.tokens):
            return [
                Finding(
                    type="letter-writer",
                    message=f"The writer signs as '{found[0].text}', not as a physician; "
                    "committees weigh letters from physicians who supervised you.",
                    fix="Keep this as an extra letter at most; ask a physician who supervised "
                    "your clinical work for one of the core letters.",
                    weight=rules.rules.score.writer_weight,
                    source="domain-brief",
                    sentence=sentence.index,
                    span=(found[0].start, found[0].end),
                    quote=sentence.text,
                )
            ]
    return []


def hedge_count(sentence: Sentence, rules: CompiledRules) -> int:
    """How many hedges (the ``hedging`` rule's patterns) ``sentence`` carries."""
    return sum(len(m.hits(sentence, frozenset(), 0)) for m in rules.findings["hedging"])
