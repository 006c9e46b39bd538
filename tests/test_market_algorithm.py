"""The matching engine: hand-worked classic cases and properties on random instances."""

from __future__ import annotations

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartpick.errors import NoStableMatchingError, SmartpickError
from smartpick.market import (
    blocking_pairs,
    match,
    match_with_reversion,
    over_capacity,
    stable_match,
    unacceptable_pairs,
)
from strategies import Market, markets

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# ----- classic cases, worked by hand ----------------------------------------

# (applicant_prefs, program_prefs, capacities, expected): each traced by hand in
# the order applicants propose; deferred acceptance's answer does not depend on it.
PLAIN_CASES = {
    # Gale-Shapley with one seat each: A0 loses P0 to A1, takes P1 from A2; A2 ends at P2.
    "one-to-one": (
        [[0, 1, 2], [0, 2, 1], [1, 0, 2]],
        [[1, 0, 2], [0, 2, 1], [0, 1, 2]],
        [1, 1, 1],
        [1, 0, 2],
    ),
    # Two seats each: R2 and R4 push R1 and R0 out of H0; R0 pushes R3 out of H1;
    # R3 is worse than both holders of H0, so unmatched.
    "capacities": (
        [[0, 1], [0, 1], [0], [1, 0], [0, 1]],
        [[2, 4, 0, 1, 3], [0, 1, 3, 4]],
        [2, 2],
        [1, 1, 0, -1, 0],
    ),
    # P0 does not rank A0: no match even with a free seat.
    "not-mutually-acceptable": ([[0]], [[]], [1], [-1]),
    # No seats: nobody matches.
    "zero-capacity": ([[0], [0]], [[0, 1]], [0], [-1, -1]),
    # Applicant-optimal, not program-optimal: each applicant gets its first choice
    # although each program would rather have the other applicant.
    "applicant-optimal": ([[0, 1], [1, 0]], [[1, 0], [0, 1]], [1, 1], [0, 1]),
}


@pytest.mark.parametrize("name", sorted(PLAIN_CASES))
def test_classic_plain_cases(name: str) -> None:
    applicant_prefs, program_prefs, capacities, expected = PLAIN_CASES[name]
    assert stable_match(applicant_prefs, program_prefs, capacities) == expected


# Couples: (applicant_prefs, program_prefs, capacities, couples, expected).
COUPLE_CASES = {
    # The couple (0, 1) outranks single 2 at P0: 2 is displaced and falls to P2.
    "couple-displaces-single": (
        [[], [], [0, 2]],
        [[0, 2], [1], [2, 0]],
        [1, 1, 1],
        [(0, 1, [(0, 1), (2, 1)])],
        [0, 1, 2],
    ),
    # Single 2 outranks member 0 at P0, so the couple takes its second pair.
    "couple-takes-second-pair": (
        [[], [], [0, 2]],
        [[2, 0], [1], [2, 0]],
        [1, 1, 1],
        [(0, 1, [(0, 1), (2, 1)])],
        [2, 1, 0],
    ),
    # (P0, P0) needs both of P0's two seats, but P0 ranks single 2 above member 1;
    # the couple falls back to (P0, unmatched), which fits beside 2.
    "same-program-needs-both-seats": (
        [[], [], [0]],
        [[0, 2, 1]],
        [2],
        [(0, 1, [(0, 0), (0, -1)])],
        [0, -1, 0],
    ),
    # Instability chaining: couple A = (0, 1) takes (P0, P1) and pushes single 2
    # from P1 down to P2; couple B = (3, 4) then takes P0 from member 0, so A
    # withdraws member 1 from P1. P1 is free again and single 2, once turned
    # away there, must come back to it (else 2 and P1 block).
    "instability-chaining": (
        [[], [], [1, 2], [], []],
        [[3, 0], [1, 2], [2], [4]],
        [1, 1, 1, 1],
        [(0, 1, [(0, 1)]), (3, 4, [(0, 3)])],
        [-1, -1, 1, 0, 3],
    ),
    # A couple ranking only (-1, -1) stays out; the single is unaffected.
    "couple-stays-out": (
        [[], [], [0]],
        [[0, 1, 2]],
        [1],
        [(0, 1, [(-1, -1), (0, 0)])],
        [-1, -1, 0],
    ),
}


@pytest.mark.parametrize("name", sorted(COUPLE_CASES))
def test_classic_couple_cases(name: str) -> None:
    applicant_prefs, program_prefs, capacities, couples, expected = COUPLE_CASES[name]
    assert stable_match(applicant_prefs, program_prefs, capacities, couples=couples) == expected


