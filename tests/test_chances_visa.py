"""H-1B evidence moves P(passes the visa filter) by its likelihood ratio (issue 15, item 4)."""

from __future__ import annotations

import pytest

from smartpick.catalog import open_catalog
from smartpick.chances import Applicant, ChanceModel, load_assumptions
from smartpick.chances.visa import likelihood_ratios

MODEL = ChanceModel()
IM = "internal-medicine"


def test_likelihood_ratios_from_the_published_validity():
    # SOURCES.md entry 24: LCA 47% / 95%, USCIS 58% / 74%, both 37% / 98%
    lr = likelihood_ratios()
    assert lr["strong"] == pytest.approx(0.47 / 0.05)
    assert lr["weak"] == pytest.approx((0.58 - 0.37) / (0.26 - 0.02))
    assert lr["none"] == pytest.approx((1 - 0.47 - 0.58 + 0.37) / (1 - 0.05 - 0.26 + 0.02))


def _by_strength():
    found: dict[str, object] = {}
    for p in open_catalog().programs_for([IM], ["C"]):
        if p.attributes.get("visa_policy") is not None and p.attributes["visa_policy"].known:
            continue
        attr = p.attributes.get("h1b_evidence")
        strength = attr.value["strength"] if attr is not None and attr.known else "none"
        found.setdefault(strength, p)
    return found


def test_evidence_moves_the_h1b_filter_and_not_the_j1_prior():
    programs = _by_strength()
    assert set(programs) == {"strong", "weak", "none"}
    prior = load_assumptions().get("visa_share_sponsor_h1b", IM)
    h1b = Applicant(visa="h1b", step3_passed=True, step2ck=240.0)
    passed = {}
    for strength, program in programs.items():
        passed[strength] = MODEL.node_probabilities(h1b, [program]).pass_filters[0]
        odds = prior / (1 - prior) * likelihood_ratios()[strength]
        assert passed[strength] == pytest.approx(odds / (1 + odds), rel=1e-6)
    assert passed["strong"] > prior > passed["weak"] > passed["none"]
    j1 = Applicant(visa="j1", step2ck=240.0)
    j1_prior = load_assumptions().get("visa_share_accept_j1", IM)
    for strength in ("weak", "none"):
        got = MODEL.node_probabilities(j1, [programs[strength]]).pass_filters[0]
        assert got == pytest.approx(j1_prior, rel=1e-6)
