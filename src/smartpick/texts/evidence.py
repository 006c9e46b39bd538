"""What counts as a fact in a text (issue 17): a specific sentence (a number, a month, a name),
a measurable result and its year, and a letter's episode; evidence counts only after the event.

Moved out of ``substance.py`` (issue 17, tenth round) unchanged.
"""

from __future__ import annotations

import re

from .model import StructurePart
from .nlp import Document, Sentence
from .rules import CompiledRules

_MONTHS = frozenset(
    "january february march april may june july august september october november december".split()
)
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


# (issue 17, fourteenth round; assumed) the exam's own names, which every text on this topic
# carries and which anchor no claim ("Step 2 CK", "USMLE", "the Match"): the writers' vague is a
# claim with no date, number, method, person or place, and "After that I studied from the right
# resources and passed Step 1" names none. Chosen by the fourteen-fold CV (vague 0.886 / 0.843
# -> 0.884 / 0.850, no fold's AUC lower); the country ("the US health care system") was tried
# too and gave a strong text that names its dean and its module, not its country, a bare text
_EXAM_NAMES = frozenset("Step CK CS USMLE COMLEX Match ERAS".split())


def is_specific(
    sentence: Sentence, counts: bool = False, exam: bool = False, own: frozenset[str] = frozenset()
) -> bool:
    """A specific fact: a number, a month, or a name (a capitalised word after the first); with
    ``counts``, a count in words too ("twice", "in the two years since"): only for telling a
    text with facts from a bare one (as a concrete change, "two years of rural service" is no
    named action). An exam's own number and name ("Step 2 CK", ``_EXAM_NAMES``) are no fact
    (issue 17, fourteenth round), except with ``exam``: a personal statement's story names
    its exam as one of its facts. ``own``: the flag's own names (issue 17, fifteenth round:
    ``substance.flag_names`` in text_rules.yaml, "ECFMG" in a text about certification), no
    fact either."""
    text = sentence.text if exam else _EXAM_NUMBER.sub("", sentence.text)
    for name in own:
        text = re.sub(rf"(?<![\w-]){re.escape(name)}(?![\w-])", "", text)
    names = (frozenset() if exam else _EXAM_NAMES) | own
    words = text.split()
    if any(ch.isdigit() for ch in text):
        return True
    # a month is written with its capital: "may" and "march" are the verbs (issue 17, fifteenth
    # round: "the process may take some time" named no month)
    if any(_month(t.text) or (counts and t.text in _COUNT_WORDS) for t in sentence.tokens):
        return True
    return any(
        w[:1].isupper()
        and w.strip(".,;:") not in names | {"I", "I'm", "I've"}
        and not before.endswith(":")
        for before, w in zip(words, words[1:], strict=False)
    )  # a capital after a colon starts a clause ("What I learned: The importance of ...")


def gives_number(sentence: Sentence) -> bool:
    """A number other than the exam's own ("Step 2 CK"): digits or a count in words."""
    if any(ch.isdigit() for ch in _EXAM_NUMBER.sub("", sentence.text)):
        return True
    return any(t.text.lower() in _COUNT_WORDS for t in sentence.tokens)


def _month(word: str) -> bool:
    return word[:1].isupper() and word.lower() in _MONTHS


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


def _after(sentence: Sentence, part: str, event: int | None) -> bool:
    """Evidence dated only before the event does not show that anything changed."""
    if part != "evidence" or event is None:
        return True
    found = years(sentence)
    return not found or max(found) >= event
