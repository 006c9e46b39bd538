"""The text rules (``data/text_rules.yaml``): strict models, validation on load, compiled patterns.

The models (the file's schema) live in ``rule_schema.py`` (moved there unchanged in issue 17's
seventeenth round) and are re-exported here.

A pattern is a sequence of token alternatives (``fail|failure``), lexicon references
(``@agent``), surface-only words (``=think`` matches "think", not "thought"), gaps (``*`` up
to 3 tokens, ``**`` up to 8) and shapes (``#year``, ``#num``);
it is compiled once into a regular expression over a sentence's token string, where each
token is written ``surface\\x1flemma`` so an alternative matches either form.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

import yaml
from pydantic import ValidationError

from ..datafiles import read_text
from ..errors import DataFileError
from .nlp import SEP, Sentence, Token
from .rule_schema import KINDS as KINDS
from .rule_schema import AdditionalInfoRules as AdditionalInfoRules
from .rule_schema import AnswerRules as AnswerRules
from .rule_schema import FindingRule as FindingRule
from .rule_schema import FixFamily as FixFamily
from .rule_schema import FixRules as FixRules
from .rule_schema import GeneralQuestion as GeneralQuestion
from .rule_schema import InterviewRules as InterviewRules
from .rule_schema import Kind as Kind
from .rule_schema import KindRules as KindRules
from .rule_schema import LetterRules as LetterRules
from .rule_schema import Part as Part
from .rule_schema import PatternRule as PatternRule
from .rule_schema import ScoreRules as ScoreRules
from .rule_schema import Source as Source
from .rule_schema import StatementRules as StatementRules
from .rule_schema import Structure as Structure
from .rule_schema import SubstanceRules as SubstanceRules
from .rule_schema import TextRules as TextRules
from .rule_schema import Topics as Topics

RULES_FILE = "text_rules.yaml"

_SEP = SEP
_GAPS = {"*": 3, "**": 8}
_SHAPES = {"#year": r"(?:19[5-9]\d|20[0-3]\d)(?:-[01]\d)?", "#num": r"\d+(?:[.,]\d+)*"}


@dataclass(frozen=True)
class Hit:
    """Where a pattern matched: token positions and character span in the text."""

    first_token: int
    last_token: int
    start: int
    end: int
    text: str


class Matcher:
    """One compiled pattern."""

    def __init__(
        self, pattern: str, lexicon: dict[str, list[str]], rule: PatternRule | None = None
    ):
        self.pattern = pattern
        self.negatable = bool(rule and rule.negatable)
        self.not_after = frozenset(rule.not_after) if rule else frozenset()
        self.not_before = frozenset(rule.not_before) if rule else frozenset()
        self.not_within = frozenset(rule.not_within) if rule else frozenset()
        # (issue 17, eighth round) a negation does not reach past these (lexicon clause_marks)
        self.clause_marks = frozenset(lexicon.get("clause_marks", ()))
        self._source = _compile(pattern, lexicon)
        self._regex: re.Pattern[str] | None = None

    @property
    def source(self) -> str:
        """The regular expression over a sentence's rendered tokens (not yet compiled)."""
        return self._source

    @property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use: a review of one kind needs only some of the rules."""
        if self._regex is None:
            self._regex = re.compile(self._source)
        return self._regex

    def hits(self, sentence: Sentence, negation: frozenset[str], window: int) -> list[Hit]:
        rendered = sentence.rendered
        hits = []
        for found in self.regex.finditer(rendered):
            first = rendered.count(" ", 0, found.start()) - 1
            last = first + found.group().count(" ")
            if self._blocked(sentence.tokens, first, negation, window):
                continue
            if self.not_within and self._contains(sentence.tokens[first : last + 1]):
                continue
            following = sentence.tokens[last + 1].text if last + 1 < len(sentence.tokens) else ""
            if following in self.not_before:
                continue
            start, end = sentence.tokens[first].start, sentence.tokens[last].end
            offset = start - sentence.start
            hits.append(Hit(first, last, start, end, sentence.text[offset : offset + end - start]))
        return hits

    def _contains(self, tokens: tuple[Token, ...]) -> bool:
        return any(t.text in self.not_within or t.lemma in self.not_within for t in tokens)

    def _blocked(
        self, tokens: tuple[Token, ...], first: int, negation: frozenset[str], window: int
    ) -> bool:
        if self.not_after and first > 0 and tokens[first - 1].text in self.not_after:
            return True
        if not self.negatable:
            return False
        before = tokens[max(0, first - window) : first]
        # (issue 17, eighth round) a negation does not reach across a clause's punctuation
        # (lexicon clause_marks): in "I went to lectures but never reviewed, and I ignored a
        # warning" the "never" is the first clause's, not the second's
        cut = max((i + 1 for i, t in enumerate(before) if t.text in self.clause_marks), default=0)
        return any(t.text in negation or t.lemma in negation for t in before[cut:])


_ANY: dict[tuple[str, ...], re.Pattern[str]] = {}


def could_match(sentence: Sentence, matchers: tuple[Matcher, ...]) -> bool:
    """All the patterns in one pass: where none matches, none of them can have a hit."""
    if not matchers:
        return False
    key = tuple(m.source for m in matchers)
    if key not in _ANY:
        _ANY[key] = re.compile("|".join(f"(?:{source})" for source in key))
    return _ANY[key].search(sentence.rendered) is not None


def _token_regex(word: str, lexicon: dict[str, list[str]]) -> str:
    shapes, literals = [], []
    for option in word.split("|"):
        if option in _SHAPES:
            shapes.append(_SHAPES[option])
        elif option.startswith("="):
            shapes.append(re.escape(option[1:].lower()))
        elif option.startswith("@"):
            literals += lexicon[option[1:]]
        else:
            literals.append(option)
    alts = "|".join(re.escape(o.lower()) for o in literals)
    forms = [f"(?:{shape}){_SEP}[^ ]*" for shape in shapes]
    if alts:
        forms += [f"(?:{alts}){_SEP}[^ ]*", f"[^ ]*{_SEP}(?:{alts})"]
    return "(?:" + "|".join(forms) + ")"


def _compile(pattern: str, lexicon: dict[str, list[str]]) -> str:
    parts: list[str] = []
    gap = 0
    for word in pattern.split():
        if word in _GAPS:
            gap = _GAPS[word]
            continue
        if parts:
            parts.append(f"(?: [^ ]+){{0,{gap}}} " if gap else " ")
        parts.append(_token_regex(word, lexicon))
        gap = 0
    return "(?<= )" + "".join(parts) + "(?= )"


_NEGATABLE_CUE = PatternRule(pattern="cue", negatable=True)
"""Structure cues do not count when negated ("they did not allow me to work")."""


@dataclass(frozen=True)
class CompiledRules:
    rules: TextRules
    negation: frozenset[str]
    findings: dict[str, tuple[Matcher, ...]]
    cancels: dict[str, tuple[Matcher, ...]]
    parts: dict[tuple[str, str], tuple[Matcher, ...]]
    # a conditional part's ``only_if`` cues (only the parts that have them)
    conditions: dict[tuple[str, str], tuple[Matcher, ...]]
    topics: dict[str, tuple[Matcher, ...]]
    concrete: tuple[Matcher, ...]
    circumstance: tuple[Matcher, ...]
    unspecific: tuple[Matcher, ...]
    token_regret: tuple[Matcher, ...]
    year: Matcher
    # each lexicon list as a set of words, built once (``words("feeling")``)
    lexicon_words: dict[str, frozenset[str]]

    def words(self, name: str) -> frozenset[str]:
        """The words of lexicon list ``name`` (none if the rules do not define it)."""
        return self.lexicon_words.get(name, frozenset())


def _compile_rules(rules: TextRules) -> CompiledRules:
    lex = rules.lexicon
    return CompiledRules(
        rules=rules,
        negation=frozenset(lex.get("negation", [])),
        findings={
            name: tuple(Matcher(p.pattern, lex, p) for p in f.patterns)
            for name, f in rules.findings.items()
        },
        cancels={
            name: tuple(Matcher(c, lex) for c in f.cancelled_by)
            for name, f in rules.findings.items()
        },
        parts={
            (sname, part.id): tuple(
                Matcher(c, lex, _NEGATABLE_CUE) for c in _part_cues(rules, part)
            )
            for sname, s in rules.structures.items()
            for part in s.parts
        },
        conditions={
            (sname, part.id): tuple(Matcher(c, lex, _NEGATABLE_CUE) for c in part.only_if)
            for sname, s in rules.structures.items()
            for part in s.parts
            if part.only_if
        },
        topics={t: tuple(Matcher(c, lex) for c in cues) for t, cues in rules.topics.cues.items()},
        concrete=tuple(Matcher(c, lex) for c in rules.kinds.letter.concrete_cues),
        circumstance=tuple(Matcher(p.pattern, lex, p) for p in rules.substance.circumstance_blame),
        unspecific=tuple(Matcher(p.pattern, lex, p) for p in rules.substance.unspecific_claims),
        token_regret=tuple(Matcher(p.pattern, lex, p) for p in rules.substance.token_regret),
        year=Matcher("#year", lex),
        lexicon_words={name: frozenset(words) for name, words in lex.items()},
    )


def _part_cues(rules: TextRules, part: Part) -> list[str]:
    """A part's cues, and those of the part it names in ``cues_of``."""
    if part.cues_of is None:
        return part.cues
    name, other = part.cues_of.split("/")
    return part.cues + next(p.cues for p in rules.structures[name].parts if p.id == other)


