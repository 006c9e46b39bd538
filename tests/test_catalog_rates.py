"""Name joins: normalisation, the interview-rate join's decisions, locations, migrations."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from smartpick.catalog.names import normalise, strip_state_suffix
from smartpick.catalog.rates import RATES_FILE, Institution, _match

pytest_plugins = ("catalog_fixtures",)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Brookwood Baptist Health-AL", "brookwood baptist health"),
        ("U Cincinnati Med Ctr-OH", "university cincinnati medical center"),
        ("Indiana University SOM", "indiana university school medicine"),
        ("Med Coll Wisconsin Affil Hosps", "medical college wisconsin affiliated hospitals"),
        ("St Elizabeth's Medical Center Program", "saint elizabeth's medical center"),
        ("Massachusetts Gen Hosp", "massachusetts general hospital"),
    ],
)
def test_normalise(name: str, expected: str) -> None:
    assert normalise(name) == expected


def test_state_suffix() -> None:
    assert strip_state_suffix("Brookwood Baptist Health-AL") == ("Brookwood Baptist Health", "AL")
    assert strip_state_suffix("U Alabama Med Ctr-Birmingham") == (
        "U Alabama Med Ctr-Birmingham",
        None,
    )


POOL = [
    Institution("0001", "Mercy Med Ctr-Merced-CA", "CA"),
    Institution("0002", "Mercy Med Ctr-Redding-CA", "CA"),
    Institution("0003", "Ochsner Clinic Foundation-LA", "LA"),
    Institution("0004", "Tulane Univ SOM", None),
]


@pytest.mark.parametrize(
    ("program", "state", "status", "code"),
    [
        ("Ochsner Clinic Foundation Program", "LA", "joined", "0003"),
        ("Ochsner Clinic Foundation Program", "TX", "unmatched", None),  # other state
        ("Mercy Medical Center Program", "CA", "ambiguous", None),  # Merced vs Redding
        ("Mercy Medical Center (Merced) Program", "CA", "joined", "0001"),
        ("Tulane University Program", "LA", "joined", "0004"),  # no state: stricter floor
        ("Tulane Medical Center Program", "LA", "unmatched", None),
        ("Completely Different Hospital Program", "CA", "unmatched", None),
    ],
)
def test_rate_join_decisions(program, state, status, code) -> None:
    found, got, _score = _match({"program_name": program, "state": state}, POOL)
    assert got == status
    assert (found.code if found else None) == code


def _rate_row(line: int) -> dict[str, str]:
    text = (
        resources.files("smartpick")
        .joinpath("data", "sources", RATES_FILE)
        .read_text(encoding="utf-8")
    )
    return list(csv.DictReader(text.splitlines()))[line - 2]


def test_joined_rates_equal_the_source_row(catalog) -> None:
    row = _rate_row(2299)
    assert row["program_name"] == "Brookwood Baptist Health Program"
    program = catalog.get("1903140C0")
    for name in ("rate_md", "rate_do", "rate_us_img", "rate_non_us_img"):
        assert program.known(name) == float(row[name])
        assert "line 2299" in program.attributes[name].source
    assert program.attributes["rate_gold_signal"].known is False  # blank in the source
    # The preliminary track of the same institution gets no categorical rates.
    assert catalog.get("1903140P0").attributes["rate_md"].known is False


def test_every_rate_row_is_accounted_for(catalog) -> None:
    from smartpick.catalog.figures import join_counts
    from smartpick.catalog.rates import rate_specialty_ids

    counts = [join_counts(catalog, s) for s in sorted(set(rate_specialty_ids().values()))]
    assert sum(c["rows"] for c in counts) == 4777  # every row of the rate file
    for c in counts:
        assert c["rows"] == sum(v for k, v in c.items() if k != "rows")
        assert set(c) <= {"rows", "joined", "ambiguous", "unmatched", "conflict"}


def test_locations(catalog) -> None:
    brookwood = catalog.get("1903140C0")
    assert (brookwood.city, brookwood.state) == ("Birmingham", "AL")
    assert brookwood.location_method == "nrmp-institution-code"
    no_state = [p for p in catalog.all_programs() if p.state is None]
    assert all(p.city is None and p.location_method == "no-state-in-source" for p in no_state)


def test_migrations_bring_an_old_database_up_to_date(tmp_path) -> None:
    from sqlalchemy import inspect

    from smartpick.catalog import db

    engine = db.make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    with engine.begin() as conn:
        db.MIGRATIONS[0](conn)
        db.set_meta(conn, "schema_version", "1")
    assert not inspect(engine).has_table("catalog_rate_joins")
    assert db.migrate(engine) == len(db.MIGRATIONS)
    assert inspect(engine).has_table("catalog_rate_joins")
    with engine.connect() as conn:
        assert db.get_meta(conn, "schema_version") == str(len(db.MIGRATIONS))
