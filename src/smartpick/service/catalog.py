"""Catalog services: the typed results behind ``smartpick programs ...`` and the web pages."""

from __future__ import annotations

import csv
import io
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeGuard

from ..errors import ImportFileError, check_size
from ..outputs import output_path, write_whole
from ..specialties import all_specialties

if TYPE_CHECKING:
    from ..catalog import Program, ProgramUnit, SearchResult, SpecialtyFigures
    from ..catalog.importer import ImportResult
    from ..catalog.replace import ReplaceResult


@dataclass(frozen=True)
class SpecialtyRow:
    id: str
    name: str
    kind: str
    tracks: int
    positions: int | float | None
    nonus_img_match_rate_pct: int | float | None
    nrmp_source: str | None


@dataclass(frozen=True)
class SpecialtyList:
    specialties: tuple[SpecialtyRow, ...]
    sources: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class ProgramDetail:
    program: Program
    specialty_name: str
    sources: tuple[str, ...]
    note: str
    unit: ProgramUnit | None = None  # the program (institution + specialty) the track is in
    grouping: tuple[str, ...] = ()  # sentences: the program's tracks and the grouping
    size: tuple[str, ...] = ()  # sentences: positions, fill history
    h1b: tuple[str, ...] = ()  # sentences: H-1B evidence (never "does not sponsor")


@dataclass(frozen=True)
class ExportResult:
    csv: str
    rows: int
    written_to: str | None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class TemplateResult:
    csv: str
    columns: tuple[dict[str, str], ...]
    instructions: str


MAIN_MATCH_NOTE = "Covers the NRMP Main Residency Match only (SOAP is a separate round)."


def list_specialties() -> SpecialtyList:
    """Every specialty id with its track count and NRMP positions / non-US IMG match rate."""
    from ..catalog import open_catalog
    from ..catalog.figures import CHARTING, charting_figures
    from ..catalog.sources import source_line

    catalog = open_catalog()
    rows = []
    for spec in all_specialties().values():
        figures = charting_figures(spec.id)
        positions = figures.get("positions")
        rate = figures.get("nonus_img_match_rate_pct_derived")
        rows.append(
            SpecialtyRow(
                id=spec.id,
                name=spec.name,
                kind=spec.kind,
                tracks=len(catalog.programs_for([spec.id])),
                positions=positions.value if positions else None,
                nonus_img_match_rate_pct=rate.value if rate else None,
                nrmp_source=positions.source if positions else None,
            )
        )
    sources = (source_line(CHARTING), source_line("nrmp_program_codes_2024.csv"))
    return SpecialtyList(tuple(rows), sources, MAIN_MATCH_NOTE)


def search_programs(
    specialty: str | None = None,
    state: str | None = None,
    track: str | None = None,
    visa: str | None = None,
    text: str | None = None,
) -> SearchResult:
    """Programs matching every filter given; unknown-state tracks are counted when left out."""
    from ..catalog import open_catalog

    catalog = open_catalog()
    return catalog.search(specialty=specialty, state=state, track=track, visa=visa, text=text)


def search_csv(result: SearchResult) -> str:
    """The search result as CSV: identity columns, then every attribute's known value."""
    from ..catalog.model import attribute_names, format_value

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    names = attribute_names()
    writer.writerow(["code", "institution", "city", "state", "specialty", "track", *names])
    for p in result.programs:
        row = [p.code, p.institution, p.city or "", p.state or "", p.specialty, p.track]
        writer.writerow(row + [format_value(p.known(n)) for n in names])
    return out.getvalue()


def show_program(code: str) -> ProgramDetail:
    """One program with every attribute, known or not, and where each value came from."""
    from ..catalog import open_catalog
    from ..catalog.describe import grouping_lines, h1b_lines, size_lines
    from ..catalog.sources import source_line

    catalog = open_catalog()
    program = catalog.get(code)
    unit = catalog.program_unit(program.code)
    sources = {source_line("nrmp_program_codes_2024.csv")}
    sources |= {a.source for a in program.attributes.values() if a.known}
    name = all_specialties()[program.specialty].name
    return ProgramDetail(
        program,
        name,
        tuple(sorted(sources)),
        MAIN_MATCH_NOTE,
        unit=unit,
        grouping=tuple(grouping_lines(unit)),
        size=tuple(size_lines(program)),
        h1b=tuple(h1b_lines(program)),
    )


