"""H-1B evidence as a likelihood ratio on P(the program sponsors H-1B).

The catalog's ``h1b_evidence`` (SOURCES.md entry 24) is evidence, not a policy: a resident
LCA filing (``strong``), USCIS approvals only (``weak``), or no matched employer at an
institution the join covered (``none``). From the published validity (data/visa_evidence.yaml:
sensitivity and specificity of an LCA, of USCIS approvals and of both, for "sponsors H-1B"):

    LR(strong) = P(LCA | S) / P(LCA | not S)
    LR(weak)   = P(USCIS, no LCA | S) / P(USCIS, no LCA | not S)
               = (sens_uscis - sens_both) / ((1 - spec_uscis) - (1 - spec_both))
    LR(none)   = P(neither | S) / P(neither | not S)
               = (1 - sens_lca - sens_uscis + sens_both) / (spec_lca + spec_uscis - spec_both)

and the program's P(sponsors H-1B) = prior odds x LR, the prior being the specialty's
assumed share (``visa_share_sponsor_h1b``). An institution outside the join keeps the prior
(LR 1). J-1 acceptance stays the specialty prior: no source measures evidence for it.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from ..datafiles import load_yaml, source_csv

EVIDENCE_FILE = "nrmp_institution_h1b_evidence.csv"
STRENGTHS = ("strong", "weak", "none")


@cache
def likelihood_ratios() -> dict[str, float]:
    """The likelihood ratio of each kind of evidence (strong / weak / none)."""
    v = load_yaml("visa_evidence.yaml")
    lca, uscis, both = v["lca"], v["uscis"], v["both"]
    fp = {k: 1 - d["specificity"] for k, d in (("lca", lca), ("uscis", uscis), ("both", both))}
    sens = {"lca": lca["sensitivity"], "uscis": uscis["sensitivity"], "both": both["sensitivity"]}
    neither_s = 1 - sens["lca"] - sens["uscis"] + sens["both"]
    neither_not = 1 - fp["lca"] - fp["uscis"] + fp["both"]
    return {
        "strong": sens["lca"] / fp["lca"],
        "weak": (sens["uscis"] - sens["both"]) / (fp["uscis"] - fp["both"]),
        "none": neither_s / neither_not,
    }


@cache
def covered_institutions() -> frozenset[str]:
    """Institution codes the H-1B join covered (evidence or not)."""
    return frozenset(r["institution_code"] for r in source_csv(EVIDENCE_FILE))


def evidence_strength(code: str, evidence: object) -> str | None:
    """strong / weak from the catalog value; none for a covered institution without any;
    None (unknown: the prior stands) outside the join."""
    if isinstance(evidence, dict) and evidence.get("strength") in ("strong", "weak"):
        return str(evidence["strength"])
    return "none" if str(code)[:4] in covered_institutions() else None


def posterior_share(prior: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """P(sponsors) after evidence with likelihood ratio ``ratio`` (prior odds x ratio)."""
    p = np.clip(prior, 1e-9, 1 - 1e-9)
    odds = p / (1 - p) * ratio
    return odds / (1 + odds)
