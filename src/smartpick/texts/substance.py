"""Substance, not presence: what the sentence model adds to the rules.

* findings the rules miss: blame in other words, generic claims, faint praise in letters
  (``sentences.py``), each quoting its sentence;
* a part of the structure counts only where a sentence says something specific: a part named
  only in generic words ("I changed my routine and made a plan") is reported as missing, with
  the quote; the model's ownership, change and evidence sentences count for their parts;
* evidence counts only after the event: a result dated before the event it should answer
  (in the text, or in the profile's timeline) is not evidence that anything changed; and only
  as a measurable outcome (a date, a number, a pass, a grade), not "I did well on Step 2 CK";
* a text that is mostly general claims and has few specific facts (``no-specifics``) costs
  score of its own, however many parts it names;
* blame is read per clause in long sentences (a semicolon list of circumstances), and across
  the text: an explanation in which no sentence owns the event and one puts its cause on
  circumstances or other people (at the label's threshold, below the finding's) is blame.

Since issue 17's tenth round its parts live beside it: what counts as a fact and as evidence
(``evidence.py``), whether the text owns its event and what a circumstance puts on others
(``ownership.py``), and the vagueness read across a text (``vagueness.py``); since its
thirteenth round, the blame read against the flag and the text's ownership (``blame.py``); the
names the review and the tests use are still importable from here.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .agency import (
    CLAUSE_LABELS,
    MAX_CLAUSE_WORDS,
    clause_labels,
    clauses,
    strongest_clause,
    strongest_clauses,
    third_person,
    writer_acts,
)
from .blame import argued_blame as argued_blame
from .blame import held_circumstance_blame as held_circumstance_blame
from .blame import read_blame as read_blame
from .blame import released_blame as released_blame
from .blame import tells_past as tells_past
from .embedding import Vector
from .evidence import _after, _states_a_result, episode, event_year, is_specific
from .layout import cued_part
from .lexical import generic_letter
from .model import Finding, StructurePart
from .nlp import Document, Sentence
from .ownership import DISOWNING as DISOWNING
from .ownership import circumstance as circumstance
from .ownership import own_responsibility as own_responsibility
from .rules import CompiledRules
from .sentences import SentenceModel, features, load_model, sentence_vectors
from .vagueness import _MODEL_SOURCE, opening
from .vagueness import SUBSTANCE_KINDS as SUBSTANCE_KINDS
from .vagueness import bare_vague as bare_vague
from .vagueness import general_remedy as general_remedy
from .vagueness import hedged_vague as hedged_vague
from .vagueness import substance_finding as substance_finding
from .vagueness import unspecific_claims as unspecific_claims
from .vagueness import vague_claim as vague_claim
from .vagueness import vague_claims as vague_claims

# the sentence model's label -> the finding type it adds where no rule fired in the sentence;
# "generic" is a claim with no specific fact ("I learned a lot from it"); the rules' "vague"
# is a reason left unnamed ("for personal reasons")
FINDING_OF_LABEL = {"blame": "blame", "vague": "generic", "warning": "warning-phrase"}
RULE_OF_TYPE = {"blame": "blame", "generic": "vague", "warning-phrase": "warning-phrase"}
# A text has many sentences: a model-only finding needs more confidence than the per-sentence
# threshold, or a long text collects false findings (the model file's ``finding_thresholds``).
FINDING_LABELS = ("blame", "vague", "warning")
# the rule findings beside which the model's blame is still reported in the same sentence: an
# argument with the exam is often blame too ("it focuses on guidelines we were never taught, so
# it does not measure ability"); assumed
BLAME_BESIDE = frozenset({"defensive"})
# letters: salutations, signatures and titles are not sentences the model was trained on
MIN_WORDS = {"letter": 5}
# nor are rambling sentences: the longest training sentence has 23 words (assumed margin)
MAX_FINDING_WORDS = MAX_CLAUSE_WORDS
# structure part -> the sentence label that shows it
PART_LABEL = {"responsibility": "ownership", "changed": "change", "evidence": "evidence"}
# ownership the model alone sees in a text that blames must be clear, not borderline
# (assumed): such a sentence is labelled ``ownership!`` too
CLEAR_OWNERSHIP = 0.5
_CONTACT_LINE = re.compile(
    r"\b(?:call|contact|reach|e-?mail|phone|write to) me\b|\bhesitate\b|\bfeel free\b", re.I
)


def document_labels(
    doc: Document, kind: str, rules: CompiledRules, scope: set[int] | None = None
) -> tuple[frozenset[str], ...]:
    """The model's labels of every sentence (letters: only the warning label applies).

    A finding label (blame, vague, warning) is written ``label!`` where the model is confident
    enough for a finding of its own (``finding_thresholds``) in a sentence of at most
    ``MAX_FINDING_WORDS`` words; an ownership label is written ``ownership!`` too where the
    model's probability reaches ``CLEAR_OWNERSHIP``. A longer sentence of an explanation (or
    of ``scope``, a statement's paragraphs about its flag) is read clause by clause for blame.
    """
    model = load_model()
    wanted = {"warning"} if kind == "letter" else set(PART_LABEL.values()) | {"blame", "vague"}
    out: list[set[str]] = []
    long: list[Sentence] = []
    vectors = sentence_vectors([s.text for s in doc.sentences])
    for sentence, vector in zip(doc.sentences, vectors, strict=True):
        if sentence.word_count < MIN_WORDS.get(kind, 1):
            out.append(set())
            continue
        found = features(sentence, rules)
        labels = set(model.labels(found, vector) & wanted)
        if "ownership" in labels and _blame_outweighs(
            model, sentence, found, vector, labels, rules
        ):
            labels -= {"ownership"}  # the cause is put elsewhere more than it is owned
        if "ownership" in labels:
            labels -= {"blame"}  # the writer owns it in the same sentence
            if model.probability("ownership", found, vector) >= CLEAR_OWNERSHIP:
                labels.add("ownership!")  # clear enough in a text that blames
        if "vague" in labels and is_specific(sentence):
            labels -= {"vague"}  # a date, a count or a name is not a generic claim
        if sentence.word_count <= MAX_FINDING_WORDS:
            labels |= {
                f"{label}!"
                for label in labels.intersection(FINDING_LABELS)
                if model.probability(label, found, vector) >= model.finding_thresholds[label]
            }
        elif "ownership" not in labels and (
            kind in SUBSTANCE_KINDS or (scope is not None and sentence.index in scope)
        ):
            long.append(sentence)
        out.append(labels)
    for index, strongest in strongest_clauses(long, rules).items():
        out[index] |= clause_labels(strongest, wanted)
    return tuple(frozenset(labels) for labels in out)


def _blame_outweighs(
    model: SentenceModel,
    sentence: Sentence,
    found: frozenset[str],
    vector: Vector,
    labels: set[str],
    rules: CompiledRules,
) -> bool:
    """(issue 17, tenth round; ``substance.blame_outweighs_ownership``) a sentence the model
    labels both blame and ownership is read as blame where blame is the more probable label
    and the writer is no actor in it (no "I", "me"): "The examiner for my long case was known
    for failing anyone who did not present in his preferred format" (blame 0.85, ownership
    0.22) puts the cause on the examiner and owns nothing, while "My exam preparation was poor:
    I never tested myself" blames the writer, which is ownership."""
    spec = rules.rules.substance
    if "blame" not in labels or not spec.blame_outweighs_ownership:
        return False
    blame = model.probability("blame", found, vector)
    ownership = model.probability("ownership", found, vector)
    # (eighteenth round) a sure blame outweighs an unsure ownership whoever is named
    sure = blame >= model.finding_thresholds["blame"] and ownership < CLEAR_OWNERSHIP
    if spec.sure_blame_outweighs_unclear_ownership and sure:
        return True
    return third_person(sentence.text) and blame > ownership