def test_couples_without_stable_matching_raise() -> None:
    # Roth (1984)-style: single 0 prefers P1 to P0; the couple (1, 2) wants only
    # (P0, P1); P0 ranks 0 above 1, P1 ranks 2 above 0; one seat each. Couple in
    # -> 0 goes to P0 and displaces 1; couple out -> 0 prefers the empty P1, and
    # with 0 at P1 the couple's pair takes both seats again. No matching is stable.
    with pytest.raises(NoStableMatchingError) as caught:
        stable_match([[1, 0], [], []], [[0, 1], [2, 0]], [1, 1], couples=[(1, 2, [(0, 1)])])
    assert isinstance(caught.value, SmartpickError)
    assert "no stable matching" in caught.value.message


# Supplemental lists: applicant 0 ranks advanced program A=0; single 1 ranks P1.
SUPPLEMENTAL_CASES = {
    # P1 prefers single 1, so 0's PGY-1 is its second choice P2.
    "pgy1-second-choice": ([[0], [1]], [[0], [1, 0], [0]], {0: [1, 2]}, [0, 1], [2, -1]),
    # P1 prefers 0: the PGY-1 proposal displaces single 1, who has nowhere else.
    "pgy1-displaces-single": ([[0], [1]], [[0], [0, 1], [0]], {0: [1, 2]}, [0, -1], [1, -1]),
    # A does not rank 0, so 0 holds no advanced position and its PGY-1 list is unused.
    "unused-without-advanced": ([[0], [1]], [[], [0, 1], [0]], {0: [1, 2]}, [-1, 1], [-1, -1]),
    # NRMP form: the list is linked to A only.
    "linked-form": ([[0], [1]], [[0], [1, 0], [0]], {0: {0: [2, 1]}}, [0, 1], [2, -1]),
}


@pytest.mark.parametrize("name", sorted(SUPPLEMENTAL_CASES))
def test_supplemental_cases(name: str) -> None:
    applicant_prefs, program_prefs, supplemental, programs, pgy1 = SUPPLEMENTAL_CASES[name]
    result = match(applicant_prefs, program_prefs, [1, 1, 1], supplemental=supplemental)
    assert (result.programs, result.pgy1) == (programs, pgy1)
    assert (
        stable_match(applicant_prefs, program_prefs, [1, 1, 1], supplemental=supplemental)
        == programs
    )


def test_reversion_moves_unfilled_seats_and_rematches() -> None:
    # Prelim P0 (2 seats) fills only 1 and reverts the other to categorical P1,
    # where A1, turned away by the one-seat P1, now fits.
    outcome = match_with_reversion([[1], [1], [0]], [[2], [0, 1]], [2, 1], reversion={0: 1})
    assert outcome.result.programs == [1, 1, 0]
    assert outcome.capacities == [1, 2]
    assert outcome.reverted == {0: 1}


@pytest.mark.parametrize(
    "applicant_prefs, program_prefs, capacities",
    [
        ([[0, 0]], [[0]], [1]),
        ([[1]], [[0]], [1]),
        ([[0]], [[3]], [1]),
        ([[0]], [[0]], [-1]),
        ([[0]], [[0]], []),
    ],
)
def test_malformed_input_is_refused(applicant_prefs, program_prefs, capacities) -> None:
    with pytest.raises(ValueError):
        stable_match(applicant_prefs, program_prefs, capacities)


# ----- properties on random instances ---------------------------------------


def assert_valid(market: Market, programs: list[int], pgy1: list[int] | None = None) -> None:
    args = (market.applicant_prefs, market.program_prefs)
    assert over_capacity(market.capacities, programs, pgy1) == []
    assert unacceptable_pairs(*args, programs, market.couples, market.supplemental, pgy1) == []
    assert (
        blocking_pairs(
            *args, market.capacities, programs, market.couples, market.supplemental, pgy1
        )
        == []
    )


def resident_optimal(market: Market) -> list[int]:
    """The `matching` package's resident-optimal stable matching (the oracle).

    It cannot hold a hospital without seats, so those are left out (they match nobody).
    """
    from matching.games import HospitalResident

    open_programs = {p for p, cap in enumerate(market.capacities) if cap > 0}
    resident_prefs = {
        a: [p for p in prefs if p in open_programs]
        for a, prefs in enumerate(market.applicant_prefs)
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            resident_prefs,
            {p: market.program_prefs[p] for p in open_programs},
            {p: market.capacities[p] for p in open_programs},
            clean=True,
        )
        solution = game.solve(optimal="resident")
    matched = [-1] * len(market.applicant_prefs)
    for hospital, residents in solution.items():
        for resident in residents:
            matched[resident.name] = hospital.name
    return matched


@PROPERTY
@given(markets())
def test_plain_match_is_valid_and_stable(market: Market) -> None:
    assert_valid(
        market, stable_match(market.applicant_prefs, market.program_prefs, market.capacities)
    )


