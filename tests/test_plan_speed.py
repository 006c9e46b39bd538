"""The plan's shortcuts for speed (issue 16) give the numbers of the long way round: the
verdict's screened what-if list, the shared candidate layout, the per-listing maximum and
the objective's terms computed once per distinct value."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from smartpick.catalog import open_catalog
from smartpick.planning.build import candidates_for, layout, max_into, target_specialties
from smartpick.planning.engine import setup, walk, whole_budget
from smartpick.planning.quick import SCREEN_MARGIN, quick_p_match
from smartpick.planning.utility import TERMS, active_terms, worth
from smartpick.planning.verdict import best_change
from smartpick.planning.whatif import evaluate, summary_of
from smartpick.profile import load_profile


@pytest.fixture(scope="module")
def catalog():
    return open_catalog()


@pytest.mark.parametrize(
    "example", ["anesthesiology-nonus-img.yaml", "no-step2ck-recent-grad.yaml"]
)
def test_the_screened_verdict_names_the_best_change_of_the_whole_list(catalog, example):
    """The verdict plans only the changes whose quick estimate could make them the best one:
    it names the same change, with the same figures, as the whole what-if list planned.
    (no-step2ck-recent-grad: two changes tie at +20.8 points.)"""
    s = setup(load_profile(EXAMPLES / example), catalog)
    walked = walk(s)
    state = whole_budget(s, walked)
    assert state is not None
    every = evaluate(s.profile, catalog, s.budget, s.model, baseline=summary_of(s, state))
    expected = max(every.outcomes, key=lambda o: o.gain)
    assert best_change(s, catalog, walked) == expected


@pytest.mark.parametrize("example", ["anesthesiology-nonus-img.yaml", "dismissed-gap.yaml"])
def test_the_quick_estimate_is_close_to_the_engine(catalog, example):
    """The screen's estimate of the whole-budget plan is within half the screen's margin of
    the engine's plan (measured: within 1.6 points on 54 profiles, docs/plan.md)."""
    s = setup(load_profile(EXAMPLES / example), catalog)
    state = walk(s, with_curve=False, spend_all=True).state
    exact = summary_of(s, state)[0].p_match
    assert abs(quick_p_match(s) - exact) < SCREEN_MARGIN / 2


def test_the_candidate_layout_is_shared_and_keyed_by_what_it_depends_on(catalog):
    profile = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")
    first = candidates_for(profile, catalog, target_specialties(profile))
    again = candidates_for(profile, catalog, target_specialties(profile))
    assert first.layout is again.layout  # computed once
    avoiding = profile.model_copy(
        update={"preferences": profile.preferences.model_copy(update={"avoid_states": ["TX"]})}
    )
    other = candidates_for(avoiding, catalog, target_specialties(avoiding))
    assert other.layout is not first.layout
    assert other.left_out_avoided_state > 0
    assert all(p.state != "TX" for p in other.programs)
    later = layout(first.layout.programs, frozenset(), profile.season + 1)
    assert later is not layout(first.layout.programs, frozenset(), profile.season)


def test_a_cached_layout_gives_the_chances_of_a_fresh_one(catalog):
    from smartpick.planning import build

    profile = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")
    cached = setup(profile, catalog)
    build._LAYOUTS.clear()
    fresh = setup(profile, catalog)
    assert cached.cands.layout is not fresh.cands.layout
    assert np.array_equal(cached.inst.success, fresh.inst.success)
    for a, b in zip(cached.inst.signal_success, fresh.inst.signal_success, strict=True):
        assert np.array_equal(a, b)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(st.integers(0, 9), min_size=0, max_size=30),
    seed=st.integers(0, 2**16),
)
def test_max_into_is_numpy_maximum_at(rows, seed):
    rng = np.random.default_rng(seed)
    at = np.array(rows, dtype=int)
    values = rng.random((len(at), 3))
    start = rng.random((10, 3)) / 2
    expected, got = start.copy(), start.copy()
    np.maximum.at(expected, at, values)
    max_into(got, at, values)
    assert np.array_equal(got, expected)


@pytest.mark.parametrize("example", ["anesthesiology-nonus-img.yaml", "clean.yaml"])
def test_worth_per_distinct_value_is_worth_per_program(catalog, example):
    profile = load_profile(EXAMPLES / example)
    programs = candidates_for(profile, catalog, target_specialties(profile)).programs
    assert active_terms(profile)
    expected = np.ones(len(programs))
    for term in active_terms(profile):
        expected *= np.array([term.worth(profile, p) for p in programs])
    assert np.array_equal(worth(profile, programs), expected)
    assert {t.name for t in TERMS} >= {t.name for t in active_terms(profile)}


