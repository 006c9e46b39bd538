"""`smartpick report`: HTML from the page templates, PDF through WeasyPrint, bad output names."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parent / "data" / "example-profile.yaml"


def test_html_report_is_self_contained_and_shows_audit_and_committee(cli, tmp_path):
    out = tmp_path / "report.html"
    result = cli("report", EXAMPLE, "-o", out, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["format"] == "html"
    html = out.read_text()
    assert 'id="red-flags"' in html and 'id="committee"' in html
    assert "exam-failure" in html and "professionalism" in html  # both in the example
    assert "<script" not in html and 'href="/static' not in html  # nothing to fetch
    assert "NRMP" in html  # sources are cited


def test_pdf_report_is_a_pdf_with_pages(cli, tmp_path):
    out = tmp_path / "report.pdf"
    result = cli("report", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(out)
    assert "Committee view" in text and "exam-failure" in text


def pdf_text(path: Path) -> str:
    """The PDF's text via poppler's pdftotext (installed by scripts/setup-test-env.sh)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("pdftotext not installed; run `bash scripts/setup-test-env.sh`")
        pytest.skip("pdftotext not installed; run `bash scripts/setup-test-env.sh`")
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def test_unknown_report_format_is_an_input_error(cli, tmp_path):
    result = cli("report", EXAMPLE, "-o", tmp_path / "report.docx")
    assert result.exit_code == 2
    assert "Error: output: cannot write a report as '.docx'" in result.stderr
    assert not (tmp_path / "report.docx").exists()


def test_bad_profile_gives_the_cli_error_and_no_report(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(EXAMPLE.read_text() + "favourite_colour: blue\n")
    result = cli("report", bad, "-o", tmp_path / "r.html", "--json")
    assert result.exit_code == 2
    assert "unknown key" in json.loads(result.stdout)["error"]["message"]
    assert not (tmp_path / "r.html").exists()


def test_report_has_the_plan_with_its_plot_and_the_whatif(cli, tmp_path):
    out = tmp_path / "report.html"
    assert cli("report", EXAMPLE, "-o", out).exit_code == 0
    html = out.read_text()
    assert 'id="plan-table"' in html and 'id="whatif-table"' in html
    assert 'src="data:image/png;base64,' in html  # the P(match)-budget plot, inlined


def test_report_ends_with_every_source_once(cli, tmp_path):
    out = tmp_path / "report.html"
    assert cli("report", EXAMPLE, "-o", out).exit_code == 0
    html = out.read_text()
    section = html.split('id="all-sources"')[1]
    items = re.findall(r"<li>(.*?)</li>", section, re.S)
    assert items and len(items) == len(set(items))
    assert any("Charting Outcomes" in item for item in items)


def _season_file(tmp_path, status: str = "invited") -> Path:
    from smartpick.catalog import open_catalog

    codes = [p.code for p in open_catalog().programs_for(["anesthesiology"], ["C"])][:3]
    rows = [f'  - {{program: "{codes[0]}", status: {status}, date: 2026-11-02}}']
    rows += [f'  - {{program: "{c}", status: applied}}' for c in codes[1:]]
    path = tmp_path / "season.yaml"
    path.write_text("as_of: 2026-12-01\napplications:\n" + "\n".join(rows) + "\n")
    return path


def test_report_with_a_season_file_has_the_season_section(cli, tmp_path):
    out = tmp_path / "report.html"
    assert cli("report", EXAMPLE, "-o", out, "--season", _season_file(tmp_path)).exit_code == 0
    html = out.read_text()
    assert 'id="season"' in html and 'id="p-match-now"' in html and 'id="rank-table"' in html
    assert "SOAP readiness" in html
    sources = html.split('id="all-sources"')[1]
    assert "rules_and_dates" in sources or "NRMP" in sources
    plain = tmp_path / "plain.html"
    assert cli("report", EXAMPLE, "-o", plain).exit_code == 0
    assert 'id="season"' not in plain.read_text()


def test_report_with_a_bad_season_file_writes_nothing(cli, tmp_path):
    bad = _season_file(tmp_path, status="maybe")
    out = tmp_path / "r.html"
    result = cli("report", EXAMPLE, "-o", out, "--season", bad, "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["error"]["path"] == "season.applications[0].status"
    assert not out.exists()


@pytest.mark.parametrize(("n", "said"), [(1, "with 1 program for"), (2, "with 2 programs for")])
def test_whatif_section_counts_programs_in_the_right_number(n, said):
    """The what-if section (page and report) said 'with 1 programs'."""
    from smartpick.planning.whatif import PlanSummary, WhatIfResult
    from smartpick.web.app import templates

    base = PlanSummary(0.5, n, 25.0 * n, 1.0, ())
    html = (
        templates()
        .get_template("_whatif.html")
        .render(whatif=WhatIfResult(2028, "usd", 3000.0, base, ()))
    )
    assert said in " ".join(html.split())


def test_whatif_section_says_effort_and_a_budget_in_programs_as_people_write_them():
    """The web and report what-if said '1.0 months (0.5–2.0)' and 'budget 1 programs'."""
    from conftest import EXAMPLES
    from smartpick.planning.actions import backup
    from smartpick.planning.whatif import Outcome, PlanSummary, WhatIfResult
    from smartpick.profile import load_profile
    from smartpick.web.app import templates

    action = backup(load_profile(EXAMPLES / "stacked-red-flags.yaml"), None)  # 1 (0.5-2) months
    base = PlanSummary(0.5, 3, 75.0, 1.0, ())
    result = WhatIfResult(2028, "programs", 1.0, base, (Outcome(action, 0.5, 0.6, 0.1, 0.1, base),))
    html = " ".join(templates().get_template("_whatif.html").render(whatif=result).split())
    assert "1 month (0.5–2)" in html and "budget 1 program)" in html
    assert "1.0 months" not in html


def test_the_plan_section_says_one_signal_shows_on_each_listing(cli, tmp_path):
    """The IR example's plan marks more rows with a signal than it sends (an institution's
    advanced and categorical listings, its DR and IR, share one): the page says so."""
    from conftest import EXAMPLES

    out = tmp_path / "report.html"
    assert cli("report", EXAMPLES / "ir-h1b-reapplicant.yaml", "-o", out).exit_code == 0
    text = " ".join(out.read_text().split())
    said = re.search(r'id="signal-rows">[^<]*\((\d+) rows show the (\d+) signals sent\)', text)
    assert said and int(said.group(1)) > int(said.group(2))


def test_a_profile_without_a_budget_gets_one_from_the_options_the_hint_names(cli, tmp_path):
    """The no-budget error's hint names --budget-usd and --programs: report takes them too,
    and its plan and what-if are made at that budget."""
    unbudgeted = tmp_path / "no-budget.yaml"
    unbudgeted.write_text(EXAMPLE.read_text().replace("budget: {usd: 3000}\n", ""))
    out = tmp_path / "report.html"
    refused = cli("report", unbudgeted, "-o", out)
    assert refused.exit_code == 2 and "--budget-usd N" in refused.stderr
    assert not out.exists()
    assert cli("report", unbudgeted, "-o", out, "--budget-usd", "1800").exit_code == 0
    assert "budget $1,800" in out.read_text()
    assert cli("report", unbudgeted, "-o", out, "--programs", "12").exit_code == 0
    assert "budget 12 programs" in out.read_text()
    both = cli("report", unbudgeted, "-o", out, "--programs", "12", "--budget-usd", "1800")
    assert both.exit_code == 2 and "not both" in both.stderr
