"""Documentation covers every red-flag id and every registered command."""

from __future__ import annotations

import re

import pytest
import typer

from conftest import ROOT
from smartpick.audit import flag_ids
from smartpick.cli import app
from smartpick.profile import Profile

RED_FLAGS_DOC = (ROOT / "docs" / "red-flags.md").read_text()


def _commands() -> list[str]:
    root = typer.main.get_command(app)
    return sorted(getattr(root, "commands", {}))


@pytest.mark.parametrize("flag_id", flag_ids())
def test_every_red_flag_is_documented(flag_id):
    assert re.search(rf"^### `{re.escape(flag_id)}`$", RED_FLAGS_DOC, re.M)
    assert f"| `{flag_id}` |" in RED_FLAGS_DOC


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command):
    docs = (ROOT / "README.md").read_text()
    cli_doc = ROOT / "docs" / "cli.md"
    if cli_doc.exists():
        docs += cli_doc.read_text()
    assert f"smartpick {command}" in docs


def test_red_flag_ids_match_the_design_table():
    summary = RED_FLAGS_DOC.split("## Each flag")[0]
    ids = re.findall(r"^\| `([a-z0-9-]+)` \|", summary, re.M)
    assert set(ids) == set(flag_ids())


@pytest.mark.parametrize("field", sorted(Profile.model_fields))
def test_every_profile_field_is_documented(field):
    assert f"`{field}" in (ROOT / "docs" / "profile.md").read_text()


def test_ci_runs_exactly_the_readme_test_command():
    readme = (ROOT / "README.md").read_text()
    command = next(
        line.strip() for line in readme.splitlines() if line.strip().endswith("python -m pytest")
    )
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert command in ci_lines
    assert command.startswith("python3 -m venv .venv && . .venv/bin/activate && ")


def test_generated_parts_of_the_red_flag_doc_are_current():
    """docs/red-flags.md is rendered from data/red_flags.yaml: run scripts/red_flags_doc.py."""
    from smartpick.audit.rulebook import regenerate

    assert "<!-- generated: flags -->" in RED_FLAGS_DOC
    assert regenerate(RED_FLAGS_DOC) == RED_FLAGS_DOC, "run: python scripts/red_flags_doc.py"
