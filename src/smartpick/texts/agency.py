"""Who the cause is put on: a long sentence read clause by clause, and whether a clause is
about the applicant or about other people and circumstances (issue 17, third round).

A sentence of more than 30 words is too long for the sentence model's own findings (it was
trained on sentences of at most 23 words), yet blame often comes as a list of circumstances in
one long sentence ("my rota changed twice; the hospital lost its only other intern, and the
course I was sent to covered the wrong exam"). Such a sentence is cut into clauses and each
clause is read by the model; a clause the model finds the writer owns is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .nlp import Sentence, Token
from .rules import CompiledRules
from .sentences import AUXILIARIES, features, load_model, sentence_vectors

# a longer sentence is read clause by clause for blame: it is cut at ";", ":" and at a comma
# before a conjunction; a clause needs MIN_CLAUSE_WORDS words (assumed)
CLAUSE_LABELS = ("blame",)
_CLAUSE_CONJUNCTIONS = frozenset({"and", "but", "so", "which", "while", "when", "after"})
MIN_CLAUSE_WORDS = 4
# the longest sentence or clause a finding of the model's own may have (the longest training
# sentence has 23 words; assumed margin); substance.MAX_FINDING_WORDS
MAX_CLAUSE_WORDS = 30


def clauses(sentence: Sentence) -> list[Sentence]:
    """The clauses of ``sentence``: cut at ";" and ":", and at a comma before a conjunction
    ("..., and the review course ..."); a piece under ``MIN_CLAUSE_WORDS`` words joins the next."""
    tokens = sentence.tokens
    pieces: list[list[Token]] = []
    current: list[Token] = []
    for i, token in enumerate(tokens):
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        cut = token.text in {";", ":"} or (token.text == "," and following in _CLAUSE_CONJUNCTIONS)
        if cut and sum(t.text[0].isalnum() for t in current) >= MIN_CLAUSE_WORDS:
            pieces.append(current)
            current = []
        elif not cut:
            current.append(token)
    if current:
        pieces.append(current)
    return [_clause(sentence, piece) for piece in pieces if piece]


def _clause(sentence: Sentence, tokens: list[Token]) -> Sentence:
    start, end = tokens[0].start, tokens[-1].end
    text = sentence.text[start - sentence.start : end - sentence.start]
    return replace(sentence, text=text, start=start, end=end, tokens=tuple(tokens))


Strongest = tuple[dict[str, Sentence | None], dict[str, float]]


def clause_labels(strongest: Strongest, wanted: set[str]) -> set[str]:
    """The clause labels of a long sentence: ``label`` (and ``label!``) where a clause of at
    most ``MAX_CLAUSE_WORDS`` words reaches the label's (the finding's) threshold."""
    model, found = load_model(), set()
    label_of, best = strongest
    for label in wanted.intersection(CLAUSE_LABELS):
        clause, probability = label_of[label], best[label]
        if clause is None or clause.word_count > MAX_CLAUSE_WORDS:
            continue
        if probability >= model.thresholds[label]:
            found.add(label)
        if probability >= model.finding_thresholds[label]:
            found.add(f"{label}!")
    return found


def strongest_clause(sentence: Sentence, rules: CompiledRules) -> Strongest:
    """Per clause label: the clause of ``sentence`` with the highest probability, and it."""
    return strongest_clauses([sentence], rules)[sentence.index]


def strongest_clauses(sentences: Sequence[Sentence], rules: CompiledRules) -> dict[int, Strongest]:
    """``strongest_clause`` of each sentence (by index), all clauses embedded in one call."""
    model = load_model()
    pieces = [(s.index, clause) for s in sentences for clause in clauses(s)]
    vectors = sentence_vectors([clause.text for _, clause in pieces])
    out = {
        s.index: (dict.fromkeys(CLAUSE_LABELS), dict.fromkeys(CLAUSE_LABELS, 0.0))
        for s in sentences
    }
    for (index, clause), vector in zip(pieces, vectors, strict=True):
        found = features(clause, rules)
        if model.probability("ownership", found, vector) >= model.thresholds["ownership"]:
            continue  # the writer owns it in this clause
        label_of, best = out[index]
        for label in CLAUSE_LABELS:
            probability = model.probability(label, found, vector)
            if probability > best[label]:
                label_of[label], best[label] = clause, probability
    return out


# the applicant as an actor; "my" alone is allowed (issue 17, fourth round): "my mother's
# surgery", "my question bank access was revoked" name circumstances, not what the writer did
_FIRST_PERSON = frozenset({"i", "me", "mine", "myself"})


def third_person(text: str) -> bool:
    """No first-person singular pronoun of an actor ("I", "me"): the sentence is about other
    people or circumstances, possibly the writer's own ("my family would not postpone")."""
    return not _FIRST_PERSON.intersection(re.findall(r"[a-z]+", text.lower()))


