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
    assert lines[0] == "Error: answer.txt: answer.txt is not a regular file (a pipe or a device)"
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
