"""Catalog speed: build from the shipped files, search over all tracks, programs_for.

Run: ``python benchmarks/bench_catalog.py`` (prints median wall times; targets: build
< 1.5 s, search over all tracks < 50 ms warm).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def fresh_url() -> str:
    return f"sqlite:///{Path(tempfile.mkdtemp(prefix='bench-catalog-')) / 'smartpick.db'}"


def main() -> None:
    os.environ["SMARTPICK_HOME"] = tempfile.mkdtemp(prefix="bench-home-")
    from smartpick.catalog import open_catalog
    from smartpick.catalog import query as catalog_query

    build = median_ms(lambda: open_catalog(fresh_url()), repeat=5)
    print(f"build catalog from shipped files (6,263 tracks): median {build:.0f} ms (n=5)")

    catalog = open_catalog(fresh_url())

    def cold_search() -> object:
        catalog_query._SNAPSHOTS.clear()
        return catalog.search()

    cold = median_ms(cold_search, repeat=5)
    print(f"search, all tracks, first call in a process (loads the catalog): median {cold:.1f} ms")
    total = catalog.search().total
    warm = median_ms(catalog.search, repeat=50)
    print(f"search, all tracks ({total} programs), warm: median {warm:.2f} ms (target < 50 ms)")
    h1b = median_ms(lambda: catalog.search(visa="h1b"), repeat=50)
    print(f"search --visa h1b, all tracks (evidence first): median {h1b:.2f} ms")
    units = median_ms(catalog.program_units, repeat=50)
    print(f"program_units(), {len(catalog.program_units())} programs, warm: median {units:.2f} ms")
    texas = median_ms(lambda: catalog.search(state="TX", track="C"), repeat=50)
    print(f"search --state TX --track C: median {texas:.2f} ms")
    three = ["anesthesiology", "internal-medicine", "transitional-year"]
    pf = median_ms(lambda: catalog.programs_for(three), repeat=50)
    print(f"programs_for(3 specialties, {len(catalog.programs_for(three))} tracks): "
          f"median {pf:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
