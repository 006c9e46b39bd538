"""Whether a text owns its event (issue 17): the sentences that own it, and the circumstances
and other actors a sentence may put the cause on instead.

Moved out of ``substance.py`` (issue 17, tenth round) unchanged.
"""

from __future__ import annotations

import re

from .agency import external_actor
from .evidence import _OUTCOME_WORDS
from .layout import cued_part
from .lexical import hedge_count
from .model import StructurePart
from .nlp import Document, Sentence
from .rules import CompiledRules
from .sentences import features


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
    # (issue 17, tenth round) a fact acknowledged is no fault owned: "I understand that this
    # result did not meet expectations"
    support = [i for i in support if not _acknowledged_only(doc.sentences[i])]
    spec = rules.rules.substance
    # (issue 17, tenth round) a lesson told ("It taught me that I can survive anything") that
    # only the model reads as ownership owns nothing: a cue of the lesson, no cue of ownership
    lesson = cued_part(doc, "explanation", "learned", rules) if spec.lesson_owns_nothing else set()
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
    told: set[int] = set()  # a lesson told, in any words ("What I learned: ...")
    if event is None and any(p.id == "what-happened" for p in parts):
        # (issue 17, fifteenth round; assumed) the event told without its date ("In my second
        # semester I failed Pharmacology I") is still the event whose cause the next sentence
        # may own: the part owes a date, the ownership of its cause does not
        event = min(cued_part(doc, "explanation", "what-happened", rules), default=None)
        told = cued_part(doc, "explanation", "learned", rules)
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
        and cause.index not in lesson | told  # nor a lesson ("It taught me that I can ...")
        # (fifteenth round) after an undated event in a text that tells a lesson (``told`` is
        # filled only then), a cause told in the past ("I had spent most of that term ..."),
        # not a stance ("I take this matter seriously"); requiring it after every undated
        # event changes two texts of the sixteen sets, one right and one wrong
        and (not told or _own_past(cause))
        and not _acknowledged_only(cause)  # nor a fact acknowledged
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


# a sentence that is only "I (now) understand / realise / accept ... that" and a clause
_ACKNOWLEDGE = re.compile(
    r"^I (?:fully |now |truly )?(?:understand|realise|realize|recognise|recognize|know|"
    r"acknowledge|accept|see) that (?P<clause>.+)$",
    re.IGNORECASE,
)


def _acknowledged_only(sentence: Sentence) -> bool:
    """(issue 17, tenth round; assumed) the writer only acknowledges a fact that is not about
    them: "I understand that this result did not meet expectations" (a template's
    "My responsibility:" line, the heading cut off) owns nothing, while "I acknowledge that I
    could have prepared better" or "I accept that my preparation was poor" name the writer's
    own part in the clause and still count."""
    text = sentence.text.split(": ", 1)[-1].strip()
    found = _ACKNOWLEDGE.match(text)
    if not found:
        return False
    words = set(re.findall(r"[a-z]+", found.group("clause").lower()))
    return not words & {"i", "me", "my", "mine", "myself"}
