"""Catalog v2 joins, one test per rule, on real rows of the shipped files.

Each expected value was read from the source files by hand (SOURCES.md entries 19-24),
not produced by the code under test.
"""

from __future__ import annotations

import pytest

from smartpick.catalog.rates import Institution, _match

pytest_plugins = ("catalog_fixtures",)


# -- locations: by code first ------------------------------------------------------------


def test_a_track_without_a_state_is_placed_by_its_institution_code(catalog) -> None:
    # 1811 "Kaiser Permanente Washington" has no state in the 2024 list; the 2010-2019
    # results list code 1811 as "Group Health Cooperative", Seattle, WA (a renamed hospital).
    track = catalog.get("1811120C0")
    assert (track.city, track.state) == ("Seattle", "WA")
    assert track.location_method == "nrmp-institution-code"


@pytest.mark.parametrize(
    ("code", "city", "state"),
    [
        ("1007140C0", "Birmingham", "AL"),  # U Alabama Med Ctr-Birmingham (no suffix)
        ("1985220C0", "Augusta", "GA"),  # Medical College of Georgia (no state in 2024 list)
    ],
)
def test_institutions_named_in_the_issue_get_their_place(catalog, code, city, state) -> None:
    track = catalog.get(code)
    assert (track.city, track.state) == (city, state)


def test_a_multi_city_institution_places_each_florida_track_in_its_own_city(catalog) -> None:
    # 2232 "HCA Healthcare East FL Division GME": one city per code in the locations file
    # (Aventura; other cities Ft Pierce, Miami, Plantation); the Florida results give each
    # track's own city, and that wins over the institution's one city.
    tracks = [p for p in catalog.all_programs() if p.institution_code == "2232"]
    cities = {p.city for p in tracks}
    assert len(cities) > 1
    assert {p.location_method for p in tracks} == {"nrmp-code:florida"}


def test_the_code_state_wins_over_a_misleading_name_suffix(catalog) -> None:
    # 2375 "NYMC-St Marys and St Clares-NY": the programs are in Denville, NJ (entry 20).
    tracks = [p for p in catalog.all_programs() if p.institution_code == "2375"]
    assert tracks and {(p.city, p.state) for p in tracks} == {("Denville", "NJ")}


# -- interview-rate join by institution code ----------------------------------------------


def _join(catalog, specialty: str, name: str):
    from sqlalchemy import select

    from smartpick.catalog.db import RateJoinRow

    table = RateJoinRow.__table__
    query = select(table).where(table.c.specialty == specialty, table.c.program_name == name)
    with catalog.engine.connect() as conn:
        return conn.execute(query).one()


def test_a_renamed_hospital_joins_under_its_other_name(catalog) -> None:
    # Rate row "Corewell Health (Farmington Hills) Program": the 2024 list calls the
    # institution (code 1978) "Beaumont Health"; the IM crosswalk (2025 season)
    # names the same code "Corewell Health-MI".
    row = _join(catalog, "dermatology", "Corewell Health (Farmington Hills) Program")
    assert row.status == "joined"
    names = {
        p.institution for p in catalog.all_programs() if p.institution_code == row.institution_code
    }
    assert names == {"Beaumont Health"}


def test_kaiser_washington_joins_once_it_has_a_state(catalog) -> None:
    row = _join(catalog, "family-medicine", "Kaiser Permanente Washington Program")
    assert (row.status, row.institution_code) == ("joined", "1811")
    assert "same city" in row.method


def test_naval_medical_center_never_joins_uc_san_diego(catalog) -> None:
    # Before: "Naval Medical Center (San Diego)" joined "U California San Diego Med Ctr".
    for specialty in ("anesthesiology", "internal-medicine", "general-surgery"):
        row = _join(catalog, specialty, "Naval Medical Center (San Diego) Program")
        assert row.status == "unmatched" and row.institution_code is None


def test_the_row_city_picks_between_institutions_of_one_state(catalog) -> None:
    # "Baylor College of Medicine Program", Houston: not Baylor Scott & White (Temple),
    # whose old name "Baylor S&W-Baylor COM Temple" contains every word of the row.
    row = _join(catalog, "pathology", "Baylor College of Medicine Program")
    assert row.institution_code == "1716"  # Baylor Coll Med-Houston


POOL = [
    Institution("1716", "Baylor Coll Med-Houston-TX", "TX", (), frozenset({"houston"})),
    Institution(
        "1725", "Baylor Scott & White Med Ctr-TX", "TX",
        ("Baylor S&W-Baylor COM Temple-TX",), frozenset({"temple"}),
    ),
    Institution("1401", "U California San Diego Med Ctr-CA", "CA", (), frozenset({"san diego"})),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "city", "state", "status", "code"),
    [
        ("Baylor College of Medicine Program", "Houston", "TX", "joined", "1716"),
        ("Baylor Scott & White Medical Center (Temple) Program", "Temple", "TX", "joined", "1725"),
        ("Naval Medical Center (San Diego) Program", "San Diego", "CA", "unmatched", None),
        ("University of California San Diego Program", "San Diego", "CA", "joined", "1401"),
    ],
)
def test_rate_join_rules(name, city, state, status, code) -> None:
    found, got, _ = _match({"program_name": name, "city": city, "state": state}, POOL)
    assert (got, found.code if found else None) == (status, code)


# -- H-1B evidence by institution code -----------------------------------------------------


def _employers(evidence: dict, kind: str) -> list[str]:
    return evidence[kind]["employers"] if evidence[kind] else []


def test_a_similar_employer_name_is_not_credited(catalog) -> None:
    # "Central Maine Med Ctr" (2327) and "Maine Med Ctr" (1236) both have USCIS employers;
    # neither may carry the other's (an early draw of the join had matched them).
    central = catalog.get("2327120C0").known("h1b_evidence")
    maine = next(p for p in catalog.all_programs() if p.institution_code == "1236")
    maine_evidence = maine.known("h1b_evidence")
    assert _employers(central, "uscis") == ["CENTRAL MAINE MEDICAL CENTER (LEWISTON)"]
    assert _employers(maine_evidence, "uscis") == ["MAINE MEDICAL CENTER (PORTLAND)"]


def test_lca_evidence_carries_its_filings_dates_and_strength(catalog) -> None:
    # 1007 U Alabama Med Ctr-Birmingham: 10 resident LCAs by "The University of Alabama
    # at Birmingham", begin dates in the LCA file 2025-06-24 to 2025-07-01.
    attr = catalog.get("1007140C0").attributes["h1b_evidence"]
    assert attr.known and attr.grain == "institution"
    assert "Department of Labor" in attr.source
    record = attr.value
    assert record["strength"] == "strong"
    assert record["lca"]["resident_filings"] == 10
    assert record["lca"]["employers"] == ["The University of Alabama at Birmingham (Birmingham)"]
    assert (record["lca"]["first_begin_date"], record["lca"]["last_begin_date"]) == (
        "2025-06-24",
        "2025-07-01",
    )


def test_uscis_only_evidence_is_weak(catalog) -> None:
    # 1020 Phoebe Putney Mem Hosp: no LCA, USCIS 6 initial and 7 continuing approvals.
    record = catalog.get("1020120C0").known("h1b_evidence")
    assert record["strength"] == "weak" and record["lca"] is None
    assert (record["uscis"]["initial_approvals"], record["uscis"]["continuing_approvals"]) == (6, 7)


def test_no_evidence_is_unknown_not_no(catalog) -> None:
    attr = catalog.get("1903140C0").attributes["h1b_evidence"]  # Brookwood: no matched employer
    assert attr.known is False and attr.value is None
