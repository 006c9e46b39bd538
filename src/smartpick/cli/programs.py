"""``smartpick programs ...``: the program catalog (specialties, search, show, import, export)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from ..errors import printable
from ..results import count
from .common import JsonOption, console, err_console, run

if TYPE_CHECKING:
    from ..service.catalog import (
        ExportResult,
        Program,
        ProgramDetail,
        SearchResult,
        SpecialtyList,
        TemplateResult,
    )

programs_app = typer.Typer(
    help="The program catalog: every NRMP Main Match track and what is known about it.",
    no_args_is_help=True,
)

SHOWN_ROWS = 60


def _sources(lines: tuple[str, ...] | list[str]) -> None:
    for line in lines:
        console.print(f"Source: {line}", markup=False, soft_wrap=True, style="dim")


@programs_app.command("specialties")
def specialties(json_output: JsonOption = False) -> None:
    """Specialty ids with their tracks, NRMP positions and non-US IMG match rate (with source)."""
    from ..service import list_specialties

    run(list_specialties, _render_specialties, json_output)


def _render_specialties(result: SpecialtyList) -> None:
    """Ids whole (a long id breaks only after a hyphen); names only where they fit."""
    rows = result.specialties
    fixed = 6 + 9 + 10  # tracks, positions, match %
    longest = max((len(row.id) for row in rows), default=2)
    id_width = min(longest, max(20, console.width - fixed - _borders(4)))
    name_width = console.width - fixed - id_width - _borders(5)
    with_name = name_width >= 14
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True, width=id_width)
    if with_name:
        table.add_column("name", width=name_width)
    table.add_column("tracks", justify="right", no_wrap=True, width=6)
    table.add_column("positions\n2026", justify="right", no_wrap=True, width=9)
    table.add_column("non-US IMG\nmatch %", justify="right", no_wrap=True, width=10)
    for row in rows:
        figures = [str(row.tracks), _text(row.positions), _text(row.nonus_img_match_rate_pct)]
        name = [row.name] if with_name else []
        _add_row(table, hyphen_wrap(row.id, id_width), *name, *figures)
    console.print(table)
    console.print(result.note, markup=False)
    _sources(result.sources)


def hyphen_wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width``, broken only after a hyphen (ids stay whole
    words): ``'family-medicine-osteopathic'`` at 16 -> ``'family-medicine-\nosteopathic'``."""
    lines = [""]
    for part in re.findall(r"[^-]+-?", text) or [text]:
        if lines[-1] and len(lines[-1]) + len(part) > width:
            lines.append("")
        lines[-1] += part
    return "\n".join(lines)


def _borders(n_columns: int) -> int:
    """Width of the rules and padding of a ``pad_edge=False`` table of ``n_columns``."""
    return 3 * n_columns - 1


def _add_row(table: Table, *cells: str) -> None:
    """A row shown as typed: catalog and imported text is never read as rich markup."""
    table.add_row(*(Text("\n".join(map(printable, cell.split("\n")))) for cell in cells))


def _text(value: object) -> str:
    return "unknown" if value is None else str(value)


