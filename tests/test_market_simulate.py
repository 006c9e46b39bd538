"""The season simulation: market building blocks, one season's invariants, the CLI."""

from __future__ import annotations

import json
import sys
from dataclasses import replace

import numpy as np
import pytest

from smartpick.market.markets import market_assumptions
from smartpick.market.simulate import (
    Market,
    _applicant_limit,
    _interview_limit,
    _Offers,
    _rank_lists,
    _rank_meeting,
    fill_rates,
    run_season,
    season_detail,
    spread_quotas,
)
from smartpick.market.validation import brier_score, decile_table
from smartpick.service.market import simulate_seasons


def test_known_quotas_are_kept_and_the_rest_spread_over_the_others() -> None:
    quotas = spread_quotas([5, None, None, 2], 20, np.random.default_rng(0))
    assert quotas[0] == 5 and quotas[3] == 2
    assert quotas[1] >= 1 and quotas[2] >= 1
    assert quotas.sum() == 20  # 13 seats left for the two unknown tracks


def test_quotas_never_fall_below_one_seat_when_the_total_is_short() -> None:
    quotas = spread_quotas([10, None, None], 5, np.random.default_rng(0))
    assert quotas.tolist() == [10, 1, 1]


def test_unknown_rates_are_drawn_from_the_published_ones() -> None:
    rates = fill_rates([0.3, None, None], np.array([0.05, 0.07]), np.random.default_rng(0))
    assert rates[0] == 0.3
    assert set(rates[1:]) <= {0.05, 0.07}


def test_market_assumptions_are_labelled_assumed_with_ranges() -> None:
    for item in market_assumptions().assumptions.values():
        assert item.label == "assumed" and item.low <= item.value <= item.high and item.reasoning


def small_market(**changes) -> Market:
    market = Market(
        specialty="psychiatry",
        quotas=np.array([2, 2, 2]),
        img_rates=np.array([0.9, 0.5, 0.2]),
        md_rates=np.array([0.9, 0.9, 0.9]),
        img_applicants=8,
        competition_applicants=4,
        img_applications=3,
        competition_applications=2,
        step2=(0.5, 240.0, 12.0, 232.0, 12.0),
        step2_reference=236.0,
        score_slope=0.3,
        latent_sd=0.5,
        interviews_per_position=5,
    )
    return replace(market, **changes)


@pytest.mark.parametrize("seed", range(5))
def test_a_season_respects_seats_and_head_counts(seed: int) -> None:
    outcome = run_season(small_market(), seed)
    assert outcome.positions == 6
    assert outcome.positions_filled <= 6
    assert outcome.positions_filled == outcome.img_matched + outcome.competition_matched
    assert 0 <= outcome.img_matched <= 8 and 0 <= outcome.competition_matched <= 4


def test_a_season_is_deterministic_given_its_seed() -> None:
    assert run_season(small_market(), 7) == run_season(small_market(), 7)


@pytest.mark.parametrize(
    "changes",
    [{"quotas": np.array([0, 0, 0])}, {"interviews_per_position": 0}],
    ids=["no-seats", "no-interviews"],
)
def test_nobody_matches_without_seats_or_interviews(changes: dict) -> None:
    outcome = run_season(small_market(**changes), 3)
    assert outcome.positions_filled == 0


def test_more_seats_never_lower_the_fill_count_on_average() -> None:
    tight = [
        run_season(small_market(quotas=np.array([1, 1, 1])), s).positions_filled for s in range(20)
    ]
    loose = [
        run_season(small_market(quotas=np.array([4, 4, 4])), s).positions_filled for s in range(20)
    ]
    assert sum(loose) >= sum(tight)


def test_simulation_is_reproducible_and_parallel_runs_agree() -> None:
    one = simulate_seasons(["psychiatry"], seed=5, runs=2, workers=1)
    two = simulate_seasons(["psychiatry"], seed=5, runs=2, workers=2)
    assert one == two
    row = one.specialties[0]
    assert row.published_img_match_rate == pytest.approx(0.584, abs=0.001)  # Charting Outcomes 2026
    assert 0.0 <= row.simulated_img_match_rate <= 1.0


def test_cli_simulate_json(cli) -> None:
    result = cli("simulate", "--specialties", "psychiatry", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["specialty"] for r in data["specialties"]] == ["psychiatry"]
    assert data["note"].startswith("Covers the NRMP Main Match only")


