"""``smartpick audit PROFILE [--specialty S] [--no-chances] [--json]``: the audit."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..errors import printable
from .common import JsonOption, console, field, pct, run

if TYPE_CHECKING:
    from ..service.audit import Audit, CommitteeView

LABEL_STYLE = {"strong": "green", "borderline": "yellow", "do-not-rank": "red"}


def register(app: typer.Typer) -> None:
    app.command("audit")(audit_command)


def audit_command(
    profile: Annotated[Path, typer.Argument(help="Profile file (YAML or JSON, format v1).")],
    specialty: Annotated[
        str | None,
        typer.Option("--specialty", help="Target specialty id (default: targets.primary)."),
    ] = None,
    json_output: JsonOption = False,
    no_chances: Annotated[
        bool,
        typer.Option(
            "--no-chances",
            help="Fast: the composite's label, not set by the chance model's P(match).",
        ),
    ] = False,
) -> None:
    """Red-flag audit and committee view of a profile (NRMP Main Match)."""
    from ..service.audit import audit_profile

    run(lambda: audit_profile(profile, specialty, not no_chances), render_audit, json_output)


def render_audit(result: Audit) -> None:
    from rich.table import Table
    from rich.text import Text

    console.print(_headline(result))
    table = Table(show_lines=True, header_style="bold")
    width = max((len(t) for f in result.red_flags for t in (f.id, f.category)), default=4)
    table.add_column("flag", no_wrap=True, min_width=width)
    table.add_column("severity", justify="right", no_wrap=True)
    table.add_column("evidence", ratio=3)
    table.add_column("address in", ratio=2, min_width=PLACE_WIDTH)
    for flag in result.red_flags:
        table.add_row(
            f"{flag.id}\n[dim]{flag.category}[/dim]",
            str(flag.severity),
            Text("\n".join(printable_lines(flag.evidence))),
            "\n".join(PLACE_LABELS.get(p, p) for p in flag.where_to_address),
        )
    if result.red_flags:
        console.print(table)
    for stack in result.stacks:
        console.print(f"Stacked: {stack.id}: {stack.reason}", markup=False)
    _render_committee(result.committee)
    for view in result.other_targets:
        console.print(
            f"Also targeted: {field(view.specialty)}: {view.label} (composite {view.composite:g})"
        )
    console.print(f"[dim]{result.covers}[/dim]")
    for source in result.sources:
        console.print(f"[dim]Source: {source}[/dim]")


PLACE_LABELS = {  # short names of data/red_flags.yaml's places, for the table
    "additional-information": "ERAS Add. Info",
    "personal-statement": "statement",
}
PLACE_WIDTH = max(len(label) for label in PLACE_LABELS.values())


def printable_lines(lines: Iterable[str]) -> list[str]:
    """Each line with its control characters escaped (profile text is shown as typed)."""
    return [printable(line) for line in lines]


def _headline(result: Audit) -> str:
    n = len(result.red_flags)
    label = result.committee.label
    style = LABEL_STYLE.get(label, "white")
    found = "no red flags" if n == 0 else f"{n} red flag{'s' if n != 1 else ''}"
    # the label follows the chance model where it has one: saying so keeps a heavy severity
    # beside a "strong" label from reading as a contradiction
    p_match = result.committee.p_match
    basis = "" if p_match is None else f" ({pct(p_match)} P(match))"
    return (
        f"[bold]Red-flag audit[/bold] for {field(result.specialty)}, {result.season} Main Match: "
        f"{found}, overall severity {result.overall_severity}/100, "
        f"committee label [{style}]{label}[/{style}]{basis}"
    )


def _render_committee(view: CommitteeView) -> None:
    from rich.panel import Panel
    from rich.text import Text

    row = view.row
    lines = [
        f"{row.country} ({row.citizenship}) | Step 1: {row.step1} | Step 2 CK: {row.step2ck} | "
        f"Step 3: {row.step3} | YOG {row.yog} ({row.years_since_graduation:g} y) | "
        f"visa: {row.visa} | interview: {row.interview}",
        f"flags: {', '.join(row.flags) or 'none'}",
        "",
        *[f"- {reason}" for reason in view.reasons],
    ]
    style = LABEL_STYLE.get(view.label, "white")
    title = f"Committee view ({field(view.specialty)}): [{style}]{view.label}[/{style}]"
    body = Text("\n".join(printable_lines(lines)))  # plain text: a country may hold '[' (markup)
    console.print(Panel(body, title=title, title_align="left"))
