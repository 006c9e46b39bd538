"""The manual: docs/*.md read offline from the installed package (``smartpick docs``, /docs),
and every hint that sends the reader to a page names one that exists."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cli_output import output_at_width
from smartpick.cli import app
from smartpick.service import manual_html, manual_page, manual_pages
from smartpick.service.manual import ManualPage
from smartpick.web import create_app

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted((ROOT / "docs").glob("*.md"))


def test_the_package_reads_the_repository_docs_and_a_wheel_carries_them():
    shipped = resources.files("smartpick") / "docs"
    assert sorted(e.name for e in shipped.iterdir() if e.name.endswith(".md")) == [
        p.name for p in DOCS
    ]
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "docs/*.md" in package_data["package-data"]["smartpick"]


def test_the_list_names_every_page_with_its_first_heading():
    out = output_at_width(120, "docs")
    for path in DOCS:
        title = next(line[2:] for line in path.read_text().splitlines() if line.startswith("# "))
        assert re.search(rf"^{re.escape(path.stem)}\s+{re.escape(title)}$", out, re.M), path.stem


def test_a_page_prints_whole_as_text():
    out = output_at_width(120, "docs", "profile")
    assert "Profile format v1" in out and "citizenship" in out and "previous_cycles[]" in out
    assert "|---|" not in out, "the table is rendered, not printed as Markdown source"


@pytest.mark.parametrize("topic", ["nothing", "../README", "profile/../../README", ""])
def test_an_unknown_page_is_one_line_naming_the_pages_exit_2(topic: str):
    result = CliRunner().invoke(app, ["docs", topic])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    error = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(error) == 1 and "no manual page" in error[0]
    assert "profile" in result.stderr and "plan" in result.stderr  # the hint lists the pages


def _hinted_topics() -> set[str]:
    said = set()
    for path in (ROOT / "src" / "smartpick").rglob("*.py"):
        said |= set(re.findall(r"smartpick docs ([a-z-]+)", path.read_text()))
    return said


def test_every_page_a_hint_names_exists():
    topics = _hinted_topics()
    assert {"profile", "season"} <= topics
    for topic in topics:
        assert manual_page(topic).text


def test_a_profile_error_hint_names_the_command_not_a_source_file(tmp_path: Path):
    bad = tmp_path / "p.yaml"
    bad.write_text("season: 2027\n")
    result = CliRunner().invoke(app, ["audit", str(bad)])
    assert result.exit_code == 2
    assert "smartpick docs profile" in result.stderr and "docs/" not in result.stderr


def test_the_web_app_serves_the_pages_and_a_missing_one_is_404(tmp_path: Path):
    web = create_app(database_url=f"sqlite:///{tmp_path / 'web.db'}", multi_user=False)
    with TestClient(web) as client:
        index = client.get("/docs")
        assert index.status_code == 200
        assert all(f'href="/docs/{p.stem}"' in index.text for p in DOCS)
        profile = client.get("/docs/profile")
        assert profile.status_code == 200
        assert "<table>" in profile.text and "<code>citizenship</code>" in profile.text
        assert client.get("/docs/plan.md").status_code == 200  # links between pages
        assert client.get("/docs/nothing").status_code == 404
        assert 'href="/docs"' in client.get("/glossary").text  # the menu links to it


def test_raw_html_in_a_page_is_shown_as_text():
    html = manual_html(ManualPage("x", "x", "# T\n\n<script>alert(1)</script>\n"))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_the_list_is_every_page():
    assert [p.topic for p in manual_pages()] == [p.stem for p in DOCS]


def test_without_the_package_link_a_source_tree_reads_its_own_docs(monkeypatch, tmp_path: Path):
    """A checkout without symbolic links has a text file where the link is: the pages are
    read from the repository's docs/ beside the source; with neither, one clear error."""
    from smartpick.errors import DataFileError
    from smartpick.service import manual

    no_link = tmp_path / "package"
    (no_link / "docs").parent.mkdir()
    (no_link / "docs").write_text("../../docs")  # what git writes without symlink support
    monkeypatch.setattr(manual.resources, "files", lambda _name: no_link)
    assert manual.manual_page("profile").title == "Profile format v1"
    monkeypatch.setattr(manual, "SOURCE_DOCS", tmp_path / "nowhere")
    with pytest.raises(DataFileError, match="not installed"):
        manual.manual_pages()
