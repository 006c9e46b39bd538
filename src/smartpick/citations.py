"""Citations and scope notes that many outputs carry (shown wherever their figures are used)."""

from __future__ import annotations

MAIN_MATCH_NOTE = (
    "Covers the NRMP Main Match only; SOAP (unfilled positions in Match week) is a separate "
    "chance, not modelled here."
)
CHARTING_OUTCOMES_CITATION = (
    "NRMP, Charting Outcomes: Characteristics of Non-U.S. IMGs Who Matched to Their Preferred "
    "Specialty, 2026 Main Residency Match (data (c) NRMP, used with citation)"
)
DOMAIN_CITATION = "Practitioner rules of thumb (smartpick domain brief, docs/red-flags.md)"
