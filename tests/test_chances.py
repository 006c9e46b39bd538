"""The chance model: sanity properties (Hypothesis), hand-checked cases, strong vs stacked files,
and "no number is a constant in code"."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smartpick import datafiles
from smartpick.chances import (
    Applicant,
    ChanceModel,
    ProgramFacts,
    load_assumptions,
    p_match_at_least_one,
    p_match_range,
)
from smartpick.chances.model import interview_count_distribution

IM, AN = "internal-medicine", "anesthesiology"
PROGRAMS = (
    ProgramFacts("0001140C0", IM, rates=MappingProxyType({"rate_non_us_img": 0.05})),
    ProgramFacts("0002140C0", IM, visa_policy="j1", step2ck_min=230),
    ProgramFacts("0003140C0", IM, visa_policy="j1-h1b", attempts_policy="one-failure-allowed"),
    ProgramFacts("0004140C0", IM, visa_policy="none", max_years_since_graduation=5),
    ProgramFacts("0005140P0", IM, track="P", rates=MappingProxyType({"rate_non_us_img": 0.1})),
    ProgramFacts("0006040A0", AN, track="A", needs_pgy1=True),
    ProgramFacts(
        "0007040C0",
        AN,
        rates=MappingProxyType(
            {"rate_non_us_img": 0.0, "rate_gold_signal": 0.5, "rate_no_signal": 0.03}
        ),
    ),
    ProgramFacts("0008040R0", AN, track="R", reserved=True),
)
CODES = [p.code for p in PROGRAMS]
SETTINGS = settings(max_examples=25, deadline=None)
MODEL = ChanceModel()


def arrays_of(model: ChanceModel, app: Applicant, signals=MappingProxyType({})):
    probs = model.node_probabilities(app, PROGRAMS, signals)
    return [
        probs.pass_filters,
        probs.interview,
        probs.match_if_ranked_first,
        probs.success,
        np.array([p_match_at_least_one(probs.success, probs.weights)]),
    ]


applicants = st.builds(
    Applicant,
    visa=st.sampled_from(["none", "j1", "h1b", "either"]),
    step3_passed=st.booleans(),
    step2ck=st.one_of(st.none(), st.integers(190, 280).map(float)),
    step1=st.one_of(st.none(), st.integers(180, 260).map(float)),
    failures=st.integers(0, 4),
    years_since_graduation=st.floats(0, 25),
    hands_on_months=st.floats(0, 24),
    observership_months=st.floats(0, 24),
    strong_us_letters=st.integers(0, 4),
    professionalism=st.booleans(),
    other_flag_severity=st.floats(0, 100),
    interview_skill=st.sampled_from(["unknown", "weak", "average", "strong"]),
    prior_residency=st.booleans(),
    advocates=st.dictionaries(st.sampled_from(CODES), st.sampled_from(["strong", "lukewarm"])),
)
models = st.integers(0, 10_000).map(
    lambda seed: MODEL.perturbed(np.random.default_rng(seed)) if seed % 3 else MODEL
)
signal_maps = st.dictionaries(st.sampled_from(CODES), st.sampled_from(["gold", "silver", "signal"]))


def assert_not_lower(better: list[np.ndarray], worse: list[np.ndarray]) -> None:
    for b, w in zip(better, worse, strict=True):
        assert np.all(b >= w - 1e-12)


@SETTINGS
@given(applicants, models, signal_maps)
def test_every_probability_is_in_unit_interval(app, model, signals):
    for values in arrays_of(model, app, signals):
        assert np.all((values >= 0) & (values <= 1))


@SETTINGS
@given(applicants, models, st.integers(1, 40))
def test_higher_step2ck_never_lowers_any_probability(app, model, gain):
    app = dataclasses.replace(app, step2ck=220.0)
    better = dataclasses.replace(app, step2ck=220.0 + gain)
    assert_not_lower(arrays_of(model, better), arrays_of(model, app))


@SETTINGS
@given(applicants, models, st.floats(0.5, 10))
def test_failure_professionalism_or_years_never_raise_a_probability(app, model, years):
    base = arrays_of(model, app)
    worse = [
        dataclasses.replace(app, failures=app.failures + 1),
        dataclasses.replace(app, professionalism=True),
        dataclasses.replace(app, years_since_graduation=app.years_since_graduation + years),
    ]
    for other in worse:
        assert_not_lower(base, arrays_of(model, other))


@SETTINGS
@given(applicants, models)
def test_h1b_never_better_than_j1_never_better_than_no_visa(app, model):
    by_visa = {v: arrays_of(model, dataclasses.replace(app, visa=v)) for v in ("none", "j1", "h1b")}
    assert_not_lower(by_visa["none"], by_visa["j1"])
    assert_not_lower(by_visa["j1"], by_visa["h1b"])


@SETTINGS
@given(applicants, models, st.sampled_from(CODES), st.sampled_from(["strong", "lukewarm"]))
def test_an_advocate_never_lowers_a_probability(app, model, code, strength):
    without = dataclasses.replace(
        app, advocates={k: v for k, v in app.advocates.items() if k != code}
    )
    helped = dataclasses.replace(without, advocates={**without.advocates, code: strength})
    assert_not_lower(arrays_of(model, helped), arrays_of(model, without))


@SETTINGS
@given(applicants, models, st.lists(st.booleans(), min_size=len(PROGRAMS), max_size=len(PROGRAMS)))
def test_p_match_never_falls_when_a_program_is_added(app, model, chosen):
    probs = model.node_probabilities(app, PROGRAMS)
    rows = np.flatnonzero(chosen)
    for extra in range(len(PROGRAMS)):
        bigger = np.union1d(rows, [extra])
        assert (
            p_match_at_least_one(probs.success[bigger], probs.weights)
            >= p_match_at_least_one(probs.success[rows], probs.weights) - 1e-12
        )


# --- hand-checked cases ------------------------------------------------------------------

TYPICAL = Applicant(step2ck=249, hands_on_months=3, strong_us_letters=1, visa="j1")


@pytest.mark.parametrize(
    ("app", "row", "expected_pass"),
    [
        # known J-1-only program (0002), score above its 230 minimum: passes every filter
        # except the unknown-policy ones that do not touch this file
        (TYPICAL, 1, 1.0),
        # the same program with a score under its published minimum: screened out
        (dataclasses.replace(TYPICAL, step2ck=225), 1, 0.0),
        # program 0004 sponsors no visa: a J-1 file cannot pass ...
        (TYPICAL, 3, 0.0),
        # ... a green-card holder can (4 years out, under its 5-year limit)
        (dataclasses.replace(TYPICAL, visa="none", years_since_graduation=4), 3, 1.0),
        # H-1B needed without Step 3: nothing is in reach, even a J-1/H-1B program
        (dataclasses.replace(TYPICAL, visa="h1b"), 2, 0.0),
        (dataclasses.replace(TYPICAL, visa="h1b", step3_passed=True), 2, 1.0),
        # two failures where one is allowed: screened out
        (dataclasses.replace(TYPICAL, failures=2), 2, 0.0),
        # reserved track without prior residency: out of reach
        (TYPICAL, 7, 0.0),
    ],
)
def test_known_policies_decide_the_filters(app, row, expected_pass):
    probs = MODEL.node_probabilities(app, PROGRAMS)
    assert probs.pass_filters[row] == pytest.approx(expected_pass)


def test_unknown_visa_policy_uses_the_specialty_prior():
    # program 0001: every policy unknown; a typical J-1 file is screened only by the visa prior
    a = MODEL.assumptions_
    probs = MODEL.node_probabilities(TYPICAL, PROGRAMS)
    assert probs.pass_filters[0] == pytest.approx(a.get("visa_share_accept_j1", IM))


def test_preliminary_never_counts_and_advanced_needs_a_pgy1():
    probs = MODEL.node_probabilities(TYPICAL, PROGRAMS)
    assert np.all(probs.success[4] == 0.0)
    joint = probs.interview[5] * probs.match_if_ranked_first[5]
    pgy1 = MODEL.assumptions_.get("pgy1_secured_with_advanced")
    assert probs.success[5] == pytest.approx(joint * pgy1)


def test_a_signal_raises_the_interview_by_the_programs_own_signal_rates():
    plain = MODEL.node_probabilities(TYPICAL, PROGRAMS)
    signalled = MODEL.node_probabilities(TYPICAL, PROGRAMS, {"0007040C0": "gold"})
    assert signalled.marginal(signalled.interview)[6] > 3 * plain.marginal(plain.interview)[6]


def test_quadrature_weights_sum_to_one_and_interview_counts_are_a_distribution():
    probs = MODEL.node_probabilities(TYPICAL, PROGRAMS)
    assert probs.weights.sum() == pytest.approx(1.0)
    dist = interview_count_distribution(probs.interview, probs.weights)
    assert dist.sum() == pytest.approx(1.0)
    assert dist @ np.arange(dist.size) == pytest.approx(probs.marginal(probs.interview).sum())


def test_shared_factor_makes_p_match_lower_than_independence():
    # with a positive latent sd, outcomes are positively correlated: P(at least one) is below
    # the value computed as if programs were independent
    probs = MODEL.node_probabilities(TYPICAL, PROGRAMS)
    independent = 1 - np.prod(1 - probs.marginal(probs.success))
    assert p_match_at_least_one(probs.success, probs.weights) < independent


def test_range_contains_the_central_value_for_a_typical_file():
    low, high = p_match_range(MODEL, TYPICAL, PROGRAMS, n_draws=60)
    assert low <= MODEL.p_match(TYPICAL, PROGRAMS) <= high
    assert low < high


# --- strong vs stacked (acceptance) ------------------------------------------------------

PROFILE = """
season: 2027
citizenship: non-us
visa: {visa}
medical_school: {{country: India, graduation: {graduation}}}
exams:
{exams}
  - {{exam: step2ck, score: 255, date: 2024-09}}
  - {{exam: step3, score: 230, date: 2025-06}}
