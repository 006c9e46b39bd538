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
"""

from __future__ import annotations

import re
from dataclasses import replace

from .agency import (
    CLAUSE_LABELS,
    MAX_CLAUSE_WORDS,
    clause_labels,
    external_actor,
    strongest_clause,
    strongest_clauses,
    third_person,
)
from .embedding import Vector
from .lexical import assumed_finding, generic_letter, hedge_count
from .model import Finding, StructurePart
from .nlp import Document, Sentence
from .rules import CompiledRules
from .sentences import SentenceModel, features, load_model, sentence_vectors

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
_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
# structure part -> the sentence label that shows it
PART_LABEL = {"responsibility": "ownership", "changed": "change", "evidence": "evidence"}
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
# a measurable outcome: a number that is not an exam's own (Step 2, Part 1), a month, a year,
# a pass, a grade or a completed, certified, published or matched result
_EXAM_NUMBER = re.compile(r"\b(?:step|part|level|phase|year|pgy)[\s-]*\d\b", re.I)
_OUTCOME_WORDS = frozenset(
    "pass passed honours honors distinction grade graded percentile certify certified complete"
    " completed publish published match matched award awarded promote promoted".split()
)
# a plan, a hope or a belief is not a result ("I am confident I will pass Step 3")
_PROSPECTIVE = frozenset(
    "will 'll shall plan hope expect intend aim goal going confident determined sure believe"
    " upcoming future register schedule".split()
)
_NUMBER_WORDS = frozenset("two three four five six seven eight nine ten eleven twelve".split())
_COUNT_WORDS = _NUMBER_WORDS | {"twice"}
# ownership the model alone sees in a text that blames must be clear, not borderline
# (assumed): such a sentence is labelled ``ownership!`` too
CLEAR_OWNERSHIP = 0.5
# kinds whose whole text is an explanation (a personal statement is mostly about other things)
SUBSTANCE_KINDS = frozenset({"additional-info", "interview-answer"})
_MODEL_SOURCE = "assumed"
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
    if "blame" not in labels or not rules.rules.substance.blame_outweighs_ownership:
        return False
    if not third_person(sentence.text):
        return False
    return model.probability("blame", found, vector) > model.probability("ownership", found, vector)


def is_specific(sentence: Sentence, counts: bool = False) -> bool:
    """A specific fact: a number, a month, or a name (a capitalised word after the first); with
    ``counts``, a count in words too ("twice", "in the two years since"): only for telling a
    text with facts from a bare one (as a concrete change, "two years of rural service" is no
    named action)."""
    words = sentence.text.split()
    if any(ch.isdigit() for ch in sentence.text):
        return True
    if any(t.text in _MONTHS or (counts and t.text in _COUNT_WORDS) for t in sentence.tokens):
        return True
    return any(
        w[:1].isupper() and w.strip(".,;:") not in {"I", "I'm", "I've"} and not before.endswith(":")
        for before, w in zip(words, words[1:], strict=False)
    )  # a capital after a colon starts a clause ("What I learned: The importance of ...")


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


_UNOWNED = (
    "No sentence of this text owns the event, and this one puts its cause on circumstances or "
    "other people ({match})."
)


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
        if "blame" in own and s.index not in ruled and third_person(_match(s, "blame", rules))
    ]
    # a circumstance acting on the applicant is blame only in a text about the applicant's own
    # failing (a structure that owes ownership), not in a gap's reason ("my father's illness
    # kept me from working")
    if any(p.id == "responsibility" for p in parts):
        blamed += [
            (s, hit)
            for s in doc.sentences
            if s.index not in ruled_out and (hit := circumstance(s, rules)) is not None
        ]
    if not blamed:
        return []
    sentence, match = min(blamed, key=lambda pair: pair[0].index)
    finding = _model_finding("blame", sentence, rules, match)
    message = _UNOWNED.format(match=f"'{' '.join(match.split()[:8])}…'")
    message += " (sentence model, whole text)"
    return [replace(finding, message=message)]


def circumstance(sentence: Sentence, rules: CompiledRules) -> str | None:
    """The sentence, where a circumstance acts on the applicant (``substance.circumstance_blame``:
    "the outage cost me", "the move consumed my evenings"), else None."""
    window = rules.rules.negation_window
    if _OWN_CAUSE.search(sentence.text):
        return None  # "because I overcommitted, my preparation suffered" names the writer
    if any(m.hits(sentence, rules.negation, window) for m in rules.circumstance):
        return sentence.text
    if rules.rules.substance.external_actor_blame and external_actor(sentence, rules):
        return sentence.text
    return None


_OWN_CAUSE = re.compile(r"\b(?:because|since|as|after|when) I\b", re.IGNORECASE)


_GENERIC_MESSAGE = (
    "A claim with no specific fact ({match}): it names a part of the explanation without "
    "saying what, when or how much."
)
_GENERIC_FIX = (
    "Replace it with the fact behind it: the date, the named action (what you did, how often, "
    "with whom) or the measured result."
)


def _model_finding(type_: str, s: Sentence, rules: CompiledRules, match: str) -> Finding:
    rule = rules.rules.findings[RULE_OF_TYPE[type_]]
    generic = type_ == "generic"
    words = " ".join(match.split()[:8]) + ("…" if len(match.split()) > 8 else "")
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
        cued = _cued(doc, name, part.id, rules)
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


# the findings of a sentence that owns nothing, and in whose text the model's ownership must be
# clear: blame, argument and (issue 17, sixth round; assumed) drama
DISOWNING = frozenset({"blame", "defensive", "melodrama"})


def own_responsibility(
    doc: Document,
    support: list[int],
    cued: set[int],
    labels: tuple[frozenset[str], ...],
    parts: tuple[StructurePart, ...],
    flagged: dict[int, set[str]],
    rules: CompiledRules,
) -> list[int]:
    """The sentences that own the event: not one that blames or argues; in a text that does,
    or (issue 17, sixth round) that dramatises (``DISOWNING``: a feeling told as drama, "for
    weeks I could neither eat nor sleep", is no ownership), the model's ownership only at
    ``CLEAR_OWNERSHIP`` (since the eighth round not at all: only a cue of the rules,
    ``substance.clear_ownership_beside_blame``); and, where nothing else owns it and
    nothing blames, the applicant's own account of the cause: the sentence right after the
    event's, in its paragraph, with "I" as its subject, no finding and no blame label, that
    names no outcome (a pass, a grade, ...): "I studied the way I had always studied"."""
    disowned = {i for i, types in flagged.items() if types & DISOWNING}
    support = [i for i in support if i not in disowned]
    spec = rules.rules.substance
    # (issue 17, tenth round) a lesson told ("It taught me that I can survive anything") that
    # only the model reads as ownership owns nothing: a cue of the lesson, no cue of ownership
    lesson = _cued(doc, "explanation", "learned", rules) if spec.lesson_owns_nothing else set()
    lesson = {i for i in lesson if not _own_past(doc.sentences[i])}
    support = [i for i in support if i in cued or i not in lesson]
    # (issue 17, tenth round) a cue in the remedy ("For the second attempt I booked early"):
    # a sentence the model reads as a concrete change and not as ownership, opening with a
    # time after the event (lexicon remedy_openers), is what changed, not a fault owned
    later = rules.words("remedy_openers")
    support = [
        i
        for i in support
        if not (
            "change" in labels[i]
            and "ownership" not in labels[i]
            and later & {t.text.lower() for t in doc.sentences[i].tokens[:4]}
        )
    ]
    # (issue 17, sixth round) a feeling told is not a fault owned: the model's ownership in a
    # sentence of feeling ("I honestly felt like my life was over") counts only with a cue
    support = [i for i in support if i in cued or not _feeling(doc.sentences[i], rules)]
    # (issue 17, ninth round) a regret hedged over and over owns nothing: "I think perhaps I
    # may not have been fully prepared" (substance.hedged_regret_min_hedges)
    # and (issue 17, ninth round) the model's ownership of a sentence that puts the cause on a
    # circumstance or an unnamed other ("the expectations had not been communicated") owns none
    support = [i for i in support if i in cued or circumstance(doc.sentences[i], rules) is None]
    most = rules.rules.substance.hedged_regret_min_hedges
    support = [i for i in support if most is None or hedge_count(doc.sentences[i], rules) < most]
    if disowned:
        clear = rules.rules.substance.clear_ownership_beside_blame
        support = [i for i in support if i in cued or (clear and "ownership!" in labels[i])]
        # (issue 17, eighth round) beside blame or argument, a softened counterfactual ("I
        # could have communicated a little better") is token regret, no ownership
        support = [i for i in support if not _token_regret(doc.sentences[i], rules)]
        # (issue 17, tenth round) and a cue in a sentence that puts the cause on another actor
        # ("a discharge summary was signed under my name that I had not actually completed,
        # it was prepared by the intern") is a denial, not ownership
        support = [i for i in support if circumstance(doc.sentences[i], rules) is None]
    if support or disowned or any("blame" in own for own in labels):
        return support
    event = next((p.sentence for p in parts if p.id == "what-happened" and p.present), None)
    if event is None or event + 1 >= len(doc.sentences):
        return support
    cause = doc.sentences[event + 1]
    if (
        "s:i" in features(cause, rules)
        and cause.paragraph == doc.sentences[event].paragraph
        and cause.index not in flagged
        and not _feeling(cause, rules)
        and "evidence" not in labels[cause.index]
        and not _OUTCOME_WORDS.intersection(t.lemma for t in cause.tokens)
        # (issue 17, tenth round) nor one that puts the cause on another actor ("The clinic
        # where I was working would not give me study leave": "I" is inside its subject)
        and circumstance(cause, rules) is None
        and cause.index not in lesson  # nor a lesson ("It taught me that I can ...")
    ):
        return [cause.index]
    return support


_PAST_AUX = frozenset({"had", "did", "was", "were"})


def _own_past(sentence: Sentence) -> bool:
    """The writer as the subject of a past form ("I had underestimated", "I did not", "I
    studied"): a lesson about the writer's own conduct ("I learned that I had underestimated
    the exam"), not a moral ("It taught me that I can get through anything")."""
    tokens = sentence.tokens
    for token, following in zip(tokens, tokens[1:], strict=False):
        if token.text.lower() != "i":
            continue
        past = following.text.lower()
        if past in _PAST_AUX or (past != following.lemma and past.endswith("ed")):
            return True
    return False


def _token_regret(sentence: Sentence, rules: CompiledRules) -> bool:
    """A counterfactual regret softened by a degree word or an epistemic adverb
    (``substance.token_regret``): "In hindsight I could have communicated a little better"."""
    return any(m.hits(sentence, frozenset(), 0) for m in rules.token_regret)


def _feeling(sentence: Sentence, rules: CompiledRules) -> bool:
    """A sentence of feeling told (lexicon ``feeling``): "I felt my life was over"."""
    feeling = rules.words("feeling")
    return bool(feeling.intersection(t.text for t in sentence.tokens))


# (issue 17, fifth round; assumed) a letter's episode in any words: a sentence about the
# applicant (he, she, him, her) with a date or a number ("I watched him handle a family meeting
# in April", "he was defending the plan with me at 6:30"), not how long the writer has known them
_CAPITAL_MONTH = re.compile(
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|May(?! I\b))\b"
)
_APPLICANT = frozenset({"he", "she", "him", "her"})
_ACQUAINTANCE = frozenset({"know", "known", "meet", "met"})


def episode(sentence: Sentence) -> bool:
    """A sentence about the applicant with a date or a number: an episode the writer saw."""
    words = {t.text for t in sentence.tokens} | {t.lemma for t in sentence.tokens}
    if not _APPLICANT & words or _ACQUAINTANCE & words:
        return False
    return any(ch.isdigit() for ch in sentence.text) or bool(_CAPITAL_MONTH.search(sentence.text))


def is_measurable(sentence: Sentence) -> bool:
    """A measurable outcome: a number (not an exam's own), a month, a pass, a grade, ..."""
    text = _EXAM_NUMBER.sub(" ", sentence.text)
    if any(ch.isdigit() for ch in text):
        return True
    words = {t.text for t in sentence.tokens} | {t.lemma for t in sentence.tokens}
    return bool(words & (_MONTHS | _OUTCOME_WORDS | _NUMBER_WORDS))


def _states_a_result(
    doc: Document, index: int, parts: tuple[StructurePart, ...], rules: CompiledRules
) -> bool:
    """A measurable outcome; not a plan or a hope, not a protest ("does not reflect my
    ability") and not the event itself (one date)."""
    sentence = doc.sentences[index]
    words = {t.text for t in sentence.tokens} | {t.lemma for t in sentence.tokens}
    if not is_measurable(sentence) or words & _PROSPECTIVE:
        return False
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


_THIN_MESSAGE = (
    "Most of this text names the parts of an explanation without the facts behind them: "
    "{generic} of its {total} sentences are general claims, and {specific} a date, a number "
    "or a named action."
)
# (issue 17, fourth round; assumed) an explanation of this many sentences or more with at most
# one specific sentence is thin whatever the model reads in its claims: in the corpus and the
# three fresh sets no strong explanation or answer has so few facts
BARE_TEXT_SENTENCES = 4
_BARE_MESSAGE = (
    "This text names the parts of an explanation without the facts behind them: of its {total} "
    "sentences, {specific} a date, a number, a name or a named action."
)
_THIN_FIX = (
    "For each claim, give the fact behind it: when (month and year), what exactly you did and "
    "how often, and the measured result (a pass, a score, an evaluation and its date)."
)


def substance_finding(
    doc: Document, kind: str, labels: tuple[frozenset[str], ...], rules: CompiledRules
) -> list[Finding]:
    """``no-specifics`` where general claims outnumber the sentences with a specific fact.

    A general claim is a sentence the model labels vague and that has no number, month or
    name; a specific sentence has one of those, or is a concrete change the model found. A
    text of ``BARE_TEXT_SENTENCES`` sentences or more with at most one specific sentence is
    thin too, whatever the model reads in its claims.
    """
    if kind == "personal-statement":
        return _bare_statement(doc, rules)
    if kind not in SUBSTANCE_KINDS or len(doc.sentences) < 3:
        return []
    generic = [s for s, own in zip(doc.sentences, labels, strict=True) if "vague" in own]
    specific = [
        s
        for s, own in zip(doc.sentences, labels, strict=True)
        if "vague" not in own and (is_specific(s, counts=True) or "change" in own)
    ]
    bare = len(doc.sentences) >= BARE_TEXT_SENTENCES and len(specific) <= 1
    if not bare and (len(generic) < 2 or len(generic) < len(specific)):
        return []
    count = _giving(len(specific))
    if bare:
        message = _BARE_MESSAGE.format(total=len(doc.sentences), specific=count)
    else:
        message = _THIN_MESSAGE.format(
            generic=len(generic), total=len(doc.sentences), specific=count
        )
    first = (generic or [s for s in doc.sentences if s not in specific] or doc.sentences)[0]
    return [_no_specifics(message, first, rules)]


def _giving(specific: int) -> str:
    said = {0: "no sentence gives", 1: "only one sentence gives"}
    return said.get(specific, f"{specific} sentences give")


def _no_specifics(message: str, first: Sentence, rules: CompiledRules) -> Finding:
    return Finding(
        type="no-specifics",
        message=message,
        fix=_THIN_FIX,
        weight=rules.rules.score.substance_weight,
        source=_MODEL_SOURCE,
        sentence=first.index,
        span=(first.start, first.end),
        quote=first.text,
    )


_BARE_STATEMENT = (
    "This statement tells its story in general claims: of its {total} sentences, {specific} "
    "a date, a number, a name or a place."
)


def _bare_statement(doc: Document, rules: CompiledRules) -> list[Finding]:
    """``no-specifics`` for a long personal statement in which fewer than
    ``statement_specific_share`` of the sentences give a fact (issue 17, fifth round), or
    (eighth round) a statement under the kind's word floor in which fewer than
    ``short_statement_specific_share`` do."""
    spec = rules.rules.substance
    total = len(doc.sentences)
    specific = [s for s in doc.sentences if is_specific(s, counts=True)]
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
    message = _BARE_STATEMENT.format(total=total, specific=_giving(len(specific)))
    return [_no_specifics(message, first, rules)]


_UNSPECIFIC = (
    "A claim of keeping up or of effort with nothing named ({match}): no course, hours, date, "
    "person or place says what was done."
)

_GENERAL_REMEDY = (
    "A lesson or change told in general words ({match}) beside a cause put elsewhere: the "
    "reader cannot tell what you did differently."
)

_HEDGED = (
    "An account hedged throughout ({match}): with every claim qualified, the reader cannot tell "
    "what happened or what changed."
)


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
            return [vague_claim(_UNSPECIFIC, sentence, rules)]
    return []


def vague_claim(template: str, sentence: Sentence, rules: CompiledRules) -> Finding:
    """A ``vague`` finding on the whole ``sentence``, its opening words quoted in ``template``."""
    message = template.format(match=f"'{' '.join(sentence.text.split()[:8])}…'")
    return assumed_finding("vague", message, rules, sentence, (sentence.start, sentence.end))


def read_blame(findings: list[Finding], flag: str | None, rules: CompiledRules) -> list[Finding]:
    """(issue 17, eighth round) the findings without the model's and the grammar's blame
    (source assumed) where the flag is no failing of the applicant's own
    (``substance.model_blame_not_for``: a gap, a visa, a pending certificate, ...)."""
    if flag not in rules.rules.substance.model_blame_not_for:
        return findings
    return [f for f in findings if not (f.type == "blame" and f.source == "assumed")]


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
    cued = set().union(*(_cued(doc, name, part, rules) for name, _, part in named))
    generic = sorted(f.sentence for f in findings if f.type == "generic" and f.sentence in cued)
    if not generic:
        return []
    return [vague_claim(_GENERAL_REMEDY, doc.sentences[generic[0]], rules)]


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
    return [vague_claim(_HEDGED, doc.sentences[min(hedged)], rules)] if hedged else []


_BARE_GENERIC = (
    "Its claims could stand in anyone's explanation: none names what, when or how much. "
    "(whole text)"
)
_BARE_VAGUE = (
    "Its claims of what you did, what changed and what came of it name no date, number, method, "
    "person or place: a reader cannot tell what happened."
)


def bare_vague(doc: Document, findings: list[Finding], rules: CompiledRules) -> list[Finding]:
    """A text that costs ``no-specifics`` is vague and generic as well
    (``substance.bare_is_vague``), unless it blames someone (then it is read for its blame;
    since issue 17's sixth round a text that only argues is vague too: a bare defence names
    nothing either) or is shorter than ``bare_vague_min_words``; each
    only where no sentence already has that finding. The generic finding costs nothing more
    (``no-specifics`` already costs the text its general claims)."""
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
    out = []
    if "vague" not in found:
        weight = rules.rules.findings["vague"].weight
        out.append(
            replace(bare, type="vague", message=_BARE_VAGUE + " (whole text)", weight=weight)
        )
    if "generic" not in found:
        out.append(replace(bare, type="generic", message=_BARE_GENERIC, fix=_GENERIC_FIX, weight=0))
    return out
