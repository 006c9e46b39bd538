"""The report: audit, committee view, plan with plots, what-if, sources and assumptions.

The HTML report renders from the same templates as the web pages (report mode:
styles inlined, no navigation, no scripts); the PDF is that HTML through WeasyPrint.

Public API::

    report_sections(profile, season, budget) -> dict   # the service results (and the plot)
    render_report_html(profile) -> str
    render_report_pdf(profile) -> bytes
    write_report(profile_path, output, season_path, budget) -> WrittenReport

``budget`` (a ``Budget``) stands for the profile's own where given: the plan and the what-if
are made at it, as ``smartpick plan --budget-usd`` does.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import service
from ..budget import Budget
from ..citations import glossary
from ..errors import InputError
from ..profile import Profile, load_profile
from ..results import output_path, to_jsonable, write_whole
from .security import CSP

FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf"}


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    format: str
    bytes: int


def report_sections(
    profile: Profile, season: Any = None, budget: Budget | None = None
) -> dict[str, Any]:
    """Each service's result for this profile, as JSON-able values; with a validated
    ``season`` file, the season companion's section too; the plan and the what-if at
    ``budget`` (default: the profile's)."""
    from .plans import plan_context

    sections: dict[str, Any] = {"audit": to_jsonable(service.audit_profile(profile))}
    if season is not None:
        sections["season"] = to_jsonable(service.season_for_profile(profile, season))
    sections["chances"] = to_jsonable(service.chances_for_profile(profile))
    whatif = service.whatif_for_profile(profile, budget)
    sections["whatif"] = to_jsonable(whatif)
    sections.update(plan_context(service.plan_for_profile(profile, budget, whatif=whatif)))
    return sections


def all_sources(sections: dict[str, Any]) -> list[str]:
    """Every source the sections cite, once each, in the order they appear."""
    found: list[str] = []
    for name in ("audit", "chances", "plan", "whatif", "season"):
        section = sections.get(name) or {}
        cited = list(section.get("sources") or []) + [section.get("source") or ""]
        if name == "season" and section:
            cited += list(section["soap"]["sources"])
        found += [s for s in cited if s and s not in found]
    return found


def _template_env():
    from .app import HERE, templates

    return templates().env, (HERE / "static" / "style.css").read_text(encoding="utf-8")


def render_report_html(
    profile: Profile,
    *,
    today: dt.date | None = None,
    season: Any = None,
    budget: Budget | None = None,
) -> str:
    """A self-contained HTML report (styles inlined, plots as data URIs, no scripts)."""
    env, css = _template_env()
    sections = report_sections(profile, season, budget)
    context = {
        **sections,
        "report_mode": True,
        "report_css": css,
        "all_sources": all_sources(sections),
        "generated": (today or dt.date.today()).isoformat(),
        "multi_user": False,
        "glossary": glossary(),
    }
    return env.get_template("report.html").render(context)


def report_csp(html: str) -> str:
    """The page CSP with the report's inline stylesheet allowed by its hash (CSP level 2):
    the downloaded file and the page served are the same HTML, styled in both."""
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
        for css in re.findall(r"<style>(.*?)</style>", html, flags=re.S)
    ]
    return CSP.replace("style-src 'self'", " ".join(["style-src 'self'", *hashes]))


def render_report_pdf(profile: Profile, season: Any = None, budget: Budget | None = None) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_report_html(profile, season=season, budget=budget)).write_pdf()


def write_report(
    profile_path: Path,
    output: Path,
    season_path: Path | None = None,
    budget: Budget | None = None,
) -> WrittenReport:
    """Write the report for the profile file to ``output`` (.html or .pdf); with a season
    file, its section too (the file is validated before anything is written); the plan and
    the what-if at ``budget`` (default: the profile's)."""
    kind = FORMATS.get(Path(output).suffix.lower())
    if kind is None:
        raise InputError(
            f"cannot write a report as '{Path(output).suffix or output.name}'",
            path="output",
            hint="name the output report.html or report.pdf",
        )
    out = Path(output)
    output_path(out, field="output")  # before the report is built: a wrong path is said at once
    profile = load_profile(profile_path)
    season = service.season_file(season_path) if season_path is not None else None
    data = (
        render_report_pdf(profile, season, budget)
        if kind == "pdf"
        else render_report_html(profile, season=season, budget=budget).encode()
    )
    write_whole(out, data, field="output")
    return WrittenReport(out, kind, len(data))
