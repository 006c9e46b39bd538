"""The planner's candidates from a profile: tracks, PGY-1 tracks, reserved tracks, states."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from conftest import EXAMPLES
from smartpick.budget import Budget
from smartpick.catalog import open_catalog
from smartpick.planning.build import candidates_for, target_specialties
from smartpick.planning.engine import setup, walk, whole_budget
from smartpick.profile import load_profile


@pytest.fixture(scope="module")
def catalog():
    return open_catalog()


def test_advanced_targets_bring_their_pgy1_tracks(catalog):
    profile = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")
    cands = candidates_for(profile, catalog, target_specialties(profile))
    specs = Counter(p.specialty for p in cands.programs)
    # anesthesiology has advanced tracks: the three PGY-1 specialties join as candidates
    assert {"internal-medicine-preliminary", "surgery-preliminary", "transitional-year"} <= set(
        specs
    )
    pgy1 = [p for p in cands.programs if p.specialty == "surgery-preliminary"]
    assert {p.track for p in pgy1} == {"P"}


def test_reserved_tracks_only_with_prior_residency(catalog):
    with_prior = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")  # IM PGY-1 at home
    assert with_prior.experiences[0].kind == "residency"
    cands = candidates_for(with_prior, catalog, ["anesthesiology"])
    assert any(p.track == "R" for p in cands.programs)
    without = with_prior.model_copy(update={"experiences": with_prior.experiences[1:]})
    cands = candidates_for(without, catalog, ["anesthesiology"])
    assert not any(p.track == "R" for p in cands.programs)
    assert cands.reserved_left_out > 0


def test_avoided_states_are_left_out(catalog):
    profile = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")
    everything = candidates_for(profile, catalog, ["internal-medicine"])
    states = Counter(p.state for tracks in everything.tracks for p in tracks if p.state)
    if not states:
        pytest.skip("the catalog has no program states to avoid")
    state, count = states.most_common(1)[0]
    prefs = profile.preferences.model_copy(update={"avoid_states": [state]})
    avoided = candidates_for(
        profile.model_copy(update={"preferences": prefs}), catalog, ["internal-medicine"]
    )
    assert all(p.state != state for p in avoided.programs)
    assert avoided.left_out_avoided_state == count


@pytest.mark.parametrize("amount", [50.0, 3333.0])
def test_the_whole_budget_is_planned_between_grid_points(catalog, amount):
    """The what-if and the verdict plan the whole budget: a budget under the first grid point
    (100 USD) or between two was planned at the grid point below (nothing at all at 50 USD,
    3,250 of 3,333 USD), so the what-if's 'current plan' was not the plan's."""
    from smartpick.planning.curve import usd_grid
    from smartpick.planning.engine import costs_for

    s = setup(load_profile(EXAMPLES / "dismissed-gap.yaml"), catalog, Budget.of("usd", amount))
    alone = walk(s, with_curve=False, spend_all=True)
    below = max((g for g in usd_grid(amount) if g < amount), default=0.0)
    assert alone.spend == amount
    assert below < costs_for(s).cost(alone.state.counts) <= amount
    with_curve = walk(s, spend_all=True)
    assert with_curve.spend == amount
    assert np.array_equal(with_curve.state.mask, alone.state.mask)


@pytest.mark.parametrize(
    ("example", "budget"),
    [
        ("us-img-im-reapplicant.yaml", Budget.of("usd", 2000)),
        ("dismissed-gap.yaml", Budget.of("usd", 3333)),  # between two grid points
        ("academic-history.yaml", Budget.of("programs", 37)),
    ],
)
def test_the_whole_budget_plan_read_from_the_walk_is_the_walk_without_the_curve(
    catalog, example, budget
):
    """The verdict's what-if starts from the plan's own walk: the plan it reads there at the
    whole budget is the one a walk to the budget alone makes."""
    s = setup(load_profile(EXAMPLES / example), catalog, budget)
    alone = walk(s, with_curve=False, spend_all=True).state
    read = whole_budget(s, walk(s))
    assert read is not None
    assert np.array_equal(read.mask, alone.mask)
    assert np.array_equal(read.sig, alone.sig)
