"""The catalog on the real PostgreSQL server: opened by several at once, built once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy import create_engine

pytestmark = pytest.mark.catalog_build
EXAMPLES = Path(__file__).resolve().parent.parent.parent / "examples"


def test_sessions_opening_an_empty_database_at_once_build_the_catalog_once(
    postgres_url, monkeypatch
):
    from smartpick.catalog.db import Base
    from smartpick.catalog.query import Catalog

    try:
        with ThreadPoolExecutor(max_workers=3) as pool:  # one connection (session) each
            revisions = list(pool.map(lambda _: Catalog(postgres_url).revision(), range(3)))
        assert len(set(revisions)) == 1 and revisions[0].endswith(":1")
        assert len(Catalog(postgres_url).programs_for(["internal-medicine"])) > 700
        # the plan read from PostgreSQL is the plan read from the SQLite default
        from smartpick.service.plan import plan_for_profile

        example = EXAMPLES / "us-img-im-reapplicant.yaml"
        on_sqlite = plan_for_profile(example, advice=False)
        monkeypatch.setenv("SMARTPICK_DATABASE_URL", postgres_url)
        on_postgres = plan_for_profile(example, advice=False)
        assert [p.code for p in on_postgres.programs] == [p.code for p in on_sqlite.programs]
        assert on_postgres.totals.p_match == on_sqlite.totals.p_match > 0
    finally:
        engine = create_engine(postgres_url)
        Base.metadata.drop_all(engine)
        engine.dispose()
