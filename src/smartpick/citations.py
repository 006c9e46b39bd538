"""Citations, scope notes and the glossary that many outputs carry (shown wherever their
figures or words are used)."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .datafiles import load_validated

MAIN_MATCH_NOTE = (
    "Covers the NRMP Main Match only; SOAP (unfilled positions in Match week) is a separate "
    "chance, not modelled here."
)
CHARTING_OUTCOMES_CITATION = (
    "NRMP, Charting Outcomes: Characteristics of Non-U.S. IMGs Who Matched to Their Preferred "
    "Specialty, 2026 Main Residency Match (data (c) NRMP, used with citation)"
)
DOMAIN_CITATION = (
    "Practitioner rules of thumb (program directors' and IMG advisers' published advice, "
    "collected for smartpick; not a study)"
)


class GlossaryTerm(BaseModel):
    """One word of the outputs and its plain meaning (``data/glossary.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    term: str = Field(min_length=1)
    meaning: str = Field(min_length=10)
    aliases: tuple[str, ...] = ()
    see: tuple[str, ...] = ()


class Glossary(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    terms: tuple[GlossaryTerm, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _see_names_terms(self) -> Glossary:
        names = [t.term for t in self.terms]
        if len(set(names)) != len(names):
            raise ValueError("a term is listed twice")
        unknown = {s for t in self.terms for s in t.see} - set(names)
        if unknown:
            raise ValueError(f"'see' names unknown terms: {sorted(unknown)}")
        return self

    def lookup(self, word: str) -> GlossaryTerm | None:
        """The term named ``word`` or with it as an alias (case-insensitive)."""
        key = word.strip().casefold()
        for t in self.terms:
            if key in {t.term.casefold(), *(a.casefold() for a in t.aliases)}:
                return t
        return None


@cache
def glossary() -> Glossary:
    """The validated glossary that the CLI, the web app and the report show."""
    return load_validated("glossary.yaml", Glossary)
