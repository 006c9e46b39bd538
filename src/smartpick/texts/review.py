"""Review a text the way a selection committee reads it: findings, structure, score, fixes.

``review_text(text, kind, profile=None, flag=None) -> Review``
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InputError, TextInputError
from . import blame, fixes, layout, lexical, owed, substance
from .model import Finding, Review, StructurePart
from .nlp import Document, analyse
from .reader import check_review_text
from .rules import KINDS, CompiledRules, load_rules

if TYPE_CHECKING:
    from ..profile import Profile

EXTRA_HIT_SHARE = 3  # each further sentence of a type costs 1/3 of its weight (assumed)


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise TextInputError(
            f"unknown kind of text: {kind}",
            path="kind",
            hint="use one of: " + ", ".join(KINDS),
        )
    return kind


def check_flag(flag: str | None) -> str | None:
    """A known red-flag id (or None); an unknown one is an input error naming the nearest."""
    if flag is None:
        return None
    from ..audit import flag_ids

    known = flag_ids()
    if flag not in known:
        from rapidfuzz import process

        nearest = process.extractOne(flag, known)
        hint = f"did you mean {nearest[0]}?" if nearest else "see smartpick audit PROFILE --json"
        raise InputError(f"unknown red-flag id: {flag}", path="flag", hint=hint)
    return flag


def review_text(
    text: str, kind: str, profile: Profile | None = None, flag: str | None = None
) -> Review:
    """Review ``text`` of ``kind``; with ``profile``, tie it to the profile's red flags."""
    check_kind(kind)
    check_review_text(text)
    rules = load_rules()
    doc = analyse(text)
    topics = layout.topic_sentences(doc, rules)
    scope = _flag_scope(doc, kind, topics)
    labels = substance.document_labels(doc, kind, rules, scope)
    flag = flag or _inferred_flag(kind, topics)
    structure_name, parts = _structure(doc, kind, flag, topics, rules)
    parts = fixes.tailor_parts(parts, flag, profile, rules)
    findings = _in_scope(doc, lexical.phrase_findings(doc, kind, rules), scope, rules)
    findings += substance.model_findings(doc, kind, labels, findings, rules, scope, parts)
    findings = blame.read_blame(findings, flag, rules, doc)
    findings, held = blame.held_circumstance_blame(doc, findings, rules)
    if structure_name is not None:
        found_types = {f.type for f in findings}
        parts = layout.conditional_parts(
            doc, structure_name, parts, found_types, rules, scope, flag
        )
        event = _profile_event(profile, flag)
        flagged: dict[int, set[str]] = {}
        for f in findings:
            if f.sentence is not None:
                flagged.setdefault(f.sentence, set()).add(f.type)
        parts = substance.refine_parts(
            doc, structure_name, parts, labels, rules, event, flagged, scope
        )
    findings += substance.unowned_blame(doc, kind, labels, findings, parts, rules)
    findings += blame.released_blame(held, findings, parts)
    findings = blame.read_blame(findings, flag, rules, doc)
    findings = blame.argued_blame(findings, doc, flag, rules)
    if structure_name is not None:
        found_types = {f.type for f in findings}
        parts = layout.owed_parts(structure_name, parts, found_types, rules)
    findings += substance.substance_finding(doc, kind, labels, rules, flag)
    findings += substance.bare_vague(doc, findings, rules)
    findings += substance.unspecific_claims(doc, kind, findings, rules)
    findings += substance.general_remedy(doc, kind, findings, parts, rules)
    findings += substance.vague_claims(doc, kind, labels, findings, rules, flag)
    seconds, share, placed = _kind_findings(doc, kind, flag, topics, parts, rules)
    findings += placed
    findings += substance.hedged_vague(doc, kind, findings, rules)
    findings += owed.undated_vague(doc, kind, flag, findings, rules)
    addressed: tuple[str, ...] = ()
    unaddressed: tuple[str, ...] = ()
    if profile is not None:
        from .consistency import profile_findings

        covered = dict(topics)
        if flag and sum(p.present for p in parts) * 2 >= max(1, len(parts)):
            covered.setdefault(flag, [])
        tie = profile_findings(doc, kind, flag, covered, profile, rules)
        findings += tie.findings
        addressed, unaddressed = tie.addressed, tie.unaddressed
    findings = fixes.tailor_findings(findings, flag, rules)
    findings.sort(key=lambda f: (f.sentence if f.sentence is not None else -1, -f.weight))
    score, top = _score(findings, parts, rules)
    return Review(
        kind=kind,
        flag=flag,
        score=score,
        findings=tuple(findings),
        structure_name=structure_name,
        structure=parts,
        top_fixes=top,
        word_count=doc.word_count,
        sentence_count=len(doc.sentences),
        paragraph_count=doc.paragraph_count,
        speaking_seconds=seconds,
        flags_mentioned=tuple(topics),
        flag_share=share,
        flag_paragraphs=tuple(
            sorted({doc.sentences[i].paragraph + 1 for ids in topics.values() for i in ids})
        ),
        addressed_flags=addressed,
        unaddressed_flags=unaddressed,
    )


