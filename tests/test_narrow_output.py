"""At 80 columns or piped, names wrap and are never cut; one probability format everywhere."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cli_output import json_output, output_at_width
from conftest import EXAMPLES
from smartpick.cli import app
from smartpick.results import percent, points

CLEAN = str(EXAMPLES / "clean.yaml")
SEASON = EXAMPLES / "season"


def institution_cells(text: str) -> dict[str, str]:
    """Per program code, its institution cell read back from the table (wrapped lines joined)."""
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("program") and "institution" in line)
    start, end = header.index("institution"), header.index("track")
    cells: dict[str, list[str]] = {}
    code = None
    for line in lines[lines.index(header) + 2 :]:
        first = line[:9].strip()
        if not line.strip() or (first and not re.fullmatch(r"\w{9}", first)):
            break  # the table's end: a blank line or the footer
        code = first or code
        cells.setdefault(code, []).append(line[start:end].strip())
    return {c: " ".join(parts) for c, parts in cells.items()}


def same_words(a: str, b: str) -> bool:
    """Equal but for where a line broke (a folded word loses the break, a wrapped one not)."""
    return re.sub(r"\s+", "", a) == re.sub(r"\s+", "", b)


@pytest.mark.parametrize("columns", [80, 200])
def test_chances_table_wraps_institution_names_instead_of_cutting_them(columns):
    text = output_at_width(columns, "chances", CLEAN)
    names = {p["code"]: p["institution"] for p in json_output("chances", CLEAN)["programs"]}
    cells = institution_cells(text)
    assert "…" not in text and len(cells) == 25
    assert [c for c, cell in cells.items() if not same_words(cell, names[c])] == []
    assert max(len(line) for line in text.splitlines()) <= columns


def test_piped_output_is_not_cut():
    result = CliRunner().invoke(app, ["chances", CLEAN], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.stdout
    assert "Lahey Clinic" in " ".join(result.stdout.split())


@pytest.mark.parametrize(("search", "explained"), [("Mississippi", True), ("Birmingham", False)])
def test_program_search_wraps_names_and_explains_the_question_mark(search, explained):
    text = output_at_width(80, "programs", "search", "--text", search)
    assert "…" not in text
    assert bool(re.search(r"│ *\? *│", text)) is explained  # a city or state cell of '?'
    assert ("? = city or state not in the source." in text) is explained
    assert ("not in the source" in text) is explained  # the legend once, only when needed


def test_season_lists_full_institution_names():
    args = ("season", str(SEASON / "profile.yaml"), str(SEASON / "two-invites.yaml"))
    text = output_at_width(80, *args)
    assert "…" not in text


@pytest.mark.parametrize(
    ("probability", "shown"),
    [
        (0, "0%"),
        (0.0003, "<0.1%"),
        (0.004, "0.4%"),
        (0.01, "1.0%"),
        (0.012, "1.2%"),
        (0.0994, "9.9%"),
        (0.0996, "10%"),
        (0.123, "12%"),
        (0.996, ">99%"),
        (1.0, "100%"),
    ],
)
def test_one_probability_format(probability, shown):
    assert percent(probability) == shown


@pytest.mark.parametrize(
    ("delta", "shown"),
    [(0.0172, "+1.7 pts"), (0.0015, "+0.15 pts"), (-0.0015, "-0.15 pts"), (0, "+0.00 pts")],
)
def test_changes_of_a_probability_are_percentage_points(delta, shown):
    assert points(delta) == shown


def test_web_and_cli_show_a_chance_alike(tmp_path):
    from fastapi.testclient import TestClient

    from smartpick.web import create_app

    program = json_output("chances", CLEAN)["programs"][0]
    with TestClient(create_app(database_url=f"sqlite:///{tmp_path / 'w.db'}")) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
        made = client.post(
            "/profile/upload",
            data={"csrf_token": token},
            files={"file": ("clean.yaml", (EXAMPLES / "clean.yaml").read_bytes())},
            follow_redirects=False,
        )
        page = client.get(made.headers["location"].replace("/audit", "/chances")).text
    row = page.split(f"<strong>{program['code']}</strong>")[1].split("</tr>")[0]
    assert percent(program["p_success"]) in row and percent(program["p_interview"]) in row
