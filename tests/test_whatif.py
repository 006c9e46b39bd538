"""What-if: actions as profile patches, and each gain reproduced by editing the file by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES
from smartpick.errors import ProfileError
from smartpick.planning.actions import (
    ACTIONS,
    PatchOp,
    apply_patch,
    backup,
    explain_gap,
    j1,
    step3,
)
from smartpick.profile import load_profile

STACKED = EXAMPLES / "stacked-red-flags.yaml"
ANESTHESIOLOGY = EXAMPLES / "anesthesiology-nonus-img.yaml"


def by_hand(data: dict, patch: list[dict]) -> dict:
    """Apply a --json patch the way a person would edit the YAML file."""
    for op in patch:
        *parents, last = op["path"].split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        if op["op"] == "set":
            node[last] = op["value"]
        else:
            node.setdefault(last, []).append(op["value"])
    return data


@pytest.fixture(scope="module")
def stacked_whatif():
    from typer.testing import CliRunner

    from smartpick.cli import app

    result = CliRunner().invoke(app, ["whatif", str(STACKED), "--json"])
    assert result.exit_code == 0, result.stdout
    return json.loads(result.stdout)


def test_at_least_five_actions_ranked(stacked_whatif):
    assert len(stacked_whatif["outcomes"]) >= 5
    # the H-1B need without Step 3 closes every H-1B program: the visa switch or Step 3
    # are the only actions that open any door, so they come first
    top = [o["action"]["id"] for o in stacked_whatif["outcomes"][:2]]
    assert set(top) == {"j1", "step3"}
    j1_outcome = next(o for o in stacked_whatif["outcomes"] if o["action"]["id"] == "j1")
    assert "212(e)" in j1_outcome["action"]["note"]


@pytest.mark.parametrize("action_id", ["j1", "step3", "us-experience"])
def test_gain_is_reproducible_by_editing_the_profile(cli, tmp_path, stacked_whatif, action_id):
    outcome = next(o for o in stacked_whatif["outcomes"] if o["action"]["id"] == action_id)
    data = by_hand(yaml.safe_load(STACKED.read_text()), outcome["action"]["patch"])
    path = tmp_path / "patched.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    budget = str(stacked_whatif["budget"])
    result = cli("plan", path, "--budget-usd", budget, "--spend-all", "--json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["totals"]["p_match"] == pytest.approx(
        outcome["p_match_after"], abs=1e-12
    )


def test_baseline_equals_plan_of_the_unchanged_profile(cli, stacked_whatif):
    result = cli("plan", STACKED, "--spend-all", "--json")
    assert json.loads(result.stdout)["totals"]["p_match"] == pytest.approx(
        stacked_whatif["baseline"]["p_match"], abs=1e-12
    )


def test_patch_set_and_add():
    profile = load_profile(STACKED)
    patched = apply_patch(
        profile,
        (PatchOp("set", "visa", "j1"), PatchOp("add", "targets.backups", "family-medicine")),
    )
    assert patched.visa == "j1"
    assert patched.targets.backups[-1] == "family-medicine"
    assert profile.visa == "h1b"  # the original is unchanged


def test_invalid_patch_is_a_profile_error():
    with pytest.raises(ProfileError):
        apply_patch(load_profile(STACKED), (PatchOp("set", "visa", "green-card"),))


def test_actions_not_applicable_say_why():
    j1_profile = load_profile(ANESTHESIOLOGY)  # needs a J-1 already
    assert j1(j1_profile, None) == "the profile does not need an H-1B"
    stacked = load_profile(STACKED)
    assert not isinstance(step3(stacked, None), str)
    # stacked has a 13-month uncovered gap (2022-01..2023-01): the action covers it
    action = explain_gap(stacked, None)
    assert not isinstance(action, str)
    assert action.patch[0].value["start"] == "2022-01"
    assert action.patch[0].value["end"] == "2023-01"
    # backups internal-medicine and transitional-year are taken: family medicine is next
    action = backup(stacked, None)
    assert not isinstance(action, str) and action.patch[0].value == "family-medicine"


def test_every_action_has_effort_and_patch():
    profile = load_profile(STACKED)
    for make in ACTIONS:
        action = make(profile, ("1234040C0", "Example Hospital"))
        if isinstance(action, str):
            continue
        assert action.effort_low <= action.effort_months <= action.effort_high
        assert action.effort_label == "assumed"
        assert action.patch
        apply_patch(profile, action.patch)  # every patch validates
    assert Path(STACKED).exists()


def test_a_million_dollar_budget_is_cut_where_more_buys_nothing():
    """Regression (issue 18): a 1,000,000 USD what-if took 146 s, planning every step of the
    budget. The walk now stops where P(match) is flat, so the plans spend a small part of it
    (its time is in benchmarks/bench_plan.py's figures, not asserted here)."""
    from smartpick.budget import Budget
    from smartpick.service import whatif_for_profile

    result = whatif_for_profile(load_profile(EXAMPLES / "clean.yaml"), Budget.of("usd", 1_000_000))
    assert result.budget == 1_000_000  # said as asked
    assert result.baseline.cost_usd is not None and result.baseline.cost_usd < 20_000
    assert result.outcomes and all(
        o.plan.cost_usd is None or o.plan.cost_usd < 20_000 for o in result.outcomes
    )


def test_us_experience_is_not_offered_where_the_file_already_counts_in_full():
    """A file with 6+ hands-on US months and two strong US letters (what the model counts in
    full, assumptions.yaml) gains nothing from three more months and a letter: said, with the
    reason, not shown as a +0.00 action; a file below that still gets the action."""
    from smartpick.chances.adapter import applicant_from_profile
    from smartpick.planning.actions import us_experience

    full = load_profile(EXAMPLES / "academic-history.yaml")  # 69 months, 2 strong US letters
    said = us_experience(full, None)
    assert isinstance(said, str)
    assert "already has 69 months of hands-on US clinical work and 2 strong US letters" in said
    thin = load_profile(STACKED)
    action = us_experience(thin, None)
    assert not isinstance(action, str)
    before, after = (
        applicant_from_profile(thin),
        applicant_from_profile(apply_patch(thin, action.patch)),
    )
    assert after.hands_on_months > before.hands_on_months
    # one strong US letter short of the two that count in full: the letter alone still counts
    one_letter = full.model_copy(update={"letters": full.letters[:1]})
    assert not isinstance(us_experience(one_letter, None), str)


@pytest.mark.parametrize(
    ("n_programs", "cost", "said", "not_said"),
    [
        (0, 0.0, "applies to no program (P(match) 0%", "spending the whole budget"),
        (1, 25.0, "with 1 application (25 USD) spending the whole budget", "1 applications"),
        (90, 1959.0, "with 90 applications (1,959 USD) spending", "applies to no program"),
    ],
)
def test_whatif_headline_says_an_empty_plan_spends_nothing(n_programs, cost, said, not_said):
    """A file no program is worth a fee for (stacked-red-flags: H-1B, no Step 3) planned 0
    applications, and the headline said it was 'spending the whole budget of 3,000 USD'."""
    from smartpick.cli.plan import _whatif_headline
    from smartpick.planning.whatif import PlanSummary, WhatIfResult

    base = PlanSummary(0.0 if n_programs == 0 else 0.5, n_programs, cost, 0.0, ())
    text = _whatif_headline(WhatIfResult(2028, "usd", 3000.0, base, ()))
    assert said in text and not_said not in text
    assert "whole budget of 3,000 USD" in text


def test_a_change_the_model_gives_no_gain_says_why():
    """dismissed-gap: explaining its 40-month gap turns unexplained-gap 60 into 40 and
    nonclinical-gap 20 into 50, but the chance model reads the flags it does not model by the
    most severe one, prior-residency 75: the what-if showed '+0.00' with no word of why."""
    from smartpick.planning.whatif import other_flags, outcome, why_no_gain

    profile = load_profile(EXAMPLES / "dismissed-gap.yaml")
    action = explain_gap(profile, None)
    said = why_no_gain(other_flags(profile), apply_patch(profile, action.patch))
    assert "(prior-residency, severity 75)" in said
    assert "unexplained-gap 60 -> 40" in said and "nonclinical-gap 20 -> 50" in said
    # said only with a gain of (about) zero; a change the model reads says nothing
    from smartpick.planning.whatif import PlanSummary

    base = PlanSummary(0.23, 120, 3030.0, 2.0, ())
    assert outcome(action, base, base, said).no_gain == said
    moved = PlanSummary(0.25, 120, 3030.0, 2.1, ())
    assert outcome(action, base, moved, said).no_gain == ""
    assert why_no_gain(other_flags(profile), apply_patch(profile, step3(profile, None).patch)) == ""
