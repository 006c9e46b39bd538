"""Service: the manual, the project's docs/*.md pages, read offline from the installed package.

The package's ``docs`` folder is a link to the repository's ``docs/``, so a clone reads the
pages it has and a built wheel carries a copy of them (package data).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import DataFileError, NotFoundError

__all__ = ["ManualPage", "manual_html", "manual_page", "manual_pages"]


@dataclass(frozen=True)
class ManualPage:
    topic: str  # the page's name: profile, plan, texts, ...
    title: str  # its first heading
    text: str  # Markdown; empty in the list of pages


# a source tree's own docs/ (src/smartpick/service/manual.py -> the repository): read where the
# package's link could not be made (a checkout on a filesystem without symbolic links)
SOURCE_DOCS = Path(__file__).resolve().parents[3] / "docs"


def _folder() -> resources.abc.Traversable:
    folder = resources.files("smartpick") / "docs"
    if folder.is_dir():
        return folder
    if SOURCE_DOCS.is_dir():
        return SOURCE_DOCS
    raise DataFileError(
        "the manual is not installed with this copy of smartpick",
        path="docs",
        hint="read the docs/ folder of the smartpick repository",
    )


def _title(lines: Iterable[str], topic: str) -> str:
    first = next((line for line in lines if line.startswith("# ")), "")
    return first[2:].strip() or topic


def _heading(entry: resources.abc.Traversable, topic: str) -> str:
    """The page's title, read up to its first heading only (texts.md alone is 250 kB)."""
    with entry.open(encoding="utf-8") as lines:
        return _title(lines, topic)


def manual_pages() -> tuple[ManualPage, ...]:
    """Every page, by topic, with its title (no text)."""
    pages = []
    for entry in sorted(_folder().iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".md"):
            topic = entry.name.removesuffix(".md")
            pages.append(ManualPage(topic, _heading(entry, topic), ""))
    return tuple(pages)


def manual_page(topic: str) -> ManualPage:
    """One page, whole, as Markdown; an unknown topic names the topics there are."""
    name = topic.strip().lower().removesuffix(".md")
    entry = _folder() / f"{name}.md"
    if not name.replace("-", "").isalpha() or not entry.is_file():
        topics = ", ".join(p.topic for p in manual_pages())
        raise NotFoundError(
            f"no manual page {topic[:40]!r}", path="topic", hint=f"the pages are: {topics}"
        )
    text = entry.read_text(encoding="utf-8")
    return ManualPage(name, _title(text.splitlines(), name), text)


def manual_html(page: ManualPage) -> str:
    """The page as HTML (CommonMark with tables; raw HTML in the page is escaped)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table").render(page.text)
