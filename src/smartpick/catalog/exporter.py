"""Export the catalog's attribute values as a CSV that ``programs import`` reads back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .model import Program, attribute_names, config, format_value
from .query import Catalog

INFO_COLUMNS = ("institution", "specialty", "track")  # shown for reading; ignored on import
NOTE_COLUMNS = ("source", "as_of")  # apply to every value of the row on import


def header() -> list[str]:
    return ["code", *INFO_COLUMNS, *NOTE_COLUMNS, *attribute_names()]


def _row(program: Program) -> list[str]:
    values = [format_value(program.known(name)) for name in attribute_names()]
    info = [program.institution, program.specialty, program.track]
    return [program.code, *info, "", "", *values]


def export_csv(programs: Iterable[Program]) -> str:
    """One row per program that has at least one known attribute, sorted by code."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header())
    for program in sorted(programs, key=lambda p: p.code):
        if any(a.known for a in program.attributes.values()):
            writer.writerow(_row(program))
    return out.getvalue()


def export_catalog(catalog: Catalog) -> str:
    return export_csv(catalog.all_programs())


def template_csv() -> str:
    """The header of an import file, and one commented line per column."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(header())
    return out.getvalue()


def column_help() -> list[dict[str, str]]:
    """What each import column holds and which values it accepts."""
    rows = [
        {"column": "code", "accepts": "NRMP program code, e.g. 1903140C0 (required)"},
        *({"column": c, "accepts": "ignored on import (for reading only)"} for c in INFO_COLUMNS),
        {"column": "source", "accepts": "where the row's values come from (default: the file)"},
        {"column": "as_of", "accepts": "date the values were checked, YYYY-MM-DD (default: today)"},
    ]
    for name, spec in config().attributes.items():
        if spec.kind in ("rate", "share"):
            accepts = "a fraction from 0 to 1"
        elif spec.kind == "int":
            accepts = f"a whole number from {spec.min} to {spec.max}"
        elif spec.kind == "bool":
            accepts = "yes or no"
        else:
            accepts = "one of: " + ", ".join(spec.values)
        rows.append({"column": name, "accepts": f"{spec.label}: {accepts}"})
    rows.append({"column": "(any)", "accepts": "blank: no change; 'unknown': forget the value"})
    return rows