def model_findings(
    doc: Document,
    kind: str,
    labels: tuple[frozenset[str], ...],
    found: list[Finding],
    rules: CompiledRules,
    scope: set[int] | None = None,
    parts: tuple[StructurePart, ...] = (),
) -> list[Finding]:
    """A finding for each sentence the model labels blame / vague / warning and no rule did
    (only the sentences in ``scope``, when given: a statement's paragraphs about its flag);
    ``parts``: the letter structure's parts (a lone warning of a letter is weighed against its
    endorsement)."""
    ruled: dict[int, set[str]] = {}  # a rule already explains this sentence
    for f in found:
        if f.sentence is not None:
            ruled.setdefault(f.sentence, set()).add(f.type)
    praise = rules.words("praise_generic")
    spec = rules.rules.substance
    extra = []
    for sentence, own in zip(doc.sentences, labels, strict=True):
        if scope is not None and sentence.index not in scope:
            continue
        types = ruled.get(sentence.index)
        for label in sorted(FINDING_OF_LABEL):
            type_ = FINDING_OF_LABEL[label]
            rule = rules.rules.findings[RULE_OF_TYPE[type_]]
            if f"{label}!" not in own or not rule.applies_to(kind):
                continue
            # (issue 17, fifth round) a sentence that argues (defensive) may blame as well
            if types is not None and not (type_ == "blame" and types <= BLAME_BESIDE):
                continue
            # (issue 17, twelfth round) what the writer did is no blame of others
            if type_ == "blame" and spec.writer_actor_not_blame and writer_acts(sentence, rules):
                continue
            if type_ == "warning-phrase" and praise.intersection(t.text for t in sentence.tokens):
                continue  # stock praise is the generic-letter check's
            extra.append(_model_finding(type_, sentence, rules, _match(sentence, label, rules)))
    return (
        extra
        if len(doc.sentences) < WHOLE_LETTER
        else _corroborated(extra, found, doc, parts, rules)
    )


