"""Normalise institution and program names so that NRMP and ACGME forms compare."""

from __future__ import annotations

import re
from functools import lru_cache

# NRMP abbreviations (as in nrmp_program_codes_2024.csv) and their ACGME spelling.
_ABBREVIATIONS = {
    "u": "university",
    "univ": "university",
    "hosp": "hospital",
    "hosps": "hospitals",
    "hlth": "health",
    "gen": "general",
    "hsc": "health science center",
    "med": "medical",
    "ctr": "center",
    "ctrs": "centers",
    "sch": "school",
    "som": "school of medicine",
    "com": "college of medicine",
    "rehab": "rehabilitation",
    "coll": "college",
    "sys": "system",
    "affil": "affiliated",
    "inst": "institute",
    "st": "saint",
    "mt": "mount",
    "natl": "national",
    "reg": "regional",
    "reg'l": "regional",
    "comm": "community",
    "fdn": "foundation",
    "fnd": "foundation",
    "assoc": "associated",
    "prog": "program",
    "dept": "department",
    "gme": "graduate medical education",
    "ucla": "university of california los angeles",
    "ucsf": "university of california san francisco",
    "usc": "university of southern california",
    "va": "veterans affairs",
}
_STOP = {"program", "the", "of", "and", "at", "in", "inc", "llc"}
_STATE_SUFFIX = re.compile(r"-([A-Z]{2})$")
_TOKEN = re.compile(r"[a-z0-9']+")


def strip_state_suffix(name: str) -> tuple[str, str | None]:
    """``"Brookwood Baptist Health-AL"`` -> (``"Brookwood Baptist Health"``, ``"AL"``)."""
    found = _STATE_SUFFIX.search(name.strip())
    if not found:
        return name.strip(), None
    return name.strip()[: found.start()], found.group(1)


@lru_cache(maxsize=20_000)
def normalise(name: str) -> str:
    """Lower-case tokens with abbreviations expanded and filler words dropped."""
    base, _ = strip_state_suffix(name)
    words: list[str] = []
    for token in _TOKEN.findall(base.lower().replace("&", " and ").replace("/", " ")):
        words.extend(_ABBREVIATIONS.get(token, token).split())
    return " ".join(w for w in words if w not in _STOP)
