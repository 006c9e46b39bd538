"""``smartpick audit``: output contract, exit codes, exact Error/Hint lines, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

GOOD = (EXAMPLES / "clean.yaml").read_text()


def test_json_output_is_only_json(cli):
    result = cli("audit", EXAMPLES / "stacked-red-flags.yaml", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    first = data["red_flags"][0]
    for key in (
        "id",
        "category",
        "severity",
        "evidence",
        "where_to_address",
        "interview_questions",
    ):
        assert key in first
    assert data["committee"]["label"] == "do-not-rank"
    assert data["committee"]["reasons"]
    assert "Main Match" in data["covers"]


def test_rich_rendering_shows_flags_committee_and_sources(cli):
    result = cli("audit", EXAMPLES / "stacked-red-flags.yaml")
    assert result.exit_code == 0
    for part in (
        "old-graduate",
        "Committee view (anesthesiology)",
        "do-not-rank",
        "Main Match",
        "Charting Outcomes",
    ):
        assert part in result.stdout


def test_specialty_option(cli):
    result = cli(
        "audit",
        EXAMPLES / "ir-h1b-reapplicant.yaml",
        "--specialty",
        "diagnostic-radiology",
        "--json",
    )
    data = json.loads(result.stdout)
    assert data["specialty"] == "diagnostic-radiology"
    assert "low-step2ck" not in {f["id"] for f in data["red_flags"]}  # 251 >= DR q1 243


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    return path


CASES = [
    (
        "unknown key",
        GOOD.replace("ecfmg_certified:", "ecfmg_certifed:"),
        "Error: ecfmg_certifed: unknown key 'ecfmg_certifed'",
        "Hint: did you mean 'ecfmg_certified'?",
    ),
    (
        "score range",
        GOOD.replace("score: 258", "score: 358"),
        "Error: exams[1].score: score must be between 1 and 300",
        "Hint: USMLE Step scores are three-digit numbers up to 300, e.g. 232",
    ),
    (
        "wrong type",
        GOOD.replace("score: 258", "score: high"),
        "Error: exams[1].score: Input should be a valid integer, unable to parse string as an "
        "integer",
        "Hint: write a whole number, e.g. 232",
    ),
    (
        "date format",
        GOOD.replace("date: 2024-06", "date: June 2024"),
        "Error: exams[1].date: not a date in the form YYYY-MM",
        "Hint: write dates as year-month, e.g. 2019-06 (quote it in JSON)",
    ),
    (
        "unknown specialty",
        GOOD.replace("primary: anesthesiology", "primary: anesthesia"),
        "Error: targets.primary: unknown specialty id 'anesthesia'",
        "Hint: did you mean 'anesthesiology'? list the ids with: smartpick programs specialties",
    ),
    (
        "malformed",
        "season: [2028\n",
        "Error: profile: not valid YAML at line 2, column 1",
        "Hint: check indentation, colons and quotes there; see examples/clean.yaml",
    ),
    (
        "end before start",
        GOOD.replace("end: 2024-12", "end: 2024-01"),
        "Error: experiences[0].end: end is before start",
        "Hint: check both dates (YYYY-MM)",
    ),
]


@pytest.mark.parametrize("name, text, error, hint", CASES, ids=[c[0] for c in CASES])
def test_invalid_profile_gives_error_and_hint(cli, tmp_path, name, text, error, hint):
    result = cli("audit", _write(tmp_path, text))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [error, hint]
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("name, text, error, hint", CASES, ids=[c[0] for c in CASES])
def test_invalid_profile_json_error_object(cli, tmp_path, name, text, error, hint):
    result = cli("audit", _write(tmp_path, text), "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert set(data) == {"error"}
    assert set(data["error"]) == {"path", "message", "hint"}
    assert error.endswith(data["error"]["message"])
    assert hint == f"Hint: {data['error']['hint']}"


def test_file_over_1_mb(cli, tmp_path):
    result = cli("audit", _write(tmp_path, GOOD + "#" * 1_100_000))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: profile: file is 1.1 MB, over the 1 MB limit")


def test_missing_file(cli, tmp_path):
    result = cli("audit", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "Error: profile: file not found: nope.yaml"


def test_unknown_specialty_option(cli):
    result = cli("audit", EXAMPLES / "clean.yaml", "--specialty", "cardiology", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == "specialty"


def test_letter_outside_the_folder_is_refused(cli, tmp_path):
    text = GOOD.replace("letters/clean-okafor.txt", "../outside.txt")
    result = cli("audit", _write(tmp_path, text))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == (
        "Error: letters[0].text_file: text_file must be inside the profile's folder"
    )


def test_audit_path_imports_no_heavy_library():
    # the fast path: the label the chance model sets needs numpy and the catalog (issue 15)
    code = (
        "import sys\n"
        "from smartpick.cli import app\n"
        "try:\n"
        f"    app(['audit', {str(EXAMPLES / 'clean.yaml')!r}, '--no-chances', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ('numpy', 'scipy', 'sqlalchemy', 'matplotlib', 'spacy', 'dask')\n"
        "print(sorted(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


def test_the_audit_names_specialties_as_people_say_them(cli):
    """The heading, the evidence lines, the committee view and the other targets."""
    text = " ".join(cli("audit", EXAMPLES / "dismissed-gap.yaml").stdout.split())
    assert "Red-flag audit for internal medicine, 2028 Main Match" in text
    assert "Committee view (internal medicine)" in text
    assert "P(match) in internal medicine" in text
    assert "Also targeted: preliminary surgery:" in text
    for raw in ("internal-medicine", "general-surgery", "surgery-preliminary"):
        assert raw not in text, raw
