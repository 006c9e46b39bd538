"""Programs as units (institution + specialty code), their size, fill history and H-1B
wording, in the catalog API and the CLI. Expected figures were read from the source files."""

from __future__ import annotations

import json

import pytest

from smartpick.errors import NotFoundError

pytest_plugins = ("catalog_fixtures",)


def test_every_track_is_in_exactly_one_program(catalog) -> None:
    units = catalog.program_units()
    codes = [p.code for u in units for p in u.tracks]
    assert len(codes) == len(set(codes)) == len(catalog.all_programs())
    assert all({p.program_key for p in u.tracks} == {u.key} for u in units)


def test_a_program_holds_its_categorical_and_preliminary_tracks(catalog) -> None:
    unit = catalog.program_unit("1903140C0")  # Brookwood Baptist Health, internal medicine
    assert [p.code for p in unit.tracks] == ["1903140C0", "1903140P0"]
    assert unit.specialties == ("internal-medicine", "internal-medicine-preliminary")
    assert unit.grouping == "tracks of one program"
    assert catalog.program_unit("1903140") == unit


def test_two_categorical_tracks_make_the_grouping_uncertain(catalog) -> None:
    # 2978440C0 "General Surgery/NYU Man" and 2978440C1 "General Surgery/NYU Bkln".
    unit = catalog.program_unit("2978440C1")
    assert unit.grouping == "uncertain" and "2 categorical tracks" in unit.grouping_note


def test_program_units_filter_by_specialty_keeps_all_tracks(catalog) -> None:
    units = catalog.program_units(["internal-medicine-preliminary"])
    assert units and all("internal-medicine-preliminary" in u.specialties for u in units)
    assert any(p.track == "C" for u in units for p in u.tracks)


def test_unknown_program_is_not_found(catalog) -> None:
    with pytest.raises(NotFoundError):
        catalog.program_unit("0000000X0")


def test_positions_at_the_published_grain(catalog) -> None:
    # nrmp_program_results_2010_2019_wide.csv, 1903 x 140, 2019: quota 14, matched 14.
    attr = catalog.get("1903140P0").attributes["positions"]
    assert (attr.value, attr.as_of) == (14, "2019 Match")
    assert attr.grain.startswith("institution x specialty")
    assert catalog.get("1903140P0").known_for_track("positions") is None  # not per track
    history = catalog.get("1903140C0").known("fill_history")
    # Quota/matched 2010-2019: 13/9 14/9 15/13 18/18 15/13 13/13 14/9 16/12 16/16 14/14.
    assert (history["years"], history["filled"]) == (10, 4)
    assert history["by_year"]["2013"] == [18, 18]


def test_florida_tracks_have_their_own_latest_quota(catalog) -> None:
    # Florida results: 1102110C0 (AdventHealth EM/East Orlando), Main 2026 quota 12.
    attr = catalog.get("1102110C0").attributes["positions"]
    assert (attr.value, attr.as_of, attr.grain) == (12, "2026 Match", "track")


def test_search_visa_h1b_puts_evidence_first_and_counts_the_rest(catalog) -> None:
    result = catalog.search(specialty="internal-medicine", visa="h1b")
    ranks = [_rank(p.known("h1b_evidence")) for p in result.programs]
    assert ranks == sorted(ranks) and 0 in ranks and 2 in ranks
    assert result.no_h1b_evidence_kept == ranks.count(2)
    assert result.total == len(catalog.programs_for(["internal-medicine"]))  # none dropped


def _rank(evidence: object) -> int:
    if not isinstance(evidence, dict):
        return 2
    return 0 if evidence["strength"] == "strong" else 1


def test_search_h1b_cli_says_how_many_are_kept_without_evidence(catalog_home, cli) -> None:
    result = cli("programs", "search", "--specialty", "internal-medicine", "--visa", "h1b")
    assert result.exit_code == 0
    assert "kept without any" in result.stdout and "not a refusal" in result.stdout


@pytest.mark.parametrize(
    ("code", "expected", "absent"),
    [
        ("1007140C0", ["H-1B: strong evidence", "filed 10 H-1B labor condition applications"], []),
        ("1020120C0", ["H-1B: weak evidence only", "USCIS approved 6 new and 7 continuing"], []),
        ("1903140C0", ["H-1B: no evidence in the sources", "does not mean"], ["strong", "weak"]),
        ("1020120C0", ["Size: 8 positions in the 2019 Main Match", "10 of the last 10 years"], []),
    ],
)
def test_show_reads_the_evidence_in_words(catalog_home, cli, code, expected, absent) -> None:
    text = " ".join(cli("programs", "show", code).stdout.split())  # undo line wrapping
    for phrase in expected:
        assert phrase in text
    for word in absent:
        assert f"H-1B: {word}" not in text
    assert "does not sponsor H-1B." not in text.replace("does not mean the program", "")


def test_show_json_has_the_program_and_its_tracks(catalog_home, cli) -> None:
    data = json.loads(cli("programs", "show", "1903140C0", "--json").stdout)
    assert data["unit"]["key"] == "1903140"
    assert [t["code"] for t in data["unit"]["tracks"]] == ["1903140C0", "1903140P0"]
    assert data["program"]["attributes"]["positions"]["grain"].startswith("institution")


def test_old_database_gets_the_grain_column(tmp_path) -> None:
    from sqlalchemy import inspect

    from smartpick.catalog import db

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:  # the catalog_attributes table as migration 1 made it
        conn.exec_driver_sql(
            "CREATE TABLE catalog_attributes (code VARCHAR(16), name VARCHAR(40), "
            "value VARCHAR(200), origin VARCHAR(16), source VARCHAR(300), as_of VARCHAR(32), "
            "PRIMARY KEY (code, name))"
        )
        db.MIGRATIONS[0](conn)
        db.MIGRATIONS[1](conn)
        db.set_meta(conn, "schema_version", "2")
    db.migrate(engine)
    columns = {c["name"] for c in inspect(engine).get_columns("catalog_attributes")}
    assert "grain" in columns


def _source(name: str) -> list[dict[str, str]]:
    import csv
    from importlib import resources

    path = resources.files("smartpick").joinpath("data", "sources", name)
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def test_positions_are_known_wherever_a_source_has_them(catalog) -> None:
    florida = {
        r["nrmp_program_code"]
        for r in _source("nrmp_program_results_florida_2020_2026.csv")
        if r["match_table"] == "Main" and r["quota"].strip() and int(r["quota"]) > 0
    }
    programs = {
        r["institution_code"] + r["specialty_code"]
        for r in _source("nrmp_program_results_2010_2019_wide.csv")
        if any(int(r[f"quota_{year}"]) > 0 for year in range(2010, 2020))
    }
    tracks = catalog.all_programs()
    expected = {p.code for p in tracks if p.code in florida or p.code[:7] in programs}
    known = {p.code for p in tracks if p.attributes["positions"].known}
    assert known == expected
    assert len(known) / len(tracks) >= 0.80
    assert all(catalog.get(c).attributes["positions"].grain for c in known)
