"""``smartpick docs [TOPIC]``: the manual (the profile format, the plan, the chance model ...),
offline, from the installed package."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markdown import Markdown

from ..service import manual_page, manual_pages
from ..service.manual import ManualPage
from .common import JsonOption, console, run


def register(app: typer.Typer) -> None:
    app.command("docs")(docs_command)


def docs_command(
    topic: Annotated[
        str | None, typer.Argument(help="The page to read (e.g. profile); default: the list.")
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """The manual: the profile format, the plan, the chance model, the text review, ..."""
    if topic is None:
        run(manual_pages, _render_list, json_output)
    else:
        run(lambda: manual_page(topic), _render_page, json_output)


def _render_list(pages: tuple[ManualPage, ...]) -> None:
    width = max(len(p.topic) for p in pages)
    for p in pages:
        console.print(f"{p.topic:<{width}}  {p.title}", markup=False)
    console.print("Read one with: smartpick docs TOPIC", markup=False, style="dim")


def _render_page(page: ManualPage) -> None:
    console.print(Markdown(page.text))
