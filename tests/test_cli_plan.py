"""``smartpick plan`` and ``smartpick whatif`` through the real command line."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter

import pytest
import yaml

from conftest import EXAMPLES
from smartpick.planning.fees import application_cost, marginal_fees_usd

ANESTHESIOLOGY = EXAMPLES / "anesthesiology-nonus-img.yaml"
STACKED = EXAMPLES / "stacked-red-flags.yaml"


@pytest.fixture(scope="module")
def plan_3000():
    from typer.testing import CliRunner

    from smartpick.cli import app

    result = CliRunner().invoke(
        app, ["plan", str(ANESTHESIOLOGY), "--budget-usd", "3000", "--json"]
    )
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


def test_plan_cost_within_budget_by_the_fee_function(plan_3000):
    counts = Counter(p["specialty"] for p in plan_3000["programs"])
    by_fees = application_cost(plan_3000["season"], dict(counts))
    assert by_fees.total_usd <= 3000
    assert plan_3000["totals"]["cost"]["total_usd"] == by_fees.total_usd
    assert plan_3000["totals"]["n_programs"] == len(plan_3000["programs"]) > 0


def test_plan_reports_tiers_and_each_fee(plan_3000):
    cost = plan_3000["totals"]["cost"]
    assert all(s["tiers"] for s in cost["specialties"])
    for spec in cost["specialties"]:
        fees = [p["fee_usd"] for p in plan_3000["programs"] if p["specialty"] == spec["specialty"]]
        assert sorted(fees) == sorted(marginal_fees_usd(plan_3000["season"], len(fees)))
        assert sum(fees) == spec["fee_usd"]


def test_plan_totals_range_and_curve(plan_3000):
    t = plan_3000["totals"]
    assert 0 <= t["p_match_low"] <= t["p_match"] <= t["p_match_high"] <= 1
    assert t["expected_interviews"] > 0
    curve = plan_3000["curve"]
    assert curve[-1]["budget"] >= 3000
    values = [p["p_match"] for p in curve]
    assert values == sorted(values)  # never falls as the budget grows
    assert all(p["cost_usd"] <= p["budget"] for p in curve)
    assert plan_3000["marginal_unit"] == "per next 100 USD"
    assert "marginal_p_match" in plan_3000 and "saturation_budget" in plan_3000


def test_plan_categories_follow_p_interview(plan_3000):
    for p in plan_3000["programs"]:
        expected = (
            "reach"
            if p["p_interview"] < 0.10
            else "likely"
            if p["p_interview"] >= 0.35
            else "target"
        )
        assert p["category"] == expected


def test_signals_within_quota_and_one_per_institution(plan_3000):
    for use in plan_3000["signals"]:
        available = dict(tuple(x) for x in use["available"])
        for tier, n in use["used"]:
            assert n <= available[tier]
        institutions = [i for i, _ in use["institutions"]]
        assert len(institutions) == len(set(institutions))
    signalled = {p["code"][:4] for p in plan_3000["programs"] if p["signal"]}
    listed = {i for u in plan_3000["signals"] for i, _ in u["institutions"]}
    assert signalled == listed


def test_plan_csv_lists_every_program(cli):
    result = cli("plan", ANESTHESIOLOGY, "--programs", "12", "--csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 12
    assert {"code", "category", "p_interview", "p_match", "fee_usd", "signal"} <= set(rows[0])


def test_plan_programs_budget_counts_applications(cli):
    result = cli("plan", ANESTHESIOLOGY, "--programs", "5", "--json")
    data = json.loads(result.stdout)
    assert data["budget_unit"] == "programs" and data["totals"]["n_programs"] <= 5


def test_plan_plot_is_written(cli, tmp_path):
    out = tmp_path / "curve.png"
    result = cli("plan", ANESTHESIOLOGY, "--programs", "5", "--plot", out)
    assert result.exit_code == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_both_budgets_is_an_input_error(cli):
    result = cli("plan", ANESTHESIOLOGY, "--budget-usd", "100", "--programs", "3", "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["path"] == "budget"


def test_missing_budget_is_an_input_error(cli, tmp_path):
    data = yaml.safe_load(STACKED.read_text())
    del data["budget"]
    path = tmp_path / "no-budget.yaml"
    path.write_text(yaml.safe_dump(data))
    result = cli("plan", path)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: budget: no budget")
    assert "Hint:" in result.stderr


def test_whatif_json_ranks_actions_with_patches(cli):
    result = cli("whatif", STACKED, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    outcomes = data["outcomes"]
    assert len(outcomes) >= 5
    per_month = [o["gain_per_month"] for o in outcomes]
    assert per_month == sorted(per_month, reverse=True)
    assert all(o["action"]["patch"] for o in outcomes)
    assert {"j1", "step3"} <= {o["action"]["id"] for o in outcomes}


def test_recommended_spend_and_saturation_are_explained_together(cli):
    """A plan that stops before the point where more buys almost nothing says why both."""
    checked = 0
    for profile in sorted(EXAMPLES.glob("*.yaml")):
        data = json.loads(cli("plan", profile, "--budget-usd", "6000", "--json").stdout)
        spend, saturation = data["totals"]["spend"], data["saturation_budget"]
        if not data["programs"] or saturation is None or saturation <= spend:
            continue  # not the case this text is for
        text = " ".join(cli("plan", profile, "--budget-usd", "6000").stdout.split())
        assert f"Recommended spend {spend:,.0f} USD" in text
        assert (
            f"from the recommended spend up to {saturation:,.0f} USD each step still adds a "
            f"little (under {data['totals']['min_gain_pp']:g} points of P(match)); past "
            f"{saturation:,.0f} USD, more budget buys almost nothing"
        ) in text
        checked += 1
    assert checked >= 2


def test_signal_counts_read_as_plain_plurals(cli):
    text = " ".join(cli("plan", EXAMPLES / "clean.yaml").stdout.split())
    assert "signal sent" not in text and ", adding" not in text


def test_specialties_are_named_as_people_say_them(cli):
    """Table titles, fee lines and signal lines of a plan with a backup specialty."""
    text = " ".join(cli("plan", EXAMPLES / "anesthesiology-nonus-img.yaml").stdout.split())
    assert "internal medicine: " in text and "internal medicine (via ERAS): " in text
    assert "signals internal medicine: " in text
    assert "internal-medicine" not in text


def test_whatif_gives_a_fixed_time_alone_and_an_assumed_effort_with_its_range():
    """A season's wait is 12 months, not '12 (12-12)'; Step 3's assumed 4 months keep their
    range."""
    from cli_output import output_at_width

    out = output_at_width(200, "whatif", str(EXAMPLES / "ir-h1b-reapplicant.yaml"))
    wait = next(line for line in out.splitlines() if "season instead" in line)
    assert "12-12" not in wait and "│ 12 " in wait
    out = output_at_width(200, "whatif", str(EXAMPLES / "dismissed-gap.yaml"))
    step3 = next(line for line in out.splitlines() if "Pass USMLE Step 3" in line)
    assert "4 (3-6)" in step3
