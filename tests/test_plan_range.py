"""The plan's P(match) range: a main-effects surrogate whose sum is convolved, not sampled."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import EXAMPLES
from smartpick.budget import Budget
from smartpick.catalog import open_catalog
from smartpick.chances import ChanceModel
from smartpick.planning import engine
from smartpick.planning.ranges import list_range, surrogate_range
from smartpick.profile import load_profile

MODEL = ChanceModel()
NAMES = ("composite_span_logit", "signal_odds_ratio_gold", "visa_share_accept_j1")


def _additive(model: ChanceModel) -> float:
    """An exactly additive function (logit scale) of three assumptions."""
    a = model.assumptions_
    x = 0.3 * a.get("composite_span_logit") - 0.5 * a.get("signal_odds_ratio_gold")
    return float(1 / (1 + np.exp(-(x + 4 * a.get("visa_share_accept_j1") - 1.0))))


def test_convolution_gives_the_quantiles_of_an_additive_function():
    low, high = surrogate_range(MODEL, _additive, 0.8)
    rng = np.random.default_rng(7)
    draws = [_additive(MODEL.perturbed(rng)) for _ in range(20_000)]
    want = np.quantile(draws, [0.1, 0.9])
    assert low == pytest.approx(want[0], abs=0.004)
    assert high == pytest.approx(want[1], abs=0.004)


@pytest.fixture(scope="module")
def example_plan():
    profile = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")
    s = engine.setup(profile, open_catalog(), Budget("programs", 40))
    state = engine.walk(s, with_curve=False).state
    c = engine.chosen(s, state)
    return s, c


def test_the_range_is_the_same_every_time_and_holds_the_point(example_plan):
    s, c = example_plan
    first = engine.p_match_range(s, c.rows, c.signals)
    assert engine.p_match_range(s, c.rows, c.signals) == first
    point = engine.score(s.model, s.cands, c.rows, c.signals)
    assert first[0] < point < first[1]


def test_the_range_is_near_brute_force_redraws(example_plan):
    s, c = example_plan
    low, high = engine.p_match_range(s, c.rows, c.signals)
    rng = np.random.default_rng(3)
    draws = []
    for _ in range(300):
        drawn = s.model.perturbed(rng)
        drawn.n_nodes = 12
        draws.append(engine.score(drawn, s.cands, c.rows, c.signals))
    want = np.quantile(draws, [0.1, 0.9])
    assert low == pytest.approx(want[0], abs=0.03)
    assert high == pytest.approx(want[1], abs=0.03)


def test_the_range_scored_in_one_batch_is_the_range_scored_draw_by_draw(example_plan):
    s, c = example_plan
    lst = engine.listed(s.model, s.cands, c.signals, c.rows)
    one_by_one = list_range(
        s.model, lambda m, r, g: engine.score(m, s.cands, r, g, lst=lst), c.rows, c.signals
    )
    assert engine.p_match_range(s, c.rows, c.signals) == one_by_one