@PROPERTY
@given(markets(max_applicants=7, max_programs=4))
def test_plain_match_equals_matching_package(market: Market) -> None:
    ours = stable_match(market.applicant_prefs, market.program_prefs, market.capacities)
    assert ours == resident_optimal(market)


@PROPERTY
@given(markets(with_couples=True))
def test_match_with_couples_is_valid_and_stable_or_reported(market: Market) -> None:
    try:
        result = stable_match(
            market.applicant_prefs, market.program_prefs, market.capacities, market.couples
        )
    except NoStableMatchingError:
        return
    assert_valid(market, result)


@PROPERTY
@given(markets(with_supplemental=True))
def test_match_with_supplemental_lists_is_valid_and_stable(market: Market) -> None:
    try:
        result = match(
            market.applicant_prefs,
            market.program_prefs,
            market.capacities,
            supplemental=market.supplemental,
        )
    except NoStableMatchingError:
        return
    assert_valid(market, result.programs, result.pgy1)


@PROPERTY
@given(markets(with_couples=True))
def test_couples_wanting_one_seat_match_like_singles(market: Market) -> None:
    # A couple whose second member wants nothing is a single applicant in disguise:
    # the Roth-Peranson path must then give the plain deferred-acceptance answer.
    applicant_prefs = [list(prefs) for prefs in market.applicant_prefs]
    couples = []
    for i, k, _ in market.couples:
        couples.append((i, k, [(p, -1) for p in applicant_prefs[i]]))
        applicant_prefs[k] = []
    plain = stable_match(applicant_prefs, market.program_prefs, market.capacities)
    assert stable_match(applicant_prefs, market.program_prefs, market.capacities, couples) == plain


@pytest.mark.parametrize(
    "supplemental",
    [{0: [0]}, {0: {1: [2]}}, {0: {0: [0]}}],
    ids=["pgy1-on-own-list", "linked-to-unranked-program", "linked-list-holds-own-program"],
)
def test_malformed_supplemental_lists_are_refused(supplemental) -> None:
    with pytest.raises(ValueError):
        match([[0], [1]], [[0], [1, 0], [0]], [1, 1, 1], supplemental=supplemental)


@PROPERTY
@given(markets(), st.data())
def test_reversion_conserves_seats_and_ends_stable(market: Market, data: st.DataObject) -> None:
    m = len(market.capacities)
    targets = st.integers(0, m - 1)
    reversion = data.draw(st.dictionaries(st.integers(0, m - 1), targets, max_size=m))
    outcome = match_with_reversion(
        market.applicant_prefs, market.program_prefs, market.capacities, reversion
    )
    assert set(outcome.reverted) <= set(reversion)
    for j, cap in enumerate(market.capacities):
        moved_in = sum(seats for src, seats in outcome.reverted.items() if reversion[src] == j)
        assert outcome.capacities[j] == cap - outcome.reverted.get(j, 0) + moved_in
    final = Market(market.applicant_prefs, market.program_prefs, outcome.capacities)
    assert_valid(final, outcome.result.programs)


def test_a_single_displaced_by_a_couple_gets_the_seat_the_other_couple_frees():
    """Regression (found by Hypothesis): couple (1, 3) takes program 2 from applicant 2 and
    program 0's seat from single 6; couple (0, 2) breaks and frees program 0's other seat.
    The vacancy came while 6 was still recorded at program 0, so 6 was left unmatched."""
    applicant_prefs = [[], [], [], [], [], [], [0]]
    program_prefs = [[0, 1, 2, 3, 4, 5, 6], [0, 1, 2], [0, 1, 2], [0, 1, 2]]
    couples = [(0, 2, [(0, 2)]), (1, 3, [(2, 0)])]
    result = stable_match(applicant_prefs, program_prefs, [2, 0, 1, 0], couples=couples)
    assert result == [-1, 2, -1, 0, -1, -1, 0]
    market = Market(applicant_prefs, program_prefs, [2, 0, 1, 0], couples, {})
    assert_valid(market, result)


def test_a_displaced_pgy1_application_tries_the_rest_of_its_list():
    """Regression (found by Hypothesis): applicant 2's supplemental application to program 1
    was displaced there and never tried program 2, which had a free seat."""
    applicant_prefs = [[], [], [0], [0, 1], [], [], [1, 0], [1], []]
    program_prefs = [[0, 6, 2, 3], [0, 7, 3, 2, 4, 5, 6], [0, 1, 2, 3]]
    supplemental = {2: {0: [1, 2]}}
    result = match(applicant_prefs, program_prefs, [2, 2, 1], supplemental=supplemental)
    assert result.pgy1[2] == 2
    market = Market(applicant_prefs, program_prefs, [2, 2, 1], [], supplemental)
    assert_valid(market, result.programs, result.pgy1)
