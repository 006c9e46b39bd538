"""Signal counts per specialty and season (program_signals_by_specialty.csv), checked by hand."""

from __future__ import annotations

import pytest

from smartpick.planning.build import institution_of, pool_of
from smartpick.planning.signals import signal_quota


@pytest.mark.parametrize(
    ("specialty", "season", "tiers", "data_season", "assumed"),
    [
        # 2026 rows: anesthesiology 5 gold + 10 silver, internal medicine 3 gold + 12 silver
        ("anesthesiology", 2026, (("gold", 5), ("silver", 10)), 2026, False),
        ("internal-medicine", 2026, (("gold", 3), ("silver", 12)), 2026, False),
        # a later season reuses the latest published one, marked assumed
        ("anesthesiology", 2028, (("gold", 5), ("silver", 10)), 2026, True),
        # 2023 rows were not tiered: anesthesiology 5 signals
        ("anesthesiology", 2023, (("signal", 5),), 2023, False),
        # 2024: internal medicine 7 signals, not tiered
        ("internal-medicine", 2024, (("signal", 7),), 2024, False),
        # transitional year first appears in 2025 with 12 signals
        ("transitional-year", 2025, (("signal", 12),), 2025, False),
    ],
)
def test_signal_counts(specialty, season, tiers, data_season, assumed):
    q = signal_quota(specialty, season)
    assert q.tiers == tiers
    assert q.data_season == data_season
    assert q.assumed is assumed
    assert q.source


def test_no_signals_before_the_data_or_without_rows():
    assert signal_quota("transitional-year", 2024).tiers == ()
    assert signal_quota("internal-medicine-preliminary", 2026).tiers == ()


def test_radiology_specialties_share_one_signal_pool():
    assert pool_of("diagnostic-radiology") == pool_of("interventional-radiology")
    assert pool_of("anesthesiology") != pool_of("internal-medicine")


class _P:
    code = "1208040C0"


def test_signals_go_to_the_institution_code():
    assert institution_of(_P()) == "1208"
