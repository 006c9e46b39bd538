"""What a user reads names publications and plain terms, never our files or internal ids.

Every example profile goes through every reader-facing output: the CLI's text and
``--json`` (audit, chances, interview, outline, review, season, plan, whatif), the web
pages and the HTML report. Each is searched for the marks of a leak (``LEAKS``).

The rule for JSON: keys and one-word values are the API (ids, enums, codes, dates)
and stay as they are; a string value with a space in it is prose meant for reading
(notes, sources, reasons, thresholds, hints) and is checked like the text output.
Text output and web pages are checked whole (HTML with its tags, hence its attributes
such as ``href``, removed).
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartpick.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LETTERS = sorted((ROOT / "examples" / "letters").glob("*.txt"))
SEASON_PROFILE = ROOT / "examples" / "season" / "profile.yaml"
SEASON_FILES = sorted(
    p for p in (ROOT / "examples" / "season").glob("*.yaml") if p != SEASON_PROFILE
)

# A leak: a file name, one of our documents, a code path, or a snake_case name.
LEAKS = {
    "data file": re.compile(r"\b[\w*-]+\.(?:csv|ya?ml|json|py)\b"),
    "source folder": re.compile(r"\bsources/"),
    "our documents": re.compile(r"design\.md|domain brief|docs/[\w-]+\.md|SOURCES\.md", re.I),
    "API route": re.compile(r"\b(?:POST|GET) /api/|JSON twin"),
    "internal name": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "matcher detail": re.compile(r"fuzzy-name|token_set_ratio|first four characters"),
}


def leaks(text: str) -> list[str]:
    """Each leak in ``text``, as 'kind: ...context...'."""
    found = []
    for kind, pattern in LEAKS.items():
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 40), match.end() + 40
            found.append(f"{kind}: {' '.join(text[start:end].split())}")
    return sorted(set(found))


def prose(value: object) -> list[str]:
    """The string values of a JSON document meant for reading (those with a space)."""
    if isinstance(value, dict):
        return [s for v in value.values() for s in prose(v)]
    if isinstance(value, list):
        return [s for v in value for s in prose(v)]
    return [value] if isinstance(value, str) and re.search(r"\s", value.strip()) else []


def page_text(page: str) -> str:
    """The words of an HTML page as a reader sees them (no tags, no script or style)."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


SERVICES = {
    "audit": ["audit_profile"],
    "chances": ["chances_for_profile"],
    "plan": ["plan_for_profile", "whatif_for_profile"],
    "texts": ["interview_prep", "outline_for", "review_file"],
    "season": ["season_for_profile"],
}