@programs_app.command("search")
def search(
    specialty: Annotated[str | None, typer.Option(help="Specialty id, e.g. surgery.")] = None,
    state: Annotated[str | None, typer.Option(help="2-letter state code(s), e.g. TX,OH.")] = None,
    track: Annotated[str | None, typer.Option(help="C/P/A/R/M or categorical, ...")] = None,
    visa: Annotated[str | None, typer.Option(help="j1, h1b or none.")] = None,
    text: Annotated[str | None, typer.Option(help="Text in code, institution or city.")] = None,
    csv_output: Annotated[bool, typer.Option("--csv", help="Print the result as CSV.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Search the catalog; tracks without a known state stay in unless --state is given."""
    from ..service import search_programs

    render = _print_search_csv if csv_output else _render_search
    run(lambda: search_programs(specialty, state, track, visa, text), render, json_output)


def _render_search(result: SearchResult) -> None:
    """One line per track; the specialty column only when the tracks span several."""
    shown = result.programs[:SHOWN_ROWS]
    specialties = sorted({p.specialty for p in result.programs})
    several = len(specialties) > 1
    h1b = 6 if result.h1b_first else 0
    n_columns = (7 if several else 6) + (1 if h1b else 0)
    room = console.width - (9 + 5 + 5 + 8 + h1b) - _borders(n_columns)  # names, specialty
    longest = max((len(p.specialty) for p in shown), default=9)
    spec_width = min(longest, max(9, room - 18)) if several else 0
    left = room - spec_width
    city_width = max(6, left // 3)
    table = Table(header_style="bold", pad_edge=False)
    table.add_column("code", no_wrap=True, width=9)
    table.add_column("institution", overflow="fold", width=max(12, left - city_width))
    table.add_column("city", overflow="fold", width=city_width)  # names wrap, never cut
    table.add_column("state", no_wrap=True, width=5)
    if several:
        table.add_column("specialty", no_wrap=True, width=spec_width)
    table.add_column("track", no_wrap=True, width=5)
    table.add_column("non-US\ninvited", justify="right", no_wrap=True, width=8)
    if h1b:
        table.add_column("H-1B\nevid.", no_wrap=True, width=h1b)
    for p in shown:
        rate = p.known("rate_non_us_img")
        cells = [p.code, p.institution, p.city or "?", p.state or "?"]
        cells += [hyphen_wrap(p.specialty, spec_width)] if several else []
        shown_rate = f"{rate:.0%}" if isinstance(rate, int | float) else "unknown"  # as published
        cells += [p.track, shown_rate]
        cells += [_evidence(p)] if h1b else []
        _add_row(table, *cells)
    if not several and specialties:
        console.print(f"Specialty: {specialties[0]}", markup=False)
    if shown:
        console.print(table)
    if shown:
        console.print(
            "non-US invited: the share of its non-US IMG applicants the program "
            "interviewed (2024 Match; unknown: not published).",
            markup=False,
            style="dim",
        )
    noun = "track" if result.total == 1 else "tracks"
    console.print(f"{result.total} {noun} ({len(shown)} shown; --csv or --json for all).")
    if result.left_out_unknown_state:
        n = result.left_out_unknown_state
        console.print(f"{count(n, 'track')} with no state in the source left out by --state.")
    if result.unknown_visa_kept:
        console.print(
            f"{count(result.unknown_visa_kept, 'track')} kept whose visa policy is unknown."
        )
    if result.no_h1b_evidence_kept:
        console.print(
            "Tracks with H-1B evidence come first; "
            f"{count(result.no_h1b_evidence_kept, 'track')} kept "
            "without any (no evidence in the sources is not a refusal to sponsor).",
            markup=False,
        )
    if any(p.city is None or p.state is None for p in shown):
        console.print("? = city or state not in the source.", markup=False, style="dim")
    _sources(result.sources)


def _evidence(p: Program) -> str:
    """strong / weak / none: what the sources show about H-1B, never a policy."""
    record = p.known("h1b_evidence")
    return str(record["strength"]) if isinstance(record, dict) else "none"


def _print_search_csv(result: SearchResult) -> None:
    from ..service.catalog import search_csv

    sys.stdout.write(search_csv(result))


@programs_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="NRMP program code, e.g. 1903140C0.")],
    json_output: JsonOption = False,
) -> None:
    """One program with every attribute, known or unknown, and its sources."""
    from ..service import show_program

    run(lambda: show_program(code), _render_show, json_output)


def _render_show(detail: ProgramDetail) -> None:
    p: Program = detail.program
    console.print(f"{p.code}  {p.institution}", markup=False)
    place = f"{p.city or 'city unknown'}, {p.state or 'state unknown'}"
    console.print(
        f"{detail.specialty_name} ({p.specialty}), track {p.track}: {p.track_name}", markup=False
    )
    console.print(f"Location: {place} ({p.location_method})", markup=False)
    if p.needs_pgy1:
        console.print("Advanced track: starts at PGY-2 and needs a PGY-1 position.")
    if p.reserved:
        console.print("Reserved track: open only to physicians with prior residency training.")
    for line in (*detail.grouping, *detail.size, *detail.h1b):
        console.print(line, markup=False, soft_wrap=True)
    numbers = {source: i for i, source in enumerate(detail.sources, start=1)}
    table = Table("attribute", "value", "as of", "source")
    for name, attr in p.attributes.items():
        value = _cell(attr.value) if attr.known else "unknown"
        _add_row(table, name, value, attr.as_of, f"[{numbers[attr.source]}]" if attr.known else "")
    console.print(table)
    console.print(detail.note, markup=False)
    for source, number in numbers.items():
        console.print(f"[{number}] {source}", markup=False, soft_wrap=True, style="dim")


def _cell(value: object) -> str:
    """A value for the attribute table; a record is summarised above the table."""
    return "see above" if isinstance(value, dict) else str(value)


@programs_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(help="CSV file (see: smartpick programs template).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show changes only.")] = False,
    replace_source: Annotated[
        bool,
        typer.Option(
            "--replace-source",
            help="FILE is your own copy of a shipped source file (e.g. the NRMP program list).",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Add or update program attributes from your own research: all rows or nothing."""
    from ..service import import_programs

    run(lambda: import_programs(file, dry_run, replace_source), _render_import, json_output)


def _render_import(result: object) -> None:
    from ..service.catalog import is_import_result

    if not is_import_result(result):
        console.print(_replace_text(result), markup=False, soft_wrap=True)
        return
    table = Table("line", "code", "attribute", "old", "new", "change")
    for c in result.changes:
        _add_row(table, str(c.line), c.code, c.attribute, _text(c.old), _text(c.new), c.kind)
    if result.changes:
        console.print(table)
    verb = "would change" if result.dry_run else "changed"
    console.print(f"{result.rows} rows read; {len(result.changes)} values {verb}.")


def _replace_text(result: object) -> str:
    r = result  # ReplaceResult
    done = "would replace" if r.dry_run else "now replaces"  # type: ignore[attr-defined]
    return f"{r.file} ({r.rows} rows) {done} the shipped {r.replaces}."  # type: ignore[attr-defined]


@programs_app.command("export")
def export(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to FILE.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Every program with a known attribute, as a CSV that import reads back."""
    from ..service import export_programs

    run(lambda: export_programs(output), _render_export, json_output)


def _render_export(result: ExportResult) -> None:
    if result.written_to:
        console.print(f"{result.rows} programs written to {result.written_to}.", markup=False)
        _sources(result.sources)
    else:
        sys.stdout.write(result.csv)  # sources on stderr, so the CSV stays importable
        for line in result.sources:
            err_console.print(f"Source: {line}", markup=False, soft_wrap=True)


@programs_app.command("template")
def template(json_output: JsonOption = False) -> None:
    """The header of an import file and what each column accepts."""
    from ..service import programs_template

    run(programs_template, _render_template, json_output)


def _render_template(result: TemplateResult) -> None:
    sys.stdout.write(result.csv)  # the header on stdout: `... template > mine.csv`
    table = Table("column", "accepts")
    for column in result.columns:
        _add_row(table, column["column"], column["accepts"])
    err_console.print(table)
    err_console.print(result.instructions, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(programs_app, name="programs")
