"""A per-program source added in data alone: an entry in a copy of catalog.yaml and a small
CSV give programs a new attribute after a build, through the generic reader, for each join
kind (track, program, institution)."""

from __future__ import annotations

import copy

import pytest

from smartpick.catalog import model, open_catalog
from smartpick.catalog import sources as sources_module
from smartpick.catalog.model import SourceSpec
from smartpick.catalog.registry import read_columns
from smartpick.datafiles import load_yaml
from smartpick.errors import DataFileError

# 1903 has tracks 1903140C0, 1903140P0 (program 1903140), 1903420C0, 1903440C0, ...
NEW_FILES = {
    "test_board_pass.csv": "institution_code,specialty_code,pass_rate\n1903,140,0.93\n1903,420,\n",
    "test_track_flags.csv": "code,table,accepts\n1903440C0,Main,yes\n1903440P0,SOAP,no\n",
    "test_institution.csv": "inst,img_share\n1903,0.4\n",
}
NEW_SOURCES = [
    {
        "id": "board-pass",
        "file": "test_board_pass.csv",
        "join": "program",
        "key": ["institution_code", "specialty_code"],
        "columns": {"pass_rate": "board_pass_rate"},
        "as_of": "2024",
        "citation": "Board pass rates (a test)",
    },
    {
        "id": "track-flags",
        "file": "test_track_flags.csv",
        "join": "track",
        "key": ["code"],
        "where": {"table": "Main"},
        "columns": {"accepts": "signals_accepted"},
        "citation": "Signals (a test)",
    },
    {
        "id": "institution-share",
        "file": "test_institution.csv",
        "join": "institution",
        "key": ["inst"],
        "columns": {"img_share": "img_share"},
        "citation": "IMG shares (a test)",
    },
]
BOARD_PASS = {"kind": "rate", "label": "Board pass rate"}


@pytest.fixture
def catalog_file(monkeypatch):
    """A copy of the shipped catalog.yaml that a test edits, and CSVs it drops in the data
    folder; the build reads both."""
    data = copy.deepcopy(load_yaml("catalog.yaml"))
    shipped_yaml, shipped_text = model.load_yaml, sources_module.read_text

    def yaml_copy(name: str):
        return data if name == "catalog.yaml" else shipped_yaml(name)

    def text(name: str) -> str:
        return NEW_FILES.get(name.removeprefix("sources/")) or shipped_text(name)

    monkeypatch.setattr(model, "load_yaml", yaml_copy)
    monkeypatch.setattr(sources_module, "read_text", text)
    model.config.cache_clear()
    yield data
    model.config.cache_clear()


def test_sources_added_to_catalog_yaml_reach_the_programs(catalog_file):
    catalog_file["attributes"]["board_pass_rate"] = BOARD_PASS
    catalog_file["sources"] = [*catalog_file["sources"], *NEW_SOURCES]
    catalog = open_catalog()
    for code in ("1903140C0", "1903140P0"):  # program join: every track of 1903140
        attr = catalog.get(code).attributes["board_pass_rate"]
        assert (attr.value, attr.as_of, attr.grain) == (0.93, "2024", "institution x specialty")
        assert attr.source == "Board pass rates (a test); grain: institution x specialty"
    assert catalog.get("1903420C0").known("board_pass_rate") is None  # an empty cell
    assert catalog.get("1903440C0").known("board_pass_rate") is None  # no row
    assert catalog.get("1903440C0").known_for_track("signals_accepted") is True
    assert catalog.get("1903440P0").known("signals_accepted") is None  # where: table Main
    tracks = [p for p in catalog.all_programs() if p.institution_code == "1903"]
    assert len(tracks) == 6
    assert {p.known("img_share") for p in tracks} == {0.4}  # institution join


def test_shipped_sources_are_registered():
    ids = [s.id for s in model.config().sources]
    assert ids == ["interview-rates", "florida-results", "results-2010-2019", "h1b-evidence"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"columns": {"pass_rate": "board_pass_rat"}}, "gives unknown attributes"),
        ({"key": []}, "needs key:"),
        ({"join": "name", "reader": "h1b-evidence"}, "a name join reads columns"),
        ({"file": "nrmp_program_codes_2024.csv"}, "is cited twice"),
    ],
)
def test_a_bad_source_entry_is_a_data_file_error(catalog_file, change, message):
    catalog_file["attributes"]["board_pass_rate"] = BOARD_PASS
    catalog_file["sources"] = [*catalog_file["sources"], {**NEW_SOURCES[0], **change}]
    with pytest.raises(DataFileError, match=message):
        model.config()


@pytest.mark.parametrize(
    ("csv", "message"),
    [
        ("institution_code,specialty_code,pass_rate\n1903,14,0.9\n", "is not a program code"),
        ("institution_code,specialty_code,pass_rate\n1903,140,1.5\n", "line 2, column pass_rate"),
        ("institution_code,specialty_code,rate\n1903,140,0.9\n", "no column 'pass_rate'"),
        ("institution_code,pass_rate\n1903,0.9\n", "no column 'specialty_code'"),
        ("institution_code,specialty_code,pass_rate\n1903,140,0.9\n1903,140,0.8\n", "second row"),
    ],
)
def test_a_bad_source_file_is_a_data_file_error(catalog_file, monkeypatch, csv, message):
    catalog_file["attributes"]["board_pass_rate"] = BOARD_PASS
    monkeypatch.setitem(NEW_FILES, "test_board_pass.csv", csv)
    with pytest.raises(DataFileError, match=message):
        read_columns(SourceSpec.model_validate(NEW_SOURCES[0]))