@pytest.mark.parametrize(
    "args, path",
    [
        (["--season", "2030"], "season"),
        (["--specialties", "transitional-year"], "specialties"),
        # an option of the other mode was silently ignored
        (["--plot", "calibration.png"], "plot"),
        (["--validate", "--strategy", "uniform"], "strategy"),
    ],
)
def test_cli_simulate_refuses_what_it_cannot_simulate(cli, args: list[str], path: str) -> None:
    result = cli("simulate", *args, "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == path


def test_programs_that_never_rank_a_non_us_img_match_none() -> None:
    # The rank stage: expit(-50) is 0, so no program puts an IMG on its list.
    for seed in range(5):
        assert run_season(small_market(img_rank_logit=-50.0), seed).img_matched == 0


def test_brier_score_by_hand() -> None:
    # (0 - 0)^2, (1 - 1)^2, (0.5 - 1)^2 -> 0.25 / 3
    score = brier_score(np.array([0.0, 1.0, 0.5]), np.array([False, True, True]))
    assert score == pytest.approx(0.25 / 3)


def test_decile_table_groups_by_predicted_probability() -> None:
    predicted = np.array([0.9, 0.1, 0.8, 0.2])
    outcome = np.array([True, False, True, True])
    rows = decile_table(predicted, outcome, bins=2)
    # low half: 0.1 (no), 0.2 (yes); high half: 0.8 (yes), 0.9 (yes)
    assert [(r.applicants, r.predicted_mean, r.simulated_share) for r in rows] == [
        (2, 0.15, 0.5),
        (2, 0.85, 1.0),
    ]


def test_cli_simulate_validate_writes_tables_and_plot(cli, tmp_path) -> None:
    plot = tmp_path / "calibration.png"
    result = cli("simulate", "--validate", "--specialties", "psychiatry", "--plot", plot, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [c["scenario"] for c in data["checks"]] == ["model parameters", "perturbed truth"]
    assert len(data["strategies"]) == 6  # three strategies under each of the two truths
    for check in data["checks"]:
        assert 0.0 <= check["brier"] <= 1.0
        assert sum(row["applicants"] for row in check["deciles"]) == check["applicants"]
    assert plot.stat().st_size > 0


def test_validate_pools_every_run_and_one_run_repeats_the_single_season(cli) -> None:
    args = ("simulate", "--validate", "--specialties", "psychiatry", "--json")
    one = json.loads(cli(*args).stdout)
    again = json.loads(cli(*args, "--runs", "1").stdout)
    three = json.loads(cli(*args, "--runs", "3").stdout)
    assert again["specialties"] == one["specialties"] and one["runs"] == 1
    assert three["runs"] == 3
    # with the model's parameters each run simulates the same pool again, all checked
    assert three["checks"][0]["applicants"] == 3 * one["checks"][0]["applicants"]
    # each perturbed run draws its own truth (pool sizes follow the drawn assumptions)
    assert len(three["perturbed_values"]) == 3
    assert len({json.dumps(v, sort_keys=True) for v in three["perturbed_values"]}) == 3
    assert three["checks"][1]["applicants"] > 2 * one["checks"][1]["applicants"]
    row = three["specialties"][0]
    assert row["simulated_img_match_rate_sd"] > 0  # three different seasons
    assert row["img_applicants"] == one["specialties"][0]["img_applicants"]


def test_seasons_on_a_local_dask_cluster_agree_with_local_runs() -> None:
    import distributed  # a dev dependency: the --cluster path is tested, never skipped

    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        on_dask = simulate_seasons(
            ["psychiatry"], seed=9, runs=2, cluster=cluster.scheduler_address
        )
    assert on_dask == simulate_seasons(["psychiatry"], seed=9, runs=2)


def test_cli_simulate_reports_an_unreachable_cluster(cli) -> None:
    result = cli(
        "simulate", "--specialties", "psychiatry", "--cluster", "tcp://127.0.0.1:9", "--json"
    )
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == "cluster"


def test_model_greedy_sends_everyone_to_the_same_tracks() -> None:
    market = small_market(strategy="model-greedy", model_order=np.array([2, 0, 1]))
    _, records = season_detail(market, 4)
    assert (records.applied == np.array([2, 0, 1])).all()


def test_cli_simulate_refuses_an_unknown_strategy(cli) -> None:
    result = cli("simulate", "--specialties", "psychiatry", "--strategy", "best", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == "strategy"


def test_applicants_target_by_what_they_can_know_not_by_the_drawn_truth() -> None:
    # true rates favour tracks 1 and 2; the published (or prior) rates favour track 0
    market = small_market(
        img_rates=np.array([0.01, 0.9, 0.9]),
        img_targeting=np.array([0.9, 1e-9, 1e-9]),
        img_applications=1,
    )
    _, records = season_detail(market, 2)
    assert (records.applied[:, 0] == 0).all()


def test_an_interview_limit_cuts_at_random_not_by_applicant_type() -> None:
    # one program, 100 non-US IMG invitees with low propensity, 100 others with high
    n = 200
    offers = _Offers(
        applicant=np.arange(n),
        program=np.zeros(n, dtype=np.int64),
        propensity=np.where(np.arange(n) < 100, 0.1, 5.0),
        preference=np.zeros(n, dtype=np.int64),
    )
    kept = _interview_limit(offers, np.array([100]), np.random.default_rng(0))
    assert kept.applicant.size == 100
    # cutting by propensity would keep no IMG; at random about half of the kept are IMGs
    assert 35 <= int(np.sum(kept.applicant < 100)) <= 65


def test_an_img_cleared_at_the_rank_meeting_is_ranked_to_match_above_the_competition() -> None:
    # img_rank_logit -3: an IMG is ranked only with an impression above 3 (the chance model's
    # P(match if ranked first)); it then goes above every competitor, whose impression does
    # not matter against it, and each group is ordered by that same impression (not re-drawn)
    market = small_market(img_rank_logit=-3.0, latent_sd=0.0)
    n = 400
    offers = _Offers(
        applicant=np.arange(n),
        program=np.zeros(n, dtype=np.int64),
        propensity=np.zeros(n),
        preference=np.zeros(n, dtype=np.int64),
    )
    market = replace(market, img_applicants=200, competition_applicants=200)
    kept, impression, tier = _rank_meeting(market, offers, np.zeros(n), np.random.default_rng(1))
    is_img = kept.applicant < 200
    assert 0 < is_img.sum() < 40  # expit(-3) of 200 is about 9.5
    assert (impression[is_img] > 3.0).all()
    assert (~is_img).sum() == 200  # the competition is always ranked
    assert (impression[~is_img] > 3.0).any()  # some competitors impress as much
    _, program_prefs = _rank_lists(kept, n, 1, impression, tier)
    ranked = program_prefs[0]
    assert set(ranked[: int(is_img.sum())]) == set(kept.applicant[is_img].tolist())
    for group in (is_img, ~is_img):
        members = set(kept.applicant[group].tolist())
        order = [a for a in ranked if a in members]
        shown = [float(impression[kept.applicant == a][0]) for a in order]
        assert shown == sorted(shown, reverse=True)


def test_an_applicant_attends_only_the_interviews_it_prefers_most() -> None:
    # applicant 0 invited to five programs (preference 4..0), applicant 1 to two
    offers = _Offers(
        applicant=np.array([0, 0, 0, 0, 0, 1, 1]),
        program=np.array([0, 1, 2, 3, 4, 0, 1]),
        propensity=np.zeros(7),
        preference=np.array([4, 3, 2, 1, 0, 1, 0]),
    )
    kept = _applicant_limit(offers, 2)
    pairs = sorted(zip(kept.applicant.tolist(), kept.program.tolist(), strict=True))
    assert pairs == [(0, 3), (0, 4), (1, 0), (1, 1)]
    assert _applicant_limit(offers, float("inf")) is offers


def test_with_one_interview_each_every_ranking_applicant_has_exactly_one() -> None:
    market = small_market(interviews_per_applicant=1, img_rank_logit=5.0, img_applicants=40)
    several = 0
    for seed in range(5):
        tight = season_detail(market, seed)[0]
        assert round(tight.img_interviews_mean * tight.img_applicants) == tight.img_ranking
        loose = season_detail(replace(market, interviews_per_applicant=float("inf")), seed)[0]
        several += round(loose.img_interviews_mean * loose.img_applicants) > loose.img_ranking
    assert several  # without the limit some applicants do have several interviews


def test_cluster_without_dask_distributed_is_a_clean_input_error(cli, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the package were absent
    result = cli(
        "simulate", "--specialties", "psychiatry", "--cluster", "tcp://127.0.0.1:9", "--json"
    )
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["path"] == "cluster" and "smartpick[cluster]" in error["hint"]


def test_a_simulated_cohort_applies_within_the_interview_slots() -> None:
    # the calibration's targeting, with this season's quotas: before the cap, the three
    # tracks of one family-medicine program (published rate 0.64) were on about 94% of lists
    from smartpick.market.markets import build_market

    market = build_market("family-medicine", np.random.default_rng(5))
    assert market is not None and market.img_targeting is not None
    _, records = season_detail(market, 5)
    share = np.bincount(records.applied.ravel(), minlength=market.quotas.size)
    share = share / market.img_applicants
    top = np.argsort(-market.img_rates)[:3]
    assert (market.img_rates[top] > 0.6).all()
    assert (share[top] < 0.5).all()
    # the applications they cannot take go to other tracks: every list is still full
    assert all(len(set(row)) == records.applied.shape[1] for row in records.applied.tolist())
