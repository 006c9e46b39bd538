"""The schema of the text rules (``data/text_rules.yaml``): strict models checked on load.

Moved out of ``rules.py`` (issue 17, seventeenth round) unchanged.
"""

from __future__ import annotations

from string import Formatter
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Kind = Literal["additional-info", "personal-statement", "letter", "interview-answer"]
KINDS: tuple[Kind, ...] = ("additional-info", "personal-statement", "letter", "interview-answer")
Source = Literal["domain-brief", "assumed"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class _Sourced(_Strict):
    source: Source
    reason: str = ""

    @model_validator(mode="after")
    def _assumed_has_reason(self) -> _Sourced:
        if self.source == "assumed" and len(self.reason) < 20:
            raise ValueError("a rule marked 'assumed' needs its reasoning in 'reason'")
        return self


class PatternRule(_Strict):
    pattern: str = Field(min_length=1)
    negatable: bool = False
    not_after: list[str] = Field(default_factory=list)
    # nor where the token right after the hit is one of these ("I hope to train" is an aim)
    not_before: list[str] = Field(default_factory=list)
    # a hit that contains one of these words is about the applicant's own result or
    # preparation ("my Step 1 failure was one bad day"), not about the agent
    not_within: list[str] = Field(default_factory=list)


class FindingRule(_Sourced):
    weight: int = Field(ge=0, le=100)
    min_hits: int = Field(default=1, ge=1)
    message: str
    fix: str
    patterns: list[PatternRule]
    only_kinds: list[Kind] = Field(default_factory=list)
    skip_kinds: list[Kind] = Field(default_factory=list)
    suppressed_by: list[str] = Field(default_factory=list)
    context_exempt: bool = False
    # with context_exempt: how many following sentences of the same paragraph may give the
    # context ("a difficult period. My father had heart surgery ...")
    context_reach: int = Field(default=0, ge=0, le=3)
    # a sentence where one of these patterns matches has none of this rule's hits
    # ("I do not blame my school": the writer disclaims the cause in the same sentence)
    cancelled_by: list[str] = Field(default_factory=list)

    def applies_to(self, kind: str) -> bool:
        if self.only_kinds and kind not in self.only_kinds:
            return False
        return kind not in self.skip_kinds


class Part(_Strict):
    id: str
    label: str
    cues: list[str] = Field(min_length=1)
    fix: str
    needs_date: bool = False
    # the part belongs to the structure only where one of these cues occurs in the text (a
    # prior residency's explanation owes ownership only where it tells of the applicant's own
    # conduct or performance); empty: always
    only_if: list[str] = Field(default_factory=list)
    # or where the review finds one of these finding types in the text
    only_if_findings: list[str] = Field(default_factory=list)
    # and the cues of another structure's part ("explanation/responsibility"), besides its own
    cues_of: str | None = None
    # the red flags (given or read from the text) for which the part is not owed: an English
    # test or a reapplication is no failing of the applicant's to own (issue 17, seventh round)
    not_for: list[str] = Field(default_factory=list)
    # a part that counts where the text has it but, missing, is owed only where the review
    # finds one of these finding types (a reapplication owes its own part in the last cycle
    # only where it puts the cycle on others; issue 17, seventh round); empty: always owed
    owed_only_with: list[str] = Field(default_factory=list)


class Structure(_Sourced):
    applies_to: list[str]
    parts: list[Part] = Field(min_length=1)


class Topics(_Sourced):
    cues: dict[str, list[str]]
    covers: dict[str, list[str]]

    @model_validator(mode="after")
    def _covers_every_topic(self) -> Topics:
        missing = set(self.cues) - set(self.covers)
        if missing:
            raise ValueError(f"topics.covers lacks {sorted(missing)}")
        return self


class AdditionalInfoRules(_Sourced):
    min_sentences: int = Field(ge=1)
    max_sentences: int = Field(ge=1)
    max_sentences_exam: int = Field(ge=1)
    # sentences under the range before a length finding (issue 17, sixth round)
    short_tolerance: int = Field(default=0, ge=0)
    # sentences over the range before a length finding (issue 17, seventh round)
    long_tolerance: int = Field(default=0, ge=0)
    # the structure of a text that names no red flag and is given none (issue 17, sixth round)
    default_structure: str | None = None


class StatementRules(_Sourced):
    max_words: int = Field(ge=100)
    min_words: int = Field(default=0, ge=0)
    max_flag_sentences: int = Field(ge=1)
    max_flag_share: float = Field(gt=0, le=1)
    max_flags: int = Field(ge=1)


class LetterRules(_Sourced):
    min_praise_words: int = Field(ge=1)
    concrete_cues: list[str]


class AnswerRules(_Sourced):
    words_per_minute: int = Field(ge=60, le=250)
    max_seconds: int = Field(ge=10)
    ideal_seconds: tuple[int, int]
    min_words: int = Field(ge=1)


class KindRules(_Strict):
    additional_info: AdditionalInfoRules = Field(alias="additional-info")
    personal_statement: StatementRules = Field(alias="personal-statement")
    letter: LetterRules
    interview_answer: AnswerRules = Field(alias="interview-answer")


class ScoreRules(_Sourced):
    missing_part_weight: int = Field(ge=0, le=100)
    length_weight: int = Field(ge=0, le=100)
    placement_weight: int = Field(ge=0, le=100)
    flag_share_weight: int = Field(ge=0, le=100)
    multiple_flags_weight: int = Field(ge=0, le=100)
    contradiction_weight: int = Field(ge=0, le=100)
    unaddressed_weight: int = Field(ge=0, le=100)
    writer_weight: int = Field(ge=0, le=100)
    substance_weight: int = Field(ge=0, le=100)


class SubstanceRules(_Sourced):
    bare_is_vague: bool
    bare_vague_min_words: int = Field(ge=0)
    statement_min_sentences: int = Field(ge=1)
    statement_specific_share: float = Field(ge=0, le=1)
    # (issue 17, eighth round) the share for a statement under the kind's word floor
    short_statement_specific_share: float | None = Field(default=None, ge=0, le=1)
    circumstance_blame: list[PatternRule] = Field(default_factory=list)
    # (issue 17, sixth round) claims of keeping up or of doing one's best, vague unless the
    # sentence gives a number, a month or a name (substance.unspecific_claims)
    unspecific_claims: list[PatternRule] = Field(default_factory=list)
    # (issue 17, eighth round) a counterfactual regret softened by a degree word or an epistemic
    # adverb: no ownership in a text that blames or argues (substance.own_responsibility)
    token_regret: list[PatternRule] = Field(default_factory=list)
    # (issue 17, eighth round) a generic claim cued as one of these parts, in a text with a
    # finding of one of these types, is vague too (substance.general_remedy)
    general_remedy_parts: list[str] = Field(default_factory=list)
    # (issue 17, eighth round) the flags (no failing of the applicant's own) in which only the
    # rules' explicit blame patterns count, not the model's or the grammar's (source assumed)
    model_blame_not_for: list[str] = Field(default_factory=list)
    # (issue 17, thirteenth round) on those flags the rules' blame of a sentence whose main
    # clause tells what the writer did does not count either, but in a text the rules read as
    # defensive (substance.read_blame)
    not_failing_reason_not_blame: bool = False
    # (issue 17, thirteenth round) "I had taken", "I have let" (the perfect) is the writer
    # acting too (agency.writer_acts), and a sentence where the writer acts is no blame read
    # across an unowned text either (substance.unowned_blame)
    writer_acts_perfect: bool = False
    writer_actor_not_unowned_blame: bool = False
    # (issue 17, eleventh round) the sources (assumed: the model's and the grammar's;
    # domain-brief: the rules') of a blame that, in a text the rules read as defensive, does not
    # count where its sentence tells nothing in the past (substance.argued_blame)
    argued_blame_sources: list[str] = Field(default_factory=list)
    # (issue 17, eighth round) a hedged text is vague where its other findings are of these
    # types only (substance.hedged_vague); None: never
    hedged_vague_beside: list[str] | None = None
    # (issue 17, eighth round) whether the model's clear ownership (no cue) owns the event in a
    # text that blames, argues or dramatises (substance.own_responsibility)
    clear_ownership_beside_blame: bool = True
    general_remedy_with: list[str] = Field(default_factory=list)
    # (issue 17, thirteenth round) a writer's claim the model reads as vague is vague beside a
    # finding of these types (vagueness.vague_claims); empty: never
    vague_claim_with: list[str] = Field(default_factory=list)
    vague_claim_not_for: list[str] = Field(default_factory=list)
    # (issue 17, twentieth round) the kinds whose writer's claims are judged; empty: none
    vague_claim_kinds: list[Kind] = Field(default_factory=list)
    # (issue 17, ninth round) the flags whose explanation owes a year or a month: without one
    # it is vague (owed.undated_vague)
    undated_vague_for: list[str] = Field(default_factory=list)
    undated_vague_beside: list[str] = Field(default_factory=list)
    # (issue 17, seventeenth round) and only where no sentence gives a number other than the
    # exam's own (owed.undated_vague); False: a number does not matter
    undated_vague_unnumbered: bool = False
    # (issue 17, fourth round) an explanation of this many sentences or more with at most one
    # specific sentence is bare (vagueness.substance_finding); None: no such rule
    bare_text_sentences: int | None = Field(default=None, ge=1)
    # (issue 17, fifteenth round) and one of this many sentences or more with none; None: no rule
    bare_text_no_fact: int | None = Field(default=None, ge=1)
    # (issue 17, fifteenth round) a flag's own names, which anchor no claim on it (vagueness)
    flag_names: dict[str, list[str]] = Field(default_factory=dict)
    # (issue 17, ninth round) a sentence with this many hedges or more owns nothing
    # (substance.own_responsibility); None: any may
    hedged_regret_min_hedges: int | None = Field(default=None, ge=1)
    # (issue 17, sixth round) another person or a circumstance as the subject acting on the
    # applicant's preparation or exam, or the passive with an outside agent (agency.py)
    external_actor_blame: bool = False
    # (issue 17, tenth round) where the model labels a sentence both blame and ownership, the
    # label with the higher probability wins (substance.document_labels); False: ownership wins
    blame_outweighs_ownership: bool = False
    # (issue 17, eighteenth round) and, whoever the sentence names, a blame the model is sure of
    # (at its finding threshold) outweighs an ownership it is not (under CLEAR_OWNERSHIP)
    sure_blame_outweighs_unclear_ownership: bool = False
    # (issue 17, tenth round) the whole text's blame reads "owned" from the ownership part
    # where the structure has one (substance.unowned_blame); False: from the model's labels too
    owned_by_part: bool = False
    # (issue 17, tenth round) a lesson cue the model alone reads as ownership owns nothing
    lesson_owns_nothing: bool = False
    # (issue 17, twelfth round) the model's blame of a circumstance acting on the applicant
    # counts only where the text owns nothing (substance.held_circumstance_blame)
    circumstance_model_blame_unowned_only: bool = False
    # (issue 17, twelfth round) the whole text's blame (substance.unowned_blame) is not read
    # from a sentence that faults the measure (substance.measure_argued)
    measure_argued_not_blame: bool = False
    # (issue 17, twelfth round) the model's own blame is not reported in a sentence whose main
    # clause's actor is the writer (agency.writer_acts)
    writer_actor_not_blame: bool = False


class FixFamily(_Strict):
    flags: list[str] = Field(min_length=1)
    event: str
    parts: dict[str, str] = Field(default_factory=dict)


class FixRules(_Sourced):
    default_event: str
    families: dict[str, FixFamily]

    def family_of(self, flag: str | None) -> FixFamily | None:
        return next((f for f in self.families.values() if flag in f.flags), None)


# the fields each wording may name, filled in by the rule that reports it
_WORDING_FIELDS: dict[str, frozenset[str]] = {
    "no_specifics_thin": frozenset({"generic", "total", "specific"}),
    "no_specifics_bare": frozenset({"total", "specific"}),
    "no_specifics_statement": frozenset({"total", "specific"}),
    "no_specifics_fix": frozenset(),
    "bare_vague": frozenset(),
    "bare_generic": frozenset(),
    "generic_claim": frozenset({"match"}),
    "generic_fix": frozenset(),
    "unspecific": frozenset({"match"}),
    "general_remedy": frozenset({"match"}),
    "hedged": frozenset({"match"}),
    "claimed": frozenset({"match"}),
    "unowned_blame": frozenset({"match"}),
    "undated": frozenset({"match"}),
    "undated_fix": frozenset(),
    "conduct_only": frozenset({"match"}),
}


class Wording(_Sourced):
    """What the review says for the findings that a rule computes over a whole text or takes
    from the sentence model: they have no pattern rule in ``findings`` to carry a message and a
    fix. ``{match}`` is the quoted opening of the sentence; ``{total}`` the text's sentences,
    ``{generic}`` its general claims and ``{specific}`` how many give a fact."""

    no_specifics_thin: str
    no_specifics_bare: str
    no_specifics_statement: str
    no_specifics_fix: str
    bare_vague: str
    bare_generic: str
    generic_claim: str
    generic_fix: str
    unspecific: str
    general_remedy: str
    hedged: str
    claimed: str
    unowned_blame: str
    undated: str
    undated_fix: str
    conduct_only: str

    @model_validator(mode="after")
    def _known_fields(self) -> Wording:
        for name, allowed in _WORDING_FIELDS.items():
            named = {field for _, field, _, _ in Formatter().parse(getattr(self, name)) if field}
            if named - allowed:
                fields = ", ".join(f"{{{f}}}" for f in sorted(allowed)) or "none"
                raise ValueError(f"{name} names {sorted(named - allowed)}; it may name {fields}")
        return self


class GeneralQuestion(_Sourced):
    id: str
    question: str
    really_asking: str
    structure: list[str] = Field(min_length=1)


class InterviewRules(_Sourced):
    default_structure: list[str] = Field(min_length=1)
    general: list[GeneralQuestion]


class TextRules(_Strict):
    version: Literal[1]
    negation_window: int = Field(ge=0, le=10)
    structure_negation_window: int = Field(ge=0, le=10)
    lexicon: dict[str, list[str]]
    findings: dict[str, FindingRule]
    structures: dict[str, Structure]
    fixes: FixRules
    wording: Wording
    topics: Topics
    kinds: KindRules
    score: ScoreRules
    substance: SubstanceRules
    interview: InterviewRules

    @model_validator(mode="after")
    def _references_exist(self) -> TextRules:
        for name, rule in self.findings.items():
            unknown = set(rule.suppressed_by) - set(self.findings)
            if unknown:
                raise ValueError(f"findings.{name}.suppressed_by names unknown {sorted(unknown)}")
        for sname, structure in self.structures.items():
            for part in structure.parts:
                unknown = set(part.only_if_findings + part.owed_only_with) - set(self.findings)
                if unknown:
                    raise ValueError(f"structures.{sname}.{part.id}.only_if_findings: {unknown}")
                if part.cues_of is None:
                    continue
                name, _, other = part.cues_of.partition("/")
                known = self.structures.get(name)
                if known is None or other not in {p.id for p in known.parts}:
                    raise ValueError(
                        f"structures.{sname}.{part.id}.cues_of: unknown {part.cues_of}"
                    )
        for pattern in _all_patterns(self):
            for option in pattern.replace("|", " ").split():
                if option.startswith("@") and option[1:] not in self.lexicon:
                    raise ValueError(f"pattern {pattern!r} uses unknown lexicon list {option}")
        return self


def _all_patterns(rules: TextRules) -> list[str]:
    found = [p.pattern for f in rules.findings.values() for p in f.patterns]
    found += [c for f in rules.findings.values() for c in f.cancelled_by]
    found += [c for s in rules.structures.values() for part in s.parts for c in part.cues]
    found += [c for s in rules.structures.values() for part in s.parts for c in part.only_if]
    found += [c for cues in rules.topics.cues.values() for c in cues]
    found += [p.pattern for p in rules.substance.circumstance_blame]
    found += [p.pattern for p in rules.substance.token_regret]
    return found + list(rules.kinds.letter.concrete_cues)