def parse_rules(text: str) -> CompiledRules:
    """Validate and compile rules given as YAML text; a bad file raises DataFileError."""
    return _compile_rules(validate_rules(text))


def validate_rules(text: str) -> TextRules:
    """The rules as validated models; a bad file raises DataFileError."""
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return TextRules.model_validate(yaml.load(text, Loader=loader))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise DataFileError(
            f"{RULES_FILE} is invalid at {where}: {first['msg']}",
            path=RULES_FILE,
            hint="fix the rules file; see the pattern syntax at its top",
        ) from None
    except (yaml.YAMLError, ValueError, re.error) as exc:
        raise DataFileError(
            f"{RULES_FILE} is invalid: {str(exc).splitlines()[0]}",
            path=RULES_FILE,
            hint="fix the rules file; see the pattern syntax at its top",
        ) from None


@lru_cache(maxsize=1)
def load_rules() -> CompiledRules:
    """The shipped rules, validated (or read from the cache of an earlier run) and compiled."""
    from ..cache import cached

    text = read_text(RULES_FILE)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    rules = cached(f"text-rules-{digest}", lambda: validate_rules(text), TextRules)
    try:
        return _compile_rules(rules)
    except (ValueError, re.error) as exc:
        raise DataFileError(f"{RULES_FILE} is invalid: {exc}", path=RULES_FILE) from None
