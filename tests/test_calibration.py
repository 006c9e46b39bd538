"""Calibration to Charting Outcomes 2026: the shipped fit is reproducible and meets the targets."""

from __future__ import annotations

import json

import numpy as np
import pytest

from smartpick.chances import ChanceModel, figures, load_assumptions, load_fitted
from smartpick.chances.calibration import (
    MIN_APPLICANTS,
    TOLERANCE_POINTS,
    TOLERANCE_PP,
    calibration_report,
    input_digest,
)
from smartpick.chances.cohort import (
    application_sets,
    catalog_rates,
    cohort_outcome,
    specialty_input,
    track_rates,
)

SHIPPED = load_fitted()


def test_refit_reproduces_the_shipped_parameters():
    model = ChanceModel(assumptions=load_assumptions())
    assert model.fit() is model  # estimator contract: fit() returns self
    refit = model.params_
    for name in ("match_intercept", "competition_slope", "log_score_slope_per_10", "log_latent_sd"):
        assert getattr(refit, name) == pytest.approx(getattr(SHIPPED, name), abs=1e-3), name
    assert set(refit.specialties) == set(SHIPPED.specialties)
    for name, fit in refit.specialties.items():
        assert fit.match_offset == pytest.approx(SHIPPED.specialties[name].match_offset, abs=1e-2)


def test_shipped_file_names_its_date_and_current_inputs():
    assert SHIPPED.fitted_on
    assert SHIPPED.inputs["input_digest"] == input_digest()
    assert SHIPPED.label == "calibrated"


def test_every_specialty_with_100_applicants_is_fitted():
    # from the Charting Outcomes summary: pediatrics 791 ... obstetrics-gynecology 134
    expected = {
        "pediatrics",
        "psychiatry",
        "diagnostic-radiology",
        "emergency-medicine",
        "family-medicine",
        "internal-medicine",
        "pathology",
        "neurology",
        "anesthesiology",
        "obstetrics-gynecology",
        "general-surgery",
    }
    big = {s for s, c in figures.cohorts().items() if c.total >= MIN_APPLICANTS}
    assert big == expected
    assert set(SHIPPED.specialties) == expected


@pytest.mark.parametrize("specialty", sorted(SHIPPED.specialties))
def test_shipped_fit_meets_the_targets(specialty):
    si = specialty_input(specialty, load_assumptions())
    assert si is not None
    out = cohort_outcome(si, SHIPPED)
    c = si.cohort
    assert c.step2_matched and c.step2_unmatched
    assert abs(100 * (out.match_rate - c.match_rate)) <= TOLERANCE_PP
    assert abs(out.matched_step2 - c.step2_matched.mean) <= TOLERANCE_POINTS
    assert abs(out.unmatched_step2 - c.step2_unmatched.mean) <= TOLERANCE_POINTS


def test_report_prints_unfitted_checks_beside_the_fitted_ones():
    report = calibration_report(refit=False)
    assert report.all_fitted_within_tolerance
    rows = {r.specialty: r for r in report.rows}
    assert rows["internal-medicine"].target_match_rate_pct == 48.5  # 3392 / 6992
    assert all(r.left_out_match_rate_pct is not None for r in report.rows if r.fitted)
    assert all(r.left_out_match_rate_pct is None for r in report.rows if not r.fitted)
    im = rows["internal-medicine"]
    assert im.target_ranks_matched is not None and im.target_ranks_matched.median == 5.0
    # matched applicants had more interviews than unmatched ones, in the model as in the data
    assert im.model_interviews_matched.mean > im.model_interviews_unmatched.mean


def test_application_lists_hold_distinct_programs_drawn_by_weight():
    rng = np.random.default_rng(0)
    weights = np.array([8.0, 4.0, 2.0, 1.0, 1e-12])
    lists = application_sets(rng, 2000, weights, 3)
    # without replacement: three different programs on every list
    assert all(len(set(row)) == 3 for row in lists.tolist())
    # a program of (almost) zero weight is (almost) never chosen; the heaviest nearly always
    counts = np.bincount(lists.ravel(), minlength=5)
    assert counts[4] == 0
    assert counts[0] > counts[1] > counts[2] > counts[3]


def test_calibration_cohort_applies_to_real_programs_without_replacement():
    a = load_assumptions()
    si = specialty_input("internal-medicine", a)
    assert si is not None
    tracks = track_rates("internal-medicine", a)
    # the catalog's internal-medicine C and M tracks (760 in the shipped 2024 catalog)
    assert tracks.size == len(catalog_rates("internal-medicine")) > 500
    assert (si.counts.sum(axis=1) == si.n_applications).all()
    # no track drawn twice: each rate is used at most as often as tracks have it
    available = np.array([np.sum(tracks == r) for r in si.rates])
    assert (si.counts <= available).all()
    # drawing with replacement in proportion to the rate would give a mean rate per
    # application of sum(r^2) / sum(r); without replacement the high-rate tracks run out
    with_replacement = float(np.sum(tracks**2) / np.sum(tracks))
    drawn = float(np.mean(si.rates[si.members]))
    assert tracks.mean() < drawn < with_replacement


class _Fit:
    """What main() needs of a fit, without the minutes a real refit takes."""

    class params:  # noqa: N801 - stands in for the FittedParams attribute
        @staticmethod
        def model_dump() -> dict:
            return {"match_intercept": -1.0}


@pytest.fixture
def quick_fit(monkeypatch):
    from smartpick.chances import calibration

    monkeypatch.setattr(calibration, "fit_params", lambda: _Fit())
    shipped = calibration.SHIPPED.read_bytes()
    yield calibration
    assert calibration.SHIPPED.read_bytes() == shipped  # the tracked file is never touched


def test_refit_tool_prints_and_writes_nothing_by_default(quick_fit, capsys):
    """Regression (issue 18): `python -m smartpick.chances.calibration` rewrote the tracked
    src/smartpick/data/fitted_params.json."""
    assert quick_fit.main([]) == 0
    assert '"match_intercept": -1.0' in capsys.readouterr().out


def test_refit_tool_writes_to_the_output_it_is_given(quick_fit, tmp_path):
    out = tmp_path / "fit.json"
    assert quick_fit.main(["-o", str(out)]) == 0
    assert '"match_intercept": -1.0' in out.read_text()


def test_refit_tool_help_says_what_it_writes(quick_fit, capsys):
    with pytest.raises(SystemExit):
        quick_fit.main(["--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "Nothing is written unless asked" in text and "--write-shipped" in text


# The report of the shipped fit is computed once per process (calibration_report keeps it):
# this test and test_report_prints_unfitted_checks_beside_the_fitted_ones share it, since the
# suite sends a file's tests to one worker (pyproject: --dist loadfile).
def test_calibrate_json_reports_targets_and_unfitted_checks(cli):
    # --shipped: the check of the shipped fit; fitting again is test_calibration's refit test
    result = cli("calibrate", "--shipped", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["all_fitted_within_tolerance"] is True
    im = next(r for r in data["rows"] if r["specialty"] == "internal-medicine")
    assert abs(im["model_match_rate_pct"] - 48.5) <= 3
    assert im["left_out_match_rate_pct"] is not None
    assert im["target_ranks_matched"]["mean"] == 6.1
