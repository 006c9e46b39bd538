"""Import is all or nothing, idempotent, survives a killed process; export round-trips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smartpick.errors import ImportFileError

pytest_plugins = ("catalog_fixtures",)

CODES = ("1903140C0", "1007040C0", "3082120C0", "1903999P0", "1903440P0")


def _export() -> str:
    from smartpick.service import export_programs

    return export_programs().csv


def _five_hundred_rows(catalog, bad_line: int | None = None) -> str:
    codes = [p.code for p in catalog.all_programs()][:500]
    lines = ["code,img_share,step2ck_min,visa_policy"]
    for i, code in enumerate(codes):
        lines.append(f"{code},0.{i % 10}5,{200 + i % 50},j1")
    if bad_line is not None:
        lines[bad_line - 1] = f"{codes[bad_line - 2]},1.5,230,j1"  # a share above 1
    return "\n".join(lines) + "\n"


def test_import_adds_values_with_source_and_date(catalog_home, tmp_path) -> None:
    from smartpick.catalog import open_catalog
    from smartpick.service import import_programs

    path = tmp_path / "mine.csv"
    path.write_text(
        "code,source,as_of,visa_policy,step2ck_min,usce_required\n"
        "1903140C0,program website,2026-09-01,j1,230,yes\n",
        encoding="utf-8",
    )
    result = import_programs(path)
    assert result.applied and len(result.changes) == 3
    program = open_catalog().get("1903140C0")
    visa = program.attributes["visa_policy"]
    assert (visa.value, visa.known, visa.as_of) == ("j1", True, "2026-09-01")
    assert visa.source == "user import: program website"
    assert program.known("step2ck_min") == 230 and program.known("usce_required") is True


def test_dry_run_shows_changes_and_writes_nothing(catalog_home, tmp_path, cli) -> None:
    before = _export()
    path = tmp_path / "mine.csv"
    path.write_text("code,img_share\n1903140C0,0.4\n", encoding="utf-8")
    result = cli("programs", "import", path, "--dry-run", "--json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["dry_run"] and not data["applied"]
    assert data["changes"][0] == {
        "line": 2, "code": "1903140C0", "attribute": "img_share", "old": None, "new": 0.4,
        "kind": "added",
    }  # fmt: skip
    assert _export() == before


def test_reimport_is_a_no_op(catalog_home, tmp_path) -> None:
    from smartpick.catalog import open_catalog
    from smartpick.service import import_programs

    path = tmp_path / "mine.csv"
    path.write_text("code,img_share,positions\n1903140C0,0.4,12\n", encoding="utf-8")
    assert len(import_programs(path).changes) == 2
    revision = open_catalog().revision()
    again = import_programs(path)
    assert again.changes == () and not again.applied
    assert open_catalog().revision() == revision


@pytest.mark.parametrize(
    ("row", "column", "what"),
    [
        ("0000000X0,0.4", "code", "unknown program code"),
        ("1903140C0,1.2", "img_share", "between 0 and 1"),
        ("1903140C0,lots", "img_share", "expected a number"),
        ("1007040C0,0.5", "code", "also on line 2"),
    ],
)
def test_bad_cell_names_line_and_column(catalog_home, tmp_path, row, column, what) -> None:
    from smartpick.service import import_programs

    path = tmp_path / "bad.csv"
    path.write_text(f"code,img_share\n1007040C0,0.3\n{row}\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        import_programs(path)
    assert err.value.path == f"bad.csv:3:{column}"
    assert "line 3" in err.value.message and what in err.value.message


@pytest.mark.parametrize(
    ("header", "row", "column"),
    [
        ("code,step2ck_min", "1903140C0,400", "step2ck_min"),
        ("code,positions", "1903140C0,12.5", "positions"),
        ("code,visa_policy", "1903140C0,o1", "visa_policy"),
        ("code,usce_required", "1903140C0,maybe", "usce_required"),
        ("code,as_of", "1903140C0,yesterday", "as_of"),
        ("code,as_of", "1903140C0,2999-01-01", "as_of"),  # checked in the future
        ("code,favourite", "1903140C0,1", "favourite"),
    ],
)
def test_out_of_range_and_wrong_type(catalog_home, tmp_path, header, row, column) -> None:
    from smartpick.service import import_programs

    path = tmp_path / "bad.csv"
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    with pytest.raises(ImportFileError) as err:
        import_programs(path)
    assert err.value.path is not None and err.value.path.endswith(f":{column}")


def test_one_bad_row_among_500_writes_nothing(catalog_home, tmp_path, cli) -> None:
    from smartpick.catalog import open_catalog

    before = _export()
    path = tmp_path / "research.csv"
    path.write_text(_five_hundred_rows(open_catalog(), bad_line=321), encoding="utf-8")
    result = cli("programs", "import", path, "--json")
    assert result.exit_code == 2
    error = json.loads(result.stdout)["error"]
    assert error["path"] == "research.csv:321:img_share"
    assert _export() == before


def test_killed_mid_import_leaves_catalog_unchanged(catalog_home, tmp_path) -> None:
    from smartpick.catalog import open_catalog

    before = _export()
    path = tmp_path / "research.csv"
    path.write_text(_five_hundred_rows(open_catalog()), encoding="utf-8")
    env = dict(os.environ, SMARTPICK_HOME=str(catalog_home), SMARTPICK_IMPORT_CRASH_AFTER="700")
    code = "import sys; from pathlib import Path; from smartpick.service import import_programs; "
    code += "import_programs(Path(sys.argv[1]))"
    done = subprocess.run([sys.executable, "-c", code, str(path)], env=env, timeout=120)
    assert done.returncode == 3  # the process died after writing 700 of 1,500 values
    assert _export() == before
    # The same import, not killed, goes through.
    env.pop("SMARTPICK_IMPORT_CRASH_AFTER")
    assert subprocess.run([sys.executable, "-c", code, str(path)], env=env).returncode == 0
    assert _export() != before


def test_template_lists_every_attribute(catalog_home, cli) -> None:
    result = cli("programs", "template", "--json")
    data = json.loads(result.stdout)
    header = data["csv"].strip().split(",")
    assert header[0] == "code" and "visa_policy" in header and "step2ck_min" in header
    assert len(data["columns"]) == len(header) + 1


def test_replace_source_with_users_own_copy(catalog_home, tmp_path) -> None:
    from importlib import resources

    from smartpick.catalog import open_catalog
    from smartpick.service import import_programs

    text = (
        resources.files("smartpick")
        .joinpath("data", "sources", "nrmp_program_codes_2024.csv")
        .read_text(encoding="utf-8")
    )
    lines = text.splitlines()
    mine = tmp_path / "my_nrmp_codes.csv"
    mine.write_text("\n".join(lines[:101]) + "\n", encoding="utf-8")  # header + 100 tracks
    result = import_programs(mine, replace_source=True)
    assert result.replaces == "nrmp_program_codes_2024.csv" and result.rows == 100
    catalog = open_catalog()
    assert len(catalog.all_programs()) == 100
    assert "[user's own copy]" in catalog.search().sources[0]


def test_replace_source_refuses_unknown_header(catalog_home, tmp_path) -> None:
    from smartpick.service import import_programs

    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ImportFileError):
        import_programs(path, replace_source=True)


ATTRIBUTE_VALUES = {
    "visa_policy": st.sampled_from(["none", "j1", "j1-h1b"]),
    "img_share": st.floats(0, 1, allow_nan=False),
    "step2ck_min": st.integers(180, 300),
    "max_years_since_graduation": st.integers(0, 60),
    "usce_required": st.booleans(),
    "positions": st.integers(0, 500),
    "program_type": st.sampled_from(["university", "community-university", "community"]),
    "rate_non_us_img": st.floats(0, 1, allow_nan=False),
}


@st.composite
def research_files(draw) -> str:
    from smartpick.catalog.model import format_value

    names = sorted(ATTRIBUTE_VALUES)
    codes = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=4, unique=True))
    lines = [",".join(["code", *names])]
    for code in codes:
        cells = [
            format_value(draw(ATTRIBUTE_VALUES[n])) if draw(st.booleans()) else "" for n in names
        ]
        lines.append(",".join([code, *cells]))
    return "\n".join(lines) + "\n"


def _fresh_home(prebuilt: Path, factory: pytest.TempPathFactory) -> Path:
    home = factory.mktemp("roundtrip")
    shutil.copy(prebuilt, home / "smartpick.db")
    return home


def _import_and_export(home: Path, text: str) -> str:
    from smartpick.catalog import open_catalog
    from smartpick.catalog.exporter import export_catalog
    from smartpick.catalog.importer import import_text

    catalog = open_catalog(f"sqlite:///{home / 'smartpick.db'}")
    import_text(catalog, text, "file.csv")
    return export_catalog(catalog)


@settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=research_files())
def test_round_trip_export_import_export(prebuilt_db, tmp_path_factory, text) -> None:
    first = _import_and_export(_fresh_home(prebuilt_db, tmp_path_factory), text)
    second = _import_and_export(_fresh_home(prebuilt_db, tmp_path_factory), first)
    assert first == second


def test_user_edit_is_recorded_as_such(catalog_home) -> None:
    from smartpick.catalog import open_catalog
    from smartpick.catalog.importer import edit_attribute

    catalog = open_catalog()
    change = edit_attribute(catalog, "1903140C0", "max_years_since_graduation", "5")
    assert change is not None and change.new == 5
    attr = open_catalog().get("1903140C0").attributes["max_years_since_graduation"]
    assert attr.known and attr.value == 5 and attr.source == "user edit"
    assert edit_attribute(catalog, "1903140C0", "max_years_since_graduation", "5") is None
    with pytest.raises(ImportFileError):
        edit_attribute(catalog, "1903140C0", "max_years_since_graduation", "99")


def test_export_file_reimports_as_no_change_and_cites_nrmp(catalog_home, tmp_path, cli) -> None:
    out = tmp_path / "catalog.csv"
    result = cli("programs", "export", "-o", out)
    assert result.exit_code == 0 and "Source: NRMP Main Residency Match" in result.stdout
    again = json.loads(cli("programs", "import", out, "--json").stdout)
    assert again["rows"] > 3000 and again["changes"] == []


@pytest.mark.parametrize("length", [295, 5_000])
def test_a_long_source_cell_is_stored_in_full(catalog_home, tmp_path, length) -> None:
    """Regression (issue 18): PostgreSQL refused a 295-character ``source`` that SQLite
    took (a VARCHAR(300) column). The column is now TEXT on every database: stored whole."""
    from smartpick.catalog import open_catalog
    from smartpick.service import import_programs

    source = "x" * length
    path = tmp_path / "long.csv"
    path.write_text(f"code,source,img_share\n1903140C0,{source},0.4\n", encoding="utf-8")
    assert import_programs(path).applied
    stored = open_catalog().get("1903140C0").attributes["img_share"].source
    assert stored == f"user import: {source}"


def test_no_bounded_column_takes_a_users_free_text() -> None:
    """What an import writes from a cell is unbounded TEXT (value, source) or checked before
    it is written (code against the catalog, as_of as a date, the attribute by its header),
    so SQLite and PostgreSQL accept the same files."""
    from sqlalchemy import Text

    from smartpick.catalog.db import AttributeRow

    columns = AttributeRow.__table__.columns
    assert isinstance(columns["source"].type, Text) and isinstance(columns["value"].type, Text)
    assert columns["as_of"].type.length >= len("2026-09-01")