experiences:
  - {{kind: clinical, setting: hands-on, specialty: internal-medicine, country: US,
     start: 2025-01, end: 2025-06}}
letters:
  - {{writer_specialty: internal-medicine, country: US, relationship: supervised, strength: strong}}
  - {{writer_specialty: internal-medicine, country: US, relationship: supervised, strength: strong}}
incidents: {incidents}
targets: {{primary: internal-medicine}}
"""
STRONG = PROFILE.format(
    visa="j1",
    graduation="2023-06",
    exams="  - {exam: step1, result: pass, date: 2023-11}",
    incidents="[]",
)
STACKED = PROFILE.format(
    visa="h1b",
    graduation="2017-03",
    exams="\n".join(
        f"  - {{exam: step1, result: {r}, date: {d}}}"
        for r, d in (("fail", "2017-11"), ("fail", "2018-05"), ("pass", "2018-11"))
    ),
    incidents="[{kind: professionalism, date: 2016-03, summary: late, remediated: true}]",
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_strong_file_beats_stacked_red_flags_by_a_factor_of_five(tmp_path):
    from smartpick.catalog import open_catalog
    from smartpick.service.chances import chances_for_profile

    programs = open_catalog().programs_for([IM], ["C"])
    strong = chances_for_profile(_write(tmp_path, "s.yaml", STRONG), programs=programs)
    stacked = chances_for_profile(_write(tmp_path, "x.yaml", STACKED), programs=programs)
    assert strong.p_match >= 5 * stacked.p_match
    assert stacked.p_match > 0  # Step 3 passed: H-1B programs are in reach, just few


# --- no number is a constant in code -------------------------------------------------------


def _patched(monkeypatch, name: str, edit) -> None:
    original = datafiles.read_text

    def read_text(file_name: str) -> str:
        text = original(file_name)
        return edit(text) if file_name == name else text

    monkeypatch.setattr(datafiles, "read_text", read_text)
    datafiles.load_yaml.cache_clear()


def test_changing_a_prior_in_the_assumptions_file_moves_the_output(monkeypatch):
    before = ChanceModel().node_probabilities(TYPICAL, PROGRAMS).pass_filters[0]
    _patched(
        monkeypatch,
        "assumptions.yaml",
        lambda t: t.replace("internal-medicine: {value: 0.637", "internal-medicine: {value: 0.6"),
    )
    try:
        after = ChanceModel().node_probabilities(TYPICAL, PROGRAMS).pass_filters[0]
    finally:
        monkeypatch.undo()
        datafiles.load_yaml.cache_clear()
    assert after == pytest.approx(0.6) and before == pytest.approx(0.637)


def test_changing_a_threshold_in_the_assumptions_file_moves_the_output(monkeypatch):
    old = dataclasses.replace(TYPICAL, years_since_graduation=7)
    before = ChanceModel().p_match(old, PROGRAMS)
    _patched(
        monkeypatch,
        "assumptions.yaml",
        lambda t: t.replace(
            "yog_filter_start_years:\n    value: 5", "yog_filter_start_years:\n    value: 7"
        ),
    )
    try:
        after = ChanceModel().p_match(old, PROGRAMS)
    finally:
        monkeypatch.undo()
        datafiles.load_yaml.cache_clear()
    assert after > before


def test_changing_a_fitted_parameter_moves_the_output(monkeypatch):
    import json

    from smartpick.chances import params

    before = ChanceModel().p_match(TYPICAL, PROGRAMS)
    shipped = json.loads(datafiles.read_text("fitted_params.json"))
    shipped["match_intercept"] += 1.0
    monkeypatch.setattr(params, "read_text", lambda name: json.dumps(shipped))
    after = ChanceModel().p_match(TYPICAL, PROGRAMS)
    assert after > before


def test_every_assumption_has_a_range_a_source_and_the_assumed_label():
    items = load_assumptions().items
    assert len(items) >= 30
    for name, item in items.items():
        assert item.low <= item.value <= item.high, name
        assert item.source and item.reasoning, name
        assert item.label == "assumed"


def test_perturbed_model_draws_within_ranges():
    drawn = MODEL.perturbed(np.random.default_rng(1)).assumptions_
    for name, item in drawn.items.items():
        assert item.low <= drawn.get(name) <= item.high
    assert any(drawn.get(n) != item.value for n, item in drawn.items.items())


def test_profile_is_read_into_the_model_features(tmp_path):
    from smartpick.chances import applicant_from_profile
    from smartpick.profile import load_profile

    strong = applicant_from_profile(load_profile(_write(tmp_path, "s.yaml", STRONG)))
    stacked = applicant_from_profile(load_profile(_write(tmp_path, "x.yaml", STACKED)))
    assert (strong.visa, strong.failures, strong.professionalism) == ("j1", 0, False)
    assert (strong.step2ck, strong.hands_on_months, strong.strong_us_letters) == (255, 6, 2)
    assert strong.step3_passed and stacked.step3_passed
    assert (stacked.visa, stacked.failures, stacked.professionalism) == ("h1b", 2, True)
    assert stacked.years_since_graduation == pytest.approx(10.0)  # 2017-03 to the 2027 Match


def test_a_programs_own_signal_ratio_is_capped_at_the_published_adjusted_odds_ratio():
    # Program 6 publishes gold 0.5 vs no signal 0.03: a raw odds ratio of 32, confounded by
    # who sends signals; the model applies at most the published adjusted 9.07.
    plain = MODEL.node_probabilities(TYPICAL, PROGRAMS)
    signalled = MODEL.node_probabilities(TYPICAL, PROGRAMS, {"0007040C0": "gold"})
    invite_plain = plain.interview[6] / plain.pass_filters[6]
    invite_signal = signalled.interview[6] / signalled.pass_filters[6]
    odds_ratio = (invite_signal / (1 - invite_signal)) / (invite_plain / (1 - invite_plain))
    cap = MODEL.assumptions_.get("signal_odds_ratio_cap")
    assert cap == pytest.approx(9.07)
    assert np.allclose(odds_ratio, cap, rtol=1e-6)


@pytest.mark.parametrize("n", [0, 1, 5, 40])
@pytest.mark.parametrize("q", [0.0, 0.03, 0.5, 1.0])
def test_binomial_pmf_without_scipy_matches_scipy(n, q):
    from scipy.stats import binom

    from smartpick.chances.model import binomial_pmf

    ours = binomial_pmf(n, np.array([q, 1 - q]))
    for row, p in zip(ours, (q, 1 - q), strict=True):
        np.testing.assert_allclose(row, binom.pmf(np.arange(n + 1), n, p), atol=1e-12)


def test_interview_counts_match_a_brute_force_poisson_binomial():
    # three programs, two quadrature nodes: enumerate the 8 outcomes by hand
    interview = np.array([[0.2, 0.6], [0.2, 0.6], [0.5, 0.1]])
    weights = np.array([0.25, 0.75])
    expected = np.zeros(4)
    for node, w in enumerate(weights):
        for outcome in np.ndindex(2, 2, 2):
            p = np.prod(
                [q if hit else 1 - q for q, hit in zip(interview[:, node], outcome, strict=True)]
            )
            expected[sum(outcome)] += w * p
    np.testing.assert_allclose(interview_count_distribution(interview, weights), expected)


def test_the_chances_command_imports_no_scipy():
    # scipy.signal + scipy.stats cost about a second of start-up on every run
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from smartpick.cli import app\n"
        "try:\n"
        "    app(['chances', sys.argv[1], '--programs', '1007140C0', '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('scipy')), file=sys.stderr)\n"
    )
    profile = Path(__file__).resolve().parent.parent / "examples" / "clean.yaml"
    cmd = [sys.executable, "-c", code, str(profile)]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "changes, reachable",
    [
        ({"visa": "h1b", "step3_passed": False}, [False] * 8),
        ({"visa": "h1b", "step3_passed": True}, [True] * 7 + [False]),  # reserved track stays out
        ({"visa": "j1", "prior_residency": True}, [True] * 8),
    ],
)
def test_out_of_reach_programs_have_no_match_chance_at_any_stage(changes, reachable):
    # H-1B without Step 3 (no program can file the visa) and a reserved track without prior
    # residency: even after an interview no rank can produce a match there
    app = dataclasses.replace(Applicant(step2ck=245.0), **changes)
    probs = MODEL.node_probabilities(app, PROGRAMS)
    match = probs.marginal(probs.match_if_ranked_first)
    assert [bool(m > 0.001) for m in match] == reachable
