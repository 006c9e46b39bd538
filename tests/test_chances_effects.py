"""File effects refitted or added by issue 15: years past 10 keep lowering the chances, a
passed Step 3 counts for every visa."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from smartpick.chances import Applicant
from test_chances import MODEL, PROGRAMS, applicants, arrays_of, assert_not_lower, models

SETTINGS = settings(max_examples=25, deadline=None)
REACHABLE = st.builds(
    Applicant,
    visa=st.sampled_from(["none", "j1", "either"]),
    step2ck=st.integers(200, 270).map(float),
    failures=st.integers(0, 2),
    hands_on_months=st.floats(0, 12),
    strong_us_letters=st.integers(0, 3),
)


@SETTINGS
@given(REACHABLE, models, st.floats(10, 14), st.floats(0.25, 5))
def test_more_years_strictly_lower_p_match_from_10_to_15(app, model, start, more):
    end = min(start + more, 15.0)
    before = dataclasses.replace(app, years_since_graduation=start)
    after = dataclasses.replace(app, years_since_graduation=end)
    p_before, p_after = model.p_match(before, PROGRAMS), model.p_match(after, PROGRAMS)
    assert p_after < p_before


def test_a_15_year_graduate_is_not_a_10_year_one():
    ten = Applicant(step2ck=240.0, years_since_graduation=10)
    fifteen = dataclasses.replace(ten, years_since_graduation=15)
    assert MODEL.p_match(fifteen, PROGRAMS) < 0.95 * MODEL.p_match(ten, PROGRAMS)


@SETTINGS
@given(applicants, models)
def test_step3_never_lowers_a_probability(app, model):
    without = dataclasses.replace(app, step3_passed=False)
    passed = dataclasses.replace(app, step3_passed=True)
    assert_not_lower(arrays_of(model, passed), arrays_of(model, without))


def test_step3_counts_for_a_j1_and_a_us_applicant_too():
    for visa in ("j1", "none"):
        app = Applicant(visa=visa, step2ck=235.0)
        with_step3 = dataclasses.replace(app, step3_passed=True)
        gain = MODEL.predict_proba(with_step3, PROGRAMS) - MODEL.predict_proba(app, PROGRAMS)
        assert np.nanmax(gain) > 1e-4
