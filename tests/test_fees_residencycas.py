"""ResidencyCAS: OB/GYN (from the 2025 season) and EM (from 2026) do not use the ERAS fees."""

from __future__ import annotations

import pytest

from smartpick.planning.fees import (
    application_cost,
    application_service,
    fee_schedule,
    marginal_fees_usd,
    specialty_fee_usd,
)

# Worked out by hand from residencycas_fee_schedule.csv (SAEM RAMS pricing, 2025-26 cycle):
# 99 flat for 1-18, 18 each for 19-30, 23 each for 31+. The page's own example: 46 -> 683.
CASES = [(1, 99), (18, 99), (19, 117), (30, 315), (31, 338), (46, 683)]


@pytest.mark.parametrize(
    ("specialty", "season", "service"),
    [
        ("obstetrics-gynecology", 2024, "ERAS"),
        ("obstetrics-gynecology", 2025, "ResidencyCAS"),
        ("emergency-medicine", 2025, "ERAS"),
        ("emergency-medicine", 2026, "ResidencyCAS"),
        ("emergency-medicine", 2028, "ResidencyCAS"),
        ("internal-medicine", 2026, "ERAS"),
        ("internal-medicine-emergency-medicine", 2026, "ERAS"),  # not named by the sources
    ],
)
def test_application_service(specialty, season, service) -> None:
    assert application_service(specialty, season) == service
    assert fee_schedule(season, specialty).service == service


@pytest.mark.parametrize(("n", "fee"), CASES)
def test_em_2026_fees_follow_the_published_residencycas_tiers(n, fee) -> None:
    assert specialty_fee_usd(2026, n, "emergency-medicine") == fee
    assert fee_schedule(2026, "emergency-medicine").assumed is False


def test_em_2026_is_not_charged_the_eras_schedule() -> None:
    assert specialty_fee_usd(2026, 46) == 30 * 11 + 16 * 30  # ERAS 2026: 810
    assert specialty_fee_usd(2026, 46, "emergency-medicine") == 683
    assert sum(marginal_fees_usd(2026, 46, "emergency-medicine")) == 683


def test_obgyn_2025_fee_is_assumed_with_reasoning_and_range() -> None:
    schedule = fee_schedule(2025, "obstetrics-gynecology")
    assert schedule.assumed and schedule.service == "ResidencyCAS"
    assert schedule.assumption and "Range" in schedule.assumption
    assert specialty_fee_usd(2025, 20, "obstetrics-gynecology") == 99 + 2 * 18


def test_a_mixed_application_labels_each_service_and_the_assumption() -> None:
    cost = application_cost(2025, {"obstetrics-gynecology": 20, "internal-medicine": 10})
    services = {s.specialty: (s.service, s.fee_usd) for s in cost.specialties}
    assert services == {
        "obstetrics-gynecology": ("ResidencyCAS", 135),
        "internal-medicine": ("ERAS", 110),  # ERAS 2025: 11 each
    }
    assert cost.total_usd == 245 and cost.assumed
    assert "ResidencyCAS" in cost.source and "AAMC" in cost.source
    assert any("ResidencyCAS" in c.name for c in cost.not_covered)