def specialty_figures(specialty_id: str) -> SpecialtyFigures:
    """Per-specialty base figures (NRMP positions, applicants, IMG match rate, rate spreads)."""
    from ..catalog import open_catalog

    return open_catalog().specialty_figures(specialty_id)


IMPORT_HINT = "give a UTF-8 CSV file (see: smartpick programs template)"


def is_import_result(result: object) -> TypeGuard[ImportResult]:
    """True for an attribute import's result, False for a replaced source file's."""
    from ..catalog.importer import ImportResult

    return isinstance(result, ImportResult)


def _read_import_file(path: Path) -> str:
    """The CSV's text: a regular UTF-8 file of at most 1 MB, not empty (errors name the
    file only, never its folder)."""
    name = path.name or "."
    try:
        info = path.stat()
    except OSError:
        raise ImportFileError(f"file not found: {name}", path=name, hint=IMPORT_HINT) from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "a device or a pipe"
        raise ImportFileError(
            f"cannot read {name} ({what}, not a file)", path=name, hint=IMPORT_HINT
        )
    check_size(info.st_size, path=name)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "the file is not UTF-8 text (binary, or another encoding)",
            path=name,
            hint="save the file as CSV in UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        ) from None
    except OSError:
        raise ImportFileError(f"cannot read {name}", path=name, hint=IMPORT_HINT) from None
    if not text.strip():
        raise ImportFileError("the file is empty", path=name, hint=IMPORT_HINT)
    if "\x00" in text:
        raise ImportFileError(
            "the file holds NUL characters (binary, not CSV)", path=name, hint=IMPORT_HINT
        )
    return text


def import_programs(
    path: Path, dry_run: bool = False, replace_source: bool = False
) -> ImportResult | ReplaceResult:
    """Add or update attributes from a CSV (all or nothing), or replace a shipped source file."""
    from ..catalog import open_catalog
    from ..catalog.importer import import_text

    text = _read_import_file(path)
    try:
        if replace_source:
            from ..catalog.replace import replace_source_file

            return replace_source_file(text, path.name, dry_run=dry_run)
        return import_text(open_catalog(), text, path.name, dry_run=dry_run)
    except csv.Error as exc:  # e.g. a cell over the csv module's field size limit
        raise ImportFileError(
            f"not a valid CSV file ({exc}); nothing was imported",
            path=path.name,
            hint="check the file's quotes and cell sizes (see: smartpick programs template)",
        ) from None


def export_programs(output: Path | None = None) -> ExportResult:
    """Every program with a known attribute, as an import-ready CSV."""
    from ..catalog import open_catalog
    from ..catalog.exporter import export_catalog

    catalog = open_catalog()
    text = export_catalog(catalog)
    if output is not None:
        _write_export(Path(output), text)
    rows = text.count("\n") - 1
    return ExportResult(text, rows, str(output) if output else None, catalog.search().sources)


def _write_export(output: Path, text: str) -> None:
    """Write the export whole; a missing folder or an unwritable path is the user's to fix."""
    write_whole(output_path(output, field="output"), text.encode("utf-8"), field="output")


TEMPLATE_INSTRUCTIONS = (
    "One row per program (NRMP code). Fill only the columns you researched; a blank cell "
    "changes nothing and 'unknown' forgets a value. Check with "
    "'smartpick programs import FILE.csv --dry-run', then import without --dry-run. "
    "A bad cell stops the whole import and names its line and column."
)


def programs_template() -> TemplateResult:
    """The import file's header and what each column accepts."""
    from ..catalog.exporter import column_help, template_csv

    return TemplateResult(template_csv(), tuple(column_help()), TEMPLATE_INSTRUCTIONS)
