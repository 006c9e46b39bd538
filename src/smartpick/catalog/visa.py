"""H-1B evidence per program, from the institution-level join of SOURCES.md entry 24.

Evidence is known only where a source has it: an institution whose name matched a
resident-physician LCA employer (DOL, filed 2024-09 to 2025-03) or a health-care
employer with USCIS H-1B approvals (fiscal years 2019-2023). No match is *unknown*,
never "does not sponsor". Strength:

- ``strong``: a resident-physician LCA filing (measured on 475 IM programs: about 95%
  specificity, positive predictive value 76% for "sponsors H-1B");
- ``weak``: USCIS approvals only (PPV 45%: a hospital's approvals may be for nurses or
  attendings, not residents).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import SourceSpec, SourceValue
from .sources import rows, source_line

EVIDENCE = "nrmp_institution_h1b_evidence.csv"
LCA = "h1b_resident_lca_2025q2.csv"
USCIS = "h1b_employer_approvals_2019_2023_matched.csv"
GRAIN = "institution"
VALIDITY = {
    "strong": "a resident LCA filing: about 47% sensitivity, 95% specificity, "
    "76% positive predictive value for 'sponsors H-1B' (475 IM programs)",
    "weak": "USCIS approvals alone: about 58% sensitivity, 74% specificity, "
    "45% positive predictive value (475 IM programs)",
}


def _employers(cell: str) -> list[tuple[str, str]]:
    """``"NAME (CITY) | NAME (CITY)"`` -> [(name, city), ...]."""
    found = []
    for part in filter(None, (p.strip() for p in cell.split(" | "))):
        name, _, city = part.rpartition(" (")
        found.append((name, city.rstrip(")")) if name else (part, ""))
    return found


def _lca_dates(state: str, employers: list[tuple[str, str]]) -> dict[str, Any]:
    wanted = set(employers)
    begins = sorted(
        r["begin_date"]
        for r in rows(LCA)
        if r["worksite_state"] == state and (r["employer_name"], r["worksite_city"]) in wanted
    )
    return {"first_begin_date": begins[0], "last_begin_date": begins[-1]} if begins else {}


def _uscis_years(state: str, employers: list[tuple[str, str]]) -> list[int]:
    wanted = set(employers)
    years: set[int] = set()
    for r in rows(USCIS):
        if r["state"] == state and (r["employer_name"], r["city"]) in wanted:
            years.update(int(y) for y in r["years_present"].split(";") if y.strip())
    return sorted(years)


def _lca(row: Mapping[str, str]) -> dict[str, Any] | None:
    if row["lca_match_method"] == "none":
        return None
    employers = _employers(row["lca_matched_employers"])
    return {
        "resident_filings": int(row["lca_resident_filings_2025q2"]),
        "resident_or_fellow_filings": int(row["lca_resident_or_fellow_filings_2025q2"]),
        "employers": [f"{n} ({c})" for n, c in employers],
        "filed": "2024-09-25 to 2025-03-24",
        **_lca_dates(row["state"], employers),
        "match_method": row["lca_match_method"],
        "match_score": float(row["lca_match_score"]),
    }


def _uscis(row: Mapping[str, str]) -> dict[str, Any] | None:
    if row["uscis_match_method"] == "none":
        return None
    employers = _employers(row["uscis_matched_employers"])
    return {
        "initial_approvals": int(row["uscis_initial_approvals_2019_2023"]),
        "continuing_approvals": int(row["uscis_continuing_approvals_2019_2023"]),
        "employers": [f"{n} ({c})" for n, c in employers],
        "fiscal_years": _uscis_years(row["state"], employers),
        "match_method": row["uscis_match_method"],
        "match_score": float(row["uscis_match_score"]),
    }


def evidence_record(row: Mapping[str, str]) -> dict[str, Any] | None:
    """The ``h1b_evidence`` value of an institution, or None when no source has any."""
    lca, uscis = _lca(row), _uscis(row)
    if lca is None and uscis is None:
        return None
    strength = "strong" if lca and lca["resident_or_fellow_filings"] > 0 else "weak"
    return {
        "strength": strength,
        "validity": VALIDITY[strength],
        "lca": lca,
        "uscis": uscis,
        "institution": row["institution_name"],
    }


def evidence_by_institution(file: str = EVIDENCE) -> dict[str, dict[str, Any]]:
    """Institution code -> its ``h1b_evidence`` record (institutions with evidence only)."""
    found = {r["institution_code"]: evidence_record(r) for r in rows(file)}
    return {code: record for code, record in found.items() if record}


def citation(record: Mapping[str, Any], file: str = EVIDENCE) -> str:
    parts = [source_line(file)]
    if record["lca"]:
        parts.append(source_line(LCA))
    if record["uscis"]:
        parts.append(source_line(USCIS))
    return "; ".join(parts) + f"; grain: {GRAIN}"


def _as_of(record: Mapping[str, Any]) -> str:
    parts = ("LCA 2024-25" if record["lca"] else "", "USCIS FY2019-23" if record["uscis"] else "")
    return "; ".join(filter(None, parts))


def evidence_values(source: SourceSpec) -> dict[str, list[SourceValue]]:
    """The ``h1b-evidence`` reader: institution code -> its ``h1b_evidence`` record."""
    return {
        code: [SourceValue("h1b_evidence", record, citation(record, source.file), _as_of(record),
                           GRAIN)]
        for code, record in evidence_by_institution(source.file).items()
    }  # fmt: skip
