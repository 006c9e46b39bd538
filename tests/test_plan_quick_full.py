"""The verdict's quick screen on a budget that buys every candidate: no numpy warning."""

import warnings
from pathlib import Path

from smartpick.catalog import open_catalog
from smartpick.planning.engine import setup
from smartpick.planning.quick import quick_p_match
from smartpick.profile import load_profile

PROFILE = """\
season: 2026
citizenship: us
medical_school: {country: Grenada, graduation: 2024-05}
exams:
  - {exam: step1, result: pass, date: 2022-03}
  - {exam: step2ck, score: 240, date: 2023-06}
targets: {primary: child-neurology}
budget: {usd: 200000}
"""


def test_a_budget_past_every_candidate_screens_without_a_warning(tmp_path: Path):
    path = tmp_path / "profile.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    s = setup(load_profile(path), open_catalog())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # 'invalid value encountered in divide' fails here
        p = quick_p_match(s)
    assert 0.0 < p <= 1.0
