"""Regression tests for inputs that used to hang, crash or be misread (issue 18)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLEAN = ROOT / "examples" / "clean.yaml"
MINIMAL = (
    "medical_school: {country: US, graduation: 2024-05}, targets: {primary: internal-medicine}"
)


def _error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_review_of_a_pipe_is_refused_at_once(cli, tmp_path):
    fifo = tmp_path / "answer.txt"
    os.mkfifo(fifo)
    # Without the check, reading would block until a writer comes: this one comes after 2 s
    # and writes nothing, so a regression fails (as "empty") instead of hanging the suite.
    writer = threading.Timer(2.0, lambda: open(fifo, "wb").close())  # noqa: SIM115
    writer.start()
    result = cli("review", fifo, "--kind", "letter")
    if writer.is_alive():
        writer.cancel()
    else:
        writer.join()
    assert result.exit_code == 2
    lines = _error_lines(result)
    assert lines[0] == "Error: answer.txt: not a regular file (a pipe or a device)"
    assert lines[1].startswith("Hint: ") and len(lines) == 2


def test_a_nul_in_a_letter_path_is_an_input_error(cli, tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(
        '{"citizenship": "us", "medical_school": {"country": "US", "graduation": "2024-05"},'
        ' "targets": {"primary": "internal-medicine"},'
        ' "letters": [{"strength": "strong", "text_file": "a\\u0000b"}]}'
    )
    result = cli("audit", profile)
    assert result.exit_code == 2
    assert _error_lines(result)[0] == (
        "Error: letters[0].text_file: text_file contains a NUL character"
    )


def test_flow_style_yaml_is_read_as_yaml(cli, tmp_path):
    profile = tmp_path / "flow.yaml"
    profile.write_text("{season: 2028, citizenship: us, " + MINIMAL + "}")
    result = cli("audit", profile, "--json")
    assert result.exit_code == 0, result.stdout
    assert '"specialty": "internal-medicine"' in result.stdout


def test_broken_json_is_still_said_to_be_json(cli, tmp_path):
    profile = tmp_path / "broken.json"
    profile.write_text('{"season": 2028,, }')
    result = cli("audit", profile)
    assert result.exit_code == 2
    assert _error_lines(result)[0] == "Error: profile: not valid JSON at line 1, column 17"


def test_a_budget_over_the_limit_is_shown_as_typed(cli):
    result = cli("plan", CLEAN, "--budget-usd", "1000001")
    assert result.exit_code == 2
    assert _error_lines(result)[0] == (
        "Error: budget_usd: the budget must be at most 1,000,000 USD, got 1,000,001"
    )


def test_a_locked_database_is_said_to_be_locked_not_a_bug(cli, tmp_path, smartpick_home):
    """A second process holding the database (an import running beside this one): exit 1
    with the environment's problem in words, and the catalog unchanged."""
    import sqlite3

    assert cli("programs", "show", "1203140C0", "--json").exit_code == 0  # the catalog built
    source = tmp_path / "research.csv"
    source.write_text("code,visa_policy,source\n1203140C0,j1,my research\n")
    holder = sqlite3.connect(smartpick_home / "smartpick.db", timeout=0.1)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = cli("programs", "import", source)
    finally:
        holder.rollback()
        holder.close()
    assert result.exit_code == 1
    assert _error_lines(result)[0] == (
        "Error: cannot use smartpick's data folder or database: the database is locked by "
        "another smartpick process"
    )
    shown = cli("programs", "show", "1203140C0", "--json").stdout
    assert "my research" not in shown


def test_the_local_database_is_readable_by_its_owner_only(cli, smartpick_home):
    assert cli("programs", "show", "1203140C0", "--json").exit_code == 0
    assert (smartpick_home / "smartpick.db").stat().st_mode & 0o777 == 0o600


def test_a_report_to_a_missing_folder_is_refused_before_building(cli, tmp_path):
    result = cli("report", CLEAN, "-o", tmp_path / "missing" / "r.html")
    assert result.exit_code == 2
    assert _error_lines(result)[0] == (
        "Error: output: cannot write 'r.html': its folder does not exist"
    )
    assert not (tmp_path / "missing").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["serve", "--port", "70000"], "Error: port: invalid value for --port"),
        (["serve", "--host", "999.1.1.1"], "Error: host: --host must be an IP address"),
        (["serve", "--workers", "0"], "Error: workers: invalid value for --workers"),
        (["simulate", "--workers", "0"], "Error: workers: invalid value for --workers"),
    ],
)
def test_server_and_simulation_options_are_checked(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert _error_lines(result)[0].startswith(message)


@pytest.mark.parametrize("entries", [25_000, 13_000])
def test_a_profile_of_many_tiny_entries_is_refused_with_one_line(cli, tmp_path, entries):
    """Under 1 MB, yet more values than any profile holds: refused before or while parsing
    (bounded work), never read for seconds and then validated."""
    head = "citizenship: us\n" + MINIMAL.replace(", targets", "\ntargets") + "\nexperiences:\n"
    path = tmp_path / "many.yaml"
    path.write_text(head + "  - {kind: other, start: 2024-06}\n" * entries)
    result = cli("audit", path)
    assert result.exit_code == 2
    assert _error_lines(result)[0] == (
        "Error: profile: the document has more entries than a profile can hold (over 20,000 values)"
    )