# faint praise is a pattern of a letter: in a whole letter (at least WHOLE_LETTER sentences, a
# draft rather than a sentence under review), a warning the model alone finds is reported when
# the letter has at least MIN_LETTER_WARNINGS warning sentences (the rules' and the model's),
# or (issue 17, fourth round) when it has fewer but nothing else that outweighs it: no
# explicit, unqualified endorsement and no comparison with peers (a faint letter ends with "I
# support her application", a strong one with "I recommend him without reservation" or "I rank
# him among the three best"), and no stock praise without an episode (that letter's weakness is
# the generic-letter finding's) (all assumed)
WHOLE_LETTER = 5
MIN_LETTER_WARNINGS = 2
STRONG_LETTER_PARTS = frozenset({"endorsement", "comparison"})


def _corroborated(
    extra: list[Finding],
    found: list[Finding],
    doc: Document,
    parts: tuple[StructurePart, ...],
    rules: CompiledRules,
) -> list[Finding]:
    """The model's warnings, except a lone one in a letter whose other evidence outweighs it:
    one ambiguous sentence ("Her departure had nothing to do with performance") in a letter
    that recommends its applicant outright or ranks them among peers is not faint praise."""
    warnings = {f.sentence for f in [*found, *extra] if f.type == "warning-phrase"}
    if not _vouched(parts) and (
        len(warnings) >= MIN_LETTER_WARNINGS or not _outweighed(doc, parts, rules)
    ):
        return extra
    return [f for f in extra if f.type != "warning-phrase"]


def _vouched(parts: tuple[StructurePart, ...]) -> bool:
    """(issue 17, sixth round; assumed) A letter that tells an episode the writer saw and
    endorses outright: the model's warnings there, however many, are read in a strong letter's
    plain sentences ("She had a perforated appendix.", "I would be happy to discuss him by
    telephone."), and the rules' warnings still stand."""
    present = {p.id for p in parts if p.present}
    return {"anecdote", "endorsement"} <= present