@pytest.fixture(scope="module", autouse=True)
def each_result_once():
    """Text and ``--json``, the pages and the report of one profile read one result: each
    service call is made once per distinct arguments in this module (the outputs differ
    only in rendering, which is what is checked here)."""
    import importlib
    import inspect

    import smartpick.service as package
    import smartpick.web.plans as plan_pages
    from smartpick.profile import load_profile

    memo: dict[str, object] = {}

    def once(name, function):
        signature = inspect.signature(function)

        def call(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            given = bound.arguments
            for field in ("profile", "profile_or_path"):  # the CLI's file: the profile it holds
                if isinstance(given.get(field), Path):
                    given[field] = load_profile(given[field])
            key = f"{name}{sorted(given.items())!r}"
            if key not in memo:
                memo[key] = function(**given)
            return memo[key]

        return call

    with pytest.MonkeyPatch.context() as patch:
        for area, names in SERVICES.items():
            module = importlib.import_module(f"smartpick.service.{area}")
            for name in names:
                shared = once(name, getattr(module, name))
                patch.setattr(module, name, shared)
                patch.setattr(package, name, shared)
        plots: dict[int, str] = {}  # the plot of each (shared) plan object, drawn once
        draw = plan_pages.plan_curve_png
        patch.setattr(
            plan_pages,
            "plan_curve_png",
            lambda plan: plots.get(id(plan)) or plots.setdefault(id(plan), draw(plan)),
        )
        yield


@cache
def cli_text(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    assert result.exit_code in (0, 1), result.output
    return result.stdout + result.stderr


def cli_leaks(*args: str) -> list[str]:
    """Leaks in a command's text output and in the prose of its ``--json``."""
    document = json.loads(cli_text(*args, "--json"))
    return leaks(cli_text(*args)) + leaks("\n".join(prose(document)))


def flag_ids(example: Path) -> list[str]:
    return [f["id"] for f in json.loads(cli_text("audit", str(example), "--json"))["red_flags"]]


def test_the_check_catches_the_old_strings():
    old = [
        "Source: Practitioner rules of thumb (smartpick domain brief, docs/red-flags.md)",
        "AAIM 2016 (IMG 77) (sources/eras_application_volume.csv)",
        "rules_and_dates.csv: H-1B for residency requires USMLE Steps 1, 2 and 3",
        "practitioner: design.md default",
        "JSON twin: POST /api/chances",
        "published rate_non_us_img of the specialty",
        "(fuzzy-name:token_set_ratio)",
        "joined on the first four characters of the NRMP code",
    ]
    assert all(leaks(text) for text in old), [t for t in old if not leaks(t)]
    assert leaks("\n".join(prose({"source": "rules_and_dates.csv: H-1B needs Step 3"})))
    assert not prose({"id": "step_failure", "specialty": "internal-medicine", "n": 3})
    assert not leaks("AAMC ERAS fee schedule, 2025 season; P(match) 12.5%; Step 2 CK 232")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["audit", "chances", "interview"])
def test_profile_commands_are_plain(command, example):
    assert cli_leaks(command, str(example)) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_outlines_are_plain(example):
    found = [
        leak
        for flag in flag_ids(example)
        for leak in cli_leaks("outline", str(example), "--flag", flag)
    ]
    assert found == []


@pytest.mark.parametrize("letter", LETTERS, ids=lambda p: p.stem)
def test_reviews_are_plain(letter):
    profile = ROOT / "examples" / "clean.yaml"
    assert cli_leaks("review", str(letter), "--kind", "letter", "--profile", str(profile)) == []


@pytest.mark.parametrize("season", SEASON_FILES, ids=lambda p: p.stem)
def test_season_is_plain(season):
    assert cli_leaks("season", str(SEASON_PROFILE), str(season)) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", ["plan", "whatif"])
def test_plan_and_whatif_are_plain(command, example):
    assert cli_leaks(command, str(example)) == []


@pytest.fixture
def web(tmp_path):
    from fastapi.testclient import TestClient

    from smartpick.web import create_app

    database = tmp_path / "web.db"
    with TestClient(create_app(database_url=f"sqlite:///{database}", multi_user=False)) as client:
        yield client


def upload(client, example: Path) -> int:
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text)
    assert token
    response = client.post(
        "/profile/upload",
        data={"csrf_token": token.group(1)},
        files={"file": (example.name, example.read_bytes())},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return int(re.search(r"/profiles/(\d+)/", response.headers["location"]).group(1))


def web_leaks(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return leaks(page_text(response.text))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_web_pages_are_plain(web, example):
    pid = upload(web, example)
    pages = ["/", "/profiles", "/review", f"/profiles/{pid}", f"/profiles/{pid}/audit"]
    pages += [f"/profiles/{pid}/{name}" for name in ("chances", "interview", "season")]
    assert [leak for path in pages for leak in web_leaks(web, path)] == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_web_plan_and_whatif_are_plain(web, example):
    pid = upload(web, example)
    found = [
        leak for name in ("plan", "whatif") for leak in web_leaks(web, f"/profiles/{pid}/{name}")
    ]
    assert found == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_report_is_plain(web, example):
    pid = upload(web, example)
    report = web.get(f"/profiles/{pid}/report.html").text
    assert '<section class="glossary" id="glossary">' in report  # the words, explained
    assert '<section class="plan" id="plan">' in report  # the plan's section is checked too
    assert leaks(page_text(report)) == []
