"""The Step 2 CK band check: targets derived from the published distributions."""

from __future__ import annotations

import math

import pytest

from smartpick.chances import figures
from smartpick.chances.bands import EDGES, _mass, all_band_rows


def test_band_targets_average_back_to_the_published_match_rate():
    c = figures.cohort("internal-medicine")
    assert c is not None and c.step2_matched and c.step2_unmatched
    shares, matched = 0.0, 0.0
    for lo, hi in zip(EDGES, EDGES[1:], strict=False):
        pm, pu = _mass(lo, hi, c.step2_matched), _mass(lo, hi, c.step2_unmatched)
        share = c.match_rate * pm + (1 - c.match_rate) * pu
        shares += share
        matched += c.match_rate * pm
    assert shares == pytest.approx(1.0, abs=1e-9)
    assert matched == pytest.approx(c.match_rate, abs=1e-9)


def test_family_medicine_published_curve_falls_at_the_top():
    fm = [r for r in all_band_rows() if r.specialty == "family-medicine"]
    assert fm[-1].target_pct < fm[0].target_pct  # the applicant-pool effect (issue 15)


def test_most_bands_are_within_five_points():
    rows = all_band_rows()
    inside = sum(r.within_tolerance for r in rows)
    # measured 42 of 50 (docs/model.md); family medicine's falling curve is not reproduced
    assert inside >= 40 and all(not math.isnan(r.model_pct) for r in rows)