def _outweighed(doc: Document, parts: tuple[StructurePart, ...], rules: CompiledRules) -> bool:
    """The letter endorses outright, compares with peers, or is the generic-letter's case."""
    if any(p.id in STRONG_LETTER_PARTS and p.present for p in parts):
        return True
    anecdote = any(p.id == "anecdote" and p.present for p in parts)
    return bool(generic_letter(doc, rules, anecdote))


def _match(sentence: Sentence, label: str, rules: CompiledRules) -> str:
    """What the finding quotes as its match: the sentence, or in a long one its clause."""
    if sentence.word_count <= MAX_FINDING_WORDS or label not in CLAUSE_LABELS:
        return sentence.text
    clause = strongest_clause(sentence, rules)[0][label]
    return clause.text if clause is not None else sentence.text


def measure_argued(sentence: Sentence, rules: CompiledRules) -> bool:
    """(issue 17, twelfth round; ``substance.measure_argued_not_blame``) the sentence faults
    the measure: a word of measuring (lexicon ``measure``) in its main clause (its first,
    ``agency.clauses``): "A single multiple-choice exam cannot measure the skills I have used
    in six years of practice"; not "Timed multiple-choice exams have never suited the way I
    reason, and one day of testing cannot capture my clinical work", whose main clause puts
    the failing on the exam's format."""
    if not rules.rules.substance.measure_argued_not_blame:
        return False
    main = clauses(sentence)[0].tokens
    words = {t.text.lower() for t in main} | {t.lemma for t in main}
    return bool(words & rules.words("measure"))


def unowned_blame(
    doc: Document,
    kind: str,
    labels: tuple[frozenset[str], ...],
    found: list[Finding],
    parts: tuple[StructurePart, ...],
    rules: CompiledRules,
) -> list[Finding]:
    """Blame read across the text: in an explanation (additional information, an interview
    answer) where no sentence owns the event (no ownership sentence, no ownership part) and no
    blame was found, the sentence the model labels blame at its label's threshold (below the
    stricter threshold of a finding of its own) and that has no first-person word (it is about
    other people or circumstances), or (issue 17, fifth round) in a text about the applicant's
    own failing a sentence in which a circumstance acts on the applicant (``circumstance``), is
    reported, quoting it and saying why."""
    responsibility = [p for p in parts if p.id == "responsibility"]
    if responsibility and rules.rules.substance.owned_by_part:
        # (issue 17, tenth round) where the structure has an ownership part, the text owns the
        # event as that part says (after its refinements: feelings, pleas, hedged or token
        # regret and denials own nothing), not wherever the model's label is
        owned = any(p.present for p in responsibility)
    else:
        owned = any(
            "ownership" in own and circumstance(s, rules) is None
            for s, own in zip(doc.sentences, labels, strict=True)
        ) or any(p.id == "responsibility" and p.present for p in parts)
    if kind not in SUBSTANCE_KINDS or owned or any(f.type == "blame" for f in found):
        return []
    ruled = {f.sentence for f in found}
    # (issue 17, sixth round) a sentence that argues may put the cause on the exam as well
    # ("Multiple-choice exams have never suited the way I reason"), as BLAME_BESIDE allows
    ruled_out = {f.sentence for f in found if f.type not in BLAME_BESIDE}
    blamed = [
        (s, _match(s, "blame", rules))
        for s, own in zip(doc.sentences, labels, strict=True)
        if "blame" in own
        and s.index not in ruled
        and third_person(_match(s, "blame", rules))
        and not measure_argued(s, rules)
        and not _writer_told(s, rules)
    ]
    # a circumstance acting on the applicant is blame only in a text about the applicant's own
    # failing (a structure that owes ownership), not in a gap's reason ("my father's illness
    # kept me from working")
    if any(p.id == "responsibility" for p in parts):
        blamed += [
            (s, hit)
            for s in doc.sentences
            if s.index not in ruled_out
            and (hit := circumstance(s, rules)) is not None
            and not measure_argued(s, rules)
            and not _writer_told(s, rules)
        ]
    if not blamed:
        return []
    sentence, match = min(blamed, key=lambda pair: pair[0].index)
    finding = _model_finding("blame", sentence, rules, match)
    message = rules.rules.wording.unowned_blame.format(match=opening(match))
    message += " (sentence model, whole text)"
    return [replace(finding, message=message)]


