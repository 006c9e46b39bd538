"""Search, show and specialties: through the service and the real command line."""

from __future__ import annotations

import csv
import io
import json

import pytest

from smartpick.errors import InputError

pytest_plugins = ("catalog_fixtures",)

NRMP_CITATION = "NRMP Main Residency Match program codes, 2024 Match"
CHARTING_CITATION = "NRMP Charting Outcomes"


def test_acceptance_anesthesiology_categorical_json(catalog_home, cli) -> None:
    result = cli("programs", "search", "--specialty", "anesthesiology", "--track", "categorical",
                 "--json")  # fmt: skip
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    # 172 rows of nrmp_program_codes_2024.csv have specialty_code 040 and track_type C.
    assert data["total"] == 172 == len(data["programs"])
    first = data["programs"][0]
    assert {"code", "institution", "state", "attributes"} <= set(first)
    assert all(p["code"][4:7] == "040" and p["code"][7] == "C" for p in data["programs"])
    for attr in first["attributes"].values():
        assert isinstance(attr["known"], bool)
    assert any(NRMP_CITATION in s for s in data["sources"])


def test_state_filter_counts_unknown_state_tracks_left_out(catalog) -> None:
    everything = catalog.search(specialty="internal-medicine")
    texas = catalog.search(specialty="internal-medicine", state="tx")
    unknown = sum(1 for p in everything.programs if p.state is None)
    assert texas.left_out_unknown_state == unknown > 0
    assert texas.programs and all(p.state == "TX" for p in texas.programs)
    assert everything.left_out_unknown_state == 0
    assert any(p.state is None for p in everything.programs)  # kept without a state filter


def test_text_and_track_filters(catalog) -> None:
    found = catalog.search(text="brookwood baptist")
    assert {p.code for p in found.programs} >= {"1903140C0", "1903140P0", "1903999P0"}
    prelim = catalog.search(text="brookwood baptist", track="P")
    assert {p.specialty for p in prelim.programs} == {
        "internal-medicine-preliminary",
        "surgery-preliminary",
        "transitional-year",
    }


def test_visa_filter_keeps_unknown_and_drops_known_non_sponsors(catalog_home, tmp_path) -> None:
    from smartpick.catalog import open_catalog
    from smartpick.service import import_programs

    path = tmp_path / "visa.csv"
    path.write_text("code,visa_policy\n1903140C0,none\n1007040C0,j1-h1b\n", encoding="utf-8")
    import_programs(path)
    result = open_catalog().search(specialty="internal-medicine", visa="h1b")
    codes = {p.code for p in result.programs}
    assert "1903140C0" not in codes
    assert result.unknown_visa_kept == len(codes)  # all other IM tracks: policy unknown
    anes = open_catalog().search(text="1007040C0", visa="h1b")
    assert [p.code for p in anes.programs] == ["1007040C0"] and anes.unknown_visa_kept == 0


@pytest.mark.parametrize(
    ("kwargs", "path"),
    [
        ({"track": "X"}, "track"),
        ({"state": "Texas"}, "state"),
        ({"visa": "o1"}, "visa"),
        ({"specialty": "anesthesia"}, "specialty"),
    ],
)
def test_bad_filters_are_input_errors(catalog, kwargs, path) -> None:
    with pytest.raises(InputError) as err:
        catalog.search(**kwargs)
    assert err.value.path == path


def test_search_csv_has_every_row(catalog_home, cli) -> None:
    result = cli("programs", "search", "--specialty", "transitional-year", "--csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 214 and all(r["code"][4:8] == "999P" for r in rows)


def test_show_lists_every_attribute_and_sources(catalog_home, cli) -> None:
    result = cli("programs", "show", "1007040C0", "--json")
    data = json.loads(result.stdout)
    attributes = data["program"]["attributes"]
    assert len(attributes) == 20  # 18 importable + fill_history, h1b_evidence
    unknown = {"value": None, "known": False, "source": "", "as_of": "", "grain": ""}
    assert attributes["visa_policy"] == unknown
    assert attributes["rate_non_us_img"]["known"] is True
    assert "unverified source" in attributes["rate_non_us_img"]["source"]
    assert any(NRMP_CITATION in s for s in data["sources"])
    text = cli("programs", "show", "1007040C0")
    assert "unknown" in text.stdout and NRMP_CITATION in text.stdout


def test_show_unknown_code_exits_2_with_json_error(catalog_home, cli) -> None:
    result = cli("programs", "show", "0000000X0", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == "code"


def test_specialties_show_nrmp_figures_with_source(catalog_home, cli) -> None:
    result = cli("programs", "specialties", "--json")
    data = json.loads(result.stdout)
    rows = {r["id"]: r for r in data["specialties"]}
    # charting_outcomes_nonus_img_2026_specialty_summary.csv, Internal Medicine row.
    assert rows["internal-medicine"]["positions"] == 11632
    assert rows["internal-medicine"]["nonus_img_match_rate_pct"] == 48.5
    assert CHARTING_CITATION in rows["internal-medicine"]["nrmp_source"]
    assert rows["transitional-year"]["positions"] is None
    assert any(CHARTING_CITATION in s for s in data["sources"])
    text = cli("programs", "specialties")
    assert CHARTING_CITATION in text.stdout


def test_specialty_figures_carry_sources(catalog) -> None:
    figures = catalog.specialty_figures("internal-medicine")
    assert figures.figures["nonus_img_matched"].value == 3392  # SOURCES.md, file 7 note
    assert all(CHARTING_CITATION in f.source for f in figures.figures.values())
    groups = {d.group: d for d in figures.interview_rates}
    assert groups["non_us_img"].n_programs == 576 and groups["non_us_img"].mean == 0.0216
    assert figures.visa_figures and any("Tiako" in f.source for f in figures.visa_figures)
    join = figures.interview_rate_join
    assert join["rows"] == 649 and 0 < join["joined"] < 649
    assert figures.tracks_by_type == {"C": 667, "M": 93}


def test_programs_for_is_cached_per_process(catalog) -> None:
    first = catalog.programs_for(["anesthesiology", "internal-medicine", "transitional-year"])
    again = catalog.programs_for(["anesthesiology", "internal-medicine", "transitional-year"])
    assert first == again and first[0] is again[0]


def test_search_table_says_what_its_rate_is_and_marks_unknown_places_once(catalog_home, cli):
    """The rate column is the published share of non-US IMG applicants interviewed, as a
    percentage with the published precision; the '?' legend appears once, and only when a
    shown track has no city or state."""
    located = cli("programs", "search", "--specialty", "anesthesiology", "--state", "OH")
    text = " ".join(located.stdout.split())
    assert "non-US invited: the share of its non-US IMG applicants the program" in text
    assert "│ 1% │" in text or "│ 1%│" in text.replace(" │", "│")
    assert "0.01" not in text and "?" not in text
    anywhere = cli("programs", "search", "--text", "Crestwood Med Ctr").stdout  # no state
    assert "│ ?" in anywhere
    assert anywhere.count("city or state not in the source") == 1
