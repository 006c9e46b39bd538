"""The catalog on the real PostgreSQL server: opened by several at once, built once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine

pytestmark = pytest.mark.catalog_build


def test_sessions_opening_an_empty_database_at_once_build_the_catalog_once(postgres_url):
    from smartpick.catalog.db import Base
    from smartpick.catalog.query import Catalog

    try:
        with ThreadPoolExecutor(max_workers=3) as pool:  # one connection (session) each
            revisions = list(pool.map(lambda _: Catalog(postgres_url).revision(), range(3)))
        assert len(set(revisions)) == 1 and revisions[0].endswith(":1")
        assert len(Catalog(postgres_url).programs_for(["internal-medicine"])) > 700
    finally:
        engine = create_engine(postgres_url)
        Base.metadata.drop_all(engine)
        engine.dispose()
