"""Where the cohort applies: Gumbel top-k list probabilities, capped by interview slots."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartpick.chances import figures, load_assumptions
from smartpick.chances.cohort import (
    application_sets,
    catalog_positions,
    catalog_rates,
    cohort_weights,
    track_rates,
)
from smartpick.chances.targeting import list_probabilities, slot_cap, targeting_weights

LISTS = 4000


def _drawn_share(weights: np.ndarray, k: int, seed: int = 0) -> np.ndarray:
    """How often each track is on a list of k drawn by Gumbel top-k (Monte Carlo)."""
    lists = application_sets(np.random.default_rng(seed), LISTS, weights, k)
    return np.bincount(lists.ravel(), minlength=weights.size) / LISTS


def _skewed_rates(seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.concatenate([rng.beta(1, 30, 400), [0.64, 0.64, 0.5, 0.3, 0.2]])


def test_list_probabilities_match_the_drawn_lists_without_caps():
    rates = _skewed_rates()
    p = list_probabilities(rates, 40)
    assert p.sum() == pytest.approx(40)
    # Rosen's approximation of successive sampling; Monte Carlo sd is at most 0.008 here
    assert np.abs(p - _drawn_share(rates, 40)).max() < 0.03


def test_capped_weights_keep_every_track_within_its_interview_slots():
    rates, applicants, k, slots = _skewed_rates(), 1000, 40, 5.4
    positions = np.full(rates.size, 4.0)
    cap = slot_cap(rates, positions, applicants, slots)  # P(on a list) within the slots
    # uncapped, the tracks with the highest rates are on far more lists than their slots allow
    assert (_drawn_share(rates, k) - cap).max() > 0.5
    weights = targeting_weights(rates, positions, applicants, k, 1.0, slots)
    drawn = _drawn_share(weights, k)
    # within the cap, up to the approximation (as above) and the Monte Carlo noise
    assert (drawn <= cap + 0.03).all()
    # the applications a capped track cannot take go elsewhere: lists keep k tracks
    assert drawn.sum() == pytest.approx(k)


def test_weights_are_the_rates_to_the_exponent_when_no_cap_binds():
    rates = _skewed_rates()
    for exponent in (0.5, 1.0, 1.5):
        weights = targeting_weights(rates, np.full(rates.size, 1e6), 10, 40, exponent, 12.0)
        assert np.allclose(weights / weights.sum(), rates**exponent / (rates**exponent).sum())


@settings(max_examples=60, deadline=None)
@given(
    rates=st.lists(st.floats(1e-3, 0.99), min_size=2, max_size=60),
    k_share=st.floats(0.05, 0.95),
    slots=st.floats(0.5, 20.0),
    applicants=st.integers(1, 20000),
)
def test_capped_probabilities_sum_to_k_and_respect_every_cap(rates, k_share, slots, applicants):
    rates_arr = np.array(rates)
    positions = np.full(rates_arr.size, 3.0)
    k = max(1, int(k_share * rates_arr.size))
    cap = slot_cap(rates_arr, positions, applicants, slots)
    p = list_probabilities(rates_arr, k, cap)
    assert (p <= cap + 1e-9).all() and (p >= 0).all()
    # k applications whenever the caps leave room for them, else every track at its cap
    assert p.sum() == pytest.approx(min(k, cap.sum()), rel=1e-6)


def test_family_medicine_cohort_no_longer_lands_on_one_program():
    # NRMP 3057120C0-C2 (rate 0.64) were on about 94% of simulated lists before the cap
    a = load_assumptions()
    rates = track_rates("family-medicine", a)
    positions = catalog_positions("family-medicine")
    cohort = figures.cohort("family-medicine")
    assert cohort is not None
    assert positions.sum() == pytest.approx(cohort.positions)
    weights = cohort_weights("family-medicine", rates, positions, cohort.total, a)
    share = _drawn_share(weights, 83)
    raw = catalog_rates("family-medicine")
    top = np.nanargmax(raw)
    assert raw[top] > 0.6  # as published
    assert rates[top] < 0.3  # shrunk toward the specialty (chances.shrinkage)
    assert share[top] < 0.5
    slots = a.get("interviews_per_position") * a.get("img_interview_slot_share")
    assert (share <= slot_cap(rates, positions, cohort.total, slots) + 0.03).all()


def test_a_list_of_every_track_takes_them_all_in_order_of_rate():
    rates = np.array([0.1, 0.5, 0.3])
    assert list_probabilities(rates, 3, np.full(3, 0.2)).tolist() == [1.0, 1.0, 1.0]
    weights = targeting_weights(rates, np.ones(3), 1000, 3, 1.0, 1.0)
    assert np.argsort(-weights).tolist() == [1, 2, 0]
