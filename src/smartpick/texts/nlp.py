"""Sentence splitting (pysbd) and lookup lemmatisation (spacy-lookups-data) of a text.

spaCy itself is not imported: its import alone takes about half a second, and the review
must start fast; the lookup lemmatizer spaCy would use reads this same table from
``spacy-lookups-data``, which is what :func:`lemma_table` loads.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any

_TOKEN = re.compile(
    r"[A-Za-z]+(?=n't\b)|n't\b|can(?=not\b)|'s\b"
    r"|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+|[A-Za-z]+|\d+(?:[.,]\d+)*|[^\w\s]",
    re.IGNORECASE,
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# pysbd reads these lower-case words before a full stop as abbreviations (Maine, Missouri,
# "id.", "con."), so "... hard for me. I later passed ..." stayed one sentence; a full stop
# after one of them, then a capital, ends the sentence
_NOT_ABBREVIATIONS = "me|is|may|man|ill|miss|mass|wash|fed|con|ok|arc|med|ken|det"
_MISSED_BREAK = re.compile(rf"\b(?:{_NOT_ABBREVIATIONS})\.(\s+)(?=[A-Z])")
SEP = "\x1f"  # between a token's surface form and its lemma in ``Sentence.rendered``


@dataclass(frozen=True)
class Token:
    text: str  # lower case surface form
    lemma: str
    start: int  # character offset in the whole text
    end: int


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int
    paragraph: int
    tokens: tuple[Token, ...]

    @property
    def word_count(self) -> int:
        return sum(1 for t in self.tokens if t.text[0].isalnum())

    @cached_property
    def rendered(self) -> str:
        """The tokens as `` surface\x1flemma ...`` for the rule matchers (built once)."""
        return " " + " ".join(f"{t.text}{SEP}{t.lemma}" for t in self.tokens) + " "


@dataclass(frozen=True)
class Document:
    text: str
    sentences: tuple[Sentence, ...]
    paragraph_count: int

    @property
    def word_count(self) -> int:
        return sum(s.word_count for s in self.sentences)


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spacy-lookups-data's English lookup table (word -> lemma), cached after the first run."""
    import spacy_lookups_data

    from ..cache import cached

    version = getattr(spacy_lookups_data, "__version__", "unknown")
    return cached(f"lemmas-spacy-lookups-data-{version}", _read_lemma_table, dict)


def _read_lemma_table() -> dict[str, str]:
    data = resources.files("spacy_lookups_data") / "data" / "en_lemma_lookup.json.gz"
    with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        table: dict[str, str] = json.load(text)
    return table


@lru_cache(maxsize=1)
def _segmenter() -> Any:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    table = lemma_table()
    tokens = []
    for found in _TOKEN.finditer(text):
        surface = found.group().lower()
        lemma = table.get(surface, surface)
        tokens.append(Token(surface, lemma.lower(), offset + found.start(), offset + found.end()))
    return tuple(tokens)


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def _spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans; a paragraph break always ends a sentence."""
    spans: list[tuple[int, int]] = []
    starts = _paragraph_starts(text) + [len(text)]
    for begin, end in zip(starts, starts[1:], strict=False):
        block = text[begin:end]
        for piece in _segmenter().segment(block) if block.strip() else []:
            spans += _resplit(piece.sent, begin + piece.start)
    return spans


def _resplit(sentence: str, offset: int) -> list[tuple[int, int]]:
    """The stripped spans of ``sentence`` cut at the breaks pysbd missed."""
    cuts = [0] + [m.start(1) for m in _MISSED_BREAK.finditer(sentence)] + [len(sentence)]
    spans = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        piece = sentence[start:end]
        stripped = piece.strip()
        if stripped:
            lead = offset + start + piece.index(stripped[0])
            spans.append((lead, lead + len(stripped)))
    return spans


def analyse(text: str) -> Document:
    """Split ``text`` into paragraphs, sentences and lemmatised tokens."""
    text = text.replace("\u2019", "'")  # same length: spans stay offsets in the given text
    paragraph_starts = _paragraph_starts(text)
    sentences = []
    for index, (start, end) in enumerate(_spans(text)):
        paragraph = sum(1 for p in paragraph_starts if p <= start) - 1
        body = text[start:end]
        sentences.append(Sentence(index, body, start, end, paragraph, tokenize(body, start)))
    paragraphs = len({s.paragraph for s in sentences})
    return Document(text, tuple(sentences), paragraphs)
