"""The text rules file: validated on load, every rule sourced, the pattern syntax."""

from __future__ import annotations

import pytest
import yaml

from smartpick.datafiles import read_text
from smartpick.errors import DataFileError
from smartpick.texts.nlp import analyse
from smartpick.texts.rules import RULES_FILE, Matcher, load_rules, parse_rules


def test_shipped_rules_load_and_every_rule_has_a_source():
    rules = load_rules().rules
    for name, rule in rules.findings.items():
        assert rule.source in {"domain-brief", "assumed"}, name
        if rule.source == "assumed":
            assert len(rule.reason) >= 20, name
    for structure in rules.structures.values():
        assert structure.source in {"domain-brief", "assumed"}
    assert rules.kinds.additional_info.max_sentences == 6  # domain brief: 3 to 6 sentences
    assert rules.kinds.additional_info.max_sentences_exam == 5  # 3 to 5 for an exam failure
    assert rules.kinds.interview_answer.max_seconds == 120  # under 2 minutes


def test_letter_warning_phrases_of_the_domain_brief_are_all_covered():
    brief = [
        "She did well with appropriate supervision.",
        "He does well in a structured environment.",
        "She has shown improvement in professionalism.",
        "Given clear expectations, performs adequately.",
    ]
    rules = load_rules()
    for sentence in analyse(" ".join(brief)).sentences:
        assert any(m.hits(sentence, rules.negation, 3) for m in rules.findings["warning-phrase"]), (
            sentence.text
        )


def _mutated(change) -> str:
    data = yaml.safe_load(read_text(RULES_FILE))
    change(data)
    return yaml.safe_dump(data)


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (lambda d: d["findings"]["blame"].update(colour="red"), "Extra inputs"),
        (lambda d: d["findings"]["hedging"].update(reason="because"), "assumed"),
        (lambda d: d["findings"]["blame"].update(source="a blog"), "source"),
        (
            lambda d: d["findings"]["blame"]["patterns"].append({"pattern": "@nobody x"}),
            "unknown lexicon list",
        ),
        (lambda d: d["kinds"]["interview-answer"].update(words_per_minute=5), "words_per_minute"),
        (lambda d: d["topics"]["covers"].pop("reapplicant"), "covers"),
    ],
)
def test_invalid_rules_are_a_data_file_error(change, fragment):
    with pytest.raises(DataFileError, match=fragment):
        parse_rules(_mutated(change))


@pytest.mark.parametrize(
    ("pattern", "sentence", "hit"),
    [
        ("fail step", "I failed Step 1.", "failed Step"),  # lemma: failed -> fail
        ("fail * step", "I failed the USMLE Step 1.", "failed the USMLE Step"),
        ("fail * step", "I failed one of the many Step exams.", None),  # gap of 3 at most
        ("fail ** step", "I failed one of the many Step exams.", "failed one of the many Step"),
        ("school|exam be hard", "The exam was hard.", "exam was hard"),
        ("pass #year", "I passed 2019 anyway.", "passed 2019"),
        ("#num case", "He saw twenty cases and 40 cases.", "40 cases"),
        ("@agent_pronoun not", "They did not help.", None),  # 'did' stands between
        ("meet expectation", "She met expectations.", "met expectations"),
        ("I =think", "It took longer than I thought.", None),  # surface form only
        ("I =think", "I think I was tired.", "I think"),
        ("I think", "It took longer than I thought.", "I thought"),  # lemma: thought -> think
        ("unfair|not fair", "It is unfair.", None),  # alternatives of one token, then 'fair'
    ],
)
def test_pattern_syntax(pattern, sentence, hit):
    rules = load_rules()
    matcher = Matcher(pattern, rules.rules.lexicon)
    hits = matcher.hits(analyse(sentence).sentences[0], rules.negation, 3)
    assert (hits[0].text if hits else None) == hit


def test_negatable_pattern_skips_a_negated_match():
    from smartpick.texts.rules import PatternRule

    rules = load_rules()
    rule = PatternRule(pattern="blame * school", negatable=True)
    matcher = Matcher(rule.pattern, rules.rules.lexicon, rule)
    assert matcher.hits(analyse("I blame my school.").sentences[0], rules.negation, 3)
    assert not matcher.hits(analyse("I do not blame my school.").sentences[0], rules.negation, 3)


def test_not_within_drops_a_hit_that_contains_one_of_the_words():
    from smartpick.texts.rules import PatternRule

    rules = load_rules()
    rule = PatternRule(pattern="@agent * be * bad", not_within=["failure"])
    matcher = Matcher(rule.pattern, rules.rules.lexicon, rule)
    assert matcher.hits(analyse("The exam was bad.").sentences[0], rules.negation, 3)
    failure = analyse("My Step 1 failure was one bad day.").sentences[0]
    assert not matcher.hits(failure, rules.negation, 3)


def test_cancelled_by_with_an_unknown_lexicon_list_is_a_data_file_error():
    def change(d):
        d["findings"]["blame"]["cancelled_by"] = ["not blame @nobody"]

    with pytest.raises(DataFileError, match="unknown lexicon"):
        parse_rules(_mutated(change))


def test_sentences_and_lemmas_come_from_the_libraries():
    doc = analyse("Dr. Smith supervised me in Jan. 2020. I didn't pass.\n\nI was studying.")
    assert [s.text for s in doc.sentences] == [
        "Dr. Smith supervised me in Jan. 2020.",
        "I didn't pass.",
        "I was studying.",
    ]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 1]
    lemmas = {t.text: t.lemma for s in doc.sentences for t in s.tokens}
    assert lemmas["supervised"] == "supervise"
    assert lemmas["n't"] == "not"
    assert lemmas["studying"] == "study"


def test_rules_are_cached_for_later_runs(smartpick_home):
    from smartpick.texts import rules as module

    module.load_rules.cache_clear()
    first = module.load_rules()
    assert list((smartpick_home / "cache").glob("text-rules-*.pickle"))
    module.load_rules.cache_clear()
    second = module.load_rules()
    assert second.rules == first.rules
