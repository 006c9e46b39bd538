"""Rich output of ``smartpick audit`` and ``smartpick chances`` in real terminal widths.

The console is given the width a terminal of ``COLUMNS`` columns would give it. Found in
the QA pass: ids broken mid-word in the audit table, "1 strong US letters", and a
chances table that repeated the same long reason on every row.
"""

from __future__ import annotations

import re

import pytest

from cli_output import json_output as _json
from cli_output import output_at_width as _run
from conftest import EXAMPLES

STACKED = EXAMPLES / "stacked-red-flags.yaml"
CLEAN = EXAMPLES / "clean.yaml"


@pytest.fixture(scope="module")
def stacked_chances() -> dict:
    return _json("chances", str(STACKED))


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_audit_table_keeps_flag_ids_whole_and_fits(columns):
    out = _run(columns, "audit", str(STACKED))
    table_lines = [line for line in out.splitlines() if line[:1] in "┏┃┡│├└"]
    assert table_lines and all(len(line) <= columns for line in table_lines)
    first_cells = {line.split("│")[1].strip() for line in table_lines if line.startswith("│")}
    for flag in _json("audit", str(STACKED))["red_flags"]:
        assert flag["id"] in first_cells  # on one line, never 'stale-clinical-activ|ity'


def test_audit_evidence_counts_agree_with_their_nouns():
    out = _run(160, "audit", str(STACKED))
    assert "1 strong US letter (fewer than 2)" in out
    assert not re.search(r"\b1 [a-zA-Z -]*(letters|months|attempts|applications)\b", out)


def test_audit_headline_gives_count_severity_and_label():
    first = _run(160, "audit", str(STACKED)).splitlines()[0]
    assert first == (
        "Red-flag audit for anesthesiology, 2028 Main Match: 13 red flags, "
        "overall severity 100/100, committee label do-not-rank (0% P(match))"
    )


ACADEMIC = EXAMPLES / "academic-history.yaml"


def test_audit_headline_gives_the_chance_the_label_follows():
    """A heavy severity beside a "strong" label read as a contradiction: the headline names
    the P(match) the label follows, the same figure the committee box gives."""
    out = _run(200, "audit", str(ACADEMIC))
    headline = out.splitlines()[0]
    label = _json("audit", str(ACADEMIC))["committee"]["label"]
    found = re.search(r"committee label (\S+) \(([\d.<>]+%) P\(match\)\)$", headline)
    assert found, headline
    assert found.group(1) == label
    assert f"the chance model gives {found.group(2)} P(match)" in out


def _program_rows(out: str) -> list[str]:
    """The table's first line of each program (a wrapped institution name adds lines)."""
    return [line for line in out.splitlines() if re.match(r"\d{7}[A-Z]\d ", line)]


@pytest.mark.parametrize("columns", [80, 100, 160])
def test_chances_table_is_one_row_per_program(columns, stacked_chances):
    out = _run(columns, "chances", str(STACKED))
    assert len(_program_rows(out)) == 25  # the reason is not repeated in the table
    assert all(len(line) <= columns for line in out.splitlines())
    reason = stacked_chances["programs"][0]["reason"]
    assert " ".join(out.split()).count(reason) == 1  # said once, below the table (wrapped)


def test_chances_rows_are_best_chance_first():
    data = _json("chances", str(CLEAN))
    out = _run(160, "chances", str(CLEAN))
    shown = [line.split()[0] for line in _program_rows(out)]
    by_chance = sorted(data["programs"], key=lambda p: (-p["p_success"], p["code"]))
    assert [p["p_success"] for p in by_chance[:25]] == [
        next(p["p_success"] for p in data["programs"] if p["code"] == code) for code in shown
    ]


def test_chances_legend_groups_reasons_with_counts():
    out = _run(160, "chances", str(CLEAN))
    legend = [line for line in out.splitlines() if re.match(r"^[A-Z] \(\d+ of 224 tracks\)", line)]
    assert len(legend) == 2  # interview rate published / specialty mean used as prior
    assert sum(int(re.search(r"\((\d+) of", line).group(1)) for line in legend) == 224


def test_chances_headline_for_preliminary_years_is_not_p_match_zero():
    out = _run(160, "chances", str(CLEAN), "--specialty", "transitional-year")
    assert out.splitlines()[1].startswith("P(a preliminary or transitional year) ")
    assert "P(match) 0%" not in out


def test_chances_headline_states_the_scope():
    """The scope counts programs (ERAS listings: a program's tracks of one kind share one
    interview), not the 224 tracks listed, which it names beside them."""
    tracks = _json("chances", str(CLEAN))["programs"]
    kinds = {"C": "main", "M": "main", "R": "main"}
    programs = {(t["code"][:7], kinds.get(t["track"], t["track"])) for t in tracks}
    assert len(tracks) == 224 and len(programs) < 224
    line = " ".join(_run(160, "chances", str(CLEAN)).splitlines()[1:3])
    assert line.startswith("P(match) ")
    assert f"applying to all {len(programs)} programs (224 tracks below)" in line


def test_assumed_attempts_policy_names_the_share_that_applies():
    data = _json("chances", str(EXAMPLES / "step2ck-three-attempts.yaml"))
    assumed = {a for p in data["programs"] for a in p["assumed"] if "limit on exam attempts" in a}
    assert assumed == {"limit on exam attempts: 75% of programs screen out 3 failures (assumed)"}


def test_chances_headline_for_one_program_reads_naturally():
    line = _run(160, "chances", str(CLEAN), "--programs", "1007040C0").splitlines()[1]
    assert "applying to the 1 program below" in line


def test_profile_text_with_markup_brackets_is_shown_as_typed(cli, tmp_path):
    # a country such as '[/bold] India' used to crash the committee box with a traceback
    text = (EXAMPLES / "stacked-red-flags.yaml").read_text()
    text = text.replace("  country: India\n", '  country: "[/bold] In[red]dia"\n')
    path = tmp_path / "profile.yaml"
    path.write_text(text)
    for command in ("audit", "chances"):
        result = cli(command, path)
        assert result.exit_code == 0, result.stderr
    assert "[/bold] In[red]dia (non-us)" in cli("audit", path).stdout


def test_a_failure_while_rendering_is_an_internal_error_not_a_traceback(capsys):
    import typer

    from smartpick.cli.common import run

    def render(result: object) -> None:
        raise ValueError("rendering bug")

    with pytest.raises(typer.Exit) as exit_info:
        run(lambda: 1, render, json_output=False)
    assert exit_info.value.exit_code == 1
    assert capsys.readouterr().err.startswith("Error: internal failure (ValueError)")


def test_no_visa_prior_is_listed_as_assumed_when_the_h1b_barrier_decides():
    data = _json("chances", str(STACKED))  # H-1B needed, Step 3 not passed
    assert not any("visa sponsorship" in a for p in data["programs"] for a in p["assumed"])
