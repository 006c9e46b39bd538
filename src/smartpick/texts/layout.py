"""Which red flags a text talks about, the parts of a good explanation it has, and its
length and placement for its kind (ERAS field, personal statement, letter, interview answer)."""

from __future__ import annotations

from .model import Finding, StructurePart
from .nlp import Document, Sentence
from .rules import CompiledRules, Structure

EXAM_FLAGS = frozenset({"exam-failure", "multiple-attempts", "attempts-near-limit"})


def topic_sentences(doc: Document, rules: CompiledRules) -> dict[str, list[int]]:
    """Red-flag id -> indices of the sentences that mention it, in text order."""
    found: dict[str, list[int]] = {}
    for sentence in doc.sentences:
        for flag, matchers in rules.topics.items():
            if any(m.hits(sentence, rules.negation, 0) for m in matchers):
                found.setdefault(flag, []).append(sentence.index)
    return dict(sorted(found.items(), key=lambda item: item[1][0]))


def structure_for(kind: str, flag: str | None, rules: CompiledRules) -> str | None:
    """The name of the structure that applies: the letter's, or the flag's explanation."""
    target = "letter" if kind == "letter" else flag
    if target is None:
        return None
    for name, structure in rules.rules.structures.items():
        if target in structure.applies_to:
            return name
    return None


def structure_parts(
    doc: Document, name: str, rules: CompiledRules, scope: set[int] | None = None
) -> tuple[StructurePart, ...]:
    """Each part of structure ``name``: present (with the first sentence that shows it) or not
    (a conditional part too: ``conditional_parts`` drops it where its condition fails)."""
    structure: Structure = rules.rules.structures[name]
    sentences = [s for s in doc.sentences if scope is None or s.index in scope]
    parts = []
    for part in structure.parts:
        where = _first_sentence(sentences, rules, name, part.id, part.needs_date)
        parts.append(StructurePart(part.id, part.label, where is not None, where, part.fix))
    return tuple(parts)


def conditional_parts(
    doc: Document,
    name: str,
    parts: tuple[StructurePart, ...],
    found: set[str],
    rules: CompiledRules,
    scope: set[int] | None = None,
    flag: str | None = None,
) -> tuple[StructurePart, ...]:
    """``parts`` without a conditional part (``only_if``, ``only_if_findings``) whose condition
    fails: none of its cues occurs in the text and none of the finding types ``found`` is its;
    nor a part not owed for the text's red flag ``flag`` (``not_for``)."""
    sentences = [s for s in doc.sentences if scope is None or s.index in scope]
    window = rules.rules.structure_negation_window
    specs = {p.id: p for p in rules.rules.structures[name].parts}
    kept = []
    for part in parts:
        spec = specs[part.id]
        if flag in spec.not_for:
            continue
        condition = rules.conditions.get((name, part.id), ())
        if (spec.only_if or spec.only_if_findings) and not (
            found.intersection(spec.only_if_findings)
            or any(m.hits(s, rules.negation, window) for s in sentences for m in condition)
        ):
            continue
        kept.append(part)
    return tuple(kept)


def owed_parts(
    name: str, parts: tuple[StructurePart, ...], found: set[str], rules: CompiledRules
) -> tuple[StructurePart, ...]:
    """``parts`` without a missing part that is owed only beside certain findings
    (``owed_only_with``) where the review found none of them: present, it still counts."""
    specs = {p.id: p for p in rules.rules.structures[name].parts}
    return tuple(
        part
        for part in parts
        if part.present
        or not specs[part.id].owed_only_with
        or found.intersection(specs[part.id].owed_only_with)
    )


def _first_sentence(
    sentences: list[Sentence], rules: CompiledRules, name: str, part: str, needs_date: bool
) -> int | None:
    for sentence in sentences:
        if needs_date and not rules.year.hits(sentence, frozenset(), 0):
            continue
        window = rules.rules.structure_negation_window
        if any(m.hits(sentence, rules.negation, window) for m in rules.parts[(name, part)]):
            return sentence.index
    return None


def _finding(type_: str, message: str, fix: str, weight: int, source: str, s: Sentence | None):
    return Finding.at(s, type_, message, fix, weight, source)


def additional_info_length(
    doc: Document, flags: list[str], flag: str | None, rules: CompiledRules
) -> list[Finding]:
    """ERAS fields: 3 to 6 sentences per issue (3 to 5 for an exam failure)."""
    limits = rules.rules.kinds.additional_info
    issues = max(1, len(flags))
    is_exam = (flag in EXAM_FLAGS) if flag else (flags[:1] == ["exam-failure"])
    most = (limits.max_sentences_exam if is_exam else limits.max_sentences) * issues
    least = limits.min_sentences
    count = len(doc.sentences)
    weight = rules.rules.score.length_weight
    if count > most + limits.long_tolerance:
        return [
            _finding(
                "length",
                f"{count} sentences; an ERAS explanation should take {least} to {most}.",
                "Cut to what happened, your part, what changed and the evidence; drop "
                "background and repetition.",
                weight,
                limits.source,
                doc.sentences[most],
            )
        ]
    if count < least - limits.short_tolerance:
        return [
            _finding(
                "length",
                f"{count} sentence{'' if count == 1 else 's'}; an ERAS explanation needs "
                f"{least} to {most} to cover "
                "what happened, what changed and the evidence.",
                "Add what changed and the evidence that it worked.",
                weight,
                limits.source,
                None,
            )
        ]
    return []


