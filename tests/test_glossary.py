"""The glossary: one validated file, shown by the CLI, the web app and the report."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from smartpick.citations import Glossary, glossary

NEEDED = [
    "P(match)", "reach", "target", "likely", "signal", "assumed", "calibrated", "filters",
    "categorical track", "preliminary track", "advanced track", "percentage points",
    "unknown state", "unexplained gap", "80% range",
]  # fmt: skip


@pytest.mark.parametrize("term", NEEDED)
def test_the_words_users_read_are_explained(term):
    assert glossary().lookup(term) is not None


@pytest.mark.parametrize(
    ("doc", "error"),
    [
        ({"terms": [{"term": "a", "meaning": "x" * 20, "see": ["b"]}]}, "unknown terms"),
        ({"terms": [{"term": "a", "meaning": "x" * 20}] * 2}, "listed twice"),
        ({"terms": [{"term": "a", "meaning": "x" * 20, "typo": 1}]}, "Extra inputs"),
    ],
)
def test_a_bad_glossary_is_refused(doc, error):
    with pytest.raises(ValidationError, match=error):
        Glossary.model_validate(doc)


def test_cli_explains_one_term_by_alias(cli):
    result = cli("glossary", "pts")
    assert result.exit_code == 0
    assert result.stdout.startswith("percentage points (also: pts, points)")


def test_cli_unknown_term_is_bad_input(cli):
    result = cli("glossary", "quux")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: term: no glossary entry for 'quux'")


def test_web_glossary_is_linked_from_every_page_and_lists_every_term(tmp_path):
    from fastapi.testclient import TestClient

    from smartpick.web import create_app

    with TestClient(create_app(database_url=f"sqlite:///{tmp_path / 'w.db'}")) as client:
        assert 'href="/glossary"' in client.get("/").text
        page = client.get("/glossary").text
    listed = re.findall(r'<dt id="term-\d+">([^<]+?)(?: <span|</dt>)', page)
    assert [t.strip() for t in listed] == [t.term.replace("&", "&amp;") for t in glossary().terms]