# (issue 17, sixth round; assumed) who acts in a sentence, approximated without a parser: the
# words before its first verb-like token are its subject (``sentences.subject_end``)
_APPLICANT = frozenset({"i", "me", "my"})
_WRITER_SUBJECT = frozenset({"i", "we", "me", "us"})
# a subject that names nothing (the sentence's actor is elsewhere or unknown)
_EMPTY_SUBJECT = frozenset({"it", "this", "that", "there", "these", "those", "which", "what"})
# another person who helped ("my mentor helped me build a schedule") is no cause put on them
_HELPING = frozenset(
    "help support guide teach mentor encourage coach tutor show explain motivate inspire".split()
)
_COPULA = frozenset({"was", "were", "is", "are", "am", "be", "been", "'s"})
_PASSIVE_AUX = _COPULA | {"got", "get", "gets"}
# past participles spelt as their verb ("was cut short by", "was put off by")
_SAME_PARTICIPLE = frozenset("cut put set hit shut let hurt cost spread upset read".split())
# "by" that gives a time, not an agent ("completed by March", "by then", "by the time")
_NOT_AGENT = frozenset(
    "then now time end the that january february march april may june july august september"
    " october november december".split()
)
# (issue 17, tenth round) "by the" gives a time only before one of these ("by the end of",
# "by the deadline"); "by the program committee", "by the clinic" name an agent
_TIME_AFTER_THE = frozenset(
    "time end start beginning middle deadline date day week month year summer spring autumn"
    " fall winter morning evening afternoon night next following second third last first"
    " registration".split()
)


def external_actor(sentence: Sentence, rules: CompiledRules) -> bool:
    """Another person or a circumstance acts on the applicant's preparation or exam: the
    subject is not the writer, the sentence names the applicant (I, me, my) and a word of the
    preparation or the exam (lexicon ``preparation``), and either the subject acts ("Heavy
    clinical duties did not leave room for consistent study", "My advisor recommended that I
    take the exam earlier"; not a description with "was", not the applicant's own result as
    subject, lexicon ``own_result``) or the verb is passive with an outside agent ("My
    preparation was disrupted by repeated power cuts")."""
    end = _verb_index(sentence)
    subject: Sequence[Token] = sentence.tokens[:end]
    rest: Sequence[Token] = sentence.tokens[end:]
    actor = _relative_actor(subject)
    if actor is not None:
        # (issue 17, tenth round) "the hospital where I was working wouldn't give me study
        # leave": a relative clause between the actor and its verb; the actor is the noun
        # phrase before "where / who / that / which", its verb the next one after the clause's
        writer = next(i for i, t in enumerate(subject) if t.text.lower() in _WRITER_SUBJECT)
        if writer + 1 >= end:  # the clause's own verb is the first verb-like token
            rest = _main_verb_rest(sentence.tokens, end)
        subject = actor  # else its verb is a present form ("where I work gave me")
    elif _relative_subject(subject):
        # (issue 17, seventh round) "The review course I had paid for cancelled ...": the
        # writer is in a clause inside the subject; the actor is the thing named first
        writer = next(i for i, t in enumerate(subject) if t.text in _WRITER_SUBJECT)
        if writer + 1 >= end and rest and rest[0].text in _COPULA:
            # (tenth round) "The question banks I was told to use did not match the real
            # exam": past the clause's own "was told", the main verb is "did not match"
            rest = _main_verb_rest(sentence.tokens, end)
        subject = subject[:writer]
    named = {t.text for t in subject} | {t.lemma for t in subject}
    words = {t.text for t in sentence.tokens} | {t.lemma for t in sentence.tokens}
    if not rest or named & _WRITER_SUBJECT or not words & _APPLICANT:
        return False
    if not words & rules.words("preparation"):
        return False
    if _passive_by(rest):
        return True
    if named & (_EMPTY_SUBJECT | rules.words("own_result")):
        return False
    helped = rest[0].lemma in _HELPING or (len(rest) > 1 and rest[1].lemma in _HELPING)
    return rest[0].text not in _COPULA and not helped


