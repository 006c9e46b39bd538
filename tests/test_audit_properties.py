"""Hypothesis: random and mutated profiles end as a valid audit or a clean input error."""

from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from smartpick.audit import Audit, audit
from smartpick.cli import app
from smartpick.errors import InputError
from smartpick.profile import parse_profile

SEEDS = [yaml.safe_load(p.read_text()) for p in sorted(EXAMPLES.glob("*.yaml"))]
KEYS = [
    "season",
    "exam",
    "score",
    "date",
    "start",
    "end",
    "kind",
    "visa",
    "strength",
    "specialty",
    "graduation",
    "typo",
    "text_file",
    "result",
    "matched",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 100_000),
    st.floats(allow_nan=True),
    st.text(max_size=12),
    st.sampled_from(
        ["2019-06", "2030-01", "2022-02", "1899-01", "anesthesiology", "fail", "pass", "h1b", "US"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, child in node.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for i, child in enumerate(node):
            yield from _paths(child, (*prefix, i))


@st.composite
def mutated_profiles(draw):
    data = json.loads(json.dumps(draw(st.sampled_from(SEEDS)), default=str))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        path = draw(st.sampled_from(paths))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete":
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(KEYS))] = draw(values)
        else:
            parent[path[-1]] = draw(values)
    return data


def _outcome(text: str) -> object:
    try:
        return audit(parse_profile(text))
    except InputError as exc:
        assert exc.exit_status == 2 and exc.message
        assert exc.hint  # every input error tells how to fix it (a Hint: line)
        return exc


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_profiles())
def test_mutated_profiles_give_an_audit_or_a_clean_error(data):
    result = _outcome(yaml.safe_dump(data))
    if isinstance(result, Audit):
        assert all(0 <= f.severity <= 100 for f in result.red_flags)
        assert result.committee.label in {"strong", "borderline", "do-not-rank"}


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=200), values.map(yaml.safe_dump), values.map(json.dumps)))
def test_random_documents_give_an_audit_or_a_clean_error(text):
    _outcome(text)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated_profiles())
def test_cli_exit_is_0_or_2_without_traceback(tmp_path, data):
    path = tmp_path / "p.yaml"
    path.write_text(yaml.safe_dump(data))
    result = CliRunner().invoke(app, ["audit", str(path), "--json"])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output
    parsed = json.loads(result.stdout)
    assert ("error" in parsed) == (result.exit_code == 2)


CHANCE_CODES = ("1007140C0", "1007040C0", "1014999P0")  # IM categorical, anesthesiology, TY


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_profiles())
def test_mutated_profiles_give_chances_or_a_clean_error(data):
    from smartpick.service.chances import chances_for_profile

    try:
        result = chances_for_profile(parse_profile(yaml.safe_dump(data)), None, CHANCE_CODES)
    except InputError as exc:
        assert exc.exit_status == 2 and exc.message and exc.hint
        return
    for p in result.programs:
        for value in (p.p_pass_filters, p.p_interview, p.p_match_if_ranked_first, p.p_success):
            assert 0 <= value <= 1
    assert 0 <= result.p_match_low <= result.p_match + 1e-9
    assert result.p_match <= result.p_match_high + 1e-9 <= 1 + 1e-9
