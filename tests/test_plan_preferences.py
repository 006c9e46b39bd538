"""What the applicant wants, on real plans (issue 16): the primary specialty first, preferred
states, the stop rule and the verdict. Each plan runs the shipped catalog and chance model.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml

from smartpick.budget import Budget
from smartpick.profile import load_profile, parse_profile
from smartpick.service import plan_for_profile

DATA = Path(__file__).parent / "data" / "plan"
EXAMPLES = Path(__file__).parent.parent / "examples"
STRONG_IM = yaml.safe_load((DATA / "strong-internal-medicine.yaml").read_text())


def _profile(base: dict, **changes):
    data = json.loads(json.dumps(base))  # a deep copy
    for key, value in changes.items():
        data[key] = value
    return parse_profile(yaml.safe_dump(data))


def _plan(profile, **options):
    return plan_for_profile(profile, advice=False, **options)


def test_a_strong_primary_keeps_more_applications_than_its_backup():
    plan = _plan(_profile(STRONG_IM))
    counts = Counter(p.specialty for p in plan.programs)
    assert counts["internal-medicine"] >= counts["family-medicine"] > 0
    assert plan.totals.p_match_primary <= plan.totals.p_match


def test_the_backup_grows_with_what_the_applicant_says_it_is_worth():
    shares = []
    for worth in (0.0, 0.6, 1.0):
        prefs = {"backup_value": worth}
        plan = _plan(_profile(STRONG_IM, preferences=prefs), budget=Budget.of("usd", 4000))
        counts = Counter(p.specialty for p in plan.programs)
        shares.append(counts["family-medicine"] / max(1, len(plan.programs)))
    assert shares[0] == 0.0  # primary only
    assert shares[0] < shares[1] <= shares[2]


def _state_share(prefs: dict, targets: dict, specialty_moves: bool = False) -> tuple[float, float]:
    base = STRONG_IM
    if specialty_moves:  # the same file in family medicine
        base = json.loads(json.dumps(STRONG_IM).replace("internal-medicine", "family-medicine"))
    plan = _plan(_profile(base, targets=targets, preferences=prefs), spend_all=True)
    wanted = set(prefs["states"])
    share = sum(p.state in wanted for p in plan.programs) / len(plan.programs)
    signalled = [p for p in plan.programs if p.signal]
    signal_share = sum(p.state in wanted for p in signalled) / max(1, len(signalled))
    return share, signal_share


@pytest.mark.parametrize(
    ("states", "primary"),
    [(["TX", "IL", "NY"], "internal-medicine"), (["CA", "OR", "WA"], "family-medicine")],
)
def test_the_share_in_preferred_states_grows_with_the_weight(states, primary):
    targets = {"primary": primary}
    fm = primary == "family-medicine"
    shares = [
        _state_share({"states": states, "state_weight": w}, targets, fm) for w in (0.0, 0.25, 0.9)
    ]
    default = _state_share({"states": states}, targets, fm)
    assert shares[0][0] <= shares[1][0] <= default[0] <= shares[2][0]
    assert default[0] >= 0.35
    assert shares[0][1] <= default[1]  # the signals follow the same worth


def test_a_preference_costs_points_and_says_so():
    profile = _profile(STRONG_IM, preferences={"states": ["CA"], "state_weight": 0.9})
    plan = plan_for_profile(profile)
    cost = next(c for c in plan.totals.preference_costs if c.term == "states")
    assert cost.points > 0
    assert cost.p_match_without > plan.totals.p_match


@pytest.mark.parametrize("name", ["step2ck-three-attempts", "stacked-red-flags"])
def test_a_file_under_ten_percent_is_told_to_fix_first_or_spend_at_most_half(name):
    plan = plan_for_profile(EXAMPLES / f"{name}.yaml")
    t = plan.totals
    assert t.p_match < 0.10
    assert t.verdict == "fix-first" or t.spend <= plan.budget / 2
    assert t.verdict_reason  # with the reason
    if t.verdict == "fix-first" and t.fix is not None:
        assert t.fix.gain >= 0.05 and t.fix.title in t.verdict_reason
    if t.fix is None:  # nothing found: the changes were weighed together too, and it says so
        assert "alone or together" in t.verdict_reason


def test_a_file_no_single_change_lifts_is_told_which_changes_together_would():
    """Under 10% P(match), where no change of the what-if list adds 5 points alone (each
    planned at the whole budget), the verdict plans the changes that add something together:
    the file is told to fix first, with the changes named, instead of to apply for a season
    it is likely to lose."""
    from smartpick.service import whatif_for_profile

    profile = DATA / "old-graduate-psychiatry.yaml"
    singles = whatif_for_profile(profile).outcomes
    assert singles and max(o.gain for o in singles) < 0.05
    t = plan_for_profile(profile).totals
    assert t.p_match < 0.10
    assert t.verdict == "fix-first" and t.fix is not None
    assert "+" in t.fix.action and t.fix.gain >= 0.05
    assert t.fix.gain > max(o.gain for o in singles)
    named = [o for o in singles if o.action.id in t.fix.action.split("+")]
    assert len(named) >= 2 and all(o.gain > 0 for o in named)
    assert all(o.action.title in t.verdict_reason for o in named)


def test_the_stop_rule_weighs_a_budget_under_the_first_grid_point():
    """Under 100 USD (the first grid point) the stop rule had no step to weigh, so the plan
    spent the whole budget whatever the applications added; now the step to the budget
    counts: worth it at the default threshold, not at 5 points per 100 USD."""
    profile = EXAMPLES / "step2ck-three-attempts.yaml"
    budget = Budget.of("usd", 50)
    pays = _plan(profile, budget=budget).totals
    assert pays.n_programs > 0 and pays.recommended_budget is None
    per_100 = pays.p_match * 100 / pays.spend * 100  # points per 100 USD of the step
    assert 0.25 < per_100 < 5.0
    strict = _plan(profile, budget=budget, min_gain=5.0).totals
    assert strict.recommended_budget == 0.0 and strict.n_programs == 0


def test_changes_together_take_every_patch_and_an_effort_range_spanning_both_ways():
    from smartpick.planning.actions import Action, PatchOp
    from smartpick.planning.verdict import combined

    def action(i: str, months: float, low: float, high: float, cost: float | None) -> Action:
        patch = (PatchOp("add", "letters", {"id": i}),)
        return Action(i, f"Do {i}", months, low, high, "assumed", cost, "", "", patch)

    both = combined([action("a", 3, 2, 4, 100.0), action("b", 12, 12, 12, None)])
    assert both.id == "a+b" and both.title == "2 changes together: Do a; Do b"
    assert (both.effort_months, both.effort_low, both.effort_high) == (12, 12, 16)
    assert both.cost_usd is None and both.effort_label == "assumed"
    assert [op.value["id"] for op in both.patch] == ["a", "b"]
    paid = combined([action("a", 3, 2, 4, 100.0), action("c", 1, 0.5, 2, 50.0)])
    assert paid.cost_usd == 150.0 and (paid.effort_low, paid.effort_high) == (2, 6)


def test_spend_all_spends_the_budget_and_the_stop_rule_less():
    profile = EXAMPLES / "clean.yaml"
    stopped = _plan(profile)
    everything = _plan(profile, spend_all=True)
    assert stopped.totals.recommended_budget is not None
    assert stopped.totals.spend == stopped.totals.recommended_budget < everything.totals.spend
    assert stopped.totals.p_match <= everything.totals.p_match
    assert everything.totals.cost.total_usd <= everything.budget
    looser = _plan(profile, min_gain=0.05)
    assert looser.totals.spend >= stopped.totals.spend


def test_every_program_says_why_it_is_on_the_list():
    plan = _plan(EXAMPLES / "anesthesiology-nonus-img.yaml")
    assert all(p.reasons for p in plan.programs)
    signalled = [p for p in plan.programs if p.signal]
    assert all(any("signal" in r for r in p.reasons) for p in signalled)
    preferred = [p for p in plan.programs if p.state in {"TX", "OH", "MI"}]
    assert all(any("preferred state" in r for r in p.reasons) for p in preferred)


@pytest.mark.parametrize(
    ("preferences", "field"),
    [
        ({"state_weight": 2}, "preferences.state_weight"),
        ({"backup_value": -0.1}, "preferences.backup_value"),
        ({"backup_value": {"pediatrics": 0.5}}, "preferences.backup_value.pediatrics"),
    ],
)
def test_a_preference_out_of_range_is_one_line_naming_the_field(cli, tmp_path, preferences, field):
    data = dict(STRONG_IM, preferences=preferences)
    path = tmp_path / "profile.yaml"
    path.write_text(yaml.safe_dump(data))
    result = cli("plan", path)
    assert result.exit_code == 2
    assert field in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("value", ["-1", "101", "nan"])
def test_a_bad_least_gain_is_refused(cli, value):
    result = cli("plan", EXAMPLES / "clean.yaml", "--min-gain", value)
    assert result.exit_code == 2
    assert "min_gain" in result.output or "--min-gain" in result.output


def test_the_verdict_reuses_a_whatif_planned_for_the_same_budget():
    from smartpick.service import whatif_for_profile

    path = EXAMPLES / "step2ck-three-attempts.yaml"
    fresh = plan_for_profile(path).totals
    reused = plan_for_profile(path, whatif=whatif_for_profile(path)).totals
    assert (reused.verdict, reused.verdict_reason, reused.fix) == (
        fresh.verdict,
        fresh.verdict_reason,
        fresh.fix,
    )


class _Program:
    """A catalog program's known facts, as ``reasons_for`` reads them (``known(attribute)``)."""

    def __init__(self, **facts):
        self.facts, self.specialty, self.state, self.code = facts, "internal-medicine", "ZZ", "X"

    def known(self, attribute):
        return self.facts.get(attribute)