# (issue 17, twelfth round) the words that end a subject's head noun phrase ("Heavy night shifts
# at the district hospital": the shifts act, not the hospital)
_PREPOSITIONS = frozenset(
    "at in on of from with for to during near under over after before by about around".split()
)
# the lexicons whose words name someone who can be blamed: people, institutions, the exam
_ACTOR_LEXICONS = ("agent", "actor", "family", "agent_pronoun", "nonphysician")


def named_actor(sentence: Sentence, rules: CompiledRules) -> bool:
    """(issue 17, twelfth round) The head of the sentence's subject (the words before its first
    verb-like token, past a comma, up to a preposition) names a person, an institution or the
    exam (lexicons ``agent``, ``actor``, ``family``, ``agent_pronoun``, ``nonphysician``): "The
    program director gave me no study leave"; not a circumstance ("The move to a new flat left me
    little time", "Heavy night shifts at the district hospital made it hard for me")."""
    subject = sentence.tokens[: _verb_index(sentence)]
    commas = [i for i, t in enumerate(subject) if t.text == ","]
    if commas:  # past a fronted adverbial ("Three weeks before my date, the testing company")
        subject = subject[commas[-1] + 1 :]
    head = []
    for token in subject:
        if token.text.lower() in _PREPOSITIONS:
            break
        head.append(token)
    words = {t.text.lower() for t in head} | {t.lemma for t in head}
    return any(words & rules.words(name) for name in _ACTOR_LEXICONS)


# (issue 17, twelfth round) adverbs between the writer and the verb ("I never built")
_ADVERBS = frozenset("never also then only still just first later soon even again".split())
# the event's own verbs: "I failed Step 1 because ..." tells the event, not who caused it
_EVENT_VERBS = frozenset({"fail", "miss", "pass", "score", "receive"})


_PERFECT = frozenset({"had", "have", "has", "'d", "'ve"})


def _participle(token: Token) -> bool:
    """A past participle after "had" ("taken", "stopped"), not a noun ("no", "problems",
    "difficulties") nor "been" (a state or a passive: "I had been assigned")."""
    word = token.text
    if word == "been" or not word.isalpha():
        return False
    return word.endswith("ed") or (word != token.lemma and not word.endswith("s"))


_OTHER_SUBJECTS = frozenset("he she they it we you who there".split())


def _acting(token: Token) -> bool:
    """A word before the writer that makes another the main clause's actor: another subject
    pronoun, an auxiliary or a past verb."""
    word = token.text.lower()
    return word in _OTHER_SUBJECTS or word in AUXILIARIES or (word.endswith("ed") and len(word) > 3)


def writer_acts(sentence: Sentence, rules: CompiledRules) -> bool:
    """(issue 17, twelfth round; ``substance.writer_actor_not_blame``) the actor of the
    sentence's main clause (its first, ``clauses``) is the writer: "I" (past adverbs such as
    "never") and an active past or -ed verb that is neither an auxiliary ("I was assigned",
    "I had no senior") nor the event's own verb ("I failed Step 1 because ..."): "I spent most
    of my study period watching review videos ..., so I never built the speed the exam
    demands" tells what the writer did, which is no blame."""
    main = clauses(sentence)[0].tokens
    for i, token in enumerate(main[:-1]):
        if token.text != "i":
            continue
        j = i + 1
        while j < len(main) - 1 and main[j].text in _ADVERBS:
            j += 1
        verb = main[j]
        perfect = rules.rules.substance.writer_acts_perfect
        if perfect and (any(_acting(t) for t in main[:i]) or _relative_subject(main[: i + 1])):
            # "He said I left", "The date was set by the clinic where I worked", "The review
            # course I had paid for cancelled its live sessions"
            return False
        if perfect and verb.text in _PERFECT and j + 1 < len(main) and _participle(main[j + 1]):
            verb = main[j + 1]  # (issue 17, thirteenth round) "I had taken a tutoring job"
        if verb.text in AUXILIARIES or verb.lemma in {"get"} | _EVENT_VERBS:
            return False
        if verb.lemma in rules.words("own_result"):
            return False
        return verb.text != verb.lemma or verb.text.endswith("ed")
    return False


_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "our", "their"})
# a time before the writer is an adverb, not a subject ("The following year I passed")
_TIMES = frozenset(
    "year years month months week weeks day days cycle time semester term summer spring autumn"
    " fall winter morning night evening season".split()
)


def _relative_subject(subject: Sequence[Token]) -> bool:
    """A subject that opens with a determiner and a noun and then has the writer in it, a
    clause with no comma ("The course I had paid for", not "In 2020, I"): a noun phrase
    whose head is not the writer."""
    words = [t.text.lower() for t in subject]
    if len(words) < 3 or words[0] not in _DETERMINERS or "," in words:
        return False
    inside = [i for i, w in enumerate(words) if w in _WRITER_SUBJECT]
    return bool(inside) and inside[0] >= 2 and words[inside[0] - 1] not in _TIMES