def _writer_told(sentence: Sentence, rules: CompiledRules) -> bool:
    """(issue 17, thirteenth round; ``substance.writer_actor_not_unowned_blame``) the writer
    acts in the sentence's main clause (``writer_acts``): "I had taken a part-time tutoring job
    that year and let it take the evenings I needed for study" tells the writer's own cause."""
    return rules.rules.substance.writer_actor_not_unowned_blame and writer_acts(sentence, rules)


def _model_finding(type_: str, s: Sentence, rules: CompiledRules, match: str) -> Finding:
    rule = rules.rules.findings[RULE_OF_TYPE[type_]]
    generic = type_ == "generic"
    words = " ".join(match.split()[:8]) + ("…" if len(match.split()) > 8 else "")
    message = rules.rules.wording.generic_claim if generic else rule.message
    message = message.format(match=f"'{words}'") + " (sentence model)"
    fix = rules.rules.wording.generic_fix if generic else rule.fix
    return Finding.at(s, type_, message, fix, rule.weight, _MODEL_SOURCE)


def refine_parts(
    doc: Document,
    name: str,
    parts: tuple[StructurePart, ...],
    labels: tuple[frozenset[str], ...],
    rules: CompiledRules,
    event: int | None = None,
    flagged: dict[int, set[str]] | None = None,
    scope: set[int] | None = None,
) -> tuple[StructurePart, ...]:
    """Parts counted from specific sentences only, with the model's sentences and the event date.

    ``flagged``: the finding types of each sentence that has findings: a sentence the rules
    find vague supports no part, as one the model labels vague (``own_responsibility``).
    ``scope``: a statement's sentences about its flag (issue 17, sixth round): the model's
    labels elsewhere (its story, "I enjoy the moment before induction") support no part, as
    the rules' cues there do not (``layout.structure_parts``).
    """
    event = event if event is not None else event_year(doc, parts)
    if scope is not None:
        labels = tuple(own if i in scope else frozenset() for i, own in enumerate(labels))
    refined = []
    for part in parts:
        spec = next(p for p in rules.rules.structures[name].parts if p.id == part.id)
        if spec.needs_date:
            refined.append(part)
            continue
        cued = cued_part(doc, name, part.id, rules)
        # (issue 17, seventh round) accepting the event needs no fact: "I take full
        # responsibility for this outcome" owns it though the model reads it as generic
        generic = frozenset() if part.id == "responsibility" else frozenset({"vague"})
        support = [
            i
            for i in sorted(cued | _labelled(labels, PART_LABEL.get(part.id)))
            if "vague" not in (labels[i] & generic) | (flagged or {}).get(i, set())
            and _after(doc.sentences[i], part.id, event)
        ]
        if part.id == "evidence":
            support = [i for i in support if _states_a_result(doc, i, parts, rules)]
        if part.id == "changed":  # a named action: the model's concrete change, or a fact
            support = [i for i in support if "change" in labels[i] or is_specific(doc.sentences[i])]
        if part.id == "anecdote":  # "please feel free to call me" is no episode
            support = sorted(set(support) | {s.index for s in doc.sentences if episode(s)})
            support = [i for i in support if not _CONTACT_LINE.search(doc.sentences[i].text)]
        if part.id == "responsibility":
            support = own_responsibility(doc, support, cued, labels, parts, flagged or {}, rules)
        refined.append(_with_support(part, support, cued, labels, doc, event))
    return tuple(refined)


def _labelled(labels: tuple[frozenset[str], ...], label: str | None) -> set[int]:
    return {i for i, own in enumerate(labels) if label and label in own}


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
