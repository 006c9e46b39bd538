"""Result types of the text review (frozen dataclasses, rendered by CLI, web and reports)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .nlp import Sentence


@dataclass(frozen=True)
class Finding:
    """One problem in a text: what, where (sentence and character span), why, and the fix."""

    type: str
    message: str
    fix: str
    weight: int
    source: str
    sentence: int | None = None  # index of the sentence it refers to (0-based)
    span: tuple[int, int] | None = None  # character offsets in the text
    quote: str | None = None  # the sentence (or span) it refers to

    @classmethod
    def at(
        cls, sentence: Sentence | None, type_: str, message: str, fix: str, weight: int, source: str
    ) -> Finding:
        """A finding about a whole sentence (its index, span and text), or about the whole
        text where ``sentence`` is None."""
        return cls(
            type=type_,
            message=message,
            fix=fix,
            weight=weight,
            source=source,
            sentence=sentence.index if sentence else None,
            span=(sentence.start, sentence.end) if sentence else None,
            quote=sentence.text if sentence else None,
        )


@dataclass(frozen=True)
class StructurePart:
    """A part of a good explanation and whether the text has it."""

    id: str
    label: str
    present: bool
    sentence: int | None
    fix: str


@dataclass(frozen=True)
class Review:
    kind: str
    flag: str | None
    score: int
    findings: tuple[Finding, ...]
    structure_name: str | None
    structure: tuple[StructurePart, ...]
    top_fixes: tuple[str, ...]
    word_count: int
    sentence_count: int
    paragraph_count: int
    speaking_seconds: float | None
    flags_mentioned: tuple[str, ...]
    flag_share: float | None
    flag_paragraphs: tuple[int, ...] = ()  # 1-based paragraphs that discuss a red flag
    addressed_flags: tuple[str, ...] = ()
    unaddressed_flags: tuple[str, ...] = ()
    note: str = (
        "Practitioner rules of thumb and labelled assumptions, and a small sentence model "
        "trained on sentences written for smartpick (findings marked 'sentence model'); smartpick "
        "critiques and structures, it does not write the text for you."
    )

    @property
    def finding_types(self) -> frozenset[str]:
        return frozenset(f.type for f in self.findings)

    @property
    def missing_parts(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.structure if not p.present)

    @property
    def reported_types(self) -> frozenset[str]:
        """The finding types, with ownership-missing where the explanation's responsibility
        part is missing: what the review reports, in the types the labelled sets use."""
        owned = "responsibility" not in self.missing_parts
        return self.finding_types if owned else self.finding_types | {"ownership-missing"}