_RELATIVE = frozenset({"where", "who", "whom", "that", "which"})


def _relative_actor(subject: Sequence[Token]) -> Sequence[Token] | None:
    """The noun phrase before a relative word followed by the writer ("the hospital where I",
    "the consultant who I"): from its nearest determiner (or its noun alone), with no comma in
    between; None where the subject has no such clause."""
    words = [t.text.lower() for t in subject]
    inside = [i for i, w in enumerate(words) if w in _WRITER_SUBJECT]
    if not inside or inside[0] < 2 or words[inside[0] - 1] not in _RELATIVE:
        return None
    head = inside[0] - 2
    if not words[head].isalpha() or words[head] in _TIMES | _DETERMINERS | _RELATIVE:
        return None
    start = head
    while start > 0 and words[start - 1] not in _DETERMINERS and words[start - 1].isalpha():
        start -= 1
    start = start - 1 if start > 0 and words[start - 1] in _DETERMINERS else head
    if "," in words[start : inside[0]]:
        return None
    return subject[start : inside[0] - 1]


def _main_verb_rest(tokens: Sequence[Token], end: int) -> Sequence[Token]:
    """The tokens from the main verb on, past a relative clause whose verb starts at ``end``:
    its verb group (an auxiliary and its participles) is skipped, then the next verb-like token
    (an auxiliary or modal, an -ed or irregular past form) is the main verb; none: empty."""
    i = end + 1
    while (
        i < len(tokens)
        and tokens[i].text not in AUXILIARIES
        and (
            tokens[i].text.endswith(("ing", "ed", "en"))
            or tokens[i].text in {"n't", "not"}
            or _irregular(tokens[i])
        )
    ):
        i += 1
    for j in range(i, len(tokens)):
        token = tokens[j]
        if (
            token.text in AUXILIARIES
            or _irregular(token)
            or (token.text != token.lemma and token.text.endswith("ed"))
        ):
            return tokens[j:]
    return ()


def _irregular(token: Token) -> bool:
    """An irregular past form: its lemma differs, it does not end in -s or -ing ("fell")."""
    return (
        token.text != token.lemma
        and not token.text.endswith(("s", "ing"))
        and token.text.isalpha()
        and token.lemma.isalpha()
    )


# "'s" is a verb after these ("it's", "that's"), a possessive after a noun ("my grandmother's")
_S_VERB_AFTER = frozenset({"it", "he", "she", "that", "there", "what", "this", "who", "where"})


def _verb_index(sentence: Sentence) -> int:
    """The first verb-like token: an auxiliary, an -ed form, or an irregular past form (its
    lemma differs and it does not end in -s: "fell", "took", "kept"); the words before it are
    the subject (a finer cut than the sentence model's ``sentences.subject_end``)."""
    tokens = sentence.tokens
    for i, token in enumerate(tokens[1:], start=1):
        if token.text == "'s":
            if tokens[i - 1].text in _S_VERB_AFTER:
                return i
            continue
        irregular = token.text != token.lemma and not token.text.endswith(("s", "ing"))
        if token.text in AUXILIARIES or (token.text != token.lemma and token.text.endswith("ed")):
            return i
        if irregular and token.text.isalpha() and token.lemma.isalpha():
            return i
    return min(4, len(tokens))


def _passive_by(rest: Sequence[Token]) -> bool:
    """ "was disrupted by the outages": a passive verb right after the subject, then "by"
    and an agent that is not the writer nor a time."""
    if rest[0].text not in _PASSIVE_AUX or len(rest) < 3:
        return False
    participle = next(
        (t for t in rest[1:3] if t.text.isalpha() and not t.text.endswith("ly")), None
    )
    if participle is None or (
        participle.text == participle.lemma and participle.text not in _SAME_PARTICIPLE
    ):
        return False
    texts = [t.text.lower() for t in rest]
    for i, text in enumerate(texts[:-1]):
        following = texts[i + 1]
        after = texts[i + 2] if i + 2 < len(texts) else ""
        if text == "by" and following == "the" and after and after not in _TIME_AFTER_THE:
            return after.isalpha()  # "by the program committee" (tenth round)
        if text == "by" and following not in _WRITER_SUBJECT | {"myself"} | _NOT_AGENT:
            return not following.isdigit()
    return False
