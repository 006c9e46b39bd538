"""``plan`` for a season without an ERAS fee schedule (issue 15, item 7)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from smartpick.cli import app

PROFILE = """\
season: 2023
citizenship: non-us
visa: j1
medical_school: {country: India, graduation: 2019-06}
exams:
  - {exam: step1, result: pass, date: 2019-05}
  - {exam: step2ck, score: 240, date: 2020-09}
targets: {primary: internal-medicine}
"""


def test_a_budget_in_programs_needs_no_fee_schedule(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(path), "--programs", "15", "--json"])
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    assert plan["season"] == 2023 and plan["totals"]["n_programs"] == 15
    assert plan["totals"]["cost"] is None
    assert all(p["fee_usd"] is None for p in plan["programs"])
    assert 0 < plan["totals"]["p_match"] < 1
    text = CliRunner().invoke(app, ["plan", str(path), "--programs", "15"])
    assert text.exit_code == 0 and "fees unknown" in text.stdout


def test_a_budget_in_usd_still_names_the_missing_fee_schedule(tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(path), "--budget-usd", "2000"])
    assert result.exit_code == 2
    assert "no ERAS fee schedule for season 2023" in result.output
    assert "Traceback" not in result.output
