"""ERAS fees: every tier of the shipped schedule, seasons, assumptions, whole applications."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from smartpick.errors import InputError
from smartpick.planning.fees import (
    application_cost,
    fee_schedule,
    marginal_fee_usd,
    marginal_fees_usd,
    specialty_fee_usd,
)

# Expected totals worked out by hand from eras_fee_schedule.csv:
# 2024: 99 flat for 1-10, 19 each for 11-20, 23 each for 21-30, 27 each for 31+.
# 2025 and 2026: 11 each for 1-30, 30 each for 31+.
CASES = [
    (2024, 0, 0),
    (2024, 1, 99),
    (2024, 10, 99),
    (2024, 11, 118),
    (2024, 20, 289),
    (2024, 21, 312),
    (2024, 30, 519),
    (2024, 31, 546),
    (2024, 40, 789),
    (2025, 1, 11),
    (2025, 30, 330),
    (2025, 31, 360),
    (2025, 50, 930),
    (2026, 0, 0),
    (2026, 1, 11),
    (2026, 30, 330),
    (2026, 31, 360),
    (2026, 100, 2430),
]


@pytest.mark.parametrize(("season", "n", "expected"), CASES)
def test_specialty_fee_matches_hand_worked_table(season: int, n: int, expected: int) -> None:
    assert specialty_fee_usd(season, n) == expected


def _residency_rows() -> list[dict[str, str]]:
    text = (
        resources.files("smartpick")
        .joinpath("data", "sources", "eras_fee_schedule.csv")
        .read_text(encoding="utf-8")
    )
    rows = csv.DictReader(text.splitlines())
    return [r for r in rows if r["eras_season"].isdigit() and r["application_type"] == "residency"]


@pytest.mark.parametrize(
    "row", _residency_rows(), ids=lambda r: f"{r['eras_season']}-{r['programs_from']}"
)
def test_every_tier_of_the_csv(row: dict[str, str]) -> None:
    season, first, fee = int(row["eras_season"]), int(row["programs_from"]), int(row["fee_usd"])
    # The first application of a tier costs the tier's fee (flat or per application) ...
    assert marginal_fee_usd(season, first - 1) == fee
    if row["programs_to"]:
        last = int(row["programs_to"])
        per_app = 0 if row["fee_basis"].startswith("flat") else fee
        # ... the others of the tier cost nothing more (flat) or the same fee each.
        assert marginal_fee_usd(season, first, last - first) == per_app * (last - first)


def test_later_season_reuses_latest_schedule_marked_assumed() -> None:
    schedule = fee_schedule(2028)
    assert schedule.assumed and schedule.data_season == 2026
    assert "2026" in (schedule.assumption or "")
    assert specialty_fee_usd(2028, 31) == 360
    assert not fee_schedule(2026).assumed


def test_season_before_the_data_is_an_input_error() -> None:
    with pytest.raises(InputError) as err:
        fee_schedule(2020)
    assert err.value.path == "season"


def test_negative_count_is_refused() -> None:
    with pytest.raises(InputError):
        specialty_fee_usd(2026, -1)


def test_marginal_fees_sum_to_total() -> None:
    steps = marginal_fees_usd(2024, 35)
    assert steps[0] == 99 and steps[1] == 0 and steps[10] == 19 and steps[30] == 27
    assert sum(steps) == specialty_fee_usd(2024, 35)


def test_application_cost_2024_adds_transcript_fee() -> None:
    cost = application_cost(2024, {"internal-medicine": 10, "transitional-year": 5, "x": 0})
    assert cost.application_fees_usd == 99 + 99
    assert cost.transcript_fee_usd == 80
    assert cost.total_usd == 278
    assert [s.specialty for s in cost.specialties] == ["internal-medicine", "transitional-year"]
    assert not cost.assumed


def test_application_cost_2026_tiers_restart_per_specialty() -> None:
    cost = application_cost(2026, {"internal-medicine": 31, "transitional-year": 5})
    im = cost.specialties[0]
    assert im.fee_usd == 360
    assert [(t.n_programs, t.subtotal_usd) for t in im.tiers] == [(30, 330), (1, 30)]
    assert cost.total_usd == 360 + 55
    # The transcript fee was not restated after 2024: unknown, listed with its last figure.
    assert cost.transcript_fee_usd is None
    transcript = [c for c in cost.not_covered if c.name == "USMLE transcript fee"]
    assert transcript and transcript[0].fee_usd == 80


def test_not_covered_lists_nrmp_and_travel_without_invented_figures() -> None:
    cost = application_cost(2027, {"anesthesiology": 40})
    names = " ".join(c.name for c in cost.not_covered)
    assert "NRMP" in names and "ECFMG" in names and "travel" in names
    assert all(c.fee_usd is None or c.source for c in cost.not_covered)
    assert cost.assumed
