"""Every name and city an NRMP institution code is known by, from the code-keyed files.

Names: the 2024 program list, the NRMP Program Results 2010-2019 (names of the time,
so renamed hospitals keep their old name), the institution locations file and its
resmatch alternative, and the IM crosswalk. Cities: the locations file (with the other
cities of split codes), the Program Results and crosswalk cities, and the Florida
results. All are keyed by the 4-character institution code, never joined by name.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from .gazetteer import FLORIDA, INSTITUTIONS
from .names import normalise
from .sizes import RESULTS_2010_2019 as RESULTS
from .sources import rows

CROSSWALK = "nrmp_acgme_crosswalk_im.csv"


def _results_places() -> set[tuple[str, str, str]]:
    """(institution code, name, city) of the 2010-2019 results."""
    return {(r["institution_code"], r["institution_name"], r["city"]) for r in rows(RESULTS)}


def _add(found: dict[str, set[str]], code: str, *values: str) -> None:
    found[code].update(v.strip() for v in values if v and v.strip())


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    names: dict[str, set[str]] = defaultdict(set)
    cities: dict[str, set[str]] = defaultdict(set)
    for r in rows(INSTITUTIONS):
        _add(names, r["institution_code"], r["institution_name"], r["alt_name"])
        _add(cities, r["institution_code"], r["city"], r["alt_city"], *r["other_cities"].split(";"))
    for code, name, city in _results_places():
        _add(names, code, name)
        _add(cities, code, city)
    for r in rows(CROSSWALK):
        _add(names, r["institution_code"], r["institution_name"])
        _add(cities, r["institution_code"], r["city"])
    for r in rows(FLORIDA):
        _add(cities, r["nrmp_program_code"][:4], r["city"])
    return (
        {c: frozenset(v) for c, v in names.items()},
        {c: frozenset(normalise(v) for v in found) for c, found in cities.items()},
    )


def institution_names(code: str) -> frozenset[str]:
    return _tables()[0].get(code, frozenset())


def institution_cities(code: str) -> frozenset[str]:
    """Normalised city names of the institution's sites (``"St. Louis"`` -> ``"saint louis"``)."""
    return _tables()[1].get(code, frozenset())
