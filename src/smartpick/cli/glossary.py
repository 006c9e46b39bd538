"""``smartpick glossary [TERM]``: the words of the outputs in plain language."""

from __future__ import annotations

from typing import Annotated

import typer

from ..citations import Glossary, GlossaryTerm, glossary
from ..errors import InputError
from .common import JsonOption, console, run


def register(app: typer.Typer) -> None:
    app.command("glossary")(glossary_command)


def glossary_command(
    term: Annotated[
        str | None, typer.Argument(help="One word to explain (e.g. signal); default: all.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The words smartpick's outputs use (P(match), reach, signal, assumed, ...) explained."""
    run(lambda: _terms(glossary(), term), _render, json_output)


def _terms(words: Glossary, term: str | None) -> Glossary:
    if term is None:
        return words
    found = words.lookup(term)
    if found is None:
        raise InputError(
            f"no glossary entry for {term!r}",
            path="term",
            hint="run 'smartpick glossary' for the list of terms",
        )
    return Glossary(terms=(found,))


def _render(words: Glossary) -> None:
    for t in words.terms:
        _render_term(t)


def _render_term(t: GlossaryTerm) -> None:
    also = f" (also: {', '.join(t.aliases)})" if t.aliases else ""
    console.print(f"{t.term}{also}", markup=False, style="bold")
    console.print(f"  {t.meaning}", markup=False)
    if t.see:
        console.print(f"  See: {', '.join(t.see)}", markup=False, style="dim")
