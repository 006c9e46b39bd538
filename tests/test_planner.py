"""The plan optimiser on hand-checked instances (expected values worked out by hand)."""

from __future__ import annotations

import numpy as np
import pytest

from smartpick.planning import (
    ADVANCED,
    MAIN,
    PGY1,
    cost_model,
    count_grid,
    count_model,
    make_instance,
    solve,
    usd_grid,
)


def one_node(s: list[float], **kw):
    """Independent outcomes: a single node with weight 1."""
    return make_instance(
        np.array(s)[:, None], np.array([1.0]), kw.pop("groups", ["g"] * len(s)), **kw
    )


def plan(inst, n_programs: int, method: str = "greedy"):
    return solve(inst, count_model(inst), n_programs, grid=count_grid(n_programs), method=method)


@pytest.mark.parametrize(
    ("s", "n", "rows", "p_match"),
    [
        # equal costs, independent outcomes: the n most likely programs (Chade & Smith 2006)
        ([0.1, 0.5, 0.3, 0.2], 1, (1,), 0.5),
        ([0.1, 0.5, 0.3, 0.2], 2, (1, 2), 1 - 0.5 * 0.7),
        ([0.1, 0.5, 0.3, 0.2], 4, (0, 1, 2, 3), 1 - 0.9 * 0.5 * 0.7 * 0.8),
    ],
)
def test_equal_costs_independent_picks_most_likely(s, n, rows, p_match):
    for method in ("greedy", "exact"):
        sol = plan(one_node(s), n, method)
        assert sol.rows == rows
        assert sol.value == pytest.approx(p_match)


def test_advanced_track_alone_is_worth_nothing():
    # advanced s=0.9 without any PGY-1 application counts 0; the main track's 0.1 wins
    inst = one_node([0.9, 0.1], role=[ADVANCED, MAIN])
    sol = plan(inst, 1)
    assert sol.rows == (1,)
    assert sol.value == pytest.approx(0.1)


def test_advanced_track_planned_with_its_pgy1():
    # pair: 0.9 * 0.8 = 0.72 beats main 0.3 alone and main + advanced (0.3)
    inst = one_node([0.9, 0.8, 0.3], role=[ADVANCED, PGY1, MAIN])
    sol = plan(inst, 2)
    assert sol.rows == (0, 1)
    assert sol.value == pytest.approx(0.72)
    # three programs: 1 - 0.7 * (1 - 0.72) = 0.804
    assert plan(inst, 3).value == pytest.approx(1 - 0.7 * 0.28)


def test_pgy1_alone_is_not_success():
    inst = one_node([0.95, 0.05], role=[PGY1, MAIN])
    sol = plan(inst, 1)
    assert sol.rows == (1,)


def test_correlated_outcomes_lower_the_chance_of_one_match():
    # two nodes z = low / high; the same program chances are perfectly correlated
    s = np.array([[0.0, 1.0], [0.0, 1.0]]) * 0.8
    inst = make_instance(s, np.array([0.5, 0.5]), ["g", "g"])
    # independent would give 1 - 0.6^2 = 0.64; correlated: 0.5 * (1 - 0.2^2) = 0.48
    assert plan(inst, 2).value == pytest.approx(0.48)


def test_utility_orders_the_rank_list():
    # A: u=1, s=0.5; B: u=0.5, s=0.9. One program: A (0.5 > 0.45). Both: 0.5 + 0.5*0.5*0.9
    inst = one_node([0.5, 0.9], utility=[1.0, 0.5])
    assert plan(inst, 1).rows == (0,)
    assert plan(inst, 2).value == pytest.approx(0.5 + 0.5 * 0.5 * 0.9)


def flat_fee(_group: str, k: int) -> float:
    """ERAS 2024 shape: 99 flat for the first 10, then 19 each."""
    return 0.0 if k == 0 else 99.0 + 19.0 * max(0, k - 10)


def test_flat_tier_is_filled_and_transcript_fee_counted():
    inst = one_node([0.05] * 12)
    costs = cost_model(inst, flat_fee, fixed=80.0)
    assert solve(inst, costs, 178.0).rows == ()  # 99 + 80 = 179 does not fit
    sol = solve(inst, costs, 179.0)
    assert len(sol.rows) == 10 and sol.cost == 179.0
    assert len(solve(inst, costs, 179.0 + 19.0).rows) == 11


def test_tiers_restart_per_specialty():
    # 2026 shape: 11 each up to 30, then 30 each. With 30 programs in g1 already,
    # the next program is cheaper in g2 (11) than in g1 (30).
    def fee(_g: str, k: int) -> float:
        return 11.0 * min(k, 30) + 30.0 * max(0, k - 30)

    inst = one_node([0.02] * 31 + [0.019], groups=["g1"] * 31 + ["g2"])
    costs = cost_model(inst, fee, fixed=0.0)
    sol = solve(inst, costs, 341.0, grid=usd_grid(341.0))
    assert 31 in sol.rows and len(sol.rows) == 31
    assert sol.cost == 341.0


def signal_instance(quota: int):
    # programs 0 and 1 at different institutions; a signal lifts 0 to 0.6 and 1 to 0.35
    return make_instance(
        np.array([[0.2], [0.3]]),
        np.array([1.0]),
        ["g", "g"],
        institution=["A", "B"],
        signal_success=[np.array([[0.6], [0.35]])],
        signal_tiers=["signal"],
        signal_quota={("g", "signal"): quota},
    )


def test_signal_goes_where_it_adds_most():
    inst = signal_instance(1)
    one = plan(inst, 1)
    assert one.rows == (0,) and one.value == pytest.approx(0.6)
    assert list(one.sig) == [0, -1]
    two = plan(inst, 2)
    # signal at A: 1 - 0.4 * 0.7 = 0.72 beats signal at B: 1 - 0.8 * 0.65 = 0.48
    assert two.value == pytest.approx(0.72)
    assert list(two.sig) == [0, -1]


def test_no_signal_without_quota():
    assert plan(signal_instance(0), 2).value == pytest.approx(1 - 0.8 * 0.7)


def test_one_signal_covers_every_track_of_an_institution():
    inst = make_instance(
        np.array([[0.2], [0.2]]),
        np.array([1.0]),
        ["g", "g"],
        institution=["A", "A"],
        signal_success=[np.array([[0.5], [0.5]])],
        signal_tiers=["signal"],
        signal_quota={("g", "signal"): 1},
    )
    assert plan(inst, 2).value == pytest.approx(1 - 0.5 * 0.5)


def test_disallowed_candidates_never_chosen():
    inst = one_node([0.9, 0.1, 0.2])
    sol = solve(
        inst,
        count_model(inst),
        2,
        grid=count_grid(2),
        allowed=np.array([False, True, True]),
    )
    assert sol.rows == (1, 2)