def answer_length(doc: Document, rules: CompiledRules) -> tuple[float, list[Finding]]:
    """Interview answers: speaking time at the stated pace against the 2-minute limit."""
    limits = rules.rules.kinds.interview_answer
    seconds = doc.word_count / limits.words_per_minute * 60
    low, high = limits.ideal_seconds
    weight = rules.rules.score.length_weight
    pace = f"at {limits.words_per_minute} words a minute"
    if seconds > limits.max_seconds:
        message = (
            f"{doc.word_count} words is about {seconds:.0f} s {pace}; keep it under "
            f"{limits.max_seconds} s ({low} to {high} s is better)."
        )
        fix = "Cut the background; keep one sentence on what happened and spend the rest on change."
        return seconds, [_finding("length", message, fix, weight, limits.source, None)]
    if doc.word_count < limits.min_words:
        message = f"{doc.word_count} words is about {seconds:.0f} s {pace}: too short to answer."
        fix = f"Aim for {low} to {high} s: what happened, your part, what changed, the evidence."
        return seconds, [_finding("length", message, fix, weight, limits.source, None)]
    return seconds, []


def statement_layout(
    doc: Document, topics: dict[str, list[int]], rules: CompiledRules
) -> tuple[float | None, list[Finding]]:
    """Personal statement: length, where a flag appears, its share, more than one flag."""
    limits = rules.rules.kinds.personal_statement
    findings: list[Finding] = []
    if doc.word_count > limits.max_words:
        findings.append(
            _finding(
                "length",
                f"{doc.word_count} words; keep the statement to about one page "
                f"({limits.max_words} words).",
                "Cut repetition and general claims; keep specific episodes.",
                rules.rules.score.length_weight,
                limits.source,
                None,
            )
        )
    elif doc.word_count < limits.min_words:
        findings.append(
            _finding(
                "length",
                f"{doc.word_count} words; a statement this short cannot tell an experience, "
                f"why this specialty and what you want from training (under {limits.min_words} "
                "words; about one page is usual).",
                "Add the episode that drew you to the specialty, what you did in it since, and "
                "what you want from training.",
                rules.rules.score.length_weight,
                limits.source,
                None,
            )
        )
    if not topics:
        return None, findings
    flag_sentences = _flag_paragraph_sentences(doc, topics)
    words = sum(doc.sentences[i].word_count for i in flag_sentences)
    share = words / max(1, doc.word_count)
    findings += _placement(doc, topics, rules)
    findings += _flag_share(doc, topics, len(flag_sentences), share, rules)
    findings += _several_flags(doc, topics, rules)
    return share, findings


def _first_flag_sentence(doc: Document, topics: dict[str, list[int]]) -> Sentence:
    return doc.sentences[min(i for ids in topics.values() for i in ids)]


def _placement(doc: Document, topics: dict[str, list[int]], rules: CompiledRules) -> list[Finding]:
    first = _first_flag_sentence(doc, topics)
    if first.paragraph != 0 or doc.paragraph_count < 2:
        return []
    message = "The red flag appears in the opening paragraph; the opening should say why this "
    fix = (
        "Open with the experience that drew you to the specialty; move the flag to a middle "
        "paragraph in 2 to 3 sentences."
    )
    weight = rules.rules.score.placement_weight
    source = rules.rules.kinds.personal_statement.source
    return [_finding("placement", message + "specialty.", fix, weight, source, first)]


def _flag_share(
    doc: Document, topics: dict[str, list[int]], sentences: int, share: float, rules: CompiledRules
) -> list[Finding]:
    limits = rules.rules.kinds.personal_statement
    if sentences <= limits.max_flag_sentences and share <= limits.max_flag_share:
        return []
    message = (
        f"The red flag takes {sentences} sentence{'' if sentences == 1 else 's'} ({share:.0%} of "
        f"the statement); keep it to {limits.max_flag_sentences} sentences."
    )
    fix = (
        "Keep 2 to 3 sentences on the flag (what happened, what changed, evidence); put the "
        "detail in the ERAS Additional Information field."
    )
    weight = rules.rules.score.flag_share_weight
    first = _first_flag_sentence(doc, topics)
    return [_finding("flag-share", message, fix, weight, limits.source, first)]


def _several_flags(
    doc: Document, topics: dict[str, list[int]], rules: CompiledRules
) -> list[Finding]:
    limits = rules.rules.kinds.personal_statement
    if len(topics) <= limits.max_flags:
        return []
    message = (
        f"The statement discusses {len(topics)} red flags ({', '.join(topics)}); keep at most "
        f"{limits.max_flags} here."
    )
    fix = (
        "Keep the one that is central to your story; explain the others in the ERAS "
        "Additional Information field."
    )
    weight = rules.rules.score.multiple_flags_weight
    second = doc.sentences[list(topics.values())[1][0]]
    return [_finding("multiple-flags", message, fix, weight, limits.source, second)]


def _flag_paragraph_sentences(doc: Document, topics: dict[str, list[int]]) -> list[int]:
    """All sentences of the paragraphs that mention a flag."""
    paragraphs = {doc.sentences[i].paragraph for ids in topics.values() for i in ids}
    return [s.index for s in doc.sentences if s.paragraph in paragraphs]


def cued_part(doc: Document, name: str, part: str, rules: CompiledRules) -> set[int]:
    """The sentences with a cue of structure ``name``'s part ``part`` (not negated)."""
    window = rules.rules.structure_negation_window
    matchers = rules.parts[(name, part)]
    return {
        s.index for s in doc.sentences if any(m.hits(s, rules.negation, window) for m in matchers)
    }