def test_the_curve_reuses_the_walks_figures_and_the_whole_budget_its_plan(catalog):
    """The curve's points at the walk's own plans carry the figures the walk measured (the
    same as measuring them again), and where the plan is made for the whole budget the
    verdict reads that plan instead of improving the same list a second time."""
    from dataclasses import replace

    from smartpick.planning.objective import value

    s = setup(load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml"), catalog)
    walked = walk(s)
    assert walked.walker is not None and walked.spend == s.budget.amount
    plain = replace(s.inst, utility=np.ones(s.inst.n))
    by_budget = {p.budget: p for p in walked.curve}
    for point, state in zip(walked.walker.points, walked.walker.states, strict=True):
        shown = by_budget[point.budget]
        if shown.value == point.value:  # the walk's plan there, not the plan itself
            assert shown.p_match == value(plain, state.mask, state.sig)
            assert shown.cost_usd == walked.walker.costs.cost(state.counts)
    assert whole_budget(s, walked) is walked.state
    alone = walk(s, with_curve=False, spend_all=True).state
    assert np.array_equal(alone.mask, walked.state.mask)
    assert np.array_equal(alone.sig, walked.state.sig)


def test_the_fees_of_the_next_applications_are_remembered_read_only():
    from smartpick.planning.instance import CostModel

    costs = CostModel((np.array([0.0, 10.0, 20.0, 45.0]), np.array([0.0, 5.0, 5.0])), 80.0)
    for counts in ([0, 0], [1, 0], [2, 2], [3, 1]):
        c = np.array(counts)
        first = costs.marginal(c)
        assert costs.marginal(c.copy()) is first and not first.flags.writeable
        fresh = CostModel(costs.totals, costs.fixed).marginal(c, 2)
        assert np.array_equal(costs.marginal(c, 2), fresh)
    assert costs.marginal(np.array([0, 0])).tolist() == [90.0, 85.0]  # the fixed cost once


def test_max_into_remembers_the_runs_of_a_shared_row_array():
    at = np.array([0, 0, 2, 3, 3, 3, 5])
    at.setflags(write=False)  # as a layout shares them
    rng = np.random.default_rng(4)
    for _ in range(3):  # the same rows, other values: the remembered runs still fit
        values = rng.random((len(at), 2))
        expected, got = np.zeros((6, 2)), np.zeros((6, 2))
        np.maximum.at(expected, at, values)
        max_into(got, at, values)
        assert np.array_equal(got, expected)


def test_the_catalog_selection_is_remembered_but_each_caller_gets_its_own_list(catalog):
    from smartpick.errors import SmartpickError

    first = catalog.programs_for(["anesthesiology"], ("C", "A"))
    first.clear()  # a caller's list is its own
    again = catalog.programs_for(["anesthesiology"], ("C", "A"))
    every = [p for p in catalog.all_programs() if p.specialty == "anesthesiology"]
    assert again == [p for p in every if p.track in ("C", "A")] and again
    with pytest.raises(SmartpickError):
        catalog.programs_for(["no-such-specialty"])


def test_worth_of_a_list_is_worth_of_the_same_tuple(catalog):
    profile = load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml")
    programs = candidates_for(profile, catalog, target_specialties(profile)).programs
    assert np.array_equal(worth(profile, list(programs)), worth(profile, programs))


class _Forgetful(dict):
    """A shortlist memo that remembers nothing: every shortlist is computed afresh."""

    def __setitem__(self, key, value):
        pass


def test_the_remembered_pair_shortlists_give_the_walk_of_fresh_ones(catalog):
    """The advanced and PGY-1 shortlists remembered between greedy steps (search._shortlist)
    give the same plan and curve as computing them at every step."""
    from dataclasses import replace

    s = setup(load_profile(EXAMPLES / "anesthesiology-nonus-img.yaml"), catalog)
    assert not s.inst.all_main  # advanced tracks: the pair moves are searched
    remembered = walk(s)
    assert s.inst.pair_shortlists  # used
    fresh = replace(s, inst=replace(s.inst))  # a new instance, with its own memo
    fresh.inst.__dict__["pair_shortlists"] = _Forgetful()
    afresh = walk(fresh)
    assert not fresh.inst.pair_shortlists
    assert remembered.curve == afresh.curve
    assert np.array_equal(remembered.state.mask, afresh.state.mask)
    assert np.array_equal(remembered.state.sig, afresh.state.sig)