def _flag_scope(doc: Document, kind: str, topics: dict[str, list[int]]) -> set[int] | None:
    """A personal statement's sentences in the paragraphs about a red flag (its story, its
    motivation and its clinical scenes are not an explanation); None for other kinds."""
    if kind != "personal-statement":
        return None
    paragraphs = {doc.sentences[i].paragraph for ids in topics.values() for i in ids}
    return {s.index for s in doc.sentences if s.paragraph in paragraphs}


def _in_scope(
    doc: Document, findings: list[Finding], scope: set[int] | None, rules: CompiledRules
) -> list[Finding]:
    """(issue 17, eighth round) a statement's blame only in its paragraphs about a red flag or
    in a sentence naming an exam or its result (lexicon ``exam_words``): "I explained to
    parents why we were not giving antibiotics" in a clinical scene, or "I want to train in
    psychiatry because it asks the questions" in its motivation, puts no failing's cause on
    anyone (as the model's labels there support nothing, sixth round)."""
    if scope is None:
        return findings
    exam = rules.words("exam_words")

    def read(f: Finding) -> bool:
        if f.type != "blame" or f.sentence is None or f.sentence in scope:
            return True
        return bool(exam & {t.lemma for t in doc.sentences[f.sentence].tokens})

    return [f for f in findings if read(f)]


def _profile_event(profile: Profile | None, flag: str | None) -> int | None:
    """The year of the flag's event in the profile's timeline (evidence must come after it)."""
    if profile is None or flag is None:
        return None
    from .event import event_date

    when = event_date(profile, flag)
    return when.year if when else None


def _inferred_flag(kind: str, topics: dict[str, list[int]]) -> str | None:
    """Without ``--flag``: the first red flag the text talks about (not for letters)."""
    if kind == "letter" or not topics:
        return None
    return next(iter(topics))


def _structure(
    doc: Document, kind: str, flag: str | None, topics: dict[str, list[int]], rules: CompiledRules
) -> tuple[str | None, tuple[StructurePart, ...]]:
    name = layout.structure_for(kind, flag, rules)
    if name is None and kind == "additional-info" and flag is None:
        # (issue 17, sixth round) an explanation that names no red flag is still judged on the
        # parts any explanation owes (``kinds.additional-info.default_structure``)
        name = rules.rules.kinds.additional_info.default_structure
    if name is None:
        return None, ()
    scope = None
    if kind == "personal-statement":
        if not topics:
            return None, ()
        paragraphs = {doc.sentences[i].paragraph for ids in topics.values() for i in ids}
        scope = {s.index for s in doc.sentences if s.paragraph in paragraphs}
    return name, layout.structure_parts(doc, name, rules, scope)


def _kind_findings(
    doc: Document,
    kind: str,
    flag: str | None,
    topics: dict[str, list[int]],
    parts: tuple[StructurePart, ...],
    rules: CompiledRules,
) -> tuple[float | None, float | None, list[Finding]]:
    """Length and placement rules of the kind; letter-only checks."""
    if kind == "additional-info":
        return None, None, layout.additional_info_length(doc, list(topics), flag, rules)
    if kind == "interview-answer":
        seconds, found = layout.answer_length(doc, rules)
        return seconds, None, found
    if kind == "personal-statement":
        share, found = layout.statement_layout(doc, topics, rules)
        return None, share, found
    anecdote = any(p.id == "anecdote" and p.present for p in parts)
    found = lexical.generic_letter(doc, rules, anecdote) + lexical.nonphysician_writer(doc, rules)
    found += lexical.conduct_only(doc, rules, anecdote)
    return None, None, found


def _score(
    findings: list[Finding], parts: tuple[StructurePart, ...], rules: CompiledRules
) -> tuple[int, tuple[str, ...]]:
    """100 minus what each finding type and each missing part costs; the 3 costliest fixes,
    a fact that contradicts the profile first (what the file shows is checked before anything
    is read for tone, and it is the quickest fix)."""
    cost: dict[str, float] = {}
    fix_of: dict[str, str] = {}
    for finding in findings:
        key = finding.type
        seen = key in cost
        cost[key] = cost.get(key, 0.0) + (
            finding.weight / EXTRA_HIT_SHARE if seen else finding.weight
        )
        cost[key] = min(cost[key], 2.0 * finding.weight)
        fix_of.setdefault(key, finding.fix)
    for part in parts:
        if not part.present:
            cost[f"part:{part.id}"] = float(rules.rules.score.missing_part_weight)
            fix_of[f"part:{part.id}"] = part.fix
    score = max(0, min(100, round(100 - sum(cost.values()))))
    ranked = sorted(cost, key=lambda k: (k != "contradiction", -cost[k]))
    fixes: list[str] = []
    for key in ranked:
        if fix_of[key] not in fixes:
            fixes.append(fix_of[key])
    return score, tuple(fixes[:3])
