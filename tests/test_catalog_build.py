"""The catalog holds every NRMP track of the shipped CSV, mapped to our specialty ids."""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources

import pytest

from smartpick.errors import NotFoundError, UnknownSpecialtyError

pytest_plugins = ("catalog_fixtures",)

PGY1 = {
    "999": "transitional-year",
    "140": "internal-medicine-preliminary",
    "440": "surgery-preliminary",
    "220": "obstetrics-gynecology-preliminary",
    "320": "pediatrics-preliminary",
}


def _shipped_rows() -> list[dict[str, str]]:
    text = (
        resources.files("smartpick")
        .joinpath("data", "sources", "nrmp_program_codes_2024.csv")
        .read_text(encoding="utf-8")
    )
    unique = {r["nrmp_program_code"]: r for r in csv.DictReader(text.splitlines())}
    return list(unique.values())


def test_counts_per_specialty_code_and_track_equal_the_csv(catalog) -> None:
    expected = Counter((r["specialty_code"], r["track_type"]) for r in _shipped_rows())
    from smartpick.specialties import get_specialty

    got = Counter((get_specialty(p.specialty).nrmp_code, p.track) for p in catalog.all_programs())
    assert got == expected
    assert sum(got.values()) == 6263  # 6,265 rows, two repeated verbatim


def test_preliminary_tracks_map_to_pgy1_ids(catalog) -> None:
    for row in _shipped_rows():
        if row["track_type"] == "P":
            program = catalog.get(row["nrmp_program_code"])
            assert program.specialty == PGY1[row["specialty_code"]]


def test_advanced_and_reserved_marks(catalog) -> None:
    tracks = Counter(p.track for p in catalog.all_programs())
    assert tracks == {"C": 4536, "P": 840, "A": 628, "R": 155, "M": 104}
    assert all(p.needs_pgy1 == (p.track == "A") for p in catalog.all_programs())
    assert all(p.reserved == (p.track == "R") for p in catalog.all_programs())


def test_unknown_state_tracks_are_marked_unknown(catalog) -> None:
    blank = {r["nrmp_program_code"] for r in _shipped_rows() if not r["state"]}
    unknown = {p.code for p in catalog.all_programs() if p.state is None}
    # Tracks get their state by code: their own (Florida results), else their institution's.
    filled = blank - unknown
    assert len(blank) == 1897 and unknown <= blank
    methods = {catalog.get(c).location_method for c in filled}
    assert methods == {"nrmp-code:florida", "nrmp-institution-code"}
    # SOURCES.md entry 20: 9 tracks at 7 institutions have no state in any source.
    assert len(unknown) == 9
    assert {c[:4] for c in unknown} == {"2345", "2253", "2296", "2314", "2221", "2322", "2374"}
    assert all(catalog.get(c).location_method == "no-state-in-source" for c in unknown)


def test_every_attribute_present_known_or_not(catalog) -> None:
    program = catalog.get("1903140C0")
    assert program.institution == "Brookwood Baptist Health" and program.state == "AL"
    assert program.attributes["visa_policy"].known is False
    assert program.attributes["visa_policy"].value is None
    assert len(program.attributes) == 20  # 18 importable + fill_history, h1b_evidence


def test_get_unknown_code_is_not_found(catalog) -> None:
    with pytest.raises(NotFoundError):
        catalog.get("0000000X0")


def test_programs_for_filters_by_specialty_and_track(catalog) -> None:
    anes = catalog.programs_for(["anesthesiology"], tracks=("C",))
    assert len(anes) == 172 and {p.track for p in anes} == {"C"}
    both = catalog.programs_for(["anesthesiology", "transitional-year"])
    assert len(both) == 172 + 52 + 58 + 214
    with pytest.raises(UnknownSpecialtyError):
        catalog.programs_for(["anesthesia"])


def test_track_grain_positions_come_from_the_florida_results(catalog) -> None:
    by_track = [p for p in catalog.all_programs() if p.known_for_track("positions") is not None]
    assert by_track and all(p.state == "FL" for p in by_track)
    assert all("Florida" in p.attributes["positions"].source for p in by_track)
    assert {p.attributes["positions"].grain for p in by_track} == {"track"}


def test_rebuild_when_data_version_changes_keeps_user_values(catalog_home, tmp_path) -> None:
    from smartpick.catalog import db, open_catalog
    from smartpick.service import import_programs

    path = tmp_path / "mine.csv"
    path.write_text("code,visa_policy\n1903140C0,j1\n", encoding="utf-8")
    import_programs(path)
    catalog = open_catalog()
    with catalog.engine.begin() as conn:
        db.set_meta(conn, "data_version", "old")
    rebuilt = open_catalog()
    with rebuilt.engine.connect() as conn:
        assert db.get_meta(conn, "data_version") != "old"
    assert len(rebuilt.all_programs()) == 6263
    assert rebuilt.get("1903140C0").known("visa_policy") == "j1"


@pytest.mark.catalog_build
def test_processes_opening_a_new_home_at_once_build_the_catalog_once(tmp_path):
    """Web workers starting together (or two commands) on a new home: one builds, the others
    wait for it and read the same catalog; none fails with 'table already exists'."""
    import os
    import subprocess
    import sys

    code = "from smartpick.catalog import open_catalog; print(open_catalog().revision())"
    env = {**os.environ, "SMARTPICK_HOME": str(tmp_path)}
    env.pop("SMARTPICK_DATABASE_URL", None)
    runs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    revisions = [run.communicate(timeout=300)[0].strip() for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0]
    assert len(set(revisions)) == 1 and revisions[0].endswith(":1")  # built once, not thrice
