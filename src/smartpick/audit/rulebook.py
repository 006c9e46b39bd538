"""``docs/red-flags.md`` from the rule file: the tables and sections between
``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->`` are rendered here from
``data/red_flags.yaml`` (and the named facts), so a new rule is documented by its entry.

    python scripts/red_flags_doc.py          # rewrite the generated parts of the doc
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .named_facts import FACTS
from .rules import FlagRule, RuleFile, StackRule, load_rules

COMPARE_TEXT = {
    "below": "is below",
    "above": "is above",
    "at_least": "is at least",
    "at_most": "is at most",
}
_REGION = re.compile(
    r"(<!-- generated: (?P<name>[a-z]+) -->\n)(?:.*?\n)?(<!-- end generated: (?P=name) -->)", re.S
)


def _threshold(rule: FlagRule) -> str:
    t = rule.threshold
    value = t.value if isinstance(t.value, str) else f"{t.value:g}"
    return f"{value} {t.unit}"


def _summary_row(flag_id: str, rule: FlagRule) -> str:
    s, f = rule.severity, rule.fixability
    cells = [
        f"`{flag_id}`",
        rule.category,
        rule.fires_when,
        _threshold(rule),
        rule.threshold.basis,
        f"{s.base:g} / {s.per_unit:g} / {s.max:g}",
        f"{f.value} ({f.basis})",
    ]
    return "| " + " | ".join(cells) + " |"


def _detector_line(rule: FlagRule) -> str:
    if rule.detect is None:
        return "- **Detector:** hand-written (`audit/detectors.py`)."
    d = rule.detect
    return (
        f"- **Detector:** declared: fires when `{d.fact}` {COMPARE_TEXT[d.compare]} the "
        "threshold; units = the distance from it."
    )


def _flag_section(flag_id: str, rule: FlagRule, labels: dict[str, str]) -> str:
    t = rule.threshold
    lines = [
        f"### `{flag_id}`",
        "",
        f"- **Fires when:** {rule.fires_when}.",
        f"- **Threshold:** {_threshold(rule)}; basis **{t.basis}**; source: {t.source}.",
    ]
    if t.fallback is not None:
        lines.append(f"- **Fallback:** {t.fallback:g} ({t.fallback_basis}: {t.fallback_source}).")
    if t.by_specialty:
        own = ", ".join(f"{s} {v:g}" for s, v in sorted(t.by_specialty.items()))
        lines.append(f"- **Thresholds per specialty:** {own}.")
    lines += [
        _detector_line(rule),
        f"- **What the program director fears:** {rule.pd_fears}",
        f"- **Where to address it:** {', '.join(labels[w] for w in rule.where_to_address)}.",
        f"- **Counter-evidence:** {'; '.join(rule.counter_evidence)}.",
        "- **Interview questions:** " + " ".join(f'"{q}"' for q in rule.interview_questions),
    ]
    if rule.warning_phrases:
        phrases = ", ".join(f'"{p}"' for p in rule.warning_phrases)
        lines.append(f"- **Warning phrases in letter texts:** {phrases}.")
    return "\n".join(lines)


def render_flags(rules: RuleFile) -> str:
    """The summary table and one section per flag."""
    header = [
        "## Summary",
        "",
        "| id | category | fires when | threshold | basis "
        "| severity (base / per unit / max) | fixability |",
        "|---|---|---|---|---|---|---|",
    ]
    rows = [_summary_row(i, r) for i, r in rules.flags.items()]
    sections = [_flag_section(i, r, rules.where_labels) for i, r in rules.flags.items()]
    return "\n".join([*header, *rows, "", "## Each flag", "", "\n\n".join(sections)])


def _stack_row(stack: StackRule) -> str:
    when = ", ".join(stack.all)
    when += "".join(f"; {key} in {list(values)}" for key, values in stack.profile.items())
    cells = [
        f"`{stack.id}`",
        when,
        f"{stack.add:+d}",
        ", ".join(stack.add_to),
        stack.cap or "-",
        stack.basis,
        stack.reason,
    ]
    return "| " + " | ".join(cells) + " |"


def render_stacking(rules: RuleFile) -> str:
    header = [
        "| rule | when all fire | adds | to | label cap | basis | why |",
        "|---|---|---|---|---|---|---|",
    ]
    return "\n".join([*header, *(_stack_row(s) for s in rules.stacking)])


def render_facts(rules: RuleFile) -> str:
    """The named facts a declared rule (or its evidence) can read, and who reads them."""
    readers: dict[str, list[str]] = {}
    for flag_id, rule in rules.flags.items():
        if rule.detect is not None:
            readers.setdefault(rule.detect.fact, []).append(f"`{flag_id}`")
    rows = [
        f"| `{name}` | {fact.description.replace('``', '`')} "
        f"| {', '.join(readers.get(name, [])) or '-'} |"
        for name, fact in sorted(FACTS.items())
    ]
    return "\n".join(["| fact | what it is | compared by |", "|---|---|---|", *rows])


RENDERERS: dict[str, Callable[[RuleFile], str]] = {
    "flags": render_flags,
    "stacking": render_stacking,
    "facts": render_facts,
}


def regenerate(doc: str, rules: RuleFile | None = None) -> str:
    """``doc`` with every generated region rendered afresh from the rule file."""
    rules = rules or load_rules()

    def fill(match: re.Match[str]) -> str:
        return match.group(1) + RENDERERS[match.group("name")](rules) + "\n" + match.group(3)

    return _REGION.sub(fill, doc)