@pytest.mark.parametrize(("n", "said"), [(1, "1 resident filing,"), (3, "3 resident filings,")])
def test_plan_reasons_count_filings_and_positions_in_the_right_number(n, said):
    """The plan said 'strong H-1B evidence (1 resident filings, ...)' and '1 positions'."""
    from smartpick.planning.reasons import reasons_for

    profile = load_profile(EXAMPLES / "ir-h1b-reapplicant.yaml")  # needs an H-1B
    lca = {"resident_filings": n, "filed": "2024-09-25 to 2025-03-24"}
    program = _Program(h1b_evidence={"strength": "strong", "lca": lca}, positions=n)
    text = "; ".join(reasons_for(profile, program, "non_us_img", None, {}))
    assert said in text
    assert f"{n} position (2019)" in text if n == 1 else f"{n} positions (2019)" in text


def test_signal_rows_counts_the_rows_showing_a_signal_and_the_signals_sent():
    """One function for the CLI's legend and the web page's note (a stored plan is a dict)."""
    from smartpick.planning.results import signal_rows

    plan = {
        "programs": [{"signal": s} for s in ("gold", "gold", None, "silver")],
        "signals": [{"used": [["gold", 1], ["silver", 1]]}, {"used": []}],
    }
    assert signal_rows(plan) == (3, 2)
